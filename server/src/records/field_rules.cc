#include "records/field_rules.h"

#include <boost/json.hpp>

#include "core/text/utf8.h"

namespace kehu::records {
namespace json = boost::json;

std::string MaskText(const meta::Field& f, const std::string& value) {
  std::u32string cps = text::DecodeUtf8(value);
  auto encode = [](const std::u32string& s) {
    std::string out;
    for (char32_t c : s) text::AppendUtf8(out, c);
    return out;
  };
  if (f.type == meta::FieldType::kPhone) {
    std::u32string digits = cps;
    if (digits.rfind(U"+86", 0) == 0) digits = digits.substr(3);
    if (digits.size() <= 7) return "****";
    return encode(digits.substr(0, 3)) + "****" + encode(digits.substr(digits.size() - 4));
  }
  if (f.type == meta::FieldType::kEmail) {
    auto at = value.find('@');
    if (at == std::string::npos || at == 0) return "***";
    return encode(cps.substr(0, 1)) + "***" + value.substr(at);
  }
  if (cps.empty()) return value;
  return encode(cps.substr(0, 1)) + "***";
}

void ShapeForActor(const Actor& actor, const meta::Entity& e, json::object& record) {
  auto rules = actor.field_rules.find(e.name);
  if (rules == actor.field_rules.end()) return;
  json::object* display = nullptr;
  if (auto* d = record.if_contains("_display"); d && d->is_object()) display = &d->as_object();
  for (const auto& [name, rule] : rules->second) {
    const meta::Field* f = e.FindField(name);
    if (!f || !record.contains(name)) continue;
    if (rule == FieldRule::kHidden) {
      record.erase(name);
      if (display) display->erase(name);
    } else if (rule == FieldRule::kMasked) {
      json::value& v = record[name];
      if (v.is_string()) v = MaskText(*f, std::string(v.as_string()));
      else if (!v.is_null()) v = nullptr;
      if (display) display->erase(name);
    }
  }
}

Status CheckQueryFields(const Actor& actor, const meta::Entity& e, const ListQuery& q) {
  auto restricted = [&](const meta::Field* f) {
    FieldRule r = actor.FieldRuleFor(e.name, f->name);
    return r == FieldRule::kHidden || r == FieldRule::kMasked;
  };
  for (const auto& f : q.filters)
    if (restricted(f.field)) return InvalidInput("unknown_field").Arg("field", f.field->name);
  for (const auto& s : q.sort)
    if (restricted(s.field)) return InvalidInput("unknown_sort_field").Arg("field", s.field->name);
  return Ok();
}

}  // namespace kehu::records
