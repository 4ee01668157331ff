// Who approves a step: resolves a step's approver rule to users at submission time.
//   user           that user
//   manager        the submitter's manager (users.manager_id)
//   manager_chain  up to `levels` managers up the submitter's reporting line, stopping at the top
//   role           every active user holding the role
// Only active users who may read the record are kept (the same SQL predicate as every read), so
// an approver never decides on a record they cannot see.
#pragma once

#include <vector>

#include "approvals/flow.h"
#include "auth/auth_service.h"
#include "db/database.h"
#include "records/access.h"

namespace kehu::approvals {

struct ApproverContext {
  db::Session& session;
  auth::AuthService& auth;
  const records::AccessPolicy& access;
  const meta::Entity& entity;
  int64_t record_id = 0;
  int64_t submitter_id = 0;  // 0 = the system: has no manager
};

// The approvers' user ids, in a stable order, without duplicates; may be empty (the caller says
// no_approver). kConflict "manager_cycle" when the reporting line loops back on itself.
Result<std::vector<int64_t>> ResolveApprovers(const ApproverContext& ctx, const Approver& rule);

// Whether user `user_id` (active) may read the record.
Result<bool> MayRead(const ApproverContext& ctx, int64_t user_id);

}  // namespace kehu::approvals
