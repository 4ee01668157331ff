// Who is acting, and from where. Built by the API layer from the session or token; passed to every
// record operation so permissions and the audit log see the same identity.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "records/scope.h"

namespace kehu::records {

struct Actor {
  int64_t user_id = 0;          // 0 = the system itself (init, demo, jobs)
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  bool is_admin = false;
  std::string remote_address;
  std::string request_id;
  std::string locale = "zh-CN";

  // Resolved at authentication from roles and per-user overrides:
  // entity ("*" = any) -> action -> widest scope.
  std::map<std::string, std::map<std::string, Scope>> grants;
  int64_t department_id = 0;
  // Owners whose records the scopes own_and_reports / department / department_tree cover
  // (each includes the actor). Filled only when a grant uses that scope.
  std::vector<int64_t> report_ids, department_user_ids, department_tree_user_ids;
  // Entities in which records are shared with the actor right now (团队成员), when known: list
  // queries then skip the share lookup for every other entity, which lets owner-scoped lists use
  // the owner indexes. Unknown (nullopt) means "may have shares anywhere".
  std::optional<std::set<std::string>> shared_entities;

  // entity -> field -> rule, only for fields that are not plainly editable.
  std::map<std::string, std::map<std::string, FieldRule>> field_rules;

  FieldRule FieldRuleFor(const std::string& entity, const std::string& field) const {
    auto e = field_rules.find(entity);
    if (e == field_rules.end()) return FieldRule::kEditable;
    auto f = e->second.find(field);
    return f == e->second.end() ? FieldRule::kEditable : f->second;
  }

  Scope ScopeFor(const std::string& entity, std::string_view action) const {
    if (is_admin) return Scope::kAll;
    for (const std::string& key : {entity, std::string("*")}) {
      auto e = grants.find(key);
      if (e == grants.end()) continue;
      auto a = e->second.find(std::string(action));
      if (a != e->second.end()) return a->second;
    }
    return Scope::kNone;
  }

  static Actor System() {
    Actor a;
    a.username = "system";
    a.is_admin = true;
    return a;
  }
};

}  // namespace kehu::records
