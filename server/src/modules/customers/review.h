// 客户审核 (issue #5) runs on the approvals engine (approvals/approval_service.h): customers carry
// approvalState, and POST /api/v1/customers/{id}/submit|withdraw|approve|reject are the engine's
// generic record actions. What stays here is the customers module's default flow, so a fresh
// install can review customers without configuring anything.
#pragma once

#include "approvals/approval_service.h"
#include "records/actions.h"
#include "records/hooks.h"
#include "records/record_service.h"

namespace kehu::modules::customers {

// The flow seeded for customers: one step, any one 主管 (role supervisor) who may see the customer
// (the supervisor of the rep's department tree in the default roles).
approvals::FlowDefinition DefaultReviewFlow();

// Seeds DefaultReviewFlow() unless customers ever had a flow (one an admin turned off stays off).
Status EnsureReviewFlow(approvals::ApprovalService& approvals);

}  // namespace kehu::modules::customers
