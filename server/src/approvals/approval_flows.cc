// Approval flows for admins: list, read, create, edit (a new version), deactivate; default flows
// seeded at start-up.
#include "approvals/approval_service.h"
#include "approvals/flow_store.h"
#include "approvals/internal.h"

namespace kehu::approvals {
namespace json = boost::json;
using records::Actor;

namespace {

// wrong_type is a malformed request (400, as everywhere in the API); anything else is 422.
Status Reject(const records::FieldErrors& errors) {
  bool malformed = false;
  for (const auto& [field, code] : errors) malformed |= code == "wrong_type";
  Error e = malformed ? InvalidInput("wrong_type") : ValidationFailed();
  e.fields = errors;
  return e;
}

}  // namespace

Result<json::array> ApprovalService::ListFlows(const Actor& actor, const std::string& entity) {
  if (!actor.is_admin) return Forbidden();
  json::array out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(std::vector<Flow> flows, LoadFlows(s, entity, false));
    for (const auto& f : flows) out.push_back(FlowToJson(f));
    return Ok();
  }));
  return out;
}

Result<json::object> ApprovalService::GetFlow(const Actor& actor, int64_t id) {
  if (!actor.is_admin) return Forbidden();
  json::object out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(Flow f, LoadFlow(s, id));
    out = FlowToJson(f);
    return Ok();
  }));
  return out;
}

Result<json::object> ApprovalService::CreateFlow(const Actor& actor, const json::object& body) {
  if (!actor.is_admin) return Forbidden();
  records::FieldErrors errors;
  KEHU_ASSIGN(FlowDefinition def, ParseFlow(body, *registry_, nullptr, errors));
  int64_t id = 0;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(CheckReferences(s, def, errors));
    if (!errors.empty()) return Reject(errors);
    KEHU_ASSIGN(id, InsertFlow(s, actor, def));
    return Ok();
  }));
  return GetFlow(actor, id);
}

Result<json::object> ApprovalService::UpdateFlow(const Actor& actor, int64_t id, const json::object& patch) {
  if (!actor.is_admin) return Forbidden();
  json::object body = patch;
  json::value expected = body.contains("version") ? body.at("version") : json::value();
  body.erase("version");
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(Flow current, LoadFlow(s, id));
    if (!expected.is_null() && (!expected.is_number() || expected.to_number<int64_t>() != current.version))
      return Conflict("version_conflict");
    records::FieldErrors errors;
    KEHU_ASSIGN(FlowDefinition def, ParseFlow(body, *registry_, &current, errors));
    // Only new steps are checked: a flow whose named user has left can still be renamed or turned off.
    if (body.contains("steps")) KEHU_TRY(CheckReferences(s, def, errors));
    if (!errors.empty()) return Reject(errors);
    return approvals::UpdateFlow(s, actor, current, def);
  }));
  return GetFlow(actor, id);
}

Result<json::object> ApprovalService::DeactivateFlow(const Actor& actor, int64_t id) {
  return UpdateFlow(actor, id, json::object{{"active", false}});
}

Status ApprovalService::EnsureDefaultFlow(const FlowDefinition& def) {
  const meta::Entity* e = registry_->Find(def.entity);
  if (!e || !SupportsApprovals(*e)) return Ok();  // metadata without it (tests, custom sets)
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(bool any, HasAnyFlow(s, def.entity));
    if (any) return Ok();
    KEHU_TRY(InsertFlow(s, Actor::System(), def));
    return Ok();
  });
}

}  // namespace kehu::approvals
