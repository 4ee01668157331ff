// A Session on one libpq connection, used inside a transaction that PgDatabase opened.
//
// PostgreSQL aborts the whole transaction when one statement fails (SQLite only undoes that
// statement). The session remembers the first failure so that Write() can refuse to report a
// commit when fn carried on after a failed statement.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <optional>

#include "db/database.h"
#include "db/postgres/pg_pool.h"

namespace kehu::db::pg {

using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Runs a parameterless statement (BEGIN, COMMIT, ...). Errors are normalized.
Result<PgResult> ExecSimple(PGconn* conn, const char* sql);

class PgSession : public Session {
 public:
  // With `statements`, each distinct statement is prepared once per connection and then only
  // executed: no parse and plan per call (most requests run the same dozen statements).
  // `read_only`: the transaction is a read (REPEATABLE READ, READ ONLY; one snapshot throughout).
  explicit PgSession(PGconn* conn, StatementCache* statements = nullptr, bool read_only = false)
      : conn_(conn), statements_(statements), read_only_(read_only) {}

  using Session::Execute;
  using Session::Query;
  Result<Rows> Query(std::string_view sql, std::span<const Value> params) override;
  Result<int64_t> Execute(std::string_view sql, std::span<const Value> params) override;
  Status ExecuteScript(std::string_view sql) override;

  // The first statement that failed in this session, if any.
  const std::optional<Error>& first_error() const { return first_error_; }
  bool read_only() const { return read_only_; }

  // The transaction is not open yet: `begin` goes out with the session's first statement, in the
  // same round trip (libpq's pipeline mode). A read of one statement then waits for one answer
  // instead of two. begun(): whether it has been sent, i.e. whether there is anything to end.
  void BeginWithFirstStatement(const char* begin) { pending_begin_ = begin; }
  bool begun() const { return pending_begin_ == nullptr; }

 private:
  Result<PgResult> Run(std::string_view sql, std::span<const Value> params);
  // Sends the pending BEGIN, then the statement (prepared as `name`, or else `sql` with `types`),
  // and waits once for both results.
  Result<PgResult> RunAfterBegin(const std::string& name, const std::string& sql, const std::vector<Oid>& types,
                                 const std::vector<const char*>& values);
  Error Remember(Error error);

  Result<std::string> Prepared(const std::string& sql, const std::vector<Oid>& types);

  PGconn* conn_;
  StatementCache* statements_;
  bool read_only_;
  const char* pending_begin_ = nullptr;
  std::optional<Error> first_error_;
};

}  // namespace kehu::db::pg
