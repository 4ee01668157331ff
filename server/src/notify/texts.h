// What a notification says, in the reader's language: title and body come from a table of kinds ×
// languages (zh-CN, zh-TW, en) with {param} placeholders, filled from the notification's params
// plus {entityLabel} (the entity's label in that language). An unknown kind gets a generic text; a
// missing param renders as empty text. To add a kind, add one row to kTexts in texts.cc.
//
// Kinds and the params they use:
//   approval_requested  actor, title         approval_approved  title
//   approval_rejected   title, comment       approval_withdrawn actor, title
//   reminder            title, note (optional)
#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "metadata/registry.h"
#include "notify/store.h"

namespace kehu::notify {

struct NotificationText {
  std::string title;
  std::string body;
};

// `lang` is "zh-CN", "zh-TW" or "en"; anything else reads as zh-CN.
NotificationText RenderText(const std::string& kind, const boost::json::object& params,
                            const std::string& entity_label, const std::string& lang);

// The API shape: {"id","kind","title","body","entity","recordId","createdAt","readAt"}
// (entity, recordId and readAt null when absent).
boost::json::object RenderNotification(const StoredNotification& n, const meta::Registry& registry,
                                       const std::string& lang);

}  // namespace kehu::notify
