#include "jobs/housekeeping.h"

#include <spdlog/spdlog.h>

#include "jobs/reminders.h"

namespace kehu::jobs {

namespace {
TimePoint Millis(std::chrono::system_clock::time_point t) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(t);
}
}  // namespace

Result<int64_t> DeleteExpiredSessions(db::Database& db, TimePoint now, const auth::AuthOptions& options) {
  int64_t deleted = 0;
  TimePoint idle_since = now - std::chrono::minutes(options.session_idle_minutes);
  KEHU_TRY(db.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(deleted, s.Execute("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?",
                                   {db::Value(FormatIso(now)), db::Value(FormatIso(idle_since))}));
    return Ok();
  }));
  return deleted;
}

Status RegisterHousekeeping(Scheduler& scheduler, db::Database& db, notify::Notifier& notifier) {
  KEHU_TRY(scheduler.Register("sessions.cleanup", "every 1h", [&db](const JobRun& run) -> Status {
    KEHU_ASSIGN(int64_t n, DeleteExpiredSessions(db, Millis(run.now)));
    if (n > 0) spdlog::info("sessions.cleanup: {} expired sessions deleted", n);
    return Ok();
  }));
  KEHU_TRY(scheduler.Register("reminders.fire", "every 30s", [&db, &notifier](const JobRun& run) -> Status {
    KEHU_ASSIGN(int n, reminders::FireDue(db, notifier, Millis(run.now)));
    if (n > 0) spdlog::debug("reminders.fire: {} reminders fired", n);
    return Ok();
  }));
  return Ok();
}

}  // namespace kehu::jobs
