#include "records/access.h"

#include <algorithm>

#include "core/time.h"

namespace kehu::records {
namespace {

const std::vector<int64_t>* OwnersOf(const Actor& a, Scope s) {
  switch (s) {
    case Scope::kOwnAndReports: return &a.report_ids;
    case Scope::kDepartment: return &a.department_user_ids;
    case Scope::kDepartmentTree: return &a.department_tree_user_ids;
    default: return nullptr;
  }
}

std::string InList(const std::string& column, const std::vector<int64_t>& ids, std::vector<db::Value>& params) {
  if (ids.empty()) return "1=0";
  std::string sql = column + " IN (";
  for (size_t i = 0; i < ids.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(ids[i]);
  }
  return sql + ")";
}

}  // namespace

std::string_view ActionName(Action a) { return kActionNames[static_cast<size_t>(a)]; }

bool ScopedAccessPolicy::Allowed(const Actor& actor, const meta::Entity& entity, Action action) const {
  if (actor.ScopeFor(entity.name, ActionName(action)) != Scope::kNone) return true;
  // Shares can open single records for reading or editing even without a role scope.
  return entity.owned && (action == Action::kRead || action == Action::kEdit);
}

bool ScopedAccessPolicy::CoversOwner(const Actor& actor, const meta::Entity& entity, Action action,
                                     int64_t owner_id) const {
  Scope scope = actor.ScopeFor(entity.name, ActionName(action));
  if (scope == Scope::kAll) return true;
  if (scope == Scope::kNone) return false;
  if (scope == Scope::kOwn) return owner_id == actor.user_id;
  const auto* ids = OwnersOf(actor, scope);
  return ids && std::find(ids->begin(), ids->end(), owner_id) != ids->end();
}

std::string ScopedAccessPolicy::Predicate(const Actor& actor, const meta::Entity& entity, Action action,
                                          const std::string& alias, std::vector<db::Value>& params) const {
  Scope scope = actor.ScopeFor(entity.name, ActionName(action));
  if (scope == Scope::kAll) return "1=1";
  if (!entity.owned) return scope == Scope::kNone ? "1=0" : "1=1";
  std::string owner = alias + ".owner_id";
  std::string by_scope;
  switch (scope) {
    case Scope::kNone: by_scope = "1=0"; break;
    case Scope::kOwn:
      by_scope = owner + " = ?";
      params.emplace_back(actor.user_id);
      break;
    default: by_scope = InList(owner, *OwnersOf(actor, scope), params);
  }
  if (action != Action::kRead && action != Action::kEdit) return by_scope;
  if (actor.shared_entities && !actor.shared_entities->count(entity.name)) return by_scope;
  // 团队成员: records shared with the actor, unexpired; editing needs a write share.
  params.emplace_back(entity.name);
  params.emplace_back(actor.user_id);
  params.emplace_back(NowIso());
  return "(" + by_scope + " OR " + alias + ".id IN (SELECT record_id FROM record_shares WHERE entity = ? " +
         "AND user_id = ? AND (expires_at IS NULL OR expires_at > ?)" +
         (action == Action::kEdit ? " AND access = 'write'" : "") + "))";
}

}  // namespace kehu::records
