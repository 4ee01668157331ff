// GET /api/v1/{entity}/export?format=csv: the current filter as CSV, UTF-8 with BOM so Excel in
// China opens it correctly; headers in the caller's language. XLSX comes with the import module.
#pragma once

#include "api/request.h"

namespace kehu::api {

Result<http::Response> ExportCsv(ApiContext& ctx, Caller& caller, const meta::Entity& e,
                                 const http::Request& req);

}  // namespace kehu::api
