// The scheduler on a real SQLite database with a clock the test moves: runs happen once when due,
// failures back off and retry, a dead server's run is taken again after its lease, long runs keep
// their lease, and stopping waits for handlers without hanging.
#include "jobs/scheduler.h"

#include <future>
#include <thread>

#include "jobs/scheduler_test_util.h"

namespace kehu::jobs {
namespace {
using namespace std::chrono_literals;
using testing::ManualClock;

class SchedulerTest : public testing::SqliteFixture {
 protected:
  std::unique_ptr<Scheduler> Make(const std::string& owner, SchedulerOptions o = {}) {
    o.owner = owner;
    o.clock = clock_.AsClock();
    return std::make_unique<Scheduler>(*db_, o);
  }

  ManualClock clock_{"2026-03-08T09:00:00Z"};
};

TEST_F(SchedulerTest, ADueJobRunsOnceThenOnItsSchedule) {
  auto s = Make("a");
  int runs = 0;
  ASSERT_TRUE(s->Register("count", "every 1h", [&](const JobRun& run) {
    ++runs;
    EXPECT_EQ(run.name, "count");
    EXPECT_EQ(run.attempt, 1);
    return Ok();
  }).ok());
  EXPECT_EQ(*s->RunDue(), 1) << "a new interval job is due at once";
  EXPECT_EQ(*s->RunDue(), 0) << "not twice";
  clock_.Advance(59min);
  EXPECT_EQ(*s->RunDue(), 0);
  clock_.Advance(1min);
  EXPECT_EQ(*s->RunDue(), 1);
  EXPECT_EQ(runs, 2);
  store::Row row = JobRow("count");
  EXPECT_EQ(row.runs, 2);
  EXPECT_EQ(row.failures, 0);
  EXPECT_EQ(row.last_status, "ok");
  EXPECT_EQ(row.last_run_at, "2026-03-08T10:00:00.000Z");
  EXPECT_EQ(row.next_run_at, "2026-03-08T11:00:00.000Z");
  EXPECT_EQ(row.lease_owner, "") << "the lease is released";
}

TEST_F(SchedulerTest, RestartKeepsTheNextRunUnlessTheScheduleChanged) {
  {
    auto s = Make("a");
    ASSERT_TRUE(s->Register("count", "every 1h", [](const JobRun&) { return Ok(); }).ok());
    EXPECT_EQ(*s->RunDue(), 1);
  }
  clock_.Advance(10min);
  {
    auto same = Make("b");
    ASSERT_TRUE(same->Register("count", "every 1h", [](const JobRun&) { return Ok(); }).ok());
    EXPECT_EQ(*same->RunDue(), 0) << "unchanged schedule: next run stays at 10:00";
    EXPECT_EQ(JobRow("count").next_run_at, "2026-03-08T10:00:00.000Z");
  }
  {
    auto changed = Make("c");
    ASSERT_TRUE(changed->Register("count", "daily 02:30 America/New_York", [](const JobRun&) { return Ok(); }).ok());
    EXPECT_EQ(*changed->RunDue(), 0);
    EXPECT_EQ(JobRow("count").schedule, "daily 02:30 America/New_York");
    EXPECT_EQ(JobRow("count").next_run_at, "2026-03-09T06:30:00.000Z");
  }
}

TEST_F(SchedulerTest, FailuresBackOffAndRetryUntilSuccess) {
  SchedulerOptions o;
  o.backoff_base = 10s;
  o.backoff_max = 3600s;
  auto s = Make("a", o);
  std::vector<int> attempts;
  ASSERT_TRUE(s->Register("flaky", "every 1h", [&](const JobRun& run) -> Status {
    attempts.push_back(run.attempt);
    if (attempts.size() < 3) return Error(ErrorKind::kUnavailable, "smtp_down").Detail("try " + std::to_string(run.attempt));
    return Ok();
  }).ok());
  EXPECT_EQ(*s->RunDue(), 1);
  store::Row row = JobRow("flaky");
  EXPECT_EQ(row.failures, 1);
  EXPECT_EQ(row.last_status, "failed");
  EXPECT_EQ(row.last_error, "smtp_down: try 1");
  EXPECT_EQ(row.next_run_at, "2026-03-08T09:00:10.000Z");
  clock_.Advance(9s);
  EXPECT_EQ(*s->RunDue(), 0) << "waits for the backoff";
  clock_.Advance(1s);
  EXPECT_EQ(*s->RunDue(), 1);
  EXPECT_EQ(JobRow("flaky").failures, 2);
  EXPECT_EQ(JobRow("flaky").next_run_at, "2026-03-08T09:00:30.000Z") << "10s then 20s";
  clock_.Advance(20s);
  EXPECT_EQ(*s->RunDue(), 1);
  row = JobRow("flaky");
  EXPECT_EQ(attempts, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(row.failures, 0);
  EXPECT_EQ(row.last_status, "ok");
  EXPECT_EQ(row.last_error, "");
  EXPECT_EQ(row.runs, 3);
  EXPECT_EQ(row.next_run_at, "2026-03-08T10:00:30.000Z");
}

TEST_F(SchedulerTest, AThrowingHandlerIsAFailureNotACrash) {
  auto s = Make("a");
  ASSERT_TRUE(s->Register("throws", "every 5m", [](const JobRun&) -> Status {
    throw std::runtime_error("boom 坏了");
  }).ok());
  EXPECT_EQ(*s->RunDue(), 1);
  store::Row row = JobRow("throws");
  EXPECT_EQ(row.last_status, "failed");
  EXPECT_NE(row.last_error.find("boom 坏了"), std::string::npos) << row.last_error;
  EXPECT_EQ(row.failures, 1);
}

TEST_F(SchedulerTest, ALongErrorIsCutAtACharacterBoundary) {
  auto s = Make("a");
  std::string long_text;
  for (int i = 0; i < 600; ++i) long_text += "错";  // 1800 bytes
  ASSERT_TRUE(s->Register("verbose", "every 5m", [&](const JobRun&) -> Status {
    return Error(ErrorKind::kInternal, "x").Detail(long_text);
  }).ok());
  EXPECT_EQ(*s->RunDue(), 1);
  std::string kept = JobRow("verbose").last_error;
  EXPECT_LE(kept.size(), store::kMaxErrorBytes);
  EXPECT_GT(kept.size(), store::kMaxErrorBytes - 4);
  EXPECT_EQ((kept.size() - 3) % 3, 0u) << "whole characters after \"x: \"";
}

TEST_F(SchedulerTest, ARunWhoseServerDiedIsTakenAgainAfterTheLease) {
  auto b = Make("server-b");
  int runs = 0;
  ASSERT_TRUE(b->Register("count", "every 1h", [&](const JobRun&) {
    ++runs;
    return Ok();
  }).ok());
  ASSERT_TRUE(b->TriggerNow("count").ok());  // writes the row
  // Server A takes the due run with a 60 s lease and dies before finishing it.
  std::optional<int> taken;
  ASSERT_TRUE(db_->Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(taken, store::TryTake(s, "count", "server-a", clock_.Now(), clock_.Now() + 60s));
    return Ok();
  }).ok());
  ASSERT_TRUE(taken.has_value());
  clock_.Advance(30s);
  EXPECT_EQ(*b->RunDue(), 0) << "the lease still holds";
  clock_.Advance(31s);
  EXPECT_EQ(*b->RunDue(), 1) << "the lease expired: B takes the run";
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(JobRow("count").runs, 1);
  // A coming back late cannot record over B's run.
  bool kept = true;
  ASSERT_TRUE(db_->Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(kept, store::Finish(s, "count", "server-a", {clock_.Now(), clock_.Now(), "late"}));
    return Ok();
  }).ok());
  EXPECT_FALSE(kept);
  EXPECT_EQ(JobRow("count").last_status, "ok");
}

