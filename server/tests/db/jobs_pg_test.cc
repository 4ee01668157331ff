// Several servers on one PostgreSQL: two Database objects (two connection pools) and two
// Schedulers with different lease owners race for the same due runs. Every due run of every job
// must happen exactly once, whether they race through RunDue() or through their own loops.
#include <gtest/gtest.h>

#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "database_fixture.h"
#include "core/time.h"
#include "db/migrations.h"
#include "jobs/scheduler.h"

namespace kehu::db::testing {
namespace {
using namespace std::chrono_literals;

constexpr const char* kStart = "2026-03-08T09:00:00Z";

class JobsPgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string skip;
    url_ = FreshDatabaseUrl("postgresql", skip);
    if (!skip.empty()) GTEST_SKIP() << skip;
    ASSERT_FALSE(url_.empty());
    for (auto* db : {&db1_, &db2_}) {
      auto opened = OpenDatabase(url_, DatabaseOptions{});
      ASSERT_TRUE(opened.ok()) << Show(opened.error());
      *db = std::move(opened).value();
    }
    ASSERT_TRUE(RunMigrations(*db1_).ok());
    ASSERT_TRUE(db1_->Write([](Session& s) { return s.ExecuteScript("DELETE FROM jobs"); }).ok());
    start_ms_ = kehu::ParseIso(kStart)->time_since_epoch().count();
    now_ms_ = start_ms_;
  }

  jobs::Clock TestClock() {
    return [this] { return std::chrono::system_clock::time_point(std::chrono::milliseconds(now_ms_.load())); };
  }

  // A scheduler on `db` whose jobs count their runs per (job, hour since kStart).
  std::unique_ptr<jobs::Scheduler> Server(Database& db, const std::string& owner, int jobs) {
    jobs::SchedulerOptions o;
    o.owner = owner;
    o.clock = TestClock();
    o.tick = 5ms;
    o.threads = 2;
    auto s = std::make_unique<jobs::Scheduler>(db, o);
    for (int j = 0; j < jobs; ++j) {
      std::string name = "race." + std::to_string(j);
      Status registered = s->Register(name, "every 1h", [this, name, owner](const jobs::JobRun& run) {
        int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(run.now.time_since_epoch()).count();
        std::lock_guard lock(mu_);
        ++runs_[{name, (ms - start_ms_) / 3600000}];
        ++by_owner_[owner];
        return Ok();
      });
      EXPECT_TRUE(registered.ok());
    }
    return s;
  }

  int RunsAt(int hour) {
    std::lock_guard lock(mu_);
    int n = 0;
    for (const auto& [key, count] : runs_) n += key.second == hour ? count : 0;
    return n;
  }

  // Every (job, hour) for hours [0, hours) ran exactly once.
  void ExpectEachRunOnce(int jobs, int hours) {
    std::lock_guard lock(mu_);
    for (int j = 0; j < jobs; ++j)
      for (int h = 0; h < hours; ++h) {
        auto it = runs_.find({"race." + std::to_string(j), h});
        EXPECT_EQ(it == runs_.end() ? 0 : it->second, 1) << "race." << j << " at hour " << h;
      }
    EXPECT_EQ(runs_.size(), static_cast<size_t>(jobs * hours)) << "no runs at other times";
  }

  std::string url_;
  std::unique_ptr<Database> db1_, db2_;
  int64_t start_ms_ = 0;
  std::atomic<int64_t> now_ms_{0};
  std::mutex mu_;
  std::map<std::pair<std::string, int64_t>, int> runs_;
  std::map<std::string, int> by_owner_;
};

TEST_F(JobsPgTest, TwoServersRacingRunDueRunEachDueRunOnce) {
  constexpr int kJobs = 4, kHours = 40;
  auto a = Server(*db1_, "server-a", kJobs);
  auto b = Server(*db2_, "server-b", kJobs);
  for (int h = 0; h < kHours; ++h) {
    std::promise<void> go;
    auto gate = go.get_future().share();
    auto race = [gate](jobs::Scheduler* s) {
      gate.wait();
      auto ran = s->RunDue();
      EXPECT_TRUE(ran.ok());
      return ran.ok() ? *ran : -1;
    };
    auto ra = std::async(std::launch::async, race, a.get());
    auto rb = std::async(std::launch::async, race, b.get());
    go.set_value();
    EXPECT_EQ(ra.get() + rb.get(), kJobs) << "hour " << h;
    now_ms_ += 3600000;
  }
  ExpectEachRunOnce(kJobs, kHours);
  EXPECT_GT(by_owner_["server-a"] + by_owner_["server-b"], 0);
}

TEST_F(JobsPgTest, TwoServersLoopsRunEachDueRunOnce) {
  constexpr int kJobs = 3, kHours = 25;
  auto a = Server(*db1_, "server-a", kJobs);
  auto b = Server(*db2_, "server-b", kJobs);
  ASSERT_TRUE(a->Start().ok());
  ASSERT_TRUE(b->Start().ok());
  for (int h = 0; h < kHours; ++h) {
    for (int i = 0; i < 1000 && RunsAt(h) < kJobs; ++i) std::this_thread::sleep_for(5ms);
    ASSERT_EQ(RunsAt(h), kJobs) << "hour " << h;
    // Give a slower loop the chance to run something twice before time moves on.
    std::this_thread::sleep_for(20ms);
    if (h + 1 < kHours) now_ms_ += 3600000;
  }
  a->Stop();
  b->Stop();
  ExpectEachRunOnce(kJobs, kHours);
  std::lock_guard lock(mu_);
  EXPECT_GT(by_owner_["server-a"], 0) << "both servers took runs";
  EXPECT_GT(by_owner_["server-b"], 0) << "both servers took runs";
}

}  // namespace
}  // namespace kehu::db::testing
