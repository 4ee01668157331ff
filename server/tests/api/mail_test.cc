// Mail over the API against a real SMTP server (aiosmtpd) started by the test: settings from
// `--smtp` with admin overrides and no password leak (responses, audit, server log), validation,
// a test send that arrives in Chinese, a 502 when the server is down, a queued mail retried after
// the server came back, template overrides, the mail log, and 403 for everyone but admins.
#include "harness.h"
#include "smtp_sink.h"

namespace kehu::apitest {
namespace {
using kehu::testing::SmtpSink;

constexpr const char* kSecret = "Sup3r-Secret-密码-7781";
const HeaderList kChinese = {{"Accept-Language", "zh-CN"}};

class MailTest : public ApiTest {
 protected:
  void SetUp() override {
    sink = std::make_unique<SmtpSink>();
    ASSERT_GT(sink->port(), 0) << sink->Log();
    server = std::make_unique<TestServer>();
    server->set_serve_args(
        {"--smtp", sink->url(), "--smtp-from", "Kehu 客户系统 <crm@example.com>"});
    server->Start();
    if (HasFatalFailure()) return;
    admin = NewAdminClient();
    admin_user = At(admin->Get("/api/v1/auth/me").json, "user");
  }
  void TearDown() override {
    if (HasFailure() && sink) std::cerr << "---- smtp sink log ----\n" << sink->Log() << "\n";
    ApiTest::TearDown();
    sink.reset();
  }

  HttpResponse Patch(const json::object& body) {
    return admin->Patch("/api/v1/settings/mail", body);
  }
  HttpResponse TestSend(const std::string& to, const HeaderList& h = kChinese) {
    return admin->Post("/api/v1/settings/mail/test", json::object{{"to", to}}, h);
  }
  // GET /mail-log items, newest first.
  json::array Log(const std::string& query = "") {
    HttpResponse r = admin->Get("/api/v1/mail-log" + query);
    EXPECT_EQ(r.status, 200) << r.Describe();
    return At(r.json, "items").is_array() ? At(r.json, "items").get_array() : json::array{};
  }
  // Waits (the mail job runs every 10 s) until the log's newest row has `status`.
  bool WaitForStatus(const std::string& status, int seconds = 40) {
    for (int i = 0; i < seconds * 4; ++i) {
      json::array items = Log();
      if (!items.empty() && Str(items[0], "status") == status) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return false;
  }

  std::unique_ptr<SmtpSink> sink;
};

TEST_F(MailTest, SettingsComeFromTheFlagAndRoundTripWithoutThePassword) {
  HttpResponse r = admin->Get("/api/v1/settings/mail");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(r.json, "host"), "127.0.0.1");
  EXPECT_EQ(At(r.json, "port").as_int64(), sink->port());
  EXPECT_EQ(Str(r.json, "tls"), "none");
  EXPECT_EQ(Str(r.json, "from"), "Kehu 客户系统 <crm@example.com>");
  EXPECT_EQ(At(r.json, "passwordSet"), json::value(false));