TEST_F(SchedulerTest, ALongRunRenewsItsLease) {
  SchedulerOptions o;
  o.tick = 10ms;
  o.lease = 60s;
  auto a = Make("a", o);
  std::promise<void> entered, release;
  auto released = release.get_future().share();
  ASSERT_TRUE(a->Register("slow", "every 1h", [&](const JobRun&) {
    entered.set_value();
    released.wait();
    return Ok();
  }).ok());
  ASSERT_TRUE(a->Start().ok());
  ASSERT_EQ(entered.get_future().wait_for(10s), std::future_status::ready);
  clock_.Advance(50s);  // past lease/3: the loop extends the lease to 09:01:50
  for (int i = 0; i < 500 && JobRow("slow").lease_expires_at != "2026-03-08T09:01:50.000Z"; ++i)
    std::this_thread::sleep_for(10ms);
  EXPECT_EQ(JobRow("slow").lease_expires_at, "2026-03-08T09:01:50.000Z");
  clock_.Advance(50s);  // 09:01:40: the first lease (09:01:00) would have expired
  auto b = Make("b");
  ASSERT_TRUE(b->Register("slow", "every 1h", [](const JobRun&) {
    ADD_FAILURE() << "taken twice";
    return Ok();
  }).ok());
  EXPECT_EQ(*b->RunDue(), 0);
  release.set_value();
  a->Stop();
  EXPECT_EQ(JobRow("slow").runs, 1);
  EXPECT_EQ(JobRow("slow").last_status, "ok");
}

