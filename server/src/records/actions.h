// Named actions on one record (POST /api/v1/{entity}/{id}/{action}), registered by modules:
// e.g. leads/convert, opportunities/transfer, complaints/approve. The generic route finds the
// handler here; a module may instead register its own literal route when it needs a special shape.
#pragma once

#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <string>

#include "core/result.h"
#include "metadata/entity.h"
#include "records/actor.h"

namespace kehu::records {

using ActionHandler = std::function<Result<boost::json::object>(
    const Actor& actor, const meta::Entity& entity, int64_t id, const boost::json::object& body)>;

class Actions {
 public:
  // Registers `handler` for `action` on `entity` ("*" for every entity). Start-up only.
  void Register(const std::string& entity, const std::string& action, ActionHandler handler) {
    handlers_[{entity, action}] = std::move(handler);
  }
  // The handler for the entity's action, or nullptr.
  const ActionHandler* Find(const std::string& entity, const std::string& action) const {
    auto it = handlers_.find({entity, action});
    if (it == handlers_.end()) it = handlers_.find({"*", action});
    return it == handlers_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::pair<std::string, std::string>, ActionHandler> handlers_;
};

}  // namespace kehu::records
