#include "db/sqlite/sqlite_connection.h"

#include <string>

namespace kehu::db {

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                  bool writer,
                                                                  int busy_timeout_ms) {
  // Process-wide settings: sqlite3_config works only before SQLite's first use, which is this call.
  static const bool kConfigured = [] {
    // A group commit runs each job in a savepoint, whose journal keeps the original of every page
    // the job changes first. Past SQLite's default of 64 KiB it spills to a temporary file, a
    // pwrite per page: a create touches 20-odd index pages, and the spill was a quarter of the
    // writer's time. The threshold is also the size of the journal's one memory chunk, which a
    // spill writes in one call, and SQLite's unix VFS writes at most 128 KiB - 1 bytes per call
    // (seekAndWriteFd masks the length with 0x1ffff): any larger threshold failed every job whose
    // journal spilled (a handover of a rep's customers, a bulk load) with "database or disk is full".
    constexpr int kStatementJournalSpill = (128 << 10) - 1;
    bool spill = sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kStatementJournalSpill) == SQLITE_OK;
    // No allocation statistics (nothing reads them): with them, every sqlite3_malloc and
    // sqlite3_free takes one process-wide mutex, and the readers of all workers queued on it.
    bool no_stats = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    return spill && no_stats;
  }();
  (void)kConfigured;
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (writer ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Error(ErrorKind::kUnavailable, "db_unavailable").Detail("sqlite open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  // WAL lets readers run beside the one writer; FULL makes every acknowledged commit durable.
  // Memory-mapped reads (up to SQLite's 2 GB cap) spare a copy per page: pages come straight from
  // the page cache shared by all connections, which is most of a 1M-customer list or search.
  // Readers read through the map and keep a small cache of their own (there may be dozens of
  // them); the writer's cache holds the index pages every insert walks. Sorts and temporary
  // b-trees bigger than that cache spill to temporary files (the OS page cache) instead of the
  // heap: an ORDER BY over a million rows would otherwise keep hundreds of MB per connection.
  KEHU_TRY(conn->ExecuteScript(
      std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                  "PRAGMA temp_store=FILE; PRAGMA mmap_size=2147418112;") +
      (writer ? "PRAGMA cache_size=-64000;" : "PRAGMA cache_size=-4000;")));
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Error SqliteConnection::Normalize(int rc) const {
  std::string msg = sqlite3_errmsg(db_);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: {
      // "UNIQUE constraint failed: customers.code" -> constraint "customers.code"
      auto colon = msg.rfind(": ");
      return Error(ErrorKind::kConflict, "unique_violation")
          .Arg("constraint", colon == std::string::npos ? "" : msg.substr(colon + 2))
          .Detail(msg);
    }
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error(ErrorKind::kConflict, "foreign_key_violation").Detail(msg);
    case SQLITE_CONSTRAINT_NOTNULL: {
      // "NOT NULL constraint failed: customers.name" -> column "name"
      auto dot = msg.rfind('.');
      return Error(ErrorKind::kValidation, "not_null_violation")
          .Arg("column", dot == std::string::npos ? "" : msg.substr(dot + 1))
          .Detail(msg);
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return Error(ErrorKind::kUnavailable, "db_unavailable").Detail(msg);
    default:
      return Error(ErrorKind::kInternal, "db_error").Detail(msg);
  }
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql,
                                                std::span<const Value> params) {
  std::string key(sql);
  auto it = statements_.find(key);
  sqlite3_stmt* stmt = nullptr;
  if (it != statements_.end()) {
    stmt = it->second;
  } else {
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Normalize(rc).Detail(std::string(sqlite3_errmsg(db_)) + " in: " + key);
    // Bounded cache: generated list queries vary; keep the common ones.
    if (statements_.size() > 512) {
      for (auto& [s, st] : statements_) sqlite3_finalize(st);
      statements_.clear();
    }
    statements_.emplace(std::move(key), stmt);
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
    return Internal("parameter count mismatch in: " + std::string(sql));
  for (size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i) + 1;
    const Value& v = params[i];
    int rc = SQLITE_OK;
    if (auto* n = std::get_if<int64_t>(&v)) rc = sqlite3_bind_int64(stmt, idx, *n);
    else if (auto* d = std::get_if<double>(&v)) rc = sqlite3_bind_double(stmt, idx, *d);
    else if (auto* s = std::get_if<std::string>(&v))
      rc = sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    else rc = sqlite3_bind_null(stmt, idx);
    if (rc != SQLITE_OK) return Normalize(rc);
  }
  return stmt;
}

Result<Rows> SqliteConnection::Query(std::string_view sql, std::span<const Value> params) {
  KEHU_ASSIGN(sqlite3_stmt * stmt, Prepare(sql, params));
  Rows out;
  int ncol = sqlite3_column_count(stmt);
  out.columns.reserve(ncol);
  for (int c = 0; c < ncol; ++c) out.columns.emplace_back(sqlite3_column_name(stmt, c));
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      Error e = Normalize(rc);
      sqlite3_reset(stmt);
      return e;
    }
    auto& row = out.rows.emplace_back();
    row.reserve(ncol);
    for (int c = 0; c < ncol; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER: row.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c))); break;
        case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(stmt, c)); break;
        case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
        default: {
          auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
        }
      }
    }
  }
  sqlite3_reset(stmt);
  return out;
}

Result<std::vector<int64_t>> SqliteConnection::QueryIds(std::string_view sql, std::span<const Value> params) {
  KEHU_ASSIGN(sqlite3_stmt * stmt, Prepare(sql, params));
  std::vector<int64_t> ids;
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      Error e = Normalize(rc);
      sqlite3_reset(stmt);
      return e;
    }
    ids.push_back(sqlite3_column_int64(stmt, 0));
  }
  sqlite3_reset(stmt);
  return ids;
}

Result<int64_t> SqliteConnection::Execute(std::string_view sql, std::span<const Value> params) {
  KEHU_ASSIGN(sqlite3_stmt * stmt, Prepare(sql, params));
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  sqlite3_reset(stmt);
  if (rc != SQLITE_DONE) return Normalize(rc);
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Status SqliteConnection::ExecuteScript(std::string_view sql) {
  char* err = nullptr;
  std::string script(sql);
  int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    Error e = Normalize(sqlite3_extended_errcode(db_));
    e.Detail(err ? err : sqlite3_errstr(rc));
    sqlite3_free(err);
    return e;
  }
  return Ok();
}

}  // namespace kehu::db
