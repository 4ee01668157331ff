// Reminders (any signed-in user, their own only): POST /api/v1/reminders {"at","title",
// "entity"?,"recordId"?}, GET /api/v1/reminders[?pending=true], DELETE /api/v1/reminders/{id}.
// A reminder about a record needs read access to it (else 404, as for the record itself).
#include <boost/json.hpp>

#include "api/routes.h"
#include "jobs/reminders.h"

namespace kehu::api {
namespace json = boost::json;

void RegisterReminderRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v1/reminders", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(jobs::reminders::NewReminder input, jobs::reminders::Parse(body, *ctx.registry));
    if (!input.entity.empty()) {
      // Same visibility as GET /{entity}/{id}: an invisible record is 404.
      KEHU_TRY(ctx.records.Get(c.actor, *ctx.registry->Find(input.entity), input.record_id));
    }
    KEHU_ASSIGN(json::object reminder, jobs::reminders::Create(ctx.db, c.actor, input));
    http::Response r = JsonResponse(201, reminder);
    r.headers["Location"] = "/api/v1/reminders/" + std::to_string(reminder.at("id").as_int64());
    return r;
  }));
  router.Add("GET", "/api/v1/reminders", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    std::string pending(req.QueryValue("pending"));
    if (!pending.empty() && pending != "true" && pending != "false")
      return InvalidInput("bad_parameter").Arg("parameter", "pending");
    KEHU_ASSIGN(json::array items, jobs::reminders::List(ctx.db, c.actor, pending == "true"));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));
  router.Add("DELETE", "/api/v1/reminders/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_TRY(jobs::reminders::Delete(ctx.db, c.actor, id));
    return http::Response::NoContent();
  }));
}

}  // namespace kehu::api
