// What the approvals engine tells people, in-app (notify::Notifier) and by email (mail queue),
// inside the write transaction of the change it announces: nobody hears of a submission that
// rolled back. Kinds and mail templates:
//   approval_requested  to a step's approvers (on submit and on each new step); mail too
//   approval_approved / approval_rejected  to the submitter on the final decision; mail too
//   approval_withdrawn  to the approvers still waiting when the submitter withdraws
// Params: {"title","actor","entityLabel"} (+ "comment"; mail also "url"). The entity label is in
// the recipient's language.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "metadata/entity.h"
#include "notify/notifier.h"

namespace kehu::approvals {

struct Notice {
  std::string kind;        // approval_requested | approval_approved | approval_rejected | approval_withdrawn
  const meta::Entity* entity = nullptr;
  int64_t record_id = 0;
  std::string title;       // the record's title
  std::string actor_name;  // who did it
  std::string comment;
};

// Sends `n` to each of `users` (in-app when `notifier` is set, and by email). A missing mail
// template is logged and skipped: a mail set-up problem must not block approvals.
Status Send(db::Session& s, notify::Notifier* notifier, const Notice& n, const std::vector<int64_t>& users);

}  // namespace kehu::approvals
