// Calendar dates in IANA time zones (tzdata via Howard Hinnant's date/tz). The API speaks UTC;
// "today", day-based numbering and reminders use a zone: the user's, or the company's default.
#pragma once

#include <string>
#include <string_view>

#include "core/time.h"

namespace kehu::zones {

inline constexpr std::string_view kDefaultZone = "Asia/Shanghai";

struct LocalDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
};

// True when `name` is a zone of the installed tz database ("Asia/Shanghai", "America/New_York").
bool IsKnownZone(std::string_view name);

// The calendar date at instant `t` in zone `name`; an unknown zone falls back to kDefaultZone.
LocalDate DateIn(TimePoint t, std::string_view name);

}  // namespace kehu::zones
