#include "notify/store.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kehu::notify {
namespace {

using db::Value;

constexpr const char* kColumns =
    "SELECT id, user_id, kind, entity, record_id, params, created_at, read_at FROM notifications ";

StoredNotification FromRow(const std::vector<Value>& r) {
  StoredNotification n;
  n.id = db::AsInt(r[0]);
  n.user_id = db::AsInt(r[1]);
  n.kind = db::AsText(r[2]);
  n.entity = db::AsText(r[3]);
  n.record_id = db::AsInt(r[4]);
  boost::json::error_code ec;
  boost::json::value params = boost::json::parse(db::AsText(r[5]), ec);
  if (!ec && params.is_object()) n.params = std::move(params.as_object());
  n.created_at = db::AsText(r[6]);
  n.read_at = db::AsText(r[7]);
  return n;
}

std::vector<StoredNotification> FromRows(const db::Rows& rows) {
  std::vector<StoredNotification> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

Result<int64_t> InsertNotification(db::Session& s, const StoredNotification& n) {
  Value entity = n.entity.empty() ? Value() : Value(n.entity);
  Value record = n.record_id == 0 ? Value() : Value(n.record_id);
  KEHU_ASSIGN(db::Rows rows,
              s.Query("INSERT INTO notifications (user_id, kind, entity, record_id, params, "
                      "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                      {Value(n.user_id), Value(n.kind), entity, record,
                       Value(boost::json::serialize(n.params)), Value(n.created_at)}));
  return db::AsInt(rows.rows.at(0).at(0));
}

Result<NotificationPage> ListNotifications(db::Session& s, int64_t user_id, bool unread_only,
                                           int page, int page_size) {
  NotificationPage out;
  std::string where = "WHERE user_id = ?" + std::string(unread_only ? " AND read_at IS NULL" : "");
  KEHU_ASSIGN(db::Rows rows,
              s.Query(kColumns + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                      {Value(user_id), Value(int64_t{page_size}),
                       Value(int64_t{page_size} * (page - 1))}));
  out.items = FromRows(rows);
  KEHU_ASSIGN(out.unread, CountUnread(s, user_id));
  if (unread_only) {
    out.total = out.unread;
  } else {
    KEHU_ASSIGN(db::Rows total,
                s.Query("SELECT COUNT(*) FROM notifications WHERE user_id = ?", {Value(user_id)}));
    out.total = db::AsInt(total.rows.at(0).at(0));
  }
  return out;
}

Result<int64_t> CountUnread(db::Session& s, int64_t user_id) {
  KEHU_ASSIGN(db::Rows rows,
              s.Query("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
                      {Value(user_id)}));
  return db::AsInt(rows.rows.at(0).at(0));
}

Result<std::vector<std::pair<int64_t, int64_t>>> CountUnread(db::Session& s,
                                                             const std::vector<int64_t>& user_ids) {
  std::vector<std::pair<int64_t, int64_t>> out;
  if (user_ids.empty()) return out;
  std::string sql =
      "SELECT user_id, COUNT(*) FROM notifications WHERE read_at IS NULL AND user_id IN (";
  std::vector<Value> params;
  for (size_t i = 0; i < user_ids.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(user_ids[i]);
  }
  KEHU_ASSIGN(db::Rows rows, s.Query(sql + ") GROUP BY user_id", params));
  for (const auto& r : rows.rows) out.emplace_back(db::AsInt(r[0]), db::AsInt(r[1]));
  return out;
}

Result<StoredNotification> GetNotification(db::Session& s, int64_t user_id, int64_t id) {
  KEHU_ASSIGN(db::Rows rows,
              s.Query(std::string(kColumns) + "WHERE id = ? AND user_id = ?",
                      {Value(id), Value(user_id)}));
  if (rows.empty()) return NotFound();
  return FromRow(rows.rows[0]);
}

Status MarkRead(db::Session& s, int64_t user_id, int64_t id, const std::string& now) {
  KEHU_ASSIGN(db::Rows rows,
              s.Query("SELECT read_at FROM notifications WHERE id = ? AND user_id = ?",
                      {Value(id), Value(user_id)}));
  if (rows.empty()) return NotFound();
  if (!db::IsNull(rows.rows[0][0])) return Ok();
  KEHU_TRY(s.Execute("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ?",
                     {Value(now), Value(id), Value(user_id)}));
  return Ok();
}

Result<int64_t> MarkAllRead(db::Session& s, int64_t user_id, const std::string& now) {
  return s.Execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
                   {Value(now), Value(user_id)});
}

Result<std::vector<StoredNotification>> NotificationsAfter(db::Session& s, int64_t user_id,
                                                           int64_t after_id, int limit) {
  KEHU_ASSIGN(db::Rows rows, s.Query(std::string(kColumns) +
                                         "WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?",
                                     {Value(user_id), Value(after_id), Value(int64_t{limit})}));
  return FromRows(rows);
}

Result<std::vector<StoredNotification>> ScanNotifications(db::Session& s, int64_t after_id,
                                                          const std::vector<int64_t>& also_ids,
                                                          int limit) {
  KEHU_ASSIGN(db::Rows rows, s.Query(std::string(kColumns) + "WHERE id > ? ORDER BY id LIMIT ?",
                                     {Value(after_id), Value(int64_t{limit})}));
  std::vector<StoredNotification> out = FromRows(rows);
  if (also_ids.empty()) return out;
  std::string sql = std::string(kColumns) + "WHERE id IN (";
  std::vector<Value> params;
  for (size_t i = 0; i < also_ids.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(also_ids[i]);
  }
  KEHU_ASSIGN(db::Rows late, s.Query(sql + ") ORDER BY id", params));
  std::vector<StoredNotification> found = FromRows(late);
  out.insert(out.begin(), found.begin(), found.end());  // late ones are older: they go first
  return out;
}

Result<int64_t> MaxNotificationId(db::Session& s) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT MAX(id) FROM notifications"));
  return db::AsInt(rows.rows.at(0).at(0));
}

}  // namespace kehu::notify
