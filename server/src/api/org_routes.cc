// Organization and access: departments, users, roles, record sharing, transfers, explain.
#include <boost/json.hpp>

#include "api/routes.h"
#include "core/time.h"

namespace kehu::api {
namespace json = boost::json;

namespace {

Result<int> PageParam(const http::Request& req, const char* name, int fallback, int max) {
  if (!req.HasQuery(name)) return fallback;
  KEHU_ASSIGN(int64_t v, ParseId(req.QueryValue(name)));
  if (v > max) return InvalidInput("bad_parameter").Arg("parameter", name);
  return static_cast<int>(v);
}

Result<int64_t> IdMember(const json::object& body, const char* key) {
  auto* v = body.if_contains(key);
  if (!v) return ValidationFailed().Field(key, "required");
  if (!v->is_int64()) return InvalidInput("wrong_type").Field(key, "wrong_type");
  return v->as_int64();
}

void RegisterDepartmentRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/departments", Authed(ctx, [&ctx](Caller&, http::Request&) -> Result<http::Response> {
    KEHU_ASSIGN(json::array items, ctx.org.ListDepartments());
    int64_t total = static_cast<int64_t>(items.size());
    return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", total}});
  }));
  router.Add("POST", "/api/v1/departments", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object dept, ctx.org.CreateDepartment(c.actor, body));
    return JsonResponse(201, dept);
  }));
  router.Add("PATCH", "/api/v1/departments/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object dept, ctx.org.UpdateDepartment(c.actor, id, body));
    return JsonResponse(200, dept);
  }));
}

void RegisterUserRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/users", Authed(ctx, [&ctx](Caller&, http::Request& req) -> Result<http::Response> {
    int64_t dept = 0;
    if (req.HasQuery("departmentId")) { KEHU_ASSIGN(dept, ParseId(req.QueryValue("departmentId"))); }
    KEHU_ASSIGN(int page, PageParam(req, "page", 1, 1000000));
    KEHU_ASSIGN(int size, PageParam(req, "pageSize", 50, 200));
    KEHU_ASSIGN(json::object list, ctx.org.ListUsers(std::string(req.QueryValue("q")), dept, page, size));
    return JsonResponse(200, list);
  }));
  router.Add("GET", "/api/v1/users/{id}", Authed(ctx, [&ctx](Caller&, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object user, ctx.org.GetUser(id));
    return JsonResponse(200, user);
  }));
  router.Add("POST", "/api/v1/users", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object user, ctx.org.CreateUser(c.actor, body));
    http::Response r = JsonResponse(201, user);
    r.headers["Location"] = "/api/v1/users/" + std::to_string(user.at("id").as_int64());
    return r;
  }));
  router.Add("PATCH", "/api/v1/users/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object user, ctx.org.UpdateUser(c.actor, id, body));
    return JsonResponse(200, user);
  }));
  router.Add("POST", "/api/v1/users/{id}/password", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    auto* pw = body.if_contains("password");
    if (!pw || !pw->is_string()) return ValidationFailed().Field("password", "required");
    KEHU_TRY(ctx.org.ResetPassword(c.actor, id, std::string(pw->as_string())));
    return http::Response::NoContent();
  }));
  router.Add("POST", "/api/v1/auth/password", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    auto* cur = body.if_contains("currentPassword");
    auto* next = body.if_contains("newPassword");
    if (!cur || !cur->is_string()) return ValidationFailed().Field("currentPassword", "required");
    if (!next || !next->is_string()) return ValidationFailed().Field("newPassword", "required");
    KEHU_TRY(ctx.org.ChangeOwnPassword(c.actor, std::string(cur->as_string()), std::string(next->as_string())));
    return http::Response::NoContent();
  }));
  router.Add("POST", "/api/v1/users/{id}/transfer-records", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(int64_t to, IdMember(body, "toUserId"));
    KEHU_ASSIGN(auto counts, ctx.records.TransferAll(c.actor, id, to));
    json::object transferred;
    for (const auto& [entity, n] : counts) transferred[entity] = n;
    return JsonResponse(200, json::object{{"transferred", std::move(transferred)}});
  }));
}

void RegisterRoleRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/roles", Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
    if (!c.actor.is_admin) return Forbidden();
    KEHU_ASSIGN(json::array items, ctx.org.ListRoles());
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));
  router.Add("POST", "/api/v1/roles", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object role, ctx.org.CreateRole(c.actor, body));
    return JsonResponse(201, role);
  }));
  router.Add("PATCH", "/api/v1/roles/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object role, ctx.org.UpdateRole(c.actor, id, body));
    return JsonResponse(200, role);
  }));
}

void RegisterSharingRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/{entity}/{id}/members", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::array items, ctx.records.ListMembers(c.actor, *e, id));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));
  router.Add("POST", "/api/v1/{entity}/{id}/members", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(int64_t user, IdMember(body, "userId"));
    auto* access = body.if_contains("access");
    if (access && !access->is_string()) return InvalidInput("wrong_type").Field("access", "wrong_type");
    std::string expires;
    if (auto* ex = body.if_contains("expiresAt"); ex && !ex->is_null()) {
      auto t = ex->is_string() ? ParseIso(ex->as_string()) : std::nullopt;
      if (!t) return ValidationFailed().Field("expiresAt", "invalid_datetime");
      expires = FormatIso(*t);
    }
    KEHU_TRY(ctx.records.AddMember(c.actor, *e, id, user, access ? std::string(access->as_string()) : "read", expires));
    KEHU_ASSIGN(json::array items, ctx.records.ListMembers(c.actor, *e, id));
    return JsonResponse(201, json::object{{"items", std::move(items)}});
  }));
  router.Add("DELETE", "/api/v1/{entity}/{id}/members/{userId}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(int64_t user, ParseId(req.path_params["userId"]));
    KEHU_TRY(ctx.records.RemoveMember(c.actor, *e, id, user));
    return http::Response::NoContent();
  }));
  router.Add("GET", "/api/v1/access/explain", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    if (!c.actor.is_admin) return Forbidden();
    KEHU_ASSIGN(int64_t user, ParseId(req.QueryValue("userId")));
    KEHU_ASSIGN(int64_t id, ParseId(req.QueryValue("id")));
    const meta::Entity* e = ctx.registry->Find(req.QueryValue("entity"));
    if (!e) return InvalidInput("unknown_entity");
    records::Actor subject;
    KEHU_TRY(ctx.db.Read([&](db::Session& s) -> Status {
      KEHU_ASSIGN(subject, ctx.auth.LoadActor(s, user));
      return Ok();
    }));
    KEHU_ASSIGN(json::object out, ctx.records.Explain(subject, *e, id));
    return JsonResponse(200, out);
  }));
}

}  // namespace

void RegisterOrgRoutes(http::Router& router, ApiContext& ctx) {
  RegisterDepartmentRoutes(router, ctx);
  RegisterUserRoutes(router, ctx);
  RegisterRoleRoutes(router, ctx);
  RegisterSharingRoutes(router, ctx);
}

}  // namespace kehu::api
