// kehu serve: wires the services, the API routes and the HTTP server, and runs until a signal.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "api/api_context.h"
#include "api/request.h"
#include "api/routes.h"
#include "app/commands.h"
#include "core/crypto.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "jobs/housekeeping.h"
#include "notify/event_hub.h"
#include "mail/mail_settings.h"

namespace kehu::app {
namespace {

bool SplitListen(const std::string& listen, std::string& host, uint16_t& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    int p = std::stoi(listen.substr(colon + 1));
    if (p < 0 || p > 65535) return false;
    port = static_cast<uint16_t>(p);
  } catch (...) {
    return false;
  }
  return !host.empty();
}

void AddDatabaseGauges(http::Metrics& metrics, db::Database& db) {
  metrics.AddGauge("kehu_db_queued_writes", "Writes waiting for the database writer",
                   [&db] { return static_cast<double>(db.Stats().queued_writes); });
  metrics.AddGauge("kehu_db_connections_in_use", "Database connections in use",
                   [&db] { return static_cast<double>(db.Stats().pool_in_use); });
  metrics.AddGauge("kehu_db_connections_open", "Database connections open",
                   [&db] { return static_cast<double>(db.Stats().pool_size); });
  metrics.AddGauge("kehu_db_write_batches_total", "Write transactions committed (group commits)",
                   [&db] { return static_cast<double>(db.Stats().write_batches); });
  // Writer saturation: busy seconds growing as fast as the clock mean writes queue behind it.
  metrics.AddGauge("kehu_db_writer_busy_seconds_total", "SQLite writer thread time spent on write batches",
                   [&db] { return db.Stats().writer_busy_seconds; });
  metrics.AddGauge("kehu_db_commit_seconds_total", "SQLite writer time spent committing (search index, COMMIT, fsync)",
                   [&db] { return db.Stats().commit_seconds; });
}

}  // namespace

