// Roles: the defaults after init, who may manage roles, grant validation, custom scopes
// (department, own_and_reports) and "the widest scope wins" with several roles.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class AccessRolesTest : public AccessTest {
 protected:
  // The role with `code` from GET /roles (as admin), or null.
  json::value Role(const std::string& code) {
    HttpResponse r = admin->Get("/api/v1/roles");
    EXPECT_EQ(r.status, 200) << r.Describe();
    const auto& items = At(r.json, "items");
    if (!items.is_array()) return nullptr;
    for (const auto& role : items.get_array())
      if (Str(role, "code") == code) return role;
    return nullptr;
  }
  // The role's scope for (entity, action); grants under "*" apply to every entity.
  static std::string Scope(const json::value& role, const char* entity, const char* action) {
    std::string s = Str(At(At(role, "grants"), entity), action);
    return s.empty() ? Str(At(At(role, "grants"), "*"), action) : s;
  }
  json::object PostRole(const std::string& code, const json::object& grants) {
    HttpResponse r = admin->Post(
        "/api/v1/roles", json::object{{"code", code}, {"name", "角色" + code}, {"grants", grants}});
    EXPECT_EQ(r.status, 201) << r.Describe();
    return r.json.is_object() ? r.json.get_object() : json::object{};
  }
  // Sets a user's roles (and optionally manager) as admin; asserts 200.
  void SetUser(const std::string& key, const json::object& fields) {
    std::string path = RecordPath("users", M(key).id);
    json::object body = fields;
    body["version"] = At(admin->Get(path).json, "version");
    HttpResponse r = admin->Patch(path, body);
    ASSERT_EQ(r.status, 200) << r.Describe();
  }
};

TEST_F(AccessRolesTest, DefaultRolesAfterInit) {
  json::value adm = Role("admin"), exec = Role("executive"), sup = Role("supervisor"),
              rep = Role("sales_rep");
  ASSERT_FALSE(adm.is_null() || exec.is_null() || sup.is_null() || rep.is_null());
  EXPECT_EQ(Str(adm, "name"), "系统管理员");
  EXPECT_EQ(Str(exec, "name"), "决策层");
  EXPECT_EQ(Str(sup, "name"), "主管");
  EXPECT_EQ(Str(rep, "name"), "业务员");
  for (const auto* r : {&adm, &exec, &sup, &rep}) {
    EXPECT_EQ(At(*r, "builtin"), json::value(true)) << json::serialize(*r);
    EXPECT_FALSE(At(*r, "id").is_null());
    EXPECT_FALSE(At(*r, "version").is_null());
  }
  for (const char* entity : {"customers", "contacts"}) {
    SCOPED_TRACE(entity);
    for (const char* a :
         {"create", "read", "edit", "delete", "export", "print", "import", "assign"})
      EXPECT_EQ(Scope(adm, entity, a), "all") << a;
    for (const char* a : {"read", "edit", "export", "print", "assign"})
      EXPECT_EQ(Scope(exec, entity, a), "all") << a;
    EXPECT_EQ(Scope(exec, entity, "create"), "own");
    EXPECT_EQ(Scope(exec, entity, "delete"), "none");
    for (const char* a : {"read", "edit", "delete", "export", "print", "assign"})
      EXPECT_EQ(Scope(sup, entity, a), "department_tree") << a;
    EXPECT_EQ(Scope(sup, entity, "create"), "own");
    for (const char* a : {"create", "read", "edit", "print"})
      EXPECT_EQ(Scope(rep, entity, a), "own") << a;
    for (const char* a : {"delete", "export", "import", "assign"})
      EXPECT_EQ(Scope(rep, entity, a), "none") << a;
  }
}

TEST_F(AccessRolesTest, OnlyAdminsManageRoles) {
  BuildOrg(false);
  ASSERT_FALSE(HasFatalFailure());
  json::value rep_role = Role("sales_rep");
  std::string before = admin->Get("/api/v1/roles").body;
  for (const char* key : {"exec", "sup_east", "east1"}) {
    SCOPED_TRACE(key);
    Client& c = As(key);
    EXPECT_EQ(c.Get("/api/v1/roles").status, 403);
    HttpResponse post = c.Post("/api/v1/roles", json::object{{"code", std::string("r_") + key},
                                                             {"name", "越权"},
                                                             {"grants", json::object{}}});
    EXPECT_EQ(post.status, 403) << post.Describe();
    json::object all_read{{"customers", json::object{{"read", "all"}, {"delete", "all"}}}};
    HttpResponse patch =
        c.Patch(RecordPath("roles", At(rep_role, "id")),
                json::object{{"version", At(rep_role, "version")}, {"grants", all_read}});
    EXPECT_EQ(patch.status, 403) << patch.Describe();
  }
  EXPECT_EQ(admin->Get("/api/v1/roles").body, before);
  EXPECT_EQ(TotalOf(As("east1").Get("/api/v1/customers")), 0);
}

