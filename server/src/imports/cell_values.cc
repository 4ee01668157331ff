#include "imports/cell_values.h"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>
#include <regex>

#include "core/regions.h"
#include "core/time.h"
#include "imports/columns.h"

namespace kehu::imports {
namespace json = boost::json;
using meta::FieldType;

namespace {

std::string_view Trim(std::string_view s) {
  auto space = [](std::string_view t, bool front) {
    if (t.empty()) return size_t{0};
    if (front ? t.starts_with("　") : t.ends_with("　")) return size_t{3};  // full-width space
    unsigned char c = static_cast<unsigned char>(front ? t.front() : t.back());
    return size_t{c <= ' ' ? 1u : 0u};
  };
  for (size_t n; (n = space(s, true));) s.remove_prefix(n);
  for (size_t n; (n = space(s, false));) s.remove_suffix(n);
  return s;
}

std::nullopt_t Fail(records::FieldErrors& errors, const meta::Field& f, const char* code) {
  errors[f.name] = code;
  return std::nullopt;
}

struct DateParts {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  bool has_time = false;
};

std::optional<DateParts> ParseDateTimeParts(std::string_view cell) {
  static const std::regex kDate(
      R"(^(\d{4})(?:-|/|\.|年)(\d{1,2})(?:-|/|\.|月)(\d{1,2})(?:日)?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$)");
  std::cmatch m;
  if (!std::regex_match(cell.begin(), cell.end(), m, kDate)) return std::nullopt;
  DateParts p;
  p.y = std::stoi(m[1].str());
  p.mo = std::stoi(m[2].str());
  p.d = std::stoi(m[3].str());
  if (m[4].matched) {
    p.has_time = true;
    p.h = std::stoi(m[4].str());
    p.mi = std::stoi(m[5].str());
    if (m[6].matched) p.s = std::stoi(m[6].str());
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", p.y, p.mo, p.d);
  if (!IsValidDate(buf) || p.h > 23 || p.mi > 59 || p.s > 59) return std::nullopt;
  return p;
}

std::optional<std::string> ParseDateTimeCell(std::string_view cell) {
  if (auto t = ParseIso(cell)) return FormatIso(*t);
  auto p = ParseDateTimeParts(cell);
  if (!p) return std::nullopt;
  // China has one zone without daylight saving; a time typed without a zone is China time.
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", p->y, p->mo, p->d, p->h,
                p->mi, p->s);
  auto t = ParseIso(buf);
  if (!t) return std::nullopt;
  return FormatIso(*t);
}

std::optional<bool> ParseBoolean(std::string_view cell) {
  std::string lower;
  for (char c : cell) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* yes : {"是", "true", "1", "y", "yes", "√"})
    if (lower == yes) return true;
  for (const char* no : {"否", "false", "0", "n", "no", "×"})
    if (lower == no) return false;
  return std::nullopt;
}

// Digits with optional thousands separators and sign; "" when not a plain number.
std::string PlainNumber(std::string_view cell) {
  std::string out;
  for (char c : cell)
    if (c != ',' && c != ' ') out += c;
  static const std::regex kNumber(R"(^-?\d+(\.\d+)?$)");
  return std::regex_match(out, kNumber) ? out : "";
}

std::optional<json::value> Money(std::string_view cell) {
  for (std::string_view prefix : {"¥", "￥", "CNY", "RMB"})
    if (cell.starts_with(prefix)) cell = Trim(cell.substr(prefix.size()));
  for (std::string_view suffix : {"元", "CNY", "RMB"})
    if (cell.ends_with(suffix)) cell = Trim(cell.substr(0, cell.size() - suffix.size()));
  std::string n = PlainNumber(cell);
  if (n.empty()) return std::nullopt;
  // Excel may store 1234.5 as 1234.4999999; keep two decimals as the cell shows them.
  if (auto dot = n.find('.'); dot != std::string::npos && n.size() - dot > 3) {
    double v = std::strtod(n.c_str(), nullptr);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    if (std::fabs(v * 100 - std::round(v * 100)) > 1e-6) return std::nullopt;
    n = buf;
  }
  return json::value(json::object{{"amount", n}});
}

std::optional<json::value> Region(std::string_view cell) {
  if (cell.find_first_not_of("0123456789") == std::string_view::npos)
    return json::value(std::string(cell));
  if (cell.starts_with("{")) {  // the JSON an export wrote for a region
    json::error_code ec;
    json::value v = json::parse(cell, ec);
    if (!ec && v.is_object() && v.as_object().contains("code")) return v.as_object().at("code");
  }
  auto code = regions::CodeOfNames(cell);
  if (!code) return std::nullopt;
  return json::value(*code);
}

}  // namespace

