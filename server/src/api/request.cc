#include "api/request.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <charconv>

#include "api/messages.h"
#include "core/crypto.h"
#include "core/text/utf8.h"

namespace kehu::api {
namespace json = boost::json;

int StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidInput: return 400;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kPayloadTooLarge: return 413;
    case ErrorKind::kUnsupportedMedia: return 415;
    case ErrorKind::kValidation: return 422;
    case ErrorKind::kRateLimited: return 429;
    case ErrorKind::kUnavailable: return 503;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

std::string RequestLanguage(const http::Request& req) { return PickLanguage(req.Header("Accept-Language")); }

http::Response JsonResponse(int status, const json::value& body) {
  return http::Response::Json(status, json::serialize(body));
}

http::Response ErrorResponse(const Error& e, const std::string& lang, const std::string& request_id) {
  int status = StatusFor(e.kind);
  if (status >= 500)
    spdlog::error("request {} failed: {} {}", request_id, e.code, e.detail);
  json::object err{{"code", e.code}, {"message", Message(e.code, lang, e.args)}};
  if (!e.fields.empty()) {
    json::object fields;
    for (const auto& [k, v] : e.fields) fields[k] = v;
    err["fields"] = std::move(fields);
  }
  json::object body{{"error", std::move(err)}};
  for (const auto& [key, raw] : e.extra) {
    json::error_code ec;
    json::value v = json::parse(raw, ec);
    if (!ec) body[key] = std::move(v);
  }
  http::Response r = JsonResponse(status, body);
  if (e.kind == ErrorKind::kRateLimited && e.args.count("retryAfter"))
    r.headers["Retry-After"] = e.args.at("retryAfter");
  return r;
}

http::Response RenderTransportError(int status, const std::string& code, const http::Request& req) {
  json::object body{{"error", json::object{{"code", code}, {"message", Message(code, RequestLanguage(req))}}}};
  return JsonResponse(status, body);
}

std::string SessionCookieValue(const http::Request& req) {
  std::string_view cookies = req.Header("Cookie");
  const std::string_view name = "kehu_session=";
  size_t pos = 0;
  while (pos < cookies.size()) {
    while (pos < cookies.size() && (cookies[pos] == ' ' || cookies[pos] == ';')) ++pos;
    size_t end = cookies.find(';', pos);
    std::string_view part = cookies.substr(pos, end == cookies.npos ? cookies.npos : end - pos);
    if (part.starts_with(name)) return std::string(part.substr(name.size()));
    if (end == cookies.npos) break;
    pos = end + 1;
  }
  return {};
}

Result<Caller> Authenticate(ApiContext& ctx, http::Request& req) {
  Caller c;
  std::string_view authz = req.Header("Authorization");
  Result<auth::Authenticated> who = Error(ErrorKind::kUnauthenticated, "unauthenticated");
  if (authz.starts_with("Bearer ")) {
    who = ctx.auth.FromBearer(std::string(authz.substr(7)), req.remote_address);
  } else {
    c.session_token = SessionCookieValue(req);
    if (!c.session_token.empty()) who = ctx.auth.FromSession(c.session_token, req.remote_address);
  }
  if (!who.ok()) return std::move(who).error();
  bool unsafe = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
  if (who->via_cookie && unsafe &&
      !crypto::SecureEquals(req.Header("X-CSRF-Token"), who->csrf_token))
    return Error(ErrorKind::kForbidden, "csrf_failed");
  c.actor = std::move(who->actor);
  c.csrf_token = who->csrf_token;
  c.actor.request_id = req.request_id;
  c.actor.remote_address = req.remote_address;
  c.lang = req.Header("Accept-Language").empty() ? c.actor.locale : RequestLanguage(req);
  c.actor.locale = c.lang;
  req.user_id = c.actor.user_id;
  return c;
}

Status CheckRequestText(const http::Request& req) {
  if (!text::IsValidUtf8(req.path)) return InvalidInput("invalid_utf8");
  for (const auto& [key, value] : req.query)
    if (!text::IsValidUtf8(key) || !text::IsValidUtf8(value)) return InvalidInput("invalid_utf8");
  return Ok();
}

Result<json::object> JsonObjectBody(const http::Request& req) {
  std::string_view type = req.Header("Content-Type");
  if (!type.starts_with("application/json")) return Error(ErrorKind::kUnsupportedMedia, "unsupported_media_type");
  json::parse_options opts;
  opts.max_depth = 32;
  json::error_code ec;
  json::value v = json::parse(req.body, ec, {}, opts);  // rejects invalid UTF-8
  if (ec) return InvalidInput("malformed_json").Detail(ec.message());
  if (!v.is_object()) return InvalidInput("json_object_expected");
  return std::move(v.as_object());
}

Result<int64_t> ParseId(std::string_view text) {
  int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id <= 0) return InvalidInput("bad_id");
  return id;
}

Result<const meta::Entity*> EntityFromPath(ApiContext& ctx, const http::Request& req) {
  auto it = req.path_params.find("entity");
  const meta::Entity* e = it == req.path_params.end() ? nullptr : ctx.registry->Find(it->second);
  if (!e) return Error(ErrorKind::kNotFound, "not_found");
  return e;
}

}  // namespace kehu::api
