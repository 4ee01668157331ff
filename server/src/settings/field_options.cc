#include "settings/field_options.h"

#include <boost/json.hpp>

#include <regex>
#include <set>

#include "core/text/chinese_script.h"
#include "core/text/fold.h"
#include "core/text/utf8.h"
#include "core/time.h"
#include "records/audit.h"
#include "records/codec.h"

namespace kehu::settings {
namespace json = boost::json;
using meta::EnumOption;
using meta::OptionList;

namespace {

constexpr const char* kLanguages[] = {"zh-CN", "zh-TW", "en"};

json::object LabelsJson(const meta::Labels& labels) {
  json::object o;
  for (const auto& [lang, text] : labels) o[lang] = text;
  return o;
}

meta::Labels ParseStoredLabels(const std::string& text) {
  meta::Labels labels;
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return labels;
  for (const auto& [lang, label] : v.as_object())
    if (label.is_string()) labels[std::string(lang)] = std::string(label.as_string());
  return labels;
}

const meta::Field* EditableField(const meta::Registry& registry, const std::string& entity,
                                 const std::string& field) {
  const meta::Entity* e = registry.Find(entity);
  const meta::Field* f = e ? e->FindField(field) : nullptr;
  return f && f->runtime_options ? f : nullptr;
}

json::object EntryJson(const meta::Entity& e, const meta::Field& f) {
  json::array options;
  for (const auto& o : *f.Options())
    options.push_back({{"value", o.value}, {"labels", LabelsJson(o.labels)}, {"active", o.active},
                       {"builtIn", meta::FindOption(f.options, o.value) != nullptr}});
  return {{"entity", e.name},   {"entityLabels", LabelsJson(e.labels)}, {"field", f.name},
          {"labels", LabelsJson(f.labels)}, {"options", std::move(options)}};
}

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// A value for a new option: "custom<n>", the smallest n not taken.
std::string NewValue(const std::set<std::string>& taken) {
  for (int n = 1;; ++n)
    if (std::string v = "custom" + std::to_string(n); !taken.contains(v)) return v;
}

// One option of the request body; errors go to `errors` under "options[i]…".
std::optional<EnumOption> ParseOption(const json::value& item, size_t i, records::FieldErrors& errors) {
  std::string at = "options[" + std::to_string(i) + "]";
  if (!item.is_object()) {
    errors[at] = "wrong_type";
    return std::nullopt;
  }
  const auto& o = item.as_object();
  EnumOption opt;
  if (auto* v = o.if_contains("value"); v && !v->is_null()) {
    static const std::regex kValue("^[a-z][a-z0-9_]{0,39}$");
    if (!v->is_string() || !std::regex_match(std::string(v->as_string()), kValue)) {
      errors[at + ".value"] = "invalid_option_value";
      return std::nullopt;
    }
    opt.value = std::string(v->as_string());
  }
  if (auto* v = o.if_contains("active"); v && !v->is_null()) {
    if (!v->is_bool()) {
      errors[at + ".active"] = "wrong_type";
      return std::nullopt;
    }
    opt.active = v->as_bool();
  }
  const json::value* labels = o.if_contains("labels");
  for (const char* lang : kLanguages) {
    const json::value* l = labels && labels->is_object() ? labels->as_object().if_contains(lang) : nullptr;
    if (l && !l->is_null() && !l->is_string()) {
      errors[at + ".labels." + lang] = "wrong_type";
      continue;
    }
    std::string text = l && l->is_string() ? Trimmed(l->as_string()) : "";
    if (!text::IsValidUtf8(text)) errors[at + ".labels." + lang] = "invalid_utf8";
    else if (text::DecodeUtf8(text).size() > FieldOptions::kMaxLabelChars)
      errors[at + ".labels." + lang] = "too_long";
    else if (!text.empty()) opt.labels[lang] = text;
  }
  if (!opt.labels.contains("zh-CN")) errors.try_emplace(at + ".labels.zh-CN", "required");
  return opt;
}

// Fills defaults and checks the list as a whole against the current one.
Status CheckList(OptionList& next, const OptionList& current, records::FieldErrors& errors) {
  std::set<std::string> taken;
  for (const auto& o : current) taken.insert(o.value);
  std::set<std::string> seen, labels[3];
  bool any_active = false;
  for (size_t i = 0; i < next.size(); ++i) {
    EnumOption& o = next[i];
    std::string at = "options[" + std::to_string(i) + "]";
    const EnumOption* was = nullptr;
    if (o.value.empty()) taken.insert(o.value = NewValue(taken));
    else if (!(was = meta::FindOption(current, o.value))) errors[at + ".value"] = "unknown_option";
    if (!seen.insert(o.value).second) errors[at + ".value"] = "duplicate";
    // A language left out keeps the option's label; a new option's is derived from zh-CN.
    for (const char* lang : {"zh-TW", "en"})
      if (!o.labels.contains(lang) && was && was->labels.contains(lang)) o.labels[lang] = was->labels.at(lang);
    if (!o.labels.contains("zh-TW")) o.labels["zh-TW"] = text::ToTraditional(o.labels["zh-CN"]);
    if (!o.labels.contains("en")) o.labels["en"] = o.labels["zh-CN"];
    for (int l = 0; l < 3; ++l)
      if (!labels[l].insert(text::Fold(o.labels[kLanguages[l]])).second)
        errors[at + ".labels." + kLanguages[l]] = "duplicate_label";
    any_active = any_active || o.active;
  }
  for (const auto& o : current)
    if (!seen.contains(o.value)) errors["options"] = "option_removed";
  if (!any_active) errors["options"] = "no_active_option";
  if (!errors.empty()) {
    Error e = ValidationFailed();
    e.fields = errors;
    return e;
  }
  return Ok();
}

json::array AuditList(const OptionList& list) {
  json::array out;
  for (const auto& o : list)
    out.push_back({{"value", o.value}, {"label", o.labels.at("zh-CN")}, {"active", o.active}});
  return out;
}

}  // namespace

Result<int64_t> FieldOptions::RevisionSum(db::Session& s) const {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT COALESCE(SUM(revision), 0) FROM field_option_lists"));
  return db::AsInt(rows.rows[0][0]);
}

Status FieldOptions::LoadFrom(db::Session& s) {
  KEHU_ASSIGN(int64_t revision, RevisionSum(s));
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT entity, field, value, labels, active FROM field_options "
                                     "ORDER BY entity, field, sort_order"));
  std::map<const meta::Field*, OptionList> lists;
  for (const auto& r : rows.rows) {
    const meta::Field* f = EditableField(*registry_, db::AsText(r[0]), db::AsText(r[1]));
    if (!f) continue;  // a field no longer editable keeps its file's list
    lists[f].push_back({db::AsText(r[2]), ParseStoredLabels(db::AsText(r[3])), db::AsInt(r[4]) != 0});
  }
  for (auto& [f, list] : lists) {
    // Options added to the entity file after the list was saved join at the end.
    for (const auto& builtin : f->options)
      if (!meta::FindOption(list, builtin.value)) list.push_back(builtin);
    f->runtime_options->Set(std::move(list));
  }
  loaded_revision_ = revision;
  return Ok();
}

