#include "records/codec.h"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>
#include <regex>

#include "core/identifiers.h"
#include "core/regions.h"
#include "core/time.h"

namespace kehu::records {
namespace json = boost::json;
using meta::FieldType;

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool IsValidEmail(std::string_view s) {
  static const std::regex kEmail(R"(^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$)");
  return s.size() <= 254 && std::regex_match(s.begin(), s.end(), kEmail);
}

std::optional<std::string> NormalizePhone(std::string_view raw) {
  std::string s;
  for (char c : raw)
    if (c != ' ' && c != '(' && c != ')') s += c;
  if (s.empty()) return std::nullopt;
  static const std::regex kMobile(R"(^(?:\+86|0086|86)?-?(1[3-9]\d{9})$)");
  static const std::regex kLandline(R"(^0\d{2,3}-?\d{7,8}(?:(?:-|转|#|ext)\d{1,6})?$)");
  static const std::regex kHotline(R"(^[48]00-?\d{3}-?\d{4}$)");
  static const std::regex kInternational(R"(^\+(?:852|853|886|[1-9]\d{0,2})-?\d[\d-]{5,14}$)");
  std::smatch m;
  std::string undashed;
  for (char c : s)
    if (c != '-') undashed += c;
  if (std::regex_match(undashed, m, kMobile)) return "+86" + m[1].str();
  if (std::regex_match(s, kLandline) || std::regex_match(s, kHotline) ||
      std::regex_match(s, kInternational)) {
    // Other numbers are kept as typed (only trimmed): people write landlines in many ways.
    size_t b = raw.find_first_not_of(' '), e = raw.find_last_not_of(' ');
    return std::string(raw.substr(b, e - b + 1));
  }
  return std::nullopt;
}

namespace {

std::nullopt_t Fail(FieldErrors& errors, const meta::Field& f, const char* code) {
  errors[f.name] = code;
  return std::nullopt;
}

std::optional<int64_t> ParseMinorUnits(std::string_view s) {
  static const std::regex kAmount(R"(^-?\d{1,15}(\.\d{1,2})?$)");
  if (!std::regex_match(s.begin(), s.end(), kAmount)) return std::nullopt;
  bool neg = s.front() == '-';
  if (neg) s.remove_prefix(1);
  auto dot = s.find('.');
  int64_t major = 0, minor = 0;
  std::from_chars(s.data(), s.data() + (dot == std::string_view::npos ? s.size() : dot), major);
  if (dot != std::string_view::npos) {
    std::string frac(s.substr(dot + 1));
    if (frac.size() == 1) frac += '0';
    std::from_chars(frac.data(), frac.data() + frac.size(), minor);
  }
  int64_t v = major * 100 + minor;
  return neg ? -v : v;
}

std::optional<StoredValue> DecodeText(const meta::Field& f, const json::value& v, FieldErrors& errors) {
  if (!v.is_string()) return Fail(errors, f, "wrong_type");
  std::string s(v.as_string());
  if (!s.empty() && f.format == meta::TextFormat::kCreditCode) {
    auto code = ids::NormalizeCreditCode(s);  // before the length check: users type spaces
    if (!code) return Fail(errors, f, "invalid_credit_code");
    s = *code;
  }
  if (!s.empty() && f.format == meta::TextFormat::kPostalCode && !ids::IsValidPostalCode(s))
    return Fail(errors, f, "invalid_postal_code");
  if (f.max_length > 0 && Utf8Length(s) > static_cast<size_t>(f.max_length))
    return Fail(errors, f, "too_long");
  if (s.find('\0') != std::string::npos) return Fail(errors, f, "wrong_type");
  if (s.empty()) return StoredValue{std::monostate{}, {}};
  switch (f.type) {
    case FieldType::kEmail:
      if (!IsValidEmail(s)) return Fail(errors, f, "invalid_email");
      break;
    case FieldType::kPhone: {
      auto phone = NormalizePhone(s);
      if (!phone) return Fail(errors, f, "invalid_phone");
      s = *phone;
      break;
    }
    case FieldType::kUrl: {
      static const std::regex kUrl(R"(^(https?://)?[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$)", std::regex::icase);
      if (!std::regex_match(s, kUrl)) return Fail(errors, f, "invalid_url");
      break;
    }
    case FieldType::kEnum:
      if (!f.HasOption(s)) return Fail(errors, f, "invalid_option");
      break;
    case FieldType::kDate:
      if (!IsValidDate(s)) return Fail(errors, f, "invalid_date");
      break;
    case FieldType::kDateTime: {
      auto t = ParseIso(s);
      if (!t) return Fail(errors, f, "invalid_datetime");
      s = FormatIso(*t);
      break;
    }
    default:
      break;
  }
  return StoredValue{std::move(s), {}};
}

std::optional<StoredValue> DecodeMoney(const meta::Field& f, const json::value& v, FieldErrors& errors) {
  if (!v.is_object()) return Fail(errors, f, "wrong_type");
  const auto& o = v.as_object();
  const json::value* amount = o.if_contains("amount");
  const json::value* currency = o.if_contains("currency");
  std::optional<int64_t> minor;
  if (amount && amount->is_string()) minor = ParseMinorUnits(amount->as_string());
  else if (amount && amount->is_int64()) minor = amount->as_int64() * 100;
  else if (amount && amount->is_double()) {
    double d = amount->as_double() * 100;
    if (std::abs(d - std::round(d)) < 1e-6 && std::abs(d) < 1e17) minor = static_cast<int64_t>(std::round(d));
  }
  if (!minor) return Fail(errors, f, "invalid_amount");
  std::string cur = currency && currency->is_string() ? std::string(currency->as_string()) : "CNY";
  static const std::regex kCurrency("^[A-Z]{3}$");
  if (!std::regex_match(cur, kCurrency)) return Fail(errors, f, "invalid_currency");
  return StoredValue{*minor, cur};
}

// A region arrives as {"code":"110105"} (what the API returns, names ignored) or as the bare code;
// the names are taken from the division table, so stored names always match the code as chosen.
std::optional<StoredValue> DecodeRegion(const meta::Field& f, const json::value& v, FieldErrors& errors) {
  const json::value* code = &v;
  if (v.is_object()) code = v.as_object().if_contains("code");
  if (!code || !code->is_string()) return Fail(errors, f, "wrong_type");
  std::string c(code->as_string());
  auto names = regions::PathOf(c);
  if (!names) return Fail(errors, f, "invalid_region");
  std::string joined;
  for (const auto& n : *names) joined += (joined.empty() ? "" : "/") + n;
  return StoredValue{std::move(c), std::move(joined)};
}

std::optional<StoredValue> DecodeMultiEnum(const meta::Field& f, const json::value& v, FieldErrors& errors) {
  if (!v.is_array()) return Fail(errors, f, "wrong_type");
  json::array out;
  for (const auto& item : v.as_array()) {
    if (!item.is_string()) return Fail(errors, f, "wrong_type");
    if (!f.HasOption(item.as_string())) return Fail(errors, f, "invalid_option");
    out.push_back(item);
  }
  return StoredValue{json::serialize(out), {}};
}

}  // namespace

std::optional<StoredValue> DecodeInput(const meta::Field& f, const json::value& v, FieldErrors& errors) {
  if (v.is_null()) return StoredValue{std::monostate{}, std::monostate{}};
  switch (f.type) {
    case FieldType::kInteger: case FieldType::kRelation: case FieldType::kUser: case FieldType::kFile:
      if (v.is_int64()) return StoredValue{v.as_int64(), {}};
      if (v.is_uint64() && v.as_uint64() <= INT64_MAX) return StoredValue{static_cast<int64_t>(v.as_uint64()), {}};
      return Fail(errors, f, "wrong_type");
    case FieldType::kDecimal:
      if (v.is_number()) return StoredValue{v.to_number<double>(), {}};
      return Fail(errors, f, "wrong_type");
    case FieldType::kBoolean:
      if (v.is_bool()) return StoredValue{int64_t{v.as_bool() ? 1 : 0}, {}};
      return Fail(errors, f, "wrong_type");
    case FieldType::kMoney:
      return DecodeMoney(f, v, errors);
    case FieldType::kMultiEnum:
      return DecodeMultiEnum(f, v, errors);
    case FieldType::kRegion:
      return DecodeRegion(f, v, errors);
    default:
      return DecodeText(f, v, errors);
  }
}

Result<db::Value> DecodeFilterValue(const meta::Field& f, std::string_view raw) {
  auto bad = [&] { return InvalidInput("bad_filter_value").Arg("field", f.name); };
  switch (f.type) {
    case FieldType::kInteger: case FieldType::kRelation: case FieldType::kUser:
    case FieldType::kFile: case FieldType::kMoney: {
      int64_t n = 0;
      auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), n);
      if (ec != std::errc() || p != raw.data() + raw.size()) return bad();
      return db::Value(f.type == FieldType::kMoney ? n * 100 : n);
    }
    case FieldType::kDecimal: {
      char* end = nullptr;
      std::string s(raw);
      double d = std::strtod(s.c_str(), &end);
      if (s.empty() || *end != '\0' || !std::isfinite(d)) return bad();
      return db::Value(d);
    }
    case FieldType::kBoolean:
      if (raw == "true" || raw == "1") return db::Value(int64_t{1});
      if (raw == "false" || raw == "0") return db::Value(int64_t{0});
      return bad();
    case FieldType::kDateTime: {
      if (IsValidDate(raw)) return db::Value(std::string(raw) + "T00:00:00.000Z");
      auto t = ParseIso(raw);
      if (!t) return bad();
      return db::Value(FormatIso(*t));
    }
    case FieldType::kDate:
      if (!IsValidDate(raw)) return bad();
      return db::Value(std::string(raw));
    case FieldType::kRegion:
      if (raw.empty() || raw.size() > 9 || raw.find_first_not_of("0123456789") != raw.npos) return bad();
      return db::Value(std::string(raw));
    default:
      return db::Value(std::string(raw));
  }
}

