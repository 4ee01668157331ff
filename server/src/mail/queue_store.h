// The mail_queue table: inserting rendered messages, claiming due ones for sending, recording the
// outcome, and listing the log. Statuses: queued -> sending -> sent | retrying -> ... -> failed.
// A claim is a compare-and-set on (status, next_attempt_at), so two servers never send one row;
// a claimed row's next_attempt_at is its lease: past it, another run takes the row again.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "db/database.h"
#include "mail/mail_queue.h"

namespace kehu::mail {

struct QueuedMail {
  int64_t id = 0;
  std::string to_address;
  std::string subject;
  std::string body;
  int attempts = 0;  // finished attempts before this one
};

// Resolves the recipient, renders the template and inserts the row with `status` ("queued", or
// "sending" for a row the caller sends itself right away). 0 when the recipient has no address.
Result<int64_t> InsertMail(db::Session& s, const OutgoingMail& m, std::string_view status,
                           TimePoint now, TimePoint next_attempt);

// Claims up to `limit` due rows (queued/retrying due, or sending with an expired lease).
Result<std::vector<QueuedMail>> ClaimDue(db::Database& db, TimePoint now, int limit,
                                         std::chrono::seconds lease);
// Reads one row (for a send right after InsertMail). kNotFound if absent.
Result<QueuedMail> LoadMail(db::Database& db, int64_t id);

// Gives claimed messages back unsent (shutdown): due again at `now`, attempts unchanged.
Status ReleaseClaims(db::Database& db, const std::vector<QueuedMail>& mails, TimePoint now);

Status MarkSent(db::Database& db, int64_t id, int attempts, TimePoint now);
// Records a failed attempt: retried at `retry_at`, or failed for good when it is nullopt.
Status MarkAttemptFailed(db::Database& db, int64_t id, int attempts, const std::string& error,
                         std::optional<TimePoint> retry_at);

// {"items":[{"id","to","subject","status","attempts","lastError","createdAt","sentAt",
// "template","locale"}],"total","page","pageSize"}, newest first; `status` empty = all.
Result<boost::json::object> ListMailLog(db::Database& db, const std::string& status, int page,
                                        int page_size);

}  // namespace kehu::mail
