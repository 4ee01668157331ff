#include "http/exchange.h"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <ctime>
#include <random>

namespace kehu::http {
namespace {

constexpr std::string_view kCsp =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'";

std::string UtcTimestamp() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms % 1000);
}

}  // namespace

bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  // Ids only need to be unique enough to find a request in the logs, not unguessable.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

bool IsUploadRequest(std::string_view method, std::string_view path) {
  if (method != "POST") return false;
  return path == "/api/v1/files" || (path.starts_with("/api/") && path.ends_with("/import"));
}

void AddSecurityHeaders(Response& res, bool tls) {
  // A handler may set a stricter policy (file downloads: sandbox); the site-wide one is the default.
  if (!res.headers.count("Content-Security-Policy")) res.headers["Content-Security-Policy"] = std::string(kCsp);
  res.headers["X-Content-Type-Options"] = "nosniff";
  res.headers["Referrer-Policy"] = "same-origin";
  res.headers["X-Frame-Options"] = "DENY";
  if (tls) res.headers["Strict-Transport-Security"] = "max-age=31536000";
}

std::string AccessLogLine(const Request& req, int status, size_t bytes, double ms) {
  boost::json::object o;
  o["ts"] = UtcTimestamp();
  o["reqId"] = req.request_id;
  o["remote"] = req.remote_address;
  o["method"] = req.method;
  o["path"] = req.path.empty() ? req.target : req.path;
  o["route"] = req.route;
  o["status"] = status;
  o["bytes"] = bytes;
  o["ms"] = static_cast<double>(static_cast<int64_t>(ms * 1000)) / 1000;
  if (req.user_id != 0) o["user"] = req.user_id;
  return boost::json::serialize(o);
}

}  // namespace kehu::http
