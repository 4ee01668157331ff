#include "http/errors.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace kehu::http {
namespace {

std::string EnglishMessage(const std::string& code) {
  if (code == "not_found") return "The requested resource does not exist.";
  if (code == "method_not_allowed") return "This method is not allowed on this resource.";
  if (code == "payload_too_large") return "The request body is too large.";
  if (code == "overloaded") return "The server is busy. Please try again shortly.";
  if (code == "invalid_path") return "The request path is not valid.";
  if (code == "bad_request") return "The request is malformed.";
  if (code == "header_too_large") return "The request headers are too large.";
  if (code == "forbidden") return "You are not allowed to do this.";
  if (code == "request_timeout") return "The request took too long to arrive.";
  if (code == "internal_error") return "An internal error occurred.";
  return "The request could not be processed.";
}

}  // namespace

Response DefaultErrorRenderer(int status, const std::string& code, const Request& req) {
  boost::json::value v = {{"error", {{"code", code}, {"message", EnglishMessage(code)}}}};
  return Response::Json(status, boost::json::serialize(v));
}

Response RenderError(const ErrorRenderer& renderer, int status, const std::string& code,
                     const Request& req) {
  Response r = renderer ? renderer(status, code, req) : DefaultErrorRenderer(status, code, req);
  r.status = status;
  return r;
}

}  // namespace kehu::http
