// Record imports (API.md "Records", import line; CHINA.md "Files people exchange"):
//   GET  /api/v1/{entity}/import-template?format=csv|xlsx
//   POST /api/v1/{entity}/import?mode=create|upsert&dryRun=&onDuplicate=skip|create&mapping=&name=
//   GET  /api/v1/imports/{id}
//   GET  /api/v1/imports/{id}/errors?format=xlsx|csv
// The work is in imports/; this file speaks HTTP and renders messages in the caller's language.
#include <boost/json.hpp>

#include <algorithm>

#include "api/csv_export.h"
#include "core/time.h"
#include "api/messages.h"
#include "api/routes.h"
#include "imports/import_runner.h"
#include "imports/rejected_rows.h"

namespace kehu::api {
namespace json = boost::json;
using imports::ImportRecord;
using imports::RowIssue;

namespace {

constexpr int64_t kSyncRows = 2000;    // larger files run in the background (202)
constexpr int64_t kRowsShown = 1000;   // errors / skipped rows in a JSON answer; the file has all

// A background import saves progress after every batch (seconds apart); silence this long means
// its server died.
constexpr auto kStaleAfter = std::chrono::minutes(10);

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct ImportServices {
  explicit ImportServices(ApiContext& ctx)
      : store(ctx.db), importer(ctx.records, store), runner(importer, store) {}
  imports::ImportStore store;
  imports::Importer importer;
  imports::ImportRunner runner;  // last: stopped first
};

Status OnlyParameters(const http::Request& req, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : req.query)
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return InvalidInput("unknown_parameter").Arg("parameter", key);
  return Ok();
}

// The value of `name` if it is one of `allowed` ("" = the first one).
Result<std::string> Choice(const http::Request& req, const char* name,
                           std::initializer_list<const char*> allowed) {
  std::string v(req.QueryValue(name));
  if (v.empty()) return std::string(*allowed.begin());
  for (const char* a : allowed)
    if (v == a) return v;
  return InvalidInput("bad_parameter").Arg("parameter", name);
}

Status RequireImportScope(const Caller& c, const meta::Entity& e) {
  if (c.actor.ScopeFor(e.name, "import") == records::Scope::kNone) return Forbidden();
  return Ok();
}

// A message, or the code itself where no message exists (rather than "internal error").
std::string MessageOr(const std::string& code, const std::string& lang,
                      const std::map<std::string, std::string>& args = {}) {
  std::string text = Message(code, lang, args);
  return code != "internal_error" && text == Message("internal_error", lang) ? code : text;
}

std::string RowMessage(const RowIssue& issue, const meta::Entity* e, const std::string& lang) {
  std::string text = issue.kind == "skipped" ? Message("import_row_skipped", lang) : "";
  if (issue.fields.empty()) return text + MessageOr(issue.code, lang);
  std::string parts;
  for (const auto& [name, code] : issue.fields) {
    const meta::Field* f = e ? e->FindField(name) : nullptr;
    if (!parts.empty()) parts += lang == "en" ? "; " : "；";
    parts += (f ? imports::LabelIn(f->labels, lang, name) : name) + (lang == "en" ? ": " : "：") +
             MessageOr(code, lang);
  }
  return text + parts;
}

json::array IssuesJson(const std::vector<RowIssue>& issues, const meta::Entity* e,
                       const std::string& lang) {
  json::array out;
  for (const RowIssue& issue : issues) {
    json::object fields;
    for (const auto& [name, code] : issue.fields) fields[name] = code;
    out.push_back(json::object{{"row", issue.row},
                               {"code", issue.code},
                               {"message", RowMessage(issue, e, lang)},
                               {"fields", std::move(fields)}});
  }
  return out;
}

json::value ParseOr(const std::string& text, json::value fallback) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? fallback : v;
}

