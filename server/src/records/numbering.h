// Numbering rules (API.md "Numbering"): human numbers such as 客户代码 KH202611-00042 from a pattern
// of text, date and sequence segments — {yyyy} {yy} {MM} {dd} {seq:N} — with a counter that resets
// never, yearly, monthly or daily in the company's time zone. The entity's default rule comes from
// metadata ("numbering"); an admin's rule in the database replaces it.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "core/zones.h"
#include "db/database.h"
#include "metadata/entity.h"

namespace kehu::records {

struct NumberingRule {
  std::string pattern;
  std::string reset = "never";  // never | yearly | monthly | daily
};

// 422 with fields.pattern / fields.reset when the pattern has no or several {seq:N}, an unknown
// placeholder, N outside 1–12, a reset period its date segments cannot tell apart (daily without
// {dd} would issue KH-0001 twice), or renders longer than `max_length`.
Status ValidateRule(const NumberingRule& rule, int max_length);

// The counter's period for `date` under `reset`: "", "2026", "2026-11" or "2026-11-22".
std::string PeriodKey(const std::string& reset, const zones::LocalDate& date);
std::string RenderNumber(const std::string& pattern, const zones::LocalDate& date, int64_t seq);

// The rule in force for the entity (admin's, else metadata's), or nullopt if it has none.
Result<std::optional<NumberingRule>> LoadRule(db::Session& s, const meta::Entity& e);

// Takes the next number inside the caller's write transaction. Skips numbers already present in
// the numbered field (records created under an older pattern), so the result is unused.
Result<std::string> TakeNumber(db::Session& s, const meta::Entity& e, const NumberingRule& rule, TimePoint now);

// What TakeNumber would return now, without taking it (for the settings page).
Result<std::string> PeekNumber(db::Session& s, const meta::Entity& e, const NumberingRule& rule, TimePoint now);

}  // namespace kehu::records
