// The indexes schema sync builds beside the list indexes, on both backends: the recycle bin's, the
// 查重 and the unique indexes hold set values only (a record without a credit code, or a live one, costs them
// no entry), the queries that need them still find them, and a sync drops the indexes it made
// earlier that the metadata no longer asks for, leaving other indexes alone.
#include <gtest/gtest.h>

#include <algorithm>

#include "own_entity_fixture.h"

namespace kehu::db::testing {
namespace {

constexpr const char* kLabels = R"({"zh-CN": "企业", "zh-TW": "企業", "en": "Firms"})";

std::string FirmsJson() {
  std::string l = kLabels;
  return R"({"name": "firms", "labels": )" + l + R"(, "owned": false, "titleField": "name",
    "duplicateCheck": ["name", "creditCode"], "indexes": [["name"]],
    "fields": [
      {"name": "name", "type": "text", "labels": )" + l + R"(},
      {"name": "creditCode", "type": "text", "labels": )" + l + R"(},
      {"name": "code", "type": "text", "unique": true, "labels": )" + l + R"(}]})";
}

class SchemaIndexTest : public OwnEntityTest {
 protected:
  void SetUp() override {
    OwnEntityTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    LoadEntity("firms", FirmsJson());
  }

  // 200 firms: every 50th has a credit code, every 40th is in the recycle bin.
  void Fill() {
    Status s = db_->Write([&](Session& s) -> Status {
      for (int i = 0; i < 200; ++i) {
        Value code = i % 50 == 0 ? Value("91110000MA0" + std::to_string(1000 + i)) : Value();
        Value deleted = i % 40 == 0 ? Value(std::string("2026-02-01T00:00:00.000Z")) : Value();
        KEHU_TRY(s.Execute("INSERT INTO firms (name, credit_code, dup_name_key, version, created_at, updated_at, "
                           "deleted_at) VALUES (?, ?, ?, 1, '2026-01-01T00:00:00.000Z', "
                           "'2026-01-01T00:00:00.000Z', ?)",
                           {Value("企业" + std::to_string(i)), code, Value("key" + std::to_string(i)), deleted}));
      }
      return Ok();
    });
    ASSERT_TRUE(s.ok()) << Show(s.error());
    Script("ANALYZE firms");
  }
};

TEST_P(SchemaIndexTest, DuplicateAndRecycleBinIndexesHoldOnlySetValues) {
  Fill();
  const std::string dup = "ix_firms_dup_credit_code_set", bin = "ix_firms_deleted";
  // What they serve: a 查重 probe and the recycle bin's page.
  std::string probe = Plan("SELECT id FROM firms WHERE credit_code = ?", {Value(std::string("91110000MA01000"))});
  EXPECT_NE(probe.find(dup), std::string::npos) << probe;
  std::string page = Plan("SELECT t.id FROM firms t WHERE t.deleted_at IS NOT NULL ORDER BY t.deleted_at DESC, t.id");
  EXPECT_NE(page.find(bin), std::string::npos) << page;
  // What they leave out: a full index would answer these too, a partial one cannot.
  std::string unset = Plan("SELECT id FROM firms WHERE credit_code IS NULL ORDER BY credit_code");
  EXPECT_EQ(unset.find(dup), std::string::npos) << unset;
  std::string live = Plan("SELECT id FROM firms WHERE deleted_at IS NULL ORDER BY deleted_at");
  EXPECT_EQ(live.find(bin), std::string::npos) << live;
  // A unique field: many records without a value, none sharing one.
  const std::string unique = "ux_firms_code_set";
  std::string taken = Plan("SELECT id FROM firms WHERE code = ? AND id <> ?", {Value(std::string("F-1")), Value(int64_t{0})});
  EXPECT_NE(taken.find(unique), std::string::npos) << taken;
  std::string none = Plan("SELECT id FROM firms WHERE code IS NULL ORDER BY code");
  EXPECT_EQ(none.find(unique), std::string::npos) << none;
  Script("UPDATE firms SET code = 'F-1' WHERE name = '企业1'");
  Status twice = db_->Write([&](Session& s) -> Status {
    KEHU_TRY(s.Execute("UPDATE firms SET code = 'F-1' WHERE name = '企业2'"));
    return Ok();
  });
  EXPECT_FALSE(twice.ok());
  // And the probe still finds exactly the firm with that code.
  Rows found = ReadRows("SELECT name FROM firms WHERE credit_code = ?", {Value(std::string("91110000MA01050"))});
  ASSERT_EQ(found.rows.size(), 1u);
  EXPECT_EQ(AsText(found.rows[0][0]), "企业50");
}

TEST_P(SchemaIndexTest, SyncDropsTheIndexesItMadeThatTheMetadataNoLongerAsksFor) {
  // What an earlier schema sync made (the full forms), and an index someone else made.
  Script("CREATE INDEX ix_firms_deleted_at ON firms (deleted_at)");
  Script("CREATE INDEX ix_firms_dup_credit_code ON firms (credit_code)");
  Script("CREATE INDEX ux_firms_credit_code ON firms (credit_code)");
  Script("CREATE UNIQUE INDEX ux_firms_code ON firms (code)");
  Script("CREATE INDEX firms_by_hand ON firms (credit_code, name)");
  Sync();
  EXPECT_FALSE(HasIndex("ix_firms_deleted_at"));
  EXPECT_FALSE(HasIndex("ix_firms_dup_credit_code"));
  EXPECT_FALSE(HasIndex("ux_firms_credit_code"));
  EXPECT_FALSE(HasIndex("ux_firms_code"));
  EXPECT_TRUE(HasIndex("firms_by_hand"));
  for (const char* wanted : {"ix_firms_name_live", "ix_firms_deleted", "ix_firms_dup_credit_code_set",
                             "ix_firms_dup_dup_name_key_set", "ux_firms_code_set"})
    EXPECT_TRUE(HasIndex(wanted)) << wanted;
}

KEHU_INSTANTIATE_BACKENDS(SchemaIndexTest);

}  // namespace
}  // namespace kehu::db::testing