Status FieldOptions::Load() {
  return db_.Read([&](db::Session& s) { return LoadFrom(s); });
}

Status FieldOptions::RefreshIfChanged() {
  return db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(int64_t revision, RevisionSum(s));
    return revision == loaded_revision_ ? Ok() : LoadFrom(s);
  });
}

json::array FieldOptions::List() const {
  json::array out;
  for (const auto& e : registry_->entities())
    for (const auto& f : e.fields)
      if (f.runtime_options) out.push_back(EntryJson(e, f));
  return out;
}

Result<json::object> FieldOptions::Replace(const records::Actor& actor, const std::string& entity,
                                           const std::string& field, const json::object& body) {
  const meta::Field* f = EditableField(*registry_, entity, field);
  if (!f) return NotFound();
  for (const auto& [key, v] : body)
    if (key != "options") return InvalidInput("unknown_field").Arg("field", std::string(key));
  const json::value* items = body.if_contains("options");
  if (!items || !items->is_array()) return ValidationFailed().Field("options", items ? "wrong_type" : "required");
  if (items->as_array().size() > kMaxOptions) return ValidationFailed().Field("options", "too_many_options");
  records::FieldErrors errors;
  OptionList next;
  for (size_t i = 0; i < items->as_array().size(); ++i)
    if (auto opt = ParseOption(items->as_array()[i], i, errors)) next.push_back(std::move(*opt));
  auto current = f->Options();
  KEHU_TRY(CheckList(next, *current, errors));
  std::string now = NowIso();
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(s.Execute("DELETE FROM field_options WHERE entity = ? AND field = ?", {entity, field}));
    for (size_t i = 0; i < next.size(); ++i) {
      const auto& o = next[i];
      KEHU_TRY(s.Execute("INSERT INTO field_options (entity, field, value, labels, sort_order, active) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         {entity, field, o.value, json::serialize(LabelsJson(o.labels)),
                          static_cast<int64_t>(i), int64_t{o.active ? 1 : 0}}));
    }
    KEHU_TRY(s.Execute("INSERT INTO field_option_lists (entity, field, revision, updated_at, updated_by_id) "
                       "VALUES (?, ?, 1, ?, ?) ON CONFLICT (entity, field) DO UPDATE SET "
                       "revision = field_option_lists.revision + 1, updated_at = excluded.updated_at, "
                       "updated_by_id = excluded.updated_by_id",
                       {entity, field, now, actor.user_id ? db::Value(actor.user_id) : db::Value()}));
    return records::AppendAudit(s, actor, {entity, 0, "options_update",
                                           {{"field", field},
                                            {"from", AuditList(*current)},
                                            {"to", AuditList(next)}}});
  }));
  f->runtime_options->Set(next);
  KEHU_TRY(RefreshIfChanged());  // picks up the new revision (and anyone else's save)
  return EntryJson(*registry_->Find(entity), *f);
}

}  // namespace kehu::settings
