// In-app notifications of the caller (issue #8) and the caller's live event stream:
//   GET  /api/v1/notifications?unread=true&page=&pageSize=
//        → {"items":[{"id","kind","title","body","entity","recordId","createdAt","readAt"}],
//           "total","unreadCount","page","pageSize"}                    (newest first)
//   GET  /api/v1/notifications/unread-count        → {"unreadCount"}
//   POST /api/v1/notifications/{id}/read           → the notification + "unreadCount"
//                                                     (another user's id: 404, as absent)
//   POST /api/v1/notifications/read-all            → {"updated","unreadCount":0}
//   GET  /api/v1/events[?lang=&lastEventId=]       → text/event-stream (notify/event_hub.h);
//        Last-Event-ID (header, or lastEventId for a fresh EventSource) replays what came after.
// Texts are rendered in the caller's language. Literal segments beat the generic
// /api/v1/{entity}/{id}/{action} routes (http/router.h), so these are reached.
#include <boost/json.hpp>

#include <charconv>

#include "api/routes.h"
#include "core/time.h"
#include "notify/event_hub.h"
#include "notify/store.h"
#include "notify/texts.h"

namespace kehu::api {
namespace json = boost::json;

namespace {

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 200;

Status OnlyParameters(const http::Request& req, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : req.query) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return InvalidInput("unknown_parameter").Arg("parameter", key);
  }
  return Ok();
}

Result<int> IntParam(const http::Request& req, std::string_view name, int fallback, int lo, int hi) {
  std::string_view text = req.QueryValue(name);
  if (text.empty()) return fallback;
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < lo || v > hi)
    return InvalidInput("bad_parameter").Arg("parameter", std::string(name));
  return v;
}

Result<bool> UnreadOnly(const http::Request& req) {
  std::string_view v = req.QueryValue("unread");
  if (v.empty() || v == "false") return false;
  if (v == "true") return true;
  return InvalidInput("bad_parameter").Arg("parameter", "unread");
}

Result<int64_t> LastEventId(const http::Request& req) {
  std::string_view text = req.Header("Last-Event-ID");
  if (text.empty()) text = req.QueryValue("lastEventId");
  if (text.empty()) return int64_t{0};
  int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id < 0)
    return InvalidInput("bad_parameter").Arg("parameter", "lastEventId");
  return id;
}

http::Response List(ApiContext& ctx, Caller& c, const notify::NotificationPage& page, int number,
                    int size) {
  json::array items;
  for (const auto& n : page.items)
    items.push_back(notify::RenderNotification(n, *ctx.registry, c.lang));
  return JsonResponse(200, json::object{{"items", std::move(items)},
                                        {"total", page.total},
                                        {"unreadCount", page.unread},
                                        {"page", number},
                                        {"pageSize", size}});
}

// Whether the credentials that opened a stream still hold (checked by the hub now and then).
// A database hiccup is not a logout: only "unauthenticated" ends the stream.
std::function<bool()> StillValid(ApiContext& ctx, const Caller& c, const http::Request& req) {
  std::string bearer;
  if (std::string_view authz = req.Header("Authorization"); authz.starts_with("Bearer "))
    bearer = std::string(authz.substr(7));
  return [&ctx, session = c.session_token, bearer, remote = req.remote_address] {
    auto who = bearer.empty() ? ctx.auth.FromSession(session, remote)
                              : ctx.auth.FromBearer(bearer, remote);
    return who.ok() || who.error().kind != ErrorKind::kUnauthenticated;
  };
}

Result<http::Response> OpenEvents(ApiContext& ctx, Caller& c, http::Request& req) {
  KEHU_TRY(OnlyParameters(req, {"lang", "lastEventId"}));
  if (!ctx.events) return Error(ErrorKind::kUnavailable, "overloaded").Detail("no event hub");
  notify::Subscription sub;
  sub.user_id = c.actor.user_id;
  sub.lang = c.lang;
  // EventSource cannot set headers: the page says which language it shows.
  std::string_view lang = req.QueryValue("lang");
  if (lang == "zh-CN" || lang == "zh-TW" || lang == "en") sub.lang = std::string(lang);
  KEHU_ASSIGN(sub.last_event_id, LastEventId(req));
  sub.still_valid = StillValid(ctx, c, req);
  KEHU_ASSIGN(auto stream, ctx.events->Subscribe(std::move(sub)));
  http::Response res;
  res.headers["Content-Type"] = "text/event-stream; charset=utf-8";
  res.headers["Cache-Control"] = "no-store";
  res.headers["X-Accel-Buffering"] = "no";  // reverse proxies: pass events through at once
  res.stream = std::move(stream);
  return res;
}

}  // namespace

void RegisterNotificationRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/notifications",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_TRY(OnlyParameters(req, {"unread", "page", "pageSize"}));
               KEHU_ASSIGN(bool unread, UnreadOnly(req));
               KEHU_ASSIGN(int page, IntParam(req, "page", 1, 1, 1000000));
               KEHU_ASSIGN(int size, IntParam(req, "pageSize", kDefaultPageSize, 1, kMaxPageSize));
               notify::NotificationPage out;
               KEHU_TRY(ctx.db.Read([&](db::Session& s) -> Status {
                 KEHU_ASSIGN(out, notify::ListNotifications(s, c.actor.user_id, unread, page, size));
                 return Ok();
               }));
               return List(ctx, c, out, page, size);
             }));
  router.Add("GET", "/api/v1/notifications/unread-count",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_TRY(OnlyParameters(req, {}));
               int64_t unread = 0;
               KEHU_TRY(ctx.db.Read([&](db::Session& s) -> Status {
                 KEHU_ASSIGN(unread, notify::CountUnread(s, c.actor.user_id));
                 return Ok();
               }));
               return JsonResponse(200, json::object{{"unreadCount", unread}});
             }));
  router.Add("POST", "/api/v1/notifications/{id}/read",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
               notify::StoredNotification n;
               int64_t unread = 0;
               KEHU_TRY(ctx.db.Write([&](db::Session& s) -> Status {
                 KEHU_TRY(notify::MarkRead(s, c.actor.user_id, id, NowIso()));
                 KEHU_ASSIGN(n, notify::GetNotification(s, c.actor.user_id, id));
                 KEHU_ASSIGN(unread, notify::CountUnread(s, c.actor.user_id));
                 return Ok();
               }));
               json::object out = notify::RenderNotification(n, *ctx.registry, c.lang);
               out["unreadCount"] = unread;
               return JsonResponse(200, out);
             }));
  router.Add("POST", "/api/v1/notifications/read-all",
             Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
               int64_t updated = 0;
               KEHU_TRY(ctx.db.Write([&](db::Session& s) -> Status {
                 KEHU_ASSIGN(updated, notify::MarkAllRead(s, c.actor.user_id, NowIso()));
                 return Ok();
               }));
               return JsonResponse(200, json::object{{"updated", updated}, {"unreadCount", 0}});
             }));
  router.Add("GET", "/api/v1/events",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) { return OpenEvents(ctx, c, req); }));
}

}  // namespace kehu::api
