// The fixture every backend conformance test uses: a fresh database of the backend named by the
// test parameter ("sqlite" or "postgresql"), opened with OpenDatabase, and a table name unique to
// the test (t_).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "db/database.h"
#include "db_test_env.h"

namespace kehu::db::testing {

inline std::string Show(const Error& e) {
  return "code=" + e.code + " kind=" + std::to_string(static_cast<int>(e.kind)) +
         " detail=" + e.detail;
}

class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    url_ = FreshDatabaseUrl(GetParam(), skip);
    if (!skip.empty()) GTEST_SKIP() << skip;
    ASSERT_FALSE(url_.empty());
    auto db = OpenDatabase(url_, DatabaseOptions{});
    ASSERT_TRUE(db.ok()) << Show(db.error());
    db_ = std::move(db).value();
    ASSERT_EQ(db_->kind(), GetParam());
    t_ = TestTableName();
  }

  void TearDown() override {
    db_.reset();
    if (url_.starts_with("sqlite:")) {
      std::string path = url_.substr(7);
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
  }

  const Dialect& d() { return db_->dialect(); }

  void Script(const std::string& sql) {
    Status s = db_->Write([&](Session& s) { return s.ExecuteScript(sql); });
    ASSERT_TRUE(s.ok()) << Show(s.error()) << "\n" << sql;
  }

  // A table `t_` with the dialect's id column, a unique non-null name and an integer.
  void CreateNamedTable() {
    Script("CREATE TABLE " + t_ + " (" + d().IdColumnDdl() + ", name " +
           d().TypeName(ColumnType::kText) + " NOT NULL UNIQUE, n " +
           d().TypeName(ColumnType::kInteger) + ")");
  }

  Rows ReadRows(const std::string& sql, std::vector<Value> params = {}) {
    Rows rows;
    Status s = db_->Read([&](Session& s) -> Status {
      KEHU_ASSIGN(rows, s.Query(sql, params));
      return Ok();
    });
    EXPECT_TRUE(s.ok()) << Show(s.error()) << "\n" << sql;
    return rows;
  }

  int64_t Count() { return AsInt(ReadRows("SELECT COUNT(*) AS c FROM " + t_).rows.at(0).at(0)); }

  Status Insert(const std::string& name, Value n = int64_t{0}) {
    return db_->Write([&](Session& s) -> Status {
      KEHU_TRY(s.Execute("INSERT INTO " + t_ + " (name, n) VALUES (?, ?)", {name, n}));
      return Ok();
    });
  }

  std::string url_;
  std::string t_;
  std::unique_ptr<Database> db_;
};

// Both backends, named after their kind() in the test names.
#define KEHU_INSTANTIATE_BACKENDS(Fixture)                                               \
  INSTANTIATE_TEST_SUITE_P(Backends, Fixture, ::testing::Values("sqlite", "postgresql"), \
                           [](const auto& info) { return std::string(info.param); })

}  // namespace kehu::db::testing
