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

}  // namespace
}  // namespace kehu::zones
