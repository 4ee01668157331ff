// For conformance tests that bring an entity of their own (not the shipped customers, so that they
// show a mechanism is generic): the entity's JSON is loaded into a registry from a temporary
// directory and schema sync builds its table and indexes; Plan gives a query's plan as text.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "database_fixture.h"
#include "metadata/registry.h"
#include "records/schema_sync.h"

namespace kehu::db::testing {

class OwnEntityTest : public DatabaseTest {
 protected:
  // Loads `json` as entity `name` and syncs the schema; e_ is the entity.
  void LoadEntity(const std::string& name, const std::string& json) {
    dir_ = std::filesystem::temp_directory_path() / ("kehu_" + name + "_" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / (name + ".json")) << json;
    auto registry = meta::Registry::LoadDirectory(dir_.string());
    ASSERT_TRUE(registry.ok()) << Show(registry.error());
    registry_ = *registry;
    e_ = registry_->Find(name);
    ASSERT_NE(e_, nullptr);
    Sync();
  }

  void Sync() {
    Status synced = records::SyncSchema(*db_, *registry_);
    ASSERT_TRUE(synced.ok()) << Show(synced.error());
  }

  // The names of the indexes on the entity's table.
  std::vector<std::string> Indexes() {
    std::vector<std::string> names;
    Status listed = db_->Read([&](Session& s) -> Status {
      KEHU_ASSIGN(names, d().TableIndexes(s, e_->table));
      return Ok();
    });
    EXPECT_TRUE(listed.ok()) << Show(listed.error());
    return names;
  }

  bool HasIndex(const std::string& name) {
    auto names = Indexes();
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    DatabaseTest::TearDown();
  }

  // The plan's text. PostgreSQL weighs a tiny table's plans by other costs than a big one's, so
  // sequential scans and sorts are priced out: a Sort left in the plan means no index can give
  // the order, and an index that can answer is used.
  std::string Plan(const std::string& sql, const std::vector<Value>& params = {}) {
    std::string text;
    Status s = db_->Read([&](Session& s) -> Status {
      bool pg = GetParam() == "postgresql";
      if (pg)
        KEHU_TRY(s.ExecuteScript("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; "
                                 "SET LOCAL enable_sort = off; SET LOCAL enable_incremental_sort = off"));
      KEHU_ASSIGN(Rows rows, s.Query((pg ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql, params));
      for (const auto& r : rows.rows) text += AsText(r.back()) + "\n";
      return Ok();
    });
    EXPECT_TRUE(s.ok()) << Show(s.error());
    return text;
  }

  std::filesystem::path dir_;
  std::shared_ptr<const meta::Registry> registry_;
  const meta::Entity* e_ = nullptr;
};

}  // namespace kehu::db::testing
