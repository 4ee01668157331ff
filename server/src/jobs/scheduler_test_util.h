// Test helpers for the scheduler: a fresh migrated SQLite database in a temp directory and a
// clock the test moves by hand.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>

#include "core/time.h"
#include "db/database.h"
#include "db/temp_sqlite_test_util.h"
#include "jobs/job_store.h"
#include "jobs/scheduler.h"

namespace kehu::jobs::testing {

class ManualClock {
 public:
  explicit ManualClock(const char* iso) : ms_(ParseIso(iso)->time_since_epoch().count()) {}
  Clock AsClock() {
    return [this] { return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms_.load())); };
  }
  void Advance(std::chrono::milliseconds d) { ms_ += d.count(); }
  void Set(const char* iso) { ms_ = ParseIso(iso)->time_since_epoch().count(); }
  TimePoint Now() const { return TimePoint(std::chrono::milliseconds(ms_.load())); }
  std::string Iso() const { return FormatIso(Now()); }

 private:
  std::atomic<int64_t> ms_;
};

class SqliteFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = temp_.Open("kehu_jobs_");
    ASSERT_TRUE(db_);
  }
  void TearDown() override {
    db_.reset();
  }

  store::Row JobRow(const std::string& name) {
    std::optional<store::Row> row;
    EXPECT_TRUE(db_->Read([&](db::Session& s) -> Status {
                     KEHU_ASSIGN(row, store::Find(s, name));
                     return Ok();
                   }).ok());
    EXPECT_TRUE(row.has_value()) << name;
    return row.value_or(store::Row{});
  }

  db::testing::TempSqlite temp_;  // before db_: outlives it
  std::unique_ptr<db::Database> db_;
};

}  // namespace kehu::jobs::testing
