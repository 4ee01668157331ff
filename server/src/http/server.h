// Kehu's HTTP(S) server. Callers see no Asio/Beast: everything lives behind a pimpl.
//
// Requests under /api/ go to the `api` handler on one of two worker thread pools, the lane that
// `lane_of` picks (handlers may block on the database there, never on an I/O thread). /metrics is answered from Metrics::Render() for
// loopback peers only (403 otherwise). Everything else is a static file of `static_dir` with an
// SPA fallback to index.html. Each response carries the security headers and X-Request-Id, is
// counted in the metrics and written to the access log (spdlog logger "access" if registered
// before the Server is constructed, else the default logger). Nothing is printed to stdout.
//
// Lifecycle: construct → Start() → RunUntilSignal() (or just destroy) . Stop() is thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "http/errors.h"
#include "http/message.h"
#include "http/metrics.h"

namespace kehu::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 = pick a free one (Start() returns it)
  int io_threads = 2;
  // Worker lanes (message.h): the long lane's threads mostly wait (group commit, big reads), so
  // there are many; the short lane runs reads, one to four threads per core.
  int worker_threads = 32;
  int short_worker_threads = 4;
  std::function<Lane(const Request&)> lane_of;  // which lane an /api/ request runs in; null: by method
  size_t max_queued = 4096;     // requests waiting for a worker; beyond → 503 "overloaded"
  size_t body_limit = 2 << 20;  // JSON requests
  size_t upload_body_limit = 256 << 20;     // POST …/import and POST /api/v1/files
  std::chrono::seconds read_timeout{30};    // from a request's first byte to its end; also writes
  std::chrono::seconds idle_timeout{60};    // keep-alive connection waiting for the next request
  std::string static_dir;                   // built web UI (index.html + assets/); empty = none
  std::string tls_cert_file, tls_key_file;  // both set = HTTPS only (PEM; chain + key)
  ErrorRenderer error_renderer;             // null = DefaultErrorRenderer
};

class Server {
 public:
  // `api` must be thread-safe (it runs on many workers at once). `metrics` may be null; if set it
  // must outlive the Server. The Server registers the gauges kehu_http_open_connections and
  // kehu_http_worker_queue_depth in it and removes them when destroyed.
  Server(ServerOptions options, Handler api, Metrics* metrics);
  // Shuts down gracefully if still running.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the I/O threads; returns the bound port. Fails on a bad address,
  // a port in use or unreadable TLS files. Call once.
  Result<uint16_t> Start();

  // Blocks until SIGINT/SIGTERM or Stop(), then shuts down: stops accepting, closes idle
  // keep-alive connections, lets in-flight requests finish (up to shutdown_grace), joins threads.
  // REQUIRES: Start() succeeded.
  void RunUntilSignal();

  // Thread-safe; makes RunUntilSignal return (also if called before it).
  void Stop();

  size_t OpenConnections() const;
  size_t QueuedRequests() const;  // waiting for a worker

  std::chrono::seconds shutdown_grace{10};

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kehu::http
