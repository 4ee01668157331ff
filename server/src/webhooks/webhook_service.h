// Webhooks (issue #8): admins subscribe URLs to record events; the "webhooks.deliver" job turns the
// record_events outbox into one delivery per matching active subscription and POSTs it, signed,
// with retries and a log of every attempt.
//
// A payload never carries what the subscription's owner may not read: at each attempt the owner's
// current rights are loaded; a record they may not read is not sent (the delivery is "skipped"),
// and hidden/masked fields are shaped exactly as in API responses (records::ShapeForActor).
// Secrets are stored to sign with, never returned and never logged.
//
// Thread-safety: thread-safe. RunDeliveries blocks for up to about fill_window + total_timeout and
// must run on a job thread, never on an io thread.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <mutex>
#include <vector>

#include "auth/auth_service.h"
#include "core/result.h"
#include "db/database.h"
#include "metadata/registry.h"
#include "records/access.h"
#include "records/actor.h"
#include "webhooks/http_sender.h"
#include "webhooks/subscription.h"

namespace kehu::webhooks {

struct EventPayload;

struct WebhookOptions {
  SenderOptions sender;
  // Waits after a failed attempt: 30 s, 2 min, 10 min, 1 h; the attempt after the last is final.
  std::vector<std::chrono::milliseconds> backoff{std::chrono::seconds(30), std::chrono::minutes(2),
                                                 std::chrono::minutes(10), std::chrono::hours(1)};
  size_t max_in_flight = 16;              // requests at once per run ...
  size_t max_in_flight_per_webhook = 4;   // ... of which one subscription may hold this many
  size_t max_per_run = 500;               // deliveries one run takes at most
  // How long a run keeps taking newly due deliveries while earlier ones are still in flight (so a
  // hanging target does not hold up the deliveries that became due behind it).
  std::chrono::milliseconds fill_window{10000};
  std::chrono::seconds claim{120};        // a taken delivery is another run's again after this
  std::chrono::hours keep_log{24 * 30};   // finished deliveries and their events are kept this long
};

// Production defaults, with KEHU_WEBHOOK_BACKOFF_SCALE (a factor in (0, 1], for tests) applied.
WebhookOptions OptionsFromEnvironment();

class WebhookService {
 public:
  WebhookService(db::Database& db, std::shared_ptr<const meta::Registry> registry,
                 auth::AuthService& auth, const records::AccessPolicy& access,
                 WebhookOptions options = {});

  // Admins only (kForbidden otherwise); kNotFound for an unknown id.
  Result<boost::json::array> List(const records::Actor& actor);
  Result<boost::json::object> Get(const records::Actor& actor, int64_t id);
  Result<boost::json::object> Create(const records::Actor& actor, const boost::json::object& body);
  // A "version" in the body must match (409 version_conflict). A secret left out is kept.
  Result<boost::json::object> Update(const records::Actor& actor, int64_t id, const boost::json::object& body);
  // Removes the subscription with its deliveries and their log.
  Status Delete(const records::Actor& actor, int64_t id);
  // Newest first: {"items":[{"id","event","entity","recordId","status","attempts","nextAttemptAt",
  // "createdAt","finishedAt","lastStatusCode","lastError","log":[{"attempt","statusCode",
  // "durationMs","error","at"}]}],"total","page","pageSize"}.
  Result<boost::json::object> Deliveries(const records::Actor& actor, int64_t id, int page, int page_size);
  // Queues a "ping" delivery to the subscription (sent by the next run). Returns its id.
  Result<int64_t> QueuePing(const records::Actor& actor, int64_t id);

  // The job: fans out new events, then sends due deliveries concurrently and logs each attempt.
  // Returns the number of attempts made. When `stopping` turns true (server shutdown) the run
  // returns at once; requests still in flight are sent again after their claim expires.
  Result<int> RunDeliveries(const std::function<bool()>& stopping = {});

 private:
  struct Due;
  struct Prepared;
  Result<Webhook> Load(db::Session& s, int64_t id);
  Status Dispatch();
  Result<std::vector<Due>> Claim(size_t room, const std::map<int64_t, size_t>& busy);
  Result<Prepared> Prepare(const Due& d, std::map<int64_t, std::optional<records::Actor>>& owners);
  Result<bool> OwnerMayRead(db::Session& s, const records::Actor& owner, const meta::Entity& e,
                            const EventPayload& p);
  Status Finish(const Due& d, const SendResult& r);
  Status MarkSkipped(const Due& d, const std::string& reason);
  Status Cleanup();

  db::Database& db_;
  std::shared_ptr<const meta::Registry> registry_;
  auth::AuthService& auth_;
  const records::AccessPolicy& access_;
  WebhookOptions options_;
  std::mutex cleanup_mu_;
  std::chrono::steady_clock::time_point last_cleanup_;
};

}  // namespace kehu::webhooks
