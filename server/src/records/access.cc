#include "records/access.h"

namespace kehu::records {

bool OwnerOnlyPolicy::Allowed(const Actor& actor, const meta::Entity& entity, Action action) const {
  if (actor.is_admin) return true;
  return action == Action::kCreate || action == Action::kRead || action == Action::kEdit;
}

std::string OwnerOnlyPolicy::Predicate(const Actor& actor, const meta::Entity& entity, Action action,
                                       const std::string& alias, std::vector<db::Value>& params) const {
  if (actor.is_admin || !entity.owned) return "1=1";
  params.emplace_back(actor.user_id);
  return alias + ".owner_id = ?";
}

}  // namespace kehu::records
