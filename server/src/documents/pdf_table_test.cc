#include "documents/pdf_table.h"

#include <gtest/gtest.h>

#include "documents/pdf_test_util.h"
#include "documents/table_csv.h"

namespace kehu::documents {
namespace {

using Pages = std::vector<std::vector<size_t>>;

TEST(PaginateRows, FillsEachPageAndStartsANewOneWhenARowDoesNotFit) {
  EXPECT_EQ(PaginateRows({}, 100, 120), (Pages{{}}));
  EXPECT_EQ(PaginateRows({40, 40, 40, 40}, 100, 120), (Pages{{0, 1}, {2, 3}}));
  EXPECT_EQ(PaginateRows({50, 50, 50, 50, 50}, 100, 120), (Pages{{0, 1}, {2, 3}, {4}}));
  // A row taller than a page still gets printed, alone.
  EXPECT_EQ(PaginateRows({10, 300, 10}, 100, 120), (Pages{{0}, {1}, {2}}));
}

PrintTable AddressTable(int rows) {
  PrintTable t;
  t.title = "客户地址表";
  t.headers = {"客户名称", "邮政编码", "地址", "联系人"};
  t.column_weights = {3, 1.2, 5, 1.5};
  for (int i = 0; i < rows; ++i)
    t.rows.push_back({"北京网联科技有限公司" + std::to_string(i), "100080",
                      "北京市海淀区中关村大街" + std::to_string(i) + "号", "张伟"});
  return t;
}

TEST(TablePdf, HeaderRepeatsOnEveryPageWithPageNumbers) {
  auto pdf = RenderTablePdf(AddressTable(120));
  ASSERT_TRUE(pdf.ok());
  int pages = testing::PdfPages(*pdf);
  ASSERT_GE(pages, 2);
  // pdftotext drops the spaces between CJK and digits; compare without them.
  auto squeeze = [](std::string s) {
    std::erase(s, ' ');
    return s;
  };
  std::string total = "共" + std::to_string(pages) + "页";
  for (int p = 1; p <= pages; ++p) {
    std::string text = squeeze(testing::PdfText(*pdf, p, p));
    EXPECT_NE(text.find("客户名称"), std::string::npos) << "page " << p;
    EXPECT_NE(text.find("邮政编码"), std::string::npos) << "page " << p;
    EXPECT_NE(text.find("第" + std::to_string(p) + "页/" + total), std::string::npos)
        << "page " << p << ": " << text;
  }
  EXPECT_NE(testing::PdfText(*pdf, 1, 1).find("客户地址表"), std::string::npos);
  EXPECT_NE(testing::PdfText(*pdf, pages, pages).find("北京网联科技有限公司119"),
            std::string::npos);
}

TEST(TablePdf, EnglishPageLabel) {
  PrintTable t = AddressTable(1);
  t.page_label = "Page {page} of {pages}";
  auto pdf = RenderTablePdf(t);
  ASSERT_TRUE(pdf.ok());
  EXPECT_NE(testing::PdfText(*pdf).find("Page 1 of 1"), std::string::npos);
}

TEST(TableCsv, Utf8WithBomQuotedAndFormulaSafe) {
  std::string csv = TableToCsv({"客户名称", "电话"}, {{"网联\"科技\"", "=1+1"}, {"-x", "@y"}});
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF\"客户名称\",\"电话\"\r\n\"网联\"\"科技\"\"\",\"'=1+1\"\r\n"
            "\"'-x\",\"'@y\"\r\n");
}

}  // namespace
}  // namespace kehu::documents
