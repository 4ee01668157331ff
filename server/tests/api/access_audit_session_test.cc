// Who may read the audit log, what security events land in it (without secrets), and session
// attacks by one org member on another: dead sessions, revoked tokens, mixed cookie/CSRF token.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class AccessAuditSessionTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg(false);
  }

  // Items of GET /audit<query> as admin (newest first, up to 200).
  json::array Audit(const std::vector<std::pair<std::string, std::string>>& params) {
    auto all = params;
    all.emplace_back("pageSize", "200");
    HttpResponse r = admin->Get("/api/v1/audit" + Query(all));
    EXPECT_EQ(r.status, 200) << r.Describe();
    const auto& items = At(r.json, "items");
    return items.is_array() ? items.get_array() : json::array{};
  }

  // Entries of `entity` about user `key` (as actor or as the record) whose action is `action`.
  int Count(const std::string& entity, const std::string& action, const std::string& key) {
    int n = 0;
    std::string id = IdStr(M(key).id);
    for (const auto& item : Audit({{"entity", entity}})) {
      bool about = IdStr(At(item, "userId")) == id || IdStr(At(item, "recordId")) == id;
      if (about && Str(item, "action") == action) ++n;
    }
    return n;
  }
};

TEST_F(AccessAuditSessionTest, OnlyAdminsAndExecutivesReadTheAuditLog) {
  EXPECT_EQ(admin->Get("/api/v1/audit").status, 200);
  HttpResponse exec = As("exec").Get("/api/v1/audit");
  EXPECT_EQ(exec.status, 200) << exec.Describe();
  for (const char* key : {"sup_east", "east1"}) {
    HttpResponse r = As(key).Get("/api/v1/audit" + Query({{"entity", "auth"}}));
    EXPECT_EQ(r.status, 403) << key << ": " << r.Describe();
    EXPECT_EQ(r.body.find("login"), std::string::npos) << r.body;
  }
}

TEST_F(AccessAuditSessionTest, LoginsFailuresAndLogoutsAreAudited) {
  EXPECT_GE(Count("auth", "login", "east1"), 1);
  int failed = Count("auth", "login_failed", "east1");
  EXPECT_EQ(NewClient()->Login(M("east1").username, "wrong-" + RandomHex(4)).status, 401);
  EXPECT_EQ(Count("auth", "login_failed", "east1"), failed + 1);
  int logouts = Count("auth", "logout", "east1");
  ASSERT_EQ(As("east1").Send("POST", "/api/v1/auth/logout", "").status, 204);
  EXPECT_EQ(Count("auth", "logout", "east1"), logouts + 1);
}

TEST_F(AccessAuditSessionTest, UserAndRoleChangesAreAuditedWithoutSecrets) {
  std::string pw = GoodPassword();
  json::object u = CreateUser("audited_user", pw, {"sales_rep"});
  ASSERT_FALSE(HasFailure());
  std::string path = RecordPath("users", u["id"]);
  ASSERT_EQ(admin
                ->Patch(path, json::object{{"version", u["version"]},
                                           {"roles", json::array{"supervisor"}}})
                .status,
            200);
  std::string pw2 = GoodPassword();
  ASSERT_EQ(admin->Post(path + "/password", json::object{{"password", pw2}}).status, 204);
  json::array items = Audit({{"entity", "users"}, {"recordId", IdStr(u["id"])}});
  EXPECT_GE(items.size(), 2u) << json::serialize(items);
  std::string dump = json::serialize(items);
  EXPECT_NE(dump.find("supervisor"), std::string::npos) << "the role change is recorded: " << dump;
  EXPECT_EQ(dump.find(pw), std::string::npos) << "password in the audit log";
  EXPECT_EQ(dump.find(pw2), std::string::npos) << "password in the audit log";
  EXPECT_EQ(dump.find("$argon2"), std::string::npos) << "hash in the audit log";

  HttpResponse role = admin->Post(
      "/api/v1/roles",
      json::object{{"code", "auditor"},
                   {"name", "审计员"},
                   {"grants", json::object{{"customers", json::object{{"read", "all"}}}}}});
  ASSERT_EQ(role.status, 201) << role.Describe();
  json::array role_items = Audit({{"entity", "roles"}, {"recordId", IdStr(At(role.json, "id"))}});
  EXPECT_GE(role_items.size(), 1u) << "role creation not audited";
}

TEST_F(AccessAuditSessionTest, LoggedOutRepsOldCookieAndTokenWriteNothing) {
  auto stolen = NewClient();
  stolen->CopySessionFrom(As("east1"));  // cookie and CSRF token as they were
  ASSERT_EQ(As("east1").Send("POST", "/api/v1/auth/logout", "").status, 204);
  HttpResponse r = stolen->Post("/api/v1/customers", json::object{{"name", "登出后写入"}});
  EXPECT_EQ(r.status, 401) << r.Describe();
  EXPECT_EQ(Total("customers"), 0);
}

TEST_F(AccessAuditSessionTest, RepsRevokedTokenWritesNothing) {
  HttpResponse t = As("east1").Post("/api/v1/auth/tokens", json::object{{"name", "我的集成"}});
  ASSERT_EQ(t.status, 201) << t.Describe();
  HeaderList bearer{{"Authorization", "Bearer " + Str(t.json, "token")}};
  auto integration = NewClient();
  HttpResponse mine = integration->Get("/api/v1/customers", bearer);
  EXPECT_EQ(mine.status, 200) << mine.Describe();
  // Another rep cannot revoke it…
  HttpResponse foreign = As("south1").Delete("/api/v1/auth/tokens/" + IdStr(At(t.json, "id")));
  EXPECT_TRUE(foreign.status == 404 || foreign.status == 403) << foreign.Describe();
  EXPECT_EQ(integration->Get("/api/v1/customers", bearer).status, 200);
  // …the owner can, and then it is dead.
  ASSERT_EQ(As("east1").Delete("/api/v1/auth/tokens/" + IdStr(At(t.json, "id"))).status, 204);
  HttpResponse r =
      integration->Post("/api/v1/customers", json::object{{"name", "吊销后写入"}}, bearer);
  EXPECT_EQ(r.status, 401) << r.Describe();
  EXPECT_EQ(Total("customers"), 0);
}

TEST_F(AccessAuditSessionTest, OneUsersCookieWithAnotherUsersCsrfTokenIsRefused) {
  auto attacker = NewClient();
  attacker->CopySessionFrom(As("east1"));
  HeaderList other_token{{"X-CSRF-Token", As("south1").csrf_token()}};
  HttpResponse post =
      attacker->Post("/api/v1/customers", json::object{{"name", "混用令牌"}}, other_token);
  EXPECT_EQ(post.status, 403) << post.Describe();
  HttpResponse pw = attacker->Post(
      "/api/v1/auth/password",
      json::object{{"currentPassword", M("east1").password}, {"newPassword", GoodPassword()}},
      other_token);
  EXPECT_EQ(pw.status, 403) << pw.Describe();
  HttpResponse admin_token =
      attacker->Post("/api/v1/customers", json::object{{"name", "管理员令牌"}},
                     {{"X-CSRF-Token", admin->csrf_token()}});
  EXPECT_EQ(admin_token.status, 403) << admin_token.Describe();
  EXPECT_EQ(Total("customers"), 0);
  EXPECT_EQ(LoginAs(M("east1").username, M("east1").password)->Get("/api/v1/auth/me").status, 200)
      << "the password did not change";
}

}  // namespace
}  // namespace kehu::apitest
