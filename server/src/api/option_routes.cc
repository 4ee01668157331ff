#include "api/routes.h"

namespace kehu::api {

void RegisterOptionRoutes(http::Router&, ApiContext&) {}

}  // namespace kehu::api
