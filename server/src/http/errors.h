// How the transport renders its own errors (404, 405, 413, 503, ...). The api layer injects a
// renderer that produces localized {"error":{"code","message"}} bodies; the default is English.
#pragma once

#include <functional>
#include <string>

#include "http/message.h"

namespace kehu::http {

// status: HTTP status; code: stable snake_case code ("not_found", "payload_too_large", ...).
using ErrorRenderer = std::function<Response(int status, const std::string& code, const Request&)>;

// {"error":{"code":code,"message":<English text>}} with a JSON content type.
Response DefaultErrorRenderer(int status, const std::string& code, const Request& req);

// Calls `renderer` if set, else DefaultErrorRenderer; always returns `status`.
Response RenderError(const ErrorRenderer& renderer, int status, const std::string& code,
                     const Request& req);

}  // namespace kehu::http
