// The SQL of the scheduler: the `jobs` table (migration 0008). Each function runs on the caller's
// session; the taking of a run (TryTake) is one conditional UPDATE, so among any number of servers
// on one database exactly one takes a given due run (SQLite: the single writer; PostgreSQL: the
// row lock and re-check of the WHERE clause under READ COMMITTED).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "db/database.h"

namespace kehu::jobs::store {

// last_error is cut to this many bytes (at a UTF-8 boundary).
inline constexpr size_t kMaxErrorBytes = 1000;

// Inserts the job's row, or updates it when its schedule text changed (then next_run_at becomes
// `next_run`); an unchanged schedule keeps the stored next_run_at.
Status Upsert(db::Session& s, const std::string& name, const std::string& schedule, TimePoint next_run,
              TimePoint now);

// Names of the jobs that are due at `now` and not leased (or whose lease has expired).
Result<std::vector<std::string>> DueNames(db::Session& s, TimePoint now);

// Takes the due run of `name` for `owner` until `lease_until`. Returns the attempt number
// (1 + failures so far), or nullopt when the job is not due or someone else holds it.
Result<std::optional<int>> TryTake(db::Session& s, const std::string& name, const std::string& owner,
                                   TimePoint now, TimePoint lease_until);

// Extends `owner`'s lease. False when the lease is no longer `owner`'s.
Result<bool> Renew(db::Session& s, const std::string& name, const std::string& owner, TimePoint lease_until);

// Ends `owner`'s run: releases the lease, counts the run and sets the next run. `error` empty =
// success (failures reset to 0), else failures + 1 and the error is kept. False when the lease had
// been lost to someone else (nothing changed).
struct Outcome {
  TimePoint finished;
  TimePoint next_run;
  std::string error;  // empty on success
};
Result<bool> Finish(db::Session& s, const std::string& name, const std::string& owner, const Outcome& outcome);

// Gives a taken run back without counting it (a stopping server that had not started it).
Status Release(db::Session& s, const std::string& name, const std::string& owner);

// Sets next_run_at = now. False when no such job row exists.
Result<bool> MakeDue(db::Session& s, const std::string& name, TimePoint now);

struct Row {
  std::string name, schedule, next_run_at, lease_owner, lease_expires_at, last_run_at, last_finished_at,
      last_status, last_error, updated_at;
  int64_t failures = 0, runs = 0;
};
Result<std::vector<Row>> All(db::Session& s);
Result<std::optional<Row>> Find(db::Session& s, const std::string& name);

// `text` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string Truncate(const std::string& text, size_t max);

}  // namespace kehu::jobs::store
