// Parsing of the request target ("/path?query") into a decoded path and query pairs.
// No Asio/Beast here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kehu::http {

// Decodes %XX escapes; with `plus_is_space` also '+' → ' ' (query strings).
// nullopt on a malformed escape ("%", "%4", "%zz").
std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space);

struct ParsedTarget {
  std::string path;                                        // decoded, starts with '/'
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order, empty pairs dropped
};

// Parses an origin-form target. nullopt (→ 400) when the target does not start with '/', has a
// malformed escape, or its decoded path contains NUL, an encoded '/' or '\', or a "." or ".."
// segment. Those rules are what lets later code use the path as a file name under a root.
std::optional<ParsedTarget> ParseTarget(std::string_view target);

}  // namespace kehu::http
