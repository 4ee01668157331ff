// The outgoing mail queue (issue #8). Messages are rendered from templates (mustache) in the
// recipient's language when queued, stored in the caller's write transaction, and sent after
// commit by the mail job over SMTP, with retries and a log.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

#include "core/result.h"
#include "db/database.h"

namespace kehu::mail {

struct OutgoingMail {
  int64_t to_user_id = 0;        // a user: address and language (users.email, users.locale) from the row
  std::string to_address;        // or a bare address (test sends); then `locale` picks the language
  std::string locale;            // "zh-CN" | "zh-TW" | "en"; empty = the user's, else zh-CN
  std::string template_name;     // e.g. "approval_requested"
  boost::json::object params;    // values for the template
};

// Renders the template and queues the message inside the caller's transaction. Returns the queue
// id, or 0 (nothing queued) when the user has no email address or is inactive. kNotFound
// "unknown_template" for a template that does not exist.
Result<int64_t> Enqueue(db::Session& s, const OutgoingMail& m);

}  // namespace kehu::mail
