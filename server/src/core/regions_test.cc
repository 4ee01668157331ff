#include "core/regions.h"

#include <gtest/gtest.h>

namespace kehu::regions {
namespace {

using Names = std::vector<std::string>;

TEST(Regions, CountyPathRunsFromProvinceThroughCityLevel) {
  EXPECT_EQ(PathOf("110105"), (Names{"北京市", "市辖区", "朝阳区"}));
  EXPECT_EQ(PathOf("440305"), (Names{"广东省", "深圳市", "南山区"}));
}

TEST(Regions, ProvinceAndCityCodesArePaddedToSixDigits) {
  EXPECT_EQ(PathOf("110000"), (Names{"北京市"}));
  EXPECT_EQ(PathOf("330100"), (Names{"浙江省", "杭州市"}));
  EXPECT_EQ(NameOf("11"), std::nullopt);
}

TEST(Regions, CitiesWithoutDistrictsHaveTownships) {
  EXPECT_EQ(PathOf("441900003"), (Names{"广东省", "东莞市", "东城街道"}));
}

TEST(Regions, UnknownCodesAndBrokenParentsAreRejected) {
  EXPECT_EQ(PathOf("999999"), std::nullopt);
  EXPECT_EQ(PathOf("110199"), std::nullopt);
  EXPECT_EQ(PathOf(""), std::nullopt);
  EXPECT_EQ(PathOf("11010"), std::nullopt);
}

TEST(Regions, TableCoversEveryProvinceLevelDivision) {
  int provinces = 0;
  for (size_t i = 0; i < data::kEntryCount; ++i)
    if (ParentOf(data::kEntries[i].code).empty()) ++provinces;
  EXPECT_EQ(provinces, 31);  // mainland provinces, autonomous regions and municipalities
}

TEST(Regions, NamesAsTypedInSpreadsheetsFindTheCode) {
  EXPECT_EQ(CodeOfNames("广东省/深圳市/南山区"), "440305");
  EXPECT_EQ(CodeOfNames("广东省深圳市南山区"), "440305");
  EXPECT_EQ(CodeOfNames("广东 深圳 南山"), "440305");
  EXPECT_EQ(CodeOfNames(" 广东，深圳、南山区 "), "440305");
}

TEST(Regions, MunicipalitiesMayLeaveOutOrWriteTheCityLevel) {
  EXPECT_EQ(CodeOfNames("北京市朝阳区"), "110105");
  EXPECT_EQ(CodeOfNames("北京 朝阳"), "110105");
  EXPECT_EQ(CodeOfNames("北京市/市辖区/朝阳区"), "110105") << "as exported";
}

TEST(Regions, TheDeepestLevelWrittenWins) {
  EXPECT_EQ(CodeOfNames("广东省深圳市"), "440300");
  EXPECT_EQ(CodeOfNames("浙江"), "330000");
  EXPECT_EQ(CodeOfNames("吉林省吉林市"), "220200") << "same name on two levels";
}

TEST(Regions, UnknownOrPartialNamesFindNothing) {
  EXPECT_EQ(CodeOfNames(""), std::nullopt);
  EXPECT_EQ(CodeOfNames("广东省深圳市火星区"), std::nullopt);
  EXPECT_EQ(CodeOfNames("南山区"), std::nullopt) << "the province comes first";
  EXPECT_EQ(CodeOfNames("广东省x"), std::nullopt);
}

}  // namespace
}  // namespace kehu::regions
