// The transport's per-request rules that need no I/O: request ids, which body limit applies,
// security headers and the access-log line. No Asio/Beast here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "http/message.h"

namespace kehu::http {

// An incoming X-Request-Id is kept if it is 1–64 characters of [A-Za-z0-9-].
bool IsValidRequestId(std::string_view id);
// 16 random lower-case hex characters.
std::string NewRequestId();

// Uploads (POST …/import under /api/, POST /api/v1/files) get the upload body limit.
bool IsUploadRequest(std::string_view method, std::string_view path);

// CSP, nosniff, Referrer-Policy, X-Frame-Options on every response; HSTS when `tls`.
void AddSecurityHeaders(Response& res, bool tls);

// One JSON object: ts, reqId, remote, method, path, route, status, bytes, ms[, user].
std::string AccessLogLine(const Request& req, int status, size_t bytes, double ms);

}  // namespace kehu::http