std::optional<std::string> ParseDateCell(std::string_view cell) {
  auto p = ParseDateTimeParts(Trim(cell));
  if (!p || p->h || p->mi || p->s) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", p->y, p->mo, p->d);
  return std::string(buf);
}

std::optional<std::string> CellDecoder::Option(const meta::Field& f, std::string_view cell) {
  // One snapshot per import, so a list an admin saves mid-import cannot mix two versions.
  auto [snapshot, taken] = option_lists_.try_emplace(&f, f.Options());
  const meta::OptionList& list = *snapshot->second;
  for (const auto& o : list) {
    if (o.value == cell) return o.value;
    for (const auto& [lang, label] : o.labels)
      if (label == cell) return o.value;
  }
  auto [it, fresh] = option_keys_.try_emplace(&f);
  if (fresh) {
    for (const auto& o : list) {
      it->second.emplace(HeaderKey(o.value), o.value);
      for (const auto& [lang, label] : o.labels) it->second.emplace(HeaderKey(label), o.value);
    }
  }
  auto match = it->second.find(HeaderKey(cell));
  if (match == it->second.end()) return std::nullopt;
  return match->second;
}

std::optional<json::value> CellDecoder::Decode(const meta::Field& f, std::string_view raw,
                                               records::FieldErrors& errors) {
  std::string_view cell = f.type == FieldType::kLongText ? raw : Trim(raw);
  if (Trim(cell).empty()) return std::nullopt;
  switch (f.type) {
    case FieldType::kEnum: {
      auto v = Option(f, cell);
      if (!v) return Fail(errors, f, "invalid_option");
      return json::value(*v);
    }
    case FieldType::kMultiEnum: {
      static const std::regex kSeparators("\\s*(,|，|;|；|、)\\s*");
      json::array values;
      std::string text(cell);
      for (std::sregex_token_iterator it(text.begin(), text.end(), kSeparators, -1), end; it != end;
           ++it) {
        std::string item = std::string(Trim(it->str()));
        if (item.empty()) continue;
        auto v = Option(f, item);
        if (!v) return Fail(errors, f, "invalid_option");
        values.emplace_back(*v);
      }
      return json::value(std::move(values));
    }
    case FieldType::kBoolean: {
      auto b = ParseBoolean(cell);
      if (!b) return Fail(errors, f, "invalid_boolean");
      return json::value(*b);
    }
    case FieldType::kDate: {
      auto d = ParseDateCell(cell);
      if (!d) return Fail(errors, f, "invalid_date");
      return json::value(*d);
    }
    case FieldType::kDateTime: {
      auto t = ParseDateTimeCell(cell);
      if (!t) return Fail(errors, f, "invalid_datetime");
      return json::value(*t);
    }
    case FieldType::kMoney: {
      auto m = Money(cell);
      if (!m) return Fail(errors, f, "invalid_amount");
      return m;
    }
    case FieldType::kInteger: {
      std::string n = PlainNumber(cell);
      if (n.empty() || n.find('.') != std::string::npos || n.size() > 18)
        return Fail(errors, f, "invalid_number");
      return json::value(std::stoll(n));
    }
    case FieldType::kDecimal: {
      std::string n = PlainNumber(cell);
      if (n.empty() || n.size() > 30) return Fail(errors, f, "invalid_number");
      return json::value(std::strtod(n.c_str(), nullptr));
    }
    case FieldType::kRegion: {
      // Matching names costs ~70k instructions; a file names the same few thousand districts.
      if (regions_.size() > 100'000) regions_.clear();  // a bound, not a cache policy
      auto [it, fresh] = regions_.try_emplace(std::string(cell));
      if (fresh) it->second = Region(cell);
      if (!it->second) return Fail(errors, f, "invalid_region");
      return it->second;
    }
    default:
      return json::value(std::string(cell));
  }
}

}  // namespace kehu::imports