int RunServe(const CommonOptions& common, const ServeOptions& options, const std::string& argv0) {
  http::ServerOptions http_options;
  if (!SplitListen(options.listen, http_options.host, http_options.port)) {
    std::fprintf(stderr, "kehu: --listen must be HOST:PORT, got '%s'\n", options.listen.c_str());
    return 2;
  }
  // Reads on SQLite run in this process: one thread per core keeps the cores busy without one
  // preempting another mid-request, which is what stretched p99 (docs/performance.md, round 6).
  // On PostgreSQL a read waits for the server process much of its time: four per core (round 4).
  // At least two, so that one slow read does not hold every other.
  const bool sqlite = common.db_url.rfind("sqlite:", 0) == 0;
  const int short_workers = options.short_workers > 0
                                ? options.short_workers
                                : std::max(2, (sqlite ? 1 : 4) * static_cast<int>(std::thread::hardware_concurrency()));
  // Writes wait on the long lane for their group commit: on SQLite, each waiting write is one more
  // in the next commit, and 64 of them (one per connection of the bench) made creates 11-26% and
  // patches 16-22% faster than 32 (docs/performance.md, round 7). On PostgreSQL each worker may
  // hold a server connection, and its default allows 100.
  const int workers = options.workers > 0 ? options.workers : (sqlite ? 64 : 32);
  // Every worker may hold a database connection at once (writes read first: authentication).
  auto opened = OpenServices(common, argv0, workers + short_workers);
  if (!opened.ok()) return Fail(opened.error(), "serve");
  Services& services = **opened;

  http_options.static_dir = options.static_dir;
  if (http_options.static_dir.empty()) {
    std::string dist = ResourceRoot(argv0) + "/web/dist";
    if (std::filesystem::exists(dist + "/index.html")) http_options.static_dir = dist;
  }
  http_options.tls_cert_file = options.tls_cert;
  http_options.tls_key_file = options.tls_key;
  http_options.io_threads = options.io_threads;
  http_options.worker_threads = workers;
  http_options.short_worker_threads = short_workers;
  http_options.error_renderer = api::RenderTransportError;

  api::ApiContext ctx{*services.db, services.registry, *services.records, *services.auth,
                      services.actions, *services.org, !options.tls_cert.empty()};
  // Platform services: wire into ctx and register background work; the scheduler starts below.
  ctx.scheduler = services.scheduler.get();
  ctx.notifier = services.notifier.get();
  ctx.field_options = services.field_options.get();
  // Another server's option list edits reach this one within seconds.
  if (Status s = services.scheduler->Register("options.refresh", "every 10s",
                                              [fo = services.field_options.get()](const jobs::JobRun&) {
                                                return fo->RefreshIfChanged();
                                              });
      !s.ok())
    return Fail(s.error(), "serve");
  // Stops the scheduler (waiting for running handlers) when RunServe returns, before the services
  // its handlers use are destroyed.
  struct SchedulerStopper {
    jobs::Scheduler& scheduler;
    ~SchedulerStopper() { scheduler.Stop(); }
  } stop_scheduler{*services.scheduler};
  if (Status housekeeping = jobs::RegisterHousekeeping(*services.scheduler, *services.db, *services.notifier);
      !housekeeping.ok())
    return Fail(housekeeping.error(), "serve");
  // Polls the notifications table while anyone listens (any server may have written them) and
  // pushes to the SSE streams; destroyed after the HTTP server below, stopped before the services.
  notify::EventHub event_hub(*services.db, services.registry);
  event_hub.Start();
  ctx.events = &event_hub;
  {
    auto smtp = mail::ParseSmtpUrl(options.smtp_url);
    if (!smtp.ok()) {
      std::fprintf(stderr, "kehu: --smtp must be smtp://host:port, smtp+starttls://host:port or smtps://host:port\n");
      return 2;
    }
    mail::MailOptions mail_options;
    mail_options.defaults = *smtp;
    if (!options.smtp_from.empty()) mail_options.defaults.from = options.smtp_from;
    if (!options.smtp_username.empty()) mail_options.defaults.username = options.smtp_username;
    if (!options.smtp_password.empty()) mail_options.defaults.password = options.smtp_password;
    mail_options.defaults.ca_file = options.smtp_ca_file;
    services.mail = std::make_shared<mail::MailService>(*services.db, std::move(mail_options));
    ctx.mail = services.mail.get();
    Status registered = services.scheduler->Register(
        "mail.deliver", "every 10s",
        [m = services.mail](const jobs::JobRun& run) { return m->DeliverDue([&run] { return run.Stopping(); }); });
    if (!registered.ok()) return Fail(registered.error(), "serve");
  }
  ctx.webhooks = services.webhooks.get();
  if (Status registered = services.scheduler->Register(
          "webhooks.deliver", "every 5s",
          [w = services.webhooks.get()](const jobs::JobRun& run) -> Status {
            KEHU_TRY(w->RunDeliveries([&run] { return run.Stopping(); }));
            return Ok();
          });
      !registered.ok())
    return Fail(registered.error(), "serve");
  ctx.approvals = services.approvals.get();
  if (Status started = services.scheduler->Start(); !started.ok()) return Fail(started.error(), "serve");
  http::Router router;
  api::RegisterRoutes(router, ctx, KEHU_VERSION);
  http::Metrics metrics;
  AddDatabaseGauges(metrics, *services.db);
  {
    http_options.lane_of = [&router](const http::Request& req) { return router.LaneOf(req); };
    http::Server server(http_options, [&router](http::Request& req) { return router.Handle(req); }, &metrics);
    server.shutdown_grace = std::chrono::seconds(options.shutdown_grace_seconds);
    auto port = server.Start();
    if (!port.ok()) return Fail(port.error(), "serve");
    std::printf("listening on %s://%s:%u\n", options.tls_cert.empty() ? "http" : "https",
                http_options.host.c_str(), static_cast<unsigned>(*port));
    std::fflush(stdout);
    spdlog::info("serving {} database, web UI from '{}', {} read and {} write workers", services.db->kind(),
                 http_options.static_dir, http_options.short_worker_threads, http_options.worker_threads);
    if (crypto::InsecureFastPasswordHash())
      spdlog::warn("KEHU_INSECURE_FAST_PASSWORD_HASH=1: new passwords get test-only Argon2id limits; "
                   "never set it outside tests");
    server.RunUntilSignal();
  }
  metrics.RemoveGauge("kehu_db_queued_writes");
  spdlog::info("stopped");
  return 0;
}

}  // namespace kehu::app
