// Maps (method, path) to a handler. Patterns are '/'-separated segments, each a literal or a
// "{name}" parameter: "/api/v1/{entity}/{id}/{action}". No Asio/Beast here.
//
// Precedence: among the patterns that match the path and accept the method, the most specific
// wins, comparing segment by segment from the left (a literal beats a parameter), so
// "/api/v1/customers/export" beats "/api/v1/{entity}/{id}". A route registered for GET also
// answers HEAD unless HEAD is registered itself.
//
// Not found: no pattern matches the path → 404 "not_found". Patterns match but none accepts the
// method → 405 "method_not_allowed" with an Allow header. Both are rendered by the error renderer.
//
// Lanes: each (method, pattern) runs in a worker lane (message.h), DefaultLane(method) unless
// Add() names one; LaneOf() tells the server which pool to run a request on before Handle().
//
// Thread-safety: Add() only before serving; Handle() and LaneOf() may then run on many threads at
// once.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/errors.h"
#include "http/message.h"

namespace kehu::http {

class Router {
 public:
  // A null renderer means DefaultErrorRenderer.
  explicit Router(ErrorRenderer render_error = nullptr);

  // Registers `h` for `method` (upper case) and `pattern`. The same method and pattern again
  // replaces the earlier handler.
  void Add(std::string method, std::string pattern, Handler h);
  // Same, in the given lane (e.g. Lane::kLong for a GET that streams a whole table).
  void Add(std::string method, std::string pattern, Handler h, Lane lane);

  // Sets req.path_params and req.route (the matched pattern; empty on 404) and calls the handler.
  Response Handle(Request& req) const;

  // The lane of the handler Handle() would run; kShort for 404 and 405 answers.
  Lane LaneOf(const Request& req) const;

  void SetErrorRenderer(ErrorRenderer render_error) { render_error_ = std::move(render_error); }

 private:
  struct Segment {
    bool param = false;
    std::string text;  // literal text, or the parameter name
  };
  struct Target {
    Handler handler;
    Lane lane;
  };
  struct Route {
    std::string pattern;
    std::vector<Segment> segments;
    std::map<std::string, Target> handlers;  // by method
  };

  static bool Matches(const Route& route, const std::vector<std::string_view>& parts);
  static bool MoreSpecific(const Route& a, const Route& b);
  static const Target* FindHandler(const Route& route, const std::string& method);
  // The most specific route that matches `parts` and accepts `method` (null if none).
  const Route* Best(const std::vector<std::string_view>& parts, const std::string& method) const;

  ErrorRenderer render_error_;
  std::vector<Route> routes_;
};

}  // namespace kehu::http
