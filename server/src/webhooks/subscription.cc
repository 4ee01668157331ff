#include "webhooks/subscription.h"

#include <curl/curl.h>

#include <boost/json.hpp>

#include <algorithm>

#include "core/text/utf8.h"
#include "events/record_events.h"

namespace kehu::webhooks {
namespace json = boost::json;

namespace {

const std::vector<std::string> kFormats{"json", "wecom", "dingtalk"};

bool KnownEvent(const std::string& name, const meta::Registry& registry) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) return false;
  if (!registry.Find(name.substr(0, dot))) return false;
  std::string type = name.substr(dot + 1);
  const auto& types = events::EventTypes();
  return type == "*" || std::find(types.begin(), types.end(), type) != types.end();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool Webhook::Wants(const std::string& entity, const std::string& type) const {
  for (const auto& e : events)
    if (e == entity + "." + type || e == entity + ".*") return true;
  return false;
}

UrlParts ParseHttpUrl(const std::string& url) {
  // Control characters and spaces are never part of a URL we would send to.
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7f) return {};
  CURLU* h = curl_url();
  UrlParts out;
  if (curl_url_set(h, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char* scheme = nullptr;
    char* host = nullptr;
    if (curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
      out.scheme = Lower(scheme);
      out.host = host;
    }
    curl_free(scheme);
    curl_free(host);
  }
  curl_url_cleanup(h);
  // curl accepts "example.cn" by guessing a scheme; we want it spelled out.
  std::string prefix = Lower(url.substr(0, out.scheme.size() + 3));
  // ... and the host right after it: curl reads "https:///path" as host "path".
  size_t after = out.scheme.size() + 3;
  if ((out.scheme != "http" && out.scheme != "https") || prefix != out.scheme + "://" ||
      out.host.empty() || after >= url.size() || url[after] == '/')
    return {};
  return out;
}

Status ApplyBody(const json::object& body, Webhook& w) {
  for (const auto& [key, v] : body) {
    std::string k(key);
    if (k == "version") continue;
    if (k == "url" || k == "name" || k == "secret" || k == "format") {
      if (!v.is_string()) return InvalidInput("wrong_type").Field(k, "wrong_type");
      std::string s(v.as_string());
      if (!text::IsValidUtf8(s)) return InvalidInput("wrong_type").Field(k, "wrong_type");
      (k == "url" ? w.url : k == "name" ? w.name : k == "secret" ? w.secret : w.format) = std::move(s);
    } else if (k == "active") {
      if (!v.is_bool()) return InvalidInput("wrong_type").Field(k, "wrong_type");
      w.active = v.as_bool();
    } else if (k == "events") {
      if (!v.is_array()) return InvalidInput("wrong_type").Field(k, "wrong_type");
      w.events.clear();
      for (const auto& e : v.as_array()) {
        if (!e.is_string()) return InvalidInput("wrong_type").Field(k, "wrong_type");
        std::string name(e.as_string());
        if (std::find(w.events.begin(), w.events.end(), name) == w.events.end())
          w.events.push_back(std::move(name));
      }
    } else {
      return InvalidInput("unknown_field").Arg("field", k);
    }
  }
  return Ok();
}

Status Validate(Webhook& w, const meta::Registry& registry) {
  records::FieldErrors errors;
  UrlParts url = ParseHttpUrl(w.url);
  if (w.url.empty()) errors["url"] = "required";
  else if (w.url.size() > kMaxUrlLength || url.host.empty()) errors["url"] = "invalid_url";
  if (w.events.empty()) errors["events"] = "required";
  for (const auto& e : w.events)
    if (!KnownEvent(e, registry)) errors["events"] = "unknown_event";
  if (std::find(kFormats.begin(), kFormats.end(), w.format) == kFormats.end())
    errors["format"] = "invalid_option";
  size_t secret_length = records::Utf8Length(w.secret);
  if (w.secret.empty() && w.format == "json") errors["secret"] = "required";
  else if (!w.secret.empty() && secret_length < kMinSecretLength) errors["secret"] = "too_short";
  else if (secret_length > kMaxSecretLength) errors["secret"] = "too_long";
  if (records::Utf8Length(w.name) > kMaxNameLength) errors["name"] = "too_long";
  if (!errors.empty()) {
    Error e(ErrorKind::kValidation, errors.count("url") && errors["url"] == "invalid_url"
                                        ? "invalid_url"
                                        : "validation_failed");
    e.fields = std::move(errors);
    return e;
  }
  if (w.name.find_first_not_of(' ') == std::string::npos) w.name = url.host;
  return Ok();
}

json::object ToJson(const Webhook& w) {
  json::array events;
  for (const auto& e : w.events) events.emplace_back(e);
  return {{"id", w.id},           {"name", w.name},
          {"url", w.url},         {"events", std::move(events)},
          {"format", w.format},   {"active", w.active},
          {"secretSet", !w.secret.empty()},
          {"ownerId", w.owner_id}, {"version", w.version},
          {"createdAt", w.created_at}, {"updatedAt", w.updated_at}};
}

std::vector<std::string> EventsFromText(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array())
    if (e.is_string()) out.emplace_back(e.as_string());
  return out;
}

std::string EventsToText(const std::vector<std::string>& events) {
  json::array a;
  for (const auto& e : events) a.emplace_back(e);
  return json::serialize(a);
}

}  // namespace kehu::webhooks
