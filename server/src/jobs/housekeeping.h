// Built-in housekeeping jobs that every `kehu serve` registers, so the scheduler's machinery runs
// in every server: "sessions.cleanup" (every 1h) deletes sessions past their absolute or idle
// expiry; "reminders.fire" (every 30s) fires due reminders (jobs/reminders.h).
#pragma once

#include "auth/auth_service.h"
#include "core/result.h"
#include "core/time.h"
#include "db/database.h"
#include "jobs/scheduler.h"
#include "notify/notifier.h"

namespace kehu::jobs {

// Deletes sessions that AuthService would refuse at `now` (expired, or idle longer than
// options.session_idle_minutes). Returns how many were deleted.
Result<int64_t> DeleteExpiredSessions(db::Database& db, TimePoint now, const auth::AuthOptions& options = {});

Status RegisterHousekeeping(Scheduler& scheduler, db::Database& db, notify::Notifier& notifier);

}  // namespace kehu::jobs
