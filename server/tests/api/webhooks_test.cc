// Webhook deliveries against a real HTTP receiver (webhook_sink.py): signed JSON for record
// events, robot markdown for 企业微信/钉钉, retries with a log for a failing target, a hanging
// target that holds up nobody else, test pings, and payloads shaped for the subscription's owner.
#include "webhook_helpers.h"

namespace kehu::apitest {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using Steady = std::chrono::steady_clock;

TEST_F(WebhookTest, CreateUpdateDeleteArriveSignedWithTheirEvent) {
  json::object hook = JsonHook("/ok", {"customers.created", "customers.updated", "customers.deleted"});
  ASSERT_EQ(hook.at("secretSet"), true);
  json::object c = CreateCustomer({{"name", "推送测试科技有限公司"}, {"phone", "13800008000"}});
  HttpResponse upd = admin->Patch(RecordPath("customers", c.at("id")),
                                  json::object{{"version", c.at("version")}, {"name", "推送测试改名有限公司"}});
  ASSERT_EQ(upd.status, 200) << upd.Describe();
  ASSERT_EQ(admin->Delete(RecordPath("customers", c.at("id"))).status, 204);

  auto got = sink.WaitFor([](const auto& r) { return r.size() >= 3; }, seconds(3 * kPrompt.count()));
  ASSERT_EQ(got.size(), 3u);
  std::map<std::string, SinkRequest> by_event;
  for (const auto& r : got) {
    SCOPED_TRACE(r.body);
    EXPECT_EQ(r.Header("x-kehu-signature"), ExpectedSignature(secret, r.body));
    EXPECT_NE(r.Header("x-kehu-signature"), ExpectedSignature(secret + "x", r.body));
    EXPECT_EQ(r.Header("content-type").rfind("application/json", 0), 0u);
    EXPECT_FALSE(r.Header("x-kehu-delivery").empty());
    ASSERT_TRUE(r.json.is_object());
    EXPECT_EQ(Str(r.json, "event"), r.Header("x-kehu-event"));
    EXPECT_EQ(Str(r.json, "entity"), "customers");
    EXPECT_EQ(IdStr(At(r.json, "id")), IdStr(c.at("id")));
    EXPECT_EQ(Str(r.json, "occurredAt").back(), 'Z');
    by_event[r.Header("x-kehu-event")] = r;
  }
  ASSERT_EQ(by_event.size(), 3u);
  EXPECT_EQ(Str(At(by_event["customers.created"].json, "record"), "name"), "推送测试科技有限公司");
  EXPECT_EQ(Str(At(by_event["customers.created"].json, "record"), "phone"), "+8613800008000");
  EXPECT_EQ(Str(At(by_event["customers.updated"].json, "record"), "name"), "推送测试改名有限公司");
  EXPECT_EQ(Str(At(by_event["customers.deleted"].json, "record"), "name"), "推送测试改名有限公司");

  json::array log = SettledDeliveries(hook.at("id"), 3, seconds(5));
  ASSERT_EQ(log.size(), 3u);
  for (const auto& d : log) {
    EXPECT_EQ(d.at("status"), "delivered") << json::serialize(d);
    EXPECT_EQ(d.at("lastStatusCode"), 200);
    EXPECT_EQ(d.at("attempts"), 1);
    ASSERT_EQ(d.at("log").as_array().size(), 1u);
    const auto& a = d.at("log").as_array()[0];
    EXPECT_EQ(a.at("statusCode"), 200);
    EXPECT_GE(a.at("durationMs").as_int64(), 0);
    EXPECT_TRUE(a.at("error").is_null());
  }
  EXPECT_EQ(server->Log().find(secret), std::string::npos) << "the secret must never be logged";
}

TEST_F(WebhookTest, OnlySubscribedEventsAreSent) {
  JsonHook("/ok", {"contacts.*", "customers.deleted"});
  CreateCustomer({{"name", "不推送有限公司"}});
  json::object c = CreateCustomer({{"name", "删除推送有限公司"}});
  ASSERT_EQ(admin->Delete(RecordPath("customers", c.at("id"))).status, 204);
  auto got = sink.WaitFor([](const auto& r) { return !r.empty(); }, kPrompt);
  std::this_thread::sleep_for(seconds(6));  // one more run: nothing else may come
  got = sink.Requests();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].Header("x-kehu-event"), "customers.deleted");
}

