// Health, the 401 wall around everything else, OpenAPI, metrics, graceful stop.
#include "harness.h"

namespace kehu::apitest {
namespace {

using HealthMetaTest = ApiTest;

TEST_F(HealthMetaTest, HealthAnswersWithoutAuthAndNamesTheDatabase) {
  auto anon = NewClient();
  HttpResponse r = anon->Get("/api/v1/health");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(r.json, "status"), "ok");
  EXPECT_EQ(Str(r.json, "database"), server->database_kind());
  EXPECT_FALSE(Str(r.json, "version").empty()) << r.body;
  EXPECT_NE(r.Header("Content-Type").find("application/json"), std::string::npos)
      << r.Header("Content-Type");
}

// Everything but health and login needs a session, and says so in the one error shape.
TEST_F(HealthMetaTest, EverythingElseWithoutSessionIs401) {
  auto anon = NewClient();
  for (const char* path :
       {"/api/v1/customers", "/api/v1/customers/1", "/api/v1/contacts", "/api/v1/auth/me",
        "/api/v1/search?q=x", "/api/v1/audit", "/api/v1/openapi.json", "/api/v1/meta",
        "/api/v1/customers/1/contacts", "/api/v1/no-such-thing"}) {
    SCOPED_TRACE(path);
    HttpResponse r = anon->Get(path);
    EXPECT_EQ(r.status, 401) << r.Describe();
    EXPECT_FALSE(Str(At(r.json, "error"), "code").empty()) << r.body;
    EXPECT_FALSE(Str(At(r.json, "error"), "message").empty()) << r.body;
  }
}

TEST_F(HealthMetaTest, UnsafeMethodsWithoutSessionAre401AndWriteNothing) {
  auto anon = NewClient();
  EXPECT_EQ(anon->Post("/api/v1/customers", json::object{{"name", "匿名公司"}}).status, 401);
  json::object c = CreateCustomer({{"name", "已有公司"}});
  std::string path = "/api/v1/customers/" + IdStr(c["id"]);
  EXPECT_EQ(anon->Patch(path, json::object{{"version", 1}, {"phone", "010-11111111"}}).status, 401);
  EXPECT_EQ(anon->Delete(path).status, 401);
  EXPECT_EQ(Total("customers"), 1);
  HttpResponse got = admin->Get(path);
  ASSERT_EQ(got.status, 200) << got.Describe();
  EXPECT_EQ(At(got.json, "version"), json::value(1));
}

TEST_F(HealthMetaTest, ABogusSessionCookieIs401) {
  auto anon = NewClient();
  HttpResponse r = anon->Get("/api/v1/auth/me", {{"Cookie", "kehu_session=" + RandomHex(32)}});
  EXPECT_EQ(r.status, 401) << r.Describe();
}

TEST_F(HealthMetaTest, OpenApiDescribesCustomers) {
  HttpResponse r = admin->Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200) << r.Describe();
  ASSERT_TRUE(r.is_json) << r.body.substr(0, 500);
  EXPECT_EQ(Str(r.json, "openapi").rfind("3.1", 0), 0u) << Str(r.json, "openapi");
  const auto& paths = At(r.json, "paths");
  ASSERT_TRUE(paths.is_object());
  EXPECT_TRUE(paths.get_object().contains("/api/v1/customers"));
  EXPECT_TRUE(paths.get_object().contains("/api/v1/customers/{id}"));
}

TEST_F(HealthMetaTest, MetricsFromLoopbackCountRequests) {
  ASSERT_EQ(admin->Get("/api/v1/health").status, 200);
  auto anon = NewClient();
  HttpResponse r = anon->Get("/metrics");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_NE(r.body.find("kehu_http_requests_total"), std::string::npos) << r.body.substr(0, 1000);
}

TEST_F(HealthMetaTest, SigtermStopsGracefullyWithExitCodeZero) {
  ASSERT_EQ(admin->Get("/api/v1/health").status, 200);
  EXPECT_EQ(server->Stop(), 0);
  auto anon = NewClient();
  EXPECT_EQ(anon->Get("/api/v1/health").status, 0) << "still answering after SIGTERM";
}

}  // namespace
}  // namespace kehu::apitest
