// The caller's own UI settings: saved list views (场景) and preferences (column settings).
#include <boost/json.hpp>

#include <memory>

#include "api/routes.h"
#include "settings/user_settings.h"

namespace kehu::api {
namespace json = boost::json;

void RegisterSettingsRoutes(http::Router& router, ApiContext& ctx) {
  // Lives as long as the routes; keeps the registry it reads alive with it.
  struct Holder {
    std::shared_ptr<const meta::Registry> registry;
    settings::UserSettings settings;
  };
  auto h = std::make_shared<Holder>(Holder{ctx.registry, settings::UserSettings(ctx.db, *ctx.registry)});

  router.Add("GET", "/api/v1/views", Authed(ctx, [h](Caller& c, http::Request& req) -> Result<http::Response> {
    if (!req.HasQuery("entity")) return ValidationFailed().Field("entity", "required");
    KEHU_ASSIGN(json::array items, h->settings.ListViews(c.actor.user_id, std::string(req.QueryValue("entity"))));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));
  router.Add("POST", "/api/v1/views", Authed(ctx, [h](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object view, h->settings.CreateView(c.actor.user_id, body));
    http::Response r = JsonResponse(201, view);
    r.headers["Location"] = "/api/v1/views/" + std::to_string(view.at("id").as_int64());
    return r;
  }));
  router.Add("PATCH", "/api/v1/views/{id}", Authed(ctx, [h](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object view, h->settings.UpdateView(c.actor.user_id, id, body));
    return JsonResponse(200, view);
  }));
  router.Add("DELETE", "/api/v1/views/{id}", Authed(ctx, [h](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_TRY(h->settings.DeleteView(c.actor.user_id, id));
    return http::Response::NoContent();
  }));

  router.Add("GET", "/api/v1/preferences/{key}", Authed(ctx, [h](Caller& c, http::Request& req) -> Result<http::Response> {
    std::string key = req.path_params["key"];
    KEHU_ASSIGN(json::value value, h->settings.GetPreference(c.actor.user_id, key));
    return JsonResponse(200, json::object{{"key", key}, {"value", std::move(value)}});
  }));
  router.Add("PUT", "/api/v1/preferences/{key}", Authed(ctx, [h](Caller& c, http::Request& req) -> Result<http::Response> {
    std::string key = req.path_params["key"];
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    auto* value = body.if_contains("value");
    if (!value) return ValidationFailed().Field("value", "required");
    KEHU_TRY(h->settings.PutPreference(c.actor.user_id, key, *value));
    return JsonResponse(200, json::object{{"key", key}, {"value", *value}});
  }));
}

}  // namespace kehu::api
