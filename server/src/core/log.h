// Logging: spdlog to stderr. Access logs and errors are single-line JSON or plain text with the
// request id, so one grep finds a request's whole story.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace kehu {

// level: "trace", "debug", "info", "warn", "error", "off".
void InitLogging(std::string_view level);

}  // namespace kehu