Result<json::object> ImportJson(ApiContext& ctx, imports::ImportStore& store, const ImportRecord& r,
                                const std::string& lang) {
  const meta::Entity* e = ctx.registry->Find(r.entity);
  KEHU_ASSIGN(auto errors, store.Issues(r.id, "error", kRowsShown));
  KEHU_ASSIGN(auto skipped, store.Issues(r.id, "skipped", kRowsShown));
  json::object o{{"id", r.id},
                 {"entity", r.entity},
                 {"state", r.state},
                 {"phase", r.phase},
                 {"dryRun", r.dry_run},
                 {"mode", r.mode},
                 {"onDuplicate", r.on_duplicate},
                 {"fileName", r.file_name.empty() ? json::value() : json::value(r.file_name)},
                 {"total", r.total},
                 {"processed", r.processed},
                 {"created", r.created},
                 {"updated", r.updated},
                 {"skipped", r.skipped},
                 {"errorCount", r.error_count},
                 {"errors", IssuesJson(errors, e, lang)},
                 {"skippedRows", IssuesJson(skipped, e, lang)},
                 {"columns", ParseOr(r.columns_json, json::array())},
                 {"createdAt", r.created_at},
                 {"updatedAt", r.updated_at},
                 {"finishedAt", r.finished_at.empty() ? json::value() : json::value(r.finished_at)}};
  if (!r.failure.empty())
    o["failure"] = json::object{{"code", r.failure}, {"message", MessageOr(r.failure, lang)}};
  return o;
}

// Only its creator and admins see an import; to anyone else it does not exist. A running import
// whose server stopped saving progress (killed mid-run) is shown as failed.
Result<ImportRecord> LoadOwnImport(imports::ImportStore& store, const Caller& c, const std::string& id_text) {
  KEHU_ASSIGN(int64_t id, ParseId(id_text));
  KEHU_ASSIGN(ImportRecord r, store.Load(id));
  if (!c.actor.is_admin && r.created_by_id != c.actor.user_id) return NotFound();
  auto heartbeat = ParseIso(r.updated_at);
  if (r.state == "running" && heartbeat && Now() - *heartbeat > kStaleAfter) {
    r.state = "failed";
    r.failure = "import_interrupted";
  }
  return r;
}

http::Response FileResponse(std::string body, const std::string& format, const std::string& ascii,
                            const std::string& utf8) {
  http::Response r = http::Response::Text(200, std::move(body),
                                          format == "xlsx" ? kXlsxType : "text/csv; charset=utf-8");
  r.headers["Content-Disposition"] = AttachmentDisposition(ascii + "." + format, utf8 + "." + format);
  r.headers["Cache-Control"] = "private, no-store";
  return r;
}

Result<http::Response> Template(Caller& c, const meta::Entity& e, const http::Request& req) {
  KEHU_TRY(OnlyParameters(req, {"format"}));
  KEHU_TRY(RequireImportScope(c, e));
  KEHU_ASSIGN(std::string format, Choice(req, "format", {"xlsx", "csv"}));
  std::vector<std::string> headers;
  for (const meta::Field* f : imports::ImportableFields(e, c.actor))
    headers.push_back(imports::TemplateHeader(*f, c.lang));
  std::string title = imports::LabelIn(e.labels, c.lang, e.name);
  KEHU_ASSIGN(std::string body, imports::WriteSheet(format, title, headers, {}));
  return FileResponse(std::move(body), format, e.name + "-import-template",
                      Message("import_template_name", c.lang, {{"entity", title}}));
}

Result<imports::ImportJob> NewJob(Caller& c, const meta::Entity& e, http::Request& req) {
  KEHU_TRY(OnlyParameters(req, {"mode", "dryRun", "onDuplicate", "mapping", "name"}));
  KEHU_TRY(RequireImportScope(c, e));
  imports::ImportJob job;
  ImportRecord& r = job.record;
  KEHU_ASSIGN(r.mode, Choice(req, "mode", {"create", "upsert"}));
  KEHU_ASSIGN(std::string dry, Choice(req, "dryRun", {"false", "true"}));
  KEHU_ASSIGN(r.on_duplicate, Choice(req, "onDuplicate", {"skip", "create"}));
  if (r.mode == "upsert" && !imports::UpsertKeyField(e))
    return InvalidInput("bad_parameter").Arg("parameter", "mode");
  imports::Mapping mapping;
  if (std::string_view m = req.QueryValue("mapping"); !m.empty()) {
    KEHU_ASSIGN(mapping, imports::ParseMapping(m));
  }
  KEHU_ASSIGN(job.table, imports::ReadImportFile(req.body));
  req.body.clear();
  req.body.shrink_to_fit();
  KEHU_ASSIGN(job.columns, imports::MatchColumns(imports::ImportableFields(e, c.actor),
                                                 job.table.headers, mapping, c.lang));
  json::array columns, headers;
  for (const auto& col : job.columns) {
    columns.push_back(json::object{{"header", col.header},
                                   {"field", col.field ? json::value(col.field->name) : json::value()}});
    headers.emplace_back(col.header);
  }
  r.entity = e.name;
  r.created_by_id = c.actor.user_id;
  r.dry_run = dry == "true";
  r.file_name = std::string(req.QueryValue("name")).substr(0, 255);
  r.total = static_cast<int64_t>(job.table.size());
  r.columns_json = json::serialize(columns);
  r.headers_json = json::serialize(headers);
  job.actor = c.actor;
  job.entity = &e;
  return job;
}

