// 客户审核 (issue #5): a customer's data is submitted for review, then approved or rejected (with a
// reason) by a reviewer — an admin, executive or supervisor whose edit scope covers the customer.
// States: draft 未提交 → pending 待审核 → approved 已审核 | rejected 已驳回 (→ pending again);
// withdraw takes a pending one back to draft. A pending customer cannot be edited (409).
// The approvals engine of issue #8 will take this over; the actions and states stay.
#pragma once

#include "records/actions.h"
#include "records/hooks.h"
#include "records/record_service.h"

namespace kehu::modules::customers {

// Registers POST /api/v1/customers/{id}/submit|withdraw|approve|reject ({"comment"}) and the
// edit lock. Start-up only.
void RegisterReview(records::Actions& actions, records::Hooks& hooks, records::RecordService& records);

}  // namespace kehu::modules::customers
