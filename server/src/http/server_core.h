// Internal to the http layer (includes Asio): the state shared by the acceptor and the sessions,
// and what a session does with a parsed request. Sessions own the I/O (session.cc); this file
// turns a request into a response and records it.
#pragma once

#include <spdlog/logger.h>

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "http/server.h"
#include "http/static_files.h"

namespace kehu::http {

namespace asio = boost::asio;

// A connection as the shutdown logic sees it.
class SessionHandle {
 public:
  virtual ~SessionHandle() = default;
  // Posts a close to the session's strand; the session closes if it is between requests or
  // streaming an EventStream (streams never hold up a shutdown).
  virtual void CloseIfIdle() = 0;
};

// Open sessions, so shutdown can close idle ones and wait for the rest.
class SessionRegistry {
 public:
  void Add(const std::shared_ptr<SessionHandle>& s);
  void Remove(const SessionHandle* s);
  void CloseIdle();
  // True if all sessions ended before `deadline`.
  bool WaitEmpty(std::chrono::steady_clock::time_point deadline);
  size_t Size() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable empty_;
  std::unordered_map<const SessionHandle*, std::weak_ptr<SessionHandle>> sessions_;
};

struct ServerCore {
  ServerCore(ServerOptions options, Handler api, Metrics* metrics);

  Response Error(int status, const std::string& code, const Request& req) const;

  // /metrics (loopback only) and /api/… on the worker pool; static files otherwise.
  asio::awaitable<Response> Dispatch(Request& req, bool loopback);

  // Security headers, X-Request-Id, Cache-Control for API answers.
  void Finalize(const Request& req, Response& res) const;

  // Runs `post` (which posts to an io strand) unless shutdown closed the gate. Event-stream wakers
  // run on producer threads; the gate keeps them from posting to an io_context being destroyed.
  void PostUnlessShutDown(const std::function<void()>& post);
  // Closes the gate; returns once no post is in progress.
  void CloseWakerGate();

  // Counts the request in the metrics and writes the access-log line.
  void Record(const Request& req, int status, size_t bytes,
              std::chrono::steady_clock::time_point start) const;

  const ServerOptions options;
  const Handler api;
  Metrics* const metrics;
  std::shared_ptr<spdlog::logger> access_log;
  std::optional<asio::ssl::context> tls;  // set by Server::Start when both files are given
  StaticFiles static_files;
  asio::thread_pool workers;        // Lane::kLong
  asio::thread_pool short_workers;  // Lane::kShort
  std::atomic<size_t> queued{0};
  std::atomic<bool> stopping{false};
  SessionRegistry sessions;

 private:
  std::mutex waker_mutex_;
  bool wakers_open_ = true;  // GUARDED_BY(waker_mutex_)

  asio::awaitable<Response> OnWorker(Request& req, Lane lane, const std::function<Response(Request&)>& fn);
  Response ServeStatic(Request& req);
};

}  // namespace kehu::http
