// State changes the system makes for an actor (审核 submit/approve/reject, later approvals): the
// fields are read-only to clients, so they bypass input decoding's read-only rule but nothing else
// (visibility, the action's scope, audit, search index).
#include <boost/json.hpp>

#include "core/time.h"
#include "events/record_events.h"
#include "records/audit.h"
#include "records/codec.h"
#include "records/field_rules.h"
#include "records/record_service.h"
#include "records/record_sql.h"

namespace kehu::records {
namespace json = boost::json;

Result<json::object> RecordService::ChangeState(const Actor& actor, const meta::Entity& e, int64_t id,
                                                Action required, const json::object& values,
                                                const std::string& audit_action, const StateGuard& guard) {
  std::map<std::string, StoredValue> stored;
  FieldErrors errors;
  for (const auto& [name, v] : values) {
    const meta::Field* f = e.FindField(name);
    if (!f || f->system) return Internal("ChangeState: bad field " + std::string(name));
    if (auto decoded = DecodeInput(*f, v, errors)) stored[f->name] = std::move(*decoded);
  }
  if (!errors.empty()) {
    Error err = ValidationFailed();
    err.fields = errors;
    return err;
  }
  json::object after;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(json::object before, LoadOne(s, actor, e, id, Action::kRead, false));
    KEHU_TRY(RequirePermit(s, actor, e, id, required));
    KEHU_TRY(guard(before));
    std::string sets = "version = version + 1, updated_at = ?, updated_by_id = ?";
    std::vector<db::Value> params{db::Value(NowIso()), actor.user_id ? db::Value(actor.user_id) : db::Value()};
    json::object changes;
    AppendAssignments(e, stored, sets, params);
    for (const auto& [name, v] : stored)
      changes[name] = json::object{{"from", before.at(name)}, {"to", EncodeOutput(*e.FindField(name), v.value, v.companion)}};
    params.emplace_back(id);
    KEHU_TRY(s.Execute("UPDATE " + e.table + " SET " + sets + " WHERE id = ?", params));
    KEHU_TRY(AppendAudit(s, actor, {e.name, id, audit_action, std::move(changes)}));
    KEHU_ASSIGN(after, LoadOne(s, Actor::System(), e, id, Action::kRead, false));
    KEHU_TRY(Reindex(s, e, after));
    // Webhook subscribers learn of it after commit (the outbox row is part of this transaction).
    return events::Emit(s, {e.name, id, "state_changed", actor.user_id, after});
  }));
  ShapeForActor(actor, e, after);
  return after;
}

}  // namespace kehu::records
