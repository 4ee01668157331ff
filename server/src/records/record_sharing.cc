// Ownership transfer (转移, 离职移交), sharing with team members (团队成员) and access explanations.
#include <boost/json.hpp>

#include "core/time.h"
#include "records/audit.h"
#include "records/field_rules.h"
#include "records/record_service.h"
#include "records/record_sql.h"

namespace kehu::records {
namespace json = boost::json;
namespace {

Status CheckUser(db::Session& s, int64_t user_id, const char* field) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM users WHERE id = ? AND active = 1", {db::Value(user_id)}));
  if (rows.empty()) return ValidationFailed().Field(field, "not_found");
  return Ok();
}

db::Value ById(const Actor& a) { return a.user_id ? db::Value(a.user_id) : db::Value(); }

}  // namespace

Result<json::object> RecordService::Transfer(const Actor& actor, const meta::Entity& e, int64_t id,
                                             int64_t to_user) {
  if (!e.owned) return NotFound();
  json::object after;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(json::object before, LoadOne(s, actor, e, id, Action::kRead, false));
    KEHU_TRY(RequirePermit(s, actor, e, id, Action::kAssign));
    KEHU_TRY(CheckUser(s, to_user, "toUserId"));
    if (!access_.CoversOwner(actor, e, Action::kAssign, to_user)) return Forbidden();
    KEHU_TRY(s.Execute("UPDATE " + e.table + " SET owner_id = ?, version = version + 1, updated_at = ?, "
                       "updated_by_id = ? WHERE id = ?",
                       {db::Value(to_user), db::Value(NowIso()), ById(actor), db::Value(id)}));
    json::object changes{{"ownerId", json::object{{"from", before.at("ownerId")}, {"to", to_user}}}};
    KEHU_TRY(AppendAudit(s, actor, {e.name, id, "transfer", std::move(changes)}));
    KEHU_ASSIGN(after, LoadOne(s, Actor::System(), e, id, Action::kRead, false));
    return Ok();
  }));
  ShapeForActor(actor, e, after);
  return after;
}

Result<std::map<std::string, int64_t>> RecordService::TransferAll(const Actor& actor, int64_t from_user,
                                                                  int64_t to_user) {
  if (!actor.is_admin) return Forbidden();
  std::map<std::string, int64_t> counts;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(CheckUser(s, to_user, "toUserId"));
    std::string now = NowIso();
    for (const auto& e : registry_->entities()) {
      if (!e.owned) continue;
      KEHU_ASSIGN(db::Rows ids, s.Query("SELECT id FROM " + e.table + " WHERE owner_id = ? AND deleted_at IS NULL",
                                        {db::Value(from_user)}));
      // One history entry per record, so each record's 操作记录 shows the handover.
      for (const auto& r : ids.rows) {
        int64_t id = db::AsInt(r[0]);
        KEHU_TRY(s.Execute("UPDATE " + e.table + " SET owner_id = ?, version = version + 1, updated_at = ?, "
                           "updated_by_id = ? WHERE id = ?",
                           {db::Value(to_user), db::Value(now), ById(actor), db::Value(id)}));
        json::object changes{{"ownerId", json::object{{"from", from_user}, {"to", to_user}}}};
        KEHU_TRY(AppendAudit(s, actor, {e.name, id, "transfer", std::move(changes)}));
      }
      counts[e.name] = static_cast<int64_t>(ids.size());
    }
    return Ok();
  }));
  return counts;
}

Result<json::array> RecordService::ListMembers(const Actor& actor, const meta::Entity& e, int64_t id) {
  json::array out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_TRY(LoadOne(s, actor, e, id, Action::kRead, false));
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT m.user_id, u.display_name, m.access, m.expires_at FROM record_shares m "
                                       "JOIN users u ON u.id = m.user_id WHERE m.entity = ? AND m.record_id = ? "
                                       "ORDER BY m.user_id",
                                       {db::Value(e.name), db::Value(id)}));
    for (const auto& r : rows.rows)
      out.push_back(json::object{{"userId", db::AsInt(r[0])}, {"userName", db::AsText(r[1])},
                                 {"access", db::AsText(r[2])},
                                 {"expiresAt", db::IsNull(r[3]) ? json::value() : json::value(db::AsText(r[3]))}});
    return Ok();
  }));
  return out;
}

Status RecordService::AddMember(const Actor& actor, const meta::Entity& e, int64_t id, int64_t user_id,
                                const std::string& access, const std::string& expires_at) {
  if (!e.owned) return NotFound();
  if (access != "read" && access != "write") return ValidationFailed().Field("access", "invalid_option");
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(LoadOne(s, actor, e, id, Action::kRead, false));
    KEHU_TRY(RequirePermit(s, actor, e, id, Action::kEdit));
    KEHU_TRY(CheckUser(s, user_id, "userId"));
    KEHU_TRY(s.Execute("INSERT INTO record_shares (entity, record_id, user_id, access, expires_at, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity, record_id, user_id) DO UPDATE SET "
                       "access = excluded.access, expires_at = excluded.expires_at",
                       {db::Value(e.name), db::Value(id), db::Value(user_id), db::Value(access),
                        expires_at.empty() ? db::Value() : db::Value(expires_at), db::Value(NowIso())}));
    json::object details{{"userId", user_id}, {"access", access}};
    if (!expires_at.empty()) details["expiresAt"] = expires_at;
    return AppendAudit(s, actor, {e.name, id, "share", std::move(details)});
  });
}

Status RecordService::RemoveMember(const Actor& actor, const meta::Entity& e, int64_t id, int64_t user_id) {
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(LoadOne(s, actor, e, id, Action::kRead, false));
    KEHU_TRY(RequirePermit(s, actor, e, id, Action::kEdit));
    KEHU_ASSIGN(int64_t n, s.Execute("DELETE FROM record_shares WHERE entity = ? AND record_id = ? AND user_id = ?",
                                     {db::Value(e.name), db::Value(id), db::Value(user_id)}));
    if (n == 0) return NotFound();
    return AppendAudit(s, actor, {e.name, id, "unshare", json::object{{"userId", user_id}}});
  });
}

Result<json::object> RecordService::Explain(const Actor& subject, const meta::Entity& e, int64_t id) {
  json::object out{{"visible", false}, {"via", "none"}, {"scope", "none"}, {"actions", json::array()}};
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(json::object rec, LoadOne(s, Actor::System(), e, id, Action::kRead, false));
    json::array actions;
    for (size_t i = 0; i < kActionNames.size(); ++i) {
      Action a = static_cast<Action>(i);
      if (a == Action::kCreate || a == Action::kImport) continue;
      if (!access_.Allowed(subject, e, a)) continue;
      KEHU_ASSIGN(bool permitted, Permits(s, subject, e, id, a));
      if (permitted) actions.emplace_back(kActionNames[i]);
    }
    bool visible = !actions.empty() && actions[0] == "read";
    out["visible"] = visible;
    out["actions"] = std::move(actions);
    Scope scope = subject.ScopeFor(e.name, "read");
    out["scope"] = ScopeName(scope);
    if (!visible) return Ok();
    auto* owner = rec.if_contains("ownerId");
    bool covers = owner && owner->is_int64() ? access_.CoversOwner(subject, e, Action::kRead, owner->as_int64())
                                             : scope != Scope::kNone;
    if (owner && owner->is_int64() && owner->as_int64() == subject.user_id) out["via"] = "owner";
    else if (covers) out["via"] = "scope";
    else out["via"] = "share";
    return Ok();
  }));
  return out;
}

}  // namespace kehu::records
