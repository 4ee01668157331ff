#include "jobs/reminders.h"

#include <boost/json.hpp>

#include <set>

#include "core/zones.h"
#include "records/codec.h"

namespace kehu::jobs::reminders {
namespace json = boost::json;
using db::Value;

namespace {

constexpr const char* kColumns =
    "id, title, entity, record_id, local_at, time_zone, fire_at, fired_at, created_at";

json::value TextOrNull(const Value& v) {
  return db::IsNull(v) ? json::value() : json::value(db::AsText(v));
}

json::object ToJson(const std::vector<Value>& r) {
  return json::object{{"id", db::AsInt(r[0])},
                      {"title", db::AsText(r[1])},
                      {"entity", TextOrNull(r[2])},
                      {"recordId", db::IsNull(r[3]) ? json::value() : json::value(db::AsInt(r[3]))},
                      {"at", db::AsText(r[4])},
                      {"timeZone", db::AsText(r[5])},
                      {"fireAt", db::AsText(r[6])},
                      {"firedAt", TextOrNull(r[7])},
                      {"createdAt", db::AsText(r[8])}};
}

Result<std::string> UserZone(db::Session& s, int64_t user_id) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT time_zone FROM users WHERE id = ?", {Value(user_id)}));
  if (rows.empty()) return NotFound();
  std::string zone = db::AsText(rows.rows[0][0]);
  return zones::IsKnownZone(zone) ? zone : std::string(zones::kDefaultZone);
}

// The UTC instant of `at` and its wall time in `zone`.
Result<std::pair<TimePoint, std::string>> Resolve(const std::string& at, const std::string& zone) {
  if (auto wall = zones::ParseLocalDateTime(at)) {
    auto t = zones::ToUtc(*wall, zone);
    if (!t) return ValidationFailed().Field("at", "invalid_datetime");
    return std::make_pair(*t, zones::FormatLocal(*wall));
  }
  if (auto t = ParseIso(at)) return std::make_pair(*t, zones::FormatLocal(zones::ToLocal(*t, zone)));
  return ValidationFailed().Field("at", "invalid_datetime");
}

}  // namespace

Result<NewReminder> Parse(const json::object& body, const meta::Registry& registry) {
  static const std::set<std::string> kKnown = {"at", "title", "entity", "recordId"};
  for (const auto& [key, v] : body)
    if (!kKnown.count(std::string(key))) return InvalidInput("unknown_field").Arg("field", std::string(key));
  NewReminder out;
  for (const char* key : {"at", "title", "entity"}) {
    auto* v = body.if_contains(key);
    if (v && !v->is_null() && !v->is_string()) return InvalidInput("wrong_type").Field(key, "wrong_type");
  }
  auto* record = body.if_contains("recordId");
  if (record && !record->is_null() && !record->is_int64()) return InvalidInput("wrong_type").Field("recordId", "wrong_type");
  auto text = [&](const char* key) {
    auto* v = body.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  out.at = text("at");
  out.title = text("title");
  out.entity = text("entity");
  out.record_id = record && record->is_int64() ? record->as_int64() : 0;
  Error invalid = ValidationFailed();
  if (out.at.empty()) invalid.Field("at", "required");
  else if (!zones::ParseLocalDateTime(out.at) && !ParseIso(out.at)) invalid.Field("at", "invalid_datetime");
  while (!out.title.empty() && out.title.back() == ' ') out.title.pop_back();
  if (out.title.empty()) invalid.Field("title", "required");
  else if (records::Utf8Length(out.title) > kMaxTitleChars) invalid.Field("title", "too_long");
  if (!out.entity.empty() && !registry.Find(out.entity)) invalid.Field("entity", "invalid_option");
  if (!out.entity.empty() && out.record_id <= 0) invalid.Field("recordId", "required");
  if (out.entity.empty() && out.record_id != 0) invalid.Field("entity", "required");
  if (!invalid.fields.empty()) return invalid;
  return out;
}

Result<json::object> Create(db::Database& db, const records::Actor& actor, const NewReminder& r) {
  json::object out;
  KEHU_TRY(db.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(std::string zone, UserZone(s, actor.user_id));
    KEHU_ASSIGN(auto resolved, Resolve(r.at, zone));
    KEHU_ASSIGN(db::Rows pending, s.Query("SELECT COUNT(*) FROM reminders WHERE user_id = ? AND fired_at IS NULL",
                                          {Value(actor.user_id)}));
    if (db::AsInt(pending.rows[0][0]) >= kMaxPendingPerUser) return Conflict("too_many_reminders");
    KEHU_ASSIGN(db::Rows rows, s.Query(
        std::string("INSERT INTO reminders (user_id, title, entity, record_id, local_at, time_zone, fire_at, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ") + kColumns,
        {Value(actor.user_id), Value(r.title), r.entity.empty() ? Value() : Value(r.entity),
         r.entity.empty() ? Value() : Value(r.record_id), Value(resolved.second), Value(zone),
         Value(FormatIso(resolved.first)), Value(NowIso())}));
    out = ToJson(rows.rows[0]);
    return Ok();
  }));
  return out;
}

Result<json::array> List(db::Database& db, const records::Actor& actor, bool pending_only) {
  json::array items;
  KEHU_TRY(db.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns + " FROM reminders WHERE user_id = ?" +
                                           (pending_only ? " AND fired_at IS NULL" : "") +
                                           " ORDER BY fire_at, id LIMIT 500",
                                       {Value(actor.user_id)}));
    for (const auto& r : rows.rows) items.push_back(ToJson(r));
    return Ok();
  }));
  return items;
}

Status Delete(db::Database& db, const records::Actor& actor, int64_t id) {
  return db.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(int64_t n, s.Execute("DELETE FROM reminders WHERE id = ? AND user_id = ?",
                                     {Value(id), Value(actor.user_id)}));
    if (n == 0) return NotFound();
    return Ok();
  });
}

Result<int> FireDue(db::Database& db, notify::Notifier& notifier, TimePoint now, int limit) {
  int fired = 0;
  std::string at = FormatIso(now);
  KEHU_TRY(db.Write([&](db::Session& s) -> Status {
    fired = 0;
    KEHU_ASSIGN(db::Rows due, s.Query("SELECT id, user_id, title, entity, record_id FROM reminders "
                                      "WHERE fired_at IS NULL AND fire_at <= ? ORDER BY fire_at, id LIMIT ?",
                                      {Value(at), Value(int64_t{limit})}));
    for (const auto& r : due.rows) {
      int64_t id = db::AsInt(r[0]);
      // Conditional: a reminder another transaction fired already is skipped, never fired twice.
      KEHU_ASSIGN(int64_t taken, s.Execute("UPDATE reminders SET fired_at = ? WHERE id = ? AND fired_at IS NULL",
                                           {Value(at), Value(id)}));
      if (taken != 1) continue;
      notify::Notification n;
      n.user_id = db::AsInt(r[1]);
      n.kind = "reminder";
      n.entity = db::AsText(r[3]);
      n.record_id = db::AsInt(r[4]);
      n.params = json::object{{"title", db::AsText(r[2])}};
      KEHU_ASSIGN(int64_t notification, notifier.Add(s, n));
      if (notification > 0)
        KEHU_TRY(s.Execute("UPDATE reminders SET notification_id = ? WHERE id = ?", {Value(notification), Value(id)}));
      ++fired;
    }
    return Ok();
  }));
  return fired;
}

}  // namespace kehu::jobs::reminders