  r = Patch({{"username", "crm"}, {"password", kSecret}, {"tls", "starttls"}, {"port", 2587}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(At(r.json, "passwordSet"), json::value(true));
  EXPECT_EQ(Str(r.json, "username"), "crm");
  EXPECT_EQ(Str(r.json, "tls"), "starttls");
  EXPECT_FALSE(r.json.as_object().contains("password"));
  EXPECT_EQ(r.body.find(kSecret), std::string::npos);

  // Absent password: kept. Other fields change.
  r = Patch({{"port", sink->port()}, {"tls", "none"}, {"host", "localhost"}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(At(r.json, "passwordSet"), json::value(true));
  r = admin->Get("/api/v1/settings/mail");
  EXPECT_EQ(Str(r.json, "host"), "localhost");
  EXPECT_EQ(At(r.json, "passwordSet"), json::value(true));
  EXPECT_EQ(r.body.find(kSecret), std::string::npos);

  // null goes back to the --smtp default; "" clears the password.
  r = Patch({{"host", nullptr}, {"password", ""}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(r.json, "host"), "127.0.0.1");
  EXPECT_EQ(At(r.json, "passwordSet"), json::value(false));

  // The secret is nowhere: not in the audit log, not in the server's log lines.
  HttpResponse audit = admin->Get("/api/v1/audit?entity=mail_settings");
  ASSERT_EQ(audit.status, 200) << audit.Describe();
  EXPECT_NE(audit.body.find("mail_settings"), std::string::npos);
  EXPECT_EQ(audit.body.find(kSecret), std::string::npos);
  EXPECT_EQ(server->Log().find(kSecret), std::string::npos);
}

TEST_F(MailTest, BadSettingsAre422WithEveryFieldAndChangeNothing) {
  HttpResponse before = admin->Get("/api/v1/settings/mail");
  HttpResponse r = Patch({{"host", "bad host"},
                          {"port", 70000},
                          {"tls", "ssl"},
                          {"from", "not-an-address"},
                          {"password", kSecret}});
  ASSERT_EQ(r.status, 422) << r.Describe();
  const auto& fields = At(At(r.json, "error"), "fields");
  EXPECT_EQ(Str(fields, "host"), "invalid_host");
  EXPECT_EQ(Str(fields, "port"), "invalid_port");
  EXPECT_EQ(Str(fields, "tls"), "invalid_option");
  EXPECT_EQ(Str(fields, "from"), "invalid_email");
  EXPECT_EQ(Patch({{"from", "Kehu <a@b.cn>\r\nBcc: x@y.cn"}}).status, 422);
  EXPECT_EQ(Patch({{"host", ""}}).status, 422);
  EXPECT_EQ(Patch({{"port", "25"}}).status, 400);
  EXPECT_EQ(Patch({{"smtpHost", "x"}}).status, 400);
  EXPECT_EQ(Patch({{"{field}", "x"}}).status,
            400);  // a placeholder-like name is only echoed as text
  HttpResponse after = admin->Get("/api/v1/settings/mail");
  EXPECT_EQ(after.body, before.body);

  r = TestSend("not an address");
  ASSERT_EQ(r.status, 422) << r.Describe();
  EXPECT_EQ(Str(At(At(r.json, "error"), "fields"), "to"), "invalid_email");
  EXPECT_EQ(admin->Post("/api/v1/settings/mail/test", json::object{}).status, 422);
  EXPECT_TRUE(Log().empty());
  EXPECT_TRUE(sink->Messages().empty());
}

TEST_F(MailTest, TestSendArrivesInChineseAndIsLogged) {
  HttpResponse r = TestSend("li.na@example.com");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(At(r.json, "sent"), json::value(true));
  auto got = sink->WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  json::object& m = got[0];
  EXPECT_EQ(m["rcptTos"], json::array{"li.na@example.com"});
  EXPECT_EQ(m["mailFrom"], "crm@example.com");
  EXPECT_NE(std::string(m["to"].as_string()).find("li.na@example.com"), std::string::npos);
  EXPECT_EQ(m["from"], "Kehu 客户系统 <crm@example.com>");
  EXPECT_EQ(m["subject"], "Kehu 测试邮件");
  std::string raw_subject(m["rawSubject"].as_string());
  EXPECT_EQ(raw_subject.rfind("=?UTF-8?B?", 0), 0u) << raw_subject;  // encoded on the wire
  std::string body(m["body"].as_string());
  EXPECT_NE(body.find("这是一封来自 Kehu 客户关系管理系统的测试邮件"), std::string::npos) << body;
  EXPECT_NE(body.find("发件服务器：127.0.0.1:" + std::to_string(sink->port())), std::string::npos)
      << body;
  EXPECT_EQ(m["charset"], "utf-8");
  EXPECT_EQ(m["defects"], json::array{});
  EXPECT_NE(std::string(m["messageId"].as_string()).find("@example.com>"), std::string::npos);

  json::array log = Log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(Str(log[0], "status"), "sent");
  EXPECT_EQ(Str(log[0], "to"), "li.na@example.com");
  EXPECT_EQ(Str(log[0], "subject"), "Kehu 测试邮件");
  EXPECT_EQ(At(log[0], "attempts").as_int64(), 1);
  EXPECT_FALSE(At(log[0], "sentAt").is_null());

  // The language follows the request: Traditional Chinese.
  ASSERT_EQ(TestSend("chen@example.com", {{"Accept-Language", "zh-TW"}}).status, 200);
  got = sink->WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1]["subject"], "Kehu 測試郵件");
}

TEST_F(MailTest, AFailedTestSendIs502WithTheReasonAndLoggedAsFailed) {
  sink->Stop();
  HttpResponse r = TestSend("li.na@example.com");
  ASSERT_EQ(r.status, 502) << r.Describe();
  EXPECT_EQ(Str(At(r.json, "error"), "code"), "smtp_failed");
  EXPECT_NE(Str(At(r.json, "error"), "message").find("邮件发送失败："), std::string::npos)
      << r.Describe();
  json::array log = Log("?status=failed");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_FALSE(Str(log[0], "lastError").empty());

  // Not configured (no host): a clear 422, nothing queued.
  ASSERT_EQ(Patch({{"from", ""}}).status, 422);
  ASSERT_EQ(server->ExecSql("INSERT INTO mail_settings (id, from_address, updated_at) VALUES "
                            "(1, '', '2000-01-01T00:00:00.000Z')"),
            "");
  r = TestSend("li.na@example.com");
  EXPECT_EQ(r.status, 422) << r.Describe();
  EXPECT_EQ(Str(At(r.json, "error"), "code"), "mail_not_configured");
}

TEST_F(MailTest, AQueuedMailIsRetriedAfterTheServerWasDownAndThenSent) {
  sink->Stop();
  // A mail another module queued (the approval engine calls mail::Enqueue in its transaction).
  std::string err = server->ExecSql(
      "INSERT INTO mail_queue (to_address, template, locale, subject, body, status, attempts, "
      "next_attempt_at, "
      "created_at) VALUES ('wang@example.com', 'approval_requested', 'zh-CN', "
      "'【待审批】客户：上海申联贸易有限公司', "
      "'张伟 提交了客户「上海申联贸易有限公司」，等待您审批。', 'queued', 0, "
      "'2000-01-01T00:00:00.000Z', "
      "'2000-01-01T00:00:00.000Z')");
  ASSERT_EQ(err, "");
  ASSERT_TRUE(WaitForStatus("retrying")) << json::serialize(Log());
  json::array log = Log();
  EXPECT_EQ(At(log[0], "attempts").as_int64(), 1);
  EXPECT_FALSE(Str(log[0], "lastError").empty());

  // The server is back; the retry falls due (we skip the minute of backoff).
  ASSERT_TRUE(sink->Start());
  ASSERT_EQ(server->ExecSql("UPDATE mail_queue SET next_attempt_at = '2000-01-01T00:00:00.000Z'"),
            "");
  ASSERT_TRUE(WaitForStatus("sent")) << json::serialize(Log());
  auto got = sink->WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["rcptTos"], json::array{"wang@example.com"});
  EXPECT_EQ(got[0]["subject"], "【待审批】客户：上海申联贸易有限公司");
  EXPECT_EQ(std::string(got[0]["body"].as_string()),
            "张伟 提交了客户「上海申联贸易有限公司」，等待您审批。");
  EXPECT_EQ(At(Log()[0], "attempts").as_int64(), 2);
}

TEST_F(MailTest, TemplateOverrideChangesTheMailAndDeleteRestoresTheDefault) {
  HttpResponse list = admin->Get("/api/v1/mail-templates");
  ASSERT_EQ(list.status, 200) << list.Describe();
  EXPECT_EQ(At(list.json, "items").as_array().size(), 15u);  // 5 names x 3 locales

  HttpResponse put =
      admin->Send("PUT", "/api/v1/mail-templates/test/zh-CN",
                  json::serialize(json::object{{"subject", "【{{host}}】自定义测试"},
                                               {"body", "自定义正文 & <{{actor}}>\n"}}));
  ASSERT_EQ(put.status, 200) << put.Describe();
  EXPECT_EQ(At(put.json, "overridden"), json::value(true));
  list = admin->Get("/api/v1/mail-templates");
  int overridden = 0;
  for (const auto& item : At(list.json, "items").as_array())
    if (At(item, "overridden") == json::value(true)) {
      ++overridden;
      EXPECT_EQ(Str(item, "name"), "test");
      EXPECT_EQ(Str(item, "locale"), "zh-CN");
    }
  EXPECT_EQ(overridden, 1);

  HttpResponse preview = admin->Post("/api/v1/mail-templates/test/zh-CN/preview", json::object{});
  ASSERT_EQ(preview.status, 200) << preview.Describe();
  EXPECT_EQ(Str(preview.json, "subject"), "【smtp.example.com】自定义测试");

  ASSERT_EQ(TestSend("li.na@example.com").status, 200);
  auto got = sink->WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["subject"], "【127.0.0.1】自定义测试");
  std::string display = Str(admin_user, "displayName");
  EXPECT_EQ(std::string(got[0]["body"].as_string()),
            "自定义正文 & <" + (display.empty() ? "admin" : display) + ">\n");

  // English is untouched by the zh-CN override.
  ASSERT_EQ(TestSend("amy@example.com", {{"Accept-Language", "en"}}).status, 200);
  got = sink->WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1]["subject"], "Kehu test message");

