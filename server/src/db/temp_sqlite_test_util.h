// Test-only: a fresh SQLite database with every migration applied, in its own temporary directory
// that goes away with the TempSqlite. Declare it before the fixture's database pointer, so the
// database closes before its directory is removed.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/crypto.h"
#include "db/database.h"
#include "db/migrations.h"

namespace kehu::db::testing {

class TempSqlite {
 public:
  TempSqlite() = default;
  TempSqlite(const TempSqlite&) = delete;
  TempSqlite& operator=(const TempSqlite&) = delete;
  ~TempSqlite() {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  // Opens "<tmp>/<prefix><random>/t.db" and migrates it; null (with a test failure) otherwise.
  std::unique_ptr<Database> Open(const std::string& prefix) {
    crypto::Init();
    dir_ = std::filesystem::temp_directory_path() / (prefix + crypto::RandomHex(6));
    std::filesystem::create_directories(dir_);
    auto db = OpenDatabase("sqlite:" + (dir_ / "t.db").string());
    if (!db.ok()) {
      ADD_FAILURE() << "cannot open a test database: " << db.error().code;
      return nullptr;
    }
    if (auto migrated = RunMigrations(**db); !migrated.ok()) {
      ADD_FAILURE() << "migrations failed: " << migrated.error().code;
      return nullptr;
    }
    return std::move(*db);
  }

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace kehu::db::testing
