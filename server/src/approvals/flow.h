// Approval flows (审批流, API.md "Approvals"): what an admin configures per entity. A flow has a
// condition (list filters, parsed by the same code as GET /{entity}?…, so a condition means exactly
// what the list filter means) and ordered steps; each step names its approvers (a user, the
// submitter's manager, a chain of managers, or a role) and whether any one or all of them sign.
//
// This file is pure: parsing, validation of shape, JSON. References to users and roles are checked
// against the database by flow_store.h.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "metadata/registry.h"
#include "records/codec.h"
#include "records/list_query.h"

namespace kehu::approvals {

// The record field every entity with approvals carries (enum draft/pending/approved/rejected/
// withdrawn, read-only to clients).
inline constexpr const char* kStateField = "approvalState";

enum class ApproverType { kUser, kManager, kManagerChain, kRole };

struct Approver {
  ApproverType type = ApproverType::kManager;
  int64_t user_id = 0;  // kUser
  int levels = 0;       // kManagerChain: how many managers up the reporting line (1..kMaxChainLevels)
  std::string role;     // kRole: role code
};

struct Step {
  std::string name;  // optional label ("主管审批")
  Approver approver;
  bool all = false;  // all-of: every approver signs; any-of (false): one approval completes the step
};

struct FlowDefinition {
  std::string entity;
  std::string name;
  boost::json::object condition;  // filter parameter -> value; {} matches every record
  std::vector<Step> steps;
  bool active = true;
};

struct Flow : FlowDefinition {
  int64_t id = 0;
  int64_t version = 1;
  std::string created_at, updated_at;
};

inline constexpr int kMaxSteps = 20;
inline constexpr int kMaxChainLevels = 10;
inline constexpr size_t kMaxNameLength = 100;  // characters

// Whether records of `e` can go through approvals: it has an enum field approvalState.
bool SupportsApprovals(const meta::Entity& e);

// Parses a POST body (base == nullptr) or a PATCH body applied over `base`. Shape errors go into
// `errors` (field path -> code, e.g. "steps[0].approver.levels" -> "out_of_range"), all of them
// together; the result is meaningful only when `errors` stays empty. A key that is not part of a
// flow is a 400 unknown_field.
Result<FlowDefinition> ParseFlow(const boost::json::object& body, const meta::Registry& registry,
                                 const FlowDefinition* base, records::FieldErrors& errors);

// The condition as list filters of `e`: exactly ParseListQuery's reading of `?key=value&…`. Only
// filter keys are allowed (no page, sort, q, view, deleted). Errors are ParseListQuery's (400).
Result<records::ListQuery> ConditionQuery(const meta::Entity& e, const boost::json::object& condition);

boost::json::array StepsToJson(const std::vector<Step>& steps);
// Reads steps as stored (StepsToJson's output); shape errors go into `errors`.
std::vector<Step> StepsFromJson(const boost::json::value& v, records::FieldErrors& errors);
boost::json::object ApproverToJson(const Approver& a);
boost::json::object FlowToJson(const Flow& f);

}  // namespace kehu::approvals
