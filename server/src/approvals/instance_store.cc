#include "approvals/instance_store.h"

#include <boost/json.hpp>

#include <map>

#include "core/time.h"

namespace kehu::approvals {
namespace json = boost::json;
using db::Value;

namespace {

constexpr const char* kColumns =
    "id, entity, record_id, flow_id, flow_version, flow_name, steps_json, state, current_step, submitter_id, "
    "submitted_at, comment, finished_at";

Result<Instance> FromRow(const std::vector<Value>& r) {
  Instance i;
  i.id = db::AsInt(r[0]);
  i.entity = db::AsText(r[1]);
  i.record_id = db::AsInt(r[2]);
  i.flow_id = db::AsInt(r[3]);
  i.flow_version = db::AsInt(r[4]);
  i.flow_name = db::AsText(r[5]);
  boost::system::error_code ec;
  json::value steps = json::parse(db::AsText(r[6]), ec);
  records::FieldErrors errors;
  if (!ec) i.steps = StepsFromJson(steps, errors);
  if (ec || !errors.empty()) return Internal("approval instance " + std::to_string(i.id) + ": bad steps");
  i.state = db::AsText(r[7]);
  i.current_step = static_cast<int>(db::AsInt(r[8]));
  i.submitter_id = db::AsInt(r[9]);
  i.submitted_at = db::AsText(r[10]);
  i.comment = db::AsText(r[11]);
  i.finished_at = db::AsText(r[12]);
  return i;
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

Status AttachTasks(db::Session& s, std::vector<Instance>& instances) {
  if (instances.empty()) return Ok();
  std::vector<Value> params;
  std::map<int64_t, Instance*> by_id;
  for (auto& i : instances) {
    params.emplace_back(i.id);
    by_id[i.id] = &i;
  }
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id, instance_id, step, user_id, decision, comment, decided_at FROM approval_tasks "
                                     "WHERE instance_id IN (" + Placeholders(params.size()) + ") ORDER BY step, id",
                                     params));
  for (const auto& r : rows.rows) {
    Task t{db::AsInt(r[0]), static_cast<int>(db::AsInt(r[2])), db::AsInt(r[3]), db::AsText(r[4]), db::AsText(r[5]),
           db::AsText(r[6])};
    by_id.at(db::AsInt(r[1]))->tasks.push_back(std::move(t));
  }
  return Ok();
}

}  // namespace

const Task* Instance::CurrentTaskOf(int64_t user_id) const {
  for (const auto& t : tasks)
    if (t.step == current_step && t.user_id == user_id) return &t;
  return nullptr;
}

std::vector<int64_t> Instance::UndecidedInCurrentStep() const {
  std::vector<int64_t> out;
  for (const auto& t : tasks)
    if (t.step == current_step && t.decision.empty()) out.push_back(t.user_id);
  return out;
}

Result<std::vector<Instance>> LoadInstances(db::Session& s, const std::vector<int64_t>& ids) {
  std::vector<Instance> out;
  if (ids.empty()) return out;
  std::vector<Value> params(ids.begin(), ids.end());
  KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns + " FROM approval_instances WHERE id IN (" +
                                         Placeholders(ids.size()) + ")",
                                     params));
  std::map<int64_t, Instance> found;
  for (const auto& r : rows.rows) {
    KEHU_ASSIGN(Instance i, FromRow(r));
    found.emplace(i.id, std::move(i));
  }
  for (int64_t id : ids)
    if (auto it = found.find(id); it != found.end()) out.push_back(std::move(it->second));
  KEHU_TRY(AttachTasks(s, out));
  return out;
}

Result<Instance> LoadInstance(db::Session& s, int64_t id) {
  KEHU_ASSIGN(std::vector<Instance> one, LoadInstances(s, {id}));
  if (one.empty()) return NotFound();
  return std::move(one[0]);
}

Result<std::optional<Instance>> PendingInstanceOf(db::Session& s, const std::string& entity, int64_t record_id) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id FROM approval_instances WHERE entity = ? AND record_id = ? AND state = 'pending'",
                                     {Value(entity), Value(record_id)}));
  if (rows.empty()) return std::optional<Instance>();
  KEHU_ASSIGN(Instance i, LoadInstance(s, db::AsInt(rows.rows[0][0])));
  return std::optional<Instance>(std::move(i));
}

Status InsertInstance(db::Session& s, Instance& inst, const std::vector<std::vector<int64_t>>& approvers) {
  std::string now = NowIso();
  auto inserted = s.Query("INSERT INTO approval_instances (entity, record_id, flow_id, flow_version, flow_name, steps_json, "
                          "state, current_step, submitter_id, submitted_at, comment, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?) RETURNING id",
                          {Value(inst.entity), Value(inst.record_id), Value(inst.flow_id), Value(inst.flow_version),
                           Value(inst.flow_name), Value(json::serialize(StepsToJson(inst.steps))),
                           inst.submitter_id ? Value(inst.submitter_id) : Value(), Value(now),
                           inst.comment.empty() ? Value() : Value(inst.comment), Value(now)});
  if (!inserted.ok()) {
    if (inserted.error().code == "unique_violation") return Conflict("approval_pending");
    return std::move(inserted).error();
  }
  inst.id = db::AsInt(inserted->rows[0][0]);
  inst.state = "pending";
  inst.current_step = 0;
  inst.submitted_at = now;
  for (size_t step = 0; step < approvers.size(); ++step)
    for (int64_t user : approvers[step])
      KEHU_TRY(s.Execute("INSERT INTO approval_tasks (instance_id, step, user_id) VALUES (?, ?, ?)",
                         {Value(inst.id), Value(static_cast<int64_t>(step)), Value(user)}));
  return Ok();
}

Status RecordDecision(db::Session& s, int64_t task_id, bool approve, const std::string& comment) {
  KEHU_TRY(s.Execute("UPDATE approval_tasks SET decision = ?, comment = ?, decided_at = ? WHERE id = ? AND decision IS NULL",
                     {Value(approve ? "approved" : "rejected"), comment.empty() ? Value() : Value(comment),
                      Value(NowIso()), Value(task_id)}));
  return Ok();
}

Status MoveToStep(db::Session& s, int64_t instance_id, int step) {
  KEHU_TRY(s.Execute("UPDATE approval_instances SET current_step = ?, updated_at = ? WHERE id = ?",
                     {Value(static_cast<int64_t>(step)), Value(NowIso()), Value(instance_id)}));
  return Ok();
}

Status Finish(db::Session& s, int64_t instance_id, const std::string& state) {
  std::string now = NowIso();
  KEHU_TRY(s.Execute("UPDATE approval_instances SET state = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                     {Value(state), Value(now), Value(now), Value(instance_id)}));
  return Ok();
}

}  // namespace kehu::approvals
