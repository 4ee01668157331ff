// The approvals engine (审批流, API.md "Approvals"), attachable to any entity whose metadata has an
// approvalState field (draft | pending | approved | rejected | withdrawn, read-only to clients).
//
// Submit: the newest active flow of the entity whose condition matches the record applies; every
// step's approvers are resolved then (approvers.h) and stored with a snapshot of the steps, so
// later edits of the flow or the org never change an instance in flight. Steps run in order;
// any-of: one approval completes the step; all-of: every approver must approve; one rejection
// rejects the whole instance. The record's approvalState follows through RecordService::ChangeState
// (visibility, scope, audit row, version bump, search index), and the instance, its tasks, audit
// rows, notifications, mail and record events ("approved" / "rejected") are written in that same
// transaction.
//
// While pending, the record cannot be updated or deleted (409 approval_pending). An approved
// record that is edited stays approved (the approval covers what was submitted; submit it again to
// have the new data approved).
//
// Audit rows (entity = the record's, visible in GET /audit?entity=&recordId=):
//   approval_submit | approval_withdraw | approval_approve | approval_reject  the state change
//     (changes: approvalState from/to), written by ChangeState;
//   approval_step_approve | approval_step_reject  each approver's decision (changes: approvalStep,
//     approvalComment).
//
// Who sees what: an instance is visible exactly to whoever may read its record; acting needs an
// undecided task in the current step (else 403, or 404 when the record is invisible).
//
// Thread-safety: thread-safe (state lives in the database); decisions on one instance serialize
// on its row.
#pragma once

#include <boost/json/object.hpp>

#include <memory>
#include <string>

#include "approvals/flow.h"
#include "auth/auth_service.h"
#include "db/database.h"
#include "notify/notifier.h"
#include "records/actions.h"
#include "records/hooks.h"
#include "records/record_service.h"

namespace kehu::approvals {

struct InstanceQuery {
  std::string mine;        // "pending" | "submitted" | "" (then entity and record_id are required)
  std::string entity;
  int64_t record_id = 0;
  int page = 1;
  int page_size = 50;
};

class ApprovalService {
 public:
  // `notifier` may be null (no in-app notifications, e.g. CLI tools).
  ApprovalService(db::Database& db, std::shared_ptr<const meta::Registry> registry, const records::AccessPolicy& access,
                  const records::Hooks& hooks, records::RecordService& records, auth::AuthService& auth,
                  notify::Notifier* notifier);

  // Registers "*" actions submit, withdraw, approve, reject (the last two act on the record's
  // pending instance: aliases of /approvals/{id}/approve|reject) and the edit/delete lock of every
  // entity with approvals. Start-up only.
  void Register(records::Actions& actions, records::Hooks& hooks);

  // Flows (admins only: 403 otherwise). Bad input: 422 with field errors, nothing saved.
  Result<boost::json::array> ListFlows(const records::Actor& actor, const std::string& entity);
  Result<boost::json::object> GetFlow(const records::Actor& actor, int64_t id);
  Result<boost::json::object> CreateFlow(const records::Actor& actor, const boost::json::object& body);
  // A new version; records in flight keep the steps they started with.
  Result<boost::json::object> UpdateFlow(const records::Actor& actor, int64_t id, const boost::json::object& body);
  Result<boost::json::object> DeactivateFlow(const records::Actor& actor, int64_t id);
  // Seeds `def` (unchecked: start-up, roles may not exist yet) unless its entity ever had a flow.
  Status EnsureDefaultFlow(const FlowDefinition& def);

  // POST /{entity}/{id}/submit {"comment"?}: needs edit on the record. 409 approval_pending,
  // no_approval_flow, no_approver, manager_cycle. Returns the record.
  Result<boost::json::object> Submit(const records::Actor& actor, const meta::Entity& e, int64_t id,
                                     const boost::json::object& body);
  // POST /{entity}/{id}/withdraw: the submitter or an admin. Returns the record.
  Result<boost::json::object> Withdraw(const records::Actor& actor, const meta::Entity& e, int64_t id);
  // POST /approvals/{id}/approve|reject {"comment"} (required to reject). Returns the instance.
  Result<boost::json::object> Decide(const records::Actor& actor, int64_t instance_id, bool approve,
                                     const boost::json::object& body);
  // The same on the record's pending instance (POST /{entity}/{id}/approve|reject).
  Result<boost::json::object> DecideOnRecord(const records::Actor& actor, const meta::Entity& e, int64_t id,
                                             bool approve, const boost::json::object& body);

  // {"items":[instance…],"total","page","pageSize"}, newest first.
  Result<boost::json::object> List(const records::Actor& actor, const InstanceQuery& q);
  Result<boost::json::object> Get(const records::Actor& actor, int64_t id);

 private:
  struct Tx;  // one write transaction's record service and session
  Status Advance(Tx& tx, const records::Actor& actor, const meta::Entity& e, int64_t instance_id, bool approve,
                 const std::string& comment, boost::json::object& out);
  Result<boost::json::array> Render(db::Session& s, const records::Actor& actor, std::vector<int64_t> ids);
  std::string VisibilitySql(const records::Actor& actor, std::vector<db::Value>& params) const;

  db::Database& db_;
  std::shared_ptr<const meta::Registry> registry_;
  const records::AccessPolicy& access_;
  const records::Hooks& hooks_;
  records::RecordService& records_;
  auth::AuthService& auth_;
  notify::Notifier* notifier_;
};

}  // namespace kehu::approvals
