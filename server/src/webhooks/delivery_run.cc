// The "webhooks.deliver" job: fan-out of new record events into deliveries, then one run of
// concurrent POSTs. A run keeps taking newly due deliveries for `fill_window` while earlier ones
// are in flight, so a hanging target holds only its own slots (at most max_in_flight_per_webhook)
// and everything else keeps flowing. Deliveries are taken by a claim with an expiry, so several
// servers on one database never send the same attempt twice while both are alive.
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <set>

#include "core/text/utf8.h"
#include "core/time.h"
#include "records/field_rules.h"
#include "webhooks/payload.h"
#include "webhooks/webhook_service.h"

namespace kehu::webhooks {
namespace json = boost::json;
using db::Value;
using Steady = std::chrono::steady_clock;

struct WebhookService::Due {
  int64_t id = 0, webhook_id = 0, record_id = 0, attempts = 0, owner_id = 0;
  std::string event, entity, created_at;  // event: "customers.created" | "ping"
  std::string url, secret, format;
  bool active = true;
  std::string type, occurred_at, record;  // from record_events (empty for a ping)
};

struct WebhookService::Prepared {
  std::string skip;  // why nothing is sent, or "" to send `request`
  OutgoingRequest request;
};

namespace {

constexpr auto kFillEvery = std::chrono::milliseconds(500);

std::string InList(size_t n) {
  std::string s = "(";
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s + ")";
}

// Robots answer HTTP 200 with {"errcode":…} when they refuse a message.
std::string RobotError(const std::string& format, const std::string& response) {
  if (format == "json") return "";
  boost::system::error_code ec;
  json::value v = json::parse(response, ec);
  if (ec || !v.is_object()) return "";
  auto* code = v.as_object().if_contains("errcode");
  if (!code || !code->is_int64() || code->as_int64() == 0) return "";
  std::string msg;
  if (auto* m = v.as_object().if_contains("errmsg"); m && m->is_string()) msg = m->as_string();
  return "errcode " + std::to_string(code->as_int64()) + (msg.empty() ? "" : ": " + msg);
}

std::string Clip(const std::string& s) { return text::ToValidUtf8(s.substr(0, 300)); }

// _display labels of user fields (负责人 …) for the robots' summaries; deleted events carry them
// from the record's last read already.
Status AddUserLabels(db::Session& s, const meta::Entity& e, json::object& record) {
  if (record.contains("_display")) return Ok();
  std::vector<Value> ids;
  for (const auto& f : e.fields)
    if (auto* v = record.if_contains(f.name); f.type == meta::FieldType::kUser && v && v->is_int64())
      ids.emplace_back(v->as_int64());
  if (ids.empty()) return Ok();
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id, display_name FROM users WHERE id IN " + InList(ids.size()), ids));
  std::map<int64_t, std::string> names;
  for (const auto& r : rows.rows) names[db::AsInt(r[0])] = db::AsText(r[1]);
  json::object display;
  for (const auto& f : e.fields)
    if (auto* v = record.if_contains(f.name); f.type == meta::FieldType::kUser && v && v->is_int64())
      if (auto it = names.find(v->as_int64()); it != names.end()) display[f.name] = it->second;
  record["_display"] = std::move(display);
  return Ok();
}

}  // namespace

Status WebhookService::Dispatch() {
  bool any = false;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM record_events WHERE dispatched_at IS NULL LIMIT 1"));
    any = !rows.empty();
    return Ok();
  }));
  if (!any) return Ok();
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows events, s.Query("SELECT id, entity, type, occurred_at FROM record_events "
                                         "WHERE dispatched_at IS NULL ORDER BY id LIMIT 500"));
    KEHU_ASSIGN(db::Rows hooks, s.Query("SELECT id, events, created_at FROM webhooks WHERE active = 1"));
    std::vector<Webhook> subs;
    for (const auto& h : hooks.rows) {
      Webhook w;
      w.id = db::AsInt(h[0]);
      w.events = EventsFromText(db::AsText(h[1]));
      w.created_at = db::AsText(h[2]);
      subs.push_back(std::move(w));
    }
    std::string now = NowIso();
    std::vector<Value> done;
    for (const auto& ev : events.rows) {
      std::string entity = db::AsText(ev[1]), type = db::AsText(ev[2]), at = db::AsText(ev[3]);
      for (const auto& w : subs) {
        // A subscription gets only what happened after it existed.
        if (!w.Wants(entity, type) || w.created_at > at) continue;
        KEHU_TRY(s.Execute("INSERT INTO webhook_deliveries (webhook_id, event_id, event, entity, record_id, "
                           "status, attempts, next_attempt_at, created_at) "
                           "SELECT ?, id, ?, entity, record_id, 'pending', 0, ?, ? FROM record_events WHERE id = ? "
                           "ON CONFLICT (webhook_id, event_id) DO NOTHING",
                           {Value(w.id), Value(entity + "." + type), Value(now), Value(now), ev[0]}));
      }
      done.push_back(ev[0]);
    }
    std::vector<Value> params{Value(now)};
    params.insert(params.end(), done.begin(), done.end());
    KEHU_TRY(s.Execute("UPDATE record_events SET dispatched_at = ? WHERE id IN " + InList(done.size()), params));
    return Ok();
  });
}

