// Health, metadata for the UI, global search and the audit log.
#include <boost/json.hpp>

#include "api/openapi.h"
#include "api/routes.h"
#include "core/time.h"

namespace kehu::api {
namespace json = boost::json;

namespace {

json::object LabelsJson(const meta::Labels& labels) {
  json::object o;
  for (const auto& [lang, text] : labels) o[lang] = text;
  return o;
}

json::object FieldJson(const meta::Field& f, records::FieldRule rule) {
  bool editable = (!f.read_only || f.name == "ownerId") && rule == records::FieldRule::kEditable;
  json::object o{{"name", f.name}, {"type", meta::FieldTypeName(f.type)}, {"labels", LabelsJson(f.labels)},
                 {"required", f.required}, {"unique", f.unique}, {"readOnly", f.read_only || !editable},
                 {"readable", true}, {"masked", rule == records::FieldRule::kMasked}, {"editable", editable}};
  if (f.max_length) o["maxLength"] = f.max_length;
  if (auto format = meta::TextFormatName(f.format); !format.empty()) o["format"] = format;
  if (!f.target.empty()) o["target"] = f.target;
  if (!f.default_value.is_null()) o["default"] = f.default_value;
  if (auto list = f.Options(); !list->empty()) {
    json::array opts;
    for (const auto& opt : *list) {
      json::object jo{{"value", opt.value}, {"labels", LabelsJson(opt.labels)}};
      if (!opt.active) jo["active"] = false;  // shown on old records, not offered for new input
      opts.push_back(std::move(jo));
    }
    o["options"] = std::move(opts);
  }
  if (f.runtime_options) o["editableOptions"] = true;
  return o;
}

json::object EntityJson(const meta::Entity& e, const records::Actor& a) {
  json::array fields, cols, search, actions, brief;
  for (const auto& b : e.brief_fields)
    if (a.FieldRuleFor(e.name, b) != records::FieldRule::kHidden) brief.emplace_back(b);
  for (const auto& f : e.fields) {
    records::FieldRule rule = a.FieldRuleFor(e.name, f.name);
    if (rule != records::FieldRule::kHidden) fields.push_back(FieldJson(f, rule));
  }
  for (const auto& c : e.list_columns)
    if (a.FieldRuleFor(e.name, c) != records::FieldRule::kHidden) cols.emplace_back(c);
  for (const auto& s : e.search_fields) search.emplace_back(s);
  json::array sections, duplicates;
  for (const auto& sec : e.sections) {
    json::array names;
    for (const auto& n : sec.fields)
      if (a.FieldRuleFor(e.name, n) != records::FieldRule::kHidden) names.emplace_back(n);
    sections.push_back(json::object{{"name", sec.name}, {"labels", LabelsJson(sec.labels)}, {"fields", std::move(names)}});
  }
  for (const auto& d : e.duplicate_fields) duplicates.emplace_back(d);
  for (auto action : records::kActionNames)
    if (a.ScopeFor(e.name, action) != records::Scope::kNone) actions.emplace_back(action);
  return {{"name", e.name}, {"labels", LabelsJson(e.labels)}, {"owned", e.owned},
          {"titleField", e.title_field}, {"searchable", !e.search_fields.empty()},
          {"searchFields", std::move(search)}, {"listColumns", std::move(cols)}, {"briefFields", std::move(brief)},
          {"defaultSort", e.default_sort}, {"actions", std::move(actions)}, {"fields", std::move(fields)},
          {"sections", std::move(sections)}, {"duplicateCheck", std::move(duplicates)},
          {"numberedField", e.numbering_field.empty() ? json::value() : json::value(e.numbering_field)}};
}

Result<http::Response> AuditList(ApiContext& ctx, Caller& c, http::Request& req) {
  bool allowed = c.actor.is_admin ||
                 std::find(c.actor.roles.begin(), c.actor.roles.end(), "executive") != c.actor.roles.end();
  if (!allowed) return Forbidden();
  std::string where = "1=1";
  std::vector<db::Value> params;
  for (const auto& [key, value] : req.query) {
    if (key == "entity") { where += " AND a.entity = ?"; params.emplace_back(value); }
    else if (key == "recordId" || key == "userId") {
      KEHU_ASSIGN(int64_t id, ParseId(value));
      where += key == "recordId" ? " AND a.record_id = ?" : " AND a.user_id = ?";
      params.emplace_back(id);
    } else if (key == "from" || key == "to") {
      auto t = ParseIso(value);
      if (!t) return InvalidInput("bad_parameter").Arg("parameter", key);
      where += key == "from" ? " AND a.at >= ?" : " AND a.at < ?";
      params.emplace_back(FormatIso(*t));
    } else if (key != "page" && key != "pageSize") {
      return InvalidInput("unknown_parameter").Arg("parameter", key);
    }
  }
  int64_t page = 1, size = 50;
  if (req.HasQuery("page")) { KEHU_ASSIGN(page, ParseId(req.QueryValue("page"))); }
  if (req.HasQuery("pageSize")) { KEHU_ASSIGN(size, ParseId(req.QueryValue("pageSize"))); }
  if (size > 200) return InvalidInput("bad_parameter").Arg("parameter", "pageSize");
  json::array items;
  int64_t total = 0;
  KEHU_TRY(ctx.db.Read([&](db::Session& s) -> Status {
    std::vector<db::Value> p = params;
    p.emplace_back(size);
    p.emplace_back((page - 1) * size);
    KEHU_ASSIGN(db::Rows rows, s.Query(
        "SELECT a.id, a.at, a.user_id, u.display_name, a.entity, a.record_id, a.action, a.changes, "
        "a.remote_address FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE " + where +
        " ORDER BY a.id DESC LIMIT ? OFFSET ?", p));
    for (const auto& r : rows.rows) {
      json::error_code ec;
      json::value changes = json::parse(db::AsText(r[7]), ec);
      items.push_back(json::object{
          {"id", db::AsInt(r[0])}, {"at", db::AsText(r[1])},
          {"userId", db::IsNull(r[2]) ? json::value() : json::value(db::AsInt(r[2]))},
          {"userName", db::AsText(r[3])}, {"entity", db::AsText(r[4])},
          {"recordId", db::IsNull(r[5]) ? json::value() : json::value(db::AsInt(r[5]))},
          {"action", db::AsText(r[6])}, {"changes", ec ? json::value() : changes},
          {"remoteAddress", db::AsText(r[8])}});
    }
    KEHU_ASSIGN(db::Rows count, s.Query("SELECT COUNT(*) FROM audit_log a WHERE " + where, params));
    total = db::AsInt(count.rows[0][0]);
    return Ok();
  }));
  return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", total},
                                        {"page", page}, {"pageSize", size}});
}

}  // namespace

