#include "mail/template_store.h"

#include <boost/json.hpp>
#include <map>

#include "core/time.h"
#include "mail/templates.h"
#include "records/audit.h"

namespace kehu::mail {
namespace json = boost::json;
using db::Value;

namespace {

Status CheckKnown(const std::string& name, const std::string& locale) {
  if (!IsTemplateName(name) || !IsTemplateLocale(locale))
    return Error(ErrorKind::kNotFound, "unknown_template").Arg("name", ArgText(name));
  return Ok();
}

json::array ParamsJson(const std::string& name) {
  json::array params;
  for (const auto& p : TemplateParams(name)) params.emplace_back(p);
  return params;
}

// {"subject","body"} from a request; both required strings, nothing else.
Result<TemplateText> ParseText(const json::object& body, bool required) {
  TemplateText t;
  Error missing = ValidationFailed();
  for (const auto& [k, v] : body) {
    if (k != "subject" && k != "body")
      return InvalidInput("unknown_field").Arg("field", ArgText(k));
    if (!v.is_string()) return InvalidInput("wrong_type").Field(std::string(k), "wrong_type");
    (k == "subject" ? t.subject : t.body) = std::string(v.get_string());
  }
  if (required) {
    if (!body.contains("subject")) missing.Field("subject", "required");
    if (!body.contains("body")) missing.Field("body", "required");
    if (!missing.fields.empty()) return missing;
  }
  return t;
}

}  // namespace

Result<json::object> ListTemplates(db::Database& db) {
  std::map<std::pair<std::string, std::string>, std::string> overrides;  // -> updated_at
  KEHU_TRY(db.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT name, locale, updated_at FROM mail_templates"));
    for (const auto& r : rows.rows)
      overrides[{db::AsText(r[0]), db::AsText(r[1])}] = db::AsText(r[2]);
    return Ok();
  }));
  json::array items, names, locales;
  for (const auto& name : TemplateNames()) {
    names.emplace_back(name);
    for (const auto& locale : TemplateLocales()) {
      auto it = overrides.find({name, locale});
      items.push_back(json::object{
          {"name", name},
          {"locale", locale},
          {"overridden", it != overrides.end()},
          {"updatedAt", it != overrides.end() ? json::value(it->second) : json::value(nullptr)},
          {"params", ParamsJson(name)}});
    }
  }
  for (const auto& locale : TemplateLocales()) locales.emplace_back(locale);
  return json::object{
      {"items", std::move(items)}, {"names", std::move(names)}, {"locales", std::move(locales)}};
}

Result<json::object> GetTemplate(db::Database& db, const std::string& name,
                                 const std::string& locale) {
  KEHU_TRY(CheckKnown(name, locale));
  const TemplateText* builtin = BuiltinTemplate(name, locale);
  json::object out{
      {"name", name},
      {"locale", locale},
      {"subject", builtin->subject},
      {"body", builtin->body},
      {"overridden", false},
      {"updatedAt", nullptr},
      {"params", ParamsJson(name)},
      {"default", json::object{{"subject", builtin->subject}, {"body", builtin->body}}}};
  KEHU_TRY(db.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(
        db::Rows rows,
        s.Query(
            "SELECT subject, body, updated_at FROM mail_templates WHERE name = ? AND locale = ?",
            {Value(name), Value(locale)}));
    if (rows.empty()) return Ok();
    out["subject"] = db::AsText(rows.rows[0][0]);
    out["body"] = db::AsText(rows.rows[0][1]);
    out["updatedAt"] = db::AsText(rows.rows[0][2]);
    out["overridden"] = true;
    return Ok();
  }));
  return out;
}

Status PutTemplate(db::Database& db, const records::Actor& actor, const std::string& name,
                   const std::string& locale, const json::object& body) {
  KEHU_TRY(CheckKnown(name, locale));
  KEHU_ASSIGN(TemplateText t, ParseText(body, true));
  KEHU_TRY(ValidateTemplate(t));
  return db.Write([&](db::Session& s) -> Status {
    KEHU_TRY(s.Execute(
        "INSERT INTO mail_templates (name, locale, subject, body, updated_at, updated_by_id) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name, locale) DO UPDATE SET subject = "
        "excluded.subject, "
        "body = excluded.body, updated_at = excluded.updated_at, updated_by_id = "
        "excluded.updated_by_id",
        {Value(name), Value(locale), Value(t.subject), Value(t.body), Value(NowIso()),
         actor.user_id ? Value(actor.user_id) : Value()}));
    json::object changes{{"template", name}, {"locale", locale}, {"subject", t.subject}};
    return records::AppendAudit(s, actor, {"mail_templates", 0, "update", std::move(changes)});
  });
}

Status DeleteTemplate(db::Database& db, const records::Actor& actor, const std::string& name,
                      const std::string& locale) {
  KEHU_TRY(CheckKnown(name, locale));
  return db.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(int64_t removed,
                s.Execute("DELETE FROM mail_templates WHERE name = ? AND locale = ?",
                          {Value(name), Value(locale)}));
    if (removed == 0) return Ok();
    json::object changes{{"template", name}, {"locale", locale}};
    return records::AppendAudit(s, actor, {"mail_templates", 0, "reset", std::move(changes)});
  });
}

Result<json::object> PreviewTemplate(db::Database& db, const std::string& name,
                                     const std::string& locale, const json::object& body) {
  KEHU_TRY(CheckKnown(name, locale));
  KEHU_ASSIGN(TemplateText given, ParseText(body, false));
  TemplateText stored;
  KEHU_TRY(db.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(stored, LoadTemplate(s, name, locale));
    return Ok();
  }));
  if (body.contains("subject")) stored.subject = given.subject;
  if (body.contains("body")) stored.body = given.body;
  KEHU_TRY(ValidateTemplate(stored));
  KEHU_ASSIGN(TemplateText out, Render(stored, SampleParams(name, locale)));
  return json::object{{"subject", out.subject}, {"body", out.body}};
}

}  // namespace kehu::mail
