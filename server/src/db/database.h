// The database boundary: one interface over SQLite and PostgreSQL.
//
// SQL is written once, with `?` placeholders and portable syntax (RETURNING, ON CONFLICT, LIMIT/OFFSET);
// backends translate placeholders. Backend errors are normalized here into Error codes:
//   unique_violation, foreign_key_violation, not_null_violation (kind kConflict / kValidation),
//   db_unavailable (kUnavailable), anything else db_error (kInternal).
// The record layer never asks which database it is on; what differs lives in Dialect.
//
// Thread-safety: Database is thread-safe. Read()/Write() block the calling thread: call them from
// worker threads, never from an io thread. A Session is only valid inside the callback.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "db/dialect.h"
#include "db/value.h"

namespace kehu::db {

class Session {
 public:
  virtual ~Session() = default;
  // Runs a statement and returns all rows it produced (empty for DDL/DML without RETURNING).
  virtual Result<Rows> Query(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual Result<int64_t> Execute(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs several statements separated by ';' without parameters (migrations, DDL).
  virtual Status ExecuteScript(std::string_view sql) = 0;
  // The first column of every row as an integer (NULL as 0): long id lists without building a
  // row of values for each (a search may match 100,000 records).
  virtual Result<std::vector<int64_t>> QueryIds(std::string_view sql, std::span<const Value> params = {}) {
    auto rows = Query(sql, params);
    if (!rows.ok()) return std::move(rows).error();
    std::vector<int64_t> ids;
    ids.reserve(rows->size());
    for (const auto& r : rows->rows) ids.push_back(IsNull(r[0]) ? 0 : AsInt(r[0]));
    return ids;
  }

  Result<Rows> Query(std::string_view sql, std::initializer_list<Value> params) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  Result<int64_t> Execute(std::string_view sql, std::initializer_list<Value> params) {
    return Execute(sql, std::span<const Value>(params.begin(), params.size()));
  }
};

using SessionFn = std::function<Status(Session&)>;

struct DatabaseStats {
  int64_t reads = 0;
  int64_t writes = 0;
  int64_t write_batches = 0;   // group commits (SQLite) or transactions (PostgreSQL)
  int64_t queued_writes = 0;   // waiting for the writer right now
  double writer_busy_seconds = 0;   // SQLite: the writer thread's time in batches, commits included
  double commit_seconds = 0;        // SQLite: of which applying search writes, COMMIT and its fsync
  int64_t checkpoints = 0;          // SQLite: WAL checkpoints run by the checkpoint thread
  int pool_size = 0;           // connections open
  int pool_in_use = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  virtual std::string_view kind() const = 0;  // "sqlite" or "postgresql"
  virtual const Dialect& dialect() const = 0;

  // Runs fn on a consistent read snapshot. fn must not write.
  virtual Status Read(const SessionFn& fn) = 0;

  // Runs fn inside a write transaction and returns once its changes are durable. If fn returns an
  // error, none of its changes are kept. Concurrent writes may be committed together (group commit);
  // each caller still sees all-or-nothing for its own fn. fn may run only once.
  virtual Status Write(const SessionFn& fn) = 0;

  // Writes a consistent copy of the whole database to `out` while it stays online.
  virtual Status Backup(const std::string& out) = 0;

  virtual DatabaseStats Stats() const = 0;
};

struct DatabaseOptions {
  int read_connections = 8;       // PostgreSQL pool size for reads and writes together; SQLite readers
  int max_batch = 64;             // SQLite group commit: most writes committed together
  int busy_timeout_ms = 5000;
  int wal_checkpoint_pages = 1000;  // SQLite: a WAL this long is checkpointed by a thread of its own
  int wal_max_pages = 16000;        // SQLite: a WAL this long is checkpointed by the writer itself
};

// Opens `sqlite:/path/to.db` or `postgresql://user@host:port/dbname` (libpq URIs).
Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url, const DatabaseOptions& options = {});

}  // namespace kehu::db