Result<http::Response> StartImport(ApiContext& ctx, ImportServices& svc, Caller& c,
                                   const meta::Entity& e, http::Request& req) {
  KEHU_ASSIGN(imports::ImportJob job, NewJob(c, e, req));
  KEHU_TRY(svc.store.Create(job.record));
  int64_t id = job.record.id;
  int status = 200;
  if (job.record.total <= kSyncRows) {
    static const std::atomic<bool> kNever{false};
    KEHU_TRY(svc.importer.Run(job, kNever));
  } else {
    KEHU_TRY(svc.runner.Submit(std::make_unique<imports::ImportJob>(std::move(job))));
    status = 202;
  }
  KEHU_ASSIGN(ImportRecord r, svc.store.Load(id));
  KEHU_ASSIGN(json::object body, ImportJson(ctx, svc.store, r, c.lang));
  http::Response resp = JsonResponse(status, body);
  if (status == 202) resp.headers["Location"] = "/api/v1/imports/" + std::to_string(id);
  return resp;
}

Result<http::Response> RejectedRows(ApiContext& ctx, ImportServices& svc, Caller& c,
                                    http::Request& req) {
  KEHU_TRY(OnlyParameters(req, {"format"}));
  KEHU_ASSIGN(std::string format, Choice(req, "format", {"xlsx", "csv"}));
  KEHU_ASSIGN(ImportRecord r, LoadOwnImport(svc.store, c, req.path_params["id"]));
  const meta::Entity* e = ctx.registry->Find(r.entity);
  std::vector<std::string> headers{Message("import_reason_header", c.lang)};
  json::value uploaded = ParseOr(r.headers_json, json::array());
  for (const auto& h : uploaded.as_array()) headers.emplace_back(h.is_string() ? h.as_string() : "");
  KEHU_ASSIGN(auto issues, svc.store.Issues(r.id, "", 0));
  std::vector<imports::SheetRow> rows;
  for (const RowIssue& issue : issues) {
    imports::SheetRow row{{RowMessage(issue, e, c.lang)}};
    row.cells.insert(row.cells.end(), issue.cells.begin(), issue.cells.end());
    rows.push_back(std::move(row));
  }
  std::string title = Message("import_rejected_name", c.lang,
                              {{"entity", e ? imports::LabelIn(e->labels, c.lang, r.entity) : r.entity}});
  KEHU_ASSIGN(std::string body, imports::WriteSheet(format, title, headers, rows));
  return FileResponse(std::move(body), format, r.entity + "-import-" + std::to_string(r.id) + "-rejected",
                      title);
}

}  // namespace

void RegisterImportRoutes(http::Router& router, ApiContext& ctx) {
  auto svc = std::make_shared<ImportServices>(ctx);

  router.Add("GET", "/api/v1/{entity}/import-template",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
               return Template(c, *e, req);
             }));

  router.Add("POST", "/api/v1/{entity}/import",
             Authed(ctx, [&ctx, svc](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_ASSIGN(auto* e, EntityFromPath(ctx, req));
               return StartImport(ctx, *svc, c, *e, req);
             }));

  router.Add("GET", "/api/v1/imports/{id}",
             Authed(ctx, [&ctx, svc](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_TRY(OnlyParameters(req, {}));
               KEHU_ASSIGN(ImportRecord r, LoadOwnImport(svc->store, c, req.path_params["id"]));
               KEHU_ASSIGN(json::object body, ImportJson(ctx, svc->store, r, c.lang));
               return JsonResponse(200, body);
             }));

  router.Add("GET", "/api/v1/imports/{id}/errors",
             Authed(ctx, [&ctx, svc](Caller& c, http::Request& req) -> Result<http::Response> {
               return RejectedRows(ctx, *svc, c, req);
             }),
             http::Lane::kLong);  // a CSV of every rejected row
}

}  // namespace kehu::api
