#include "metadata/registry.h"

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "metadata/region_prefix.h"

namespace kehu::meta {
namespace json = boost::json;
namespace fs = std::filesystem;
namespace {

const std::set<std::string> kLanguages = {"zh-CN", "zh-TW", "en"};

Error Bad(std::string what) {
  return Error(ErrorKind::kInvalidInput, "bad_metadata").Detail(std::move(what));
}

Result<Labels> ParseLabels(const json::value* v, const std::string& where) {
  if (!v || !v->is_object()) return Bad(where + ": labels missing");
  Labels out;
  for (const auto& [lang, text] : v->as_object()) {
    if (!text.is_string()) return Bad(where + ": label must be a string");
    out[std::string(lang)] = std::string(text.as_string());
  }
  for (const auto& lang : kLanguages)
    if (!out.count(lang) || out[lang].empty()) return Bad(where + ": label for " + lang + " missing");
  return out;
}

std::vector<std::string> StringList(const json::value* v) {
  std::vector<std::string> out;
  if (v && v->is_array())
    for (const auto& s : v->as_array())
      if (s.is_string()) out.emplace_back(s.as_string());
  return out;
}

Field SystemField(std::string name, FieldType type, Labels labels) {
  Field f;
  f.column = ToSnakeCase(name);
  f.name = std::move(name);
  f.type = type;
  f.labels = std::move(labels);
  f.read_only = true;
  f.system = true;
  return f;
}

void AddSystemFields(Entity& e) {
  std::vector<Field> sys;
  sys.push_back(SystemField("id", FieldType::kInteger, {{"zh-CN", "编号"}, {"zh-TW", "編號"}, {"en", "ID"}}));
  sys.push_back(SystemField("version", FieldType::kInteger, {{"zh-CN", "版本"}, {"zh-TW", "版本"}, {"en", "Version"}}));
  sys.push_back(SystemField("createdAt", FieldType::kDateTime, {{"zh-CN", "创建时间"}, {"zh-TW", "建立時間"}, {"en", "Created"}}));
  sys.push_back(SystemField("updatedAt", FieldType::kDateTime, {{"zh-CN", "更新时间"}, {"zh-TW", "更新時間"}, {"en", "Updated"}}));
  sys.push_back(SystemField("createdById", FieldType::kUser, {{"zh-CN", "创建人"}, {"zh-TW", "建立人"}, {"en", "Created by"}}));
  sys.push_back(SystemField("updatedById", FieldType::kUser, {{"zh-CN", "修改人"}, {"zh-TW", "修改人"}, {"en", "Updated by"}}));
  if (e.owned) {
    Field owner = SystemField("ownerId", FieldType::kUser, {{"zh-CN", "负责人"}, {"zh-TW", "負責人"}, {"en", "Owner"}});
    owner.read_only = false;  // settable on create; changed later by transfer
    sys.push_back(owner);
  }
  e.fields.insert(e.fields.begin(), sys.begin(), sys.end());
}

Result<Field> ParseField(const json::object& o, const std::string& where) {
  Field f;
  if (auto* n = o.if_contains("name"); n && n->is_string()) f.name = std::string(n->as_string());
  static const std::regex kName("^[a-z][A-Za-z0-9]{0,62}$");
  if (!std::regex_match(f.name, kName)) return Bad(where + ": bad field name '" + f.name + "'");
  std::string w = where + "." + f.name;
  auto* t = o.if_contains("type");
  auto type = t && t->is_string() ? ParseFieldType(t->as_string()) : std::nullopt;
  if (!type) return Bad(w + ": unknown type");
  f.type = *type;
  f.column = ToSnakeCase(f.name);
  KEHU_ASSIGN(f.labels, ParseLabels(o.if_contains("labels"), w));
  if (auto* v = o.if_contains("required")) f.required = v->is_bool() && v->as_bool();
  if (auto* v = o.if_contains("unique")) f.unique = v->is_bool() && v->as_bool();
  if (auto* v = o.if_contains("readOnly")) f.read_only = v->is_bool() && v->as_bool();
  if (auto* v = o.if_contains("maxLength"); v && v->is_int64()) f.max_length = static_cast<int>(v->as_int64());
  if (auto* v = o.if_contains("target"); v && v->is_string()) f.target = std::string(v->as_string());
  if (auto* v = o.if_contains("default")) f.default_value = *v;
  if (auto* v = o.if_contains("format")) {
    if (!v->is_string() || f.type != FieldType::kText) return Bad(w + ": format needs a text field");
    if (v->as_string() == "postalCode") f.format = TextFormat::kPostalCode;
    else if (v->as_string() == "creditCode") f.format = TextFormat::kCreditCode;
    else return Bad(w + ": unknown format '" + std::string(v->as_string()) + "'");
  }
  if (auto* opts = o.if_contains("options"); opts && opts->is_array()) {
    for (const auto& ov : opts->as_array()) {
      if (!ov.is_object() || !ov.as_object().contains("value") || !ov.at("value").is_string())
        return Bad(w + ": option needs a string value");
      EnumOption opt;
      opt.value = std::string(ov.at("value").as_string());
      KEHU_ASSIGN(opt.labels, ParseLabels(ov.as_object().if_contains("labels"), w + "." + opt.value));
      f.options.push_back(std::move(opt));
    }
  }
  if ((f.type == FieldType::kEnum || f.type == FieldType::kMultiEnum) && f.options.empty())
    return Bad(w + ": enum without options");
  if (auto* v = o.if_contains("editableOptions"); v && v->is_bool() && v->as_bool()) {
    if (f.type != FieldType::kEnum && f.type != FieldType::kMultiEnum)
      return Bad(w + ": editableOptions needs an enum field");
    f.runtime_options = std::make_shared<RuntimeOptions>();
  }
  if (f.type == FieldType::kRelation && f.target.empty()) return Bad(w + ": relation without target");
  if (f.max_length == 0) {
    if (f.type == FieldType::kLongText) f.max_length = 20000;
    else if (f.IsTextual()) f.max_length = 255;
  }
  return f;
}

}  // namespace

Result<Entity> Registry::ParseEntity(std::string_view json_text) {
  json::error_code ec;
  json::value doc = json::parse(json_text, ec);
  if (ec || !doc.is_object()) return Bad("not a JSON object: " + ec.message());
  const auto& o = doc.as_object();
  Entity e;
  if (auto* n = o.if_contains("name"); n && n->is_string()) e.name = std::string(n->as_string());
  static const std::regex kEntityName("^[a-z][a-z0-9-]{0,62}$");
  if (!std::regex_match(e.name, kEntityName)) return Bad("bad entity name '" + e.name + "'");
  e.table = ToSnakeCase(e.name);
  KEHU_ASSIGN(e.labels, ParseLabels(o.if_contains("labels"), e.name));
  if (auto* v = o.if_contains("owned")) e.owned = !v->is_bool() || v->as_bool();
  if (auto* v = o.if_contains("titleField"); v && v->is_string()) e.title_field = std::string(v->as_string());
  if (auto* v = o.if_contains("defaultSort"); v && v->is_string()) e.default_sort = std::string(v->as_string());
  e.search_fields = StringList(o.if_contains("searchFields"));
  e.list_columns = StringList(o.if_contains("listColumns"));
  e.brief_fields = StringList(o.if_contains("briefFields"));
  e.duplicate_fields = StringList(o.if_contains("duplicateCheck"));
  if (auto* n = o.if_contains("numbering")) {
    auto text = [&](const char* key) -> std::string {
      auto* v = n->is_object() ? n->as_object().if_contains(key) : nullptr;
      return v && v->is_string() ? std::string(v->as_string()) : "";
    };
    e.numbering_field = text("field");
    e.numbering_pattern = text("pattern");
    e.numbering_reset = text("reset").empty() ? "never" : text("reset");
    if (e.numbering_field.empty() || e.numbering_pattern.empty()) return Bad(e.name + ": numbering needs field and pattern");
  }
  if (auto* secs = o.if_contains("sections"); secs && secs->is_array()) {
    for (const auto& sv : secs->as_array()) {
      if (!sv.is_object() || !sv.as_object().contains("name") || !sv.at("name").is_string())
        return Bad(e.name + ": section needs a name");
      Section sec;
      sec.name = std::string(sv.at("name").as_string());
      KEHU_ASSIGN(sec.labels, ParseLabels(sv.as_object().if_contains("labels"), e.name + ".sections." + sec.name));
      sec.fields = StringList(sv.as_object().if_contains("fields"));
      e.sections.push_back(std::move(sec));
    }
  }
  if (auto* idx = o.if_contains("indexes"); idx && idx->is_array())
    for (const auto& one : idx->as_array()) e.indexes.push_back(StringList(&one));
  AddSystemFields(e);
  auto* fields = o.if_contains("fields");
  if (!fields || !fields->is_array() || fields->as_array().empty()) return Bad(e.name + ": no fields");
  std::set<std::string> seen;
  for (const auto& f : e.fields) seen.insert(f.name);
  for (const auto& fv : fields->as_array()) {
    if (!fv.is_object()) return Bad(e.name + ": field must be an object");
    KEHU_ASSIGN(Field f, ParseField(fv.as_object(), e.name));
    if (!seen.insert(f.name).second) return Bad(e.name + ": duplicate or reserved field " + f.name);
    e.fields.push_back(std::move(f));
  }
  auto check = [&](const std::string& name, const char* what) -> Status {
    if (!e.FindField(name)) return Bad(e.name + ": " + what + " names unknown field " + name);
    return Ok();
  };
  if (e.title_field.empty()) return Bad(e.name + ": titleField missing");
  KEHU_TRY(check(e.title_field, "titleField"));
  for (const auto& s : e.search_fields) KEHU_TRY(check(s, "searchFields"));
  for (const auto& s : e.list_columns) KEHU_TRY(check(s, "listColumns"));
  if (e.brief_fields.empty()) {
    e.brief_fields = {e.title_field, "updatedAt"};
    if (e.owned) e.brief_fields.push_back("ownerId");
  }
  for (const auto& s : e.brief_fields) KEHU_TRY(check(s, "briefFields"));
  // An index names fields, or a region field's province or city ("region.province").
  for (const auto& idx : e.indexes)
    for (const auto& s : idx)
      if (!ParseIndexPart(e, s).field) return Bad(e.name + ": indexes names unknown field " + s);
  for (const auto& s : e.duplicate_fields) KEHU_TRY(check(s, "duplicateCheck"));
  if (!e.numbering_field.empty()) {
    KEHU_TRY(check(e.numbering_field, "numbering"));
    const Field* f = e.FindField(e.numbering_field);
    if (f->type != FieldType::kText || !f->unique) return Bad(e.name + ": numbering needs a unique text field");
  }
  std::set<std::string> placed;
  for (const auto& sec : e.sections)
    for (const auto& s : sec.fields) {
      KEHU_TRY(check(s, "sections"));
      if (!placed.insert(s).second) return Bad(e.name + ": field " + s + " is in two sections");
    }
  std::string sort = e.default_sort.starts_with('-') ? e.default_sort.substr(1) : e.default_sort;
  KEHU_TRY(check(sort, "defaultSort"));
  return e;
}

Status Registry::Validate() const {
  for (const auto& e : entities_)
    for (const auto& f : e.fields)
      if (f.type == FieldType::kRelation && !Find(f.target))
        return Bad(e.name + "." + f.name + ": relation target '" + f.target + "' is not an entity");
  return Ok();
}

Result<std::shared_ptr<const Registry>> Registry::LoadDirectory(const std::string& dir) {
  auto reg = std::make_shared<Registry>();
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (ec || files.empty()) return Bad("no entity files in " + dir);
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream buf;
    buf << in.rdbuf();
    auto entity = ParseEntity(buf.str());
    if (!entity.ok()) {
      Error e = std::move(entity).error();
      return e.Detail(path.filename().string() + ": " + e.detail);
    }
    if (reg->Find(entity->name)) return Bad("entity " + entity->name + " defined twice");
    reg->entities_.push_back(std::move(entity).value());
  }
  KEHU_TRY(reg->Validate());
  return std::shared_ptr<const Registry>(std::move(reg));
}

const Entity* Registry::Find(std::string_view name) const {
  for (const auto& e : entities_)
    if (e.name == name) return &e;
  return nullptr;
}

std::vector<std::pair<const Entity*, const Field*>> Registry::RelationsTo(std::string_view name) const {
  std::vector<std::pair<const Entity*, const Field*>> out;
  for (const auto& e : entities_)
    for (const auto& f : e.fields)
      if (f.type == FieldType::kRelation && f.target == name) out.emplace_back(&e, &f);
  return out;
}

std::string FindResourceRoot(const std::string& argv0) {
  if (const char* home = std::getenv("KEHU_HOME"); home && *home) return home;
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::path(argv0), ec).parent_path();
  if (auto self = fs::read_symlink("/proc/self/exe", ec); !ec) p = self.parent_path();
  for (int i = 0; i < 5 && !p.empty(); ++i, p = p.parent_path())
    if (fs::exists(p / "metadata" / "entities")) return p.string();
  return fs::current_path().string();
}

}  // namespace kehu::meta
