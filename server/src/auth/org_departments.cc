// Departments: a tree by parent_id. Moving a department never creates a cycle.
#include <boost/json.hpp>

#include "auth/org_service.h"
#include "core/time.h"
#include "records/audit.h"

namespace kehu::auth {
namespace json = boost::json;
using db::Value;

namespace {

json::object DepartmentJson(const std::vector<Value>& r) {
  return {{"id", db::AsInt(r[0])}, {"name", db::AsText(r[1])},
          {"parentId", db::IsNull(r[2]) ? json::value() : json::value(db::AsInt(r[2]))},
          {"active", db::AsInt(r[3]) != 0}, {"version", db::AsInt(r[4])},
          {"createdAt", db::AsText(r[5])}, {"updatedAt", db::AsText(r[6])}};
}

constexpr const char* kColumns = "id, name, parent_id, active, version, created_at, updated_at";

// True when `ancestor` is `id` or above it in the tree.
Result<bool> IsAncestor(db::Session& s, int64_t ancestor, int64_t id) {
  KEHU_ASSIGN(db::Rows rows, s.Query("WITH RECURSIVE up(id) AS (SELECT CAST(? AS BIGINT) UNION SELECT d.parent_id FROM "
                                     "departments d JOIN up ON d.id = up.id WHERE d.parent_id IS NOT NULL) "
                                     "SELECT 1 FROM up WHERE id = ?",
                                     {Value(id), Value(ancestor)}));
  return !rows.empty();
}

Result<std::string> RequiredName(const json::object& body, bool required) {
  auto* name = body.if_contains("name");
  if (!name) {
    if (required) return ValidationFailed().Field("name", "required");
    return std::string();
  }
  if (!name->is_string()) return InvalidInput("wrong_type").Field("name", "wrong_type");
  if (name->as_string().empty()) return ValidationFailed().Field("name", "required");
  if (name->as_string().size() > 300) return ValidationFailed().Field("name", "too_long");
  return std::string(name->as_string());
}

}  // namespace

Result<json::array> OrgService::ListDepartments() {
  json::array out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns + " FROM departments ORDER BY id", {}));
    for (const auto& r : rows.rows) out.push_back(DepartmentJson(r));
    return Ok();
  }));
  return out;
}

Result<json::object> OrgService::CreateDepartment(const records::Actor& actor, const json::object& body) {
  if (!actor.is_admin) return Forbidden();
  for (const auto& [key, v] : body)
    if (key != "name" && key != "parentId") return InvalidInput("unknown_field").Arg("field", std::string(key));
  KEHU_ASSIGN(std::string name, RequiredName(body, true));
  Value parent;
  if (auto* p = body.if_contains("parentId"); p && !p->is_null()) {
    if (!p->is_int64()) return InvalidInput("wrong_type").Field("parentId", "wrong_type");
    parent = p->as_int64();
  }
  json::object out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    if (!db::IsNull(parent)) {
      KEHU_ASSIGN(db::Rows found, s.Query("SELECT 1 FROM departments WHERE id = ?", {parent}));
      if (found.empty()) return ValidationFailed().Field("parentId", "not_found");
    }
    std::string now = NowIso();
    KEHU_ASSIGN(db::Rows rows, s.Query(std::string("INSERT INTO departments (name, parent_id, created_at, updated_at) "
                                                   "VALUES (?, ?, ?, ?) RETURNING ") + kColumns,
                                       {Value(name), parent, Value(now), Value(now)}));
    out = DepartmentJson(rows.rows[0]);
    return records::AppendAudit(s, actor, {"departments", out.at("id").as_int64(), "create",
                                           json::object{{"name", name}, {"parentId", out.at("parentId")}}});
  }));
  return out;
}

Result<json::object> OrgService::UpdateDepartment(const records::Actor& actor, int64_t id, const json::object& body) {
  if (!actor.is_admin) return Forbidden();
  auto* version = body.if_contains("version");
  if (!version || !version->is_int64()) return InvalidInput("version_required").Field("version", "required");
  for (const auto& [key, v] : body)
    if (key != "name" && key != "parentId" && key != "active" && key != "version")
      return InvalidInput("unknown_field").Arg("field", std::string(key));
  KEHU_ASSIGN(std::string name, RequiredName(body, false));
  json::object out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows cur, s.Query(std::string("SELECT ") + kColumns + " FROM departments WHERE id = ?", {Value(id)}));
    if (cur.empty()) return NotFound();
    json::object before = DepartmentJson(cur.rows[0]);
    if (before.at("version").as_int64() != version->as_int64()) {
      return VersionConflict(json::serialize(before));
    }
    std::string sets = "version = version + 1, updated_at = ?";
    std::vector<Value> params{Value(NowIso())};
    json::object changes;
    if (!name.empty()) {
      sets += ", name = ?";
      params.emplace_back(name);
      changes["name"] = json::object{{"from", before.at("name")}, {"to", name}};
    }
    if (auto* p = body.if_contains("parentId")) {
      Value parent;
      if (!p->is_null()) {
        if (!p->is_int64()) return InvalidInput("wrong_type").Field("parentId", "wrong_type");
        KEHU_ASSIGN(db::Rows found, s.Query("SELECT 1 FROM departments WHERE id = ?", {Value(p->as_int64())}));
        if (found.empty()) return ValidationFailed().Field("parentId", "not_found");
        KEHU_ASSIGN(bool cycle, IsAncestor(s, id, p->as_int64()));
        if (cycle) return ValidationFailed().Field("parentId", "cycle");
        parent = p->as_int64();
      }
      sets += ", parent_id = ?";
      params.push_back(parent);
      changes["parentId"] = json::object{{"from", before.at("parentId")}, {"to", *p}};
    }
    if (auto* a = body.if_contains("active")) {
      if (!a->is_bool()) return InvalidInput("wrong_type").Field("active", "wrong_type");
      sets += ", active = ?";
      params.emplace_back(int64_t{a->as_bool() ? 1 : 0});
      changes["active"] = json::object{{"from", before.at("active")}, {"to", a->as_bool()}};
    }
    params.emplace_back(id);
    KEHU_TRY(s.Execute("UPDATE departments SET " + sets + " WHERE id = ?", params));
    KEHU_ASSIGN(db::Rows after, s.Query(std::string("SELECT ") + kColumns + " FROM departments WHERE id = ?", {Value(id)}));
    out = DepartmentJson(after.rows[0]);
    return records::AppendAudit(s, actor, {"departments", id, "update", std::move(changes)});
  }));
  return out;
}

}  // namespace kehu::auth
