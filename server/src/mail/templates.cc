#include "mail/templates.h"

#include <algorithm>
#include <boost/json.hpp>
#include <kainjow/mustache.hpp>
#include <map>

#include "core/text/utf8.h"

namespace kehu::mail {
namespace json = boost::json;
namespace ms = kainjow::mustache;
using db::Value;

namespace {

// Plain text: values go in as they are ("&" stays "&").
std::string NoEscape(const std::string& s) { return s; }

ms::data ToData(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string:
      return ms::data(std::string(v.get_string()));
    case json::kind::int64:
      return ms::data(std::to_string(v.get_int64()));
    case json::kind::uint64:
      return ms::data(std::to_string(v.get_uint64()));
    case json::kind::double_:
      return ms::data(json::serialize(v));
    case json::kind::bool_:
      return ms::data(v.get_bool());
    case json::kind::array: {
      ms::data list(ms::data::type::list);
      for (const auto& item : v.get_array()) list.push_back(ToData(item));
      return list;
    }
    case json::kind::object: {
      ms::data obj(ms::data::type::object);
      for (const auto& [k, item] : v.get_object()) {
        // An empty or null value counts as absent, so {{#comment}} sections vanish for it.
        if (item.is_null() || (item.is_string() && item.get_string().empty())) continue;
        obj.set(std::string(k), ToData(item));
      }
      return obj;
    }
    case json::kind::null:
      break;
  }
  return ms::data(false);
}

// Renders one text; false (with `error`) when the template does not parse.
bool RenderOne(const std::string& text, const ms::data& data, std::string& out) {
  ms::mustache tmpl(text);
  if (!tmpl.is_valid()) return false;
  tmpl.set_custom_escape(NoEscape);
  out = tmpl.render(data);
  return tmpl.is_valid();
}

// Sections that are left out ({{#comment}}…{{/comment}} without a comment) can leave runs of
// empty lines behind; a mail never needs more than one in a row.
std::string CollapseBlankLines(const std::string& s) {
  std::string out;
  int newlines = 0;
  for (char c : s) {
    if (c == '\r') continue;
    newlines = c == '\n' ? newlines + 1 : 0;
    if (newlines <= 2) out += c;
  }
  return out;
}

std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  return s;
}

bool ParsesAsMustache(const std::string& text) { return ms::mustache(text).is_valid(); }

}  // namespace

const std::vector<std::string>& TemplateNames() {
  static const std::vector<std::string> kNames = {"approval_requested", "approval_approved",
                                                  "approval_rejected", "reminder", "test"};
  return kNames;
}

const std::vector<std::string>& TemplateLocales() {
  static const std::vector<std::string> kLocales = {"zh-CN", "zh-TW", "en"};
  return kLocales;
}

bool IsTemplateName(std::string_view name) {
  const auto& n = TemplateNames();
  return std::find(n.begin(), n.end(), name) != n.end();
}

bool IsTemplateLocale(std::string_view locale) {
  const auto& l = TemplateLocales();
  return std::find(l.begin(), l.end(), locale) != l.end();
}

std::string NormalizeLocale(std::string_view locale) {
  std::string lower;
  for (char c : locale) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::replace(lower.begin(), lower.end(), '_', '-');
  if (lower == "zh-tw" || lower == "zh-hk" || lower == "zh-mo" || lower.rfind("zh-hant", 0) == 0)
    return "zh-TW";
  if (lower == "en" || lower.rfind("en-", 0) == 0) return "en";
  return "zh-CN";
}

const std::vector<std::string>& TemplateParams(std::string_view name) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kParams = {
      {"approval_requested", {"title", "actor", "entityLabel", "comment", "url"}},
      {"approval_approved", {"title", "actor", "entityLabel", "comment", "url"}},
      {"approval_rejected", {"title", "actor", "entityLabel", "comment", "url"}},
      {"reminder", {"title", "when", "comment", "url"}},
      {"test", {"host", "port", "actor"}},
  };
  static const std::vector<std::string> kNone;
  auto it = kParams.find(name);
  return it == kParams.end() ? kNone : it->second;
}

json::object SampleParams(std::string_view name, std::string_view locale) {
  bool en = locale == "en", tw = locale == "zh-TW";
  json::object p;
  p["title"] = en   ? "Beijing Wanglian Technology Co., Ltd."
               : tw ? "北京網聯科技有限公司"
                    : "北京网联科技有限公司";
  p["actor"] = en ? "Zhang Wei" : tw ? "張偉" : "张伟";
  p["entityLabel"] = en ? "customer" : "客户";
  if (tw) p["entityLabel"] = "客戶";
  p["comment"] = en   ? "Please check the credit code."
                 : tw ? "請核對信用代碼。"
                      : "请核对信用代码。";
  p["url"] = "https://crm.example.com/customers/42";
  p["when"] = "2026-01-05 09:30";
  p["host"] = "smtp.example.com";
  p["port"] = 465;
  if (name == "test") p.erase("comment");
  return p;
}

Result<TemplateText> Render(const TemplateText& t, const json::object& params) {
  ms::data data = ToData(json::value(params));
  TemplateText out;
  Error bad = Error(ErrorKind::kValidation, "template_invalid");
  bool ok = true;
  if (!RenderOne(t.subject, data, out.subject)) ok = false, bad.Field("subject", "template_syntax");
  if (!RenderOne(t.body, data, out.body)) ok = false, bad.Field("body", "template_syntax");
  if (!ok) return bad;
  out.subject = OneLine(out.subject);
  out.body = CollapseBlankLines(out.body);
  return out;
}

Status ValidateTemplate(const TemplateText& t) {
  Error e = ValidationFailed();
  if (!text::IsValidUtf8(t.subject))
    e.Field("subject", "invalid_utf8");
  else if (t.subject.find_first_not_of(" \t") == std::string::npos)
    e.Field("subject", "required");
  else if (text::DecodeUtf8(t.subject).size() > kMaxSubjectChars)
    e.Field("subject", "too_long");
  else if (t.subject.find_first_of("\r\n") != std::string::npos)
    e.Field("subject", "single_line");
  else if (!ParsesAsMustache(t.subject))
    e.Field("subject", "template_syntax");

  if (!text::IsValidUtf8(t.body))
    e.Field("body", "invalid_utf8");
  else if (t.body.find_first_not_of(" \t\r\n") == std::string::npos)
    e.Field("body", "required");
  else if (t.body.size() > kMaxBodyBytes)
    e.Field("body", "too_long");
  else if (!ParsesAsMustache(t.body))
    e.Field("body", "template_syntax");
  if (!e.fields.empty()) return e;
  return Ok();
}

std::string ArgText(std::string_view s) {
  std::string out = text::ToValidUtf8(s.substr(0, 200));
  for (char& c : out) {
    if (c == '{') c = '(';
    if (c == '}') c = ')';
  }
  return out;
}

Result<TemplateText> LoadTemplate(db::Session& s, std::string_view name, std::string_view locale) {
  const TemplateText* builtin = BuiltinTemplate(name, locale);
  if (!builtin) return Error(ErrorKind::kNotFound, "unknown_template").Arg("name", ArgText(name));
  KEHU_ASSIGN(db::Rows rows,
              s.Query("SELECT subject, body FROM mail_templates WHERE name = ? AND locale = ?",
                      {Value(std::string(name)), Value(std::string(locale))}));
  if (rows.empty()) return *builtin;
  return TemplateText{db::AsText(rows.rows[0][0]), db::AsText(rows.rows[0][1])};
}

}  // namespace kehu::mail
