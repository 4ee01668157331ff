// Bad input gets a clear 4xx, writes nothing, and never takes the server down.
#include "harness.h"

namespace kehu::apitest {
namespace {

class BadInputTest : public ApiTest {
 protected:
  // POSTs raw bytes as JSON and expects `status` with an error code; nothing may be written.
  void ExpectRejected(const std::string& body, long status, const HeaderList& headers = {}) {
    SCOPED_TRACE("body: " + body.substr(0, 80));
    int64_t before = Total("customers");
    HeaderList h = headers.empty() ? HeaderList{{"Content-Type", "application/json"}} : headers;
    HttpResponse r = admin->Send("POST", "/api/v1/customers", body, h);
    EXPECT_EQ(r.status, status) << r.Describe();
    EXPECT_FALSE(Str(At(r.json, "error"), "code").empty()) << r.body.substr(0, 300);
    EXPECT_EQ(Total("customers"), before) << "rejected input was written";
  }

  // GET /api/v1/customers<query> expecting 400 whose body names `culprit`.
  void ExpectBadQuery(const std::string& query, const std::string& culprit) {
    SCOPED_TRACE(query);
    HttpResponse r = admin->Get("/api/v1/customers" + query);
    EXPECT_EQ(r.status, 400) << r.Describe();
    EXPECT_FALSE(Str(At(r.json, "error"), "code").empty()) << r.body;
    if (!culprit.empty()) {
      EXPECT_NE(r.body.find(culprit), std::string::npos) << r.body;
    }
  }

