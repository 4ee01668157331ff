// Supervisors see their department tree, the executive and the admin see everything; what each
// may do with what they see follows the default roles' action scopes.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class AccessHierarchyTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg();
  }

  // Every line of a CSV export that names a customer from `keys`, counted per customer.
  int CountNamesIn(const std::string& csv, const std::vector<std::string>& keys) {
    int n = 0;
    for (const auto& k : keys)
      for (const auto& c : M(k).customers)
        n += csv.find(Str(json::value(c), "name")) != std::string::npos ? 1 : 0;
    return n;
  }
};

TEST_F(AccessHierarchyTest, SupervisorSeesExactlyTheirDepartmentsRecords) {
  int64_t total = -1;
  EXPECT_EQ(ListIds(As("sup_east"), "customers", "", &total), CustomerIdsOf(RepKeys("east")));
  EXPECT_EQ(total, kRepsPerDepartment * kCustomersPerRep);
  EXPECT_EQ(ListIds(As("sup_east"), "contacts", "", &total), ContactIdsOf(RepKeys("east")));
  EXPECT_EQ(total, kRepsPerDepartment * kCustomersPerRep);
  EXPECT_EQ(ListIds(As("sup_south"), "customers", "", &total), CustomerIdsOf(RepKeys("south")));
  EXPECT_EQ(total, kRepsPerDepartment * kCustomersPerRep);
  EXPECT_EQ(ListIds(As("sup_east"), "customers", Query({{"q", kSharedWord}}), &total),
            CustomerIdsOf(RepKeys("east")));
  EXPECT_EQ(total, kRepsPerDepartment * kCustomersPerRep);
}

TEST_F(AccessHierarchyTest, SupervisorGetsOtherRegionAs404AndCannotTouchIt) {
  const json::value& cid = M("south2").customers[1].at("id");
  std::string before = Snapshot("customers", cid);
  std::string totals = Totals();
  Client& s = As("sup_east");
  std::string path = RecordPath("customers", cid);
  EXPECT_EQ(s.Get(path).status, 404);
  EXPECT_EQ(s.Get(path + "/contacts").status, 404);
  EXPECT_EQ(s.Get(RecordPath("contacts", M("south2").contacts[1].at("id"))).status, 404);
  EXPECT_EQ(s.Patch(path, json::object{{"version", 1}, {"name", "跨区修改"}}).status, 404);
  EXPECT_EQ(s.Delete(path).status, 404);
  EXPECT_EQ(s.Post(path + "/transfer", json::object{{"toUserId", M("east1").id}}).status, 404);
  HttpResponse search =
      s.Get("/api/v1/search" + Query({{"q", Str(json::value(M("south2").customers[1]), "name")}}));
  EXPECT_EQ(search.status, 200);
  EXPECT_FALSE(SearchHas(search, "customers", cid)) << search.body;
  EXPECT_EQ(Snapshot("customers", cid), before);
  EXPECT_EQ(Totals(), totals);
}

TEST_F(AccessHierarchyTest, SupervisorEditsAndDeletesInTheirDepartment) {
  const json::value& cid = M("east2").customers[0].at("id");
  std::string path = RecordPath("customers", cid);
  HttpResponse patch =
      As("sup_east").Patch(path, json::object{{"version", 1}, {"phone", "0571-88886666"}});
  ASSERT_EQ(patch.status, 200) << patch.Describe();
  EXPECT_EQ(IdStr(At(patch.json, "ownerId")), IdStr(M("east2").id)) << "editing keeps the owner";
  HttpResponse del =
      As("sup_east").Delete(RecordPath("customers", M("east3").customers[0].at("id")));
  EXPECT_EQ(del.status, 204) << del.Describe();
  EXPECT_EQ(Total("customers"), 2 * kRepsPerDepartment * kCustomersPerRep - 1);
}

TEST_F(AccessHierarchyTest, SupervisorExportContainsOnlyTheirSubtree) {
  HttpResponse r = As("sup_east").Get("/api/v1/customers/export?format=csv");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(CountNamesIn(r.body, RepKeys("east")), kRepsPerDepartment * kCustomersPerRep);
  EXPECT_EQ(CountNamesIn(r.body, RepKeys("south")), 0) << r.body;
  HttpResponse admin_export = admin->Get("/api/v1/customers/export?format=csv");
  ASSERT_EQ(admin_export.status, 200) << admin_export.Describe();
  EXPECT_EQ(CountNamesIn(admin_export.body, RepKeys("south")),
            kRepsPerDepartment * kCustomersPerRep);
}

