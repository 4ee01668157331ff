// What an upload may carry, and how a stored name goes back out in a download header. Pure text
// functions with no database or HTTP: unit-tested in file_input_test.cc.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kehu::files {

inline constexpr size_t kMaxFileNameChars = 200;  // code points, not bytes
inline constexpr std::string_view kDefaultContentType = "application/octet-stream";

// Why `name` cannot name a file: "" when it can, else "required" (empty or blank), "too_long"
// (over kMaxFileNameChars code points) or "invalid" (ill-formed UTF-8, a path separator, a control
// character, a bidirectional override that could disguise the extension, "." or "..").
std::string_view FileNameProblem(std::string_view name);

// The media type to store for a Content-Type header: trimmed; empty -> kDefaultContentType;
// nullopt when it is not "type/subtype[; parameters]" in printable ASCII of at most 200 bytes.
std::optional<std::string> NormalizeContentType(std::string_view header);

// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 and
// 8187). The fallback replaces every non-ASCII character, quote and backslash with '_'.
// REQUIRES: FileNameProblem(name) is "".
std::string ContentDisposition(std::string_view name);

}  // namespace kehu::files