  void ExpectHealthy() {
    auto fresh = NewClient();
    HttpResponse r = fresh->Get("/api/v1/health");
    EXPECT_EQ(r.status, 200) << "server unhealthy: " << r.Describe();
  }
};

TEST_F(BadInputTest, MalformedJsonIs400) {
  for (const char* body : {"{\"name\":", "{name:\"x\"}", "{\"name\":\"x\",}", "{\"name\":\"x\"} x",
                           "{\"name\":\"x\"}{\"name\":\"y\"}", "", "{\"name\":\"a\nb\"}",
                           "\xEF\xBB\xBF{\"name\":\"bom\"}x"}) {
    ExpectRejected(body, 400);
  }
  ExpectHealthy();
}

// Regression: an unknown field named like a message placeholder hung the request forever.
TEST_F(BadInputTest, AFieldNamedLikeAMessagePlaceholderIsAnswered400) {
  HttpResponse r = admin->Post("/api/v1/customers", json::object{{"name", "占位符公司"}, {"{field}", "x"}});
  EXPECT_EQ(r.status, 400) << r.Describe();
  EXPECT_NE(Str(At(r.json, "error"), "message").find("{field}"), std::string::npos) << r.Describe();
}

TEST_F(BadInputTest, JsonThatIsNotAnObjectIs400) {
  for (const char* body : {"[]", "[{\"name\":\"x\"}]", "42", "\"name\"", "null", "true"}) {
    ExpectRejected(body, 400);
  }
}

TEST_F(BadInputTest, DeeplyNestedJsonIs400) {
  std::string deep =
      "{\"name\":\"x\",\"phone\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  ExpectRejected(deep, 400);
  ExpectHealthy();
}

TEST_F(BadInputTest, WrongTypesAre4xxWithACode) {
  for (json::value name : {json::value(123), json::value(true), json::value(json::object{}),
                           json::value(json::array{"x"})}) {
    SCOPED_TRACE(json::serialize(name));
    HttpResponse r = admin->Post("/api/v1/customers", json::object{{"name", name}});
    EXPECT_TRUE(r.status == 400 || r.status == 422) << r.Describe();
    EXPECT_FALSE(Str(At(r.json, "error"), "code").empty()) << r.body;
  }
  EXPECT_EQ(Total("customers"), 0);
}

TEST_F(BadInputTest, WrongVersionTypeIs4xxAndChangesNothing) {
  json::object c = CreateCustomer({{"name", "版本公司"}, {"phone", "010-11111111"}});
  std::string path = "/api/v1/customers/" + IdStr(c["id"]);
  for (json::value v : {json::value("x"), json::value("1"), json::value(1.5), json::value(nullptr),
                        json::value(-1)}) {
    SCOPED_TRACE(json::serialize(v));
    HttpResponse r = admin->Patch(path, json::object{{"version", v}, {"phone", "010-22222222"}});
    EXPECT_TRUE(r.status == 400 || r.status == 422 || r.status == 409) << r.Describe();
  }
  HttpResponse no_version = admin->Patch(path, json::object{{"phone", "010-33333333"}});
  EXPECT_TRUE(no_version.status == 400 || no_version.status == 422) << no_version.Describe();
  HttpResponse got = admin->Get(path);
  EXPECT_EQ(Str(got.json, "phone"), "010-11111111");
  EXPECT_EQ(At(got.json, "version"), json::value(1));
}

TEST_F(BadInputTest, UnknownFieldIs400) {
  HttpResponse r = admin->Post("/api/v1/customers", json::object{{"name", "x"}, {"nmae", "y"}});
  EXPECT_EQ(r.status, 400) << r.Describe();
  EXPECT_EQ(Str(At(r.json, "error"), "code"), "unknown_field") << r.body;
  EXPECT_NE(r.body.find("nmae"), std::string::npos)
      << "the error should name the field: " << r.body;
  EXPECT_EQ(Total("customers"), 0);
}

TEST_F(BadInputTest, InvalidUtf8InABodyStringIs400) {
  for (const char* bad : {"\xFF", "\xC0\xAF", "\xED\xA0\x80", "\xE4\xB8", "\xF8\x88\x80\x80\x80",
                          "\xF4\x90\x80\x80", "ok\x80"}) {
    ExpectRejected(std::string("{\"name\":\"网联") + bad + "\"}", 400);
  }
}

TEST_F(BadInputTest, InvalidUtf8InAQueryValueIs400) {
  CreateCustomer({{"name", "网联"}});
  for (const char* q : {"?name=%FF", "?name[contains]=%E7%BD", "?q=%C0%AF"}) {
    SCOPED_TRACE(q);
    HttpResponse r = admin->Get(std::string("/api/v1/customers") + q);
    EXPECT_EQ(r.status, 400) << r.Describe();
  }
}

TEST_F(BadInputTest, BodyOverTwoMebibytesIs413) {
  std::string body = "{\"name\":\"" + std::string(2 * 1024 * 1024 + 100, 'a') + "\"}";
  HttpResponse r = admin->Send("POST", "/api/v1/customers", body,
                               {{"Content-Type", "application/json"}, {"Expect", "100-continue"}});
  EXPECT_EQ(r.status, 413) << r.Describe();
  admin = NewAdminClient();  // the server may close the connection after a 413
  EXPECT_EQ(Total("customers"), 0);
  ExpectHealthy();
}

TEST_F(BadInputTest, BodyUnderTheLimitIsNotTooLarge) {
  std::string body = "{\"name\":\"" + std::string(1900 * 1024, 'a') + "\"}";
  HttpResponse r = admin->Send("POST", "/api/v1/customers", body);
  EXPECT_TRUE(r.status == 201 || r.status == 422) << r.Describe().substr(0, 300);
}

TEST_F(BadInputTest, WrongContentTypeIs415) {
  std::string body = "{\"name\":\"文本公司\"}";
  ExpectRejected(body, 415, {{"Content-Type", "text/plain"}});
  ExpectRejected(body, 415, {{"Content-Type", "application/x-www-form-urlencoded"}});
  json::object c = CreateCustomer({{"name", "类型公司"}});
  HttpResponse patch =
      admin->Send("PATCH", "/api/v1/customers/" + IdStr(c["id"]), "{\"version\":1,\"phone\":\"1\"}",
                  {{"Content-Type", "text/plain"}});
  EXPECT_EQ(patch.status, 415) << patch.Describe();
}

TEST_F(BadInputTest, JsonWithCharsetParameterIsAccepted) {
  HttpResponse r = admin->Send("POST", "/api/v1/customers", "{\"name\":\"字符集公司\"}",
                               {{"Content-Type", "application/json; charset=utf-8"}});
  EXPECT_EQ(r.status, 201) << r.Describe();
}

TEST_F(BadInputTest, UnknownFilterFieldOrOperatorIs400NamingIt) {
  ExpectBadQuery("?nmae=x", "nmae");
  ExpectBadQuery("?name[like]=x", "like");
  ExpectBadQuery("?nmae[contains]=x", "nmae");
  ExpectBadQuery("?name[]=x", "");
}

TEST_F(BadInputTest, BadPagingIs400) {
  for (const char* q : {"?pageSize=0", "?pageSize=201", "?pageSize=abc", "?pageSize=-1",
                        "?pageSize=1.5", "?pageSize=99999999999999999999"}) {
    ExpectBadQuery(q, "pageSize");
  }
  for (const char* q : {"?page=0", "?page=abc", "?page=-3"}) ExpectBadQuery(q, "page");
}

TEST_F(BadInputTest, SortByAnUnknownFieldIs400NamingIt) {
  ExpectBadQuery("?sort=nosuch", "nosuch");
  ExpectBadQuery("?sort=-nosuch", "nosuch");
  ExpectBadQuery("?sort=name,nosuch", "nosuch");
}

TEST_F(BadInputTest, FilterValueOfTheWrongTypeIs400) {
  ExpectBadQuery(Query({{"createdAt[gt]", "not-a-date"}}), "");
  ExpectBadQuery(Query({{"ownerId", "abc"}}), "");
  ExpectBadQuery(Query({{"phone[isNull]", "maybe"}}), "");
}

}  // namespace
}  // namespace kehu::apitest
