#include "core/zones.h"

#include <gtest/gtest.h>

#include <array>

namespace kehu::zones {
namespace {

TimePoint At(const char* iso) { return *ParseIso(iso); }

TEST(Zones, TheSameInstantIsADifferentDayInShanghaiAndNewYork) {
  TimePoint t = At("2026-11-22T17:30:00Z");  // 01:30 on the 23rd in Shanghai, 12:30 on the 22nd in New York
  LocalDate sh = DateIn(t, "Asia/Shanghai");
  LocalDate ny = DateIn(t, "America/New_York");
  EXPECT_EQ((std::array<int, 3>{sh.year, sh.month, sh.day}), (std::array<int, 3>{2026, 11, 23}));
  EXPECT_EQ((std::array<int, 3>{ny.year, ny.month, ny.day}), (std::array<int, 3>{2026, 11, 22}));
}

TEST(Zones, NewYorkFollowsDaylightSavingTime) {
  // 03:30Z is 23:30 the day before in summer (UTC-4) but 22:30 in winter (UTC-5): same day either way;
  // 04:30Z is 00:30 on the day in summer but still 23:30 the day before in winter.
  EXPECT_EQ(DateIn(At("2026-07-10T04:30:00Z"), "America/New_York").day, 10);
  EXPECT_EQ(DateIn(At("2026-12-10T04:30:00Z"), "America/New_York").day, 9);
}

TEST(Zones, UnknownZonesFallBackToTheDefault) {
  EXPECT_TRUE(IsKnownZone("Asia/Shanghai"));
  EXPECT_FALSE(IsKnownZone("Mars/Olympus"));
  EXPECT_FALSE(IsKnownZone(""));
  EXPECT_EQ(DateIn(At("2026-11-22T17:30:00Z"), "Mars/Olympus").day, 23);
}

TEST(Zones, NineInTheMorningIsADifferentInstantBeforeAndAfterTheUsChange) {
  // The US moved to daylight-saving time on 2026-03-08; China has none.
  auto nine = [](int day) { return LocalDateTime{{2026, 3, day}, 9, 0, 0}; };
  EXPECT_EQ(FormatIso(*ToUtc(nine(7), "America/New_York")), "2026-03-07T14:00:00.000Z");
  EXPECT_EQ(FormatIso(*ToUtc(nine(9), "America/New_York")), "2026-03-09T13:00:00.000Z");
  EXPECT_EQ(FormatIso(*ToUtc(nine(7), "Asia/Shanghai")), "2026-03-07T01:00:00.000Z");
  EXPECT_EQ(FormatIso(*ToUtc(nine(9), "Asia/Shanghai")), "2026-03-09T01:00:00.000Z");
}

TEST(Zones, SkippedAndRepeatedWallTimesHaveOneAnswer) {
  // 02:30 does not exist on 2026-03-08 in New York: the clocks jumped from 02:00 EST to 03:00 EDT.
  EXPECT_EQ(FormatIso(*ToUtc({{2026, 3, 8}, 2, 30, 0}, "America/New_York")), "2026-03-08T07:00:00.000Z");
  // 01:30 happens twice on 2026-11-01: the first one (EDT) is taken.
  EXPECT_EQ(FormatIso(*ToUtc({{2026, 11, 1}, 1, 30, 0}, "America/New_York")), "2026-11-01T05:30:00.000Z");
  EXPECT_FALSE(ToUtc({{2026, 2, 30}, 9, 0, 0}, "Asia/Shanghai"));
  EXPECT_FALSE(ToUtc({{2026, 2, 3}, 24, 0, 0}, "Asia/Shanghai"));
}

TEST(Zones, ParsesWallTimesWithoutZone) {
  auto t = ParseLocalDateTime("2026-03-08T09:05");
  ASSERT_TRUE(t);
  EXPECT_EQ((std::array<int, 5>{t->date.year, t->date.month, t->date.day, t->hour, t->minute}),
            (std::array<int, 5>{2026, 3, 8, 9, 5}));
  EXPECT_EQ(ParseLocalDateTime("2026-03-08 09:05:30")->second, 30);
  for (const char* bad : {"2026-03-08", "2026-03-08T9:05", "2026-03-08T09:05Z", "2026-02-30T09:00",
                          "2026-03-08T25:00", "2026-03-08T09:60", "2026-03-08T09:05:3x", ""})
    EXPECT_FALSE(ParseLocalDateTime(bad)) << bad;
}

TEST(Zones, WallTimeOfAnInstant) {
  EXPECT_EQ(FormatLocal(ToLocal(At("2026-03-09T13:00:00Z"), "America/New_York")), "2026-03-09T09:00:00");
  EXPECT_EQ(FormatLocal(ToLocal(At("2026-03-07T14:00:00Z"), "America/New_York")), "2026-03-07T09:00:00");
  EXPECT_EQ(FormatLocal(ToLocal(At("2026-03-07T01:00:00Z"), "Asia/Shanghai")), "2026-03-07T09:00:00");
}

TEST(Zones, TodayDependsOnTheZone) {
  TimePoint t = At("2026-03-08T02:00:00Z");  // 10:00 on the 8th in Shanghai, 21:00 on the 7th in New York
  EXPECT_EQ(FormatDate(Today("Asia/Shanghai", t)), "2026-03-08");
  EXPECT_EQ(FormatDate(Today("America/New_York", t)), "2026-03-07");
}

}  // namespace
}  // namespace kehu::zones
