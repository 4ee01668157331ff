#include "db/postgres/pg_database.h"

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <chrono>

#include "db/postgres/pg_dialect.h"
#include "db/postgres/pg_dump.h"
#include "db/postgres/pg_error.h"
#include "db/postgres/pg_pool.h"
#include "db/postgres/pg_session.h"

namespace kehu::db::pg {
namespace {

constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
constexpr const char* kBeginWrite = "BEGIN";

bool IsConnectionLost(PGconn* conn, const Error& error) {
  return error.code == "db_unavailable" && PQstatus(conn) != CONNECTION_OK;
}

// An idle connection has nothing to read. When the server ends it (a restart, an idle timeout,
// pg_terminate_backend) its farewell or the end of the stream is there to read: then it is
// checked the slow way, by a BEGIN that is safe to repeat.
bool QuietSinceLastUse(PGconn* conn) {
  pollfd fd{.fd = PQsocket(conn), .events = POLLIN, .revents = 0};
  return fd.fd >= 0 && poll(&fd, 1, 0) == 0;
}

class PgDatabase : public Database {
 public:
  PgDatabase(std::string url, const DatabaseOptions& options)
      : url_(std::move(url)),
        pool_(url_, std::max(2, options.read_connections),
              std::chrono::milliseconds(std::max(1, options.busy_timeout_ms))) {}

  std::string_view kind() const override { return "postgresql"; }
  const Dialect& dialect() const override { return dialect_; }

  Status Read(const SessionFn& fn) override {
    reads_.fetch_add(1, std::memory_order_relaxed);
    return Transact(fn, /*write=*/false);
  }

  Status Write(const SessionFn& fn) override {
    writes_.fetch_add(1, std::memory_order_relaxed);
    return Transact(fn, /*write=*/true);
  }

  Status Backup(const std::string& out) override { return RunPgDump(url_, out); }

  DatabaseStats Stats() const override {
    DatabaseStats stats;
    stats.reads = reads_.load(std::memory_order_relaxed);
    stats.writes = writes_.load(std::memory_order_relaxed);
    stats.write_batches = commits_.load(std::memory_order_relaxed);
    stats.queued_writes = waiting_writes_.load(std::memory_order_relaxed);
    stats.pool_size = pool_.open();
    stats.pool_in_use = pool_.in_use();
    return stats;
  }

  // Reachable, and what the dialect needs to know of the database (its collation).
  Status Prepare() {
    return Read([this](Session& s) -> Status {
      KEHU_ASSIGN(Rows rows, s.Query("SELECT datcollate::text FROM pg_database WHERE datname = current_database()"));
      if (!rows.empty()) dialect_.UseCollation(AsText(rows.rows[0][0]));
      return Ok();
    });
  }

 private:
  Status Transact(const SessionFn& fn, bool write);
  Result<PgPool::Lease> BeginOnLiveConnection(bool write);
  Status Commit(PGconn* conn);

  const std::string url_;
  PgPool pool_;
  PgDialect dialect_;
  std::atomic<int64_t> reads_{0};
  std::atomic<int64_t> writes_{0};
  std::atomic<int64_t> commits_{0};
  std::atomic<int64_t> waiting_writes_{0};
};

// An idle connection may have died (server restart, idle timeout) without libpq knowing yet. BEGIN
// is the first thing sent on it and is safe to repeat, so a lost connection there is replaced
// and retried; once fn has run, nothing is retried.
Result<PgPool::Lease> PgDatabase::BeginOnLiveConnection(bool write) {
  if (write) waiting_writes_.fetch_add(1, std::memory_order_relaxed);
  Error last;
  for (int attempt = 0; attempt <= pool_.max_size(); ++attempt) {
    auto lease = pool_.Acquire();
    if (!lease.ok()) {
      last = std::move(lease).error();
      break;
    }
    // A read sends its BEGIN with its first statement (PgSession::BeginWithFirstStatement).
    if (!write && QuietSinceLastUse(lease->conn())) return std::move(lease).value();
    auto begun = ExecSimple(lease->conn(), write ? kBeginWrite : kBeginRead);
    if (begun.ok()) {
      if (write) waiting_writes_.fetch_sub(1, std::memory_order_relaxed);
      return std::move(lease).value();
    }
    last = std::move(begun).error();
    if (!IsConnectionLost(lease->conn(), last)) break;
  }
  if (write) waiting_writes_.fetch_sub(1, std::memory_order_relaxed);
  return last;
}

Status PgDatabase::Transact(const SessionFn& fn, bool write) {
  KEHU_ASSIGN(PgPool::Lease lease, BeginOnLiveConnection(write));
  PgSession session(lease.conn(), lease.statements(), /*read_only=*/!write);
  if (!write && PQtransactionStatus(lease.conn()) == PQTRANS_IDLE) session.BeginWithFirstStatement(kBeginRead);
  Status status = fn(session);
  if (status.ok() && session.first_error() && write) {
    // fn went on after a failed statement; PostgreSQL has already doomed the transaction.
    Error error = *session.first_error();
    error.detail = "transaction aborted by an earlier failed statement: " + error.detail;
    status = std::move(error);
  }
  if (status.ok()) {
    if (write) return Commit(lease.conn());
    // A read keeps nothing: if its COMMIT fails the lease drops the connection, fn's answer stands.
    if (session.begun()) (void)ExecSimple(lease.conn(), "COMMIT");
    return Ok();
  }
  // The lease closes the connection instead of reusing it if this ROLLBACK fails.
  if (session.begun()) (void)ExecSimple(lease.conn(), "ROLLBACK");
  return status;
}

Status PgDatabase::Commit(PGconn* conn) {
  auto committed = ExecSimple(conn, "COMMIT");
  if (!committed.ok()) {
    if (PQtransactionStatus(conn) != PQTRANS_IDLE) (void)ExecSimple(conn, "ROLLBACK");
    return std::move(committed).error();
  }
  // COMMIT of an aborted transaction "succeeds" with the tag ROLLBACK.
  if (std::string_view(PQcmdStatus(committed->get())) != "COMMIT") {
    return Error(ErrorKind::kInternal, "db_error").Detail("COMMIT was turned into a ROLLBACK");
  }
  commits_.fetch_add(1, std::memory_order_relaxed);
  return Ok();
}

}  // namespace
}  // namespace kehu::db::pg

namespace kehu::db {

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url,
                                               const DatabaseOptions& options) {
  if (!PQisthreadsafe()) {
    return Error(ErrorKind::kInternal, "db_error").Detail("libpq was built without thread safety");
  }
  auto db = std::make_unique<pg::PgDatabase>(url, options);
  KEHU_TRY(db->Prepare());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace kehu::db
