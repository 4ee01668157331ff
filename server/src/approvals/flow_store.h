// Approval flows in the database (table approval_flows, migration 0012). Every function runs on
// the caller's session; writers must be inside Database::Write. Each write appends an audit row
// (entity "approval_flows") in the same transaction.
#pragma once

#include <optional>
#include <vector>

#include "approvals/flow.h"
#include "db/database.h"
#include "records/actor.h"

namespace kehu::approvals {

// kNotFound when there is no flow `id`.
Result<Flow> LoadFlow(db::Session& s, int64_t id);
// Flows of `entity` (every entity when empty), newest first.
Result<std::vector<Flow>> LoadFlows(db::Session& s, const std::string& entity, bool active_only);

// Checks what only the database knows: named users exist and are active, roles exist. Adds field
// errors ("steps[1].approver.userId" -> "unknown_user" | "inactive_user", "….role" -> "unknown_role").
Status CheckReferences(db::Session& s, const FlowDefinition& def, records::FieldErrors& errors);

Result<int64_t> InsertFlow(db::Session& s, const records::Actor& actor, const FlowDefinition& def);
// Saves `def` as the next version of flow `id`. Instances already submitted keep their snapshot.
Status UpdateFlow(db::Session& s, const records::Actor& actor, const Flow& current, const FlowDefinition& def);

// The newest active flow of `e` whose condition matches record `record_id`, evaluated in SQL with
// the list filter machinery; nullopt when none does. A flow whose condition no longer parses
// (a field was removed from the metadata) matches nothing.
Result<std::optional<Flow>> MatchingFlow(db::Session& s, const db::Dialect& dialect, const meta::Entity& e,
                                         int64_t record_id);

// Whether any flow (active or not) exists for `entity`: defaults are seeded only into a database
// that never had one, so a flow an admin deactivated stays off.
Result<bool> HasAnyFlow(db::Session& s, const std::string& entity);

}  // namespace kehu::approvals