Result<std::vector<WebhookService::Due>> WebhookService::Claim(size_t room,
                                                               const std::map<int64_t, size_t>& busy) {
  std::string now = NowIso();
  std::vector<Value> candidates;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id, webhook_id FROM webhook_deliveries WHERE status = 'pending' "
                                       "AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) "
                                       "ORDER BY next_attempt_at, id LIMIT ?",
                                       {Value(now), Value(now), Value(static_cast<int64_t>(room * 4 + 16))}));
    std::map<int64_t, size_t> taken = busy;
    for (const auto& r : rows.rows) {
      if (candidates.size() == room) break;
      if (taken[db::AsInt(r[1])]++ >= options_.max_in_flight_per_webhook) continue;
      candidates.push_back(r[0]);
    }
    return Ok();
  }));
  std::vector<Due> out;
  if (candidates.empty()) return out;
  std::string until = FormatIso(Now() + options_.claim);
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    std::vector<Value> claimed;
    for (const auto& id : candidates) {
      KEHU_ASSIGN(int64_t n, s.Execute("UPDATE webhook_deliveries SET claimed_until = ? WHERE id = ? AND status = "
                                       "'pending' AND (claimed_until IS NULL OR claimed_until < ?)",
                                       {Value(until), id, Value(now)}));
      if (n == 1) claimed.push_back(id);
    }
    if (claimed.empty()) return Ok();
    KEHU_ASSIGN(db::Rows rows,
                s.Query("SELECT d.id, d.webhook_id, d.record_id, d.attempts, w.owner_id, d.event, d.entity, "
                        "d.created_at, w.url, w.secret, w.format, w.active, e.type, e.occurred_at, e.record "
                        "FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id "
                        "LEFT JOIN record_events e ON e.id = d.event_id WHERE d.id IN " + InList(claimed.size()),
                        claimed));
    for (const auto& r : rows.rows) {
      Due d{db::AsInt(r[0]), db::AsInt(r[1]), db::AsInt(r[2]), db::AsInt(r[3]), db::AsInt(r[4]),
            db::AsText(r[5]), db::AsText(r[6]), db::AsText(r[7]), db::AsText(r[8]), db::AsText(r[9]),
            db::AsText(r[10]), db::AsInt(r[11]) != 0, db::AsText(r[12]), db::AsText(r[13]), db::AsText(r[14])};
      out.push_back(std::move(d));
    }
    return Ok();
  }));
  return out;
}

