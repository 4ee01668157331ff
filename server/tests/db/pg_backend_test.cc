// PostgreSQL-only behaviour of the backend: pool limits, lost connections, session settings,
// timeouts and error normalization that SQLite has no counterpart for.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "database_fixture.h"
#include "db/postgres/pg_database.h"
#include "db/postgres/pg_dump.h"
#include "db/postgres/pg_sql.h"

namespace kehu::db::testing {
namespace {

class PgBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string skip;
    url_ = FreshDatabaseUrl("postgresql", skip);
    if (!skip.empty()) GTEST_SKIP() << skip;
    ASSERT_FALSE(url_.empty());
    Open(DatabaseOptions{});
  }

  void Open(const DatabaseOptions& options) {
    db_.reset();
    auto db = OpenPostgres(url_, options);
    ASSERT_TRUE(db.ok()) << Show(db.error());
    db_ = std::move(db).value();
  }

  Result<Rows> ReadRows(const std::string& sql, std::vector<Value> params = {}) {
    Rows rows;
    Status s = db_->Read([&](Session& s) -> Status {
      KEHU_ASSIGN(rows, s.Query(sql, params));
      return Ok();
    });
    if (!s.ok()) return std::move(s).error();
    return rows;
  }

  Value One(const std::string& sql, std::vector<Value> params = {}) {
    auto rows = ReadRows(sql, params);
    EXPECT_TRUE(rows.ok()) << Show(rows.error()) << "\n" << sql;
    return rows.ok() && !rows->empty() ? rows->rows[0][0] : Value{};
  }

  std::string url_;
  std::unique_ptr<Database> db_;
};

TEST_F(PgBackendTest, SessionsUseUtf8UtcAStatementTimeoutAndNoJit) {
  EXPECT_EQ(One("SHOW client_encoding"), Value(std::string("UTF8")));
  EXPECT_EQ(One("SHOW jit"), Value(std::string("off")));
  EXPECT_EQ(One("SHOW TimeZone"), Value(std::string("UTC")));
  EXPECT_EQ(One("SHOW statement_timeout"), Value(std::string("30s")));
  EXPECT_EQ(One("SHOW transaction_isolation"), Value(std::string("repeatable read")));
  EXPECT_EQ(One("SHOW transaction_read_only"), Value(std::string("on")));
}

TEST_F(PgBackendTest, ColumnTypesMapToValues) {
  auto rows = ReadRows(
      "SELECT 1::int2 AS a, 2::int4 AS b, 3::oid AS c, 1.5::float4 AS d, 2.25::numeric AS e, "
      "true AS f, false AS g, 'x'::varchar AS h, '2024-01-02'::date AS i, NULL::int8 AS j, "
      "'Infinity'::float8 AS k");
  ASSERT_TRUE(rows.ok()) << Show(rows.error());
  const auto& r = rows->rows.at(0);
  EXPECT_EQ(r[0], Value(int64_t{1}));
  EXPECT_EQ(r[1], Value(int64_t{2}));
  EXPECT_EQ(r[2], Value(int64_t{3}));
  EXPECT_EQ(r[3], Value(1.5));
  EXPECT_EQ(r[4], Value(2.25));
  EXPECT_EQ(r[5], Value(int64_t{1}));
  EXPECT_EQ(r[6], Value(int64_t{0}));
  EXPECT_EQ(r[7], Value(std::string("x")));
  EXPECT_EQ(r[8], Value(std::string("2024-01-02")));
  EXPECT_TRUE(IsNull(r[9]));
  EXPECT_EQ(r[10], Value(std::numeric_limits<double>::infinity()));
}

TEST_F(PgBackendTest, ArrayLiteralKeepsEveryElementIntact) {
  std::vector<std::string> terms = {"plain",       "a,b",  "{x}",  "say \"hi\"",
                                    "back\\slash", "",     "NULL", " spaced ",
                                    "客户😀",       "\\\"", "'"};
  auto rows = ReadRows("SELECT t FROM unnest(?::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i",
                       {pg::TextArrayLiteral(terms)});
  ASSERT_TRUE(rows.ok()) << Show(rows.error());
  ASSERT_EQ(rows->size(), terms.size());
  for (size_t i = 0; i < terms.size(); ++i) EXPECT_EQ(rows->rows[i][0], Value(terms[i]));
}

TEST_F(PgBackendTest, DoublesRoundTripExactly) {
  for (double v : {0.1, 1.0 / 3, -2.5e-308, 1.7976931348623157e308, 123456789.123456789}) {
    EXPECT_EQ(One("SELECT ?::float8 AS v", {v}), Value(v));
  }
}

