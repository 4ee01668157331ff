// Schedules: parsing, the next run (including across daylight-saving changes) and backoff.
#include "jobs/schedule.h"

#include <gtest/gtest.h>

namespace kehu::jobs {
namespace {

TimePoint At(const char* iso) { return *ParseIso(iso); }
std::string Next(const char* schedule, const char* after) {
  auto s = ParseSchedule(schedule);
  EXPECT_TRUE(s.ok()) << schedule;
  return s.ok() ? FormatIso(NextRun(*s, At(after))) : "";
}

TEST(Schedule, ParsesIntervals) {
  EXPECT_EQ(ParseSchedule("every 30s")->every, std::chrono::seconds(30));
  EXPECT_EQ(ParseSchedule("every 5m")->every, std::chrono::seconds(300));
  EXPECT_EQ(ParseSchedule("every 2h")->every, std::chrono::seconds(7200));
  EXPECT_EQ(Next("every 30s", "2026-03-08T09:00:00Z"), "2026-03-08T09:00:30.000Z");
}

TEST(Schedule, ParsesDailyTimesWithAndWithoutZone) {
  auto plain = ParseSchedule("daily 02:30");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->kind, Schedule::Kind::kDaily);
  EXPECT_EQ(plain->zone, "Asia/Shanghai");
  EXPECT_EQ(ParseSchedule("daily 23:59 America/New_York")->zone, "America/New_York");
}

TEST(Schedule, RefusesAnythingElse) {
  for (const char* bad : {"", "every", "every 0s", "every -5m", "every 5", "every 5d", "every 5 m", "every 1.5h",
                          "every 99999999999h", "daily", "daily 24:00", "daily 2:30", "daily 02:60",
                          "daily 02:30 Mars/Olympus", "daily 02:30  Asia/Shanghai", "hourly", "EVERY 5m"}) {
    auto s = ParseSchedule(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().code, "invalid_schedule");
    EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
  }
}

TEST(Schedule, DailyRunsAtTheLocalTimeOfTheZone) {
  // 02:30 in Shanghai is 18:30Z the day before.
  EXPECT_EQ(Next("daily 02:30", "2026-03-07T12:00:00Z"), "2026-03-07T18:30:00.000Z");
  EXPECT_EQ(Next("daily 02:30", "2026-03-07T18:30:00Z"), "2026-03-08T18:30:00.000Z") << "strictly after";
}

TEST(Schedule, DailyInNewYorkFollowsTheDaylightSavingChange) {
  // 2026-03-07 (EST, UTC-5): 02:30 = 07:30Z.
  EXPECT_EQ(Next("daily 02:30 America/New_York", "2026-03-07T00:00:00Z"), "2026-03-07T07:30:00.000Z");
  // 2026-03-08: 02:30 does not exist (02:00 EST -> 03:00 EDT): runs when the clocks jumped, 07:00Z.
  EXPECT_EQ(Next("daily 02:30 America/New_York", "2026-03-07T07:30:00Z"), "2026-03-08T07:00:00.000Z");
  // 2026-03-09 (EDT, UTC-4): 02:30 = 06:30Z.
  EXPECT_EQ(Next("daily 02:30 America/New_York", "2026-03-08T07:00:00Z"), "2026-03-09T06:30:00.000Z");
  // Back to EST on 2026-11-01: 02:30 exists once (01:xx repeats), = 07:30Z; the day before is EDT.
  EXPECT_EQ(Next("daily 02:30 America/New_York", "2026-10-31T12:00:00Z"), "2026-11-01T07:30:00.000Z");
  EXPECT_EQ(Next("daily 01:30 America/New_York", "2026-10-31T12:00:00Z"), "2026-11-01T05:30:00.000Z")
      << "the repeated hour runs once, at its first occurrence";
  EXPECT_EQ(Next("daily 01:30 America/New_York", "2026-11-01T05:30:00Z"), "2026-11-02T06:30:00.000Z")
      << "not again an hour later";
}

TEST(Backoff, DoublesFromTheBaseUpToTheCap) {
  using std::chrono::seconds;
  EXPECT_EQ(Backoff(1, seconds(10), seconds(3600)), seconds(10));
  EXPECT_EQ(Backoff(2, seconds(10), seconds(3600)), seconds(20));
  EXPECT_EQ(Backoff(4, seconds(10), seconds(3600)), seconds(80));
  EXPECT_EQ(Backoff(9, seconds(10), seconds(3600)), seconds(2560));
  EXPECT_EQ(Backoff(10, seconds(10), seconds(3600)), seconds(3600));
  EXPECT_EQ(Backoff(1000, seconds(10), seconds(3600)), seconds(3600)) << "no overflow";
  EXPECT_EQ(Backoff(0, seconds(10), seconds(3600)), seconds(10));
}

}  // namespace
}  // namespace kehu::jobs
