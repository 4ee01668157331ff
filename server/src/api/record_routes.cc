// The generic record endpoints of API.md, for every entity in metadata.
#include <boost/json.hpp>

#include "api/csv_export.h"
#include "api/routes.h"

namespace kehu::api {
namespace json = boost::json;
using records::ListQuery;

namespace {

// Takes the items: copying a page of 50 records was an eighth of a list request's CPU.
json::value ListJson(records::ListResult&& r) {
  return json::object{{"items", std::move(r.items)}, {"total", r.total}, {"page", r.page}, {"pageSize", r.page_size}};
}

// A list page's query: filters, sort, paging, and ?fields= (which only list pages take).
Result<ListQuery> ListPageQuery(const meta::Entity& e, const http::Request& req) {
  KEHU_ASSIGN(ListQuery q, records::ParseListQuery(e, req.query, {"fields"}));
  KEHU_ASSIGN(q.fields, records::ParseFieldList(e, req.query));
  return q;
}

}  // namespace

void RegisterRecordRoutes(http::Router& router, ApiContext& ctx) {
  auto& records = ctx.records;

  router.Add("GET", "/api/v1/{entity}", Authed(ctx, [&](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    KEHU_ASSIGN(ListQuery q, ListPageQuery(*e, req));
    KEHU_ASSIGN(auto list, records.List(c.actor, *e, q));
    return JsonResponse(200, ListJson(std::move(list)));
  }));

  router.Add("GET", "/api/v1/{entity}/export", Authed(ctx, [&](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    return ExportCsv(ctx, c, *e, req);
  }), http::Lane::kLong);  // a whole table: seconds, so not in the reads' lane (http/message.h)

  // 查重: ?name=&phone=&email=&creditCode= (the entity's duplicate fields), &excludeId= when editing.
  router.Add("GET", "/api/v1/{entity}/duplicates", Authed(ctx, [&](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    std::map<std::string, std::string> raw;
    int64_t exclude = 0;
    for (const auto& [key, value] : req.query) {
      if (key == "excludeId") {
        KEHU_ASSIGN(exclude, ParseId(value));
      } else {
        raw[key] = value;
      }
    }
    KEHU_ASSIGN(json::array candidates, records.Duplicates(c.actor, *e, raw, exclude));
    return JsonResponse(200, json::object{{"candidates", std::move(candidates)}});
  }));

  router.Add("POST", "/api/v1/{entity}", Authed(ctx, [&](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object created, records.Create(c.actor, *e, body));
    http::Response r = JsonResponse(201, created);
    r.headers["Location"] = "/api/v1/" + e->name + "/" + std::to_string(created.at("id").as_int64());
    return r;
  }));

  router.Add("GET", "/api/v1/{entity}/{id}", Authed(ctx, [&](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object rec, records.Get(c.actor, *e, id));
    return JsonResponse(200, rec);
  }));

  router.Add("PATCH", "/api/v1/{entity}/{id}", Authed(ctx, [&](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object rec, records.Update(c.actor, *e, id, body));
    return JsonResponse(200, rec);
  }));

  router.Add("DELETE", "/api/v1/{entity}/{id}", Authed(ctx, [&](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    std::string_view purge = req.QueryValue("purge");
    if (purge == "true") KEHU_TRY(records.Purge(c.actor, *e, id));
    else if (purge.empty() || purge == "false") KEHU_TRY(records.Delete(c.actor, *e, id));
    else return InvalidInput("bad_parameter").Arg("parameter", "purge");
    return http::Response::NoContent();
  }));

  // Actions on one record. Generic ones here; modules add theirs with literal routes
  // (e.g. "/api/v1/leads/{id}/convert"), which take precedence.
  router.Add("POST", "/api/v1/{entity}/{id}/{action}", Authed(ctx, [&](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    const records::ActionHandler* action = ctx.actions.Find(e->name, req.path_params["action"]);
    if (!action) return NotFound();
    json::object body;
    if (!req.body.empty()) { KEHU_ASSIGN(body, JsonObjectBody(req)); }
    KEHU_ASSIGN(json::object result, (*action)(c.actor, *e, id, body));
    return JsonResponse(200, result);
  }));

  router.Add("GET", "/api/v1/{entity}/{id}/{related}", Authed(ctx, [&](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    const meta::Entity* child = ctx.registry->Find(req.path_params["related"]);
    if (!child) return NotFound();
    KEHU_ASSIGN(ListQuery q, ListPageQuery(*child, req));
    KEHU_ASSIGN(auto list, records.ListRelated(c.actor, *e, id, *child, q));
    return JsonResponse(200, ListJson(std::move(list)));
  }));
}

}  // namespace kehu::api
