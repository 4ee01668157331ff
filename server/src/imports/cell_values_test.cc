#include "imports/cell_values.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kehu::imports {
namespace {
namespace json = boost::json;
using meta::FieldType;

meta::Field Of(FieldType type) {
  meta::Field f;
  f.name = "f";
  f.type = type;
  if (type == FieldType::kEnum || type == FieldType::kMultiEnum) {
    f.options.push_back({"current", {{"zh-CN", "现有客户"}, {"zh-TW", "現有客戶"}, {"en", "Current customer"}}});
    f.options.push_back({"partner", {{"zh-CN", "合作伙伴"}, {"zh-TW", "合作夥伴"}, {"en", "Partner"}}});
  }
  return f;
}

// The JSON a cell becomes, "" for nothing, or "error:<code>".
std::string Cell(FieldType type, std::string_view text) {
  CellDecoder d;
  meta::Field f = Of(type);
  records::FieldErrors errors;
  auto v = d.Decode(f, text, errors);
  if (!errors.empty()) return "error:" + errors.begin()->second;
  return v ? json::serialize(*v) : "";
}

TEST(CellValues, EnumsByValueOrLabelInAnyLanguage) {
  EXPECT_EQ(Cell(FieldType::kEnum, "现有客户"), "\"current\"");
  EXPECT_EQ(Cell(FieldType::kEnum, "現有客戶"), "\"current\"");
  EXPECT_EQ(Cell(FieldType::kEnum, " partner "), "\"partner\"");
  EXPECT_EQ(Cell(FieldType::kEnum, "PARTNER"), "\"partner\"");
  EXPECT_EQ(Cell(FieldType::kEnum, "供应商"), "error:invalid_option");
  EXPECT_EQ(Cell(FieldType::kMultiEnum, "现有客户，合作伙伴; current"), R"(["current","partner","current"])");
  EXPECT_EQ(Cell(FieldType::kMultiEnum, "现有客户；供应商"), "error:invalid_option");
}

TEST(CellValues, BooleansInChineseAndEnglish) {
  for (const char* yes : {"是", "true", "TRUE", "1", "Y", "yes"}) EXPECT_EQ(Cell(FieldType::kBoolean, yes), "true") << yes;
  for (const char* no : {"否", "false", "0", "n", "No"}) EXPECT_EQ(Cell(FieldType::kBoolean, no), "false") << no;
  EXPECT_EQ(Cell(FieldType::kBoolean, "也许"), "error:invalid_boolean");
}

TEST(CellValues, DatesAsChinesePeopleWriteThem) {
  EXPECT_EQ(Cell(FieldType::kDate, "2026-01-05"), "\"2026-01-05\"");
  EXPECT_EQ(Cell(FieldType::kDate, "2026/1/5"), "\"2026-01-05\"");
  EXPECT_EQ(Cell(FieldType::kDate, "2026年1月5日"), "\"2026-01-05\"");
  EXPECT_EQ(Cell(FieldType::kDate, "2026.1.5"), "\"2026-01-05\"");
  EXPECT_EQ(Cell(FieldType::kDate, "2026-05-01 00:00:00"), "\"2026-05-01\"") << "XLSX date cells";
  EXPECT_EQ(Cell(FieldType::kDate, "2026-02-30"), "error:invalid_date");
  EXPECT_EQ(Cell(FieldType::kDate, "5/1/2026"), "error:invalid_date");
}

TEST(CellValues, DateTimesWithoutZoneAreChinaTime) {
  EXPECT_EQ(Cell(FieldType::kDateTime, "2026-01-05 09:30"), "\"2026-01-05T01:30:00.000Z\"");
  EXPECT_EQ(Cell(FieldType::kDateTime, "2026年1月5日 9:30:15"), "\"2026-01-05T01:30:15.000Z\"");
  EXPECT_EQ(Cell(FieldType::kDateTime, "2026-01-05T09:30:00Z"), "\"2026-01-05T09:30:00.000Z\"");
  EXPECT_EQ(Cell(FieldType::kDateTime, "2026/1/5"), "\"2026-01-04T16:00:00.000Z\"");
  EXPECT_EQ(Cell(FieldType::kDateTime, "2026-01-05 25:00"), "error:invalid_datetime");
}

TEST(CellValues, MoneyWithSeparatorsAndSymbols) {
  EXPECT_EQ(Cell(FieldType::kMoney, "1,234.50"), R"({"amount":"1234.50"})");
  EXPECT_EQ(Cell(FieldType::kMoney, "¥1234.5"), R"({"amount":"1234.5"})");
  EXPECT_EQ(Cell(FieldType::kMoney, "800 元"), R"({"amount":"800"})");
  EXPECT_EQ(Cell(FieldType::kMoney, "1234.4999999999"), R"({"amount":"1234.50"})") << "binary float from XLSX";
  EXPECT_EQ(Cell(FieldType::kMoney, "12.345"), "error:invalid_amount");
  EXPECT_EQ(Cell(FieldType::kMoney, "一千"), "error:invalid_amount");
}

TEST(CellValues, RegionsByCodeOrNames) {
  EXPECT_EQ(Cell(FieldType::kRegion, "440305"), "\"440305\"");
  EXPECT_EQ(Cell(FieldType::kRegion, "广东省/深圳市/南山区"), "\"440305\"");
  EXPECT_EQ(Cell(FieldType::kRegion, "广东 深圳 南山"), "\"440305\"");
  EXPECT_EQ(Cell(FieldType::kRegion, R"({"code":"110105","names":["北京市","市辖区","朝阳区"]})"), "\"110105\"");
  EXPECT_EQ(Cell(FieldType::kRegion, "火星"), "error:invalid_region");
}

TEST(CellValues, NumbersTextAndEmptyCells) {
  EXPECT_EQ(Cell(FieldType::kInteger, "1,200"), "1200");
  EXPECT_EQ(Cell(FieldType::kInteger, "1.5"), "error:invalid_number");
  EXPECT_EQ(Cell(FieldType::kDecimal, "1,200.25"), "1.20025E3");
  EXPECT_EQ(Cell(FieldType::kText, "  北京网联  "), "\"北京网联\"");
  EXPECT_EQ(Cell(FieldType::kPhone, "13812345678"), "\"13812345678\"") << "normalized later by the codec";
  EXPECT_EQ(Cell(FieldType::kText, "   "), "");
  EXPECT_EQ(Cell(FieldType::kEnum, ""), "");
}

}  // namespace
}  // namespace kehu::imports
