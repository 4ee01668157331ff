#include "imports/columns.h"

#include <boost/json.hpp>

#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace kehu::imports {
namespace json = boost::json;

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

const meta::Field* FindImportable(const std::vector<const meta::Field*>& importable,
                                  std::string_view name) {
  for (const meta::Field* f : importable)
    if (f->name == name) return f;
  return nullptr;
}

// The field whose API name or label (any language) has the header's key.
const meta::Field* AutoMatch(const std::vector<const meta::Field*>& importable,
                             const std::string& key) {
  if (key.empty()) return nullptr;
  for (const meta::Field* f : importable) {
    if (HeaderKey(f->name) == key) return f;
    for (const auto& [lang, label] : f->labels)
      if (HeaderKey(label) == key) return f;
  }
  return nullptr;
}

// The mapping entry for a header: exact text first, then the same key.
const std::optional<std::string>* MappingFor(const Mapping& mapping, const std::string& header) {
  if (auto it = mapping.find(header); it != mapping.end()) return &it->second;
  std::string key = HeaderKey(header);
  for (const auto& [text, target] : mapping)
    if (HeaderKey(text) == key) return &target;
  return nullptr;
}

}  // namespace

std::vector<const meta::Field*> ImportableFields(const meta::Entity& e, const records::Actor& actor) {
  std::vector<const meta::Field*> out;
  const meta::Field* owner = nullptr;
  for (const auto& f : e.fields) {
    bool settable = f.name == "ownerId" || (!f.system && !f.read_only);
    if (!settable || f.type == meta::FieldType::kFile) continue;
    if (actor.FieldRuleFor(e.name, f.name) != records::FieldRule::kEditable) continue;
    if (f.name == "ownerId") owner = &f;
    else out.push_back(&f);
  }
  if (owner) out.push_back(owner);  // the template starts with the entity's own fields
  return out;
}

std::string HeaderKey(std::string_view header) {
  std::string_view s = Trim(header);
  if (s.starts_with("*") || s.starts_with("＊")) s.remove_prefix(s.starts_with("*") ? 1 : 3);
  if (!text::IsValidUtf8(s)) return std::string(Trim(s));
  return std::string(Trim(text::Fold(Trim(s))));
}

std::string LabelIn(const meta::Labels& labels, const std::string& lang, const std::string& fallback) {
  for (const std::string& key : {lang, std::string("zh-CN")}) {
    auto it = labels.find(key);
    if (it != labels.end() && !it->second.empty()) return it->second;
  }
  return fallback;
}

std::string TemplateHeader(const meta::Field& f, const std::string& lang) {
  return (f.required ? "*" : "") + LabelIn(f.labels, lang, f.name);
}

Result<Mapping> ParseMapping(std::string_view json_text) {
  auto bad = [] { return InvalidInput("bad_parameter").Arg("parameter", "mapping"); };
  json::error_code ec;
  json::value v = json::parse(json_text, ec);
  if (ec || !v.is_object()) return bad();
  Mapping out;
  for (const auto& [header, target] : v.as_object()) {
    if (target.is_null()) out[std::string(header)] = std::nullopt;
    else if (target.is_string()) out[std::string(header)] = std::string(target.as_string());
    else return bad();
  }
  return out;
}

Result<std::vector<ImportColumn>> MatchColumns(const std::vector<const meta::Field*>& importable,
                                               const std::vector<std::string>& headers,
                                               const Mapping& mapping, const std::string& lang) {
  std::vector<ImportColumn> columns;
  std::map<std::string, size_t> used;  // field name -> column
  for (const std::string& header : headers) {
    ImportColumn col{header, nullptr};
    if (const auto* mapped = MappingFor(mapping, header)) {
      if (*mapped) {
        col.field = FindImportable(importable, **mapped);
        if (!col.field)
          return InvalidInput("bad_parameter").Arg("parameter", "mapping").Arg("field", **mapped);
      }
    } else {
      col.field = AutoMatch(importable, HeaderKey(header));
    }
    if (col.field && !used.emplace(col.field->name, columns.size()).second)
      return Error(ErrorKind::kValidation, "duplicate_column")
          .Arg("column", LabelIn(col.field->labels, lang, col.field->name))
          .Field(col.field->name, "duplicate_column");
    columns.push_back(std::move(col));
  }
  for (const meta::Field* f : importable)
    if (f->required && f->default_value.is_null() && !used.count(f->name))
      return Error(ErrorKind::kValidation, "missing_column")
          .Arg("column", LabelIn(f->labels, lang, f->name))
          .Field(f->name, "missing_column");
  return columns;
}

}  // namespace kehu::imports
