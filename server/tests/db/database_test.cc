// Conformance tests: every Database backend must pass the same suite (see db/database.h).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <limits>
#include <thread>
#include <vector>

#include <sqlite3.h>

#include "database_fixture.h"

namespace kehu::db::testing {
namespace {

TEST_P(DatabaseTest, InsertReturningIdGivesIncreasingIds) {
  CreateNamedTable();
  std::vector<int64_t> ids;
  Status s = db_->Write([&](Session& s) -> Status {
    for (const char* name : {"alpha", "beta"}) {
      KEHU_ASSIGN(Rows rows, s.Query("INSERT INTO " + t_ + " (name, n) VALUES (?, ?) RETURNING id",
                                     {name, 1}));
      if (rows.size() != 1) return Internal("expected one row");
      ids.push_back(std::get<int64_t>(rows.rows[0][0]));
    }
    return Ok();
  });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_GT(ids[0], 0);
  EXPECT_GT(ids[1], ids[0]);
  Rows rows = ReadRows("SELECT name FROM " + t_ + " WHERE id = ?", {ids[1]});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(rows.rows[0][0]), "beta");
}

TEST_P(DatabaseTest, ValuesRoundTripWithTheirTypes) {
  Script("CREATE TABLE " + t_ + " (" + d().IdColumnDdl() + ", i " +
         d().TypeName(ColumnType::kInteger) + ", r " + d().TypeName(ColumnType::kReal) + ", s " +
         d().TypeName(ColumnType::kText) + ")");
  const std::string tricky = "客户 😀 𠀀 it's \"quoted\" back\\slash ,{}[] ? $1 -- /*";
  const std::vector<std::vector<Value>> input = {
      {std::numeric_limits<int64_t>::max(), 0.1, tricky},
      {std::numeric_limits<int64_t>::min(), -1e300, std::string()},
      {int64_t{-42}, 3.141592653589793, std::string("NULL")},
      {Value{}, Value{}, Value{}},
  };
  Status s = db_->Write([&](Session& s) -> Status {
    for (const auto& row : input) {
      KEHU_TRY(s.Execute("INSERT INTO " + t_ + " (i, r, s) VALUES (?, ?, ?)", row));
    }
    return Ok();
  });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  Rows rows = ReadRows("SELECT i, r, s FROM " + t_ + " ORDER BY id");
  ASSERT_EQ(rows.size(), input.size());
  EXPECT_EQ(rows.columns, (std::vector<std::string>{"i", "r", "s"}));
  for (size_t r = 0; r < input.size(); ++r) {
    for (size_t c = 0; c < 3; ++c) {
      EXPECT_EQ(rows.rows[r][c], input[r][c]) << "row " << r << " column " << c;
    }
  }
}

TEST_P(DatabaseTest, PlaceholdersInsideLiteralsAndCommentsAreNotParameters) {
  Rows rows = ReadRows("SELECT '?' AS q, ? AS v /* ? */ -- ?\n", {int64_t{7}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.rows[0][0], Value(std::string("?")));
  EXPECT_EQ(rows.rows[0][1], Value(int64_t{7}));
}

TEST_P(DatabaseTest, ExecuteReturnsChangedRowCounts) {
  CreateNamedTable();
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(Insert("n" + std::to_string(i), int64_t{i}).ok());
  std::vector<int64_t> counts;  // n: 1,2,3 -> 1,12,13 -> (none is 2) -> 1
  Status s = db_->Write([&](Session& s) -> Status {
    for (const char* sql : {"UPDATE %t SET n = n + 10 WHERE n >= ?",
                            "UPDATE %t SET n = 0 WHERE n = ?", "DELETE FROM %t WHERE n > ?"}) {
      std::string q = sql;
      q.replace(q.find("%t"), 2, t_);
      KEHU_ASSIGN(int64_t changed, s.Execute(q, {int64_t{2}}));
      counts.push_back(changed);
    }
    return Ok();
  });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  EXPECT_EQ(counts, (std::vector<int64_t>{2, 0, 2}));
  EXPECT_EQ(Count(), 1);
}

TEST_P(DatabaseTest, FailedWriteKeepsNothing) {
  CreateNamedTable();
  Status s = db_->Write([&](Session& s) -> Status {
    KEHU_TRY(s.Execute("INSERT INTO " + t_ + " (name) VALUES (?)", {"kept?"}));
    KEHU_TRY(s.Execute("UPDATE " + t_ + " SET n = 5"));
    return Conflict("changed_my_mind");
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "changed_my_mind");
  EXPECT_EQ(Count(), 0);
  ASSERT_TRUE(Insert("after").ok());  // the database is still usable
  EXPECT_EQ(Count(), 1);
}

TEST_P(DatabaseTest, UniqueViolationIsNormalized) {
  CreateNamedTable();
  ASSERT_TRUE(Insert("dup").ok());
  Status s = Insert("dup");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "unique_violation") << Show(s.error());
  EXPECT_EQ(s.error().kind, ErrorKind::kConflict);
  EXPECT_FALSE(s.error().args.at("constraint").empty());
  EXPECT_EQ(Count(), 1);
}

TEST_P(DatabaseTest, NotNullViolationIsNormalizedWithTheColumn) {
  CreateNamedTable();
  Status s = Insert("x");
  ASSERT_TRUE(s.ok());
  s = db_->Write([&](Session& s) -> Status {
    KEHU_TRY(s.Execute("INSERT INTO " + t_ + " (name, n) VALUES (?, ?)", {Value{}, 1}));
    return Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "not_null_violation") << Show(s.error());
  EXPECT_EQ(s.error().kind, ErrorKind::kValidation);
  EXPECT_EQ(s.error().args.at("column"), "name");
  EXPECT_EQ(Count(), 1);
}

TEST_P(DatabaseTest, ForeignKeyViolationIsNormalized) {
  CreateNamedTable();
  Script("CREATE TABLE " + t_ + "_child (" + d().IdColumnDdl() + ", parent_id " +
         d().TypeName(ColumnType::kInteger) + " REFERENCES " + t_ + "(id))");
  Status s = db_->Write([&](Session& s) -> Status {
    KEHU_TRY(s.Execute("INSERT INTO " + t_ + "_child (parent_id) VALUES (?)", {int64_t{999}}));
    return Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "foreign_key_violation") << Show(s.error());
  EXPECT_EQ(s.error().kind, ErrorKind::kConflict);
}

TEST_P(DatabaseTest, ConcurrentWritesEachLandExactlyOnce) {
  CreateNamedTable();
  ASSERT_TRUE(Insert("counter", int64_t{0}).ok());
  constexpr int kThreads = 16, kPerThread = 20;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Status s = db_->Write([&](Session& s) -> Status {
          KEHU_TRY(s.Execute("INSERT INTO " + t_ + " (name, n) VALUES (?, ?)",
                             {"w" + std::to_string(t) + "_" + std::to_string(i), int64_t{1}}));
          KEHU_TRY(s.Execute("UPDATE " + t_ + " SET n = n + 1 WHERE name = 'counter'"));
          return Ok();
        });
        if (!s.ok()) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(kThreads, 0));
  constexpr int64_t kTotal = kThreads * kPerThread;
  Rows rows = ReadRows("SELECT COUNT(*), COUNT(DISTINCT name), SUM(n) FROM " + t_ +
                       " WHERE name <> 'counter'");
  EXPECT_EQ(AsInt(rows.rows.at(0)[0]), kTotal);
  EXPECT_EQ(AsInt(rows.rows.at(0)[1]), kTotal);
  EXPECT_EQ(AsInt(rows.rows.at(0)[2]), kTotal);
  rows = ReadRows("SELECT n FROM " + t_ + " WHERE name = 'counter'");
  EXPECT_EQ(AsInt(rows.rows.at(0)[0]), kTotal);
  EXPECT_GE(db_->Stats().writes, kTotal);
}

TEST_P(DatabaseTest, ReadSeesCommittedData) {
  CreateNamedTable();
  EXPECT_EQ(Count(), 0);
  ASSERT_TRUE(Insert("visible", int64_t{5}).ok());
  Rows rows = ReadRows("SELECT name, n FROM " + t_ + " WHERE n = ?", {int64_t{5}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.rows[0][0], Value(std::string("visible")));
  EXPECT_GE(db_->Stats().reads, 2);
}

TEST_P(DatabaseTest, ExecuteScriptRunsSeveralStatements) {
  Script("CREATE TABLE " + t_ + " (v " + d().TypeName(ColumnType::kText) +
         ");\n"
         "INSERT INTO " +
         t_ + " (v) VALUES ('a;b');\nINSERT INTO " + t_ + " (v) VALUES ('c');");
  Rows rows = ReadRows("SELECT v FROM " + t_ + " ORDER BY v");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows.rows[0][0], Value(std::string("a;b")));
}

TEST_P(DatabaseTest, TableColumnsListsColumnsInOrder) {
  CreateNamedTable();
  std::vector<std::string> columns, missing;
  Status s = db_->Read([&](Session& s) -> Status {
    KEHU_ASSIGN(columns, d().TableColumns(s, t_));
    KEHU_ASSIGN(missing, d().TableColumns(s, t_ + "_nope"));
    return Ok();
  });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  EXPECT_EQ(columns, (std::vector<std::string>{"id", "name", "n"}));
  EXPECT_TRUE(missing.empty());
}

TEST_P(DatabaseTest, BackupWritesACopy) {
  CreateNamedTable();
  ASSERT_TRUE(Insert("saved").ok());
  auto out = std::filesystem::temp_directory_path() / (t_ + "_" + GetParam() + ".backup");
  std::filesystem::remove(out);
  Status s = db_->Backup(out.string());
  ASSERT_TRUE(s.ok()) << Show(s.error());
  EXPECT_GT(std::filesystem::file_size(out), 0u);
  std::filesystem::remove(out);
}

// SQLite's WAL is checkpointed by a thread of its own past wal_checkpoint_pages, and by the writer
// itself past wal_max_pages; SQLite's automatic checkpoint is off, so without them the log would
// grow with every commit (10 pages each here, 4 MB after 100).
TEST_P(DatabaseTest, SqliteWalIsCheckpointedOffTheWriterAndStaysBounded) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite's write-ahead log";
  const std::string wal = url_.substr(7) + "-wal";
  auto reopen = [&](int checkpoint_pages, int max_pages) {
    db_.reset();
    DatabaseOptions options;
    options.wal_checkpoint_pages = checkpoint_pages;
    options.wal_max_pages = max_pages;
    auto db = OpenDatabase(url_, options);
    ASSERT_TRUE(db.ok()) << Show(db.error());
    db_ = std::move(db).value();
  };
  auto write_pages = [&](int commits) {
    for (int i = 0; i < commits; ++i)
      ASSERT_TRUE(db_->Write([&](Session& s) -> Status {
                      KEHU_TRY(s.Execute("INSERT INTO " + t_ + " (b) VALUES (randomblob(40000))"));
                      return Ok();
                    }).ok());
  };

  // The checkpoint thread alone.
  reopen(20, 1'000'000);
  Script("CREATE TABLE " + t_ + " (id INTEGER PRIMARY KEY, b BLOB)");
  write_pages(5);
  for (int waited = 0; db_->Stats().checkpoints == 0 && waited < 10'000; waited += 10)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(db_->Stats().checkpoints, 1);

  // The writer alone: the log restarts after each of its checkpoints.
  reopen(1'000'000, 50);  // closing the last connection checkpointed and removed the log
  write_pages(100);
  EXPECT_LT(std::filesystem::file_size(wal), 1u << 20);
  EXPECT_EQ(AsInt(ReadRows("SELECT COUNT(*) FROM " + t_).rows.at(0).at(0)), 105);
}

TEST_P(DatabaseTest, OneWriteMayChangeMoreStoredPagesThanItsJournalHoldsInMemory) {
  // Every row of 8,000 of about 1 KB is changed in one write: SQLite's savepoint journal keeps
  // the original of each of some 2,000 stored pages (8 MB) and spills to a temporary file. With
  // a spill threshold above 128 KiB, SQLite 3.40 failed that spill with "database or disk is full".
  CreateNamedTable();
  const std::string padding(1000, 'x');
  ASSERT_TRUE(db_->Write([&](Session& s) -> Status {
                  KEHU_TRY(s.Execute("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k "
                                     "WHERE i < 8000) INSERT INTO " + t_ + " (name, n) "
                                     "SELECT ? || CAST(i AS " + d().TypeName(ColumnType::kText) + "), 0 FROM k",
                                     {padding}));
                  return Ok();
                }).ok());
  Status s = db_->Write([&](Session& s) -> Status {
    KEHU_TRY(s.Execute("UPDATE " + t_ + " SET n = n + 1"));
    return Ok();
  });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  EXPECT_EQ(AsInt(ReadRows("SELECT COUNT(*) FROM " + t_ + " WHERE n = 1").rows.at(0).at(0)), 8000);
}

TEST_P(DatabaseTest, SqliteJobThatEndsTheTransactionFailsAloneWithTheJobsBeforeIt) {
  // SQLite rolls back the whole transaction on some errors (a full disk, an I/O error). The job
  // that caused it, and the jobs before it in the group commit, fail with its error; the jobs
  // after it must not run outside a transaction (committed, yet told they failed).
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite's group commit";
  CreateNamedTable();
  std::promise<void> holding, release;
  std::shared_future<void> released = release.get_future().share();
  std::thread blocker([&] {  // holds the writer while the three jobs queue up behind it
    EXPECT_TRUE(db_->Write([&](Session&) -> Status {
                    holding.set_value();
                    released.wait();
                    return Ok();
                  }).ok());
  });
  holding.get_future().wait();
  auto enqueue = [&](std::function<Status(Session&)> fn) {
    return std::async(std::launch::async, [this, fn] { return db_->Write(fn); });
  };
  auto before = enqueue([&](Session& s) -> Status {
    KEHU_TRY(s.Execute("INSERT INTO " + t_ + " (name, n) VALUES ('before', 1)"));
    return Ok();
  });
  while (db_->Stats().queued_writes < 1) std::this_thread::yield();
  auto breaker = enqueue([&](Session& s) -> Status {
    KEHU_TRY(s.ExecuteScript("ROLLBACK"));
    return Conflict("ended_the_transaction");
  });
  while (db_->Stats().queued_writes < 2) std::this_thread::yield();
  auto after = enqueue([&](Session& s) -> Status {
    KEHU_TRY(s.Execute("INSERT INTO " + t_ + " (name, n) VALUES ('after', 1)"));
    return Ok();
  });
  while (db_->Stats().queued_writes < 3) std::this_thread::yield();
  release.set_value();
  blocker.join();

  Status b = breaker.get();
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code, "ended_the_transaction");
  Status first = before.get();
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code, "ended_the_transaction");
  Status last = after.get();
  EXPECT_TRUE(last.ok()) << Show(last.error());
  Rows rows = ReadRows("SELECT name FROM " + t_ + " ORDER BY name");
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(AsText(rows.rows[0][0]), "after");
}

TEST_P(DatabaseTest, SqliteKeepsNoAllocationStatistics) {
  // With them, every sqlite3_malloc and sqlite3_free of every connection takes one process-wide
  // mutex (SqliteConnection::Open turns them off before SQLite's first use).
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite's process-wide settings";
  CreateNamedTable();
  ASSERT_TRUE(Insert("counted?").ok());
  EXPECT_EQ(Count(), 1);
  EXPECT_EQ(sqlite3_memory_used(), 0);
}

KEHU_INSTANTIATE_BACKENDS(DatabaseTest);

}  // namespace
}  // namespace kehu::db::testing
