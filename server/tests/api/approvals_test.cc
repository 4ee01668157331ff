// Approvals engine (issue #8 item 5): flows configured by admins (validation: every bad input a
// 4xx with nothing saved), which flow applies (condition, newest wins, in-flight snapshot), who
// approves (user, manager, manager chain, role; only people who may read the record), any-of and
// all-of, rejection with a reason, withdrawal, the pending lock, audit rows and the inbox, and
// the attacker side: another rep can neither see nor act.
//
// Org (access_helpers.h): exec; sup_east with east1..4 (managerId sup_east); sup_south, south1..4.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class ApprovalsTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg(false);
  }

  static json::object Step(json::object approver, const std::string& mode = "any") {
    return json::object{{"approver", std::move(approver)}, {"mode", mode}};
  }
  static json::object UserStep(const json::value& id, const std::string& mode = "any") {
    return Step({{"type", "user"}, {"userId", id}}, mode);
  }
  // POST /approval-flows as admin; asserts 201.
  json::object CreateFlow(const std::string& name, json::array steps, json::object condition = {}) {
    HttpResponse r = admin->Post("/api/v1/approval-flows", json::object{{"entity", "customers"}, {"name", name},
                                                                        {"condition", condition}, {"steps", steps}});
    EXPECT_EQ(r.status, 201) << r.Describe();
    return r.json.is_object() ? r.json.get_object() : json::object{};
  }
  json::object Customer(const std::string& key, const std::string& name, json::object extra = {}) {
    extra["name"] = name;
    HttpResponse r = As(key).Post("/api/v1/customers", extra);
    EXPECT_EQ(r.status, 201) << r.Describe();
    return r.json.is_object() ? r.json.get_object() : json::object{};
  }
  static std::string PathOf(const json::object& c) { return RecordPath("customers", c.at("id")); }
  HttpResponse Submit(const std::string& key, const json::object& c) { return As(key).Post(PathOf(c) + "/submit", json::object{}); }
  // The record's instances as `key` sees them (newest first).
  HttpResponse InstancesOf(Client& client, const json::object& c) {
    return client.Get("/api/v1/approvals?entity=customers&recordId=" + IdStr(c.at("id")));
  }
  json::object Latest(const json::object& c) {
    HttpResponse r = InstancesOf(*admin, c);
    EXPECT_EQ(r.status, 200) << r.Describe();
    const auto& items = At(r.json, "items");
    return items.is_array() && !items.get_array().empty() ? items.get_array()[0].get_object() : json::object{};
  }
  HttpResponse Decide(const std::string& key, const json::object& instance, const std::string& verb,
                      const std::string& comment = "") {
    json::object body;
    if (!comment.empty()) body["comment"] = comment;
    return As(key).Post("/api/v1/approvals/" + IdStr(instance.at("id")) + "/" + verb, body);
  }
  std::string StateOf(const json::object& c) { return Str(admin->Get(PathOf(c)).json, "approvalState"); }
  // User ids of step `i`'s approvers.
  static std::set<std::string> ApproversOf(const json::object& instance, size_t i) {
    std::set<std::string> ids;
    json::value whole(instance);
    const auto& steps = At(whole, "steps");
    if (!steps.is_array() || steps.get_array().size() <= i) return ids;
    for (const auto& a : At(steps.get_array()[i], "approvers").get_array()) ids.insert(IdStr(At(a, "userId")));
    return ids;
  }
  std::vector<std::string> PendingFor(const std::string& key) {
    HttpResponse r = As(key).Get("/api/v1/approvals?mine=pending");
    EXPECT_EQ(r.status, 200) << r.Describe();
    std::vector<std::string> titles;
    for (const auto& item : At(r.json, "items").get_array()) titles.push_back(Str(item, "recordTitle"));
    return titles;
  }
  size_t FlowCount() {
    HttpResponse r = admin->Get("/api/v1/approval-flows");
    EXPECT_EQ(r.status, 200) << r.Describe();
    return At(r.json, "items").is_array() ? At(r.json, "items").get_array().size() : 0;
  }
  void PatchUser(const std::string& key, json::object fields) {
    HttpResponse u = admin->Get("/api/v1/users/" + IdStr(M(key).id));
    fields["version"] = At(u.json, "version");
    HttpResponse r = admin->Patch("/api/v1/users/" + IdStr(M(key).id), fields);
    ASSERT_EQ(r.status, 200) << r.Describe();
  }
};

