// Region filters by code prefix (region[startsWith]=44 = 广东省) run as index ranges; they must keep
// meaning "the code starts with these digits" at every boundary (a last digit 9, a single digit).
#include <algorithm>

#include "harness.h"

namespace kehu::apitest {
namespace {

using RegionFilterTest = ApiTest;

TEST_F(RegionFilterTest, PrefixOfDigitsSelectsExactlyTheCodesStartingWithIt) {
  for (auto [name, region] : {std::pair{"深圳南山公司", "440305"}, {"南宁青秀公司", "450103"},
                              {"北京朝阳公司", "110105"}, {"乌鲁木齐天山公司", "650102"},
                              {"重庆渝中公司", "500103"}, {"海口龙华公司", "460106"}})
    CreateCustomer({{"name", name}, {"region", region}});
  auto names = [&](const std::string& prefix) {
    HttpResponse r = admin->Get("/api/v1/customers?sort=name&region%5BstartsWith%5D=" + prefix);
    EXPECT_EQ(r.status, 200) << r.Describe();
    auto n = Names(r);
    std::sort(n.begin(), n.end());
    return n;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names("44"), V({"深圳南山公司"}));
  EXPECT_EQ(names("4403"), V({"深圳南山公司"}));
  EXPECT_EQ(names("4"), V({"南宁青秀公司", "海口龙华公司", "深圳南山公司"}));
  EXPECT_EQ(names("49"), V{});
  EXPECT_EQ(names("5"), V({"重庆渝中公司"}));
  EXPECT_EQ(names("65"), V({"乌鲁木齐天山公司"}));
  EXPECT_EQ(names("9"), V{});
  EXPECT_EQ(names("99"), V{});
  EXPECT_EQ(Total("customers", "?category=potential&region%5BstartsWith%5D=11"), 1);
}

}  // namespace
}  // namespace kehu::apitest
