#include "modules/customers/review.h"

namespace kehu::modules::customers {

approvals::FlowDefinition DefaultReviewFlow() {
  approvals::FlowDefinition def;
  def.entity = "customers";
  def.name = "客户审核";
  approvals::Step step;
  step.name = "主管审核";
  step.approver.type = approvals::ApproverType::kRole;
  step.approver.role = "supervisor";
  step.all = false;
  def.steps.push_back(std::move(step));
  return def;
}

Status EnsureReviewFlow(approvals::ApprovalService& approvals) { return approvals.EnsureDefaultFlow(DefaultReviewFlow()); }

}  // namespace kehu::modules::customers
