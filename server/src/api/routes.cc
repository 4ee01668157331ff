#include "api/routes.h"

#include <spdlog/spdlog.h>

namespace kehu::api {

http::Handler Authed(ApiContext& ctx, AuthedHandler h) {
  return [&ctx, h = std::move(h)](http::Request& req) -> http::Response {
    std::string lang = RequestLanguage(req);
    try {
      if (Status text = CheckRequestText(req); !text.ok()) return ErrorResponse(text.error(), lang, req.request_id);
      auto caller = Authenticate(ctx, req);
      if (!caller.ok()) return ErrorResponse(caller.error(), lang, req.request_id);
      auto result = h(*caller, req);
      if (!result.ok()) return ErrorResponse(result.error(), caller->lang, req.request_id);
      return std::move(result).value();
    } catch (const std::exception& e) {
      return ErrorResponse(Internal(std::string("exception: ") + e.what()), lang, req.request_id);
    }
  };
}

http::Handler Public(std::function<Result<http::Response>(http::Request&)> h) {
  return [h = std::move(h)](http::Request& req) -> http::Response {
    std::string lang = RequestLanguage(req);
    try {
      if (Status text = CheckRequestText(req); !text.ok()) return ErrorResponse(text.error(), lang, req.request_id);
      auto result = h(req);
      if (!result.ok()) return ErrorResponse(result.error(), lang, req.request_id);
      return std::move(result).value();
    } catch (const std::exception& e) {
      return ErrorResponse(Internal(std::string("exception: ") + e.what()), lang, req.request_id);
    }
  };
}

void RegisterRoutes(http::Router& router, ApiContext& ctx, std::string version) {
  router.SetErrorRenderer(RenderTransportError);
  RegisterSystemRoutes(router, ctx, std::move(version));
  RegisterAuthRoutes(router, ctx);
  RegisterRecordRoutes(router, ctx);
  RegisterOrgRoutes(router, ctx);
  RegisterFileRoutes(router, ctx);
  RegisterSettingsRoutes(router, ctx);
  RegisterNumberingRoutes(router, ctx);
  RegisterImportRoutes(router, ctx);
  RegisterPrintRoutes(router, ctx);
  RegisterJobRoutes(router, ctx);
  RegisterNotificationRoutes(router, ctx);
  RegisterMailRoutes(router, ctx);
  RegisterWebhookRoutes(router, ctx);
  RegisterApprovalRoutes(router, ctx);
  RegisterOptionRoutes(router, ctx);
}

}  // namespace kehu::api
