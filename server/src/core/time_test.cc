#include "core/time.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include <random>

namespace kehu {
namespace {

// FormatIso is written by hand for speed; it must say exactly what date::format says.
TEST(TimeTest, FormatIsoMatchesDateFormatAcrossCenturiesAndMilliseconds) {
  std::mt19937_64 rng(42);
  // 1900-01-01 .. 2200-01-01 in milliseconds since the epoch, plus edges.
  std::uniform_int_distribution<int64_t> ms(-2208988800000LL, 7258118400000LL);
  std::vector<int64_t> samples = {0, -1, 1, 999, -999, 951782400000LL /* 2000-02-29 */};
  for (int i = 0; i < 20000; ++i) samples.push_back(ms(rng));
  for (int64_t m : samples) {
    TimePoint t{std::chrono::milliseconds(m)};
    ASSERT_EQ(FormatIso(t), date::format("%FT%TZ", t)) << m;
    ASSERT_EQ(ParseIso(FormatIso(t)), t) << m;
  }
  EXPECT_EQ(FormatIso(TimePoint{std::chrono::milliseconds(951782400123LL)}), "2000-02-29T00:00:00.123Z");
}

}  // namespace
}  // namespace kehu
