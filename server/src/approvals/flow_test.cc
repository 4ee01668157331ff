#include "approvals/flow.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kehu::approvals {
namespace {
namespace json = boost::json;

class FlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto reg = meta::Registry::LoadDirectory(std::string(KEHU_SOURCE_DIR) + "/metadata/entities");
    ASSERT_TRUE(reg.ok());
    registry_ = *reg;
  }
  // Parses `text`; returns the field errors (empty = valid).
  records::FieldErrors Errors(const std::string& text, FlowDefinition* out = nullptr) {
    records::FieldErrors errors;
    auto def = ParseFlow(json::parse(text).as_object(), *registry_, nullptr, errors);
    EXPECT_TRUE(def.ok()) << text;
    if (def.ok() && out) *out = *def;
    return errors;
  }
  std::shared_ptr<const meta::Registry> registry_;
};

TEST_F(FlowTest, AValidFlowParsesWithDefaults) {
  FlowDefinition def;
  auto errors = Errors(R"({"entity":"customers","name":"代理商审核","condition":{"category":"agent"},
      "steps":[{"approver":{"type":"manager"}},
               {"name":"总监","approver":{"type":"manager_chain","levels":2},"mode":"all"},
               {"approver":{"type":"role","role":"supervisor"},"mode":"any"},
               {"approver":{"type":"user","userId":7}}]})",
                       &def);
  EXPECT_TRUE(errors.empty()) << errors.begin()->first;
  EXPECT_EQ(def.entity, "customers");
  EXPECT_TRUE(def.active);
  ASSERT_EQ(def.steps.size(), 4u);
  EXPECT_EQ(def.steps[0].approver.type, ApproverType::kManager);
  EXPECT_FALSE(def.steps[0].all);
  EXPECT_EQ(def.steps[1].approver.levels, 2);
  EXPECT_TRUE(def.steps[1].all);
  EXPECT_EQ(def.steps[1].name, "总监");
  EXPECT_EQ(def.steps[2].approver.role, "supervisor");
  EXPECT_EQ(def.steps[3].approver.user_id, 7);
  // Round trip through the stored form.
  records::FieldErrors none;
  auto again = StepsFromJson(StepsToJson(def.steps), none);
  ASSERT_TRUE(none.empty());
  EXPECT_EQ(json::serialize(StepsToJson(again)), json::serialize(StepsToJson(def.steps)));
}

TEST_F(FlowTest, EveryBadPieceIsNamed) {
  auto errors = Errors(R"({"entity":"nope","name":"",
      "steps":[{"approver":{"type":"manager_chain","levels":0}},{"approver":{"type":"boss"}},
               {"approver":{"type":"user"}},{"approver":{"type":"role"}},{"approver":{"type":"manager"},"mode":"some"}]})");
  EXPECT_EQ(errors["entity"], "unknown_entity");
  EXPECT_EQ(errors["name"], "required");
  EXPECT_EQ(errors["steps[0].approver.levels"], "out_of_range");
  EXPECT_EQ(errors["steps[1].approver.type"], "unknown_type");
  EXPECT_EQ(errors["steps[2].approver.userId"], "required");
  EXPECT_EQ(errors["steps[3].approver.role"], "required");
  EXPECT_EQ(errors["steps[4].mode"], "bad_value");
  EXPECT_EQ(Errors(R"({"entity":"customers","name":"x","steps":[]})")["steps"], "required");
  EXPECT_EQ(Errors(R"({"entity":"customers","name":"x"})")["steps"], "required");
  EXPECT_EQ(Errors(R"({"entity":"customers","name":"x","steps":[{"approver":{"type":"manager_chain","levels":11}}]})")
                ["steps[0].approver.levels"], "out_of_range");
}

TEST_F(FlowTest, OnlyEntitiesWithApprovalStateTakeFlows) {
  EXPECT_EQ(Errors(R"({"entity":"contacts","name":"x","steps":[{"approver":{"type":"manager"}}]})")["entity"],
            "approvals_not_supported");
}

TEST_F(FlowTest, ConditionsMeanWhatListFiltersMean) {
  const char* ok = R"({"entity":"customers","name":"x","steps":[{"approver":{"type":"manager"}}],
      "condition":{"importance[in]":["a","b"],"name[contains]":"网联","category":"agent"}})";
  FlowDefinition def;
  EXPECT_TRUE(Errors(ok, &def).empty());
  EXPECT_EQ(def.condition.at("importance[in]").as_string(), "a,b");
  auto q = ConditionQuery(*registry_->Find("customers"), def.condition);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->filters.size(), 3u);
  auto bad = [&](const std::string& condition) {
    return Errors(R"({"entity":"customers","name":"x","steps":[{"approver":{"type":"manager"}}],"condition":)" +
                  condition + "}")["condition"];
  };
  EXPECT_EQ(bad(R"({"nmae":"x"})"), "unknown_field");
  EXPECT_EQ(bad(R"({"category[like]":"x"})"), "unknown_operator");
  EXPECT_EQ(bad(R"({"ownerId":"abc"})"), "bad_filter_value");
  EXPECT_EQ(bad(R"({"sort":"name"})"), "unknown_field");
  EXPECT_EQ(bad(R"({"category":{"a":1}})"), "bad_filter_value");
  EXPECT_EQ(bad(R"("category=agent")"), "wrong_type");
}

TEST_F(FlowTest, APatchKeepsWhatItDoesNotName) {
  FlowDefinition base;
  ASSERT_TRUE(Errors(R"({"entity":"customers","name":"旧","steps":[{"approver":{"type":"manager"}}]})", &base).empty());
  records::FieldErrors errors;
  auto def = ParseFlow(json::parse(R"({"name":"新"})").as_object(), *registry_, &base, errors);
  ASSERT_TRUE(def.ok());
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(def->name, "新");
  EXPECT_EQ(def->steps.size(), 1u);
  auto unknown = ParseFlow(json::parse(R"({"steps2":[]})").as_object(), *registry_, &base, errors);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_field");
}

}  // namespace
}  // namespace kehu::approvals
