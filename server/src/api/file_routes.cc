// Attachments (API.md "Search, files, audit, events"): POST/GET /api/v1/files and
// GET/DELETE /api/v1/files/{id}. The rules live in files::FileService; this only speaks HTTP.
#include <algorithm>
#include <boost/json.hpp>

#include "api/routes.h"
#include "files/file_input.h"
#include "files/file_service.h"

namespace kehu::api {
namespace json = boost::json;

namespace {

// A downloaded file must never run in our origin, whatever its Content-Type says: sandboxed
// (no scripts, unique origin), nothing loaded, never sniffed, never embedded by other sites.
constexpr const char* kDownloadCsp = "default-src 'none'; sandbox";

json::object FileJson(const files::FileInfo& f) {
  json::object o{{"id", f.id},
                 {"name", f.name},
                 {"size", f.size},
                 {"contentType", f.content_type},
                 {"sha256", f.sha256},
                 {"recordEntity", f.record_entity},
                 {"recordId", f.record_id},
                 {"createdAt", f.created_at},
                 {"createdById", f.created_by_id ? json::value(*f.created_by_id) : json::value()}};
  if (f.created_by_id) o["_display"] = json::object{{"createdById", f.created_by_name}};
  return o;
}

// 400 unknown_parameter for anything but `allowed`.
Status OnlyParameters(const http::Request& req, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : req.query)
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return InvalidInput("unknown_parameter").Arg("parameter", key);
  return Ok();
}

struct RecordRef {
  std::string entity;
  int64_t id = 0;
};

// recordEntity and recordId of the query: 400 bad_parameter when missing or malformed.
Result<RecordRef> RecordFromQuery(const http::Request& req) {
  RecordRef ref;
  ref.entity = std::string(req.QueryValue("recordEntity"));
  if (ref.entity.empty())
    return InvalidInput("bad_parameter")
        .Arg("parameter", "recordEntity")
        .Field("recordEntity", "required");
  auto id = ParseId(req.QueryValue("recordId"));
  if (!id.ok())
    return InvalidInput("bad_parameter").Arg("parameter", "recordId").Field("recordId", "invalid");
  ref.id = *id;
  return ref;
}

http::Response DownloadResponse(files::FileDownload d) {
  http::Response r;
  r.status = 200;
  r.body = std::move(d.content);
  r.headers["Content-Type"] = d.info.content_type;
  r.headers["Content-Disposition"] = files::ContentDisposition(d.info.name);
  r.headers["X-Content-Type-Options"] = "nosniff";
  r.headers["Content-Security-Policy"] = kDownloadCsp;
  r.headers["Cross-Origin-Resource-Policy"] = "same-origin";
  r.headers["Cache-Control"] = "private, no-store";
  return r;
}

}  // namespace

void RegisterFileRoutes(http::Router& router, ApiContext& ctx) {
  // The record engine's policy class; ApiContext does not carry the instance the app built, and
  // ScopedAccessPolicy keeps no state, so this one decides exactly as that one does.
  static const records::ScopedAccessPolicy kAccess;
  auto service = std::make_shared<files::FileService>(ctx.db, ctx.registry, kAccess);

  router.Add("POST", "/api/v1/files",
             Authed(ctx, [service](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_TRY(OnlyParameters(req, {"name", "recordEntity", "recordId"}));
               KEHU_ASSIGN(RecordRef ref, RecordFromQuery(req));
               files::NewFile file{ref.entity, ref.id, std::string(req.QueryValue("name")),
                                   std::string(req.Header("Content-Type")), std::move(req.body)};
               KEHU_ASSIGN(files::FileInfo f, service->Upload(c.actor, std::move(file)));
               http::Response r = JsonResponse(201, FileJson(f));
               r.headers["Location"] = "/api/v1/files/" + std::to_string(f.id);
               return r;
             }));

  router.Add("GET", "/api/v1/files",
             Authed(ctx, [service](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_TRY(OnlyParameters(req, {"recordEntity", "recordId"}));
               KEHU_ASSIGN(RecordRef ref, RecordFromQuery(req));
               KEHU_ASSIGN(auto list, service->List(c.actor, ref.entity, ref.id));
               json::array items;
               for (const auto& f : list) items.push_back(FileJson(f));
               return JsonResponse(200, json::object{{"items", std::move(items)}});
             }));

  // A download reads up to the upload limit from the database: the long lane (http/message.h).
  router.Add("GET", "/api/v1/files/{id}",
             Authed(ctx, [service](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
               KEHU_ASSIGN(files::FileDownload d, service->Download(c.actor, id));
               return DownloadResponse(std::move(d));
             }),
             http::Lane::kLong);

  router.Add("DELETE", "/api/v1/files/{id}",
             Authed(ctx, [service](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_ASSIGN(int64_t id, ParseId(req.path_params["id"]));
               KEHU_TRY(service->Delete(c.actor, id));
               return http::Response::NoContent();
             }));
}

}  // namespace kehu::api
