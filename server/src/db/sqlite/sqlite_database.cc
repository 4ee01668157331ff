#include "db/sqlite/sqlite_database.h"

#include <atomic>
#include <chrono>
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
  SqliteDatabase(std::string path, DatabaseOptions options, std::unique_ptr<SqliteConnection> writer,
                 std::unique_ptr<SqliteConnection> checkpointer)
      : path_(std::move(path)), options_(options), writer_conn_(std::move(writer)),
        checkpoint_conn_(std::move(checkpointer)) {
    // Replaces SQLite's automatic checkpoint, which ran inside the writer's commits.
    sqlite3_wal_hook(writer_conn_->handle(), &SqliteDatabase::AfterCommit, this);
    checkpoint_thread_ = std::thread([this] { CheckpointLoop(); });
    writer_thread_ = std::thread([this] { WriterLoop(); });
  }

  ~SqliteDatabase() override {
    {
      std::lock_guard lock(queue_mu_);
      stopping_ = true;
    }
    queue_cv_.notify_all();
    writer_thread_.join();
    {
      std::lock_guard lock(checkpoint_mu_);
      checkpoint_stopping_ = true;
    }
    checkpoint_cv_.notify_all();
    checkpoint_thread_.join();
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
    st.writer_busy_seconds = static_cast<double>(busy_ns_.load()) / 1e9;
    st.commit_seconds = static_cast<double>(commit_ns_.load()) / 1e9;
    st.checkpoints = checkpoints_.load();
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
  // with one fsync, the search index changes of all of them applied just before. A failing fn rolls
  // back only its savepoint; a failing COMMIT fails them all.
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
    const auto started = std::chrono::steady_clock::now();
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
      if (!st.ok() && sqlite3_get_autocommit(conn.handle())) {
        // The job's error ended the whole transaction (SQLite rolls back on a full disk, an I/O
        // error or no memory): the jobs before it are lost with it and fail with its error, not
        // with a COMMIT that finds no transaction; the jobs after it start a batch of their own.
        size_t lost = results.size() + 1;
        Account(started, std::chrono::steady_clock::now(), lost);  // no commit
        for (size_t i = 0; i < lost; ++i) batch[i]->done.set_value(st);
        std::vector<WriteJob*> rest(batch.begin() + static_cast<std::ptrdiff_t>(lost), batch.end());
        if (!rest.empty()) RunBatch(rest);
        return;
      }
      if (!st.ok()) (void)Control(conn, "ROLLBACK TO job");
      (void)Control(conn, "RELEASE job");
      results.push_back(std::move(st));
    }
    // The jobs' search index changes, together (SqliteDialect::kSearchPendingDdl says why). If
    // that fails, nothing of the batch is kept, as when COMMIT fails.
    const auto committing = std::chrono::steady_clock::now();
    Status commit = dialect_.ApplyPendingSearchWrites(conn);
    if (commit.ok()) commit = Control(conn, "COMMIT");
    if (!commit.ok()) (void)Control(conn, "ROLLBACK");
    Account(started, committing, batch.size());
    for (size_t i = 0; i < batch.size(); ++i)
      batch[i]->done.set_value(commit.ok() ? std::move(results[i]) : commit);
  }

  // Counts a batch of `jobs` writes in the writer's statistics; its commit began at `committing`.
  void Account(std::chrono::steady_clock::time_point started, std::chrono::steady_clock::time_point committing,
               size_t jobs) {
    const auto done = std::chrono::steady_clock::now();
    commit_ns_.fetch_add(Nanoseconds(done - committing), std::memory_order_relaxed);
    busy_ns_.fetch_add(Nanoseconds(done - started), std::memory_order_relaxed);
    batches_.fetch_add(1, std::memory_order_relaxed);
    writes_.fetch_add(static_cast<int64_t>(jobs), std::memory_order_relaxed);
  }

  // Checkpoints (copying the WAL's pages into the database file, and its fsync) run on a thread of
  // their own once the WAL holds wal_checkpoint_pages (SQLite's own threshold by default): inside
  // the writer's commits, where SQLite runs them, they were a tenth of the writer's time under a
  // stream of creates. The writer checkpoints itself only when the WAL reaches wal_max_pages:
  // under steady writes the log restarts only after a checkpoint that catches up with the writer,
  // and that one is small once the checkpoint thread has copied the rest.
  static int AfterCommit(void* self, sqlite3* db, const char*, int wal_pages) {
    auto* me = static_cast<SqliteDatabase*>(self);
    if (wal_pages >= me->options_.wal_max_pages) {
      // Busy (the checkpoint thread is at it) or not, the next commit asks again.
      (void)sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (wal_pages >= me->options_.wal_checkpoint_pages) {
      {
        std::lock_guard lock(me->checkpoint_mu_);
        me->checkpoint_wanted_ = true;
      }
      me->checkpoint_cv_.notify_one();
    }
    return SQLITE_OK;
  }

  void CheckpointLoop() {
    bool behind = false;  // the last checkpoint left frames in the log
    for (;;) {
      {
        std::unique_lock lock(checkpoint_mu_);
        auto asked = [&] { return checkpoint_stopping_ || checkpoint_wanted_; };
        // Frames that readers of older snapshots still needed stay in the log: come back for them
        // soon, asked or not. Once every frame is in the database file, new readers skip the log
        // altogether (no WAL index lookup per page), which is what reads want after a burst of writes.
        if (behind) checkpoint_cv_.wait_for(lock, std::chrono::milliseconds(50), asked);
        else checkpoint_cv_.wait(lock, asked);
        if (checkpoint_stopping_) return;
        checkpoint_wanted_ = false;
      }
      // PASSIVE: copies what no reader still needs, never waits for readers or the writer.
      int log_frames = 0, copied = 0;
      int rc = sqlite3_wal_checkpoint_v2(checkpoint_conn_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                         &log_frames, &copied);
      if (rc == SQLITE_OK) checkpoints_.fetch_add(1, std::memory_order_relaxed);
      behind = rc == SQLITE_OK && copied < log_frames;
    }
  }

  static int64_t Nanoseconds(std::chrono::steady_clock::duration d) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
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
  std::unique_ptr<SqliteConnection> checkpoint_conn_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_wanted_ = false, checkpoint_stopping_ = false;
  std::thread checkpoint_thread_;
  std::thread writer_thread_;
  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<WriteJob*> queue_;
  bool stopping_ = false;

  mutable std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  int readers_open_ = 0;

  std::atomic<int64_t> reads_{0}, writes_{0}, batches_{0}, busy_ns_{0}, commit_ns_{0}, checkpoints_{0};
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const DatabaseOptions& options) {
  KEHU_ASSIGN(auto writer, SqliteConnection::Open(path, true, options.busy_timeout_ms));
  KEHU_TRY(writer->ExecuteScript(SqliteDialect::kSearchPendingDdl));
  KEHU_ASSIGN(auto checkpointer, SqliteConnection::Open(path, false, options.busy_timeout_ms));
  return std::unique_ptr<Database>(new SqliteDatabase(path, options, std::move(writer), std::move(checkpointer)));
}

}  // namespace kehu::db
