#include "approvals/flow_store.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "core/time.h"
#include "records/audit.h"
#include "records/record_sql.h"

namespace kehu::approvals {
namespace json = boost::json;
using db::Value;

namespace {

constexpr const char* kColumns =
    "id, entity, name, condition_json, steps_json, active, version, created_at, updated_at";

Result<Flow> FlowFromRow(const std::vector<Value>& r) {
  Flow f;
  f.id = db::AsInt(r[0]);
  f.entity = db::AsText(r[1]);
  f.name = db::AsText(r[2]);
  boost::system::error_code ec;
  json::value condition = json::parse(db::AsText(r[3]), ec);
  if (ec || !condition.is_object()) return Internal("approval flow " + std::to_string(f.id) + ": bad condition");
  f.condition = std::move(condition.as_object());
  json::value steps = json::parse(db::AsText(r[4]), ec);
  records::FieldErrors errors;
  if (!ec) f.steps = StepsFromJson(steps, errors);
  if (ec || !errors.empty()) return Internal("approval flow " + std::to_string(f.id) + ": bad steps");
  f.active = db::AsInt(r[5]) != 0;
  f.version = db::AsInt(r[6]);
  f.created_at = db::AsText(r[7]);
  f.updated_at = db::AsText(r[8]);
  return f;
}

json::object AuditOf(const FlowDefinition& d) {
  return {{"name", d.name}, {"condition", d.condition}, {"steps", StepsToJson(d.steps)}, {"active", d.active}};
}

}  // namespace

Result<Flow> LoadFlow(db::Session& s, int64_t id) {
  KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns + " FROM approval_flows WHERE id = ?", {Value(id)}));
  if (rows.empty()) return NotFound();
  return FlowFromRow(rows.rows[0]);
}

Result<std::vector<Flow>> LoadFlows(db::Session& s, const std::string& entity, bool active_only) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM approval_flows WHERE 1=1";
  std::vector<Value> params;
  if (!entity.empty()) {
    sql += " AND entity = ?";
    params.emplace_back(entity);
  }
  if (active_only) sql += " AND active = 1";
  KEHU_ASSIGN(db::Rows rows, s.Query(sql + " ORDER BY id DESC", params));
  std::vector<Flow> out;
  for (const auto& r : rows.rows) {
    KEHU_ASSIGN(Flow f, FlowFromRow(r));
    out.push_back(std::move(f));
  }
  return out;
}

Status CheckReferences(db::Session& s, const FlowDefinition& def, records::FieldErrors& errors) {
  for (size_t i = 0; i < def.steps.size(); ++i) {
    const Approver& a = def.steps[i].approver;
    std::string path = "steps[" + std::to_string(i) + "].approver";
    if (a.type == ApproverType::kUser && a.user_id > 0 && !errors.count(path + ".userId")) {
      KEHU_ASSIGN(db::Rows u, s.Query("SELECT active FROM users WHERE id = ?", {Value(a.user_id)}));
      if (u.empty()) errors[path + ".userId"] = "unknown_user";
      else if (db::AsInt(u.rows[0][0]) == 0) errors[path + ".userId"] = "inactive_user";
    }
    if (a.type == ApproverType::kRole && !a.role.empty()) {
      KEHU_ASSIGN(db::Rows r, s.Query("SELECT id FROM roles WHERE code = ?", {Value(a.role)}));
      if (r.empty()) errors[path + ".role"] = "unknown_role";
    }
  }
  return Ok();
}

Result<int64_t> InsertFlow(db::Session& s, const records::Actor& actor, const FlowDefinition& def) {
  std::string now = NowIso();
  Value by = actor.user_id ? Value(actor.user_id) : Value();
  KEHU_ASSIGN(db::Rows rows,
              s.Query("INSERT INTO approval_flows (entity, name, condition_json, steps_json, active, version, "
                      "created_at, created_by_id, updated_at, updated_by_id) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?) "
                      "RETURNING id",
                      {Value(def.entity), Value(def.name), Value(json::serialize(def.condition)),
                       Value(json::serialize(StepsToJson(def.steps))), Value(int64_t{def.active ? 1 : 0}), Value(now),
                       by, Value(now), by}));
  int64_t id = db::AsInt(rows.rows[0][0]);
  json::object changes{{"flow", json::object{{"to", AuditOf(def)}}}, {"entity", def.entity}};
  KEHU_TRY(records::AppendAudit(s, actor, {"approval_flows", id, "create", std::move(changes)}));
  return id;
}

Status UpdateFlow(db::Session& s, const records::Actor& actor, const Flow& current, const FlowDefinition& def) {
  KEHU_ASSIGN(int64_t n, s.Execute("UPDATE approval_flows SET entity = ?, name = ?, condition_json = ?, steps_json = ?, "
                                   "active = ?, version = version + 1, updated_at = ?, updated_by_id = ? "
                                   "WHERE id = ? AND version = ?",
                                   {Value(def.entity), Value(def.name), Value(json::serialize(def.condition)),
                                    Value(json::serialize(StepsToJson(def.steps))), Value(int64_t{def.active ? 1 : 0}),
                                    Value(NowIso()), actor.user_id ? Value(actor.user_id) : Value(), Value(current.id),
                                    Value(current.version)}));
  if (n == 0) return Conflict("version_conflict");
  json::object changes{{"flow", json::object{{"from", AuditOf(current)}, {"to", AuditOf(def)}}},
                       {"version", current.version + 1}};
  return records::AppendAudit(s, actor, {"approval_flows", current.id, "update", std::move(changes)});
}

Result<std::optional<Flow>> MatchingFlow(db::Session& s, const db::Dialect& dialect, const meta::Entity& e,
                                         int64_t record_id) {
  KEHU_ASSIGN(std::vector<Flow> flows, LoadFlows(s, e.name, true));
  for (auto& flow : flows) {
    auto query = ConditionQuery(e, flow.condition);
    if (!query.ok()) {
      spdlog::warn("approval flow {} ({}): condition no longer valid: {}", flow.id, flow.name, query.error().code);
      continue;
    }
    records::Where where;
    where.sql = "t.id = ?";
    where.params.emplace_back(record_id);
    where.And("t.deleted_at IS NULL");
    for (const auto& f : query->filters) records::AddFilter(dialect, f, "t", where);
    KEHU_ASSIGN(db::Rows hit, s.Query("SELECT 1 FROM " + e.table + " t WHERE " + where.sql, where.params));
    if (!hit.empty()) return std::optional<Flow>(std::move(flow));
  }
  return std::optional<Flow>();
}

Result<bool> HasAnyFlow(db::Session& s, const std::string& entity) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM approval_flows WHERE entity = ? LIMIT 1", {Value(entity)}));
  return !rows.empty();
}

}  // namespace kehu::approvals