TEST_F(ApprovalsTest, BadFlowsAreRefusedAndNothingIsSaved) {
  size_t before = FlowCount();
  EXPECT_EQ(before, 1u) << "the seeded customer review flow";
  json::array good{UserStep(M("sup_east").id)};
  EXPECT_EQ(As("sup_east").Post("/api/v1/approval-flows", json::object{{"entity", "customers"}, {"name", "x"}, {"steps", good}}).status, 403);
  PatchUser("east4", {{"active", false}});
  struct Case {
    json::object body;
    std::string field, code;
  };
  auto flow = [&](json::value steps, json::object extra = {}) {
    json::object b{{"entity", "customers"}, {"name", "坏流程"}, {"steps", steps}};
    for (auto& [k, v] : extra) b[k] = v;
    return b;
  };
  std::vector<Case> cases = {
      {flow(json::array{}), "steps", "required"},
      {json::object{{"entity", "customers"}, {"name", "无步骤"}}, "steps", "required"},
      {flow(good, {{"entity", "nothing"}}), "entity", "unknown_entity"},
      {flow(good, {{"entity", "contacts"}}), "entity", "approvals_not_supported"},
      {flow(good, {{"name", ""}}), "name", "required"},
      {flow(json::array{Step({{"type", "role"}, {"role", "boss"}})}), "steps[0].approver.role", "unknown_role"},
      {flow(json::array{UserStep(99999999)}), "steps[0].approver.userId", "unknown_user"},
      {flow(json::array{UserStep(M("east4").id)}), "steps[0].approver.userId", "inactive_user"},
      {flow(json::array{Step({{"type", "manager_chain"}, {"levels", 0}})}), "steps[0].approver.levels", "out_of_range"},
      {flow(json::array{Step({{"type", "manager_chain"}, {"levels", 11}})}), "steps[0].approver.levels", "out_of_range"},
      {flow(json::array{Step({{"type", "boss"}})}), "steps[0].approver.type", "unknown_type"},
      {flow(json::array{Step({{"type", "manager"}}, "most")}), "steps[0].mode", "bad_value"},
      {flow(good, {{"condition", json::object{{"nmae", "x"}}}}), "condition", "unknown_field"},
      {flow(good, {{"condition", json::object{{"category[like]", "x"}}}}), "condition", "unknown_operator"},
      {flow(good, {{"condition", json::object{{"ownerId", "abc"}}}}), "condition", "bad_filter_value"},
  };
  for (const auto& c : cases) {
    HttpResponse r = admin->Post("/api/v1/approval-flows", c.body);
    EXPECT_EQ(r.status, 422) << json::serialize(c.body) << " -> " << r.Describe();
    EXPECT_EQ(FieldError(r, c.field), c.code) << json::serialize(c.body) << " -> " << r.Describe();
  }
  HttpResponse unknown = admin->Post("/api/v1/approval-flows", flow(good, {{"priority", 1}}));
  EXPECT_EQ(unknown.status, 400) << unknown.Describe();
  EXPECT_EQ(FlowCount(), before) << "nothing saved";
  // A bad edit changes nothing either.
  json::object f = CreateFlow("好流程", good);
  HttpResponse edit = admin->Patch("/api/v1/approval-flows/" + IdStr(f.at("id")), json::object{{"steps", json::array{}}});
  EXPECT_EQ(edit.status, 422) << edit.Describe();
  HttpResponse again = admin->Get("/api/v1/approval-flows/" + IdStr(f.at("id")));
  EXPECT_EQ(At(again.json, "version").to_number<int64_t>(), 1);
  EXPECT_EQ(At(again.json, "steps").get_array().size(), 1u);
}

