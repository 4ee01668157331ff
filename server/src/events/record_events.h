// Record events (issue #8): what happened to a record, written in the same transaction as the
// change (an outbox), so subscribers (webhooks) see exactly the committed changes, after commit.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/database.h"
#include "records/hooks.h"

namespace kehu::events {

struct RecordEvent {
  std::string entity;           // "customers"
  int64_t record_id = 0;
  std::string type;             // created | updated | deleted | approved | rejected | state_changed
  int64_t actor_id = 0;         // 0 = the system
  boost::json::object record;   // the record as stored after the change (before it, for deleted)
};

// Queues the event inside the caller's write transaction. Cheap when nobody subscribes.
Status Emit(db::Session& s, const RecordEvent& ev);

// Registers "*" after-create/update/delete hooks that emit created/updated/deleted. Start-up only.
void RegisterRecordEventHooks(records::Hooks& hooks);

// The event types subscribers may name, in display order.
const std::vector<std::string>& EventTypes();

// Emit keeps an in-process copy of which (entity, type) pairs active webhooks want, reloaded from
// the `webhooks` table at most every few seconds. Call after changing subscriptions so this
// process sees the change at once (other processes see it within the reload interval).
// Thread-safe.
void InvalidateSubscriptionCache();

}  // namespace kehu::events
