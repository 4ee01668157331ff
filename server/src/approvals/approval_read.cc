// Reading approvals: the inbox (待审批: instances waiting for the caller), the caller's submissions,
// a record's instances, one instance. Visibility is the records' read predicate, in SQL.
#include <map>
#include <set>

#include "approvals/approval_service.h"
#include "approvals/instance_store.h"
#include "approvals/internal.h"

namespace kehu::approvals {
namespace json = boost::json;
using db::Value;
using records::Action;
using records::Actor;

namespace {

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

template <class Ids>
Result<std::map<int64_t, std::string>> Lookup(db::Session& s, const std::string& table, const std::string& column,
                                              const Ids& ids) {
  std::map<int64_t, std::string> out;
  if (ids.empty()) return out;
  std::vector<Value> params(ids.begin(), ids.end());
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id, " + column + " FROM " + table + " WHERE id IN (" +
                                         Placeholders(params.size()) + ")",
                                     params));
  for (const auto& r : rows.rows) out[db::AsInt(r[0])] = db::AsText(r[1]);
  return out;
}

// A step's state as the panel shows it.
std::string StepState(const Instance& inst, int index) {
  if (index < inst.current_step || inst.state == "approved") return "approved";
  if (index > inst.current_step) return "waiting";
  return inst.state;  // the current step: pending, rejected or withdrawn
}

json::value NullIfEmpty(const std::string& s) { return s.empty() ? json::value() : json::value(s); }

json::object InstanceJson(const Instance& inst, const Actor& actor, const std::map<int64_t, std::string>& names,
                          const std::string& title) {
  auto name = [&](int64_t id) { return names.count(id) ? json::value(names.at(id)) : json::value(); };
  json::array steps;
  for (size_t i = 0; i < inst.steps.size(); ++i) {
    const Step& step = inst.steps[i];
    json::array approvers;
    for (const auto& t : inst.tasks) {
      if (t.step != static_cast<int>(i)) continue;
      approvers.push_back(json::object{{"userId", t.user_id}, {"name", name(t.user_id)},
                                       {"decision", NullIfEmpty(t.decision)}, {"comment", NullIfEmpty(t.comment)},
                                       {"decidedAt", NullIfEmpty(t.decided_at)}});
    }
    steps.push_back(json::object{{"index", i}, {"name", NullIfEmpty(step.name)}, {"mode", step.all ? "all" : "any"},
                                 {"approver", ApproverToJson(step.approver)}, {"state", StepState(inst, static_cast<int>(i))},
                                 {"approvers", std::move(approvers)}});
  }
  const Task* mine = inst.CurrentTaskOf(actor.user_id);
  bool pending = inst.state == "pending";
  return {{"id", inst.id},
          {"entity", inst.entity},
          {"recordId", inst.record_id},
          {"recordTitle", title},
          {"flowId", inst.flow_id},
          {"flowName", inst.flow_name},
          {"flowVersion", inst.flow_version},
          {"state", inst.state},
          {"currentStep", inst.current_step},
          {"submitter", json::object{{"id", inst.submitter_id}, {"name", name(inst.submitter_id)}}},
          {"submittedAt", inst.submitted_at},
          {"comment", NullIfEmpty(inst.comment)},
          {"finishedAt", NullIfEmpty(inst.finished_at)},
          {"steps", std::move(steps)},
          {"canDecide", pending && mine && mine->decision.empty()},
          {"canWithdraw", pending && (inst.submitter_id == actor.user_id || actor.is_admin)}};
}

}  // namespace

std::string ApprovalService::VisibilitySql(const Actor& actor, std::vector<Value>& params) const {
  std::string sql;
  for (const auto& e : registry_->entities()) {
    if (!SupportsApprovals(e) || !access_.Allowed(actor, e, Action::kRead)) continue;
    params.emplace_back(e.name);
    std::string predicate = access_.Predicate(actor, e, Action::kRead, "r", params);
    sql += std::string(sql.empty() ? "" : " OR ") + "(i.entity = ? AND i.record_id IN (SELECT r.id FROM " + e.table +
           " r WHERE r.deleted_at IS NULL AND (" + predicate + ")))";
  }
  return sql.empty() ? "1=0" : sql;
}

