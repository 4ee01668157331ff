#include "mail/mail_service.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "mail/mail_settings.h"
#include "mail/mime.h"
#include "mail/queue_store.h"

namespace kehu::mail {
namespace json = boost::json;

MailService::MailService(db::Database& db, MailOptions options)
    : db_(db), options_(std::move(options)) {}

Result<SmtpSettings> MailService::Settings() {
  SmtpSettings settings;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(settings, LoadSettings(s, options_.defaults));
    return Ok();
  }));
  return settings;
}

std::optional<TimePoint> MailService::RetryAt(int attempts, TimePoint now) const {
  if (attempts >= options_.max_attempts || options_.backoff.empty()) return std::nullopt;
  size_t i =
      std::min<size_t>(static_cast<size_t>(std::max(attempts, 1)) - 1, options_.backoff.size() - 1);
  return now + std::chrono::duration_cast<std::chrono::milliseconds>(options_.backoff[i]);
}

Status MailService::SendOne(const SmtpSettings& settings, const QueuedMail& mail, bool retry) {
  MimeMessage m{settings.from,
                mail.to_address,
                mail.subject,
                mail.body,
                std::chrono::system_clock::now(),
                ""};
  Status sent = SendSmtp(settings, mail.to_address, BuildMime(m));
  int attempts = mail.attempts + 1;
  if (sent.ok()) {
    KEHU_TRY(MarkSent(db_, mail.id, attempts, NowTime()));
    return Ok();
  }
  std::string why =
      sent.error().args.count("error") ? sent.error().args.at("error") : sent.error().code;
  // Logged with the id only: the address and text stay in the database (mail log).
  spdlog::warn("mail {}: attempt {} failed: {}", mail.id, attempts, why);
  KEHU_TRY(MarkAttemptFailed(db_, mail.id, attempts, why,
                             retry ? RetryAt(attempts, NowTime()) : std::nullopt));
  return sent;
}

Status MailService::DeliverDue(const std::function<bool()>& stopping) {
  KEHU_ASSIGN(SmtpSettings settings, Settings());
  if (!settings.configured()) return Ok();
  KEHU_ASSIGN(std::vector<QueuedMail> due,
              ClaimDue(db_, NowTime(), options_.batch, options_.lease));
  for (size_t i = 0; i < due.size(); ++i) {
    if (stopping && stopping()) {
      std::vector<QueuedMail> rest(due.begin() + static_cast<std::ptrdiff_t>(i), due.end());
      return ReleaseClaims(db_, rest, NowTime());
    }
    const QueuedMail& mail = due[i];
    Status sent = SendOne(settings, mail, true);
    // A send failure is the message's, recorded on it; only a database failure stops the run.
    if (!sent.ok() && sent.error().code != "smtp_failed") return sent;
  }
  if (!due.empty()) spdlog::info("mail: {} message(s) processed", due.size());
  return Ok();
}

Status MailService::SendTest(const records::Actor& actor, const std::string& to,
                             const std::string& locale) {
  if (!IsValidAddress(to)) return ValidationFailed().Field("to", "invalid_email");
  KEHU_ASSIGN(SmtpSettings settings, Settings());
  if (!settings.configured()) return Error(ErrorKind::kValidation, "mail_not_configured");
  OutgoingMail m;
  m.to_address = to;
  m.locale = locale;
  m.template_name = "test";
  m.params = {{"host", settings.host},
              {"port", settings.port},
              {"actor", actor.display_name.empty() ? actor.username : actor.display_name}};
  int64_t id = 0;
  TimePoint now = NowTime();
  // Inserted as already claimed (status sending, with a lease) so the job does not send it too.
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(id, InsertMail(s, m, "sending", now, now + options_.lease));
    return Ok();
  }));
  KEHU_ASSIGN(QueuedMail mail, LoadMail(db_, id));
  return SendOne(settings, mail, false);
}

}  // namespace kehu::mail
