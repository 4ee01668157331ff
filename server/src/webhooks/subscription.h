// A webhook subscription as admins configure it (POST/PATCH /api/v1/webhooks), its validation and
// its API JSON. Pure functions: no database here.
//
// Rules: url is http(s) with a host (422 "invalid_url"); events is a non-empty list of
// "<entity>.<type>" or "<entity>.*" naming a known entity and an events::EventTypes() type;
// format is json | wecom | dingtalk; a json subscription needs a secret of at least
// kMinSecretLength characters (wecom/dingtalk robots authenticate by their URL's key, so there
// the secret is optional, but if given it obeys the same length rule).
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "metadata/registry.h"
#include "records/codec.h"

namespace kehu::webhooks {

inline constexpr size_t kMinSecretLength = 16;
inline constexpr size_t kMaxSecretLength = 256;
inline constexpr size_t kMaxUrlLength = 2000;
inline constexpr size_t kMaxNameLength = 100;

struct Webhook {
  int64_t id = 0;
  std::string name;
  std::string url;
  std::vector<std::string> events;  // "customers.created", "customers.*"
  std::string secret;               // never leaves the server once set
  std::string format = "json";      // json | wecom | dingtalk
  bool active = true;
  int64_t owner_id = 0;             // the admin who created it; payloads are shaped for this user
  int64_t version = 1;
  std::string created_at, updated_at;

  // Whether this subscription wants events of `type` on `entity`.
  bool Wants(const std::string& entity, const std::string& type) const;
};

// Copies the members of a create/PATCH body onto `w`. 400 (kInvalidInput) for an unknown member
// ("unknown_field") or a member of the wrong JSON type ("wrong_type", naming the field). "version"
// is ignored here (the caller checks it).
Status ApplyBody(const boost::json::object& body, Webhook& w);

// Field errors of a complete subscription (422): "url" invalid_url | required, "events"
// required | unknown_event, "format" invalid_option, "secret" required | too_short | too_long,
// "name" too_long. The error's code is "invalid_url" when the URL is wrong, else
// "validation_failed". Fills an empty name from the URL's host.
Status Validate(Webhook& w, const meta::Registry& registry);

// "https", "hooks.example.cn" of an http(s) URL with a host, or empty strings when it is not one.
struct UrlParts {
  std::string scheme, host;
};
UrlParts ParseHttpUrl(const std::string& url);

// The API form: everything but the secret, which shows only as "secretSet".
boost::json::object ToJson(const Webhook& w);

// "customers.*" style list from JSON text as stored, and back.
std::vector<std::string> EventsFromText(const std::string& text);
std::string EventsToText(const std::vector<std::string>& events);

}  // namespace kehu::webhooks
