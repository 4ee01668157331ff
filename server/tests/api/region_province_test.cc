// A province filter (region[startsWith]=<2 digits>) on customers runs over the expression index
// (category, substr(region, 1, 2), name, id) (metadata/region_prefix.h). These check that it still
// selects exactly the codes with that prefix, with category, name order, paging and total, and that
// records without a region or in the recycle bin stay out; other prefix lengths keep the range.
#include <algorithm>

#include "harness.h"

namespace kehu::apitest {
namespace {

class RegionProvinceTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    struct Row {
      const char* name;
      const char* category;
      const char* region;  // "" = none
    };
    for (const Row& r : std::initializer_list<Row>{
             {"甲·广州越秀", "current", "440104"},   {"乙·深圳南山", "current", "440305"},
             {"丙·珠海香洲", "current", "440402"},   {"丁·广州天河", "potential", "440106"},
             {"戊·南宁青秀", "current", "450103"},   {"己·长沙芙蓉", "current", "430102"},
             {"庚·无地区", "current", ""},            {"辛·海口龙华", "current", "460106"},
             {"壬·已删除广州", "current", "440103"}, {"癸·北京朝阳", "current", "110105"}}) {
      json::object fields{{"name", r.name}, {"category", r.category}};
      if (*r.region) fields["region"] = r.region;
      json::object c = CreateCustomer(fields);
      if (std::string_view(r.name).find("已删除") != std::string_view::npos)
        EXPECT_EQ(admin->Delete("/api/v1/customers/" + IdStr(At(c, "id"))).status, 204);
    }
  }

  // Names in the list's order.
  std::vector<std::string> List(const std::string& query) {
    HttpResponse r = admin->Get("/api/v1/customers?sort=name&" + query);
    EXPECT_EQ(r.status, 200) << r.Describe();
    return Names(r);
  }
};

using V = std::vector<std::string>;

TEST_F(RegionProvinceTest, ProvinceWithCategorySelectsExactlyItsLiveRecordsInNameOrder) {
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=44"),
            V({"丙·珠海香洲", "乙·深圳南山", "甲·广州越秀"}));
  EXPECT_EQ(List("category=potential&region%5BstartsWith%5D=44"), V({"丁·广州天河"}));
  // The neighbours on either side of 44 stay in their own provinces.
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=45"), V({"戊·南宁青秀"}));
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=43"), V({"己·长沙芙蓉"}));
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=46"), V({"辛·海口龙华"}));
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=11"), V({"癸·北京朝阳"}));
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=49"), V{});
  EXPECT_EQ(List("category=agent&region%5BstartsWith%5D=44"), V{});
  // Descending order comes from the same index, walked backwards.
  HttpResponse desc = admin->Get("/api/v1/customers?category=current&region%5BstartsWith%5D=44&sort=-name");
  EXPECT_EQ(Names(desc), V({"甲·广州越秀", "乙·深圳南山", "丙·珠海香洲"}));
}

TEST_F(RegionProvinceTest, PagesAndTotalCountOnlyTheProvince) {
  // A full first page makes the server count: the count runs over the same expression.
  HttpResponse p1 = admin->Get("/api/v1/customers?sort=name&category=current&region%5BstartsWith%5D=44&pageSize=2&page=1");
  ASSERT_EQ(p1.status, 200) << p1.Describe();
  EXPECT_EQ(Names(p1), V({"丙·珠海香洲", "乙·深圳南山"}));
  EXPECT_EQ(At(p1.json, "total").as_int64(), 3);
  HttpResponse p2 = admin->Get("/api/v1/customers?sort=name&category=current&region%5BstartsWith%5D=44&pageSize=2&page=2");
  EXPECT_EQ(Names(p2), V({"甲·广州越秀"}));
  EXPECT_EQ(At(p2.json, "total").as_int64(), 3);
  EXPECT_EQ(Total("customers", "?pageSize=1&region%5BstartsWith%5D=44"), 4);
  EXPECT_EQ(Total("customers", "?pageSize=1&category=current&region%5BstartsWith%5D=45"), 1);
  EXPECT_EQ(Total("customers", "?pageSize=1&category=current"), 8);  // the one without a region too
}

TEST_F(RegionProvinceTest, OtherPrefixLengthsKeepMeaningStartsWith) {
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=4401"), V({"甲·广州越秀"}));
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=4403"), V({"乙·深圳南山"}));
  EXPECT_EQ(List("region%5BstartsWith%5D=4401"), V({"丁·广州天河", "甲·广州越秀"}));
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=4"),
            V({"丙·珠海香洲", "乙·深圳南山", "己·长沙芙蓉", "戊·南宁青秀", "甲·广州越秀", "辛·海口龙华"}));
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=440305"), V({"乙·深圳南山"}));
  EXPECT_EQ(List("category=current&region%5BstartsWith%5D=4404"), V({"丙·珠海香洲"}));
  EXPECT_EQ(List("region%5BisNull%5D=true"), V({"庚·无地区"}));
  // Not a code prefix: still a 400, not an empty list.
  EXPECT_EQ(admin->Get("/api/v1/customers?region%5BstartsWith%5D=4a").status, 400);
  EXPECT_EQ(admin->Get("/api/v1/customers?region%5BstartsWith%5D=").status, 400);
}

TEST_F(RegionProvinceTest, TheRecycleBinFiltersByProvinceToo) {
  EXPECT_EQ(List("deleted=true&region%5BstartsWith%5D=44"), V({"壬·已删除广州"}));
  EXPECT_EQ(List("deleted=true&region%5BstartsWith%5D=45"), V{});
}

}  // namespace
}  // namespace kehu::apitest
