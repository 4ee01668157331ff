#include "api/routes.h"

namespace kehu::api {

void RegisterWebhookRoutes(http::Router&, ApiContext&) {}

}  // namespace kehu::api
