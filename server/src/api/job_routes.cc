#include "api/routes.h"

namespace kehu::api {

void RegisterJobRoutes(http::Router&, ApiContext&) {}

}  // namespace kehu::api
