// Job schedules as text, and when a job runs next.
//
//   "every 30s" | "every 5m" | "every 2h"         a fixed interval after the previous run
//   "daily 02:30"                                 02:30 every day in Asia/Shanghai
//   "daily 02:30 America/New_York"                02:30 every day in that IANA zone (DST-aware)
//
// A daily time skipped by a daylight-saving change runs at the instant the clocks jumped; a time
// that happens twice runs at its first occurrence.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace kehu::jobs {

struct Schedule {
  enum class Kind { kEvery, kDaily };
  Kind kind = Kind::kEvery;
  std::chrono::seconds every{0};  // kEvery: > 0
  int hour = 0, minute = 0;       // kDaily
  std::string zone;               // kDaily: IANA name
};

// kInvalidInput "invalid_schedule" for anything but the forms above (intervals 1s .. 366 days).
Result<Schedule> ParseSchedule(std::string_view text);

// The first run strictly after `after`.
TimePoint NextRun(const Schedule& schedule, TimePoint after);

// The delay before retry number `failures` (>= 1): base * 2^(failures-1), at most `max`.
std::chrono::seconds Backoff(int failures, std::chrono::seconds base, std::chrono::seconds max);

}  // namespace kehu::jobs
