#include "http/server_core.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "http/exchange.h"

namespace kehu::http {
namespace {

// Metric label for the method: anything unusual shares one label.
std::string_view MethodLabel(std::string_view m) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (m == known) return known;
  }
  return "OTHER";
}

}  // namespace

// --- SessionRegistry ---------------------------------------------------------------------------

void SessionRegistry::Add(const std::shared_ptr<SessionHandle>& s) {
  std::lock_guard lock(mutex_);
  sessions_[s.get()] = s;
}

void SessionRegistry::Remove(const SessionHandle* s) {
  std::lock_guard lock(mutex_);
  sessions_.erase(s);
  if (sessions_.empty()) empty_.notify_all();
}

void SessionRegistry::CloseIdle() {
  std::vector<std::shared_ptr<SessionHandle>> live;
  {
    std::lock_guard lock(mutex_);
    for (auto& [ptr, weak] : sessions_) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  // Outside the lock: dropping the last reference runs ~Session, which calls Remove().
  for (auto& s : live) s->CloseIfIdle();
}

bool SessionRegistry::WaitEmpty(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return empty_.wait_until(lock, deadline, [&] { return sessions_.empty(); });
}

size_t SessionRegistry::Size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

// --- ServerCore --------------------------------------------------------------------------------

ServerCore::ServerCore(ServerOptions opts, Handler api_handler, Metrics* m)
    : options(std::move(opts)),
      api(std::move(api_handler)),
      metrics(m),
      access_log(spdlog::get("access") ? spdlog::get("access") : spdlog::default_logger()),
      static_files(options.static_dir),
      workers(static_cast<size_t>(std::max(1, options.worker_threads))),
      short_workers(static_cast<size_t>(std::max(1, options.short_worker_threads))) {}

Response ServerCore::Error(int status, const std::string& code, const Request& req) const {
  return RenderError(options.error_renderer, status, code, req);
}

asio::awaitable<Response> ServerCore::OnWorker(Request& req, Lane lane,
                                               const std::function<Response(Request&)>& fn) {
  if (queued.fetch_add(1) >= options.max_queued) {
    queued.fetch_sub(1);
    Response res = Error(503, "overloaded", req);
    res.headers["Retry-After"] = "1";
    co_return res;
  }
  co_return co_await asio::co_spawn(
      lane == Lane::kShort ? short_workers : workers,
      [&]() -> asio::awaitable<Response> {
        queued.fetch_sub(1);
        try {
          co_return fn(req);
        } catch (const std::exception& e) {
          spdlog::error("request {} {} {}: unhandled exception: {}", req.request_id, req.method,
                        req.path, e.what());
        } catch (...) {
          spdlog::error("request {} {} {}: unhandled non-standard exception", req.request_id,
                        req.method, req.path);
        }
        co_return Error(500, "internal_error", req);
      },
      asio::use_awaitable);
}

Response ServerCore::ServeStatic(Request& req) {
  req.route = "static";
  if (req.method != "GET" && req.method != "HEAD") {
    Response res = Error(405, "method_not_allowed", req);
    res.headers["Allow"] = "GET, HEAD";
    return res;
  }
  // Disk reads here are of small, mostly cached files; acceptable on an I/O thread.
  auto res = static_files.Serve(req);
  return res ? std::move(*res) : Error(404, "not_found", req);
}

asio::awaitable<Response> ServerCore::Dispatch(Request& req, bool loopback) {
  if (req.path == "/metrics") {
    req.route = "/metrics";
    if (!loopback) co_return Error(403, "forbidden", req);
    if (!metrics) co_return Error(404, "not_found", req);
    // Gauges may read the database pool; keep them off the I/O threads too.
    co_return co_await OnWorker(req, Lane::kLong, [this](Request&) {
      return Response::Text(200, metrics->Render(), "text/plain; version=0.0.4; charset=utf-8");
    });
  }
  if (req.path == "/api" || req.path.starts_with("/api/")) {
    if (!api) co_return Error(404, "not_found", req);
    co_return co_await OnWorker(req, options.lane_of ? options.lane_of(req) : DefaultLane(req.method), api);
  }
  co_return ServeStatic(req);
}

void ServerCore::Finalize(const Request& req, Response& res) const {
  AddSecurityHeaders(res, req.secure);
  res.headers["X-Request-Id"] = req.request_id;
  bool api_path = req.path == "/api" || req.path.starts_with("/api/") || req.path == "/metrics";
  // API answers carry private data; no shared or browser cache should keep them unless the
  // handler said otherwise.
  if (api_path && !res.headers.count("Cache-Control")) res.headers["Cache-Control"] = "no-store";
}

void ServerCore::PostUnlessShutDown(const std::function<void()>& post) {
  std::lock_guard lock(waker_mutex_);
  if (wakers_open_) post();
}

void ServerCore::CloseWakerGate() {
  std::lock_guard lock(waker_mutex_);
  wakers_open_ = false;
}

void ServerCore::Record(const Request& req, int status, size_t bytes,
                        std::chrono::steady_clock::time_point start) const {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (metrics) {
    // Unmatched paths share one label so scanners cannot blow up the series count.
    std::string_view route = req.route.empty() ? std::string_view("unmatched") : req.route;
    metrics->ObserveRequest(route, MethodLabel(req.method), status, seconds);
  }
  // Formatting the line is a few percent of a small request: only when it is written.
  if (access_log->should_log(spdlog::level::info)) access_log->info(AccessLogLine(req, status, bytes, seconds * 1000));
}

}  // namespace kehu::http
