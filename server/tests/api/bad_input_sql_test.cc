// SQL-looking strings everywhere: stored literally or refused with a 4xx, never a 500, and the
// tables keep working afterwards.
#include "harness.h"

namespace kehu::apitest {
namespace {

using BadInputSqlTest = ApiTest;

const std::vector<std::string> kNasty = {
    "'; DROP TABLE customers; --",
    "1 OR 1=1",
    "' OR '1'='1",
    "\" OR \"\"=\"",
    "1; SELECT pg_sleep(5); --",
    "x') UNION SELECT password_hash FROM users --",
    "%' AND 1=1 --",
    "\\'; DELETE FROM audit_log; --",
    "$1",
    "?",
    "name",
};

bool Acceptable(long status) { return status >= 200 && status < 500 && status != 0; }

TEST_F(BadInputSqlTest, FieldValuesAreStoredLiterally) {
  int created = 0;
  for (const auto& s : kNasty) {
    SCOPED_TRACE(s);
    for (const char* field : {"name", "code", "address", "phone", "email"}) {
      json::object body{{"name", "注入测试"}};
      body[field] = s;
      HttpResponse r = admin->Post("/api/v1/customers", body);
      ASSERT_TRUE(Acceptable(r.status)) << field << ": " << r.Describe();
      if (r.status != 201) continue;
      ++created;
      HttpResponse got = admin->Get("/api/v1/customers/" + IdStr(At(r.json, "id")));
      ASSERT_EQ(got.status, 200) << got.Describe();
      EXPECT_EQ(Str(got.json, field), s) << field << " not stored literally";
    }
  }
  EXPECT_GT(created, 0);
  EXPECT_EQ(Total("customers"), created) << "the table still lists exactly what was created";
}

TEST_F(BadInputSqlTest, QueryParametersNeverBreakTheServer) {
  json::object c = CreateCustomer({{"name", "'; DROP TABLE customers; --"}, {"code", "1 OR 1=1"}});
  for (const auto& s : kNasty) {
    SCOPED_TRACE(s);
    for (const char* key :
         {"name", "name[contains]", "name[startsWith]", "name[ne]", "code[in]", "createdAt[gt]",
          "ownerId", "q", "sort", "page", "pageSize", "deleted", "name[isNull]"}) {
      HttpResponse r = admin->Get("/api/v1/customers" + Query({{key, s}}));
      EXPECT_TRUE(Acceptable(r.status)) << key << ": " << r.Describe();
      if (r.status == 200) {
        const auto& total = At(r.json, "total");
        EXPECT_TRUE(total.is_int64() && total.get_int64() <= 1) << key << ": " << r.body;
      }
    }
    for (const std::string& path :
         {"/api/v1/customers/" + UrlEncode(s), "/api/v1/customers/" + UrlEncode(s) + "/contacts",
          "/api/v1/search" + Query({{"q", s}}),
          "/api/v1/audit" + Query({{"entity", s}, {"recordId", s}})}) {
      HttpResponse r = admin->Get(path);
      EXPECT_TRUE(Acceptable(r.status)) << path << ": " << r.Describe();
    }
  }
  // The literal name is found as a literal, and only it.
  HttpResponse exact = admin->Get("/api/v1/customers" + Query({{"name", kNasty[0]}}));
  EXPECT_EQ(Ids(exact), std::vector<std::string>{IdStr(c["id"])}) << exact.body;
  HttpResponse one = admin->Get("/api/v1/customers" + Query({{"code", "1 OR 1=1"}}));
  EXPECT_EQ(Ids(one), std::vector<std::string>{IdStr(c["id"])}) << one.body;
}

TEST_F(BadInputSqlTest, TablesStillWorkAfterwards) {
  for (const auto& s : kNasty) {
    admin->Post("/api/v1/customers", json::object{{"name", s}, {"code", s}});
    admin->Get("/api/v1/customers" + Query({{"name", s}, {"sort", s}}));
    admin->Get("/api/v1/customers" + Query({{"q", s}}));
  }
  int64_t before = Total("customers");
  json::object c = CreateCustomer({{"name", "之后的公司"}});
  EXPECT_EQ(Total("customers"), before + 1);
  std::string path = "/api/v1/customers/" + IdStr(c["id"]);
  EXPECT_EQ(admin->Patch(path, json::object{{"version", 1}, {"phone", "010-11111111"}}).status,
            200);
  EXPECT_EQ(admin->Delete(path).status, 204);
  auto fresh = NewClient();
  EXPECT_EQ(fresh->Get("/api/v1/health").status, 200);
  EXPECT_EQ(fresh->Login("admin", server->admin_password()).status, 200) << "users table intact";
}

}  // namespace
}  // namespace kehu::apitest