TEST_F(AccessRolesTest, UnknownActionScopeOrEntityIs422) {
  std::string before = admin->Get("/api/v1/roles").body;
  const json::object bad[] = {
      {{"customers", json::object{{"fly", "all"}}}},
      {{"customers", json::object{{"read", "galaxy"}}}},
      {{"no_such_entity", json::object{{"read", "all"}}}},
  };
  for (const auto& grants : bad) {
    SCOPED_TRACE(json::serialize(grants));
    HttpResponse r = admin->Post(
        "/api/v1/roles",
        json::object{{"code", "bad_" + RandomHex(3)}, {"name", "坏角色"}, {"grants", grants}});
    EXPECT_EQ(r.status, 422) << r.Describe();
    json::value rep = Role("sales_rep");
    HttpResponse p =
        admin->Patch(RecordPath("roles", At(rep, "id")),
                     json::object{{"version", At(rep, "version")}, {"grants", grants}});
    EXPECT_EQ(p.status, 422) << p.Describe();
  }
  EXPECT_EQ(admin->Get("/api/v1/roles").body, before);
}

TEST_F(AccessRolesTest, CustomDepartmentRoleAndTheWidestScopeWins) {
  BuildOrg();
  ASSERT_FALSE(HasFatalFailure());
  json::object role =
      PostRole("dept_viewer", {{"customers", json::object{{"read", "department"}}}});
  ASSERT_FALSE(HasFailure());
  EXPECT_EQ(Str(json::value(role), "code"), "dept_viewer");
  EXPECT_EQ(Scope(json::value(role), "customers", "read"), "department");
  EXPECT_EQ(At(json::value(role), "builtin"), json::value(false));
  SetUser("east1", {{"roles", json::array{"sales_rep", "dept_viewer"}}});
  int64_t total = -1;
  EXPECT_EQ(ListIds(As("east1"), "customers", "", &total), CustomerIdsOf(RepKeys("east")));
  EXPECT_EQ(total, kRepsPerDepartment * kCustomersPerRep);
  // Reading a colleague's customer does not make it editable: edit stays "own".
  const json::value& cid = M("east2").customers[0].at("id");
  std::string before = Snapshot("customers", cid);
  HttpResponse patch = As("east1").Patch(RecordPath("customers", cid),
                                         json::object{{"version", 1}, {"name", "改同事的"}});
  EXPECT_EQ(patch.status, 403) << patch.Describe();
  EXPECT_EQ(Snapshot("customers", cid), before);
  EXPECT_EQ(As("east1").Get(RecordPath("customers", M("south1").customers[0].at("id"))).status,
            404);
  // Narrowing the role takes effect at once.
  HttpResponse narrowed = admin->Patch(
      RecordPath("roles", role["id"]),
      json::object{{"version", role["version"]},
                   {"grants", json::object{{"customers", json::object{{"read", "none"}}}}}});
  ASSERT_EQ(narrowed.status, 200) << narrowed.Describe();
  EXPECT_EQ(ListIds(As("east1"), "customers"), CustomerIdsOf({"east1"}))
      << "sales_rep's own remains";
}

TEST_F(AccessRolesTest, OwnAndReportsFollowsTheManagerChainAcrossDepartments) {
  BuildOrg();
  ASSERT_FALSE(HasFatalFailure());
  PostRole("team_lead",
           {{"customers", json::object{{"read", "own_and_reports"}, {"create", "own"}}}});
  ASSERT_FALSE(HasFailure());
  // The lead sits in South; east1 reports to them, and "deep" reports to east1.
  AddMember("lead", {"team_lead"}, south_);
  ASSERT_FALSE(HasFailure());
  SetUser("east1", {{"managerId", M("lead").id}});
  OrgMember& deep = AddMember("deep", {"sales_rep"}, east_, M("east1").id);
  ASSERT_FALSE(HasFailure());
  HttpResponse c = deep.client->Post("/api/v1/customers", json::object{{"name", "下属网联客户"}});
  ASSERT_EQ(c.status, 201) << c.Describe();
  std::set<std::string> want = CustomerIdsOf({"east1"});
  want.insert(IdStr(At(c.json, "id")));
  int64_t total = -1;
  EXPECT_EQ(ListIds(As("lead"), "customers", "", &total), want);
  EXPECT_EQ(total, static_cast<int64_t>(want.size()));
  EXPECT_EQ(As("lead").Get(RecordPath("customers", M("south1").customers[0].at("id"))).status, 404)
      << "same department is not a report";
  // east1 (sales_rep) still sees only their own, not their report's.
  EXPECT_EQ(ListIds(As("east1"), "customers"), CustomerIdsOf({"east1"}));
}

}  // namespace
}  // namespace kehu::apitest
