// Roles and their grants: per entity ("*" = every entity) and action, a data scope.
#include <boost/json.hpp>

#include <regex>

#include "auth/org_service.h"
#include "core/time.h"
#include "records/audit.h"
#include "records/scope.h"

namespace kehu::auth {
namespace json = boost::json;
using db::Value;

Status OrgService::SaveGrants(db::Session& s, const char* table, const char* owner_column, int64_t owner,
                              const json::value& grants, bool replace) {
  if (!grants.is_object()) return InvalidInput("wrong_type").Field("grants", "wrong_type");
  // Validate everything before writing anything.
  for (const auto& [entity, actions] : grants.as_object()) {
    if (entity != "*" && !registry_.Find(entity)) return ValidationFailed().Field("grants", "unknown_entity");
    if (!actions.is_object()) return InvalidInput("wrong_type").Field("grants", "wrong_type");
    for (const auto& [action, scope] : actions.as_object()) {
      if (!records::IsActionName(action)) return ValidationFailed().Field("grants", "unknown_action");
      if (!scope.is_string() || !records::ParseScope(scope.as_string()))
        return ValidationFailed().Field("grants", "unknown_scope");
    }
  }
  std::string t = table, col = owner_column;
  if (replace) KEHU_TRY(s.Execute("DELETE FROM " + t + " WHERE " + col + " = ?", {Value(owner)}));
  for (const auto& [entity, actions] : grants.as_object())
    for (const auto& [action, scope] : actions.as_object())
      KEHU_TRY(s.Execute("INSERT INTO " + t + " (" + col + ", entity, action, scope) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (" + col + ", entity, action) DO UPDATE SET scope = excluded.scope",
                         {Value(owner), Value(std::string(entity)), Value(std::string(action)),
                          Value(std::string(scope.as_string()))}));
  return Ok();
}

// {"customers": {"phone": "masked", "remarks": "hidden"}} replaces the role's field rules.
Status OrgService::SaveFieldRules(db::Session& s, int64_t role_id, const json::value& rules) {
  if (!rules.is_object()) return InvalidInput("wrong_type").Field("fields", "wrong_type");
  for (const auto& [entity, fields] : rules.as_object()) {
    const meta::Entity* e = registry_.Find(entity);
    if (!e) return ValidationFailed().Field("fields", "unknown_entity");
    if (!fields.is_object()) return InvalidInput("wrong_type").Field("fields", "wrong_type");
    for (const auto& [field, rule] : fields.as_object()) {
      const meta::Field* f = e->FindField(field);
      if (!f || f->system) return ValidationFailed().Field("fields", "unknown_field");
      if (!rule.is_string() || !records::ParseFieldRule(rule.as_string()))
        return ValidationFailed().Field("fields", "unknown_rule");
    }
  }
  KEHU_TRY(s.Execute("DELETE FROM role_field_rules WHERE role_id = ?", {Value(role_id)}));
  for (const auto& [entity, fields] : rules.as_object())
    for (const auto& [field, rule] : fields.as_object())
      KEHU_TRY(s.Execute("INSERT INTO role_field_rules (role_id, entity, field, rule) VALUES (?, ?, ?, ?)",
                         {Value(role_id), Value(std::string(entity)), Value(std::string(field)),
                          Value(std::string(rule.as_string()))}));
  return Ok();
}

Result<json::object> OrgService::LoadRole(db::Session& s, int64_t id) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id, code, name, builtin, version FROM roles WHERE id = ?", {Value(id)}));
  if (rows.empty()) return NotFound();
  const auto& r = rows.rows[0];
  KEHU_ASSIGN(db::Rows grants, s.Query("SELECT entity, action, scope FROM role_grants WHERE role_id = ? "
                                       "ORDER BY entity, action", {Value(id)}));
  json::object g;
  for (const auto& row : grants.rows) {
    std::string entity = db::AsText(row[0]);
    if (!g.contains(entity)) g[entity] = json::object();
    g[entity].as_object()[db::AsText(row[1])] = db::AsText(row[2]);
  }
  KEHU_ASSIGN(db::Rows rules, s.Query("SELECT entity, field, rule FROM role_field_rules WHERE role_id = ? "
                                      "ORDER BY entity, field", {Value(id)}));
  json::object fields;
  for (const auto& row : rules.rows) {
    std::string entity = db::AsText(row[0]);
    if (!fields.contains(entity)) fields[entity] = json::object();
    fields[entity].as_object()[db::AsText(row[1])] = db::AsText(row[2]);
  }
  return json::object{{"id", db::AsInt(r[0])}, {"code", db::AsText(r[1])}, {"name", db::AsText(r[2])},
                      {"builtin", db::AsInt(r[3]) != 0}, {"version", db::AsInt(r[4])}, {"grants", std::move(g)},
                      {"fields", std::move(fields)}};
}

