// API.md beyond the session basics: API tokens (Bearer, no CSRF), login rate limiting,
// localized error messages.
#include "harness.h"

namespace kehu::apitest {
namespace {

using AuthExtraTest = ApiTest;

TEST_F(AuthExtraTest, BearerTokenWorksWithoutCsrfAndDiesWhenRevoked) {
  HttpResponse created = admin->Post("/api/v1/auth/tokens", json::object{{"name", "集成测试"}});
  ASSERT_EQ(created.status, 201) << created.Describe();
  std::string token = Str(created.json, "token");
  ASSERT_GE(token.size(), 20u) << created.body;

  auto integration = NewClient();  // no cookie, no CSRF token
  HeaderList bearer{{"Authorization", "Bearer " + token}};
  HttpResponse list = integration->Get("/api/v1/customers", bearer);
  EXPECT_EQ(list.status, 200) << list.Describe();
  HttpResponse post =
      integration->Post("/api/v1/customers", json::object{{"name", "令牌公司"}}, bearer);
  EXPECT_EQ(post.status, 201) << post.Describe();
  HttpResponse wrong =
      integration->Get("/api/v1/customers", {{"Authorization", "Bearer x" + token}});
  EXPECT_EQ(wrong.status, 401) << wrong.Describe();

  const auto& id = At(created.json, "id");
  ASSERT_FALSE(id.is_null()) << "the create response should carry the token's id: " << created.body;
  HttpResponse revoke = admin->Delete("/api/v1/auth/tokens/" + IdStr(id));
  EXPECT_EQ(revoke.status, 204) << revoke.Describe();
  EXPECT_EQ(integration->Get("/api/v1/customers", bearer).status, 401);
}

TEST_F(AuthExtraTest, RepeatedLoginFailuresAreRateLimited) {
  auto c = NewClient();
  HttpResponse last;
  for (int i = 0; i < 30; ++i) {
    last = c->Login("admin", "wrong-" + std::to_string(i));
    if (last.status != 401) break;
  }
  ASSERT_EQ(last.status, 429) << "30 failed logins and no 429: " << last.Describe();
  EXPECT_FALSE(last.Header("Retry-After").empty());
  EXPECT_FALSE(Str(At(last.json, "error"), "code").empty()) << last.body;
}

TEST_F(AuthExtraTest, ErrorMessagesFollowAcceptLanguage) {
  HttpResponse zh = admin->Get("/api/v1/customers/987654321", {{"Accept-Language", "zh-CN"}});
  HttpResponse tw = admin->Get("/api/v1/customers/987654321", {{"Accept-Language", "zh-TW"}});
  HttpResponse en = admin->Get("/api/v1/customers/987654321", {{"Accept-Language", "en"}});
  ASSERT_EQ(zh.status, 404);
  ASSERT_EQ(en.status, 404);
  std::string zh_msg = Str(At(zh.json, "error"), "message");
  std::string en_msg = Str(At(en.json, "error"), "message");
  EXPECT_EQ(Str(At(zh.json, "error"), "code"), Str(At(en.json, "error"), "code"));
  EXPECT_NE(zh_msg, en_msg);
  bool ascii = !en_msg.empty();
  for (unsigned char ch : en_msg) ascii = ascii && ch < 0x80;
  EXPECT_TRUE(ascii) << "English message: " << en_msg;
  EXPECT_FALSE(Str(At(tw.json, "error"), "message").empty()) << tw.body;
}

TEST_F(AuthExtraTest, MetaDescribesCustomers) {
  HttpResponse r = admin->Get("/api/v1/meta");
  ASSERT_EQ(r.status, 200) << r.Describe();
  std::string dump = r.body;
  // Find the customers entity wherever the list lives ("entities":[…] or an array at the top).
  const json::value* entities = &At(r.json, "entities");
  if (!entities->is_array() && r.json.is_array()) entities = &r.json;
  ASSERT_TRUE(entities->is_array()) << dump.substr(0, 500);
  const json::value* customers = nullptr;
  for (const auto& e : entities->get_array()) {
    if (Str(e, "name") == "customers") customers = &e;
  }
  ASSERT_NE(customers, nullptr) << dump.substr(0, 500);
  bool name_required = false;
  std::vector<std::string> options;
  ASSERT_TRUE(At(*customers, "fields").is_array()) << dump.substr(0, 500);
  for (const auto& f : At(*customers, "fields").get_array()) {
    if (Str(f, "name") == "name") name_required = At(f, "required") == json::value(true);
    if (Str(f, "name") != "category" || !At(f, "options").is_array()) continue;
    for (const auto& o : At(f, "options").get_array()) {
      options.push_back(o.is_string() ? std::string(o.get_string()) : Str(o, "value"));
    }
  }
  EXPECT_TRUE(name_required);
  EXPECT_EQ(options, (std::vector<std::string>{"current", "potential", "partner", "agent"}));
}

}  // namespace
}  // namespace kehu::apitest
