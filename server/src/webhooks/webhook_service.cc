// Subscriptions: create, read, update, delete, the delivery log, test pings. Every change is
// audited (without the secret) and drops this process's cache of who wants which events.
#include "webhooks/webhook_service.h"

#include <boost/json.hpp>

#include <cstdlib>

#include "core/time.h"
#include "events/record_events.h"
#include "records/audit.h"

namespace kehu::webhooks {
namespace json = boost::json;
using db::Value;

namespace {

constexpr const char* kColumns =
    "w.id, w.name, w.url, w.events, w.secret, w.format, w.active, w.owner_id, w.version, "
    "w.created_at, w.updated_at";

Webhook FromRow(const std::vector<Value>& r) {
  Webhook w;
  w.id = db::AsInt(r[0]);
  w.name = db::AsText(r[1]);
  w.url = db::AsText(r[2]);
  w.events = EventsFromText(db::AsText(r[3]));
  w.secret = db::AsText(r[4]);
  w.format = db::AsText(r[5]);
  w.active = db::AsInt(r[6]) != 0;
  w.owner_id = db::AsInt(r[7]);
  w.version = db::AsInt(r[8]);
  w.created_at = db::AsText(r[9]);
  w.updated_at = db::AsText(r[10]);
  return w;
}

// The audited form: what changed, never the secret itself.
json::object AuditDetails(const Webhook& w, bool secret_changed) {
  json::object o = ToJson(w);
  o.erase("secretSet");
  o.erase("createdAt");
  o.erase("updatedAt");
  if (secret_changed) o["secretChanged"] = true;
  return o;
}

Value OptionalInt(int64_t v) { return v ? Value(v) : Value(); }

}  // namespace

WebhookOptions OptionsFromEnvironment() {
  WebhookOptions o;
  if (const char* s = std::getenv("KEHU_WEBHOOK_BACKOFF_SCALE")) {
    double scale = std::atof(s);
    if (scale > 0 && scale <= 1)
      for (auto& d : o.backoff)
        d = std::chrono::milliseconds(static_cast<int64_t>(static_cast<double>(d.count()) * scale));
  }
  return o;
}

WebhookService::WebhookService(db::Database& db, std::shared_ptr<const meta::Registry> registry,
                               auth::AuthService& auth, const records::AccessPolicy& access,
                               WebhookOptions options)
    : db_(db), registry_(std::move(registry)), auth_(auth), access_(access), options_(std::move(options)) {
  InitCurl();
}

Result<Webhook> WebhookService::Load(db::Session& s, int64_t id) {
  KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns + " FROM webhooks w WHERE w.id = ?",
                                     {Value(id)}));
  if (rows.empty()) return NotFound();
  return FromRow(rows.rows[0]);
}

Result<json::array> WebhookService::List(const records::Actor& actor) {
  if (!actor.is_admin) return Forbidden();
  json::array out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns +
                                       ", u.display_name FROM webhooks w LEFT JOIN users u ON u.id = "
                                       "w.owner_id ORDER BY w.id"));
    for (const auto& r : rows.rows) {
      json::object o = ToJson(FromRow(r));
      o["ownerName"] = db::AsText(r[11]);
      KEHU_ASSIGN(db::Rows last, s.Query("SELECT status, last_status_code, created_at FROM webhook_deliveries "
                                         "WHERE webhook_id = ? ORDER BY id DESC LIMIT 1",
                                         {r[0]}));
      if (last.empty()) {
        o["lastDelivery"] = nullptr;
      } else {
        const auto& l = last.rows[0];
        o["lastDelivery"] = json::object{
            {"status", db::AsText(l[0])},
            {"statusCode", db::IsNull(l[1]) ? json::value() : json::value(db::AsInt(l[1]))},
            {"createdAt", db::AsText(l[2])}};
      }
      out.push_back(std::move(o));
    }
    return Ok();
  }));
  return out;
}

Result<json::object> WebhookService::Get(const records::Actor& actor, int64_t id) {
  if (!actor.is_admin) return Forbidden();
  Webhook w;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(w, Load(s, id));
    return Ok();
  }));
  return ToJson(w);
}

Result<json::object> WebhookService::Create(const records::Actor& actor, const json::object& body) {
  if (!actor.is_admin) return Forbidden();
  Webhook w;
  KEHU_TRY(ApplyBody(body, w));
  KEHU_TRY(Validate(w, *registry_));
  w.owner_id = actor.user_id;
  w.created_at = w.updated_at = NowIso();
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows ids,
                s.Query("INSERT INTO webhooks (name, url, events, secret, format, active, owner_id, version, "
                        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                        {Value(w.name), Value(w.url), Value(EventsToText(w.events)), Value(w.secret),
                         Value(w.format), Value(int64_t{w.active ? 1 : 0}), OptionalInt(w.owner_id),
                         Value(w.created_at), Value(w.updated_at)}));
    w.id = db::AsInt(ids.rows[0][0]);
    return records::AppendAudit(s, actor, {"webhooks", w.id, "create", AuditDetails(w, false)});
  }));
  events::InvalidateSubscriptionCache();
  return ToJson(w);
}

