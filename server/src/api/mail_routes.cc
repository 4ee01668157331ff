#include "api/routes.h"

namespace kehu::api {

void RegisterMailRoutes(http::Router&, ApiContext&) {}

}  // namespace kehu::api
