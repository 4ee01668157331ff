// Extension points for modules: code that runs inside the write transaction of a record operation
// (rules that must always hold, derived fields, side records). A hook returning an error aborts the
// operation and nothing of it is written.
#pragma once

#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/database.h"
#include "metadata/entity.h"
#include "records/actor.h"
#include "records/codec.h"

namespace kehu::records {

enum class HookPoint { kBeforeCreate, kAfterCreate, kBeforeUpdate, kAfterUpdate, kBeforeDelete, kAfterDelete };

struct HookContext {
  const Actor& actor;
  const meta::Entity& entity;
  db::Session& session;
  int64_t id = 0;                                  // 0 before create
  std::map<std::string, StoredValue>& values;      // field name -> new value (before-hooks may edit)
  const boost::json::object* before = nullptr;     // the record before an update/delete
  // Warnings the caller accepted by naming them in the body's "confirm" list (API.md).
  const std::vector<std::string>* confirmed = nullptr;

  bool Confirmed(const std::string& name) const {
    if (!confirmed) return false;
    for (const auto& c : *confirmed)
      if (c == name) return true;
    return false;
  }
};

// 422 confirmation_required naming the warnings the caller has not yet confirmed (field →
// code), or Ok when there are none left. `extra` becomes top-level members of the error
// response (raw JSON text), e.g. {"candidates", "[…]"} for likely duplicates.
inline Status RequireConfirmation(const HookContext& ctx, const FieldErrors& warnings,
                                  std::vector<std::pair<std::string, std::string>> extra = {}) {
  Error e(ErrorKind::kValidation, "confirmation_required");
  for (const auto& [name, code] : warnings)
    if (!ctx.Confirmed(name)) e.fields[name] = code;
  if (e.fields.empty()) return Ok();
  e.extra = std::move(extra);
  return e;
}

using Hook = std::function<Status(HookContext&)>;

class Hooks {
 public:
  // Registers `hook` for one entity ("*" for all). Not thread-safe: register at start-up only.
  void On(const std::string& entity, HookPoint point, Hook hook) {
    hooks_[{entity, point}].push_back(std::move(hook));
  }

  Status Run(HookPoint point, HookContext& ctx) const {
    for (const std::string& key : {ctx.entity.name, std::string("*")}) {
      auto it = hooks_.find({key, point});
      if (it == hooks_.end()) continue;
      for (const auto& h : it->second) KEHU_TRY(h(ctx));
    }
    return Ok();
  }

 private:
  std::map<std::pair<std::string, HookPoint>, std::vector<Hook>> hooks_;
};

}  // namespace kehu::records
