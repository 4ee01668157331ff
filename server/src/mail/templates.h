// Mail templates: a subject and a plain-text body per (template name, locale), written in mustache.
// Every name has a built-in text in zh-CN, zh-TW and en; admins may override any of them in the
// database (table mail_templates). Rendering is plain text: {{x}} inserts the value unescaped (no
// HTML entities in a text/plain mail), and a rendered subject is folded onto one line.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "db/database.h"

namespace kehu::mail {

struct TemplateText {
  std::string subject;
  std::string body;
};

// Limits for admin overrides (checked by ValidateTemplate).
constexpr size_t kMaxSubjectChars = 500;  // code points
constexpr size_t kMaxBodyBytes = 64 * 1024;

// The template names and locales that exist, in display order.
const std::vector<std::string>& TemplateNames();
const std::vector<std::string>& TemplateLocales();
bool IsTemplateName(std::string_view name);
bool IsTemplateLocale(std::string_view locale);
// "zh-CN" | "zh-TW" | "en" for a supported tag (case-insensitive, "zh-Hant" etc. folded), else
// zh-CN.
std::string NormalizeLocale(std::string_view locale);

// The parameters a template uses, for the admin UI (e.g. {"title","actor","url"}).
const std::vector<std::string>& TemplateParams(std::string_view name);
// Example values for previews.
boost::json::object SampleParams(std::string_view name, std::string_view locale);

// The built-in text, or nullptr for an unknown name or locale.
const TemplateText* BuiltinTemplate(std::string_view name, std::string_view locale);

// Renders subject and body with `params` (strings, numbers, booleans, arrays, objects). The
// subject's line breaks become spaces; in the body, runs of empty lines (left by sections that
// were skipped) shrink to one. kValidation "template_invalid" with the field(s) whose
// syntax is broken.
Result<TemplateText> Render(const TemplateText& t, const boost::json::object& params);

// Checks an admin's text: subject 1..kMaxSubjectChars code points on one line, body up to
// kMaxBodyBytes, both valid UTF-8 and valid mustache. kValidation with field errors otherwise.
Status ValidateTemplate(const TemplateText& t);

// `s` made safe as an error message argument: no braces (they would be read as placeholders),
// at most 200 bytes.
std::string ArgText(std::string_view s);

// The text used for (name, locale): the admin override if any, else the built-in.
// kNotFound "unknown_template" for an unknown name or locale.
Result<TemplateText> LoadTemplate(db::Session& s, std::string_view name, std::string_view locale);

}  // namespace kehu::mail