TEST_F(WebhookTest, RobotFormatsAreChineseMarkdown) {
  Subscribe({{"url", sink.Url("/ok?f=wecom")}, {"events", json::array{"customers.created"}}, {"format", "wecom"}});
  Subscribe({{"url", sink.Url("/ok?f=dingtalk")}, {"events", json::array{"customers.*"}}, {"format", "dingtalk"}});
  json::object refusing = Subscribe({{"url", sink.Url("/robot-error")},
                                     {"events", json::array{"customers.created"}}, {"format", "wecom"}});
  CreateCustomer({{"name", "机器人推送有限公司"}, {"category", "partner"}});
  auto got = sink.WaitFor([](const auto& r) { return r.size() >= 3; }, kPrompt * 2);
  ASSERT_EQ(got.size(), 3u);
  for (const auto& r : got) {
    SCOPED_TRACE(r.body);
    EXPECT_EQ(Str(r.json, "msgtype"), "markdown");
    EXPECT_TRUE(r.Header("x-kehu-signature").empty()) << "no secret, no signature";
    if (r.path == "/ok?f=dingtalk") {
      EXPECT_EQ(Str(At(r.json, "markdown"), "title"), "客户新建：机器人推送有限公司");
      std::string text = Str(At(r.json, "markdown"), "text");
      EXPECT_NE(text.find("合作伙伴"), std::string::npos);
    } else {
      std::string content = Str(At(r.json, "markdown"), "content");
      EXPECT_NE(content.find("客户新建：机器人推送有限公司"), std::string::npos);
      EXPECT_NE(content.find("合作伙伴"), std::string::npos) << "option labels, not codes";
      EXPECT_FALSE(At(r.json, "markdown").as_object().contains("title"));
    }
  }
  // A robot that answers 200 with an error code has not taken the message.
  json::array log;
  ASSERT_TRUE(Eventually([&] {
    log = Deliveries(refusing.at("id"));
    return !log.empty() && log[0].at("attempts").as_int64() >= 1;
  }, kPrompt));
  EXPECT_NE(Str(log[0], "lastError").find("errcode 310000"), std::string::npos) << json::serialize(log);
  EXPECT_NE(log[0].at("status"), "delivered");
}

TEST_F(WebhookTest, FailingTargetIsRetriedAndLoggedWhileTheHealthyOneIsOnTime) {
  json::object failing = JsonHook("/fail", {"customers.created"});
  json::object healthy = JsonHook("/ok", {"customers.created"});
  auto t0 = Steady::now();
  CreateCustomer({{"name", "重试测试有限公司"}});
  ASSERT_TRUE(Eventually([&] { return !sink.RequestsTo("/ok").empty(); }, kPrompt));
  EXPECT_LT(Steady::now() - t0, kPrompt);

  json::array log;
  ASSERT_TRUE(Eventually([&] {
    log = Deliveries(failing.at("id"));
    return !log.empty() && log[0].at("attempts").as_int64() >= 2;
  }, seconds(25))) << json::serialize(log);
  const auto& d = log[0];
  EXPECT_EQ(d.at("status"), "pending") << "retries left: " << json::serialize(d);
  EXPECT_EQ(d.at("lastStatusCode"), 500);
  EXPECT_FALSE(d.at("nextAttemptAt").is_null());
  for (const auto& a : d.at("log").as_array()) {
    EXPECT_EQ(a.at("statusCode"), 500);
    EXPECT_EQ(Str(a, "error"), "HTTP 500");
  }
  EXPECT_GE(sink.RequestsTo("/fail").size(), 2u);
  // The healthy subscription got its one delivery once, and is not retried.
  EXPECT_EQ(sink.RequestsTo("/ok").size(), 1u);
  json::array healthy_log = Deliveries(healthy.at("id"));
  ASSERT_EQ(healthy_log.size(), 1u);
  EXPECT_EQ(healthy_log[0].at("status"), "delivered");
  EXPECT_EQ(healthy_log[0].at("attempts"), 1);
}

TEST_F(WebhookTest, HangingTargetHoldsUpNobodyElse) {
  json::object hanging = JsonHook("/hang", {"customers.created"});
  JsonHook("/ok", {"customers.created"});
  auto t0 = Steady::now();
  CreateCustomer({{"name", "挂起测试一有限公司"}});
  ASSERT_TRUE(Eventually([&] { return !sink.RequestsTo("/ok").empty() && !sink.RequestsTo("/hang").empty(); }, kPrompt));
  EXPECT_LT(Steady::now() - t0, kPrompt);
  // While the first request to /hang is still open, a new event reaches the healthy target.
  auto t1 = Steady::now();
  CreateCustomer({{"name", "挂起测试二有限公司"}});
  ASSERT_TRUE(Eventually([&] { return sink.RequestsTo("/ok").size() >= 2; }, kPrompt));
  EXPECT_LT(Steady::now() - t1, seconds(5)) << "the healthy target waited for the hanging one";
  // The hanging request is cut off by the total time-out (10 s) and logged as such.
  json::array log;
  ASSERT_TRUE(Eventually([&] {
    log = Deliveries(hanging.at("id"));
    for (const auto& d : log)
      if (d.at("attempts").as_int64() >= 1) return true;
    return false;
  }, seconds(25)));
  for (const auto& d : log) {
    if (d.at("attempts").as_int64() == 0) continue;
    const auto& a = d.at("log").as_array().back();
    EXPECT_EQ(Str(a, "error"), "timeout") << json::serialize(d);
    EXPECT_TRUE(a.at("statusCode").is_null());
    EXPECT_GE(a.at("durationMs").as_int64(), 9000);
    EXPECT_LE(a.at("durationMs").as_int64(), 15000);
  }
}