Result<json::object> WebhookService::Update(const records::Actor& actor, int64_t id, const json::object& body) {
  if (!actor.is_admin) return Forbidden();
  Webhook w;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(w, Load(s, id));
    if (auto* v = body.if_contains("version")) {
      if (!v->is_int64()) return InvalidInput("wrong_type").Field("version", "wrong_type");
      if (v->as_int64() != w.version) return VersionConflict(json::serialize(ToJson(w)));
    }
    std::string old_secret = w.secret;
    KEHU_TRY(ApplyBody(body, w));
    // "" keeps the secret for the forms that show "已设置" in place of it.
    if (w.secret.empty() && body.contains("secret")) w.secret = old_secret;
    KEHU_TRY(Validate(w, *registry_));
    w.updated_at = NowIso();
    KEHU_ASSIGN(int64_t n, s.Execute("UPDATE webhooks SET name = ?, url = ?, events = ?, secret = ?, format = ?, "
                                     "active = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                                     {Value(w.name), Value(w.url), Value(EventsToText(w.events)), Value(w.secret),
                                      Value(w.format), Value(int64_t{w.active ? 1 : 0}), Value(w.updated_at),
                                      Value(id), Value(w.version)}));
    if (n != 1) return Conflict("version_conflict");
    ++w.version;
    return records::AppendAudit(s, actor, {"webhooks", id, "update", AuditDetails(w, w.secret != old_secret)});
  }));
  events::InvalidateSubscriptionCache();
  return ToJson(w);
}

Status WebhookService::Delete(const records::Actor& actor, int64_t id) {
  if (!actor.is_admin) return Forbidden();
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(Webhook w, Load(s, id));
    KEHU_TRY(s.Execute("DELETE FROM webhook_attempts WHERE delivery_id IN "
                       "(SELECT id FROM webhook_deliveries WHERE webhook_id = ?)",
                       {Value(id)}));
    KEHU_TRY(s.Execute("DELETE FROM webhook_deliveries WHERE webhook_id = ?", {Value(id)}));
    KEHU_TRY(s.Execute("DELETE FROM webhooks WHERE id = ?", {Value(id)}));
    return records::AppendAudit(s, actor, {"webhooks", id, "delete", AuditDetails(w, false)});
  }));
  events::InvalidateSubscriptionCache();
  return Ok();
}

Result<json::object> WebhookService::Deliveries(const records::Actor& actor, int64_t id, int page,
                                                 int page_size) {
  if (!actor.is_admin) return Forbidden();
  json::object out{{"page", page}, {"pageSize", page_size}};
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_TRY(Load(s, id));
    KEHU_ASSIGN(db::Rows count, s.Query("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", {Value(id)}));
    out["total"] = db::AsInt(count.rows[0][0]);
    KEHU_ASSIGN(db::Rows rows,
                s.Query("SELECT id, event, entity, record_id, status, attempts, next_attempt_at, created_at, "
                        "finished_at, last_status_code, last_error FROM webhook_deliveries WHERE webhook_id = ? "
                        "ORDER BY id DESC LIMIT ? OFFSET ?",
                        {Value(id), Value(int64_t{page_size}), Value(int64_t{page - 1} * page_size)}));
    json::array items;
    for (const auto& r : rows.rows) {
      auto text_or_null = [](const Value& v) { return db::IsNull(v) ? json::value() : json::value(db::AsText(v)); };
      bool pending = db::AsText(r[4]) == "pending";
      json::object d{{"id", db::AsInt(r[0])},          {"event", db::AsText(r[1])},
                     {"entity", db::AsText(r[2])},     {"recordId", db::AsInt(r[3])},
                     {"status", db::AsText(r[4])},     {"attempts", db::AsInt(r[5])},
                     {"nextAttemptAt", pending ? text_or_null(r[6]) : json::value()},
                     {"createdAt", db::AsText(r[7])},  {"finishedAt", text_or_null(r[8])},
                     {"lastStatusCode", db::IsNull(r[9]) ? json::value() : json::value(db::AsInt(r[9]))},
                     {"lastError", text_or_null(r[10])}};
      KEHU_ASSIGN(db::Rows log, s.Query("SELECT attempt, status_code, duration_ms, error, started_at FROM "
                                        "webhook_attempts WHERE delivery_id = ? ORDER BY attempt DESC",
                                        {r[0]}));
      json::array attempts;
      for (const auto& a : log.rows)
        attempts.push_back(json::object{
            {"attempt", db::AsInt(a[0])},
            {"statusCode", db::IsNull(a[1]) ? json::value() : json::value(db::AsInt(a[1]))},
            {"durationMs", db::AsInt(a[2])},
            {"error", text_or_null(a[3])},
            {"at", db::AsText(a[4])}});
      d["log"] = std::move(attempts);
      items.push_back(std::move(d));
    }
    out["items"] = std::move(items);
    return Ok();
  }));
  return out;
}

Result<int64_t> WebhookService::QueuePing(const records::Actor& actor, int64_t id) {
  if (!actor.is_admin) return Forbidden();
  int64_t delivery = 0;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(Load(s, id));
    std::string now = NowIso();
    KEHU_ASSIGN(db::Rows ids, s.Query("INSERT INTO webhook_deliveries (webhook_id, event, entity, record_id, "
                                      "status, attempts, next_attempt_at, created_at) "
                                      "VALUES (?, 'ping', '', 0, 'pending', 0, ?, ?) RETURNING id",
                                      {Value(id), Value(now), Value(now)}));
    delivery = db::AsInt(ids.rows[0][0]);
    return Ok();
  }));
  return delivery;
}

}  // namespace kehu::webhooks
