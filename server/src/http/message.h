// Plain request/response types shared by the transport (server.cc, the only Beast user) and the
// API handlers. No Boost.Asio or Beast here: handlers stay fast to compile and easy to test.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kehu::http {

class EventStream;  // http/event_stream.h

// Case-insensitive header map (names compared in ASCII lower case).
struct HeaderLess {
  bool operator()(std::string_view a, std::string_view b) const;
};
using Headers = std::map<std::string, std::string, HeaderLess>;

struct Request {
  std::string method;       // "GET", "POST", ...
  std::string target;       // raw target, e.g. "/api/v1/customers?page=2"
  std::string path;         // percent-decoded path without the query, e.g. "/api/v1/customers"
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  Headers headers;
  std::string body;
  std::string remote_address;  // peer IP
  std::string request_id;      // set by the server, echoed as X-Request-Id
  bool secure = false;         // arrived over TLS

  // Values set by the router for "{name}" segments.
  std::map<std::string, std::string> path_params;
  // Pattern the router matched, e.g. "/api/v1/{entity}/{id}"; the metrics and access-log label.
  std::string route;
  // Set by the auth middleware once the caller is known; logged as "user" when non-zero.
  int64_t user_id = 0;

  // First query value or empty.
  std::string_view QueryValue(std::string_view name) const;
  bool HasQuery(std::string_view name) const;
  std::string_view Header(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // Set = a streamed body (Server-Sent Events): `body` is ignored; the transport writes the headers
  // and then the stream's chunks until it closes (see http/event_stream.h). Never kept alive.
  std::shared_ptr<EventStream> stream;

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response NoContent();
};

using Handler = std::function<Response(Request&)>;

// Which worker pool runs a request. Short requests (reads that answer in about a millisecond) get
// a pool of a few threads per core: with 2 cores, 32 runnable threads made every request wait
// behind time slices of the others, so p99 grew to 4-7× p50. Long ones (writes, which wait for
// the group commit's fsync, and exports or PDFs that run for seconds) get the big pool, where a
// waiting thread costs nothing and many writers fill one commit.
enum class Lane { kShort, kLong };

// By method when a route says nothing else: GET and HEAD short, everything else long.
Lane DefaultLane(std::string_view method);

}  // namespace kehu::http