Result<json::array> OrgService::ListRoles() {
  json::array out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows ids, s.Query("SELECT id FROM roles ORDER BY id", {}));
    for (const auto& r : ids.rows) {
      KEHU_ASSIGN(json::object role, LoadRole(s, db::AsInt(r[0])));
      out.push_back(std::move(role));
    }
    return Ok();
  }));
  return out;
}

Result<json::object> OrgService::CreateRole(const records::Actor& actor, const json::object& body) {
  if (!actor.is_admin) return Forbidden();
  for (const auto& [key, v] : body)
    if (key != "code" && key != "name" && key != "grants" && key != "fields") return InvalidInput("unknown_field").Arg("field", std::string(key));
  auto* code = body.if_contains("code");
  auto* name = body.if_contains("name");
  static const std::regex kCode("^[a-z][a-z0-9_]{1,49}$");
  if (!code || !code->is_string() || !std::regex_match(std::string(code->as_string()), kCode))
    return ValidationFailed().Field("code", code ? "invalid_format" : "required");
  if (!name || !name->is_string() || name->as_string().empty()) return ValidationFailed().Field("name", "required");
  json::object out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows taken, s.Query("SELECT 1 FROM roles WHERE code = ?", {Value(std::string(code->as_string()))}));
    if (!taken.empty()) return ValidationFailed().Field("code", "unique");
    std::string now = NowIso();
    KEHU_ASSIGN(db::Rows ids, s.Query("INSERT INTO roles (code, name, created_at, updated_at) VALUES (?, ?, ?, ?) "
                                      "RETURNING id",
                                      {Value(std::string(code->as_string())), Value(std::string(name->as_string())),
                                       Value(now), Value(now)}));
    int64_t id = db::AsInt(ids.rows[0][0]);
    if (auto* grants = body.if_contains("grants")) KEHU_TRY(SaveGrants(s, "role_grants", "role_id", id, *grants, true));
    if (auto* fields = body.if_contains("fields")) KEHU_TRY(SaveFieldRules(s, id, *fields));
    KEHU_ASSIGN(out, LoadRole(s, id));
    return records::AppendAudit(s, actor, {"roles", id, "create", out});
  }));
  return out;
}

Result<json::object> OrgService::UpdateRole(const records::Actor& actor, int64_t id, const json::object& body) {
  if (!actor.is_admin) return Forbidden();
  for (const auto& [key, v] : body)
    if (key != "version" && key != "name" && key != "grants" && key != "fields") return InvalidInput("unknown_field").Arg("field", std::string(key));
  auto* version = body.if_contains("version");
  if (!version || !version->is_int64()) return InvalidInput("version_required").Field("version", "required");
  auto* name = body.if_contains("name");
  if (name && (!name->is_string() || name->as_string().empty())) return ValidationFailed().Field("name", "required");
  json::object out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(json::object before, LoadRole(s, id));
    if (before.at("version").as_int64() != version->as_int64()) {
      return VersionConflict(json::serialize(before));
    }
    if (before.at("code") == "admin" && (body.contains("grants") || body.contains("fields")))
      return ValidationFailed().Field("grants", "read_only");  // the admin role always has everything
    if (name)
      KEHU_TRY(s.Execute("UPDATE roles SET name = ? WHERE id = ?", {Value(std::string(name->as_string())), Value(id)}));
    if (auto* grants = body.if_contains("grants")) KEHU_TRY(SaveGrants(s, "role_grants", "role_id", id, *grants, true));
    if (auto* fields = body.if_contains("fields")) KEHU_TRY(SaveFieldRules(s, id, *fields));
    KEHU_TRY(s.Execute("UPDATE roles SET version = version + 1, updated_at = ? WHERE id = ?", {Value(NowIso()), Value(id)}));
    KEHU_ASSIGN(out, LoadRole(s, id));
    return records::AppendAudit(s, actor, {"roles", id, "update",
                                           json::object{{"from", before}, {"to", out}}});
  }));
  return out;
}

}  // namespace kehu::auth
