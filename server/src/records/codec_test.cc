#include "records/codec.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace kehu::records {
namespace {
namespace json = boost::json;

TEST(CodecTest, MainlandMobilesBecomeE164) {
  EXPECT_EQ(NormalizePhone("13812345678"), "+8613812345678");
  EXPECT_EQ(NormalizePhone("+86 138 1234 5678"), "+8613812345678");
  EXPECT_EQ(NormalizePhone("0086-13812345678"), "+8613812345678");
  EXPECT_EQ(NormalizePhone("138-1234-5678"), "+8613812345678");
  EXPECT_FALSE(NormalizePhone("12812345678"));  // no 12x segment
  EXPECT_FALSE(NormalizePhone("1381234567"));   // ten digits
}

TEST(CodecTest, LandlinesHotlinesAndRegionalNumbersAreKeptAsTyped) {
  EXPECT_EQ(NormalizePhone("010-6552 8888"), "010-6552 8888");
  EXPECT_EQ(NormalizePhone("0755-12345678转123"), "0755-12345678转123");
  EXPECT_EQ(NormalizePhone("400-800-1234"), "400-800-1234");
  EXPECT_EQ(NormalizePhone("+852 2123 4567"), "+852 2123 4567");
  EXPECT_FALSE(NormalizePhone("1"));
  EXPECT_FALSE(NormalizePhone("abc"));
  EXPECT_FALSE(NormalizePhone(""));
}

TEST(CodecTest, EmailsAndLengthsInCodePoints) {
  EXPECT_TRUE(IsValidEmail("zhang.wei@example.com.cn"));
  EXPECT_FALSE(IsValidEmail("zhang@"));
  EXPECT_FALSE(IsValidEmail("a b@c.cn"));
  EXPECT_EQ(Utf8Length("北京网联"), 4u);
  EXPECT_EQ(Utf8Length("\xF0\xA0\x80\x80"), 1u);  // U+20000, 4 bytes
}

meta::Field MakeField(meta::FieldType type) {
  meta::Field f;
  f.name = "x";
  f.type = type;
  f.max_length = type == meta::FieldType::kText ? 4 : 0;
  f.options = {{"a", {}}, {"b", {}}};
  return f;
}

TEST(CodecTest, DecodesTypedValuesAndReportsFieldErrors) {
  FieldErrors errors;
  auto money = DecodeInput(MakeField(meta::FieldType::kMoney), json::parse(R"({"amount":"12.5","currency":"USD"})"), errors);
  ASSERT_TRUE(money);
  EXPECT_EQ(std::get<int64_t>(money->value), 1250);
  EXPECT_EQ(std::get<std::string>(money->companion), "USD");
  EXPECT_EQ(json::serialize(EncodeOutput(MakeField(meta::FieldType::kMoney), money->value, money->companion)),
            R"({"amount":"12.50","currency":"USD"})");

  EXPECT_FALSE(DecodeInput(MakeField(meta::FieldType::kText), json::value("北京网联科"), errors));
  EXPECT_EQ(errors["x"], "too_long");
  errors.clear();
  EXPECT_FALSE(DecodeInput(MakeField(meta::FieldType::kInteger), json::value("7"), errors));
  EXPECT_EQ(errors["x"], "wrong_type");
  errors.clear();
  EXPECT_FALSE(DecodeInput(MakeField(meta::FieldType::kEnum), json::value("c"), errors));
  EXPECT_EQ(errors["x"], "invalid_option");
  errors.clear();
  EXPECT_FALSE(DecodeInput(MakeField(meta::FieldType::kDate), json::value("2026-02-30"), errors));
  EXPECT_EQ(errors["x"], "invalid_date");
  errors.clear();
  auto when = DecodeInput(MakeField(meta::FieldType::kDateTime), json::value("2026-11-22T16:00:00+08:00"), errors);
  ASSERT_TRUE(when);
  EXPECT_EQ(std::get<std::string>(when->value), "2026-11-22T08:00:00.000Z");
  auto multi = DecodeInput(MakeField(meta::FieldType::kMultiEnum), json::parse(R"(["a","b"])"), errors);
  ASSERT_TRUE(multi);
  EXPECT_EQ(std::get<std::string>(multi->value), R"(["a","b"])");
  EXPECT_TRUE(errors.empty());
}

TEST(CodecTest, RegionStoresTheCodeAndTheNamesFromTheDivisionTable) {
  FieldErrors errors;
  const meta::Field f = MakeField(meta::FieldType::kRegion);
  auto chaoyang = DecodeInput(f, json::parse(R"({"code":"110105","names":["伪造"]})"), errors);
  ASSERT_TRUE(chaoyang);
  EXPECT_EQ(std::get<std::string>(chaoyang->value), "110105");
  EXPECT_EQ(std::get<std::string>(chaoyang->companion), "北京市/市辖区/朝阳区");
  EXPECT_EQ(json::serialize(EncodeOutput(f, chaoyang->value, chaoyang->companion)),
            R"({"code":"110105","names":["北京市","市辖区","朝阳区"]})");
  EXPECT_TRUE(DecodeInput(f, json::value("330100"), errors));  // a city alone
  EXPECT_FALSE(DecodeInput(f, json::value("110199"), errors));
  EXPECT_EQ(errors["x"], "invalid_region");
  errors.clear();
  EXPECT_FALSE(DecodeInput(f, json::value(110105), errors));
  EXPECT_EQ(errors["x"], "wrong_type");
  EXPECT_TRUE(DecodeFilterValue(f, "44").ok());
  EXPECT_FALSE(DecodeFilterValue(f, "44%").ok());
}

TEST(CodecTest, FilterValuesAreTypedOrRejected) {
  EXPECT_EQ(std::get<int64_t>(*DecodeFilterValue(MakeField(meta::FieldType::kInteger), "42")), 42);
  EXPECT_FALSE(DecodeFilterValue(MakeField(meta::FieldType::kInteger), "42; DROP").ok());
  EXPECT_EQ(std::get<std::string>(*DecodeFilterValue(MakeField(meta::FieldType::kDateTime), "2026-11-22")),
            "2026-11-22T00:00:00.000Z");
  EXPECT_FALSE(DecodeFilterValue(MakeField(meta::FieldType::kBoolean), "yes").ok());
}

}  // namespace
}  // namespace kehu::records
