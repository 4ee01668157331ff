// Departments and users: shapes, validation, who may administer them, and what password resets
// and deactivation do to open sessions.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

using AccessUsersTest = AccessTest;

TEST_F(AccessUsersTest, DepartmentsCreateListAndRename) {
  json::object hq = CreateDepartment("总部");
  json::object east = CreateDepartment("华东区", hq["id"]);
  ASSERT_FALSE(HasFailure());
  EXPECT_EQ(Str(json::value(east), "name"), "华东区");
  EXPECT_EQ(IdStr(east["parentId"]), IdStr(hq["id"]));
  EXPECT_EQ(At(json::value(east), "active"), json::value(true));
  EXPECT_EQ(At(json::value(east), "version"), json::value(1));
  HttpResponse list = admin->Get("/api/v1/departments");
  ASSERT_EQ(list.status, 200) << list.Describe();
  std::vector<std::string> ids = Ids(list);
  EXPECT_NE(std::find(ids.begin(), ids.end(), IdStr(east["id"])), ids.end()) << list.body;
  EXPECT_EQ(TotalOf(list), static_cast<int64_t>(ids.size()));
  HttpResponse r = admin->Patch(RecordPath("departments", east["id"]),
                                json::object{{"version", 1}, {"name", "华东大区"}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(r.json, "name"), "华东大区");
  EXPECT_EQ(At(r.json, "version"), json::value(2));
}

TEST_F(AccessUsersTest, MovingADepartmentUnderItsOwnDescendantIs422Cycle) {
  json::object hq = CreateDepartment("总部");
  json::object east = CreateDepartment("华东区", hq["id"]);
  json::object team = CreateDepartment("杭州组", east["id"]);
  ASSERT_FALSE(HasFailure());
  std::string path = RecordPath("departments", hq["id"]);
  HttpResponse r = admin->Patch(path, json::object{{"version", 1}, {"parentId", team["id"]}});
  EXPECT_EQ(r.status, 422) << r.Describe();
  EXPECT_EQ(FieldError(r, "parentId"), "cycle") << r.body;
  HttpResponse self = admin->Patch(path, json::object{{"version", 1}, {"parentId", hq["id"]}});
  EXPECT_EQ(self.status, 422) << self.Describe();
  EXPECT_EQ(FieldError(self, "parentId"), "cycle") << self.body;
  HttpResponse got = admin->Get("/api/v1/departments");
  for (const auto& d : At(got.json, "items").get_array()) {
    if (IdStr(At(d, "id")) == IdStr(hq["id"])) {
      EXPECT_TRUE(At(d, "parentId").is_null()) << got.body;
      EXPECT_EQ(At(d, "version"), json::value(1));
    }
  }
}

TEST_F(AccessUsersTest, CreatedUserHasTheContractShapeAndNoPassword) {
  json::object dept = CreateDepartment("华东区");
  std::string pw = GoodPassword();
  json::object u = CreateUser(
      "zhang_san", pw, {"sales_rep"},
      {{"email", "zhangsan@example.cn"}, {"mobile", "13800138000"}, {"departmentId", dept["id"]}});
  ASSERT_FALSE(HasFailure());
  json::value v(u);
  for (const char* key :
       {"id", "username", "displayName", "email", "mobile", "departmentId", "managerId", "roles",
        "active", "timeZone", "locale", "version", "createdAt", "updatedAt"})
    EXPECT_TRUE(u.contains(key)) << key << " missing: " << json::serialize(u);
  EXPECT_EQ(RoleCodes(v), std::set<std::string>{"sales_rep"});
  EXPECT_EQ(At(v, "active"), json::value(true));
  EXPECT_EQ(Str(v, "timeZone"), "Asia/Shanghai");
  std::string body = json::serialize(u);
  EXPECT_EQ(body.find(pw), std::string::npos);
  for (const auto& [key, value] : u) {
    std::string k(key);
    std::transform(k.begin(), k.end(), k.begin(), ::tolower);
    EXPECT_EQ(k.find("password"), std::string::npos) << body;
    EXPECT_EQ(k.find("hash"), std::string::npos) << body;
  }
  HttpResponse got = admin->Get(RecordPath("users", u["id"]));
  ASSERT_EQ(got.status, 200) << got.Describe();
  EXPECT_EQ(got.body.find(pw), std::string::npos);
  EXPECT_EQ(At(got.json, "passwordHash"), nullptr);
  HttpResponse list = admin->Get("/api/v1/users" + Query({{"q", "zhang_san"}}));
  ASSERT_EQ(list.status, 200) << list.Describe();
  EXPECT_EQ(Ids(list), std::vector<std::string>{IdStr(u["id"])});
  EXPECT_EQ(list.body.find("$argon2"), std::string::npos);
  EXPECT_EQ(LoginAs("zhang_san", pw)->Get("/api/v1/auth/me").status, 200);
}

TEST_F(AccessUsersTest, UserValidationDuplicateWeakPasswordUnknownRole) {
  CreateUser("li_si", GoodPassword(), {"sales_rep"});
  ASSERT_FALSE(HasFailure());
  int64_t before = TotalOf(admin->Get("/api/v1/users"));
  auto post = [&](const std::string& username, const std::string& pw, const char* role) {
    return admin->Post("/api/v1/users", json::object{{"username", username},
                                                     {"displayName", "测试"},
                                                     {"password", pw},
                                                     {"roles", json::array{role}}});
  };
  HttpResponse dup = post("li_si", GoodPassword(), "sales_rep");
  EXPECT_EQ(dup.status, 422) << dup.Describe();
  EXPECT_EQ(FieldError(dup, "username"), "unique") << dup.body;
  HttpResponse shrt = post("wang_wu", "Ab1!x", "sales_rep");
  EXPECT_EQ(shrt.status, 422) << shrt.Describe();
  EXPECT_EQ(FieldError(shrt, "password"), "too_weak") << shrt.body;
  HttpResponse same = post("wang_wu_long", "wang_wu_long", "sales_rep");
  EXPECT_EQ(same.status, 422) << same.Describe();
  EXPECT_EQ(FieldError(same, "password"), "too_weak") << same.body;
  HttpResponse role = post("zhao_liu", GoodPassword(), "superuser");
  EXPECT_EQ(role.status, 422) << role.Describe();
  EXPECT_EQ(FieldError(role, "roles"), "invalid_option") << role.body;
  EXPECT_EQ(TotalOf(admin->Get("/api/v1/users")), before);
  EXPECT_EQ(NewClient()->Login("wang_wu_long", "wang_wu_long").status, 401);
}

TEST_F(AccessUsersTest, NonAdminsMayReadUsersButNotCreateOrChangeThem) {
  BuildOrg(false);
  ASSERT_FALSE(HasFatalFailure());
  int64_t before = TotalOf(admin->Get("/api/v1/users"));
  for (const char* key : {"east1", "sup_east", "exec"}) {
    SCOPED_TRACE(key);
    Client& c = As(key);
    HttpResponse create =
        c.Post("/api/v1/users", json::object{{"username", std::string("x_") + key},
                                             {"displayName", "越权"},
                                             {"password", GoodPassword()},
                                             {"roles", json::array{"admin"}}});
    EXPECT_EQ(create.status, 403) << create.Describe();
    std::string before_user = admin->Get(RecordPath("users", M("east2").id)).body;
    HttpResponse patch = c.Patch(RecordPath("users", M("east2").id),
                                 json::object{{"version", 1}, {"roles", json::array{"admin"}}});
    EXPECT_EQ(patch.status, 403) << patch.Describe();
    HttpResponse self = c.Patch(RecordPath("users", M(key).id),
                                json::object{{"version", 1}, {"roles", json::array{"admin"}}});
    EXPECT_EQ(self.status, 403) << "promoting oneself: " << self.Describe();
    HttpResponse reset = c.Post(RecordPath("users", M("east2").id) + "/password",
                                json::object{{"password", GoodPassword()}});
    EXPECT_EQ(reset.status, 403) << reset.Describe();
    EXPECT_EQ(admin->Get(RecordPath("users", M("east2").id)).body, before_user);
    EXPECT_EQ(As("east2").Get("/api/v1/auth/me").status, 200) << "east2's session survives";
    // Reading the directory is allowed.
    HttpResponse list = c.Get("/api/v1/users" + Query({{"departmentId", IdStr(east_)}}));
    ASSERT_EQ(list.status, 200) << list.Describe();
    EXPECT_EQ(TotalOf(list), 1 + kRepsPerDepartment) << list.body;
    EXPECT_EQ(list.body.find("$argon2"), std::string::npos);
    EXPECT_EQ(c.Get(RecordPath("users", M("south1").id)).status, 200);
  }
  EXPECT_EQ(TotalOf(admin->Get("/api/v1/users")), before);
  EXPECT_EQ(RoleCodes(admin->Get(RecordPath("users", M("east1").id)).json),
            std::set<std::string>{"sales_rep"});
}

TEST_F(AccessUsersTest, ManagerCycleIs422) {
  BuildOrg(false);
  ASSERT_FALSE(HasFatalFailure());
  // sup_east -> managerId east1, while east1 reports to sup_east.
  std::string path = RecordPath("users", M("sup_east").id);
  std::string before = admin->Get(path).body;
  HttpResponse r =
      admin->Patch(path, json::object{{"version", At(admin->Get(path).json, "version")},
                                      {"managerId", M("east1").id}});
  EXPECT_EQ(r.status, 422) << r.Describe();
  EXPECT_EQ(FieldError(r, "managerId"), "cycle") << r.body;
  HttpResponse self =
      admin->Patch(path, json::object{{"version", At(admin->Get(path).json, "version")},
                                      {"managerId", M("sup_east").id}});
  EXPECT_EQ(self.status, 422) << self.Describe();
  EXPECT_EQ(FieldError(self, "managerId"), "cycle") << self.body;
  EXPECT_EQ(admin->Get(path).body, before);
  HttpResponse ok = admin->Patch(
      path,
      json::object{{"version", At(admin->Get(path).json, "version")}, {"managerId", M("exec").id}});
  EXPECT_EQ(ok.status, 200) << "a manager above is fine: " << ok.Describe();
}

TEST_F(AccessUsersTest, AdminPasswordResetEndsTheUsersSessions) {
  BuildOrg(false);
  ASSERT_FALSE(HasFatalFailure());
  auto second = LoginAs(M("east1").username, M("east1").password);
  std::string pw = GoodPassword();
  HttpResponse r =
      admin->Post(RecordPath("users", M("east1").id) + "/password", json::object{{"password", pw}});
  ASSERT_EQ(r.status, 204) << r.Describe();
  EXPECT_EQ(As("east1").Get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(second->Get("/api/v1/customers").status, 401);
  EXPECT_EQ(second->Post("/api/v1/customers", json::object{{"name", "旧会话写入"}}).status, 401);
  EXPECT_EQ(Total("customers"), 0);
  EXPECT_EQ(As("east2").Get("/api/v1/auth/me").status, 200) << "other users keep their sessions";
  EXPECT_EQ(NewClient()->Login(M("east1").username, M("east1").password).status, 401);
  EXPECT_EQ(LoginAs(M("east1").username, pw)->Get("/api/v1/auth/me").status, 200);
  HttpResponse weak = admin->Post(RecordPath("users", M("east1").id) + "/password",
                                  json::object{{"password", "short"}});
  EXPECT_EQ(weak.status, 422) << weak.Describe();
}

TEST_F(AccessUsersTest, SelfPasswordChangeNeedsTheCurrentPassword) {
  BuildOrg(false);
  ASSERT_FALSE(HasFatalFailure());
  Client& c = As("east1");
  std::string pw = GoodPassword();
  HttpResponse wrong =
      c.Post("/api/v1/auth/password",
             json::object{{"currentPassword", "not-it-" + RandomHex(3)}, {"newPassword", pw}});
  EXPECT_EQ(wrong.status, 422) << wrong.Describe();
  EXPECT_EQ(FieldError(wrong, "currentPassword"), "wrong") << wrong.body;
  EXPECT_EQ(NewClient()->Login(M("east1").username, pw).status, 401) << "nothing changed";
  HttpResponse ok =
      c.Post("/api/v1/auth/password",
             json::object{{"currentPassword", M("east1").password}, {"newPassword", pw}});
  ASSERT_EQ(ok.status, 204) << ok.Describe();
  EXPECT_EQ(NewClient()->Login(M("east1").username, M("east1").password).status, 401);
  EXPECT_EQ(LoginAs(M("east1").username, pw)->Get("/api/v1/auth/me").status, 200);
  // Without the CSRF token the change is refused.
  c.set_send_csrf(false);
  EXPECT_EQ(c.Post("/api/v1/auth/password",
                   json::object{{"currentPassword", pw}, {"newPassword", GoodPassword()}})
                .status,
            403);
}

TEST_F(AccessUsersTest, DeactivatedUserCannotLogInAndTheirSessionDies) {
  BuildOrg(false);
  ASSERT_FALSE(HasFatalFailure());
  std::string path = RecordPath("users", M("south1").id);
  HttpResponse r = admin->Patch(
      path, json::object{{"version", At(admin->Get(path).json, "version")}, {"active", false}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(At(r.json, "active"), json::value(false));
  EXPECT_EQ(As("south1").Get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(As("south1").Post("/api/v1/customers", json::object{{"name", "停用后写入"}}).status,
            401);
  EXPECT_EQ(Total("customers"), 0);
  EXPECT_EQ(NewClient()->Login(M("south1").username, M("south1").password).status, 401);
  HttpResponse back = admin->Patch(
      path, json::object{{"version", At(admin->Get(path).json, "version")}, {"active", true}});
  ASSERT_EQ(back.status, 200) << back.Describe();
  EXPECT_EQ(LoginAs(M("south1").username, M("south1").password)->Get("/api/v1/auth/me").status,
            200);
}

}  // namespace
}  // namespace kehu::apitest
