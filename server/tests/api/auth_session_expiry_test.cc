// Sessions end by absolute expiry and by idleness, checked on the server (not by the cookie).
#include "harness.h"

namespace kehu::apitest {
namespace {

class AuthSessionExpiryTest : public ApiTest {};

TEST_F(AuthSessionExpiryTest, AnExpiredSessionIsRefusedAndWritesNothing) {
  std::string before = json::serialize(admin->Get("/api/v1/customers").json.at("total"));
  ASSERT_EQ(server->ExecSql("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'"), "");
  HttpResponse me = admin->Get("/api/v1/auth/me");
  EXPECT_EQ(me.status, 401) << me.Describe();
  HttpResponse write = admin->Post("/api/v1/customers", json::object{{"name", "过期会话写入"}});
  EXPECT_EQ(write.status, 401) << write.Describe();
  auto fresh = NewAdminClient();
  EXPECT_EQ(json::serialize(fresh->Get("/api/v1/customers").json.at("total")), before);
}

TEST_F(AuthSessionExpiryTest, AnIdleSessionIsRefused) {
  ASSERT_EQ(admin->Get("/api/v1/auth/me").status, 200);
  // Eight hours without a request (the default idle limit) ends the session.
  ASSERT_EQ(server->ExecSql("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00.000Z'"), "");
  EXPECT_EQ(admin->Get("/api/v1/auth/me").status, 401);
}

}  // namespace
}  // namespace kehu::apitest
