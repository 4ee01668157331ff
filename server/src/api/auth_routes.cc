// POST /auth/login, POST /auth/logout, GET /auth/me, PATCH /auth/me (own display name, time zone
// and language), API tokens.
#include <boost/json.hpp>

#include "api/routes.h"
#include "core/zones.h"

namespace kehu::api {
namespace json = boost::json;

namespace {

// The signed-in user; timeZone, locale and today (the date in the user's zone) come from the
// user's row.
Result<json::object> UserJson(ApiContext& ctx, const records::Actor& a) {
  KEHU_ASSIGN(json::object row, ctx.org.GetUser(a.user_id));
  json::array roles;
  for (const auto& r : a.roles) roles.emplace_back(r);
  std::string zone(row.at("timeZone").as_string());
  return json::object{{"id", a.user_id}, {"username", a.username}, {"displayName", row.at("displayName")},
                      {"roles", std::move(roles)}, {"locale", row.at("locale")}, {"timeZone", zone},
                      {"today", zones::FormatDate(zones::Today(zone))}, {"version", row.at("version")}};
}

// PATCH /auth/me: {"displayName"?, "timeZone"?, "locale"?} only; the version is the current one.
Result<json::object> UpdateOwnProfile(ApiContext& ctx, const records::Actor& a, const json::object& body) {
  for (const auto& [key, v] : body)
    if (key != "displayName" && key != "timeZone" && key != "locale")
      return InvalidInput("unknown_field").Arg("field", std::string(key));
  KEHU_ASSIGN(json::object current, ctx.org.GetUser(a.user_id));
  json::object patch = body;
  patch["version"] = current.at("version");
  KEHU_TRY(ctx.org.UpdateUser(a, a.user_id, patch));
  return UserJson(ctx, a);
}

// Per entity and action, the caller's scope ("none" … "all"), for the UI.
json::object PermissionsJson(ApiContext& ctx, const records::Actor& a) {
  json::object out;
  for (const auto& e : ctx.registry->entities()) {
    json::object actions;
    for (auto action : records::kActionNames) actions[action] = records::ScopeName(a.ScopeFor(e.name, action));
    out[e.name] = std::move(actions);
  }
  return out;
}

std::string SessionCookie(const std::string& value, bool secure, bool expire) {
  std::string c = "kehu_session=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (secure) c += "; Secure";
  if (expire) c += "; Max-Age=0";
  return c;
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v1/auth/login", Public([&ctx](http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    auto* u = body.if_contains("username");
    auto* p = body.if_contains("password");
    if (!u || !u->is_string() || !p || !p->is_string() || u->as_string().size() > 100 ||
        p->as_string().size() > 1000)
      return Error(ErrorKind::kInvalidInput, "bad_request");
    KEHU_ASSIGN(auth::LoginResult login,
                ctx.auth.Login(std::string(u->as_string()), std::string(p->as_string()),
                               req.remote_address, std::string(req.Header("User-Agent"))));
    req.user_id = login.actor.user_id;
    KEHU_ASSIGN(json::object user, UserJson(ctx, login.actor));
    http::Response r = JsonResponse(200, json::object{{"user", std::move(user)},
                                                      {"csrfToken", login.csrf_token}});
    r.headers["Set-Cookie"] = SessionCookie(login.session_token, ctx.secure_cookies || req.secure, false);
    r.headers["Cache-Control"] = "no-store";
    return r;
  }));

  router.Add("POST", "/api/v1/auth/logout", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    if (!c.session_token.empty()) KEHU_TRY(ctx.auth.Logout(c.session_token, c.actor));
    http::Response r = http::Response::NoContent();
    r.headers["Set-Cookie"] = SessionCookie("", ctx.secure_cookies || req.secure, true);
    return r;
  }));

  router.Add("GET", "/api/v1/auth/me", Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
    KEHU_ASSIGN(json::object user, UserJson(ctx, c.actor));
    http::Response r = JsonResponse(200, json::object{{"user", std::move(user)},
                                                      {"permissions", PermissionsJson(ctx, c.actor)},
                                                      {"csrfToken", c.csrf_token}});
    r.headers["Cache-Control"] = "no-store";
    return r;
  }));

  router.Add("PATCH", "/api/v1/auth/me", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object user, UpdateOwnProfile(ctx, c.actor, body));
    http::Response r = JsonResponse(200, json::object{{"user", std::move(user)}});
    r.headers["Cache-Control"] = "no-store";
    return r;
  }));

  router.Add("POST", "/api/v1/auth/tokens", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    auto* name = body.if_contains("name");
    if (!name || !name->is_string() || name->as_string().empty() || name->as_string().size() > 100)
      return InvalidInput("validation_failed").Field("name", "required");
    KEHU_ASSIGN(auto token, ctx.auth.CreateToken(c.actor, std::string(name->as_string())));
    http::Response r = JsonResponse(201, json::object{{"id", token.id}, {"name", token.name},
                                                      {"createdAt", token.created_at}, {"token", token.secret}});
    r.headers["Cache-Control"] = "no-store";
    return r;
  }));

  router.Add("GET", "/api/v1/auth/tokens", Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
    KEHU_ASSIGN(auto tokens, ctx.auth.ListTokens(c.actor));
    json::array items;
    for (const auto& t : tokens)
      items.push_back(json::object{{"id", t.id}, {"name", t.name}, {"createdAt", t.created_at},
                                   {"lastUsedAt", t.last_used_at.empty() ? json::value() : json::value(t.last_used_at)}});
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("DELETE", "/api/v1/auth/tokens/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_TRY(ctx.auth.RevokeToken(c.actor, id));
    return http::Response::NoContent();
  }));
}

}  // namespace kehu::api
