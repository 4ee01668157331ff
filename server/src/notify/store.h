// The notifications table (migration 0009): every SQL statement about stored notifications. The
// API, the notifier and the event hub call these inside their own Read/Write sessions.
//
// A user only ever reaches their own rows: every function that takes a user id filters by it, so
// another user's id reads as not found.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/database.h"

namespace kehu::notify {

struct StoredNotification {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string kind;
  std::string entity;      // "" = about no record
  int64_t record_id = 0;   // 0 = none
  boost::json::object params;
  std::string created_at;  // ISO 8601 UTC
  std::string read_at;     // "" = unread
};

struct NotificationPage {
  std::vector<StoredNotification> items;  // newest first
  int64_t total = 0;                      // matching the filter
  int64_t unread = 0;                     // the user's unread, whatever the filter
};

// Inserts a row and returns its id. No checks: Notifier::Add decides who may receive what.
Result<int64_t> InsertNotification(db::Session& s, const StoredNotification& n);

Result<NotificationPage> ListNotifications(db::Session& s, int64_t user_id, bool unread_only,
                                           int page, int page_size);
Result<int64_t> CountUnread(db::Session& s, int64_t user_id);
// Unread counts of several users at once (users without unread ones are absent).
Result<std::vector<std::pair<int64_t, int64_t>>> CountUnread(db::Session& s,
                                                             const std::vector<int64_t>& user_ids);
// The user's own notification, if it exists (kNotFound otherwise, also for another user's id).
Result<StoredNotification> GetNotification(db::Session& s, int64_t user_id, int64_t id);
// Marks the user's notification read (kept as is when read already); kNotFound when it is not
// the user's or does not exist.
Status MarkRead(db::Session& s, int64_t user_id, int64_t id, const std::string& now);
// Returns how many were unread.
Result<int64_t> MarkAllRead(db::Session& s, int64_t user_id, const std::string& now);

// The user's notifications with an id above `after_id`, oldest first, at most `limit`.
Result<std::vector<StoredNotification>> NotificationsAfter(db::Session& s, int64_t user_id,
                                                           int64_t after_id, int limit);
// Everyone's notifications with an id above `after_id` or among `also_ids`, by id, at most `limit`
// above after_id (the event hub's poll).
Result<std::vector<StoredNotification>> ScanNotifications(db::Session& s, int64_t after_id,
                                                          const std::vector<int64_t>& also_ids,
                                                          int limit);
Result<int64_t> MaxNotificationId(db::Session& s);

}  // namespace kehu::notify
