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

}  // namespace
}  // namespace kehu::regions
