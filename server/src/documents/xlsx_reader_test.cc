#include "documents/xlsx_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <fstream>
#include <map>
#include <sstream>

#include "documents/xlsx_writer.h"

namespace kehu::documents {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using Parts = std::map<std::string, std::string>;

// A ZIP with the given entries, built with minizip's writer through a temporary file.
std::string BuildZip(const Parts& parts) {
  std::string path = testing::TempDir() + "kehu-zip-XXXXXX";
  int fd = ::mkstemp(path.data());
  ::close(fd);
  zipFile zf = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  for (const auto& [name, content] : parts) {
    zipOpenNewFileInZip(zf, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 6);
    zipWriteInFileInZip(zf, content.data(), static_cast<unsigned>(content.size()));
    zipCloseFileInZip(zf);
  }
  zipClose(zf, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  ::unlink(path.c_str());
  return out.str();
}

constexpr const char* kRootRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
constexpr const char* kWorkbookRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/>)"
    R"(<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/other.xml"/>)"
    R"(<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";

std::string Workbook(bool date1904 = false) {
  return std::string(
             R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)") +
         (date1904 ? R"(<workbookPr date1904="1"/>)" : "") +
         R"(<sheets><sheet name="客户" sheetId="3" r:id="rId7"/><sheet name="other" sheetId="1" r:id="rId8"/></sheets></workbook>)";
}

constexpr const char* kSharedStrings =
    R"(<sst><si><t>名称</t></si><si><t>手机</t></si><si><r><t>北京</t></r><r><rPr><b/></rPr><t>网联</t></r>)"
    R"(<rPh sb="0" eb="2"><t>ペキン</t></rPh></si><si><t xml:space="preserve"> a_x000D_b </t></si></sst>)";
constexpr const char* kStyles =
    R"(<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>)"
    R"(<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>)"
    R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="2"/><xf numFmtId="22"/></cellXfs></styleSheet>)";

std::string Sheet(const std::string& rows) {
  return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

Parts ExcelLikeParts(const std::string& sheet_rows, bool date1904 = false) {
  return {{"_rels/.rels", kRootRels},
          {"xl/workbook.xml", Workbook(date1904)},
          {"xl/_rels/workbook.xml.rels", kWorkbookRels},
          {"xl/sharedStrings.xml", kSharedStrings},
          {"xl/styles.xml", kStyles},
          {"xl/worksheets/data.xml", Sheet(sheet_rows)},
          {"xl/worksheets/other.xml",
           Sheet(R"(<row r="1"><c t="inlineStr"><is><t>wrong sheet</t></is></c></row>)")}};
}

Result<Rows> Read(const std::string& bytes, XlsxReadOptions options = {},
                  std::vector<int64_t>* row_numbers = nullptr) {
  Rows rows;
  Status s = ReadXlsx(bytes, options, [&](const XlsxRow& row) {
    rows.push_back(row.cells);
    if (row_numbers) row_numbers->push_back(row.row);
    return Ok();
  });
  if (!s.ok()) return s.error();
  return rows;
}

TEST(XlsxReaderTest, RoundTripThroughTheWriter) {
  auto w = XlsxWriter::Create("客户列表",
                              {"客户名称", "手机", "统一社会信用代码", "银行账号", "备注", "金额"});
  ASSERT_TRUE(w.ok());
  std::vector<XlsxCell> row1 = {
      XlsxCell::Text("北京网联科技有限公司"),      XlsxCell::Text("13812345678"),
      XlsxCell::Text("91110108MA01ABCD2X"),        XlsxCell::Text("6222021234567890123"),
      XlsxCell::Text("生僻字𠀀与“引号”&<尖括号>"), XlsxCell::Number(1234.56)};
  std::vector<XlsxCell> row2 = {XlsxCell::Text("上海"),    XlsxCell::Empty(), XlsxCell::Empty(),
                                XlsxCell::Text("0012345"), XlsxCell::Empty(), XlsxCell::Empty()};
  ASSERT_TRUE((*w)->AddRow(row1).ok());
  ASSERT_TRUE((*w)->AddRow(row2).ok());
  ASSERT_TRUE((*w)->AddRow({XlsxCell::Empty(), XlsxCell::Empty()}).ok());
  ASSERT_TRUE((*w)->AddRow({XlsxCell::Text("多行\n备注"), XlsxCell::Number(13812345678.0)}).ok());
  auto bytes = (*w)->Finish();
  ASSERT_TRUE(bytes.ok());
  std::vector<int64_t> numbers;
  auto rows = Read(*bytes, {}, &numbers);
  ASSERT_TRUE(rows.ok()) << rows.error().code << " " << rows.error().detail;
  EXPECT_EQ(*rows, (Rows{{"客户名称", "手机", "统一社会信用代码", "银行账号", "备注", "金额"},
                         {"北京网联科技有限公司", "13812345678", "91110108MA01ABCD2X",
                          "6222021234567890123", "生僻字𠀀与“引号”&<尖括号>", "1234.56"},
                         {"上海", "", "", "0012345"},
                         {"多行\n备注", "13812345678"}}));
  EXPECT_EQ(numbers, (std::vector<int64_t>{1, 2, 3, 5})) << "the empty row 4 is not reported";
}

TEST(XlsxReaderTest, ExcelLikeFileWithSharedStringsStylesAndGaps) {
  std::string rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>)"
      R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="3"><v>3.5</v></c><c r="C2"><v>13812345678</v></c>)"
      R"(<c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c><c r="F2" t="e"><v>#N/A</v></c></row>)"
      R"(<row r="4"><c r="A4" s="1"><v>45413</v></c><c r="B4" s="2"><v>45413</v></c><c r="C4" s="4"><v>45413.5</v></c>)"
      R"(<c r="D4" t="str"><f>A1&amp;"x"</f><v>名称x</v></c><c r="E4" t="s"><v>3</v></c><c r="F4" s="1"/></row>)"
      R"(<row r="5"><c t="inlineStr"><is><t>无引用</t></is></c><c><v>0.30000000000000004</v></c></row>)";
  std::vector<int64_t> numbers;
  auto r = Read(BuildZip(ExcelLikeParts(rows)), {}, &numbers);
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().detail;
  EXPECT_EQ(*r, (Rows{{"名称", "", "手机"},
                      {"北京网联", "3.5", "13812345678", "TRUE", "FALSE", "#N/A"},
                      {"2024-05-01", "2024-05-01", "2024-05-01 12:00:00", "名称x", " a\rb "},
                      {"无引用", "0.3"}}));
  EXPECT_EQ(numbers, (std::vector<int64_t>{1, 2, 4, 5}));
}

