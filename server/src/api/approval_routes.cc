// Approvals (API.md "Approvals"): flows for admins, the inbox, decisions. Submit and withdraw are
// record actions (POST /{entity}/{id}/submit|withdraw) registered by ApprovalService::Register.
//   GET    /api/v1/approval-flows?entity=      {"items":[flow…]}
//   POST   /api/v1/approval-flows              201 flow
//   GET    /api/v1/approval-flows/{id}         flow
//   PATCH  /api/v1/approval-flows/{id}         flow (a new version; "version" optional, checked)
//   DELETE /api/v1/approval-flows/{id}         204 (deactivates; instances keep their steps)
//   GET    /api/v1/approvals?mine=pending|submitted | ?entity=&recordId=   (page, pageSize)
//   GET    /api/v1/approvals/{id}
//   POST   /api/v1/approvals/{id}/approve|reject  {"comment"}
#include <boost/json.hpp>

#include <charconv>

#include "api/routes.h"
#include "approvals/approval_service.h"

namespace kehu::api {
namespace json = boost::json;

namespace {

Result<int> IntParam(const http::Request& req, const char* name, int fallback, int lo, int hi) {
  std::string_view raw = req.QueryValue(name);
  if (raw.empty()) return fallback;
  int v = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || p != raw.data() + raw.size() || v < lo || v > hi)
    return InvalidInput("bad_parameter").Arg("parameter", name);
  return v;
}

Result<approvals::InstanceQuery> ParseInstanceQuery(const http::Request& req) {
  approvals::InstanceQuery q;
  q.mine = std::string(req.QueryValue("mine"));
  q.entity = std::string(req.QueryValue("entity"));
  if (req.HasQuery("recordId")) {
    auto id = ParseId(req.QueryValue("recordId"));
    if (!id.ok()) return InvalidInput("bad_parameter").Arg("parameter", "recordId");
    q.record_id = *id;
  }
  KEHU_ASSIGN(q.page, IntParam(req, "page", 1, 1, 1000000));
  KEHU_ASSIGN(q.page_size, IntParam(req, "pageSize", 50, 1, 200));
  return q;
}

}  // namespace

void RegisterApprovalRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/approval-flows", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(json::array flows, ctx.approvals->ListFlows(c.actor, std::string(req.QueryValue("entity"))));
    return JsonResponse(200, json::object{{"items", std::move(flows)}});
  }));
  router.Add("POST", "/api/v1/approval-flows", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    if (!c.actor.is_admin) return Forbidden();
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object flow, ctx.approvals->CreateFlow(c.actor, body));
    http::Response r = JsonResponse(201, flow);
    r.headers["Location"] = "/api/v1/approval-flows/" + std::to_string(flow.at("id").as_int64());
    return r;
  }));
  router.Add("GET", "/api/v1/approval-flows/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object flow, ctx.approvals->GetFlow(c.actor, id));
    return JsonResponse(200, flow);
  }));
  router.Add("PATCH", "/api/v1/approval-flows/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    if (!c.actor.is_admin) return Forbidden();
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(json::object flow, ctx.approvals->UpdateFlow(c.actor, id, body));
    return JsonResponse(200, flow);
  }));
  router.Add("DELETE", "/api/v1/approval-flows/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_TRY(ctx.approvals->DeactivateFlow(c.actor, id));
    return http::Response::NoContent();
  }));

  router.Add("GET", "/api/v1/approvals", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(approvals::InstanceQuery q, ParseInstanceQuery(req));
    KEHU_ASSIGN(json::object page, ctx.approvals->List(c.actor, q));
    return JsonResponse(200, page);
  }));
  router.Add("GET", "/api/v1/approvals/{id}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
    KEHU_ASSIGN(json::object instance, ctx.approvals->Get(c.actor, id));
    return JsonResponse(200, instance);
  }));
  for (bool approve : {true, false}) {
    std::string path = std::string("/api/v1/approvals/{id}/") + (approve ? "approve" : "reject");
    router.Add("POST", path, Authed(ctx, [&ctx, approve](Caller& c, http::Request& req) -> Result<http::Response> {
      KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
      json::object body;
      if (!req.body.empty()) { KEHU_ASSIGN(body, JsonObjectBody(req)); }
      KEHU_ASSIGN(json::object instance, ctx.approvals->Decide(c.actor, id, approve, body));
      return JsonResponse(200, instance);
    }));
  }
}

}  // namespace kehu::api
