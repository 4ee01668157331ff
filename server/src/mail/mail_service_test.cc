// The mail queue on a real SQLite database and a real SMTP server: Enqueue renders in the
// recipient's language inside the caller's transaction; DeliverDue sends, retries with backoff
// while the server is down (1 min, 5 min, …), sends once it is back, and gives up after the last
// attempt. The clock is injected so the backoff is checked to the second.
#include "mail/mail_service.h"

#include <gtest/gtest.h>


#include "../../tests/api/smtp_sink.h"
#include "db/temp_sqlite_test_util.h"
#include "mail/mail_queue.h"
#include "mail/mail_settings.h"
#include "mail/queue_store.h"

namespace kehu::mail {
namespace {
namespace json = boost::json;
using db::Value;
using kehu::testing::SmtpSink;
using namespace std::chrono_literals;

class MailServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = temp_.Open("kehu_mail_");
    ASSERT_TRUE(db_);
    // Whole seconds, and a little ahead of the wall clock Enqueue stamps rows with, so they are
    // due.
    now_ = std::chrono::floor<std::chrono::seconds>(Now()) + 2s;
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
  }

  void MakeService(int port) {
    MailOptions o;
    o.defaults.host = "127.0.0.1";
    o.defaults.port = port;
    o.defaults.from = "Kehu <crm@example.com>";
    o.defaults.total_timeout = 5s;
    o.clock = [this] { return now_; };
    service_ = std::make_unique<MailService>(*db_, o);
  }

  int64_t AddUser(const std::string& name, const std::string& email, const std::string& locale,
                  int active = 1) {
    int64_t id = 0;
    EXPECT_TRUE(
        db_->Write([&](db::Session& s) -> Status {
             KEHU_ASSIGN(
                 db::Rows r,
                 s.Query(
                     "INSERT INTO users (username, display_name, password_hash, email, "
                     "locale, active, created_at, updated_at) VALUES (?, ?, 'x', ?, ?, ?, "
                     "?, ?) RETURNING id",
                     {Value(name), Value(name), email.empty() ? Value() : Value(email),
                      Value(locale), Value(int64_t{active}), Value(NowIso()), Value(NowIso())}));
             id = db::AsInt(r.rows[0][0]);
             return Ok();
           })
            .ok());
    return id;
  }

  Result<int64_t> Queue(const OutgoingMail& m) {
    int64_t id = 0;
    Status st = db_->Write([&](db::Session& s) -> Status {
      KEHU_ASSIGN(id, Enqueue(s, m));
      return Ok();
    });
    if (!st.ok()) return st.error();
    return id;
  }

  // status, attempts, next_attempt_at, last_error of a queued row.
  std::vector<std::string> Row(int64_t id) {
    std::vector<std::string> out;
    EXPECT_TRUE(db_->Read([&](db::Session& s) -> Status {
                     KEHU_ASSIGN(
                         db::Rows r,
                         s.Query("SELECT status, attempts, next_attempt_at, last_error, locale, "
                                 "subject FROM mail_queue WHERE id = ?",
                                 {Value(id)}));
                     for (const auto& v : r.rows.at(0))
                       out.push_back(v.index() == 1 ? std::to_string(db::AsInt(v)) : db::AsText(v));
                     return Ok();
                   })
                    .ok());
    return out;
  }

  int64_t LogTotal(const std::string& status) {
    auto log = ListMailLog(*db_, status, 1, 50);
    return log.ok() ? log->at("total").as_int64() : -1;
  }

  OutgoingMail Approval(int64_t user_id) {
    OutgoingMail m;
    m.to_user_id = user_id;
    m.template_name = "approval_requested";
    m.params = {{"title", "北京网联科技有限公司"},
                {"actor", "张伟"},
                {"entityLabel", "客户"},
                {"comment", "请尽快审批"},
                {"url", "https://crm.example.com/customers/7"}};
    return m;
  }

  db::testing::TempSqlite temp_;  // before db_: outlives it
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<MailService> service_;
  TimePoint now_;
};

TEST_F(MailServiceTest, EnqueueRendersInTheRecipientsLanguage) {
  int64_t cn = AddUser("li", "li@example.com", "zh-CN");
  int64_t tw = AddUser("chen", "chen@example.com", "zh-TW");
  int64_t en = AddUser("amy", "amy@example.com", "en");
  auto a = Queue(Approval(cn)), b = Queue(Approval(tw)), c = Queue(Approval(en));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(Row(*a)[4], "zh-CN");
  EXPECT_EQ(Row(*a)[5], "【待审批】客户：北京网联科技有限公司");
  EXPECT_EQ(Row(*b)[5], "【待簽核】客户：北京网联科技有限公司");
  EXPECT_EQ(Row(*c)[5], "Approval needed: 客户 北京网联科技有限公司");
  EXPECT_EQ(Row(*a)[0], "queued");
  // An explicit locale wins over the user's.
  OutgoingMail m = Approval(cn);
  m.locale = "en";
  auto d = Queue(m);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Row(*d)[4], "en");
}

