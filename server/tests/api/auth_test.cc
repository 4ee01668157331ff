// Login, session cookie, /auth/me, logout, CSRF.
#include <algorithm>

#include "harness.h"

namespace kehu::apitest {
namespace {

using AuthTest = ApiTest;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool HasRoleAdmin(const json::value& roles) {
  if (!roles.is_array()) return false;
  for (const auto& r : roles.get_array()) {
    if (r.is_string() && r.get_string() == "admin") return true;
    if (Str(r, "code") == "admin") return true;
  }
  return false;
}

TEST_F(AuthTest, LoginReturnsUserCsrfTokenAndAStrictSessionCookie) {
  auto c = NewClient();
  HttpResponse r = c->Login("admin", server->admin_password());
  ASSERT_EQ(r.status, 200) << r.Describe();
  const auto& user = At(r.json, "user");
  EXPECT_FALSE(At(user, "id").is_null()) << r.body;
  EXPECT_EQ(Str(user, "username"), "admin");
  EXPECT_TRUE(At(user, "displayName").is_string()) << r.body;
  EXPECT_TRUE(HasRoleAdmin(At(user, "roles"))) << r.body;
  EXPECT_GE(Str(r.json, "csrfToken").size(), 16u) << r.body;
  EXPECT_EQ(At(user, "password"), nullptr) << "password leaks: " << r.body;
  EXPECT_EQ(At(user, "passwordHash"), nullptr) << "password hash leaks: " << r.body;

  std::string cookie = r.Header("Set-Cookie");
  ASSERT_EQ(cookie.rfind("kehu_session=", 0), 0u) << cookie;
  EXPECT_GT(cookie.find(';'), std::string("kehu_session=").size()) << "empty session: " << cookie;
  std::string attrs = Lower(cookie);
  EXPECT_NE(attrs.find("httponly"), std::string::npos) << cookie;
  EXPECT_NE(attrs.find("samesite=lax"), std::string::npos) << cookie;
  EXPECT_NE(attrs.find("path=/"), std::string::npos) << cookie;
}

TEST_F(AuthTest, WrongPasswordIs401AndGivesNoSession) {
  auto c = NewClient();
  HttpResponse r = c->Login("admin", server->admin_password() + "x");
  EXPECT_EQ(r.status, 401) << r.Describe();
  EXPECT_FALSE(Str(At(r.json, "error"), "code").empty()) << r.body;
  EXPECT_EQ(c->CookieHeader().find("kehu_session="), std::string::npos)
      << "a failed login set a session cookie: " << r.Header("Set-Cookie");
  EXPECT_EQ(c->Get("/api/v1/auth/me").status, 401);
}

TEST_F(AuthTest, UnknownUserIs401LikeAWrongPassword) {
  auto c = NewClient();
  HttpResponse wrong_pw = c->Login("admin", "not-the-password");
  HttpResponse no_user = c->Login("nobody_" + RandomHex(4), "not-the-password");
  EXPECT_EQ(no_user.status, 401) << no_user.Describe();
  EXPECT_EQ(Str(At(no_user.json, "error"), "code"), Str(At(wrong_pw.json, "error"), "code"))
      << "the error must not reveal whether the user exists";
}

TEST_F(AuthTest, MeReturnsUserPermissionsAndCsrfToken) {
  HttpResponse r = admin->Get("/api/v1/auth/me");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(At(r.json, "user"), "username"), "admin");
  EXPECT_EQ(At(At(r.json, "user"), "id"), At(admin_user, "id"));
  EXPECT_TRUE(At(r.json, "permissions").is_object()) << r.body;
  EXPECT_EQ(Str(r.json, "csrfToken"), admin->csrf_token());
}

TEST_F(AuthTest, LogoutEndsTheSessionOnTheServer) {
  std::string old_cookie = admin->CookieHeader();
  ASSERT_FALSE(old_cookie.empty());
  HttpResponse out = admin->Send("POST", "/api/v1/auth/logout", "");
  ASSERT_EQ(out.status, 204) << out.Describe();
  EXPECT_EQ(admin->Get("/api/v1/auth/me").status, 401);
  // The old cookie replayed by someone else is dead too.
  auto replay = NewClient();
  EXPECT_EQ(replay->Get("/api/v1/auth/me", {{"Cookie", old_cookie}}).status, 401);
  EXPECT_EQ(replay->Get("/api/v1/customers", {{"Cookie", old_cookie}}).status, 401);
}

TEST_F(AuthTest, CookieWithoutCsrfTokenIs403AndWritesNothing) {
  json::object c = CreateCustomer({{"name", "CSRF 测试"}, {"phone", "010-12345678"}});
  std::string path = "/api/v1/customers/" + IdStr(c["id"]);
  admin->set_send_csrf(false);
  HttpResponse post = admin->Post("/api/v1/customers", json::object{{"name", "不该写入"}});
  EXPECT_EQ(post.status, 403) << post.Describe();
  HttpResponse patch = admin->Patch(path, json::object{{"version", 1}, {"phone", "010-99999999"}});
  EXPECT_EQ(patch.status, 403) << patch.Describe();
  HttpResponse del = admin->Delete(path);
  EXPECT_EQ(del.status, 403) << del.Describe();
  admin->set_send_csrf(true);

  EXPECT_EQ(Total("customers"), 1);
  HttpResponse got = admin->Get(path);
  ASSERT_EQ(got.status, 200) << got.Describe();
  EXPECT_EQ(Str(got.json, "phone"), "010-12345678");
  EXPECT_EQ(At(got.json, "version"), json::value(1));
}

TEST_F(AuthTest, WrongCsrfTokenIs403) {
  HttpResponse r = admin->Post("/api/v1/customers", json::object{{"name", "错误令牌"}},
                               {{"X-CSRF-Token", RandomHex(16)}});
  EXPECT_EQ(r.status, 403) << r.Describe();
  EXPECT_EQ(Total("customers"), 0);
}

TEST_F(AuthTest, AnotherSessionsCsrfTokenIs403) {
  auto other = NewAdminClient();
  ASSERT_NE(other->csrf_token(), admin->csrf_token());
  HttpResponse r = admin->Post("/api/v1/customers", json::object{{"name", "别人的令牌"}},
                               {{"X-CSRF-Token", other->csrf_token()}});
  EXPECT_EQ(r.status, 403) << r.Describe();
  EXPECT_EQ(Total("customers"), 0);
}

}  // namespace
}  // namespace kehu::apitest