  EXPECT_EQ(admin->Delete("/api/v1/mail-templates/test/zh-CN").status, 204);
  HttpResponse one = admin->Get("/api/v1/mail-templates/test/zh-CN");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(At(one.json, "overridden"), json::value(false));
  EXPECT_EQ(Str(one.json, "subject"), "Kehu 测试邮件");
  ASSERT_EQ(TestSend("li.na@example.com").status, 200);
  got = sink->WaitFor(3);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2]["subject"], "Kehu 测试邮件");
}

TEST_F(MailTest, OversizedBrokenOrUnknownTemplatesAreRefusedAndNothingIsSaved) {
  auto put = [&](const std::string& path, const json::object& body) {
    return admin->Send("PUT", path, json::serialize(body));
  };
  std::string long_subject;
  for (int i = 0; i < 501; ++i) long_subject += "长";
  HttpResponse r =
      put("/api/v1/mail-templates/reminder/zh-CN", {{"subject", long_subject}, {"body", "x"}});
  ASSERT_EQ(r.status, 422) << r.Describe();
  EXPECT_EQ(Str(At(At(r.json, "error"), "fields"), "subject"), "too_long");
  r = put("/api/v1/mail-templates/reminder/zh-CN",
          {{"subject", "s"}, {"body", std::string(64 * 1024 + 1, 'x')}});
  ASSERT_EQ(r.status, 422) << r.Describe();
  EXPECT_EQ(Str(At(At(r.json, "error"), "fields"), "body"), "too_long");
  r = put("/api/v1/mail-templates/reminder/zh-CN", {{"subject", "提醒 {{#title}}"}, {"body", "x"}});
  ASSERT_EQ(r.status, 422) << r.Describe();
  EXPECT_EQ(Str(At(At(r.json, "error"), "fields"), "subject"), "template_syntax");
  EXPECT_EQ(put("/api/v1/mail-templates/reminder/zh-CN", {{"subject", "s"}}).status, 422);
  EXPECT_EQ(put("/api/v1/mail-templates/reminder/zh-CN", {{"subject", 1}, {"body", "x"}}).status,
            400);
  EXPECT_EQ(put("/api/v1/mail-templates/nope/zh-CN", {{"subject", "s"}, {"body", "b"}}).status,
            404);
  EXPECT_EQ(put("/api/v1/mail-templates/reminder/fr", {{"subject", "s"}, {"body", "b"}}).status,
            404);
  EXPECT_EQ(admin->Get("/api/v1/mail-templates/{name}/zh-CN").status, 404);
  EXPECT_EQ(admin->Delete("/api/v1/mail-templates/nope/en").status, 404);

  HttpResponse one = admin->Get("/api/v1/mail-templates/reminder/zh-CN");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(At(one.json, "overridden"), json::value(false));
  EXPECT_EQ(Str(one.json, "subject"), "【提醒】{{title}}");
}

