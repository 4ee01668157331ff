// Approvers' decisions: approve or reject the current step of an instance, moving it to the next
// step, or finishing it (the record's approvalState follows).
#include "approvals/approval_service.h"
#include "approvals/instance_store.h"
#include "approvals/internal.h"
#include "approvals/notices.h"
#include "core/time.h"
#include "events/record_events.h"
#include "records/audit.h"

namespace kehu::approvals {
namespace json = boost::json;
using records::Action;
using records::Actor;

namespace {

// "主管审批 (1/2)": the step as people read it in the history.
std::string StepLabel(const Instance& inst) {
  const Step& step = inst.steps[inst.current_step];
  std::string n = std::to_string(inst.current_step + 1) + "/" + std::to_string(inst.steps.size());
  return step.name.empty() ? n : step.name + " (" + n + ")";
}

bool StepComplete(const Instance& inst, int64_t decided_by) {
  if (!inst.steps[inst.current_step].all) return true;
  for (int64_t user : inst.UndecidedInCurrentStep())
    if (user != decided_by) return false;
  return true;
}

std::vector<int64_t> UsersOfStep(const Instance& inst, int step) {
  std::vector<int64_t> out;
  for (const auto& t : inst.tasks)
    if (t.step == step) out.push_back(t.user_id);
  return out;
}

}  // namespace

Result<json::object> ApprovalService::Decide(const Actor& actor, int64_t instance_id, bool approve,
                                             const json::object& body) {
  KEHU_ASSIGN(std::string comment, ParseComment(body, !approve));
  json::object out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    // Decisions on one instance serialize on its row (PostgreSQL row lock; SQLite has one writer),
    // so two approvers of an all-of step cannot both miss each other.
    KEHU_TRY(s.Execute("UPDATE approval_instances SET updated_at = updated_at WHERE id = ?", {db::Value(instance_id)}));
    KEHU_ASSIGN(Instance inst, LoadInstance(s, instance_id));
    const meta::Entity* e = registry_->Find(inst.entity);
    if (!e) return NotFound();
    Tx tx(s, *this);
    return Advance(tx, actor, *e, instance_id, approve, comment, out);
  }));
  return out;
}

Result<json::object> ApprovalService::DecideOnRecord(const Actor& actor, const meta::Entity& e, int64_t id,
                                                     bool approve, const json::object& body) {
  if (!SupportsApprovals(e)) return NotFound();
  KEHU_ASSIGN(std::string comment, ParseComment(body, !approve));
  json::object out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    Tx tx(s, *this);
    KEHU_TRY(tx.rs.Get(actor, e, id));  // 404 before anything else
    KEHU_ASSIGN(auto inst, PendingInstanceOf(s, e.name, id));
    if (!inst) return Conflict("approval_not_pending");
    KEHU_TRY(s.Execute("UPDATE approval_instances SET updated_at = updated_at WHERE id = ?", {db::Value(inst->id)}));
    return Advance(tx, actor, e, inst->id, approve, comment, out);
  }));
  // The record route answers with the record, as the other record actions do.
  return records_.Get(actor, e, id);
}

// REQUIRES: inside the write transaction, the instance row touched (locked) already.
Status ApprovalService::Advance(Tx& tx, const Actor& actor, const meta::Entity& e, int64_t instance_id, bool approve,
                                const std::string& comment, json::object& out) {
  db::Session& s = tx.s;
  KEHU_ASSIGN(Instance inst, LoadInstance(s, instance_id));
  KEHU_ASSIGN(json::object record, tx.rs.Get(actor, e, inst.record_id));  // invisible: 404
  if (inst.state != "pending") return Conflict("approval_not_pending");
  const Task* mine = inst.CurrentTaskOf(actor.user_id);
  if (!mine) return Forbidden();
  if (!mine->decision.empty()) return Conflict("already_decided");
  KEHU_TRY(RecordDecision(s, mine->id, approve, comment));
  json::object changes{{"approvalStep", json::object{{"to", StepLabel(inst)}}}};
  if (!comment.empty()) changes["approvalComment"] = json::object{{"to", comment}};
  KEHU_TRY(records::AppendAudit(s, actor, {e.name, inst.record_id, approve ? "approval_step_approve" : "approval_step_reject",
                                           std::move(changes)}));
  std::string title = TitleOf(e, record);
  bool last = inst.current_step + 1 >= static_cast<int>(inst.steps.size());
  if (approve && !StepComplete(inst, actor.user_id)) {
    // all-of: others still to sign
  } else if (approve && !last) {
    KEHU_TRY(MoveToStep(s, inst.id, inst.current_step + 1));
    Notice n{"approval_requested", &e, inst.record_id, title, actor.display_name, comment};
    KEHU_TRY(Send(s, notifier_, n, UsersOfStep(inst, inst.current_step + 1)));
  } else {
    std::string state = approve ? "approved" : "rejected";
    KEHU_TRY(Finish(s, inst.id, state));
    KEHU_TRY(tx.rs.ChangeState(actor, e, inst.record_id, Action::kRead, json::object{{kStateField, state}},
                               approve ? "approval_approve" : "approval_reject",
                               [](const json::object& current) -> Status {
                                 if (StateOf(current) != "pending") return Conflict("approval_not_pending");
                                 return Ok();
                               }));
    KEHU_ASSIGN(json::object stored, tx.rs.Get(Actor::System(), e, inst.record_id));
    KEHU_TRY(events::Emit(s, {e.name, inst.record_id, state, actor.user_id, std::move(stored)}));
    Notice n{approve ? "approval_approved" : "approval_rejected", &e, inst.record_id, title, actor.display_name, comment};
    if (inst.submitter_id) KEHU_TRY(Send(s, notifier_, n, {inst.submitter_id}));
  }
  KEHU_ASSIGN(json::array rendered, Render(s, actor, {inst.id}));
  if (!rendered.empty()) out = std::move(rendered[0].as_object());
  return Ok();
}

}  // namespace kehu::approvals
