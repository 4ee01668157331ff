#include "api/routes.h"

namespace kehu::api {

void RegisterNotificationRoutes(http::Router&, ApiContext&) {}

}  // namespace kehu::api