TEST_F(MailTest, MailLogPagesAndFilters) {
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(TestSend("u" + std::to_string(i) + "@example.com").status, 200);
  HttpResponse r = admin->Get("/api/v1/mail-log?pageSize=2");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(At(r.json, "total").as_int64(), 3);
  ASSERT_EQ(At(r.json, "items").as_array().size(), 2u);
  EXPECT_EQ(Str(At(r.json, "items").as_array()[0], "to"), "u2@example.com");  // newest first
  r = admin->Get("/api/v1/mail-log?pageSize=2&page=2");
  ASSERT_EQ(At(r.json, "items").as_array().size(), 1u);
  EXPECT_EQ(Str(At(r.json, "items").as_array()[0], "to"), "u0@example.com");
  EXPECT_EQ(Log("?status=failed").size(), 0u);
  EXPECT_EQ(admin->Get("/api/v1/mail-log?status=bogus").status, 400);
  EXPECT_EQ(admin->Get("/api/v1/mail-log?pageSize=999").status, 400);
}

TEST_F(MailTest, OnlyAdminsMayTouchMail) {
  std::string password = "Pw-" + RandomHex(6) + "-x9";
  HttpResponse u = admin->Post("/api/v1/users", json::object{{"username", "rep_mail"},
                                                             {"displayName", "业务员甲"},
                                                             {"password", password},
                                                             {"roles", json::array{"sales_rep"}}});
  ASSERT_EQ(u.status, 201) << u.Describe();
  auto rep = NewClient();
  ASSERT_EQ(rep->Login("rep_mail", password).status, 200);
  ASSERT_EQ(TestSend("seed@example.com").status, 200);  // something in the log to not see

  EXPECT_EQ(rep->Get("/api/v1/settings/mail").status, 403);
  EXPECT_EQ(rep->Patch("/api/v1/settings/mail", json::object{{"host", "evil.example.com"}}).status,
            403);
  EXPECT_EQ(rep->Post("/api/v1/settings/mail/test", json::object{{"to", "rep@example.com"}}).status,
            403);
  EXPECT_EQ(rep->Get("/api/v1/mail-templates").status, 403);
  EXPECT_EQ(rep->Get("/api/v1/mail-templates/test/zh-CN").status, 403);
  EXPECT_EQ(rep->Send("PUT", "/api/v1/mail-templates/test/zh-CN",
                      json::serialize(json::object{{"subject", "x"}, {"body", "y"}}))
                .status,
            403);
  EXPECT_EQ(rep->Delete("/api/v1/mail-templates/test/zh-CN").status, 403);
  HttpResponse log = rep->Get("/api/v1/mail-log");
  EXPECT_EQ(log.status, 403);
  EXPECT_EQ(log.body.find("seed@example.com"), std::string::npos);
  EXPECT_EQ(NewClient()->Get("/api/v1/settings/mail").status, 401);

  EXPECT_EQ(Str(admin->Get("/api/v1/settings/mail").json, "host"), "127.0.0.1");
  EXPECT_EQ(At(admin->Get("/api/v1/mail-templates/test/zh-CN").json, "overridden"),
            json::value(false));
  EXPECT_EQ(sink->WaitFor(1).size(), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(sink->Messages().size(), 1u);
}

}  // namespace
}  // namespace kehu::apitest
