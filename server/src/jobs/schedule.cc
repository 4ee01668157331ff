#include "jobs/schedule.h"

#include <date/date.h>

#include <charconv>

#include "core/zones.h"

namespace kehu::jobs {
namespace {

Error Invalid(std::string_view text) {
  return InvalidInput("invalid_schedule").Arg("schedule", std::string(text.substr(0, 100)));
}

bool ReadNumber(std::string_view s, int64_t& out) {
  if (s.empty() || s.size() > 9) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

Result<Schedule> ParseEvery(std::string_view text, std::string_view rest) {
  if (rest.size() < 2) return Invalid(text);
  char unit = rest.back();
  int64_t n = 0;
  if (!ReadNumber(rest.substr(0, rest.size() - 1), n) || n <= 0) return Invalid(text);
  int64_t seconds = unit == 's' ? n : unit == 'm' ? n * 60 : unit == 'h' ? n * 3600 : -1;
  if (seconds <= 0 || seconds > 366 * 24 * 3600) return Invalid(text);
  Schedule s;
  s.kind = Schedule::Kind::kEvery;
  s.every = std::chrono::seconds(seconds);
  return s;
}

Result<Schedule> ParseDaily(std::string_view text, std::string_view rest) {
  std::string_view time = rest.substr(0, rest.find(' '));
  std::string_view zone = time.size() < rest.size() ? rest.substr(time.size() + 1) : std::string_view();
  int64_t hh = -1, mm = -1;
  if (time.size() != 5 || time[2] != ':' || !ReadNumber(time.substr(0, 2), hh) ||
      !ReadNumber(time.substr(3, 2), mm) || hh > 23 || mm > 59)
    return Invalid(text);
  Schedule s;
  s.kind = Schedule::Kind::kDaily;
  s.hour = static_cast<int>(hh);
  s.minute = static_cast<int>(mm);
  s.zone = zone.empty() ? std::string(zones::kDefaultZone) : std::string(zone);
  if (!zones::IsKnownZone(s.zone)) return Invalid(text);
  return s;
}

}  // namespace

Result<Schedule> ParseSchedule(std::string_view text) {
  if (text.starts_with("every ")) return ParseEvery(text, text.substr(6));
  if (text.starts_with("daily ")) return ParseDaily(text, text.substr(6));
  return Invalid(text);
}

TimePoint NextRun(const Schedule& schedule, TimePoint after) {
  if (schedule.kind == Schedule::Kind::kEvery) return after + schedule.every;
  // Today's time in the zone, else the following days' (two days ahead covers any DST shift).
  zones::LocalDate day = zones::DateIn(after, schedule.zone);
  date::sys_days base = date::sys_days(date::year_month_day{
      date::year{day.year}, date::month{static_cast<unsigned>(day.month)}, date::day{static_cast<unsigned>(day.day)}});
  for (int i = 0; i < 3; ++i) {
    date::year_month_day ymd{base + date::days{i}};
    zones::LocalDateTime wall{{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                               static_cast<int>(static_cast<unsigned>(ymd.day()))},
                              schedule.hour, schedule.minute, 0};
    auto t = zones::ToUtc(wall, schedule.zone);
    if (t && *t > after) return *t;
  }
  return after + std::chrono::hours(24);  // not reached for a valid schedule
}

std::chrono::seconds Backoff(int failures, std::chrono::seconds base, std::chrono::seconds max) {
  if (failures < 1) failures = 1;
  std::chrono::seconds delay = base;
  for (int i = 1; i < failures && delay < max; ++i) delay *= 2;
  return delay < max ? delay : max;
}

}  // namespace kehu::jobs