TEST_F(MailServiceTest, NoAddressInactiveOrUnknownTemplateQueueNothing) {
  int64_t none = AddUser("noemail", "", "zh-CN");
  int64_t gone = AddUser("gone", "gone@example.com", "zh-CN", 0);
  EXPECT_EQ(*Queue(Approval(none)), 0);
  EXPECT_EQ(*Queue(Approval(gone)), 0);
  EXPECT_EQ(*Queue(Approval(987654)), 0);
  OutgoingMail bad = Approval(AddUser("ok", "ok@example.com", "zh-CN"));
  bad.template_name = "no_such_template";
  auto r = Queue(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unknown_template");
  auto log = ListMailLog(*db_, "", 1, 50);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ((*log)["total"].as_int64(), 0);
}

TEST_F(MailServiceTest, EnqueueIsPartOfTheCallersTransaction) {
  int64_t u = AddUser("li", "li@example.com", "zh-CN");
  Status st = db_->Write([&](db::Session& s) -> Status {
    KEHU_TRY(Enqueue(s, Approval(u)));
    return Conflict("rolled_back");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(LogTotal(""), 0);
}

TEST_F(MailServiceTest, AdminOverrideIsUsedForNewMail) {
  int64_t u = AddUser("li", "li@example.com", "zh-CN");
  ASSERT_TRUE(
      db_->Write([&](db::Session& s) -> Status {
           KEHU_TRY(s.Execute(
               "INSERT INTO mail_templates (name, locale, subject, body, updated_at) VALUES "
               "('approval_requested', 'zh-CN', '请审批：{{title}}', '{{actor}} 等您', ?)",
               {Value(NowIso())}));
           return Ok();
         })
          .ok());
  auto id = Queue(Approval(u));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(Row(*id)[5], "请审批：北京网联科技有限公司");
}

TEST_F(MailServiceTest, RetriesWithBackoffWhileTheServerIsDownAndSendsWhenItIsBack) {
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0);
  MakeService(sink.port());
  sink.Stop();
  int64_t u = AddUser("li", "li@example.com", "zh-CN");
  auto id = Queue(Approval(u));
  ASSERT_TRUE(id.ok() && *id > 0);

  ASSERT_TRUE(service_->DeliverDue().ok());
  auto row = Row(*id);
  EXPECT_EQ(row[0], "retrying");
  EXPECT_EQ(row[1], "1");
  EXPECT_EQ(row[2], FormatIso(now_ + 1min));  // 1 minute later
  EXPECT_FALSE(row[3].empty());

  // Not due yet: nothing is attempted, even with the server back.
  ASSERT_TRUE(sink.Start());
  now_ += 30s;
  ASSERT_TRUE(service_->DeliverDue().ok());
  EXPECT_EQ(Row(*id)[1], "1");
  EXPECT_TRUE(sink.Messages().empty());

  sink.Stop();
  now_ += 31s;
  ASSERT_TRUE(service_->DeliverDue().ok());
  row = Row(*id);
  EXPECT_EQ(row[0], "retrying");
  EXPECT_EQ(row[1], "2");
  EXPECT_EQ(row[2], FormatIso(now_ + 5min));  // then 5 minutes

  ASSERT_TRUE(sink.Start());
  now_ += 5min;
  ASSERT_TRUE(service_->DeliverDue().ok());
  row = Row(*id);
  EXPECT_EQ(row[0], "sent");
  EXPECT_EQ(row[1], "3");
  EXPECT_TRUE(row[3].empty());
  auto got = sink.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["rcptTos"], json::array{"li@example.com"});
  EXPECT_EQ(got[0]["subject"], "【待审批】客户：北京网联科技有限公司");
  EXPECT_NE(std::string(got[0]["body"].as_string()).find("说明：请尽快审批"), std::string::npos);

  // Sent is final: another run sends nothing more.
  now_ += 1h;
  ASSERT_TRUE(service_->DeliverDue().ok());
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(sink.Messages().size(), 1u);
}

TEST_F(MailServiceTest, GivesUpAfterTheLastAttempt) {
  SmtpSink sink;
  MakeService(sink.port());
  sink.Stop();
  auto id = Queue(Approval(AddUser("li", "li@example.com", "zh-CN")));
  ASSERT_TRUE(id.ok());
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(service_->DeliverDue().ok());
    now_ += 3h;
  }
  auto row = Row(*id);
  EXPECT_EQ(row[0], "failed");
  EXPECT_EQ(row[1], std::to_string(service_->options().max_attempts));
  auto log = ListMailLog(*db_, "failed", 1, 50);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ((*log)["total"].as_int64(), 1);
  EXPECT_FALSE((*log)["items"].as_array()[0].as_object()["lastError"].is_null());
}

