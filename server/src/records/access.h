// Who may do what to which records. The record engine asks this for every operation; all paths
// (get, list, search, related lists, export, files) filter rows in SQL with Predicate(), never in C++.
#pragma once

#include <string>
#include <vector>

#include "db/value.h"
#include "metadata/entity.h"
#include "records/actor.h"

namespace kehu::records {

enum class Action { kCreate, kRead, kEdit, kDelete, kExport, kPrint, kImport, kAssign };

class AccessPolicy {
 public:
  virtual ~AccessPolicy() = default;
  // Whether the actor may perform `action` on the entity at all (on some records).
  virtual bool Allowed(const Actor& actor, const meta::Entity& entity, Action action) const = 0;
  // An SQL condition over the entity's table (aliased `alias`) selecting the records the actor may
  // perform `action` on; parameters are appended to `params`. "1=1" when unrestricted.
  virtual std::string Predicate(const Actor& actor, const meta::Entity& entity, Action action,
                                const std::string& alias, std::vector<db::Value>& params) const = 0;
};

// Until roles and scopes land: admins may do everything; other users act on records they own.
class OwnerOnlyPolicy : public AccessPolicy {
 public:
  bool Allowed(const Actor& actor, const meta::Entity& entity, Action action) const override;
  std::string Predicate(const Actor& actor, const meta::Entity& entity, Action action,
                        const std::string& alias, std::vector<db::Value>& params) const override;
};

}  // namespace kehu::records
