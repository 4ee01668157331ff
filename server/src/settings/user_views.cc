// Saved list views (场景) per user and entity.
#include <boost/json.hpp>

#include <optional>

#include "core/time.h"
#include "records/codec.h"
#include "settings/user_settings.h"

namespace kehu::settings {
namespace json = boost::json;
using db::Value;

struct UserSettings::ViewInput {
  std::string entity;
  std::optional<std::string> name, query;
  std::optional<Value> columns;  // JSON array text, or NULL
  std::optional<bool> is_default;
};

namespace {

constexpr const char* kColumns = "id, entity, name, query, columns, is_default, created_at, updated_at";

json::object ViewJson(const std::vector<Value>& r) {
  json::value columns = nullptr;
  if (!db::IsNull(r[4])) columns = json::parse(db::AsText(r[4]));
  return {{"id", db::AsInt(r[0])},      {"entity", db::AsText(r[1])},     {"name", db::AsText(r[2])},
          {"query", db::AsText(r[3])},  {"columns", std::move(columns)},   {"isDefault", db::AsInt(r[5]) != 0},
          {"createdAt", db::AsText(r[6])}, {"updatedAt", db::AsText(r[7])}};
}

Result<std::string> TextMember(const json::value& v, const char* key, size_t max, bool count_chars) {
  if (!v.is_string()) return InvalidInput("wrong_type").Field(key, "wrong_type");
  std::string s(v.as_string());
  size_t size = count_chars ? records::Utf8Length(s) : s.size();
  if (size > max) return ValidationFailed().Field(key, "too_long");
  return s;
}

Result<Value> ColumnsMember(const meta::Entity& e, const json::value& v) {
  if (v.is_null()) return Value();
  if (!v.is_array() || v.as_array().size() > 200) return InvalidInput("wrong_type").Field("columns", "wrong_type");
  for (const auto& c : v.as_array()) {
    if (!c.is_string()) return InvalidInput("wrong_type").Field("columns", "wrong_type");
    if (!e.FindField(c.as_string())) return ValidationFailed().Field("columns", "unknown_field");
  }
  return Value(json::serialize(v));
}

// A user has at most one default view per entity.
Status ClearDefault(db::Session& s, int64_t user_id, const std::string& entity) {
  KEHU_TRY(s.Execute("UPDATE user_views SET is_default = 0 WHERE user_id = ? AND entity = ?",
                     {Value(user_id), Value(entity)}));
  return Ok();
}

Status NameTaken(const Error& e) {
  if (e.code == "unique_violation") return ValidationFailed().Field("name", "duplicate");
  return e;
}

}  // namespace

Result<UserSettings::ViewInput> UserSettings::ParseView(const json::object& body, bool create,
                                                        const std::string& entity_hint) {
  ViewInput in;
  in.entity = entity_hint;
  if (create) {
    auto* entity = body.if_contains("entity");
    if (!entity) return ValidationFailed().Field("entity", "required");
    if (!entity->is_string()) return InvalidInput("wrong_type").Field("entity", "wrong_type");
    in.entity = std::string(entity->as_string());
  }
  const meta::Entity* e = registry_.Find(in.entity);
  if (!e) return ValidationFailed().Field("entity", "unknown_entity");
  for (const auto& [key, v] : body) {
    if (key == "entity") {
      if (!create) return InvalidInput("read_only_field").Field("entity", "read_only");
    } else if (key == "name") {
      KEHU_ASSIGN(std::string name, TextMember(v, "name", kMaxViewNameChars, true));
      if (name.find_first_not_of(" \t") == std::string::npos) return ValidationFailed().Field("name", "required");
      in.name = std::move(name);
    } else if (key == "query") {
      KEHU_ASSIGN(in.query, TextMember(v, "query", kMaxQueryBytes, false));
    } else if (key == "columns") {
      KEHU_ASSIGN(in.columns, ColumnsMember(*e, v));
    } else if (key == "isDefault") {
      if (!v.is_bool()) return InvalidInput("wrong_type").Field("isDefault", "wrong_type");
      in.is_default = v.as_bool();
    } else {
      return InvalidInput("unknown_field").Arg("field", std::string(key));
    }
  }
  if (create && !in.name) return ValidationFailed().Field("name", "required");
  return in;
}

Result<json::object> UserSettings::LoadView(db::Session& s, int64_t user_id, int64_t id) {
  KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns +
                                         " FROM user_views WHERE id = ? AND user_id = ?",
                                     {Value(id), Value(user_id)}));
  if (rows.empty()) return NotFound();
  return ViewJson(rows.rows[0]);
}

Result<json::array> UserSettings::ListViews(int64_t user_id, const std::string& entity) {
  if (!registry_.Find(entity)) return InvalidInput("unknown_entity").Arg("entity", entity);
  json::array out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns +
                                           " FROM user_views WHERE user_id = ? AND entity = ? "
                                           "ORDER BY is_default DESC, name, id",
                                       {Value(user_id), Value(entity)}));
    for (const auto& r : rows.rows) out.push_back(ViewJson(r));
    return Ok();
  }));
  return out;
}

Result<json::object> UserSettings::CreateView(int64_t user_id, const json::object& body) {
  KEHU_ASSIGN(ViewInput in, ParseView(body, true, ""));
  json::object out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    if (in.is_default.value_or(false)) KEHU_TRY(ClearDefault(s, user_id, in.entity));
    std::string now = NowIso();
    auto inserted = s.Query(
        "INSERT INTO user_views (user_id, entity, name, query, columns, is_default, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {Value(user_id), Value(in.entity), Value(*in.name), Value(in.query.value_or("")),
         in.columns.value_or(Value()), Value(int64_t{in.is_default.value_or(false)}), Value(now), Value(now)});
    if (!inserted.ok()) return NameTaken(inserted.error());
    KEHU_ASSIGN(out, LoadView(s, user_id, db::AsInt(inserted->rows[0][0])));
    return Ok();
  }));
  return out;
}

Result<json::object> UserSettings::UpdateView(int64_t user_id, int64_t id, const json::object& body) {
  json::object out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(json::object current, LoadView(s, user_id, id));
    KEHU_ASSIGN(ViewInput in, ParseView(body, false, std::string(current.at("entity").as_string())));
    if (in.is_default.value_or(false)) KEHU_TRY(ClearDefault(s, user_id, in.entity));
    std::string sets = "updated_at = ?";
    std::vector<Value> params{Value(NowIso())};
    auto set = [&](const char* column, Value v) {
      sets += std::string(", ") + column + " = ?";
      params.push_back(std::move(v));
    };
    if (in.name) set("name", Value(*in.name));
    if (in.query) set("query", Value(*in.query));
    if (in.columns) set("columns", *in.columns);
    if (in.is_default) set("is_default", Value(int64_t{*in.is_default}));
    params.emplace_back(id);
    auto updated = s.Execute("UPDATE user_views SET " + sets + " WHERE id = ?", params);
    if (!updated.ok()) return NameTaken(updated.error());
    KEHU_ASSIGN(out, LoadView(s, user_id, id));
    return Ok();
  }));
  return out;
}

Status UserSettings::DeleteView(int64_t user_id, int64_t id) {
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(int64_t n, s.Execute("DELETE FROM user_views WHERE id = ? AND user_id = ?", {Value(id), Value(user_id)}));
    return n == 0 ? Status(NotFound()) : Ok();
  });
}

}  // namespace kehu::settings
