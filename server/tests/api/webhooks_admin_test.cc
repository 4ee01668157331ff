// Managing webhook subscriptions: admins only; bad input is refused with field errors and saves
// nothing; the secret is never returned (nor audited) once set.
#include "webhook_helpers.h"

namespace kehu::apitest {
namespace {

class WebhookAdminTest : public WebhookTest {
 protected:
  json::object Good() {
    return {{"url", sink.Url("/ok")}, {"events", json::array{"customers.created"}}, {"secret", secret}};
  }
  size_t Count() {
    HttpResponse r = admin->Get("/api/v1/webhooks");
    EXPECT_EQ(r.status, 200) << r.Describe();
    return r.status == 200 ? r.json.at("items").as_array().size() : 0;
  }
};

TEST_F(WebhookAdminTest, BadInputIsRefusedAndNothingIsSaved) {
  struct Case {
    const char* what;
    json::object body;
    int status;
    std::string code, field, field_code;
  };
  std::vector<Case> cases;
  for (const char* url : {"ftp://example.cn/hook", "javascript:alert(1)", "example.cn/hook", "http://", "不是网址"}) {
    json::object b = Good();
    b["url"] = url;
    cases.push_back({url, b, 422, "invalid_url", "url", "invalid_url"});
  }
  json::object b = Good();
  b["events"] = json::array{"customers.exploded"};
  cases.push_back({"unknown event type", b, 422, "validation_failed", "events", "unknown_event"});
  b = Good();
  b["events"] = json::array{"invoices.created"};
  cases.push_back({"unknown entity", b, 422, "validation_failed", "events", "unknown_event"});
  b = Good();
  b["events"] = json::array{};
  cases.push_back({"no events", b, 422, "validation_failed", "events", "required"});
  b = Good();
  b["format"] = "slack";
  cases.push_back({"unknown format", b, 422, "validation_failed", "format", "invalid_option"});
  b = Good();
  b.erase("secret");
  cases.push_back({"json without secret", b, 422, "validation_failed", "secret", "required"});
  b = Good();
  b["secret"] = "short";
  cases.push_back({"short secret", b, 422, "validation_failed", "secret", "too_short"});
  b = Good();
  b["url"] = 42;
  cases.push_back({"url not a string", b, 400, "wrong_type", "url", "wrong_type"});
  b = Good();
  b["colour"] = "red";
  cases.push_back({"unknown member", b, 400, "unknown_field", "", ""});
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    HttpResponse r = admin->Post("/api/v1/webhooks", c.body);
    EXPECT_EQ(r.status, c.status) << r.Describe();
    EXPECT_EQ(Str(At(r.json, "error"), "code"), c.code) << r.Describe();
    if (!c.field.empty()) EXPECT_EQ(FieldError(r, c.field), c.field_code) << r.Describe();
    EXPECT_FALSE(Str(At(r.json, "error"), "message").empty());
  }
  EXPECT_EQ(Count(), 0u);

