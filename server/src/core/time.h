// Time as the API speaks it: UTC, ISO 8601 with milliseconds and 'Z' ("2026-11-22T08:00:00.000Z").
// Stored the same way in the database so text order is time order on every backend.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kehu {

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::time_point<Clock, std::chrono::milliseconds>;

TimePoint Now();
std::string FormatIso(TimePoint t);
inline std::string NowIso() { return FormatIso(Now()); }

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; returns nullopt for anything else or an
// impossible date.
std::optional<TimePoint> ParseIso(std::string_view s);

// Accepts exactly "YYYY-MM-DD" naming a real calendar day.
bool IsValidDate(std::string_view s);

}  // namespace kehu
