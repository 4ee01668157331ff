// Reminders in users' own time zones, fired by the scheduler's "reminders.fire" job with a clock
// the test moves: 09:00 local in Shanghai and New York on the days before and after the US
// daylight-saving change (2026-03-08) fire at their own UTC instants, each once, never early.
#include "jobs/reminders.h"

#include <boost/json.hpp>

#include "auth/auth_service.h"
#include "jobs/housekeeping.h"
#include "jobs/scheduler_test_util.h"
#include "metadata/registry.h"
#include "notify/notifier.h"
#include "records/access.h"

namespace kehu::jobs {
namespace {
using namespace std::chrono_literals;
namespace json = boost::json;
using testing::ManualClock;

class RemindersTest : public testing::SqliteFixture {
 protected:
  void SetUp() override {
    SqliteFixture::SetUp();
    auto reg = meta::Registry::LoadDirectory(std::string(KEHU_SOURCE_DIR) + "/metadata/entities");
    ASSERT_TRUE(reg.ok());
    registry_ = *reg;
    std::vector<std::string> names;
    for (const auto& e : registry_->entities()) names.push_back(e.name);
    auth_ = std::make_unique<auth::AuthService>(*db_, names);
    ASSERT_TRUE(auth_->EnsureDefaultRoles().ok());
    notifier_ = std::make_unique<notify::Notifier>(*auth_, access_, registry_);
    shanghai_ = User("shanghai_rep", "Asia/Shanghai");
    new_york_ = User("newyork_rep", "America/New_York");
  }

  records::Actor User(const std::string& username, const std::string& zone) {
    auto id = auth_->EnsureUser({username, username, "a-good-password-1", "", {"sales_rep"}});
    EXPECT_TRUE(id.ok());
    EXPECT_TRUE(db_->Write([&](db::Session& s) -> Status {
                     KEHU_TRY(s.Execute("UPDATE users SET time_zone = ? WHERE id = ?", {db::Value(zone), db::Value(*id)}));
                     return Ok();
                   }).ok());
    records::Actor a;
    a.user_id = *id;
    a.username = username;
    return a;
  }

  std::string Remind(const records::Actor& who, const std::string& at, const std::string& title) {
    auto parsed = reminders::Parse(json::object{{"at", at}, {"title", title}}, *registry_);
    EXPECT_TRUE(parsed.ok()) << at;
    auto made = reminders::Create(*db_, who, *parsed);
    EXPECT_TRUE(made.ok()) << at;
    return made.ok() ? std::string(made->at("fireAt").as_string()) : "";
  }

  // Titles of the reminders that have fired, in fire order.
  std::vector<std::string> Fired() {
    std::vector<std::string> out;
    EXPECT_TRUE(db_->Read([&](db::Session& s) -> Status {
                     KEHU_ASSIGN(db::Rows rows, s.Query("SELECT title, fired_at FROM reminders WHERE fired_at IS NOT "
                                                        "NULL ORDER BY fire_at"));
                     for (const auto& r : rows.rows) out.push_back(db::AsText(r[0]) + "@" + db::AsText(r[1]));
                     return Ok();
                   }).ok());
    return out;
  }

