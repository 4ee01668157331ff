// Placeholder until the mail work lands: queues nothing.
#include "mail/mail_queue.h"

namespace kehu::mail {

Result<int64_t> Enqueue(db::Session&, const OutgoingMail&) { return int64_t{0}; }

}  // namespace kehu::mail