TEST_F(ApprovalsTest, TheConditionPicksTheFlowAndTheNewestMatchingOneWins) {
  json::object older = CreateFlow("代理商审核（旧）", json::array{UserStep(M("exec").id)}, {{"category", "agent"}});
  json::object newer = CreateFlow("代理商审核", json::array{UserStep(M("sup_east").id)}, {{"category[in]", "agent,partner"}});
  json::object agent = Customer("east1", "代理商甲公司", {{"category", "agent"}});
  json::object plain = Customer("east1", "普通乙公司", {{"category", "potential"}});
  ASSERT_EQ(Submit("east1", agent).status, 200);
  ASSERT_EQ(Submit("east1", plain).status, 200);
  EXPECT_EQ(Str(Latest(agent), "flowName"), "代理商审核");
  EXPECT_EQ(Str(Latest(plain), "flowName"), "客户审核") << "only the seeded flow matches";
  EXPECT_EQ(ApproversOf(Latest(plain), 0), std::set<std::string>{IdStr(M("sup_east").id)})
      << "role supervisor: only the supervisor who may see the customer";
  ASSERT_EQ(admin->Delete("/api/v1/approval-flows/" + IdStr(newer.at("id"))).status, 204);
  json::object agent2 = Customer("east2", "代理商丙公司", {{"category", "agent"}});
  ASSERT_EQ(Submit("east2", agent2).status, 200);
  EXPECT_EQ(Str(Latest(agent2), "flowName"), "代理商审核（旧）") << "a deactivated flow no longer applies";
  EXPECT_EQ(IdStr(At(Latest(agent2), "flowId")), IdStr(older.at("id")));
}

TEST_F(ApprovalsTest, RecordsInFlightKeepTheStepsTheyStartedWith) {
  json::object flow = CreateFlow("单人审批", json::array{UserStep(M("sup_east").id)});
  json::object c = Customer("east1", "快照甲公司");
  ASSERT_EQ(Submit("east1", c).status, 200);
  HttpResponse edit = admin->Patch("/api/v1/approval-flows/" + IdStr(flow.at("id")),
                                   json::object{{"version", 1}, {"steps", json::array{UserStep(M("exec").id)}}});
  ASSERT_EQ(edit.status, 200) << edit.Describe();
  EXPECT_EQ(At(edit.json, "version").to_number<int64_t>(), 2);
  json::object inst = Latest(c);
  EXPECT_EQ(At(inst, "flowVersion").to_number<int64_t>(), 1);
  EXPECT_EQ(ApproversOf(inst, 0), std::set<std::string>{IdStr(M("sup_east").id)});
  EXPECT_EQ(Decide("exec", inst, "approve").status, 403) << "the new version's approver has no say in flight";
  ASSERT_EQ(Decide("sup_east", inst, "approve").status, 200);
  EXPECT_EQ(StateOf(c), "approved");
  json::object c2 = Customer("east1", "快照乙公司");
  ASSERT_EQ(Submit("east1", c2).status, 200);
  EXPECT_EQ(At(Latest(c2), "flowVersion").to_number<int64_t>(), 2);
  EXPECT_EQ(ApproversOf(Latest(c2), 0), std::set<std::string>{IdStr(M("exec").id)});
}

