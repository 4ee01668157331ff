// A bounded pool of libpq connections, opened lazily. Thread-safe.
//
// Acquire() hands out an idle connection, opens a new one while fewer than max_size are open, or
// blocks until one is released; after `wait` it gives up with db_unavailable. A connection that
// comes back broken (PQstatus bad), still inside a transaction or in pipeline mode is closed instead
// of reused.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace kehu::db::pg {

// The statements prepared on one connection: SQL text plus parameter types → statement name.
// Lives as long as its connection; only the connection's current holder touches it.
struct StatementCache {
  std::unordered_map<std::string, std::string> names;
};

class PgPool {
 public:
  // Returns a connection to the pool when destroyed. Movable, not copyable.
  class Lease {
   public:
    Lease(PgPool* pool, PGconn* conn, StatementCache* statements)
        : pool_(pool), conn_(conn), statements_(statements) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(other.conn_), statements_(other.statements_) {
      other.conn_ = nullptr;
    }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (conn_) pool_->Release(conn_);
    }
    PGconn* conn() const { return conn_; }
    StatementCache* statements() const { return statements_; }

   private:
    PgPool* pool_;
    PGconn* conn_;
    StatementCache* statements_;
  };

  // `url` is a libpq URI or conninfo string.
  PgPool(std::string url, int max_size, std::chrono::milliseconds wait);
  // REQUIRES: no Lease is alive.
  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  Result<Lease> Acquire();

  int max_size() const { return max_size_; }
  int open() const;    // connections open or being opened
  int in_use() const;  // connections leased out

 private:
  Result<PGconn*> Connect() const;
  void Release(PGconn* conn);
  Lease LeaseOf(PGconn* conn);  // REQUIRES: mu_ held
  void Close(PGconn* conn);     // REQUIRES: mu_ held

  const std::string url_;
  const int max_size_;
  const std::chrono::milliseconds wait_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PGconn*> idle_;  // GUARDED_BY(mu_)
  std::unordered_map<PGconn*, std::unique_ptr<StatementCache>> statements_;  // GUARDED_BY(mu_)
  int open_ = 0;               // GUARDED_BY(mu_): idle + leased + being opened
  int in_use_ = 0;             // GUARDED_BY(mu_)
};

}  // namespace kehu::db::pg
