// Numbering rules (admins): GET /api/v1/numbering, GET/PUT /api/v1/numbering/{entity}.
#include <boost/json.hpp>

#include "api/routes.h"
#include "core/time.h"
#include "records/audit.h"
#include "records/numbering.h"

namespace kehu::api {
namespace json = boost::json;
using db::Value;

namespace {

Result<const meta::Entity*> NumberedEntity(ApiContext& ctx, const std::string& name) {
  const meta::Entity* e = ctx.registry->Find(name);
  if (!e || e->numbering_field.empty()) return NotFound();
  return e;
}

Result<json::object> RuleJson(ApiContext& ctx, const meta::Entity& e) {
  json::object out;
  KEHU_TRY(ctx.db.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(auto rule, records::LoadRule(s, e));
    KEHU_ASSIGN(std::string next, records::PeekNumber(s, e, *rule, Now()));
    out = {{"entity", e.name}, {"field", e.numbering_field}, {"pattern", rule->pattern},
           {"reset", rule->reset}, {"next", next}};
    return Ok();
  }));
  return out;
}

Result<records::NumberingRule> ParseRule(const json::object& body, const meta::Entity& e) {
  records::NumberingRule rule{"", "never"};
  for (const auto& [key, v] : body) {
    if (key != "pattern" && key != "reset") return InvalidInput("unknown_field").Arg("field", std::string(key));
    if (!v.is_string()) return InvalidInput("wrong_type").Field(std::string(key), "wrong_type");
    (key == "pattern" ? rule.pattern : rule.reset) = std::string(v.as_string());
  }
  KEHU_TRY(records::ValidateRule(rule, e.FindField(e.numbering_field)->max_length));
  return rule;
}

}  // namespace

void RegisterNumberingRoutes(http::Router& router, ApiContext& ctx) {
  // Every entity that numbers its records, with its rule: {"items":[…]}.
  router.Add("GET", "/api/v1/numbering", Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
    if (!c.actor.is_admin) return Forbidden();
    json::array items;
    for (const auto& e : ctx.registry->entities()) {
      if (e.numbering_field.empty()) continue;
      KEHU_ASSIGN(json::object rule, RuleJson(ctx, e));
      items.push_back(std::move(rule));
    }
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));
  router.Add("GET", "/api/v1/numbering/{entity}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    if (!c.actor.is_admin) return Forbidden();
    KEHU_ASSIGN(auto* e, NumberedEntity(ctx, req.path_params["entity"]));
    KEHU_ASSIGN(json::object rule, RuleJson(ctx, *e));
    return JsonResponse(200, rule);
  }));
  router.Add("PUT", "/api/v1/numbering/{entity}", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    if (!c.actor.is_admin) return Forbidden();
    KEHU_ASSIGN(auto* e, NumberedEntity(ctx, req.path_params["entity"]));
    KEHU_ASSIGN(json::object body, JsonObjectBody(req));
    KEHU_ASSIGN(records::NumberingRule rule, ParseRule(body, *e));
    KEHU_TRY(ctx.db.Write([&](db::Session& s) -> Status {
      KEHU_TRY(s.Execute("INSERT INTO numbering_rules (entity, pattern, reset, updated_at, updated_by_id) VALUES (?, ?, ?, ?, ?) "
                         "ON CONFLICT (entity) DO UPDATE SET pattern = excluded.pattern, reset = excluded.reset, "
                         "updated_at = excluded.updated_at, updated_by_id = excluded.updated_by_id",
                         {Value(e->name), Value(rule.pattern), Value(rule.reset), Value(NowIso()), Value(c.actor.user_id)}));
      json::object changes{{"numbering", json::object{{"to", json::object{{"pattern", rule.pattern}, {"reset", rule.reset}}}}}};
      return records::AppendAudit(s, c.actor, {e->name, 0, "numbering_changed", std::move(changes)});
    }));
    KEHU_ASSIGN(json::object out, RuleJson(ctx, *e));
    return JsonResponse(200, out);
  }));
}

}  // namespace kehu::api