TEST_F(PgBackendTest, ExhaustedPoolTimesOutWithDbUnavailable) {
  Open(DatabaseOptions{.read_connections = 2, .busy_timeout_ms = 200});
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> holding{0};
  std::vector<std::thread> holders;
  for (int i = 0; i < 2; ++i) {
    holders.emplace_back([&] {
      (void)db_->Read([&](Session&) {
        ++holding;
        released.wait();
        return Ok();
      });
    });
  }
  while (holding < 2) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(db_->Stats().pool_in_use, 2);
  auto started = std::chrono::steady_clock::now();
  Status s = db_->Read([](Session&) { return Ok(); });
  auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "db_unavailable");
  EXPECT_EQ(s.error().kind, ErrorKind::kUnavailable);
  EXPECT_GE(waited, std::chrono::milliseconds(150));
  release.set_value();
  for (auto& t : holders) t.join();
  EXPECT_TRUE(db_->Read([](Session&) { return Ok(); }).ok());
  EXPECT_EQ(db_->Stats().pool_size, 2);
  EXPECT_EQ(db_->Stats().pool_in_use, 0);
}

TEST_F(PgBackendTest, LostConnectionIsReplaced) {
  Open(DatabaseOptions{.read_connections = 2});
  int64_t pid = AsInt(One("SELECT pg_backend_pid()"));
  ASSERT_GT(pid, 0);
  // Kill the pooled connection's backend from outside, as a server restart would.
  PGconn* admin = PQconnectdb(url_.c_str());
  ASSERT_EQ(PQstatus(admin), CONNECTION_OK);
  std::string kill = "SELECT pg_terminate_backend(" + std::to_string(pid) + ")";
  PQclear(PQexec(admin, kill.c_str()));
  PQfinish(admin);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  int64_t next = AsInt(One("SELECT pg_backend_pid()"));
  EXPECT_GT(next, 0);
  EXPECT_NE(next, pid);
}