TEST_F(MailServiceTest, BackoffSchedule) {
  MakeService(25);
  TimePoint t = now_;
  EXPECT_EQ(*service_->RetryAt(1, t) - t, 1min);
  EXPECT_EQ(*service_->RetryAt(2, t) - t, 5min);
  EXPECT_EQ(*service_->RetryAt(3, t) - t, 30min);
  EXPECT_EQ(*service_->RetryAt(4, t) - t, 2h);
  EXPECT_FALSE(service_->RetryAt(5, t).has_value());
}

TEST_F(MailServiceTest, NothingIsClaimedWhileUnconfiguredAndABatchIsBounded) {
  SmtpSink sink;
  MailOptions o;
  o.clock = [this] { return now_; };
  o.batch = 3;
  service_ = std::make_unique<MailService>(*db_, o);
  int64_t u = AddUser("li", "li@example.com", "zh-CN");
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Queue(Approval(u)).ok());
  ASSERT_TRUE(service_->DeliverDue().ok());
  EXPECT_EQ(LogTotal("queued"), 5);
  // The admin configures the server in the database: the next runs send, three at a time.
  ASSERT_TRUE(db_->Write([&](db::Session& s) {
                   return PatchSettings(s, records::Actor::System(),
                                        json::object{{"host", "127.0.0.1"},
                                                     {"port", sink.port()},
                                                     {"from", "crm@example.com"}});
                 })
                  .ok());
  ASSERT_TRUE(service_->DeliverDue().ok());
  EXPECT_EQ(LogTotal("sent"), 3);
  ASSERT_TRUE(service_->DeliverDue().ok());
  EXPECT_EQ(LogTotal("sent"), 5);
  EXPECT_EQ(sink.WaitFor(5).size(), 5u);
}

TEST_F(MailServiceTest, AClaimedMessageIsNotClaimedTwiceUntilItsLeaseExpires) {
  int64_t u = AddUser("li", "li@example.com", "zh-CN");
  ASSERT_TRUE(Queue(Approval(u)).ok());
  auto first = ClaimDue(*db_, now_, 10, 300s);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->size(), 1u);
  EXPECT_TRUE(ClaimDue(*db_, now_ + 1s, 10, 300s)->empty());
  // The server that claimed it died: after the lease another run takes it.
  EXPECT_EQ(ClaimDue(*db_, now_ + 301s, 10, 300s)->size(), 1u);
}

TEST_F(MailServiceTest, AStoppingServerGivesUnsentMessagesBack) {
  SmtpSink sink;
  MakeService(sink.port());
  int64_t u = AddUser("li", "li@example.com", "zh-CN");
  auto id = Queue(Approval(u));
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(service_->DeliverDue([] { return true; }).ok());
  EXPECT_EQ(Row(*id)[0], "queued");  // not left "sending" until its lease runs out
  EXPECT_EQ(Row(*id)[1], "0");
  ASSERT_TRUE(service_->DeliverDue().ok());
  EXPECT_EQ(Row(*id)[0], "sent");
}

TEST_F(MailServiceTest, TestSendIsLoggedAndFailsLoudly) {
  SmtpSink sink;
  MakeService(sink.port());
  records::Actor admin = records::Actor::System();
  admin.display_name = "系统管理员";
  ASSERT_TRUE(service_->SendTest(admin, "ops@example.com", "zh-TW").ok());
  auto got = sink.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["subject"], "Kehu 測試郵件");
  EXPECT_NE(std::string(got[0]["body"].as_string()).find("寄件人：系统管理员"), std::string::npos);
  sink.Stop();
  Status failed = service_->SendTest(admin, "ops@example.com", "zh-CN");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "smtp_failed");
  EXPECT_EQ(LogTotal("sent"), 1);
  EXPECT_EQ(LogTotal("failed"), 1);  // not retried later
  EXPECT_EQ(service_->SendTest(admin, "not an address", "zh-CN").error().fields.at("to"),
            "invalid_email");
}

}  // namespace
}  // namespace kehu::mail
