#include "core/time.h"

#include <date/date.h>

#include <charconv>
#include <cstdio>

namespace kehu {
namespace {

bool ReadInt(std::string_view s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (size_t i = pos; i < pos + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return std::from_chars(s.data() + pos, s.data() + pos + len, out).ec == std::errc();
}

std::optional<date::year_month_day> ReadDate(std::string_view s) {
  int y, m, d;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!ReadInt(s, 0, 4, y) || !ReadInt(s, 5, 2, m) || !ReadInt(s, 8, 2, d)) return std::nullopt;
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

}  // namespace

TimePoint Now() { return std::chrono::time_point_cast<std::chrono::milliseconds>(Clock::now()); }

// By hand rather than date::format: that goes through an ostringstream and the global locale,
// and every request formats a few of these (session checks, audit, access log).
std::string FormatIso(TimePoint t) {
  auto day = date::floor<date::days>(t);
  date::year_month_day ymd(day);
  date::hh_mm_ss<std::chrono::milliseconds> hms(t - day);
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                        static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                        static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return std::string(buf, static_cast<size_t>(n));
}

std::optional<TimePoint> ParseIso(std::string_view s) {
  auto ymd = ReadDate(s);
  if (!ymd || s.size() < 19 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  int hh, mm, ss;
  if (!ReadInt(s, 11, 2, hh) || !ReadInt(s, 14, 2, mm) || !ReadInt(s, 17, 2, ss)) return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  size_t pos = 19;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    size_t digits = pos - start;
    if (digits == 0 || digits > 9) return std::nullopt;
    int frac = 0;
    ReadInt(s, start, std::min<size_t>(digits, 3), frac);
    for (size_t i = digits; i < 3; ++i) frac *= 10;
    millis = frac;
  }
  int offset_minutes = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int oh, om;
    if (!ReadInt(s, pos + 1, 2, oh) || !ReadInt(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  auto days = date::sys_days(*ymd);
  auto t = std::chrono::time_point_cast<std::chrono::milliseconds>(days) + std::chrono::hours(hh) +
           std::chrono::minutes(mm - offset_minutes) + std::chrono::seconds(ss) +
           std::chrono::milliseconds(millis);
  return TimePoint(t);
}

bool IsValidDate(std::string_view s) { return s.size() == 10 && ReadDate(s).has_value(); }

}  // namespace kehu
