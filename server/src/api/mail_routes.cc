// Mail (admins only): SMTP settings and a test send, template overrides, the mail log.
//   GET/PATCH /api/v1/settings/mail, POST /api/v1/settings/mail/test {"to","locale"?}
//   GET /api/v1/mail-templates, GET/PUT/DELETE /api/v1/mail-templates/{name}/{locale},
//   POST /api/v1/mail-templates/{name}/{locale}/preview, GET
//   /api/v1/mail-log?status=&page=&pageSize=
// The SMTP password is never in a response; a failed test send answers 502 with the server's words.
#include <boost/json.hpp>

#include "api/routes.h"
#include "mail/mail_service.h"
#include "mail/mail_settings.h"
#include "mail/queue_store.h"
#include "mail/template_store.h"
#include "mail/templates.h"

namespace kehu::api {
namespace json = boost::json;

namespace {

constexpr const char* kStatuses[] = {"queued", "sending", "retrying", "sent", "failed"};

Result<mail::MailService*> AdminMail(ApiContext& ctx, const Caller& c) {
  if (!c.actor.is_admin) return Forbidden();
  if (!ctx.mail)
    return Error(ErrorKind::kUnavailable, "unavailable").Detail("mail service not running");
  return ctx.mail;
}

Result<int> PageParam(const http::Request& req, const char* name, int fallback, int max) {
  if (!req.HasQuery(name)) return fallback;
  KEHU_ASSIGN(int64_t v, ParseId(req.QueryValue(name)));
  if (v > max) return InvalidInput("bad_parameter").Arg("parameter", name);
  return static_cast<int>(v);
}

Result<json::object> SettingsBody(mail::MailService& m) {
  KEHU_ASSIGN(mail::SmtpSettings s, m.Settings());
  return mail::SettingsJson(s);
}

// 502: the mail server (not Kehu, not the client) refused; its words go to the admin.
http::Response SmtpFailed(const Error& e, const Caller& c, const http::Request& req) {
  Error shown = e;
  shown.kind = ErrorKind::kConflict;  // rendered like any 4xx, without a server-error log line
  http::Response r = ErrorResponse(shown, c.lang, req.request_id);
  r.status = 502;
  return r;
}

void RegisterSettings(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/settings/mail",
             Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
               KEHU_ASSIGN(auto* m, AdminMail(ctx, c));
               KEHU_ASSIGN(json::object out, SettingsBody(*m));
               return JsonResponse(200, out);
             }));
  router.Add("PATCH", "/api/v1/settings/mail",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_ASSIGN(auto* m, AdminMail(ctx, c));
               KEHU_ASSIGN(json::object body, JsonObjectBody(req));
               KEHU_TRY(ctx.db.Write(
                   [&](db::Session& s) { return mail::PatchSettings(s, c.actor, body); }));
               KEHU_ASSIGN(json::object out, SettingsBody(*m));
               return JsonResponse(200, out);
             }));
  router.Add("POST", "/api/v1/settings/mail/test",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_ASSIGN(auto* m, AdminMail(ctx, c));
               KEHU_ASSIGN(json::object body, JsonObjectBody(req));
               std::string to, locale = c.lang;
               for (const auto& [k, v] : body) {
                 if (k != "to" && k != "locale")
                   return InvalidInput("unknown_field").Arg("field", mail::ArgText(k));
                 if (!v.is_string())
                   return InvalidInput("wrong_type").Field(std::string(k), "wrong_type");
                 (k == "to" ? to : locale) = std::string(v.get_string());
               }
               if (to.empty()) return ValidationFailed().Field("to", "required");
               Status sent = m->SendTest(c.actor, to, locale);
               if (!sent.ok() && sent.error().code == "smtp_failed")
                 return SmtpFailed(sent.error(), c, req);
               KEHU_TRY(sent);
               return JsonResponse(200, json::object{{"sent", true}});
             }));
}

void RegisterTemplates(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/mail-templates",
             Authed(ctx, [&ctx](Caller& c, http::Request&) -> Result<http::Response> {
               KEHU_TRY(AdminMail(ctx, c));
               KEHU_ASSIGN(json::object out, mail::ListTemplates(ctx.db));
               return JsonResponse(200, out);
             }));
  const std::string one = "/api/v1/mail-templates/{name}/{locale}";
  router.Add(
      "GET", one, Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
        KEHU_TRY(AdminMail(ctx, c));
        KEHU_ASSIGN(json::object out,
                    mail::GetTemplate(ctx.db, req.path_params["name"], req.path_params["locale"]));
        return JsonResponse(200, out);
      }));
  router.Add("PUT", one,
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_TRY(AdminMail(ctx, c));
               const std::string& name = req.path_params["name"];
               const std::string& locale = req.path_params["locale"];
               KEHU_ASSIGN(json::object body, JsonObjectBody(req));
               KEHU_TRY(mail::PutTemplate(ctx.db, c.actor, name, locale, body));
               KEHU_ASSIGN(json::object out, mail::GetTemplate(ctx.db, name, locale));
               return JsonResponse(200, out);
             }));
  router.Add("DELETE", one,
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_TRY(AdminMail(ctx, c));
               KEHU_TRY(mail::DeleteTemplate(ctx.db, c.actor, req.path_params["name"],
                                             req.path_params["locale"]));
               return http::Response::NoContent();
             }));
  router.Add("POST", one + "/preview",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_TRY(AdminMail(ctx, c));
               KEHU_ASSIGN(json::object body, JsonObjectBody(req));
               KEHU_ASSIGN(json::object out,
                           mail::PreviewTemplate(ctx.db, req.path_params["name"],
                                                 req.path_params["locale"], body));
               return JsonResponse(200, out);
             }));
}

void RegisterLog(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/mail-log",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) -> Result<http::Response> {
               KEHU_TRY(AdminMail(ctx, c));
               std::string status(req.QueryValue("status"));
               if (!status.empty() && std::find(std::begin(kStatuses), std::end(kStatuses),
                                                status) == std::end(kStatuses))
                 return InvalidInput("bad_parameter").Arg("parameter", "status");
               KEHU_ASSIGN(int page, PageParam(req, "page", 1, 1000000));
               KEHU_ASSIGN(int size, PageParam(req, "pageSize", 50, 200));
               KEHU_ASSIGN(json::object out, mail::ListMailLog(ctx.db, status, page, size));
               return JsonResponse(200, out);
             }));
}

}  // namespace

void RegisterMailRoutes(http::Router& router, ApiContext& ctx) {
  RegisterSettings(router, ctx);
  RegisterTemplates(router, ctx);
  RegisterLog(router, ctx);
}

}  // namespace kehu::api