Result<WebhookService::Prepared> WebhookService::Prepare(
    const Due& d, std::map<int64_t, std::optional<records::Actor>>& owners) {
  Prepared p;
  if (!d.active) return Prepared{"inactive", {}};
  EventPayload payload{d.event == "ping" ? "ping" : d.type, d.event == "ping" ? "" : d.entity, d.record_id,
                       d.event == "ping" ? d.created_at : d.occurred_at, {}};
  const meta::Entity* e = nullptr;
  if (d.event != "ping") {
    e = registry_->Find(d.entity);
    if (!e) return Prepared{"unknown_entity", {}};
    if (!owners.count(d.owner_id)) {
      std::optional<records::Actor> actor;
      KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
        auto loaded = auth_.LoadActor(s, d.owner_id);
        if (loaded.ok()) actor = std::move(*loaded);
        else if (loaded.error().kind != ErrorKind::kUnauthenticated) return std::move(loaded).error();
        return Ok();
      }));
      owners[d.owner_id] = std::move(actor);
    }
    const std::optional<records::Actor>& owner = owners[d.owner_id];
    if (!owner) return Prepared{"owner_inactive", {}};
    boost::system::error_code ec;
    json::value record = json::parse(d.record, ec);
    if (ec || !record.is_object()) return Prepared{"bad_event", {}};
    payload.record = std::move(record.as_object());
    bool visible = false;
    KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
      KEHU_ASSIGN(visible, OwnerMayRead(s, *owner, *e, payload));
      if (visible) KEHU_TRY(AddUserLabels(s, *e, payload.record));
      return Ok();
    }));
    if (!visible) return Prepared{"not_visible", {}};
    records::ShapeForActor(*owner, *e, payload.record);
  }
  p.request.key = d.id;
  p.request.url = d.url;
  p.request.body = RenderBody(d.format, e, payload);
  p.request.headers = {"Content-Type: application/json; charset=utf-8", "User-Agent: Kehu-Webhook/1",
                       "X-Kehu-Event: " + d.event, "X-Kehu-Delivery: " + std::to_string(d.id)};
  if (!d.secret.empty()) p.request.headers.push_back("X-Kehu-Signature: " + SignatureHeader(d.secret, p.request.body));
  return p;
}

// The same SQL predicate as every read path, on the record as it is now (deleted records too: a
// "deleted" event shows the owner only a record they could read before it went to the recycle
// bin). A purged record is judged by its last state's owner.
Result<bool> WebhookService::OwnerMayRead(db::Session& s, const records::Actor& owner, const meta::Entity& e,
                                          const EventPayload& p) {
  if (!access_.Allowed(owner, e, records::Action::kRead)) return false;
  std::vector<Value> params{Value(p.record_id)};
  std::string where = "t.id = ? AND (" + access_.Predicate(owner, e, records::Action::kRead, "t", params) + ")";
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM " + e.table + " t WHERE " + where, params));
  if (!rows.empty()) return true;
  if (p.type != "deleted") return false;
  KEHU_ASSIGN(db::Rows exists, s.Query("SELECT 1 FROM " + e.table + " WHERE id = ?", {Value(p.record_id)}));
  if (!exists.empty()) return false;
  auto* owner_id = p.record.if_contains("ownerId");
  if (!e.owned) return true;
  return owner_id && owner_id->is_int64() &&
         access_.CoversOwner(owner, e, records::Action::kRead, owner_id->as_int64());
}

Status WebhookService::MarkSkipped(const Due& d, const std::string& reason) {
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(s.Execute("UPDATE webhook_deliveries SET status = 'skipped', last_error = ?, finished_at = ?, "
                       "claimed_until = NULL WHERE id = ?",
                       {Value(reason), Value(NowIso()), Value(d.id)}));
    return Ok();
  });
}