TEST_F(ApprovalsTest, ManagerChainRoleAndUserStepsWithAnyAndAll) {
  PatchUser("sup_east", {{"managerId", M("exec").id}});
  CreateFlow("四步审批",
             json::array{Step({{"type", "manager"}}), Step({{"type", "manager_chain"}, {"levels", 5}}, "all"),
                         Step({{"type", "role"}, {"role", "supervisor"}}), UserStep(M("exec").id)},
             {{"name[startsWith]", "四步"}});
  json::object c = Customer("east1", "四步甲公司");
  HttpResponse submitted = As("east1").Post(PathOf(c) + "/submit", json::object{{"comment", "请审批"}});
  ASSERT_EQ(submitted.status, 200) << submitted.Describe();
  EXPECT_EQ(Str(submitted.json, "approvalState"), "pending");
  json::object inst = Latest(c);
  EXPECT_EQ(Str(inst, "comment"), "请审批");
  std::string sup = IdStr(M("sup_east").id), exec = IdStr(M("exec").id);
  EXPECT_EQ(ApproversOf(inst, 0), std::set<std::string>{sup}) << "manager";
  EXPECT_EQ(ApproversOf(inst, 1), (std::set<std::string>{sup, exec})) << "chain of 5 stops at the top";
  EXPECT_EQ(ApproversOf(inst, 2), std::set<std::string>{sup}) << "role: sup_south may not read it";
  EXPECT_EQ(ApproversOf(inst, 3), std::set<std::string>{exec});
  EXPECT_EQ(Decide("exec", inst, "approve").status, 403) << "not in the current step";
  ASSERT_EQ(Decide("sup_east", inst, "approve").status, 200);
  EXPECT_EQ(At(Latest(c), "currentStep").to_number<int64_t>(), 1);
  HttpResponse half = Decide("sup_east", inst, "approve", "同意");
  ASSERT_EQ(half.status, 200) << half.Describe();
  EXPECT_EQ(At(half.json, "currentStep").to_number<int64_t>(), 1) << "all-of: exec still to sign";
  EXPECT_EQ(Decide("sup_east", inst, "approve").status, 409) << "already decided";
  ASSERT_EQ(Decide("exec", inst, "approve").status, 200);
  EXPECT_EQ(At(Latest(c), "currentStep").to_number<int64_t>(), 2);
  EXPECT_EQ(StateOf(c), "pending");
  ASSERT_EQ(Decide("sup_east", inst, "approve").status, 200);
  HttpResponse last = Decide("exec", inst, "approve", "通过");
  ASSERT_EQ(last.status, 200) << last.Describe();
  EXPECT_EQ(Str(last.json, "state"), "approved");
  EXPECT_EQ(StateOf(c), "approved");
  const auto& step1 = At(last.json, "steps").get_array()[1];
  EXPECT_EQ(Str(step1, "state"), "approved");
  bool found_comment = false;
  for (const auto& a : At(step1, "approvers").get_array())
    found_comment |= Str(a, "comment") == "同意" && Str(a, "decision") == "approved" && !Str(a, "decidedAt").empty();
  EXPECT_TRUE(found_comment) << json::serialize(step1);
  HttpResponse history = admin->Get("/api/v1/audit?entity=customers&recordId=" + IdStr(c.at("id")));
  ASSERT_EQ(history.status, 200);
  for (const char* action : {"approval_submit", "approval_step_approve", "approval_approve"})
    EXPECT_NE(history.body.find(std::string("\"") + action + "\""), std::string::npos) << action;
  EXPECT_NE(history.body.find("同意"), std::string::npos) << "the decision's comment is in the history";
}

TEST_F(ApprovalsTest, NoFlowNoApproverAndManagerCyclesAreClearErrors) {
  CreateFlow("外人审批", json::array{UserStep(M("south1").id)}, {{"name[startsWith]", "外人"}});
  json::object stranger = Customer("east1", "外人甲公司");
  HttpResponse none = Submit("east1", stranger);
  EXPECT_EQ(none.status, 409) << none.Describe();
  EXPECT_EQ(Str(At(none.json, "error"), "code"), "no_approver") << "south1 may not read it";
  EXPECT_EQ(StateOf(stranger), "draft") << "nothing happened";
  EXPECT_EQ(TotalOf(InstancesOf(*admin, stranger)), 0);

  CreateFlow("循环", json::array{Step({{"type", "manager_chain"}, {"levels", 3}})}, {{"name[startsWith]", "循环"}});
  ASSERT_EQ(server->ExecSql("UPDATE users SET manager_id = " + IdStr(M("east1").id) + " WHERE id = " + IdStr(M("sup_east").id)), "");
  json::object looped = Customer("east1", "循环甲公司");
  HttpResponse cycle = Submit("east1", looped);
  EXPECT_EQ(cycle.status, 409) << cycle.Describe();
  EXPECT_EQ(Str(At(cycle.json, "error"), "code"), "manager_cycle");
  EXPECT_EQ(StateOf(looped), "draft");

  HttpResponse flows = admin->Get("/api/v1/approval-flows?entity=customers");
  for (const auto& f : At(flows.json, "items").get_array())
    ASSERT_EQ(admin->Delete("/api/v1/approval-flows/" + IdStr(At(f, "id"))).status, 204);
  json::object plain = Customer("east2", "无流程公司");
  HttpResponse no_flow = Submit("east2", plain);
  EXPECT_EQ(no_flow.status, 409) << no_flow.Describe();
  EXPECT_EQ(Str(At(no_flow.json, "error"), "code"), "no_approval_flow");
  EXPECT_EQ(StateOf(plain), "draft");
}

