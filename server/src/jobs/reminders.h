// Reminders (提醒): a user asks to be reminded at a wall time in their own time zone; the instant
// is fixed in UTC when the reminder is made (table `reminders`, migration 0008), and the job
// "reminders.fire" turns due reminders into in-app notifications (kind "reminder", params
// {"title"}), each exactly once: the reminder is marked fired in the same transaction that adds
// its notification, by a conditional UPDATE.
//
// Thread-safety: free functions over a thread-safe Database.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>

#include "core/result.h"
#include "core/time.h"
#include "db/database.h"
#include "metadata/registry.h"
#include "notify/notifier.h"
#include "records/actor.h"

namespace kehu::jobs::reminders {

inline constexpr size_t kMaxTitleChars = 200;
inline constexpr int64_t kMaxPendingPerUser = 1000;

struct NewReminder {
  std::string at;        // "2026-03-08T09:00[:SS]" (wall time in the user's zone) or ISO 8601 with Z/offset
  std::string title;
  std::string entity;    // "" = about no record
  int64_t record_id = 0;
};

// Reads {"at","title","entity"?,"recordId"?}: 400 unknown_field / wrong_type; 422 with field
// errors (at: required | invalid_datetime; title: required | too_long; entity: invalid_option;
// recordId: required when entity is given). Does not check that the record is readable.
Result<NewReminder> Parse(const boost::json::object& body, const meta::Registry& registry);

// Stores a reminder for `actor` with fire_at computed from `at` in the actor's zone
// (users.time_zone). 409 too_many_reminders beyond kMaxPendingPerUser unfired ones.
// Returns the reminder as JSON: id, title, at (wall time), timeZone, fireAt, firedAt, entity,
// recordId, createdAt.
Result<boost::json::object> Create(db::Database& db, const records::Actor& actor, const NewReminder& r);

// The actor's reminders by fireAt (only unfired ones when `pending_only`), at most 500.
Result<boost::json::array> List(db::Database& db, const records::Actor& actor, bool pending_only);

// Deletes one of the actor's reminders; kNotFound for anyone else's.
Status Delete(db::Database& db, const records::Actor& actor, int64_t id);

// Fires the reminders due at `now` (at most `limit`, oldest first). Returns how many fired.
Result<int> FireDue(db::Database& db, notify::Notifier& notifier, TimePoint now, int limit = 500);

}  // namespace kehu::jobs::reminders
