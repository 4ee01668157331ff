// The brief view (?view=brief): a rep's read-only progress overview of others' customers exists
// only when an admin grants it, and then shows brief fields only and opens nothing else.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class AccessBriefViewTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg();
  }

  void GrantBriefToReps(const char* scope) {
    HttpResponse roles = admin->Get("/api/v1/roles");
    ASSERT_EQ(roles.status, 200);
    for (const auto& r : roles.json.at("items").as_array()) {
      if (r.at("code") != "sales_rep") continue;
      json::object grants = r.at("grants").as_object();
      grants["customers"] = json::object{{"brief", scope}};
      HttpResponse p = admin->Patch("/api/v1/roles/" + IdStr(r.at("id")),
                                    json::object{{"version", r.at("version")}, {"grants", grants}});
      ASSERT_EQ(p.status, 200) << p.Describe();
    }
  }
};

TEST_F(AccessBriefViewTest, WithoutTheGrantTheBriefViewShowsOnlyWhatTheRepMayRead) {
  std::set<std::string> own = CustomerIdsOf({"east1"});
  EXPECT_EQ(ListIds(As("east1"), "customers", "?view=brief&pageSize=200"), own);
}

TEST_F(AccessBriefViewTest, GrantedBriefViewListsAllCustomersWithBriefFieldsOnly) {
  GrantBriefToReps("all");
  int64_t total = 0;
  EXPECT_EQ(ListIds(As("east1"), "customers", "?view=brief&pageSize=200", &total), AllCustomerIds());
  EXPECT_EQ(total, static_cast<int64_t>(AllCustomerIds().size()));
  HttpResponse r = As("east1").Get("/api/v1/customers?view=brief&pageSize=200");
  ASSERT_EQ(r.status, 200);
  for (const auto& item : r.json.at("items").as_array()) {
    std::set<std::string> keys;
    for (const auto& kv : item.as_object()) keys.insert(std::string(kv.key()));
    EXPECT_EQ(keys, (std::set<std::string>{"id", "name", "category", "region", "ownerId", "updatedAt", "_display"}))
        << json::serialize(item);
  }
  // Finding a name across the company, as 查重 needs, works in the brief view.
  EXPECT_EQ(ListIds(As("east1"), "customers", "?view=brief&pageSize=200&q=%E7%BD%91%E8%81%94").size(),
            AllCustomerIds().size());
}

TEST_F(AccessBriefViewTest, BriefViewOpensNothingElse) {
  GrantBriefToReps("all");
  std::string totals = Totals();
  EXPECT_EQ(ListIds(As("east1"), "customers", "?pageSize=200"), CustomerIdsOf({"east1"}));
  const json::value& other = M("south1").customers[0].at("id");
  EXPECT_EQ(As("east1").Get(RecordPath("customers", other)).status, 404);
  EXPECT_EQ(As("east1").Patch(RecordPath("customers", other), json::object{{"version", 1}, {"name", "x"}}).status, 404);
  EXPECT_EQ(As("east1").Get(RecordPath("customers", other) + "/contacts").status, 404);
  // Filters and sorts on fields the brief view does not show would be probes.
  EXPECT_EQ(As("east1").Get("/api/v1/customers?view=brief&phone=010-12345678").status, 400);
  EXPECT_EQ(As("east1").Get("/api/v1/customers?view=brief&sort=email").status, 400);
  EXPECT_EQ(As("east1").Get("/api/v1/customers?view=brief&deleted=true").status, 403);  // no delete scope
  EXPECT_EQ(admin->Get("/api/v1/customers?view=brief&deleted=true").status, 400);  // not a recycle bin view
  EXPECT_EQ(As("east1").Get("/api/v1/customers?view=other").status, 400);
  EXPECT_EQ(Totals(), totals);
}

TEST_F(AccessBriefViewTest, BriefScopeFollowsTheTree) {
  GrantBriefToReps("department_tree");
  EXPECT_EQ(ListIds(As("east1"), "customers", "?view=brief&pageSize=200"), CustomerIdsOf(RepKeys("east")));
}

}  // namespace
}  // namespace kehu::apitest
