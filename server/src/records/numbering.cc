#include "records/numbering.h"

#include <charconv>
#include <regex>

namespace kehu::records {
using db::Value;
namespace {

struct Segments {
  bool year = false, month = false, day = false;
  int seq_count = 0;
  int seq_width = 0;
  bool unknown = false;
};

Segments Scan(const std::string& pattern) {
  Segments s;
  static const std::regex kPlaceholder(R"(\{([^}]*)\})");
  for (std::sregex_iterator it(pattern.begin(), pattern.end(), kPlaceholder), end; it != end; ++it) {
    std::string name = (*it)[1];
    if (name == "yyyy" || name == "yy") s.year = true;
    else if (name == "MM") s.month = true;
    else if (name == "dd") s.day = true;
    else if (name.rfind("seq:", 0) == 0) {
      ++s.seq_count;
      int w = 0;
      auto [p, ec] = std::from_chars(name.data() + 4, name.data() + name.size(), w);
      s.seq_width = ec == std::errc() && p == name.data() + name.size() ? w : -1;
    } else {
      s.unknown = true;
    }
  }
  return s;
}

std::string Pad(int64_t v, int width) {
  std::string digits = std::to_string(v);
  return digits.size() >= static_cast<size_t>(width) ? digits : std::string(width - digits.size(), '0') + digits;
}

const std::string& Zone() {
  static const std::string zone(zones::kDefaultZone);  // the company's zone until settings have one
  return zone;
}

Result<bool> NumberInUse(db::Session& s, const meta::Entity& e, const std::string& number) {
  const meta::Field* f = e.FindField(e.numbering_field);
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM " + e.table + " WHERE " + f->column + " = ? LIMIT 1", {Value(number)}));
  return !rows.empty();
}

}  // namespace

Status ValidateRule(const NumberingRule& rule, int max_length) {
  if (rule.reset != "never" && rule.reset != "yearly" && rule.reset != "monthly" && rule.reset != "daily")
    return ValidationFailed().Field("reset", "invalid_option");
  if (rule.pattern.empty()) return ValidationFailed().Field("pattern", "required");
  if (rule.pattern.size() > 100) return ValidationFailed().Field("pattern", "too_long");
  Segments s = Scan(rule.pattern);
  if (s.unknown) return ValidationFailed().Field("pattern", "unknown_placeholder");
  if (s.seq_count != 1) return ValidationFailed().Field("pattern", "one_sequence_required");
  if (s.seq_width < 1 || s.seq_width > 12) return ValidationFailed().Field("pattern", "bad_sequence_width");
  bool enough = rule.reset == "never" || (rule.reset == "yearly" && s.year) ||
                (rule.reset == "monthly" && s.year && s.month) || (rule.reset == "daily" && s.year && s.month && s.day);
  if (!enough) return ValidationFailed().Field("reset", "pattern_lacks_date");
  std::string longest = RenderNumber(rule.pattern, {2026, 12, 31}, 999'999'999'999);
  if (max_length > 0 && static_cast<int>(longest.size()) > max_length)
    return ValidationFailed().Field("pattern", "too_long");
  return Ok();
}

std::string PeriodKey(const std::string& reset, const zones::LocalDate& d) {
  if (reset == "yearly") return std::to_string(d.year);
  if (reset == "monthly") return std::to_string(d.year) + "-" + Pad(d.month, 2);
  if (reset == "daily") return std::to_string(d.year) + "-" + Pad(d.month, 2) + "-" + Pad(d.day, 2);
  return "";
}

std::string RenderNumber(const std::string& pattern, const zones::LocalDate& d, int64_t seq) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += pattern[i++];
      continue;
    }
    std::string name = pattern.substr(i + 1, close - i - 1);
    if (name == "yyyy") out += std::to_string(d.year);
    else if (name == "yy") out += Pad(d.year % 100, 2);
    else if (name == "MM") out += Pad(d.month, 2);
    else if (name == "dd") out += Pad(d.day, 2);
    else if (name.rfind("seq:", 0) == 0) out += Pad(seq, std::atoi(name.c_str() + 4));
    i = close + 1;
  }
  return out;
}

Result<std::optional<NumberingRule>> LoadRule(db::Session& s, const meta::Entity& e) {
  if (e.numbering_field.empty()) return std::optional<NumberingRule>();
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT pattern, reset FROM numbering_rules WHERE entity = ?", {Value(e.name)}));
  if (!rows.empty()) return std::optional<NumberingRule>(NumberingRule{db::AsText(rows.rows[0][0]), db::AsText(rows.rows[0][1])});
  return std::optional<NumberingRule>(NumberingRule{e.numbering_pattern, e.numbering_reset});
}

Result<std::string> TakeNumber(db::Session& s, const meta::Entity& e, const NumberingRule& rule, TimePoint now) {
  zones::LocalDate today = zones::DateIn(now, Zone());
  std::string period = PeriodKey(rule.reset, today);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    KEHU_ASSIGN(db::Rows rows, s.Query("INSERT INTO numbering_counters (entity, period, value) VALUES (?, ?, 1) "
                                       "ON CONFLICT (entity, period) DO UPDATE SET value = numbering_counters.value + 1 "
                                       "RETURNING value",
                                       {Value(e.name), Value(period)}));
    std::string number = RenderNumber(rule.pattern, today, db::AsInt(rows.rows[0][0]));
    KEHU_ASSIGN(bool used, NumberInUse(s, e, number));
    if (!used) return number;
  }
  return Conflict("numbering_exhausted");
}

Result<std::string> PeekNumber(db::Session& s, const meta::Entity& e, const NumberingRule& rule, TimePoint now) {
  zones::LocalDate today = zones::DateIn(now, Zone());
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT value FROM numbering_counters WHERE entity = ? AND period = ?",
                                     {Value(e.name), Value(PeriodKey(rule.reset, today))}));
  int64_t next = rows.empty() ? 1 : db::AsInt(rows.rows[0][0]) + 1;
  return RenderNumber(rule.pattern, today, next);
}

}  // namespace kehu::records