  // A PATCH with a bad URL changes nothing either.
  json::object hook = Subscribe(Good());
  HttpResponse bad = admin->Patch("/api/v1/webhooks/" + IdStr(hook.at("id")),
                                  json::object{{"url", "gopher://example.cn"}, {"name", "改了名"}});
  EXPECT_EQ(bad.status, 422) << bad.Describe();
  HttpResponse now = admin->Get("/api/v1/webhooks/" + IdStr(hook.at("id")));
  EXPECT_EQ(Str(now.json, "url"), sink.Url("/ok"));
  EXPECT_NE(Str(now.json, "name"), "改了名");
  EXPECT_EQ(now.json.at("version"), hook.at("version"));
}

TEST_F(WebhookAdminTest, SecretIsNeverReturnedNorAudited) {
  json::object body = Good();
  body["name"] = "ERP 同步";
  HttpResponse created = admin->Post("/api/v1/webhooks", body);
  ASSERT_EQ(created.status, 201) << created.Describe();
  EXPECT_EQ(created.json.at("secretSet"), true);
  EXPECT_EQ(Str(created.json, "name"), "ERP 同步");
  EXPECT_EQ(Str(created.json, "format"), "json");
  EXPECT_EQ(created.json.at("active"), true);
  EXPECT_EQ(IdStr(created.json.at("ownerId")), IdStr(At(admin_user, "id")));
  std::string id = IdStr(created.json.at("id"));
  EXPECT_EQ(created.body.find(secret), std::string::npos);
  EXPECT_EQ(admin->Get("/api/v1/webhooks").body.find(secret), std::string::npos);
  EXPECT_EQ(admin->Get("/api/v1/webhooks/" + id).body.find(secret), std::string::npos);
  // Leaving the secret out (or sending "") keeps it; a new one replaces it.
  HttpResponse renamed = admin->Patch("/api/v1/webhooks/" + id,
                                      json::object{{"version", created.json.at("version")}, {"name", "改名"}, {"secret", ""}});
  ASSERT_EQ(renamed.status, 200) << renamed.Describe();
  EXPECT_EQ(renamed.json.at("secretSet"), true);
  std::string second = "second-" + RandomHex(12);
  HttpResponse rekeyed = admin->Patch("/api/v1/webhooks/" + id,
                                      json::object{{"version", renamed.json.at("version")}, {"secret", second}});
  ASSERT_EQ(rekeyed.status, 200) << rekeyed.Describe();
  EXPECT_EQ(rekeyed.body.find(second), std::string::npos);
  // A stale version is a conflict.
  HttpResponse stale = admin->Patch("/api/v1/webhooks/" + id,
                                    json::object{{"version", created.json.at("version")}, {"active", false}});
  EXPECT_EQ(stale.status, 409) << stale.Describe();
  EXPECT_EQ(stale.body.find(second), std::string::npos);

  HttpResponse ping = admin->Post("/api/v1/webhooks/" + id + "/test", json::object{});
  ASSERT_EQ(ping.status, 202);
  auto got = sink.WaitFor([](const auto& r) { return !r.empty(); }, kPrompt);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].Header("x-kehu-signature"), ExpectedSignature(second, got[0].body)) << "signed with the new secret";

  HttpResponse audit = admin->Get("/api/v1/audit?entity=webhooks");
  ASSERT_EQ(audit.status, 200) << audit.Describe();
  EXPECT_NE(audit.body.find("改名"), std::string::npos) << "changes are audited";
  EXPECT_EQ(audit.body.find(secret), std::string::npos);
  EXPECT_EQ(audit.body.find(second), std::string::npos);
  std::string log = server->Log();
  EXPECT_EQ(log.find(secret), std::string::npos);
  EXPECT_EQ(log.find(second), std::string::npos);
}

TEST_F(WebhookAdminTest, RepsGet403Everywhere) {
  json::object hook = Subscribe(Good());
  std::string id = IdStr(hook.at("id"));
  std::string pw = GoodPassword();
  CreateUser("rep_hooks", pw, {"sales_rep"});
  auto rep = LoginAs("rep_hooks", pw);
  EXPECT_EQ(rep->Get("/api/v1/webhooks").status, 403);
  EXPECT_EQ(rep->Post("/api/v1/webhooks", Good()).status, 403);
  EXPECT_EQ(rep->Get("/api/v1/webhooks/" + id).status, 403);
  EXPECT_EQ(rep->Patch("/api/v1/webhooks/" + id, json::object{{"active", false}}).status, 403);
  EXPECT_EQ(rep->Delete("/api/v1/webhooks/" + id).status, 403);
  EXPECT_EQ(rep->Get("/api/v1/webhooks/" + id + "/deliveries").status, 403);
  EXPECT_EQ(rep->Post("/api/v1/webhooks/" + id + "/test", json::object{}).status, 403);
  EXPECT_EQ(NewClient()->Get("/api/v1/webhooks").status, 401);
  EXPECT_EQ(Count(), 1u);
  HttpResponse still = admin->Get("/api/v1/webhooks/" + id);
  EXPECT_EQ(still.json.at("active"), true);
  EXPECT_TRUE(sink.Requests().empty()) << "the rep's test ping was not queued";
}

TEST_F(WebhookAdminTest, InactiveOrDeletedSubscriptionsGetNothing) {
  json::object off = Good();
  off["active"] = false;
  json::object inactive = Subscribe(off);
  json::object gone = Subscribe(Good());
  ASSERT_EQ(admin->Delete("/api/v1/webhooks/" + IdStr(gone.at("id"))).status, 204);
  EXPECT_EQ(admin->Get("/api/v1/webhooks/" + IdStr(gone.at("id"))).status, 404);
  EXPECT_EQ(admin->Get("/api/v1/webhooks/" + IdStr(gone.at("id")) + "/deliveries").status, 404);
  CreateCustomer({{"name", "无人接收有限公司"}});
  std::this_thread::sleep_for(kPrompt);
  EXPECT_TRUE(sink.Requests().empty());
  EXPECT_TRUE(Deliveries(inactive.at("id")).empty());
  // Turned on, it gets what happens from then on.
  HttpResponse on = admin->Patch("/api/v1/webhooks/" + IdStr(inactive.at("id")), json::object{{"active", true}});
  ASSERT_EQ(on.status, 200) << on.Describe();
  CreateCustomer({{"name", "开启后有限公司"}});
  auto got = sink.WaitFor([](const auto& r) { return !r.empty(); }, kPrompt);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(Str(At(got[0].json, "record"), "name"), "开启后有限公司");
}

}  // namespace
}  // namespace kehu::apitest
