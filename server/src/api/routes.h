// Registers every API route on the router. Handlers are thin: parse the request, call a service,
// render JSON. No SQL here.
#pragma once

#include <functional>

#include "api/api_context.h"
#include "api/request.h"
#include "http/router.h"

namespace kehu::api {

void RegisterRoutes(http::Router& router, ApiContext& ctx, std::string version);

// Pieces, one file each.
void RegisterAuthRoutes(http::Router& router, ApiContext& ctx);
void RegisterRecordRoutes(http::Router& router, ApiContext& ctx);
void RegisterOrgRoutes(http::Router& router, ApiContext& ctx);
void RegisterFileRoutes(http::Router& router, ApiContext& ctx);
void RegisterSystemRoutes(http::Router& router, ApiContext& ctx, std::string version);
void RegisterSettingsRoutes(http::Router& router, ApiContext& ctx);
void RegisterNumberingRoutes(http::Router& router, ApiContext& ctx);
void RegisterImportRoutes(http::Router& router, ApiContext& ctx);
void RegisterPrintRoutes(http::Router& router, ApiContext& ctx);
// Platform services (issue #8), one file each.
void RegisterJobRoutes(http::Router& router, ApiContext& ctx);
void RegisterNotificationRoutes(http::Router& router, ApiContext& ctx);
void RegisterMailRoutes(http::Router& router, ApiContext& ctx);
void RegisterWebhookRoutes(http::Router& router, ApiContext& ctx);
void RegisterApprovalRoutes(http::Router& router, ApiContext& ctx);
void RegisterOptionRoutes(http::Router& router, ApiContext& ctx);

using AuthedHandler = std::function<Result<http::Response>(Caller&, http::Request&)>;
// Wraps a handler: authenticates (401/403 CSRF), renders errors, catches exceptions as 500s.
http::Handler Authed(ApiContext& ctx, AuthedHandler h);
// Same without authentication.
http::Handler Public(std::function<Result<http::Response>(http::Request&)> h);

}  // namespace kehu::api
