#include "documents/xlsx_cells.h"

#include <gtest/gtest.h>

namespace kehu::documents {
namespace {

TEST(XlsxCellsTest, ParseCellRef) {
  auto a1 = ParseCellRef("A1");
  ASSERT_TRUE(a1);
  EXPECT_EQ(a1->col, 0);
  EXPECT_EQ(a1->row, 1);
  auto c12 = ParseCellRef("C12");
  ASSERT_TRUE(c12);
  EXPECT_EQ(c12->col, 2);
  EXPECT_EQ(c12->row, 12);
  auto aa = ParseCellRef("AA3");
  ASSERT_TRUE(aa);
  EXPECT_EQ(aa->col, 26);
  auto last = ParseCellRef("XFD1048576");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->col, 16383);
  EXPECT_EQ(last->row, 1048576);
  EXPECT_FALSE(ParseCellRef("XFE1")) << "beyond Excel's last column";
  EXPECT_FALSE(ParseCellRef("ABCD1"));
  EXPECT_FALSE(ParseCellRef("1A"));
  EXPECT_FALSE(ParseCellRef(""));
  EXPECT_FALSE(ParseCellRef("A1:B2"));
}

TEST(XlsxCellsTest, NumbersWithoutFloatNoise) {
  EXPECT_EQ(NormalizeNumberText("13812345678"), "13812345678");
  EXPECT_EQ(NormalizeNumberText("91110108MA01"), "91110108MA01") << "not a number: unchanged";
  EXPECT_EQ(NormalizeNumberText("0.30000000000000004"), "0.3");
  EXPECT_EQ(NormalizeNumberText("1.1000000000000001"), "1.1");
  EXPECT_EQ(NormalizeNumberText("1234.5"), "1234.5");
  EXPECT_EQ(NormalizeNumberText("-42"), "-42");
  EXPECT_EQ(NormalizeNumberText("1.3812345678E10"), "13812345678");
  EXPECT_EQ(NormalizeNumberText("6.2220212345678904E+18"), "6222021234567890000")
      << "Excel already kept only 15 digits; spelled out as Excel shows it with format 0";
  EXPECT_EQ(NormalizeNumberText("-6.2220212345678904E+18"), "-6222021234567890000");
  EXPECT_EQ(NormalizeNumberText("1E+21"), "1e+21");
  EXPECT_EQ(NormalizeNumberText("1.5E-3"), "0.0015");
  EXPECT_EQ(NormalizeNumberText("1.5E-7"), "1.5e-07");
}

TEST(XlsxCellsTest, DateFormats) {
  EXPECT_TRUE(IsDateFormat(14, ""));
  EXPECT_TRUE(IsDateFormat(22, ""));
  EXPECT_TRUE(IsDateFormat(31, "")) << "yyyy年m月d日 in zh-CN Excel";
  EXPECT_TRUE(IsDateFormat(58, ""));
  EXPECT_FALSE(IsDateFormat(0, "General"));
  EXPECT_FALSE(IsDateFormat(49, "@"));
  EXPECT_FALSE(IsDateFormat(2, "0.00"));
  EXPECT_TRUE(IsDateFormat(176, "yyyy\"年\"m\"月\"d\"日\""));
  EXPECT_TRUE(IsDateFormat(177, "[$-804]yyyy/mm/dd hh:mm"));
  EXPECT_TRUE(IsDateFormat(178, "yyyy-mm-dd hh:mm:ss"));
  EXPECT_FALSE(IsDateFormat(179, "0.00_);[Red]\\(0.00\\)"));
  EXPECT_FALSE(IsDateFormat(180, "\"天数\"0")) << "letters inside quotes do not count";
  EXPECT_FALSE(IsDateFormat(181, "[Red]0.00"));
  EXPECT_FALSE(IsDateFormat(182, "#,##0.00\\ \"元\""));
}

TEST(XlsxCellsTest, SerialToIso) {
  EXPECT_EQ(SerialToIso(45413, false), "2024-05-01");
  EXPECT_EQ(SerialToIso(45413.5729166667, false), "2024-05-01 13:45:00");
  EXPECT_EQ(SerialToIso(25569, false), "1970-01-01");
  EXPECT_EQ(SerialToIso(1, false), "1900-01-01");
  EXPECT_EQ(SerialToIso(59, false), "1900-02-28");
  EXPECT_EQ(SerialToIso(61, false), "1900-03-01");
  EXPECT_EQ(SerialToIso(0.5, false), "12:00:00");
  EXPECT_EQ(SerialToIso(0, true), "1904-01-01");
  EXPECT_EQ(SerialToIso(43951, true), "2024-05-01") << "1904 system: 1,462 days fewer";
  EXPECT_EQ(SerialToIso(45413.99999999, false), "2024-05-02") << "rounds to the next second";
  EXPECT_EQ(SerialToIso(2958465, false), "9999-12-31");
  EXPECT_FALSE(SerialToIso(-1, false));
  EXPECT_FALSE(SerialToIso(3e6, false));
}

TEST(XlsxCellsTest, UnescapeOoxml) {
  EXPECT_EQ(UnescapeOoxml("plain 文本"), "plain 文本");
  EXPECT_EQ(UnescapeOoxml("a_x0001_b"), std::string("a\x01"
                                                    "b"));
  EXPECT_EQ(UnescapeOoxml("_x005F_x0041_"), "_x0041_") << "an escaped literal _x";
  EXPECT_EQ(UnescapeOoxml("_xD840__xDC00_"), "𠀀") << "a surrogate pair";
  EXPECT_EQ(UnescapeOoxml("_x12_"), "_x12_") << "not four hex digits";
  EXPECT_EQ(UnescapeOoxml("_xZZZZ_"), "_xZZZZ_");
}

}  // namespace
}  // namespace kehu::documents