TEST_F(SchedulerTest, TriggerNowMakesAJobDueAndRefusesUnknownJobs) {
  auto s = Make("a");
  int runs = 0;
  ASSERT_TRUE(s->Register("count", "daily 02:30", [&](const JobRun&) {
    ++runs;
    return Ok();
  }).ok());
  EXPECT_EQ(*s->RunDue(), 0) << "a new daily job waits for its time";
  Status unknown = s->TriggerNow("nope");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(unknown.error().code, "unknown_job");
  ASSERT_TRUE(s->TriggerNow("count").ok());
  EXPECT_EQ(*s->RunDue(), 1);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(JobRow("count").next_run_at, "2026-03-08T18:30:00.000Z") << "then back on its schedule";
}

TEST_F(SchedulerTest, HandlersRunOnSchedulerThreadsAndStopWaitsForThem) {
  SchedulerOptions o;
  o.tick = 10ms;
  auto s = Make("a", o);
  std::atomic<bool> entered{false}, finished{false};
  std::thread::id handler_thread;
  ASSERT_TRUE(s->Register("batch", "every 1h", [&](const JobRun& run) {
    handler_thread = std::this_thread::get_id();
    entered = true;
    // A long batch that checks for shutdown between items.
    for (int i = 0; i < 1000 && !run.Stopping(); ++i) std::this_thread::sleep_for(10ms);
    finished = true;
    return Ok();
  }).ok());
  ASSERT_TRUE(s->Start().ok());
  for (int i = 0; i < 500 && !entered; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(entered);
  auto before = std::chrono::steady_clock::now();
  s->Stop();
  EXPECT_TRUE(finished) << "Stop() returned before the handler ended";
  EXPECT_LT(std::chrono::steady_clock::now() - before, 2s) << "the handler saw Stopping()";
  EXPECT_NE(handler_thread, std::this_thread::get_id());
  s->Stop();  // idempotent
  EXPECT_EQ(JobRow("batch").runs, 1);
}

TEST_F(SchedulerTest, ListJobsShowsEveryJob) {
  auto s = Make("a");
  ASSERT_TRUE(s->Register("b.second", "every 5m", [](const JobRun&) { return Ok(); }).ok());
  ASSERT_TRUE(s->Register("a.first", "daily 02:30", [](const JobRun&) { return Ok(); }).ok());
  ASSERT_TRUE(s->RunDue().ok());
  auto items = ListJobs(*db_);
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 2u);
  const auto& first = items->at(0).as_object();
  EXPECT_EQ(first.at("name"), "a.first");
  EXPECT_EQ(first.at("schedule"), "daily 02:30");
  EXPECT_TRUE(first.at("lastRunAt").is_null());
  EXPECT_TRUE(first.at("lastStatus").is_null());
  const auto& second = items->at(1).as_object();
  EXPECT_EQ(second.at("lastStatus"), "ok");
  EXPECT_EQ(second.at("runs"), 1);
  EXPECT_EQ(second.at("running"), false);
}

TEST_F(SchedulerTest, RegisterRefusesBadSchedules) {
  auto s = Make("a");
  Status bad = s->Register("x", "every now and then", [](const JobRun&) { return Ok(); });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_schedule");
}

}  // namespace
}  // namespace kehu::jobs
