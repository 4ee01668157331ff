#include "documents/csv_reader.h"

#include <gtest/gtest.h>

namespace kehu::documents {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows ReadAll(std::string_view text, CsvOptions options = {},
             std::vector<int64_t>* lines = nullptr) {
  Rows rows;
  Status s = ReadCsv(text, options, [&](const CsvRow& row) {
    rows.push_back(row.fields);
    if (lines) lines->push_back(row.line);
    return Ok();
  });
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().code);
  return rows;
}

Error ReadError(std::string_view text, CsvOptions options = {}) {
  Status s = ReadCsv(text, options, [](const CsvRow&) { return Ok(); });
  EXPECT_FALSE(s.ok());
  return s.ok() ? Error() : s.error();
}

TEST(CsvReaderTest, PlainRowsWithChineseText) {
  EXPECT_EQ(ReadAll("名称,手机\r\n北京网联,13812345678\r\n"),
            (Rows{{"名称", "手机"}, {"北京网联", "13812345678"}}));
}

TEST(CsvReaderTest, QuotedFieldsDoubledQuotesEmbeddedDelimitersAndNewlines) {
  std::vector<int64_t> lines;
  Rows rows = ReadAll(
      "name,remarks\n"
      "\"北京, 海淀\",\"他说\"\"你好\"\"\"\n"
      "\"多行\r\n备注\",\"a\nb\rc\"\n"
      "last,\"\"\n",
      {}, &lines);
  EXPECT_EQ(rows, (Rows{{"name", "remarks"},
                        {"北京, 海淀", "他说\"你好\""},
                        {"多行\r\n备注", "a\nb\rc"},
                        {"last", ""}}));
  // Physical lines: the third record spans lines 3–6 (CRLF, LF and CR each end a line).
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 3, 7}));
}

TEST(CsvReaderTest, LineEndingsAndTrailingNewline) {
  Rows expected{{"a", "b"}, {"c", "d"}, {"e", "f"}};
  EXPECT_EQ(ReadAll("a,b\r\nc,d\ne,f"), expected) << "no final line break";
  EXPECT_EQ(ReadAll("a,b\rc,d\re,f\r"), expected) << "old Mac CR";
  EXPECT_EQ(ReadAll("a,b\nc,d\r\ne,f\r\n"), expected) << "mixed";
  EXPECT_EQ(ReadAll(""), Rows{});
  EXPECT_EQ(ReadAll("\r\n\r\n"), Rows{}) << "only empty lines";
}

TEST(CsvReaderTest, EmptyLinesAreSkippedButLineNumbersCountThem) {
  std::vector<int64_t> lines;
  EXPECT_EQ(ReadAll("a\n\n\nb\n", {}, &lines), (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 4}));
}

TEST(CsvReaderTest, EmptyFieldsAndBlankRows) {
  CsvReader reader(",,\nx,,\n");
  CsvRow row;
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_EQ(row.fields, (std::vector<std::string>{"", "", ""}));
  EXPECT_TRUE(row.IsBlank());
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_EQ(row.fields, (std::vector<std::string>{"x", "", ""}));
  EXPECT_FALSE(row.IsBlank());
  EXPECT_EQ(row.index, 2);
  EXPECT_FALSE(*reader.Next(row));
}

TEST(CsvReaderTest, BomIsSkipped) {
  EXPECT_EQ(ReadAll("\xEF\xBB\xBF名称,电话\n"), (Rows{{"名称", "电话"}}));
}

TEST(CsvReaderTest, LenientQuotesAsExcelReadsThem) {
  EXPECT_EQ(ReadAll("ab\"c,\"x\"y\n"), (Rows{{"ab\"c", "xy"}}));
}

TEST(CsvReaderTest, RaggedRowsAreReturnedWithTheirLine) {
  std::vector<int64_t> lines;
  Rows rows = ReadAll("a,b,c\n1,2\n\"x\ny\",2,3,4\n", {}, &lines);
  EXPECT_EQ(rows, (Rows{{"a", "b", "c"}, {"1", "2"}, {"x\ny", "2", "3", "4"}}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 3}));
}

