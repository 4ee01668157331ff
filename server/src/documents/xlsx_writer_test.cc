#include "documents/xlsx_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "documents/xlsx_reader.h"

namespace kehu::documents {
namespace {

namespace fs = std::filesystem;

class XlsxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kehu-xlsx-writer-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  size_t FilesInDir() const {
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }

  XlsxWriterOptions Options(bool constant_memory = true) const {
    return {constant_memory, dir_.string()};
  }

  fs::path dir_;
};

std::vector<std::vector<std::string>> ReadBack(const std::string& bytes) {
  std::vector<std::vector<std::string>> rows;
  Status s = ReadXlsx(bytes, {}, [&](const XlsxRow& row) {
    rows.push_back(row.cells);
    return Ok();
  });
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().code + " " + s.error().detail);
  return rows;
}

TEST_F(XlsxWriterTest, WritesAZipAndLeavesNoTemporaryFiles) {
  auto w = XlsxWriter::Create("客户", {"名称", "手机"}, Options());
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(FilesInDir(), 1u) << "the private workbook file";
  ASSERT_TRUE((*w)->AddRow({XlsxCell::Text("北京网联"), XlsxCell::Text("13812345678")}).ok());
  EXPECT_EQ((*w)->rows_written(), 1);
  auto bytes = (*w)->Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  EXPECT_EQ(FilesInDir(), 0u);
  EXPECT_FALSE((*w)->Finish().ok()) << "a second Finish is refused";
}

TEST_F(XlsxWriterTest, AbandonedWriterRemovesItsFile) {
  {
    auto w = XlsxWriter::Create("x", {"a"}, Options());
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->AddRow({XlsxCell::Text("v")}).ok());
    EXPECT_EQ(FilesInDir(), 1u);
  }
  EXPECT_EQ(FilesInDir(), 0u);
}

TEST_F(XlsxWriterTest, UnwritableTempDirIsAnError) {
  auto w = XlsxWriter::Create("x", {"a"}, {true, "/nonexistent/kehu"});
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().kind, ErrorKind::kInternal);
}

TEST_F(XlsxWriterTest, CellTypesInBothMemoryModes) {
  for (bool constant_memory : {true, false}) {
    SCOPED_TRACE(constant_memory);
    auto w = XlsxWriter::Create("Sheet", {"文本", "数字", "日期", "时间", "空", "尾"},
                                Options(constant_memory));
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(
        (*w)->AddRow({XlsxCell::Text("=1+1"), XlsxCell::Number(1234.5), XlsxCell::Date(2026, 5, 1),
                      XlsxCell::DateTime({2026, 5, 1, 13, 45, 30}), XlsxCell::Empty(),
                      XlsxCell::Text("end")})
            .ok());
    auto bytes = (*w)->Finish();
    ASSERT_TRUE(bytes.ok());
    auto rows = ReadBack(*bytes);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"文本", "数字", "日期", "时间", "空", "尾"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"=1+1", "1234.5", "2026-05-01",
                                                 "2026-05-01 13:45:30", "", "end"}))
        << "text that looks like a formula stays text";
  }
}

TEST_F(XlsxWriterTest, OverlongTextIsCutAtExcelsLimit) {
  std::string long_text;
  for (int i = 0; i < 40000; ++i) long_text += "长";
  auto w = XlsxWriter::Create("s", {"备注"}, Options());
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->AddRow({XlsxCell::Text(long_text)}).ok());
  auto bytes = (*w)->Finish();
  ASSERT_TRUE(bytes.ok());
  auto rows = ReadBack(*bytes);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0].size(), 32767u * 3);
}

TEST(SafeSheetNameTest, ReplacesForbiddenCharactersAndCuts) {
  EXPECT_EQ(SafeSheetName("客户/联系人[1]?"), "客户_联系人_1__");
  EXPECT_EQ(SafeSheetName(""), "Sheet1");
  EXPECT_EQ(SafeSheetName("'quoted'"), "_quoted_");
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "字";
  EXPECT_EQ(SafeSheetName(forty).size(), 31u * 3);
}

}  // namespace
}  // namespace kehu::documents
