// Who may do what to which records. The record engine asks this for every operation; all paths
// (get, list, search, related lists, export, files) filter rows in SQL with Predicate(), never in C++.
#pragma once

#include <string>
#include <vector>

#include "db/value.h"
#include "metadata/entity.h"
#include "records/actor.h"

namespace kehu::records {

enum class Action { kCreate, kRead, kEdit, kDelete, kExport, kPrint, kImport, kAssign, kBrief };

class AccessPolicy {
 public:
  virtual ~AccessPolicy() = default;
  // Whether the actor may perform `action` on the entity at all (on some records).
  virtual bool Allowed(const Actor& actor, const meta::Entity& entity, Action action) const = 0;
  // An SQL condition over the entity's table (aliased `alias`) selecting the records the actor may
  // perform `action` on; parameters are appended to `params`. "1=1" when unrestricted.
  virtual std::string Predicate(const Actor& actor, const meta::Entity& entity, Action action,
                                const std::string& alias, std::vector<db::Value>& params) const = 0;
  // Whether records owned by `owner_id` fall in the actor's scope for `action` (e.g. whom a rep may
  // create records for, or transfer them to).
  virtual bool CoversOwner(const Actor& actor, const meta::Entity& entity, Action action,
                           int64_t owner_id) const = 0;
};

// Role grants with data scopes (DESIGN.md §2): the actor's scope for (entity, action) selects
// owners (own, reports, department, subtree, all); records shared with the actor (团队成员) add to
// read and edit. The id lists come resolved on the Actor, so the filter is an indexed IN list.
class ScopedAccessPolicy : public AccessPolicy {
 public:
  bool Allowed(const Actor& actor, const meta::Entity& entity, Action action) const override;
  std::string Predicate(const Actor& actor, const meta::Entity& entity, Action action,
                        const std::string& alias, std::vector<db::Value>& params) const override;
  // Whether the actor's scope for `action` covers records owned by `owner_id`.
  bool CoversOwner(const Actor& actor, const meta::Entity& entity, Action action, int64_t owner_id) const;
};

std::string_view ActionName(Action a);

}  // namespace kehu::records