TEST_F(WebhookTest, TestButtonSendsASignedPing) {
  json::object hook = JsonHook("/ok", {"customers.created"});
  HttpResponse r = admin->Post("/api/v1/webhooks/" + IdStr(hook.at("id")) + "/test", json::object{});
  ASSERT_EQ(r.status, 202) << r.Describe();
  auto got = sink.WaitFor([](const auto& reqs) { return !reqs.empty(); }, kPrompt);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].Header("x-kehu-event"), "ping");
  EXPECT_EQ(got[0].Header("x-kehu-delivery"), IdStr(At(r.json, "deliveryId")));
  EXPECT_EQ(got[0].Header("x-kehu-signature"), ExpectedSignature(secret, got[0].body));
  EXPECT_EQ(Str(got[0].json, "event"), "ping");
}

// The owner of a subscription is an admin who later became a rep whose role hides 备注 and masks
// the phone: their customer arrives shaped like the API would show it to them; someone else's
// customer is not sent at all.
TEST_F(WebhookTest, PayloadCarriesOnlyWhatTheOwnerMayRead) {
  HttpResponse roles = admin->Get("/api/v1/roles");
  ASSERT_EQ(roles.status, 200);
  json::object rep_role;
  for (const auto& role : roles.json.at("items").as_array())
    if (role.at("code") == "sales_rep") rep_role = role.as_object();
  json::object rules{{"customers", json::object{{"remarks", "hidden"}, {"phone", "masked"}}}};
  ASSERT_EQ(admin->Patch("/api/v1/roles/" + IdStr(rep_role.at("id")),
                         json::object{{"version", rep_role.at("version")}, {"fields", rules}}).status, 200);
  std::string pw = GoodPassword();
  json::object owner = CreateUser("hookowner", pw, {"admin"});
  auto owner_client = LoginAs("hookowner", pw);
  json::object hook = Subscribe({{"url", sink.Url("/ok")}, {"events", json::array{"customers.created"}},
                                 {"secret", secret}}, owner_client.get());
  EXPECT_EQ(IdStr(hook.at("ownerId")), IdStr(owner.at("id")));
  HttpResponse u = admin->Get("/api/v1/users/" + IdStr(owner.at("id")));
  ASSERT_EQ(admin->Patch("/api/v1/users/" + IdStr(owner.at("id")),
                         json::object{{"version", u.json.at("version")}, {"roles", json::array{"sales_rep"}}}).status, 200);

  CreateCustomer({{"name", "本人客户有限公司"}, {"ownerId", owner.at("id")}, {"phone", "13800008000"},
                  {"remarks", "机密备注：底价八折"}});
  CreateCustomer({{"name", "别人客户有限公司"}, {"remarks", "别人的机密"}});
  json::array log = SettledDeliveries(hook.at("id"), 2, kPrompt * 2);
  ASSERT_EQ(log.size(), 2u) << json::serialize(log);
  std::set<std::string> statuses;
  for (const auto& d : log) statuses.insert(Str(d, "status"));
  EXPECT_EQ(statuses, (std::set<std::string>{"delivered", "skipped"})) << json::serialize(log);
  for (const auto& d : log)
    if (d.at("status") == "skipped") EXPECT_EQ(Str(d, "lastError"), "not_visible");

  auto got = sink.Requests();
  ASSERT_EQ(got.size(), 1u);
  const json::value& record = At(got[0].json, "record");
  EXPECT_EQ(Str(record, "name"), "本人客户有限公司");
  EXPECT_FALSE(record.as_object().contains("remarks")) << got[0].body;
  EXPECT_EQ(Str(record, "phone"), "138****8000");
  EXPECT_EQ(got[0].body.find("底价"), std::string::npos);
  EXPECT_EQ(got[0].body.find("13800008000"), std::string::npos);
  EXPECT_EQ(got[0].body.find("别人"), std::string::npos);
  EXPECT_EQ(got[0].Header("x-kehu-signature"), ExpectedSignature(secret, got[0].body));
}

}  // namespace
}  // namespace kehu::apitest
