// Webhook request bodies and their signature. Pure functions: the caller has already shaped the
// record for the subscription's owner (hidden fields removed, masked ones masked), so whatever is
// in `record` may be sent.
//
//   json      {"event":"customers.created","entity":"customers","id":1,"occurredAt":"…Z","record":{…}}
//   wecom     企业微信群机器人: {"msgtype":"markdown","markdown":{"content":"…"}}
//   dingtalk  钉钉群机器人:     {"msgtype":"markdown","markdown":{"title":"…","text":"…"}}
// The robots get a short Chinese summary: entity label, the record's title, the event, a few of
// the list columns with values.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "metadata/entity.h"

namespace kehu::webhooks {

struct EventPayload {
  std::string type;         // created | updated | … | "ping" for a test delivery
  std::string entity;       // empty for a ping
  int64_t record_id = 0;
  std::string occurred_at;  // ISO 8601 UTC
  boost::json::object record;
};

// "customers.created", or "ping".
std::string EventName(const EventPayload& p);

// The body for `format` (json | wecom | dingtalk). `e` is the event's entity (null for a ping).
std::string RenderBody(const std::string& format, const meta::Entity* e, const EventPayload& p);

// The markdown summary the robots show (exposed for tests).
std::string Summary(const meta::Entity* e, const EventPayload& p);
// "新建", "更新", "删除", "审批通过", "审批拒绝", "状态变更", "测试".
std::string EventLabel(const std::string& type);

// "sha256=<lower-case hex HMAC-SHA256 of body keyed by secret>".
std::string SignatureHeader(std::string_view secret, std::string_view body);

}  // namespace kehu::webhooks