Status WebhookService::Finish(const Due& d, const SendResult& r) {
  std::string error = r.error;
  if (error.empty() && (r.status < 200 || r.status > 299)) error = "HTTP " + std::to_string(r.status);
  if (error.empty()) error = RobotError(d.format, r.response);
  error = Clip(error);
  int64_t attempt = d.attempts + 1;
  auto now = Now();
  std::string status = "delivered", next;
  if (!error.empty()) {
    bool final = attempt > static_cast<int64_t>(options_.backoff.size());
    status = final ? "failed" : "pending";
    if (!final) next = FormatIso(now + std::chrono::duration_cast<std::chrono::milliseconds>(options_.backoff[attempt - 1]));
  }
  spdlog::info("webhook {} delivery {} attempt {}: {} ({} ms){}", d.webhook_id, d.id, attempt,
               r.status ? std::to_string(r.status) : "no response", r.duration_ms,
               error.empty() ? "" : " " + error);
  Value code = r.status ? Value(int64_t{r.status}) : Value();
  Value err = error.empty() ? Value() : Value(error);
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(s.Execute("INSERT INTO webhook_attempts (delivery_id, attempt, status_code, duration_ms, error, "
                       "started_at) VALUES (?, ?, ?, ?, ?, ?)",
                       {Value(d.id), Value(attempt), code, Value(r.duration_ms), err,
                        Value(FormatIso(now - std::chrono::milliseconds(r.duration_ms)))}));
    KEHU_TRY(s.Execute("UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status_code = ?, "
                       "last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at), finished_at = ?, "
                       "claimed_until = NULL WHERE id = ?",
                       {Value(status), Value(attempt), code, err, next.empty() ? Value() : Value(next),
                        status == "pending" ? Value() : Value(FormatIso(now)), Value(d.id)}));
    return Ok();
  });
}

Status WebhookService::Cleanup() {
  {
    std::lock_guard lock(cleanup_mu_);
    auto now = Steady::now();
    if (last_cleanup_ != Steady::time_point{} && now - last_cleanup_ < std::chrono::hours(1)) return Ok();
    last_cleanup_ = now;
  }
  Value cutoff(FormatIso(Now() - std::chrono::duration_cast<std::chrono::milliseconds>(options_.keep_log)));
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(s.Execute("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries "
                       "WHERE finished_at < ?)",
                       {cutoff}));
    KEHU_TRY(s.Execute("DELETE FROM webhook_deliveries WHERE finished_at < ?", {cutoff}));
    KEHU_TRY(s.Execute("DELETE FROM record_events WHERE dispatched_at < ? AND NOT EXISTS (SELECT 1 FROM "
                       "webhook_deliveries d WHERE d.event_id = record_events.id)",
                       {cutoff}));
    return Ok();
  });
}

Result<int> WebhookService::RunDeliveries(const std::function<bool()>& stopping) {
  if (Status st = Cleanup(); !st.ok()) spdlog::warn("webhooks: cleanup failed: {}", st.error().code);
  HttpSender sender(options_.sender);
  std::map<int64_t, Due> in_flight;    // by delivery id
  std::map<int64_t, size_t> busy;      // webhook id -> requests in flight
  std::map<int64_t, std::optional<records::Actor>> owners;
  auto start = Steady::now();
  auto last_fill = start - kFillEvery;
  size_t taken = 0;
  int attempts = 0;
  while (!(stopping && stopping())) {
    auto now = Steady::now();
    if (now - start < options_.fill_window && taken < options_.max_per_run && now - last_fill >= kFillEvery &&
        in_flight.size() < options_.max_in_flight) {
      last_fill = now;
      KEHU_TRY(Dispatch());
      size_t room = std::min(options_.max_in_flight - in_flight.size(), options_.max_per_run - taken);
      KEHU_ASSIGN(std::vector<Due> due, Claim(room, busy));
      for (Due& d : due) {
        ++taken;
        auto prepared = Prepare(d, owners);
        if (!prepared.ok()) {  // left claimed: taken again when the claim expires
          spdlog::warn("webhook {} delivery {}: {}", d.webhook_id, d.id, prepared.error().code);
          continue;
        }
        if (!prepared->skip.empty()) {
          KEHU_TRY(MarkSkipped(d, prepared->skip));
          continue;
        }
        ++busy[d.webhook_id];
        sender.Add(std::move(prepared->request));
        in_flight.emplace(d.id, std::move(d));
      }
    }
    if (in_flight.empty()) break;
    for (const SendResult& r : sender.Poll(std::chrono::milliseconds(200))) {
      auto it = in_flight.find(r.key);
      if (it == in_flight.end()) continue;
      if (Status st = Finish(it->second, r); !st.ok())
        spdlog::warn("webhook delivery {}: could not record the attempt: {}", r.key, st.error().code);
      --busy[it->second.webhook_id];
      in_flight.erase(it);
      ++attempts;
    }
  }
  return attempts;
}

}  // namespace kehu::webhooks