TEST_F(ApprovalsTest, RejectNeedsAReasonAndOutsidersCanNeitherSeeNorAct) {
  json::object c = Customer("east1", "驳回甲公司");
  ASSERT_EQ(Submit("east1", c).status, 200);
  json::object inst = Latest(c);
  std::string id = IdStr(inst.at("id"));
  for (const char* outsider : {"east2", "sup_south", "south1"}) {
    EXPECT_EQ(Decide(outsider, inst, "approve").status, 404) << outsider;
    EXPECT_EQ(Decide(outsider, inst, "reject", "不行").status, 404) << outsider;
    EXPECT_EQ(As(outsider).Get("/api/v1/approvals/" + id).status, 404) << outsider;
    EXPECT_EQ(InstancesOf(As(outsider), c).status, 404) << outsider;
    EXPECT_EQ(As(outsider).Post(PathOf(c) + "/approve", json::object{}).status, 404) << outsider;
    EXPECT_EQ(As(outsider).Post(PathOf(c) + "/withdraw", json::object{}).status, 404) << outsider;
    EXPECT_TRUE(PendingFor(outsider).empty()) << outsider;
  }
  EXPECT_EQ(Decide("east1", inst, "approve").status, 403) << "the submitter is no approver";
  EXPECT_EQ(Decide("exec", inst, "approve").status, 403) << "may read it, but is no approver";
  EXPECT_EQ(As("east1").Get("/api/v1/approvals/" + id).status, 200) << "the submitter sees it";
  HttpResponse bare = Decide("sup_east", inst, "reject");
  EXPECT_EQ(bare.status, 422) << bare.Describe();
  EXPECT_EQ(FieldError(bare, "comment"), "required");
  EXPECT_EQ(StateOf(c), "pending") << "refused decisions change nothing";
  HttpResponse rejected = Decide("sup_east", inst, "reject", "缺少统一社会信用代码");
  ASSERT_EQ(rejected.status, 200) << rejected.Describe();
  EXPECT_EQ(Str(rejected.json, "state"), "rejected");
  EXPECT_EQ(StateOf(c), "rejected");
  EXPECT_EQ(Decide("sup_east", inst, "approve").status, 409) << "finished";
  ASSERT_EQ(Submit("east1", c).status, 200) << "fixed and submitted again";
  EXPECT_EQ(TotalOf(InstancesOf(As("east1"), c)), 2);
}