TEST(XlsxReaderTest, Date1904System) {
  auto r =
      Read(BuildZip(ExcelLikeParts(R"(<row r="1"><c r="A1" s="1"><v>43951</v></c></row>)", true)));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (Rows{{"2024-05-01"}}));
}

TEST(XlsxReaderTest, PrefixedElementNames) {
  Parts parts = ExcelLikeParts("");
  parts["xl/worksheets/data.xml"] =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
      R"(<x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>)";
  auto r = Read(BuildZip(parts));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (Rows{{"", "前缀"}}));
}

TEST(XlsxReaderTest, NotXlsx) {
  for (std::string bytes :
       {std::string("名称,手机\n"), std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8),
        std::string("PK\x03\x04garbage", 11), BuildZip({{"word/document.xml", "<w:document/>"}})}) {
    auto r = Read(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "not_xlsx") << r.error().detail;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  }
}

TEST(XlsxReaderTest, MalformedParts) {
  Parts bad_xml = ExcelLikeParts("<row r=\"1\"><c><v>1</v></row>");
  EXPECT_EQ(Read(BuildZip(bad_xml)).error().code, "xlsx_malformed");
  Parts bad_index = ExcelLikeParts(R"(<row r="1"><c t="s"><v>99</v></c></row>)");
  EXPECT_EQ(Read(BuildZip(bad_index)).error().code, "xlsx_malformed");
  Parts no_sheet = ExcelLikeParts("");
  no_sheet.erase("xl/worksheets/data.xml");
  EXPECT_EQ(Read(BuildZip(no_sheet)).error().code, "xlsx_malformed");
  Parts doctype = ExcelLikeParts("");
  doctype["xl/sharedStrings.xml"] =
      R"(<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>)";
  EXPECT_EQ(Read(BuildZip(doctype)).error().code, "xlsx_malformed");
}

TEST(XlsxReaderTest, ZipBombStopsAtTheByteCap) {
  std::string rows;
  for (int i = 1; i <= 40000; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c t=\"inlineStr\"><is><t>" +
            std::string(40, 'a') + "</t></is></c></row>";
  std::string bytes = BuildZip(ExcelLikeParts(rows));
  ASSERT_LT(bytes.size(), 200u * 1024) << "highly compressible";
  int64_t seen = 0;
  Status s = ReadXlsx(bytes, {.max_uncompressed_bytes = 1024 * 1024}, [&](const XlsxRow&) {
    ++seen;
    return Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "xlsx_too_large");
  EXPECT_EQ(s.error().kind, ErrorKind::kPayloadTooLarge);
  EXPECT_TRUE(Read(bytes, {.max_uncompressed_bytes = 8 * 1024 * 1024}).ok());
}

TEST(XlsxReaderTest, RowCapAndCallbackErrors) {
  std::string rows;
  for (int i = 1; i <= 10; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c><v>" + std::to_string(i) + "</v></c></row>";
  std::string bytes = BuildZip(ExcelLikeParts(rows));
  auto capped = Read(bytes, {.max_rows = 5});
  ASSERT_FALSE(capped.ok());
  EXPECT_EQ(capped.error().code, "xlsx_too_many_rows");
  EXPECT_EQ(capped.error().args.at("max"), "5");
  int calls = 0;
  Status s = ReadXlsx(bytes, {}, [&](const XlsxRow& row) -> Status {
    ++calls;
    return row.row == 3 ? Status(InvalidInput("stop")) : Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "stop");
  EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace kehu::documents
