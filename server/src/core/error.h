// The one error type of Kehu. Errors are values (Result<T>), not exceptions; exceptions are bugs.
// `kind` decides the HTTP status (one switch in api/error_response.cc); `code` is the stable
// snake_case code clients see; `args` fill the localized message template of that code.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kehu {

enum class ErrorKind {
  kInvalidInput,      // 400: malformed JSON, unknown field or operator, bad id
  kUnauthenticated,   // 401
  kForbidden,         // 403
  kNotFound,          // 404 (also for records the caller may not see)
  kConflict,          // 409: stale version, state forbids the action
  kPayloadTooLarge,   // 413
  kUnsupportedMedia,  // 415
  kValidation,        // 422: field errors, confirmation required
  kRateLimited,       // 429
  kUnavailable,       // 503: database down, shutting down
  kInternal,          // 500: a bug
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;                            // e.g. "unknown_field", "validation_failed"
  std::map<std::string, std::string> args;     // message parameters, e.g. {"field","nmae"}
  std::map<std::string, std::string> fields;   // field name -> field error code
  std::string detail;                          // for logs only; never shown to clients
  // Extra top-level members of the error response as raw JSON text, e.g. {"current", "{...}"}
  // for a version conflict.
  std::vector<std::pair<std::string, std::string>> extra;

  Error() = default;
  Error(ErrorKind k, std::string c) : kind(k), code(std::move(c)) {}

  Error& Arg(const std::string& key, std::string value) {
    args[key] = std::move(value);
    return *this;
  }
  Error& Field(const std::string& name, std::string field_code) {
    fields[name] = std::move(field_code);
    return *this;
  }
  Error& Detail(std::string d) {
    detail = std::move(d);
    return *this;
  }
};

inline Error InvalidInput(std::string code) { return Error(ErrorKind::kInvalidInput, std::move(code)); }
inline Error NotFound() { return Error(ErrorKind::kNotFound, "not_found"); }
inline Error Forbidden() { return Error(ErrorKind::kForbidden, "forbidden"); }
inline Error Conflict(std::string code) { return Error(ErrorKind::kConflict, std::move(code)); }
inline Error Internal(std::string detail) {
  return Error(ErrorKind::kInternal, "internal_error").Detail(std::move(detail));
}
// 409 for a stale `version`; the client gets the current record (as JSON text) to reload from.
inline Error VersionConflict(std::string current_json) {
  Error e(ErrorKind::kConflict, "version_conflict");
  e.extra.emplace_back("current", std::move(current_json));
  return e;
}
inline Error ValidationFailed() { return Error(ErrorKind::kValidation, "validation_failed"); }

}  // namespace kehu