TEST_F(ApprovalsTest, APendingRecordIsLockedUntilWithdrawn) {
  json::object c = Customer("east1", "锁定甲公司");
  HttpResponse submitted = Submit("east1", c);
  ASSERT_EQ(submitted.status, 200);
  EXPECT_EQ(Submit("east1", c).status, 409) << "already pending";
  HttpResponse edit = As("east1").Patch(PathOf(c), json::object{{"version", At(submitted.json, "version")}, {"remarks", "改"}});
  EXPECT_EQ(edit.status, 409) << edit.Describe();
  EXPECT_EQ(Str(At(edit.json, "error"), "code"), "approval_pending");
  HttpResponse del = admin->Delete(PathOf(c));
  EXPECT_EQ(del.status, 409) << del.Describe();
  EXPECT_EQ(Str(At(del.json, "error"), "code"), "approval_pending");
  HttpResponse direct = As("east1").Patch(PathOf(c), json::object{{"version", At(submitted.json, "version")}, {"approvalState", "approved"}});
  EXPECT_EQ(direct.status, 400) << "approvalState is the engine's";
  EXPECT_EQ(As("sup_east").Post(PathOf(c) + "/withdraw", json::object{}).status, 403) << "only the submitter or an admin";
  ASSERT_EQ(PendingFor("sup_east").size(), 1u);
  HttpResponse withdrawn = As("east1").Post(PathOf(c) + "/withdraw", json::object{});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.Describe();
  EXPECT_EQ(Str(withdrawn.json, "approvalState"), "withdrawn");
  EXPECT_EQ(Str(Latest(c), "state"), "withdrawn");
  EXPECT_TRUE(PendingFor("sup_east").empty());
  EXPECT_EQ(As("east1").Post(PathOf(c) + "/withdraw", json::object{}).status, 409);
  EXPECT_EQ(As("east1").Patch(PathOf(c), json::object{{"version", At(withdrawn.json, "version")}, {"remarks", "改"}}).status, 200);
  HttpResponse history = admin->Get("/api/v1/audit?entity=customers&recordId=" + IdStr(c.at("id")));
  EXPECT_NE(history.body.find("\"approval_withdraw\""), std::string::npos);
  // An approved record stays approved when edited.
  ASSERT_EQ(Submit("east1", c).status, 200);
  ASSERT_EQ(Decide("sup_east", Latest(c), "approve").status, 200);
  json::object now = admin->Get(PathOf(c)).json.as_object();
  HttpResponse after = As("east1").Patch(PathOf(c), json::object{{"version", now.at("version")}, {"remarks", "再改"}});
  ASSERT_EQ(after.status, 200) << after.Describe();
  EXPECT_EQ(Str(after.json, "approvalState"), "approved");
}

TEST_F(ApprovalsTest, TheInboxShowsEachUserTheirOwnWork) {
  json::object a = Customer("east1", "收件甲公司");
  json::object b = Customer("east2", "收件乙公司");
  json::object s = Customer("south1", "收件丙公司");
  ASSERT_EQ(Submit("east1", a).status, 200);
  ASSERT_EQ(Submit("east2", b).status, 200);
  ASSERT_EQ(Submit("south1", s).status, 200);
  std::vector<std::string> east = PendingFor("sup_east");
  EXPECT_EQ(std::set<std::string>(east.begin(), east.end()), (std::set<std::string>{"收件甲公司", "收件乙公司"}));
  EXPECT_EQ(PendingFor("sup_south"), std::vector<std::string>{"收件丙公司"});
  EXPECT_TRUE(PendingFor("east1").empty());
  HttpResponse inbox = As("sup_east").Get("/api/v1/approvals?mine=pending");
  const auto& item = At(inbox.json, "items").get_array()[0];
  EXPECT_EQ(Str(item, "entity"), "customers");
  EXPECT_EQ(Str(item, "flowName"), "客户审核");
  EXPECT_EQ(Str(item, "state"), "pending");
  EXPECT_FALSE(Str(item, "submittedAt").empty());
  EXPECT_FALSE(Str(At(item, "submitter"), "name").empty());
  EXPECT_TRUE(At(item, "canDecide").as_bool());
  HttpResponse mine = As("east1").Get("/api/v1/approvals?mine=submitted");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(TotalOf(mine), 1);
  EXPECT_EQ(Str(At(mine.json, "items").get_array()[0], "recordTitle"), "收件甲公司");
  EXPECT_TRUE(At(At(mine.json, "items").get_array()[0], "canWithdraw").as_bool());
  EXPECT_FALSE(At(At(mine.json, "items").get_array()[0], "canDecide").as_bool());
  ASSERT_EQ(Decide("sup_east", Latest(a), "approve").status, 200);
  EXPECT_EQ(PendingFor("sup_east"), std::vector<std::string>{"收件乙公司"});
  EXPECT_EQ(As("east1").Get("/api/v1/approvals?mine=everything").status, 400);
  EXPECT_EQ(As("east1").Get("/api/v1/approvals").status, 400);
}

}  // namespace
}  // namespace kehu::apitest
