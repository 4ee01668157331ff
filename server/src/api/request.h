// Request plumbing shared by handlers: authentication and CSRF, JSON bodies, ids, and turning
// Error values into responses (one switch from ErrorKind to HTTP status).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

#include "api/api_context.h"
#include "core/result.h"
#include "http/message.h"

namespace kehu::api {

struct Caller {
  records::Actor actor;
  std::string csrf_token;
  std::string session_token;  // empty for bearer tokens
  std::string lang;           // for messages
};

// Resolves the session cookie or bearer token; for unsafe methods with a cookie, checks
// X-CSRF-Token. Fills actor.request_id/remote_address.
Result<Caller> Authenticate(ApiContext& ctx, http::Request& req);

// Rejects invalid UTF-8 in the path and query values (400 "invalid_utf8"): nothing downstream
// (filters, OpenCC folding, the database) ever sees ill-formed text.
Status CheckRequestText(const http::Request& req);

// Parses a JSON object body: 415 unless Content-Type is JSON, 400 if malformed/not an object.
Result<boost::json::object> JsonObjectBody(const http::Request& req);

Result<int64_t> ParseId(std::string_view text);
Result<const meta::Entity*> EntityFromPath(ApiContext& ctx, const http::Request& req);

int StatusFor(ErrorKind kind);
std::string RequestLanguage(const http::Request& req);
http::Response ErrorResponse(const Error& e, const std::string& lang, const std::string& request_id);
http::Response JsonResponse(int status, const boost::json::value& body);
// Renders transport errors (404/405/413/...) localized; for http::ServerOptions::error_renderer.
http::Response RenderTransportError(int status, const std::string& code, const http::Request& req);

std::string SessionCookieValue(const http::Request& req);

}  // namespace kehu::api
