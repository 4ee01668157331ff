// Option lists admins edit at run time (admins only): GET /api/v1/options,
// PUT /api/v1/options/{entity}/{field} {"options":[…]}. See settings/field_options.h.
#include <boost/json.hpp>

#include "api/routes.h"
#include "settings/field_options.h"

namespace kehu::api {
namespace json = boost::json;

void RegisterOptionRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/options", Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
    if (!c.actor.is_admin) return Forbidden();
    return JsonResponse(200, json::object{{"items", ctx.field_options->List()}});
  }));
  router.Add("PUT", "/api/v1/options/{entity}/{field}",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               if (!c.actor.is_admin) return Forbidden();
               KEHU_ASSIGN(json::object body, JsonObjectBody(req));
               KEHU_ASSIGN(json::object entry, ctx.field_options->Replace(c.actor, req.path_params["entity"],
                                                                          req.path_params["field"], body));
               return JsonResponse(200, entry);
             }));
}

}  // namespace kehu::api
