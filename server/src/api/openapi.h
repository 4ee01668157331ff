// GET /api/v1/openapi.json: an OpenAPI 3.1 description generated from the metadata and the generic
// routes, so integrators can import it and the UI's TypeScript types can be generated from it.
#pragma once

#include <string>

#include "metadata/registry.h"

namespace kehu::api {

std::string OpenApiDocument(const meta::Registry& registry, const std::string& version);

}  // namespace kehu::api
