#include "core/zones.h"

#include <date/tz.h>

#include <charconv>
#include <cstdio>

namespace kehu::zones {
namespace {

const date::time_zone* Find(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

bool IsKnownZone(std::string_view name) { return !name.empty() && Find(name) != nullptr; }

LocalDate DateIn(TimePoint t, std::string_view name) {
  const date::time_zone* zone = Find(name);
  if (!zone) zone = Find(kDefaultZone);
  auto local = zone ? zone->to_local(t) : date::local_time<std::chrono::milliseconds>(t.time_since_epoch());
  date::year_month_day ymd{date::floor<date::days>(local)};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::string FormatDate(const LocalDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<TimePoint> ToUtc(const LocalDateTime& local, std::string_view name) {
  date::year_month_day ymd{date::year{local.date.year}, date::month{static_cast<unsigned>(local.date.month)},
                           date::day{static_cast<unsigned>(local.date.day)}};
  if (!ymd.ok() || local.hour < 0 || local.hour > 23 || local.minute < 0 || local.minute > 59 ||
      local.second < 0 || local.second > 59)
    return std::nullopt;
  const date::time_zone* zone = Find(name);
  if (!zone) zone = Find(kDefaultZone);
  auto wall = date::local_days{ymd} + std::chrono::hours(local.hour) + std::chrono::minutes(local.minute) +
              std::chrono::seconds(local.second);
  if (!zone) return TimePoint(std::chrono::milliseconds(wall.time_since_epoch()));
  // choose::earliest: the first of two occurrences; for a skipped time date/tz answers the
  // instant of the change itself.
  auto sys = zone->to_sys(wall, date::choose::earliest);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(sys);
}

LocalDateTime ToLocal(TimePoint t, std::string_view name) {
  const date::time_zone* zone = Find(name);
  if (!zone) zone = Find(kDefaultZone);
  auto local = zone ? zone->to_local(t) : date::local_time<std::chrono::milliseconds>(t.time_since_epoch());
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss hms{date::floor<std::chrono::seconds>(local - day)};
  return {{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
           static_cast<int>(static_cast<unsigned>(ymd.day()))},
          static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
          static_cast<int>(hms.seconds().count())};
}

std::string FormatLocal(const LocalDateTime& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", FormatDate(t.date).c_str(), t.hour, t.minute, t.second);
  return buf;
}

std::optional<LocalDateTime> ParseLocalDateTime(std::string_view s) {
  auto num = [&](size_t pos, size_t len, int& out) {
    if (pos + len > s.size()) return false;
    for (size_t i = pos; i < pos + len; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return std::from_chars(s.data() + pos, s.data() + pos + len, out).ec == std::errc();
  };
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  if (!IsValidDate(s.substr(0, 10)) || (s[10] != 'T' && s[10] != ' ') || s[13] != ':') return std::nullopt;
  LocalDateTime out;
  if (!num(0, 4, out.date.year) || !num(5, 2, out.date.month) || !num(8, 2, out.date.day) ||
      !num(11, 2, out.hour) || !num(14, 2, out.minute))
    return std::nullopt;
  if (s.size() == 19 && (s[16] != ':' || !num(17, 2, out.second))) return std::nullopt;
  if (out.hour > 23 || out.minute > 59 || out.second > 59) return std::nullopt;
  return out;
}

}  // namespace kehu::zones
