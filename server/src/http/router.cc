#include "http/router.h"

#include <set>
#include <utility>

namespace kehu::http {
namespace {

// "/a/b/c" → {"a","b","c"}; "/" → {""}. Views point into `path`.
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

std::string JoinAllow(const std::set<std::string>& methods) {
  std::string allow;
  for (const auto& m : methods) {
    if (!allow.empty()) allow += ", ";
    allow += m;
  }
  return allow;
}

}  // namespace

Router::Router(ErrorRenderer render_error) : render_error_(std::move(render_error)) {}

void Router::Add(std::string method, std::string pattern, Handler h) {
  Lane lane = DefaultLane(method);
  Add(std::move(method), std::move(pattern), std::move(h), lane);
}

void Router::Add(std::string method, std::string pattern, Handler h, Lane lane) {
  for (auto& route : routes_) {
    if (route.pattern == pattern) {
      route.handlers[std::move(method)] = {std::move(h), lane};
      return;
    }
  }
  Route route;
  for (std::string_view part : Split(pattern)) {
    bool param = part.size() >= 2 && part.front() == '{' && part.back() == '}';
    route.segments.push_back({param, std::string(param ? part.substr(1, part.size() - 2) : part)});
  }
  route.pattern = std::move(pattern);
  route.handlers[std::move(method)] = {std::move(h), lane};
  routes_.push_back(std::move(route));
}

bool Router::Matches(const Route& route, const std::vector<std::string_view>& parts) {
  if (route.segments.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Segment& seg = route.segments[i];
    if (seg.param ? parts[i].empty() : seg.text != parts[i]) return false;
  }
  return true;
}

// True if `a` has a literal at the first position where the two differ in kind.
bool Router::MoreSpecific(const Route& a, const Route& b) {
  for (size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    if (a.segments[i].param != b.segments[i].param) return !a.segments[i].param;
  }
  return false;
}

const Router::Target* Router::FindHandler(const Route& route, const std::string& method) {
  auto it = route.handlers.find(method);
  if (it == route.handlers.end() && method == "HEAD") it = route.handlers.find("GET");
  return it == route.handlers.end() ? nullptr : &it->second;
}

const Router::Route* Router::Best(const std::vector<std::string_view>& parts,
                                  const std::string& method) const {
  const Route* best = nullptr;
  for (const auto& route : routes_) {
    if (Matches(route, parts) && FindHandler(route, method) && (!best || MoreSpecific(route, *best)))
      best = &route;
  }
  return best;
}

Lane Router::LaneOf(const Request& req) const {
  const Route* best = Best(Split(req.path), req.method);
  return best ? FindHandler(*best, req.method)->lane : Lane::kShort;
}

Response Router::Handle(Request& req) const {
  std::vector<std::string_view> parts = Split(req.path);
  const Route* best = Best(parts, req.method);
  if (!best) {
    const Route* best_any = nullptr;  // most specific match ignoring the method, for 405
    std::set<std::string> allowed;
    for (const auto& route : routes_) {
      if (!Matches(route, parts)) continue;
      if (!best_any || MoreSpecific(route, *best_any)) best_any = &route;
      for (const auto& [method, h] : route.handlers) allowed.insert(method);
    }
    req.route = best_any ? best_any->pattern : std::string();
    if (!best_any) return RenderError(render_error_, 404, "not_found", req);
    if (allowed.count("GET")) allowed.insert("HEAD");
    Response r = RenderError(render_error_, 405, "method_not_allowed", req);
    r.headers["Allow"] = JoinAllow(allowed);
    return r;
  }
  req.route = best->pattern;
  req.path_params.clear();
  for (size_t i = 0; i < parts.size(); ++i) {
    if (best->segments[i].param) req.path_params[best->segments[i].text] = std::string(parts[i]);
  }
  return FindHandler(*best, req.method)->handler(req);
}

}  // namespace kehu::http
