// Delivery of the mail queue: the "mail.deliver" job calls DeliverDue(), which claims due
// messages (bounded batch), sends each over SMTP with the current settings, and records sent,
// retrying (with backoff) or failed. Admin test sends go through the same queue and log but are
// sent at once on the calling thread.
//
// Thread-safety: thread-safe (state lives in the database). Blocking: call from worker or job
// threads, never an io thread.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "db/database.h"
#include "mail/smtp_client.h"
#include "records/actor.h"

namespace kehu::mail {

struct MailOptions {
  SmtpSettings defaults;  // from `kehu serve --smtp …`; admins override in the database
  int batch = 20;         // messages per DeliverDue run
  int max_attempts = 5;   // then status failed
  // Delay after the 1st, 2nd, … failed attempt (the last one repeats).
  std::vector<std::chrono::seconds> backoff{std::chrono::minutes(1), std::chrono::minutes(5),
                                            std::chrono::minutes(30), std::chrono::hours(2)};
  std::chrono::seconds lease{300};   // a claimed message is taken again after this (server died)
  std::function<TimePoint()> clock;  // null = Now()
};

struct QueuedMail;

class MailService {
 public:
  MailService(db::Database& db, MailOptions options);

  // Sends what is due. Failures of single messages are recorded on them; an error here means
  // the database failed. Does nothing (and keeps the queue) while no server is configured. When
  // `stopping` turns true (server shutdown) the batch ends early and the messages not yet tried
  // go back to the queue.
  Status DeliverDue(const std::function<bool()>& stopping = nullptr);

  // The settings in effect (defaults + admin overrides).
  Result<SmtpSettings> Settings();

  // Queues the "test" template to `to` in `locale` and sends it now. kValidation
  // "validation_failed" {to: invalid_email}; kValidation "mail_not_configured"; kUnavailable
  // "smtp_failed" {error} when the server refused (the message is then logged as failed).
  Status SendTest(const records::Actor& actor, const std::string& to, const std::string& locale);

  // The retry time after `attempts` failed attempts, or nullopt to give up.
  std::optional<TimePoint> RetryAt(int attempts, TimePoint now) const;

  const MailOptions& options() const { return options_; }

 private:
  TimePoint NowTime() const { return options_.clock ? options_.clock() : Now(); }
  Status SendOne(const SmtpSettings& settings, const QueuedMail& mail, bool retry);

  db::Database& db_;
  MailOptions options_;
};

}  // namespace kehu::mail
