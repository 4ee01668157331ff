// 客户审核 on the approvals engine: a fresh install reviews customers with the seeded flow (one step,
// any 主管 who may see the customer) and nothing configured; submit → approve | reject (with a
// reason) → resubmit; withdraw; the old routes customers/{id}/approve|reject still work; a pending
// customer is locked (also against merges); approvalState is the system's; another department's
// supervisor cannot even see the customer.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class CustomerReviewTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg(false);
    HttpResponse r = As("east1").Post("/api/v1/customers", json::object{{"name", "审核流程测试公司"}});
    ASSERT_EQ(r.status, 201) << r.Describe();
    customer_ = r.json.as_object();
    path_ = "/api/v1/customers/" + IdStr(At(customer_, "id"));
  }
  HttpResponse Act(Client& c, const std::string& action, const json::object& body = {}) {
    return c.Post(path_ + "/" + action, body);
  }
  std::string State() { return Str(admin->Get(path_).json, "approvalState"); }
  // The newest approval instance of the customer, as the admin sees it.
  json::value Instance() {
    HttpResponse r = admin->Get("/api/v1/approvals?entity=customers&recordId=" + IdStr(At(customer_, "id")));
    EXPECT_EQ(r.status, 200) << r.Describe();
    const auto& items = At(r.json, "items");
    return items.is_array() && !items.get_array().empty() ? items.get_array()[0] : json::value();
  }
  json::object customer_;
  std::string path_;
};

TEST_F(CustomerReviewTest, TheSeededFlowLetsTheSupervisorApprove) {
  EXPECT_EQ(State(), "draft");
  HttpResponse submitted = Act(As("east1"), "submit");
  ASSERT_EQ(submitted.status, 200) << submitted.Describe();
  EXPECT_EQ(Str(submitted.json, "approvalState"), "pending");
  json::value inst = Instance();
  EXPECT_EQ(Str(inst, "flowName"), "客户审核");
  HttpResponse approved = Act(As("sup_east"), "approve", {{"comment", "资料齐全"}});
  ASSERT_EQ(approved.status, 200) << approved.Describe();
  EXPECT_EQ(Str(approved.json, "approvalState"), "approved");
  inst = Instance();
  EXPECT_EQ(Str(inst, "state"), "approved");
  const auto& decision = At(At(inst, "steps").get_array()[0], "approvers").get_array()[0];
  EXPECT_EQ(IdStr(At(decision, "userId")), IdStr(M("sup_east").id)) << "who decided";
  EXPECT_EQ(Str(decision, "comment"), "资料齐全");
  EXPECT_FALSE(Str(decision, "decidedAt").empty());
  HttpResponse history = admin->Get("/api/v1/audit?entity=customers&recordId=" + IdStr(At(customer_, "id")));
  EXPECT_NE(history.body.find("approval_submit"), std::string::npos);
  EXPECT_NE(history.body.find("approval_approve"), std::string::npos);
}

TEST_F(CustomerReviewTest, RejectNeedsAReasonAndTheRepMayResubmit) {
  ASSERT_EQ(Act(As("east1"), "submit").status, 200);
  EXPECT_EQ(Act(As("sup_east"), "reject").status, 422) << "a rejection needs a reason";
  HttpResponse rejected = Act(As("sup_east"), "reject", {{"comment", "缺少统一社会信用代码"}});
  ASSERT_EQ(rejected.status, 200) << rejected.Describe();
  EXPECT_EQ(Str(rejected.json, "approvalState"), "rejected");
  json::value inst = Instance();
  const auto& decision = At(At(inst, "steps").get_array()[0], "approvers").get_array()[0];
  EXPECT_EQ(Str(decision, "comment"), "缺少统一社会信用代码");
  EXPECT_EQ(Act(As("east1"), "submit").status, 200) << "fixed and submitted again";
  EXPECT_EQ(State(), "pending");
}

TEST_F(CustomerReviewTest, APendingCustomerIsLockedUntilWithdrawn) {
  ASSERT_EQ(Act(As("east1"), "submit").status, 200);
  json::object current = admin->Get(path_).json.as_object();
  HttpResponse edit = As("east1").Patch(path_, json::object{{"version", At(current, "version")}, {"remarks", "改一下"}});
  EXPECT_EQ(edit.status, 409) << edit.Describe();
  EXPECT_EQ(Str(At(edit.json, "error"), "code"), "approval_pending");
  EXPECT_EQ(Act(As("east1"), "submit").status, 409) << "already pending";
  json::object other = CreateCustomer({{"name", "合并对象公司"}});
  EXPECT_EQ(admin->Post(path_ + "/merge", json::object{{"fromId", At(other, "id")}}).status, 409) << "merging into a pending customer edits it";
  EXPECT_EQ(admin->Post("/api/v1/customers/" + IdStr(At(other, "id")) + "/merge", json::object{{"fromId", At(customer_, "id")}}).status, 409);
  ASSERT_EQ(Act(As("east1"), "withdraw").status, 200);
  EXPECT_EQ(State(), "withdrawn");
  current = admin->Get(path_).json.as_object();
  EXPECT_EQ(As("east1").Patch(path_, json::object{{"version", At(current, "version")}, {"remarks", "改一下"}}).status, 200);
}

TEST_F(CustomerReviewTest, OnlyTheStepsApproversMayDecide) {
  ASSERT_EQ(Act(As("east1"), "submit").status, 200);
  EXPECT_EQ(Act(As("east1"), "approve").status, 403) << "a rep cannot approve their own customer";
  EXPECT_EQ(Act(As("exec"), "approve").status, 403) << "executives see it but are not in the flow";
  EXPECT_EQ(Act(As("east2"), "approve").status, 404) << "another rep cannot see it";
  EXPECT_EQ(Act(As("sup_south"), "approve").status, 404) << "another department's supervisor cannot see it";
  EXPECT_EQ(Act(As("south1"), "submit").status, 404);
  EXPECT_EQ(State(), "pending") << "refused decisions change nothing";
  HttpResponse direct = As("east1").Post("/api/v1/customers", json::object{{"name", "自批公司"}, {"approvalState", "approved"}});
  EXPECT_EQ(direct.status, 400) << "approvalState is the system's";
}

}  // namespace
}  // namespace kehu::apitest
