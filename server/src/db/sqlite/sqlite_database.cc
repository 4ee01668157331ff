#include "db/sqlite/sqlite_database.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "db/sqlite/sqlite_connection.h"
#include "db/sqlite/sqlite_dialect.h"

namespace kehu::db {
namespace {

// A write waiting for the writer thread.
struct WriteJob {
  const SessionFn* fn;
  std::promise<Status> done;
};

class SqliteDatabase : public Database {
 public:
  SqliteDatabase(std::string path, DatabaseOptions options, std::unique_ptr<SqliteConnection> writer)
      : path_(std::move(path)), options_(options), writer_conn_(std::move(writer)) {
    writer_thread_ = std::thread([this] { WriterLoop(); });
  }

  ~SqliteDatabase() override {
    {
      std::lock_guard lock(queue_mu_);
      stopping_ = true;
    }
    queue_cv_.notify_all();
    writer_thread_.join();
  }

  std::string_view kind() const override { return "sqlite"; }
  const Dialect& dialect() const override { return dialect_; }

  Status Read(const SessionFn& fn) override {
    KEHU_ASSIGN(auto conn, AcquireReader());
    Status result = RunRead(*conn, fn);
    ReleaseReader(std::move(conn));
    reads_.fetch_add(1, std::memory_order_relaxed);
    return result;
  }

  Status Write(const SessionFn& fn) override {
    WriteJob job{&fn, {}};
    auto future = job.done.get_future();
    {
      std::lock_guard lock(queue_mu_);
      if (stopping_) return Error(ErrorKind::kUnavailable, "db_unavailable").Detail("closing");
      queue_.push_back(&job);
    }
    queue_cv_.notify_one();
    return future.get();
  }

  Status Backup(const std::string& out) override {
    // VACUUM INTO writes a consistent, compacted snapshot while readers and the writer go on.
    // It cannot run inside a transaction, so it gets a connection of its own.
    KEHU_ASSIGN(auto conn, SqliteConnection::Open(path_, false, options_.busy_timeout_ms));
    KEHU_TRY(conn->Execute("VACUUM INTO ?", {Value(out)}));
    return Ok();
  }

  DatabaseStats Stats() const override {
    DatabaseStats st;
    st.reads = reads_.load();
    st.writes = writes_.load();
    st.write_batches = batches_.load();
    {
      std::lock_guard lock(queue_mu_);
      st.queued_writes = static_cast<int64_t>(queue_.size());
    }
    std::lock_guard lock(readers_mu_);
    st.pool_size = readers_open_ + 1;
    st.pool_in_use = readers_open_ - static_cast<int>(idle_readers_.size());
    return st;
  }

 private:
  // Transaction control through the connection's prepared-statement cache.
  static Status Control(SqliteConnection& conn, const char* sql) {
    auto done = conn.Execute(sql, {});
    if (!done.ok()) return std::move(done).error();
    return Ok();
  }

  static Status RunRead(SqliteConnection& conn, const SessionFn& fn) {
    // A deferred transaction pins one snapshot for every statement fn runs. Transaction control
    // goes through the connection's prepared-statement cache: parsing BEGIN and COMMIT afresh was
    // a tenth of a get-by-id request's CPU.
    KEHU_TRY(Control(conn, "BEGIN"));
    Status st = fn(conn);
    (void)Control(conn, "COMMIT");
    return st;
  }

  Result<std::unique_ptr<SqliteConnection>> AcquireReader() {
    std::unique_lock lock(readers_mu_);
    for (;;) {
      if (!idle_readers_.empty()) {
        auto conn = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return conn;
      }
      if (readers_open_ < std::max(1, options_.read_connections)) {
        ++readers_open_;
        lock.unlock();
        auto conn = SqliteConnection::Open(path_, false, options_.busy_timeout_ms);
        if (!conn.ok()) {
          std::lock_guard relock(readers_mu_);
          --readers_open_;
        }
        return conn;
      }
      readers_cv_.wait(lock);
    }
  }

  void ReleaseReader(std::unique_ptr<SqliteConnection> conn) {
    {
      std::lock_guard lock(readers_mu_);
      idle_readers_.push_back(std::move(conn));
    }
    readers_cv_.notify_one();
  }

  // Takes every queued write (up to max_batch), runs each inside its own SAVEPOINT and commits them
  // with one fsync. A failing fn rolls back only its savepoint; a failing COMMIT fails them all.
  void WriterLoop() {
    std::vector<WriteJob*> batch;
    for (;;) {
      {
        std::unique_lock lock(queue_mu_);
        queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty() && stopping_) return;
        while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      RunBatch(batch);
      batch.clear();
    }
  }

  void RunBatch(std::vector<WriteJob*>& batch) {
    SqliteConnection& conn = *writer_conn_;
    Status begin = Control(conn, "BEGIN IMMEDIATE");
    if (!begin.ok()) {
      for (auto* job : batch) job->done.set_value(begin);
      return;
    }
    std::vector<Status> results;
    results.reserve(batch.size());
    for (auto* job : batch) {
      (void)Control(conn, "SAVEPOINT job");
      Status st = RunJob(conn, *job->fn);
      if (!st.ok()) (void)Control(conn, "ROLLBACK TO job");
      (void)Control(conn, "RELEASE job");
      results.push_back(std::move(st));
    }
    Status commit = Control(conn, "COMMIT");
    if (!commit.ok()) (void)Control(conn, "ROLLBACK");
    batches_.fetch_add(1, std::memory_order_relaxed);
    writes_.fetch_add(static_cast<int64_t>(batch.size()), std::memory_order_relaxed);
    for (size_t i = 0; i < batch.size(); ++i)
      batch[i]->done.set_value(commit.ok() ? std::move(results[i]) : commit);
  }

  static Status RunJob(SqliteConnection& conn, const SessionFn& fn) {
    try {
      return fn(conn);
    } catch (const std::exception& e) {
      return Internal(std::string("exception in write: ") + e.what());
    }
  }

  std::string path_;
  DatabaseOptions options_;
  SqliteDialect dialect_;

  std::unique_ptr<SqliteConnection> writer_conn_;
  std::thread writer_thread_;
  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<WriteJob*> queue_;
  bool stopping_ = false;

  mutable std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  int readers_open_ = 0;

  std::atomic<int64_t> reads_{0}, writes_{0}, batches_{0};
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const DatabaseOptions& options) {
  KEHU_ASSIGN(auto writer, SqliteConnection::Open(path, true, options.busy_timeout_ms));
  return std::unique_ptr<Database>(new SqliteDatabase(path, options, std::move(writer)));
}

}  // namespace kehu::db
