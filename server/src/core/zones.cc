#include "core/zones.h"

#include <date/tz.h>

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

}  // namespace kehu::zones