// A read's BEGIN goes out with its first statement (one round trip for both). Whatever that
// statement does, the read ends cleanly and its connection is reused.
TEST_F(PgBackendTest, ReadsBeginWithTheirFirstStatementAndEndCleanly) {
  Open(DatabaseOptions{.read_connections = 2});
  int64_t pid = AsInt(One("SELECT pg_backend_pid()"));
  Status s = db_->Read([](Session& s) -> Status {
    KEHU_TRY(s.Query("SELECT no_such_column FROM pg_class"));
    return Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().detail.find("no_such_column"), std::string::npos) << Show(s.error());
  EXPECT_TRUE(db_->Read([](Session&) { return Ok(); }).ok());
  Rows rows;
  s = db_->Read([&](Session& s) -> Status {
    KEHU_TRY(s.ExecuteScript("SELECT 1; SELECT 2"));
    KEHU_ASSIGN(rows, s.Query("SELECT current_setting('transaction_read_only'), "
                              "current_setting('transaction_isolation'), pg_backend_pid()"));
    return Ok();
  });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  EXPECT_EQ(rows.rows[0][0], Value(std::string("on")));
  EXPECT_EQ(rows.rows[0][1], Value(std::string("repeatable read")));
  EXPECT_EQ(rows.rows[0][2], Value(pid));
  EXPECT_EQ(One("SELECT pg_backend_pid()"), Value(pid));
  EXPECT_EQ(db_->Stats().pool_size, 1);

  // Back to back, on the one connection.
  for (int i = 0; i < 200; ++i) ASSERT_EQ(One("SELECT pg_backend_pid()"), Value(pid)) << "read " << i;

  // The transaction has ended (no snapshot held while the connection idles in the pool), and a
  // write on the same connection begins its own.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  PGconn* other = PQconnectdb(url_.c_str());
  ASSERT_EQ(PQstatus(other), CONNECTION_OK);
  std::string state = "SELECT state FROM pg_stat_activity WHERE pid = " + std::to_string(pid);
  PGresult* res = PQexec(other, state.c_str());
  ASSERT_EQ(PQntuples(res), 1);
  EXPECT_STREQ(PQgetvalue(res, 0, 0), "idle");
  PQclear(res);
  PQfinish(other);
  s = db_->Write([&](Session& s) -> Status {
    KEHU_ASSIGN(rows, s.Query("SELECT pg_backend_pid()"));
    return s.ExecuteScript("CREATE TABLE after_read (v INT)");
  });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  EXPECT_EQ(rows.rows[0][0], Value(pid));
  EXPECT_EQ(One("SELECT COUNT(*) FROM after_read"), Value(int64_t{0}));
}

TEST_F(PgBackendTest, SlowStatementFailsWithQueryTimeout) {
  Status s = db_->Read([](Session& s) -> Status {
    KEHU_TRY(s.Execute("SET LOCAL statement_timeout = '100ms'"));
    KEHU_TRY(s.Query("SELECT pg_sleep(5)"));
    return Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "query_timeout") << Show(s.error());
  EXPECT_EQ(s.error().kind, ErrorKind::kUnavailable);
}

TEST_F(PgBackendTest, WriteThatSwallowedAFailedStatementDoesNotCommit) {
  Status s = db_->Write([](Session& s) -> Status {
    return s.ExecuteScript("CREATE TABLE sw (k TEXT UNIQUE); INSERT INTO sw VALUES ('a')");
  });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  s = db_->Write([](Session& s) -> Status {
    (void)s.Execute("INSERT INTO sw VALUES ('b')");
    (void)s.Execute("INSERT INTO sw VALUES ('a')");  // fails; fn ignores it
    return Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "unique_violation") << Show(s.error());
  EXPECT_EQ(s.error().args.at("constraint"), "sw_k_key");
  EXPECT_EQ(One("SELECT COUNT(*) FROM sw"), Value(int64_t{1}));
}

TEST_F(PgBackendTest, ReadRejectsWrites) {
  Status s = db_->Write([](Session& s) { return s.ExecuteScript("CREATE TABLE ro (v TEXT)"); });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  s = db_->Read([](Session& s) -> Status {
    KEHU_TRY(s.Execute("INSERT INTO ro VALUES ('x')"));
    return Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "db_error");
  EXPECT_EQ(s.error().kind, ErrorKind::kInternal);
  EXPECT_NE(s.error().detail.find("read-only"), std::string::npos) << s.error().detail;
}

TEST_F(PgBackendTest, ReadSeesOneSnapshot) {
  ASSERT_TRUE(
      db_->Write([](Session& s) { return s.ExecuteScript("CREATE TABLE snap (v INT)"); }).ok());
  int64_t before = -1, after = -1;
  Status s = db_->Read([&](Session& s) -> Status {
    KEHU_ASSIGN(Rows r1, s.Query("SELECT COUNT(*) FROM snap"));
    before = AsInt(r1.rows[0][0]);
    // Another thread commits while this read is open.
    std::thread writer([&] {
      Status w = db_->Write([](Session& s) -> Status {
        KEHU_TRY(s.Execute("INSERT INTO snap VALUES (1)"));
        return Ok();
      });
      EXPECT_TRUE(w.ok());
    });
    writer.join();
    KEHU_ASSIGN(Rows r2, s.Query("SELECT COUNT(*) FROM snap"));
    after = AsInt(r2.rows[0][0]);
    return Ok();
  });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  EXPECT_EQ(before, 0);
  EXPECT_EQ(after, 0);
  EXPECT_EQ(One("SELECT COUNT(*) FROM snap"), Value(int64_t{1}));
}

TEST_F(PgBackendTest, BackupIsACustomFormatDump) {
  auto out = std::filesystem::temp_directory_path() / "kehu_pg_backup_test.dump";
  Status s = db_->Backup(out.string());
  ASSERT_TRUE(s.ok()) << Show(s.error());
  std::ifstream in(out, std::ios::binary);
  std::string magic(5, '\0');
  in.read(magic.data(), 5);
  EXPECT_EQ(magic, "PGDMP");
  std::filesystem::remove(out);
}

TEST_F(PgBackendTest, BackupOfAnUnreachableServerFails) {
  std::filesystem::remove("/tmp/kehu_never.dump");
  Status s = pg::RunPgDump("postgresql://postgres@127.0.0.1:1/none", "/tmp/kehu_never.dump");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().detail.find("pg_dump"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists("/tmp/kehu_never.dump"));
  EXPECT_FALSE(std::filesystem::exists("/tmp/kehu_never.dump.partial"));
}

TEST_F(PgBackendTest, OpeningAnUnreachableServerIsDbUnavailable) {
  auto db = OpenPostgres("postgresql://postgres@127.0.0.1:1/none", DatabaseOptions{});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, "db_unavailable");
  EXPECT_EQ(db.error().kind, ErrorKind::kUnavailable);
}

TEST_F(PgBackendTest, DeadlockIsReportedAsSerializationFailure) {
  ASSERT_TRUE(db_->Write([](Session& s) {
                   return s.ExecuteScript(
                       "CREATE TABLE dl (k INT PRIMARY KEY, v INT);"
                       "INSERT INTO dl VALUES (1, 0), (2, 0)");
                 })
                  .ok());
  std::promise<void> a_locked, b_locked;
  auto lock_in_order = [&](int first, int second, std::promise<void>& mine,
                           std::promise<void>& theirs) {
    return db_->Write([&, first, second](Session& s) -> Status {
      KEHU_TRY(s.Execute("UPDATE dl SET v = v + 1 WHERE k = ?", {int64_t{first}}));
      mine.set_value();
      theirs.get_future().wait();
      KEHU_TRY(s.Execute("UPDATE dl SET v = v + 1 WHERE k = ?", {int64_t{second}}));
      return Ok();
    });
  };
  auto a = std::async(std::launch::async, [&] { return lock_in_order(1, 2, a_locked, b_locked); });
  auto b = std::async(std::launch::async, [&] { return lock_in_order(2, 1, b_locked, a_locked); });
  Status sa = a.get(), sb = b.get();
  ASSERT_NE(sa.ok(), sb.ok()) << "exactly one of the two must lose the deadlock";
  const Error& lost = sa.ok() ? sb.error() : sa.error();
  EXPECT_EQ(lost.code, "serialization_failure") << Show(lost);
  EXPECT_EQ(lost.kind, ErrorKind::kConflict);
}

}  // namespace
}  // namespace kehu::db::testing