  std::shared_ptr<const meta::Registry> registry_;
  records::ScopedAccessPolicy access_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<notify::Notifier> notifier_;
  records::Actor shanghai_, new_york_;
};

TEST_F(RemindersTest, NineOClockIsStoredAsTheUsersOwnInstantAcrossTheDstChange) {
  EXPECT_EQ(Remind(new_york_, "2026-03-07T09:00", "ny-before"), "2026-03-07T14:00:00.000Z");
  EXPECT_EQ(Remind(new_york_, "2026-03-09T09:00", "ny-after"), "2026-03-09T13:00:00.000Z");
  EXPECT_EQ(Remind(shanghai_, "2026-03-07T09:00", "sh-before"), "2026-03-07T01:00:00.000Z");
  EXPECT_EQ(Remind(shanghai_, "2026-03-09T09:00", "sh-after"), "2026-03-09T01:00:00.000Z");
  // An explicit UTC instant is taken as is, and shown as the user's wall time.
  auto parsed = reminders::Parse(json::object{{"at", "2026-03-09T13:00:00Z"}, {"title", "utc"}}, *registry_);
  ASSERT_TRUE(parsed.ok());
  auto made = reminders::Create(*db_, new_york_, *parsed);
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->at("fireAt"), "2026-03-09T13:00:00.000Z");
  EXPECT_EQ(made->at("at"), "2026-03-09T09:00:00");
  EXPECT_EQ(made->at("timeZone"), "America/New_York");
}

TEST_F(RemindersTest, TheFireJobFiresEachReminderAtItsInstantAndNotBefore) {
  Remind(shanghai_, "2026-03-07T09:00", "sh-before");  // 01:00Z on the 7th
  Remind(new_york_, "2026-03-07T09:00", "ny-before");  // 14:00Z on the 7th
  Remind(shanghai_, "2026-03-09T09:00", "sh-after");   // 01:00Z on the 9th
  Remind(new_york_, "2026-03-09T09:00", "ny-after");   // 13:00Z on the 9th (EDT)
  ManualClock clock("2026-03-07T00:59:59Z");
  SchedulerOptions o;
  o.owner = "test";
  o.clock = clock.AsClock();
  Scheduler scheduler(*db_, o);
  ASSERT_TRUE(RegisterHousekeeping(scheduler, *db_, *notifier_).ok());
  // Runs the fire job at the clock's time.
  auto fire_at = [&](const char* iso) {
    clock.Set(iso);
    ASSERT_TRUE(scheduler.TriggerNow("reminders.fire").ok());
    ASSERT_TRUE(scheduler.RunDue().ok());
    EXPECT_EQ(JobRow("reminders.fire").last_status, "ok");
  };
  fire_at("2026-03-07T00:59:59Z");
  EXPECT_TRUE(Fired().empty());
  fire_at("2026-03-07T01:00:00Z");
  EXPECT_EQ(Fired(), (std::vector<std::string>{"sh-before@2026-03-07T01:00:00.000Z"}));
  fire_at("2026-03-07T13:59:59Z");
  EXPECT_EQ(Fired().size(), 1u) << "New York's 09:00 is not yet";
  fire_at("2026-03-07T14:00:00Z");
  EXPECT_EQ(Fired().size(), 2u);
  fire_at("2026-03-09T00:59:59Z");
  EXPECT_EQ(Fired().size(), 2u);
  fire_at("2026-03-09T01:00:00Z");
  EXPECT_EQ(Fired().size(), 3u);
  // After the change New York is UTC-4: 09:00 is 13:00Z, an hour earlier than before it.
  fire_at("2026-03-09T12:59:59Z");
  EXPECT_EQ(Fired().size(), 3u);
  fire_at("2026-03-09T13:00:00Z");
  fire_at("2026-03-09T13:30:00Z");  // and again: nothing fires twice
  EXPECT_EQ(Fired(), (std::vector<std::string>{"sh-before@2026-03-07T01:00:00.000Z",
                                               "ny-before@2026-03-07T14:00:00.000Z",
                                               "sh-after@2026-03-09T01:00:00.000Z",
                                               "ny-after@2026-03-09T13:00:00.000Z"}));
}

TEST_F(RemindersTest, BadInputIsRefusedWithFieldErrors) {
  auto field = [&](const json::object& body, const std::string& name) -> std::string {
    auto r = reminders::Parse(body, *registry_);
    if (r.ok()) return "accepted";
    auto it = r.error().fields.find(name);
    return it == r.error().fields.end() ? r.error().code : it->second;
  };
  EXPECT_EQ(field({{"title", "x"}}, "at"), "required");
  EXPECT_EQ(field({{"at", "2026-02-30T09:00"}, {"title", "x"}}, "at"), "invalid_datetime");
  EXPECT_EQ(field({{"at", "tomorrow"}, {"title", "x"}}, "at"), "invalid_datetime");
  EXPECT_EQ(field({{"at", "2026-03-08T09:00"}, {"title", "  "}}, "title"), "required");
  EXPECT_EQ(field({{"at", "2026-03-08T09:00"}, {"title", std::string(201, 'x')}}, "title"), "too_long");
  EXPECT_EQ(field({{"at", "2026-03-08T09:00"}, {"title", "x"}, {"entity", "planets"}, {"recordId", 1}}, "entity"),
            "invalid_option");
  EXPECT_EQ(field({{"at", "2026-03-08T09:00"}, {"title", "x"}, {"entity", "customers"}}, "recordId"), "required");
  EXPECT_EQ(field({{"at", 5}, {"title", "x"}}, "at"), "wrong_type");
  EXPECT_EQ(field({{"at", "2026-03-08T09:00"}, {"title", "x"}, {"colour", "red"}}, "x"), "unknown_field");
}

TEST_F(RemindersTest, UsersSeeAndDeleteOnlyTheirOwn) {
  Remind(shanghai_, "2026-03-07T09:00", "mine");
  auto theirs = reminders::List(*db_, new_york_, false);
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(theirs->empty());
  auto mine = reminders::List(*db_, shanghai_, false);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  int64_t id = mine->at(0).at("id").as_int64();
  Status steal = reminders::Delete(*db_, new_york_, id);
  ASSERT_FALSE(steal.ok());
  EXPECT_EQ(steal.error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(reminders::Delete(*db_, shanghai_, id).ok());
  EXPECT_TRUE(reminders::List(*db_, shanghai_, false)->empty());
}

}  // namespace
}  // namespace kehu::jobs