// Callers have checked that the actor may read each instance's record.
Result<json::array> ApprovalService::Render(db::Session& s, const Actor& actor, std::vector<int64_t> ids) {
  KEHU_ASSIGN(std::vector<Instance> instances, LoadInstances(s, ids));
  std::set<int64_t> users;
  std::map<std::string, std::set<int64_t>> records;
  for (const auto& i : instances) {
    if (i.submitter_id) users.insert(i.submitter_id);
    for (const auto& t : i.tasks) users.insert(t.user_id);
    records[i.entity].insert(i.record_id);
  }
  KEHU_ASSIGN(auto names, Lookup(s, "users", "display_name", users));
  std::map<std::string, std::map<int64_t, std::string>> titles;
  for (const auto& [entity, record_ids] : records) {
    const meta::Entity* e = registry_->Find(entity);
    if (!e) continue;
    auto rule = actor.FieldRuleFor(e->name, e->title_field);
    if (rule == records::FieldRule::kHidden || rule == records::FieldRule::kMasked) continue;  // shown as the id
    KEHU_ASSIGN(titles[entity], Lookup(s, e->table, e->FindField(e->title_field)->column, record_ids));
  }
  json::array out;
  for (const auto& i : instances) {
    auto& t = titles[i.entity];
    std::string title = t.count(i.record_id) ? t.at(i.record_id) : "#" + std::to_string(i.record_id);
    out.push_back(InstanceJson(i, actor, names, title));
  }
  return out;
}

Result<json::object> ApprovalService::List(const Actor& actor, const InstanceQuery& q) {
  std::string where = "1=1";
  std::vector<Value> params;
  if (q.mine == "pending") {
    where += " AND i.state = 'pending' AND EXISTS (SELECT 1 FROM approval_tasks k WHERE k.instance_id = i.id AND "
             "k.step = i.current_step AND k.user_id = ? AND k.decision IS NULL)";
    params.emplace_back(actor.user_id);
  } else if (q.mine == "submitted") {
    where += " AND i.submitter_id = ?";
    params.emplace_back(actor.user_id);
  } else if (!q.mine.empty()) {
    return InvalidInput("bad_parameter").Arg("parameter", "mine");
  } else if (q.entity.empty() || !q.record_id) {
    return InvalidInput("bad_parameter").Arg("parameter", q.entity.empty() ? "entity" : "recordId");
  }
  if (!q.entity.empty()) {
    const meta::Entity* e = registry_->Find(q.entity);
    if (!e || !SupportsApprovals(*e)) return InvalidInput("bad_parameter").Arg("parameter", "entity");
    where += " AND i.entity = ?";
    params.emplace_back(e->name);
    if (q.record_id) {
      KEHU_TRY(records_.Get(actor, *e, q.record_id));  // a record one may not see has no approvals
      where += " AND i.record_id = ?";
      params.emplace_back(q.record_id);
    }
  }
  where += " AND (" + VisibilitySql(actor, params) + ")";
  json::object out{{"page", q.page}, {"pageSize", q.page_size}};
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows count, s.Query("SELECT COUNT(*) FROM approval_instances i WHERE " + where, params));
    out["total"] = db::AsInt(count.rows[0][0]);
    std::vector<Value> page = params;
    page.emplace_back(int64_t{q.page_size});
    page.emplace_back(int64_t{q.page - 1} * q.page_size);
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT i.id FROM approval_instances i WHERE " + where +
                                           " ORDER BY i.id DESC LIMIT ? OFFSET ?",
                                       page));
    std::vector<int64_t> ids;
    for (const auto& r : rows.rows) ids.push_back(db::AsInt(r[0]));
    KEHU_ASSIGN(json::array items, Render(s, actor, ids));
    out["items"] = std::move(items);
    return Ok();
  }));
  return out;
}

Result<json::object> ApprovalService::Get(const Actor& actor, int64_t id) {
  json::object out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(Instance inst, LoadInstance(s, id));
    const meta::Entity* e = registry_->Find(inst.entity);
    if (!e) return NotFound();
    db::SessionDatabase sdb(s, db_);
    records::RecordService rs(sdb, registry_, access_, hooks_);
    KEHU_TRY(rs.Get(actor, *e, inst.record_id));
    KEHU_ASSIGN(json::array one, Render(s, actor, {id}));
    out = std::move(one[0].as_object());
    return Ok();
  }));
  return out;
}

}  // namespace kehu::approvals
