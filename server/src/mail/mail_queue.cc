// Enqueue: render now (in the recipient's language, with the templates as they are at this
// moment) and store inside the caller's transaction; the mail job sends after commit.
#include "mail/mail_queue.h"

#include "mail/queue_store.h"

namespace kehu::mail {

Result<int64_t> Enqueue(db::Session& s, const OutgoingMail& m) {
  TimePoint now = Now();
  return InsertMail(s, m, "queued", now, now);
}

}  // namespace kehu::mail