TEST_F(AccessHierarchyTest, DepartmentTreeReachesSubDepartmentsButNotSiblings) {
  // A team below East with its own rep: East's supervisor sees it, South's does not.
  json::value team = At(json::value(CreateDepartment("杭州组", east_)), "id");
  ASSERT_FALSE(team.is_null());
  OrgMember& rep = AddMember("hz1", {"sales_rep"}, team);
  ASSERT_FALSE(HasFailure());
  HttpResponse c = rep.client->Post("/api/v1/customers", json::object{{"name", "杭州组网联客户"}});
  ASSERT_EQ(c.status, 201) << c.Describe();
  EXPECT_EQ(As("sup_east").Get(RecordPath("customers", At(c.json, "id"))).status, 200);
  EXPECT_EQ(As("sup_south").Get(RecordPath("customers", At(c.json, "id"))).status, 404);
  int64_t total = -1;
  ListIds(As("sup_east"), "customers", "", &total);
  EXPECT_EQ(total, kRepsPerDepartment * kCustomersPerRep + 1);
}

TEST_F(AccessHierarchyTest, ExecutiveSeesAllAndAdminSeesAll) {
  int64_t total = -1;
  EXPECT_EQ(ListIds(As("exec"), "customers", "", &total), AllCustomerIds());
  EXPECT_EQ(total, 2 * kRepsPerDepartment * kCustomersPerRep);
  EXPECT_EQ(ListIds(*admin, "customers", "", &total), AllCustomerIds());
  ListIds(As("exec"), "contacts", "", &total);
  EXPECT_EQ(total, 2 * kRepsPerDepartment * kCustomersPerRep);
  HttpResponse exp = As("exec").Get("/api/v1/customers/export?format=csv");
  ASSERT_EQ(exp.status, 200) << exp.Describe();
  std::vector<std::string> all = RepKeys("east");
  for (const auto& k : RepKeys("south")) all.push_back(k);
  EXPECT_EQ(CountNamesIn(exp.body, all), 2 * kRepsPerDepartment * kCustomersPerRep);
}

TEST_F(AccessHierarchyTest, ExecutiveEditsAnyRecordButMayNotDelete) {
  const json::value& cid = M("south3").customers[0].at("id");
  HttpResponse patch = As("exec").Patch(RecordPath("customers", cid),
                                        json::object{{"version", 1}, {"phone", "020-1234567"}});
  EXPECT_EQ(patch.status, 200) << patch.Describe();
  std::string before = Snapshot("customers", cid);
  std::string totals = Totals();
  HttpResponse del = As("exec").Delete(RecordPath("customers", cid));
  EXPECT_EQ(del.status, 403) << "executive has delete none: " << del.Describe();
  EXPECT_EQ(Snapshot("customers", cid), before);
  EXPECT_EQ(Totals(), totals);
}

TEST_F(AccessHierarchyTest, ExecutiveIsRefusedAdministration) {
  std::string users_before = std::to_string(TotalOf(admin->Get("/api/v1/users")));
  HttpResponse u = As("exec").Post("/api/v1/users", json::object{{"username", "exec_made"},
                                                                 {"displayName", "越权"},
                                                                 {"password", GoodPassword()},
                                                                 {"roles", json::array{"admin"}}});
  EXPECT_EQ(u.status, 403) << u.Describe();
  HttpResponse role = As("exec").Post(
      "/api/v1/roles",
      json::object{{"code", "exec_role"}, {"name", "越权角色"}, {"grants", json::object{}}});
  EXPECT_EQ(role.status, 403) << role.Describe();
  HttpResponse dept = admin->Get("/api/v1/departments");
  std::string depts_before = dept.body;
  HttpResponse patch = As("exec").Patch(RecordPath("departments", east_),
                                        json::object{{"version", 1}, {"name", "改名"}});
  EXPECT_EQ(patch.status, 403) << patch.Describe();
  HttpResponse post = As("exec").Post("/api/v1/departments", json::object{{"name", "新部门"}});
  EXPECT_EQ(post.status, 403) << post.Describe();
  EXPECT_EQ(std::to_string(TotalOf(admin->Get("/api/v1/users"))), users_before);
  EXPECT_EQ(admin->Get("/api/v1/departments").body, depts_before);
  EXPECT_EQ(TotalOf(admin->Get("/api/v1/users" + Query({{"q", "exec_made"}}))), 0);
}

TEST_F(AccessHierarchyTest, ExecutiveCreatesOwnRecords) {
  HttpResponse c = As("exec").Post("/api/v1/customers", json::object{{"name", "总部网联直属客户"}});
  ASSERT_EQ(c.status, 201) << c.Describe();
  EXPECT_EQ(IdStr(At(c.json, "ownerId")), IdStr(M("exec").id));
  EXPECT_EQ(As("sup_east").Get(RecordPath("customers", At(c.json, "id"))).status, 404)
      << "HQ is above East, not below it";
}

}  // namespace
}  // namespace kehu::apitest
