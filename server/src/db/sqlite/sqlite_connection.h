// One SQLite connection with a prepared-statement cache. Not thread-safe: one thread at a time.
#pragma once

#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "db/database.h"

namespace kehu::db {

class SqliteConnection : public Session {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, bool writer,
                                                        int busy_timeout_ms);
  ~SqliteConnection() override;

  Result<Rows> Query(std::string_view sql, std::span<const Value> params) override;
  Result<std::vector<int64_t>> QueryIds(std::string_view sql, std::span<const Value> params) override;
  Result<int64_t> Execute(std::string_view sql, std::span<const Value> params) override;
  Status ExecuteScript(std::string_view sql) override;
  using Session::Execute;
  using Session::Query;

  sqlite3* handle() { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> Prepare(std::string_view sql, std::span<const Value> params);
  Error Normalize(int rc) const;

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace kehu::db
