#include "api/routes.h"

namespace kehu::api {

void RegisterApprovalRoutes(http::Router&, ApiContext&) {}

}  // namespace kehu::api
