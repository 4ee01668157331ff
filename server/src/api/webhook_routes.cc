// Webhook subscriptions (admins; 403 for anyone else):
//   GET/POST /api/v1/webhooks, GET/PATCH/DELETE /api/v1/webhooks/{id},
//   GET /api/v1/webhooks/{id}/deliveries?page=&pageSize=, POST /api/v1/webhooks/{id}/test (202).
#include <boost/json.hpp>

#include "api/routes.h"
#include "jobs/scheduler.h"
#include "webhooks/webhook_service.h"

namespace kehu::api {
namespace json = boost::json;

namespace {

Result<int> PageQuery(const http::Request& req, const char* name, int fallback, int max) {
  if (!req.HasQuery(name)) return fallback;
  KEHU_ASSIGN(int64_t v, ParseId(req.QueryValue(name)));
  if (v > max) return InvalidInput("bad_parameter").Arg("parameter", name);
  return static_cast<int>(v);
}

Result<webhooks::WebhookService*> Service(ApiContext& ctx) {
  if (!ctx.webhooks) return Error(ErrorKind::kUnavailable, "webhooks_unavailable");
  return ctx.webhooks;
}

}  // namespace

void RegisterWebhookRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/webhooks", Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
    KEHU_ASSIGN(auto* w, Service(ctx));
    KEHU_ASSIGN(json::array items, w->List(c.actor));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));
  router.Add("POST", "/api/v1/webhooks", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* w, Service(ctx));
    if (!c.actor.is_admin) return Forbidden();
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object created, w->Create(c.actor, body));
    return JsonResponse(201, created);
  }));
  router.Add("GET", "/api/v1/webhooks/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* w, Service(ctx));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object out, w->Get(c.actor, id));
    return JsonResponse(200, out);
  }));
  router.Add("PATCH", "/api/v1/webhooks/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* w, Service(ctx));
    if (!c.actor.is_admin) return Forbidden();
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object out, w->Update(c.actor, id, body));
    return JsonResponse(200, out);
  }));
  router.Add("DELETE", "/api/v1/webhooks/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* w, Service(ctx));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_TRY(w->Delete(c.actor, id));
    return http::Response::NoContent();
  }));
  router.Add("GET", "/api/v1/webhooks/{id}/deliveries", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* w, Service(ctx));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(int page, PageQuery(req, "page", 1, 1000000));
    KEHU_ASSIGN(int size, PageQuery(req, "pageSize", 50, 200));
    KEHU_ASSIGN(json::object out, w->Deliveries(c.actor, id, page, size));
    return JsonResponse(200, out);
  }));
  router.Add("POST", "/api/v1/webhooks/{id}/test", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* w, Service(ctx));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(int64_t delivery, w->QueuePing(c.actor, id));
    if (ctx.scheduler) {
      (void)ctx.scheduler->TriggerNow("webhooks.deliver");
      ctx.scheduler->Wake();
    }
    return JsonResponse(202, json::object{{"deliveryId", delivery}});
  }));
}

}  // namespace kehu::api