json::value EncodeOutput(const meta::Field& f, const db::Value& v, const db::Value& companion) {
  const db::Value& currency = companion;
  if (db::IsNull(v)) return nullptr;
  switch (f.type) {
    case FieldType::kInteger: case FieldType::kRelation: case FieldType::kUser: case FieldType::kFile:
      return db::AsInt(v);
    case FieldType::kDecimal:
      return db::AsDouble(v);
    case FieldType::kBoolean:
      return db::AsInt(v) != 0;
    case FieldType::kMoney: {
      int64_t minor = db::AsInt(v);
      std::string sign = minor < 0 ? "-" : "";
      int64_t a = minor < 0 ? -minor : minor;
      char frac[4];
      std::snprintf(frac, sizeof frac, "%02lld", static_cast<long long>(a % 100));
      return json::object{{"amount", sign + std::to_string(a / 100) + "." + frac},
                          {"currency", db::IsNull(currency) ? "CNY" : db::AsText(currency)}};
    }
    case FieldType::kMultiEnum: {
      json::error_code ec;
      json::value arr = json::parse(db::AsText(v), ec);
      return ec ? json::value(json::array()) : arr;
    }
    case FieldType::kRegion: {
      json::array names;
      if (!db::IsNull(companion)) {
        std::string all = db::AsText(companion);
        for (size_t start = 0; start <= all.size();) {
          size_t slash = all.find('/', start);
          names.emplace_back(all.substr(start, slash == all.npos ? all.npos : slash - start));
          if (slash == all.npos) break;
          start = slash + 1;
        }
      }
      return json::object{{"code", db::AsText(v)}, {"names", std::move(names)}};
    }
    default:
      return json::value(db::AsText(v));
  }
}

}  // namespace kehu::records
