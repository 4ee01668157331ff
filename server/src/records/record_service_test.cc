// The record pipeline against a real SQLite database: hooks run inside the write transaction, a
// failing hook leaves nothing behind, and every write is audited in an intact chain.
#include "records/record_service.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "db/temp_sqlite_test_util.h"
#include "records/audit.h"
#include "records/schema_test_util.h"

namespace kehu::records {
namespace {
namespace json = boost::json;

class RecordServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = temp_.Open("kehu_records_");
    ASSERT_TRUE(db_);
    registry_ = records::testing::LoadShippedSchema(*db_);
    ASSERT_TRUE(registry_);
    service_ = std::make_unique<RecordService>(*db_, registry_, access_, hooks_);
    customers_ = registry_->Find("customers");
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
  }

  int64_t Count() {
    ListQuery q;
    auto list = service_->List(Actor::System(), *customers_, q);
    EXPECT_TRUE(list.ok());
    return list.ok() ? list->total : -1;
  }

  db::testing::TempSqlite temp_;  // before db_: outlives it
  std::unique_ptr<db::Database> db_;
  std::shared_ptr<const meta::Registry> registry_;
  ScopedAccessPolicy access_;
  Hooks hooks_;
  std::unique_ptr<RecordService> service_;
  const meta::Entity* customers_ = nullptr;
};

TEST_F(RecordServiceTest, BeforeHookCanSetValuesAndAfterHookSeesTheId) {
  int64_t seen_id = 0;
  hooks_.On("customers", HookPoint::kBeforeCreate, [](HookContext& ctx) -> Status {
    ctx.values["code"] = StoredValue{std::string("KH-HOOK-1"), {}};
    return Ok();
  });
  hooks_.On("customers", HookPoint::kAfterCreate, [&](HookContext& ctx) -> Status {
    seen_id = ctx.id;
    return Ok();
  });
  auto rec = service_->Create(Actor::System(), *customers_, json::object{{"name", "钩子测试有限公司"}});
  ASSERT_TRUE(rec.ok()) << rec.error().code;
  EXPECT_EQ(rec->at("code"), "KH-HOOK-1");
  EXPECT_EQ(seen_id, rec->at("id").as_int64());
}

TEST_F(RecordServiceTest, FailingHookWritesNothingNotEvenAudit) {
  hooks_.On("*", HookPoint::kAfterCreate, [](HookContext&) -> Status { return Conflict("rule_broken"); });
  auto before = VerifyAuditChain(*db_);
  ASSERT_TRUE(before.ok());
  auto rec = service_->Create(Actor::System(), *customers_, json::object{{"name", "不应保存"}});
  ASSERT_FALSE(rec.ok());
  EXPECT_EQ(rec.error().code, "rule_broken");
  EXPECT_EQ(Count(), 0);
  auto after = VerifyAuditChain(*db_);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->intact);
  EXPECT_EQ(after->rows, before->rows);
}

TEST_F(RecordServiceTest, UpdateRecordsOnlyRealChangesAndBumpsVersion) {
  auto rec = service_->Create(Actor::System(), *customers_, json::object{{"name", "版本测试"}, {"phone", "010-12345678"}});
  ASSERT_TRUE(rec.ok());
  int64_t id = rec->at("id").as_int64();
  auto same = service_->Update(Actor::System(), *customers_, id, json::object{{"version", 1}, {"name", "版本测试"}});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->at("version"), 1);  // nothing changed, nothing written
  auto changed = service_->Update(Actor::System(), *customers_, id, json::object{{"version", 1}, {"name", "新名称"}});
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->at("version"), 2);
  auto stale = service_->Update(Actor::System(), *customers_, id, json::object{{"version", 1}, {"name", "旧"}});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "version_conflict");
  auto chain = VerifyAuditChain(*db_);
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact);
  EXPECT_EQ(chain->rows, 2);  // create + one update
}

TEST_F(RecordServiceTest, ConcurrentCreatesAllLandWithAnIntactChain) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        if (service_->Create(Actor::System(), *customers_,
                             json::object{{"name", "并发客户" + std::to_string(t) + "-" + std::to_string(i)}})
                .ok())
          ++ok;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 200);
  EXPECT_EQ(Count(), 200);
  auto chain = VerifyAuditChain(*db_);
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact);
  EXPECT_EQ(chain->rows, 200);
}

}  // namespace
}  // namespace kehu::records
