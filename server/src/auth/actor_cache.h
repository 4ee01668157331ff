// Resolved actors per user, each tagged with the access stamp (table access_stamp, migration 0014)
// it was built at. Building an actor takes about eight queries (user, roles, grants, overrides,
// scope members, shares, field rules); with the cache a request needs only its session row and the
// current stamp. Triggers move the stamp on every write to what an actor is built from, so an entry
// whose stamp differs from the database's is stale and is rebuilt. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "records/actor.h"

namespace kehu::auth {

class ActorCache {
 public:
  // The actor for `user_id` built at exactly `stamp`, or null.
  std::shared_ptr<const records::Actor> Find(int64_t user_id, int64_t stamp) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(user_id);
    if (it == entries_.end() || it->second.stamp != stamp) return nullptr;
    return it->second.actor;
  }

  // Remembers an actor built in the same read snapshot as `stamp`.
  void Store(int64_t user_id, int64_t stamp, records::Actor actor) {
    auto shared = std::make_shared<const records::Actor>(std::move(actor));
    std::lock_guard lock(mutex_);
    auto& entry = entries_[user_id];
    if (entry.actor && entry.stamp > stamp) return;  // a newer one landed meanwhile
    entry = {stamp, std::move(shared)};
  }

 private:
  struct Entry {
    int64_t stamp = 0;
    std::shared_ptr<const records::Actor> actor;
  };
  mutable std::mutex mutex_;
  std::unordered_map<int64_t, Entry> entries_;  // bounded by the number of users
};

}  // namespace kehu::auth
