// Calendar dates in IANA time zones (tzdata via Howard Hinnant's date/tz). The API speaks UTC;
// "today", day-based numbering and reminders use a zone: the user's, or the company's default.
#pragma once

#include <optional>
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

// "Today" for a user in zone `name` (DateIn(now, name)).
inline LocalDate Today(std::string_view name, TimePoint now = Now()) { return DateIn(now, name); }

// "YYYY-MM-DD".
std::string FormatDate(const LocalDate& d);

// A wall-clock time in a zone.
struct LocalDateTime {
  LocalDate date;
  int hour = 0, minute = 0, second = 0;
};

// The UTC instant of wall time `local` in zone `name` (unknown zone: kDefaultZone). A time that
// does not exist (skipped by a daylight-saving change, e.g. 02:30 on 2026-03-08 in New York) maps
// to the instant the clocks jumped (03:00 local); a time that happens twice (the autumn change)
// maps to its first occurrence. nullopt for an impossible date or time.
std::optional<TimePoint> ToUtc(const LocalDateTime& local, std::string_view name);

// The wall time at instant `t` in zone `name` (unknown zone: kDefaultZone).
LocalDateTime ToLocal(TimePoint t, std::string_view name);

// "YYYY-MM-DDTHH:MM:SS".
std::string FormatLocal(const LocalDateTime& t);

// Parses a wall time "YYYY-MM-DDTHH:MM[:SS]" (a space instead of 'T' is accepted), without zone.
std::optional<LocalDateTime> ParseLocalDateTime(std::string_view text);

}  // namespace kehu::zones
