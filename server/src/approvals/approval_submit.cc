// Submitting a record for approval, withdrawing it, and the registration of the record actions
// and the pending-record lock.
#include "approvals/approval_service.h"
#include "approvals/approvers.h"
#include "approvals/flow_store.h"
#include "approvals/instance_store.h"
#include "approvals/internal.h"
#include "approvals/notices.h"
#include "records/audit.h"

namespace kehu::approvals {
namespace json = boost::json;
using records::Action;
using records::Actor;

Result<std::string> ParseComment(const json::object& body, bool required) {
  auto* c = body.if_contains("comment");
  bool blank = !c || c->is_null() || (c->is_string() && c->as_string().find_first_not_of(" \t\r\n") == json::string::npos);
  if (blank) {
    if (required) return ValidationFailed().Field("comment", "required");
    return std::string();
  }
  if (!c->is_string()) return InvalidInput("wrong_type").Field("comment", "wrong_type");
  if (records::Utf8Length(c->as_string()) > kMaxCommentLength) return ValidationFailed().Field("comment", "too_long");
  return std::string(c->as_string());
}

std::string StateOf(const json::object& record) {
  auto* v = record.if_contains(kStateField);
  return v && v->is_string() ? std::string(v->as_string()) : "draft";
}

std::string TitleOf(const meta::Entity& e, const json::object& record) {
  auto* v = record.if_contains(e.title_field);
  return v && v->is_string() ? std::string(v->as_string()) : "#" + std::to_string(record.at("id").to_number<int64_t>());
}

Result<std::string> UserName(db::Session& s, int64_t user_id) {
  if (!user_id) return std::string();
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT display_name FROM users WHERE id = ?", {db::Value(user_id)}));
  return rows.empty() ? std::string() : db::AsText(rows.rows[0][0]);
}

namespace {

records::RecordService::StateGuard Not(const std::string& state, const char* code) {
  return [state, code](const json::object& current) -> Status {
    if (StateOf(current) == state) return Conflict(code);
    return Ok();
  };
}

records::RecordService::StateGuard Is(const std::string& state) {
  return [state](const json::object& current) -> Status {
    if (StateOf(current) != state) return Conflict("approval_not_pending");
    return Ok();
  };
}

}  // namespace

ApprovalService::ApprovalService(db::Database& db, std::shared_ptr<const meta::Registry> registry,
                                 const records::AccessPolicy& access, const records::Hooks& hooks,
                                 records::RecordService& records, auth::AuthService& auth, notify::Notifier* notifier)
    : db_(db), registry_(std::move(registry)), access_(access), hooks_(hooks), records_(records), auth_(auth),
      notifier_(notifier) {}

void ApprovalService::Register(records::Actions& actions, records::Hooks& hooks) {
  // The generic actions answer 404 on entities without approvals, like any unknown action.
  actions.Register("*", "submit", [this](const Actor& a, const meta::Entity& e, int64_t id, const json::object& body) {
    return Submit(a, e, id, body);
  });
  actions.Register("*", "withdraw", [this](const Actor& a, const meta::Entity& e, int64_t id, const json::object&) {
    return Withdraw(a, e, id);
  });
  for (bool approve : {true, false})
    actions.Register("*", approve ? "approve" : "reject",
                     [this, approve](const Actor& a, const meta::Entity& e, int64_t id, const json::object& body) {
                       return DecideOnRecord(a, e, id, approve, body);
                     });
  // While pending, the record stays as submitted.
  auto locked = [](records::HookContext& ctx) -> Status {
    if (ctx.before && StateOf(*ctx.before) == "pending") return Conflict("approval_pending");
    return Ok();
  };
  for (const auto& e : registry_->entities()) {
    if (!SupportsApprovals(e)) continue;
    hooks.On(e.name, records::HookPoint::kBeforeUpdate, locked);
    hooks.On(e.name, records::HookPoint::kBeforeDelete, locked);
  }
}

Result<json::object> ApprovalService::Submit(const Actor& actor, const meta::Entity& e, int64_t id,
                                             const json::object& body) {
  if (!SupportsApprovals(e)) return NotFound();
  KEHU_ASSIGN(std::string comment, ParseComment(body, false));
  json::object record;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    Tx tx(s, *this);
    // Visibility, edit scope and the state first: a caller who may not submit learns nothing of flows.
    KEHU_ASSIGN(record, tx.rs.ChangeState(actor, e, id, Action::kEdit, json::object{{kStateField, "pending"}},
                                          "approval_submit", Not("pending", "approval_pending")));
    KEHU_ASSIGN(auto flow, MatchingFlow(s, db_.dialect(), e, id));
    if (!flow) return Conflict("no_approval_flow");
    ApproverContext ctx{s, auth_, access_, e, id, actor.user_id};
    std::vector<std::vector<int64_t>> approvers;
    for (size_t i = 0; i < flow->steps.size(); ++i) {
      KEHU_ASSIGN(std::vector<int64_t> ids, ResolveApprovers(ctx, flow->steps[i].approver));
      if (ids.empty()) return Conflict("no_approver").Arg("step", std::to_string(i + 1));
      approvers.push_back(std::move(ids));
    }
    Instance inst;
    inst.entity = e.name;
    inst.record_id = id;
    inst.flow_id = flow->id;
    inst.flow_version = flow->version;
    inst.flow_name = flow->name;
    inst.steps = flow->steps;
    inst.submitter_id = actor.user_id;
    inst.comment = comment;
    KEHU_TRY(InsertInstance(s, inst, approvers));
    Notice n{"approval_requested", &e, id, TitleOf(e, record), actor.display_name, comment};
    return Send(s, notifier_, n, approvers[0]);
  }));
  return record;
}

Result<json::object> ApprovalService::Withdraw(const Actor& actor, const meta::Entity& e, int64_t id) {
  if (!SupportsApprovals(e)) return NotFound();
  json::object record;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    Tx tx(s, *this);
    KEHU_ASSIGN(json::object current, tx.rs.Get(actor, e, id));
    KEHU_ASSIGN(auto inst, PendingInstanceOf(s, e.name, id));
    if (!inst) return Conflict("approval_not_pending");
    if (inst->submitter_id != actor.user_id && !actor.is_admin) return Forbidden();
    KEHU_TRY(Finish(s, inst->id, "withdrawn"));
    KEHU_ASSIGN(record, tx.rs.ChangeState(actor, e, id, Action::kRead, json::object{{kStateField, "withdrawn"}},
                                          "approval_withdraw", Is("pending")));
    Notice n{"approval_withdrawn", &e, id, TitleOf(e, current), actor.display_name, ""};
    return Send(s, notifier_, n, inst->UndecidedInCurrentStep());
  }));
  return record;
}

}  // namespace kehu::approvals
