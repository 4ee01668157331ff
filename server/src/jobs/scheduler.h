// The job scheduler (issue #8): named jobs run on schedules kept in the database. A server takes a
// due run by a lease with an expiry, so with several `kehu serve` processes on one PostgreSQL each
// due run happens exactly once, and a run whose server died is taken again after its lease expires.
// A failed run is retried with exponential backoff; handlers must be idempotent.
//
// Handlers run on the scheduler's own threads, never on an io thread.
// Thread-safety: Register() before Start() only; everything else is thread-safe.
#pragma once

#include <boost/json/array.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "db/database.h"

namespace kehu::jobs {

using Clock = std::function<std::chrono::system_clock::time_point()>;

struct JobRun {
  std::string name;
  std::chrono::system_clock::time_point now;  // the scheduler's clock when the run started
  int attempt = 1;                            // 1 + failures since the last success
  // Becomes true when the scheduler is stopping: a handler working through a batch should stop
  // early (returning Ok() or an error) so that server shutdown does not wait on it.
  const std::atomic<bool>* stopping = nullptr;
  bool Stopping() const { return stopping && stopping->load(); }
};

// Returns an error to have the run retried with backoff (the error is kept as lastError).
using JobHandler = std::function<Status(const JobRun&)>;

struct SchedulerOptions {
  std::string owner;                          // lease owner; empty = "<hostname>:<pid>:<random>"
  // A run not finished by then may be taken again. While a handler runs, the loop renews its
  // lease every lease/3, so only a run whose server died (or whose loop is stuck) is taken again.
  std::chrono::seconds lease{60};
  std::chrono::milliseconds tick{1000};       // how often due jobs are looked for
  std::chrono::seconds backoff_base{10};      // first retry delay; doubles per failure ...
  std::chrono::seconds backoff_max{3600};     // ... up to this
  int threads = 2;                            // handlers running at once
  Clock clock;                                // null = system_clock::now (tests inject one)
};

class Scheduler {
 public:
  explicit Scheduler(db::Database& db, SchedulerOptions options = {});
  ~Scheduler();  // Stop()
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Adds a job. `schedule`: "every 30s" | "every 5m" | "every 2h" | "daily 02:30" (Asia/Shanghai)
  // | "daily 02:30 America/New_York". kInvalidInput "invalid_schedule" otherwise. Before Start().
  Status Register(const std::string& name, const std::string& schedule, JobHandler handler);

  // Writes the registered jobs' rows (a changed schedule recomputes the next run) and starts the
  // loop thread. A new "every" job is due at once; a new "daily" job at its next time.
  Status Start();
  // Stops taking runs and waits for running handlers. Idempotent.
  void Stop();

  // Takes and runs every due job once on the calling thread; returns how many ran. For tests and
  // `kehu jobs run`; works without Start().
  Result<int> RunDue();
  // Makes a job due now and wakes the loop. kNotFound "unknown_job" for a name that is not
  // registered. A job running right now gets its next run from its schedule when it finishes.
  Status TriggerNow(const std::string& name);
  // Wakes the loop to look for due jobs now (e.g. right after mail was queued).
  void Wake();

  const std::string& owner() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Every job known to the database, for GET /api/v1/jobs and `kehu jobs list`: name, schedule,
// nextRunAt, lastRunAt, lastFinishedAt, lastStatus ("ok" | "failed" | null), lastError, failures,
// runs, running, leaseOwner, leaseExpiresAt (times UTC ISO 8601 or null), ordered by name.
Result<boost::json::array> ListJobs(db::Database& db);

}  // namespace kehu::jobs
