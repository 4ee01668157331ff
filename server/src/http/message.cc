#include "http/message.h"

#include <algorithm>
#include <cctype>

namespace kehu::http {

bool HeaderLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
  });
}

std::string_view Request::QueryValue(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return {};
}

bool Request::HasQuery(std::string_view name) const {
  for (const auto& kv : query)
    if (kv.first == name) return true;
  return false;
}

std::string_view Request::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string_view() : std::string_view(it->second);
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.headers["Content-Type"] = "application/json; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response Response::Text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.headers["Content-Type"] = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  return r;
}

Lane DefaultLane(std::string_view method) {
  return method == "GET" || method == "HEAD" ? Lane::kShort : Lane::kLong;
}

}  // namespace kehu::http