void RegisterSystemRoutes(http::Router& router, ApiContext& ctx, std::string version) {
  router.Add("GET", "/api/v1/health", Public([&ctx, version](http::Request&) -> Result<http::Response> {
    KEHU_TRY(ctx.db.Read([](db::Session& s) -> Status {
      KEHU_TRY(s.Query("SELECT 1", {}));
      return Ok();
    }));
    return JsonResponse(200, json::object{{"status", "ok"}, {"database", ctx.db.kind()}, {"version", version}});
  }));

  router.Add("GET", "/api/v1/meta", Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
    json::array entities;
    for (const auto& e : ctx.registry->entities()) entities.push_back(EntityJson(e, c.actor));
    return JsonResponse(200, json::object{{"entities", std::move(entities)}});
  }));

  router.Add("GET", "/api/v1/openapi.json", Authed(ctx, [&ctx, version](Caller&, http::Request&) -> Result<http::Response> {
    return http::Response::Json(200, OpenApiDocument(*ctx.registry, version));
  }));

  router.Add("GET", "/api/v1/search", Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
    std::string q(req.QueryValue("q"));
    KEHU_ASSIGN(auto hits, ctx.records.Search(c.actor, q, 5));
    json::array results;
    for (const auto& h : hits)
      results.push_back(json::object{{"entity", h.entity}, {"id", h.id}, {"title", h.title}, {"subtitle", h.subtitle}});
    return JsonResponse(200, json::object{{"results", std::move(results)}});
  }));

  router.Add("GET", "/api/v1/audit", Authed(ctx, [&ctx](Caller& c, http::Request& req) {
    return AuditList(ctx, c, req);
  }));
}

}  // namespace kehu::api