TEST(CsvReaderTest, RaggedRowIsAnErrorWhenRejected) {
  Error e = ReadError("a,b,c\n1,2,3\n\n1,2\n", {.reject_ragged = true});
  EXPECT_EQ(e.code, "csv_ragged_row");
  EXPECT_EQ(e.args["row"], "4");
  EXPECT_EQ(e.args["expected"], "3");
  EXPECT_EQ(e.args["found"], "2");
}

TEST(CsvReaderTest, UnterminatedQuoteNamesTheRowWhereTheFieldStarts) {
  Error e = ReadError("a,b\n1,2\n3,\"never closed\n4,5\n");
  EXPECT_EQ(e.code, "csv_unterminated_quote");
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(e.args["row"], "3");
}

TEST(CsvReaderTest, FieldAndColumnLimits) {
  std::string big = "a\n" + std::string(101, 'x') + "\n";
  Error e = ReadError(big, {.max_field_bytes = 100});
  EXPECT_EQ(e.code, "csv_field_too_large");
  EXPECT_EQ(e.args["row"], "2");
  EXPECT_EQ(ReadAll(std::string(100, 'x'), {.max_field_bytes = 100}).size(), 1u);

  Error quoted = ReadError("\"" + std::string(101, 'y') + "\"", {.max_field_bytes = 100});
  EXPECT_EQ(quoted.code, "csv_field_too_large");

  Error cols = ReadError("a,b\n1,2,3,4\n", {.max_columns = 3});
  EXPECT_EQ(cols.code, "csv_too_many_columns");
  EXPECT_EQ(cols.args["row"], "2");
  EXPECT_EQ(cols.args["max"], "3");
}

TEST(CsvReaderTest, StopsOnErrorFromCallback) {
  int calls = 0;
  Status s = ReadCsv("a\nb\nc\n", {}, [&](const CsvRow& row) -> Status {
    ++calls;
    if (row.index == 2) return InvalidInput("stop_here");
    return Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "stop_here");
  EXPECT_EQ(calls, 2);
}

TEST(CsvReaderTest, SniffsSemicolonAndTab) {
  EXPECT_EQ(SniffDelimiter("名称;电话;地址\n1,2;3"), ';');
  EXPECT_EQ(SniffDelimiter("名称\t电话\n"), '\t');
  EXPECT_EQ(SniffDelimiter("\"a;b;c\",d\n"), ',') << "delimiters inside quotes do not count";
  EXPECT_EQ(SniffDelimiter("名称\n"), ',');
  EXPECT_EQ(SniffDelimiter("a;b,c\n"), ',') << "a tie goes to the comma";
  EXPECT_EQ(ReadAll("名称\t备注\n张伟\t\"a\tb\"\n"), (Rows{{"名称", "备注"}, {"张伟", "a\tb"}}));
  EXPECT_EQ(ReadAll("a;b\n1,5;2\n"), (Rows{{"a", "b"}, {"1,5", "2"}}));
  EXPECT_EQ(ReadAll("a;b\n", {.delimiter = ','}), (Rows{{"a;b"}})) << "an explicit delimiter wins";
}

TEST(CsvReaderTest, HundredThousandRows) {
  std::string text = "名称,手机,地址\r\n";
  for (int i = 0; i < 100000; ++i)
    text +=
        "客户" + std::to_string(i) + ",138" + std::to_string(10000000 + i) + ",\"北京,海淀\"\r\n";
  int64_t count = 0;
  std::string last;
  Status s = ReadCsv(text, {}, [&](const CsvRow& row) {
    ++count;
    last = row.fields[0] + "|" + row.fields[1] + "|" + row.fields[2];
    return row.fields.size() == 3 ? Ok() : Status(InvalidInput("ragged"));
  });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(count, 100001);
  EXPECT_EQ(last, "客户99999|13810099999|北京,海淀");
}

}  // namespace
}  // namespace kehu::documents
