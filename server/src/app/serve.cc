// kehu serve: wires the services, the API routes and the HTTP server, and runs until a signal.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>

#include "api/api_context.h"
#include "api/request.h"
#include "api/routes.h"
#include "app/commands.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
// BEGIN jobs includes
// END jobs includes
// BEGIN notify includes
// END notify includes
// BEGIN mail includes
// END mail includes
// BEGIN webhooks includes
// END webhooks includes
// BEGIN approvals includes
// END approvals includes

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
}

}  // namespace

int RunServe(const CommonOptions& common, const ServeOptions& options, const std::string& argv0) {
  http::ServerOptions http_options;
  if (!SplitListen(options.listen, http_options.host, http_options.port)) {
    std::fprintf(stderr, "kehu: --listen must be HOST:PORT, got '%s'\n", options.listen.c_str());
    return 2;
  }
  auto opened = OpenServices(common, argv0, options.workers);
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
  http_options.worker_threads = options.workers;
  http_options.error_renderer = api::RenderTransportError;

  api::ApiContext ctx{*services.db, services.registry, *services.records, *services.auth,
                      services.actions, *services.org, !options.tls_cert.empty()};
  // Platform services: wire into ctx and register background work; the scheduler starts below.
  ctx.scheduler = services.scheduler.get();
  ctx.notifier = services.notifier.get();
  // BEGIN jobs
  // END jobs
  // BEGIN notify
  // END notify
  // BEGIN mail
  // END mail
  // BEGIN webhooks
  // END webhooks
  // BEGIN approvals
  // END approvals
  if (Status started = services.scheduler->Start(); !started.ok()) return Fail(started.error(), "serve");
  http::Router router;
  api::RegisterRoutes(router, ctx, KEHU_VERSION);
  http::Metrics metrics;
  AddDatabaseGauges(metrics, *services.db);
  {
    http::Server server(http_options, [&router](http::Request& req) { return router.Handle(req); }, &metrics);
    server.shutdown_grace = std::chrono::seconds(options.shutdown_grace_seconds);
    auto port = server.Start();
    if (!port.ok()) return Fail(port.error(), "serve");
    std::printf("listening on %s://%s:%u\n", options.tls_cert.empty() ? "http" : "https",
                http_options.host.c_str(), static_cast<unsigned>(*port));
    std::fflush(stdout);
    spdlog::info("serving {} database, web UI from '{}'", services.db->kind(), http_options.static_dir);
    server.RunUntilSignal();
  }
  metrics.RemoveGauge("kehu_db_queued_writes");
  spdlog::info("stopped");
  return 0;
}

}  // namespace kehu::app
