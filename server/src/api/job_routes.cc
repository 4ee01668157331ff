// Jobs (admins): GET /api/v1/jobs lists the scheduler's jobs; POST /api/v1/jobs/{name}/run makes
// one due now (202; it runs on a scheduler thread shortly after). Reminders live in
// reminder_routes.cc and are registered from here.
#include <boost/json.hpp>

#include "api/routes.h"
#include "jobs/scheduler.h"

namespace kehu::api {
namespace json = boost::json;

void RegisterReminderRoutes(http::Router& router, ApiContext& ctx);

void RegisterJobRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/jobs", Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
    if (!c.actor.is_admin) return Forbidden();
    KEHU_ASSIGN(json::array items, jobs::ListJobs(ctx.db));
    http::Response r = JsonResponse(200, json::object{{"items", std::move(items)}});
    r.headers["Cache-Control"] = "no-store";
    return r;
  }));
  router.Add("POST", "/api/v1/jobs/{name}/run", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    if (!c.actor.is_admin) return Forbidden();
    const std::string& name = req.path_params["name"];
    if (!ctx.scheduler) return Error(ErrorKind::kUnavailable, "scheduler_not_running");
    KEHU_TRY(ctx.scheduler->TriggerNow(name));
    return JsonResponse(202, json::object{{"name", name}, {"status", "queued"}});
  }));
  RegisterReminderRoutes(router, ctx);
}

}  // namespace kehu::api
