// The record events outbox on a real SQLite database: nothing is written while nobody subscribes;
// with a subscription, create/update/delete/state changes each leave one row in the record's
// transaction, with the record as stored (before it, for a delete), and a rolled-back write leaves
// none.
#include "events/record_events.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>


#include "db/temp_sqlite_test_util.h"
#include "records/record_service.h"
#include "records/schema_test_util.h"

namespace kehu::events {
namespace {
namespace json = boost::json;

class RecordEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = temp_.Open("kehu_events_");
    ASSERT_TRUE(db_);
    registry_ = records::testing::LoadShippedSchema(*db_);
    ASSERT_TRUE(registry_);
    RegisterRecordEventHooks(hooks_);
    service_ = std::make_unique<records::RecordService>(*db_, registry_, access_, hooks_);
    customers_ = registry_->Find("customers");
    InvalidateSubscriptionCache();
  }
  void TearDown() override {
    InvalidateSubscriptionCache();
    service_.reset();
    db_.reset();
  }

  void Subscribe(const std::string& events) {
    ASSERT_TRUE(Exec("INSERT INTO users (username, display_name, password_hash, created_at, updated_at) "
                     "VALUES ('hookowner', 'H', 'x', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"));
    ASSERT_TRUE(Exec("INSERT INTO webhooks (name, url, events, secret, format, active, owner_id, created_at, "
                     "updated_at) SELECT 'w', 'http://127.0.0.1:1/', '" + events +
                     "', 'secretsecretsecret', 'json', 1, id, 'now', 'now' FROM users WHERE username = 'hookowner'"));
    InvalidateSubscriptionCache();
  }
  bool Exec(const std::string& sql) {
    return db_->Write([&](db::Session& s) -> Status {
                KEHU_TRY(s.Execute(sql));
                return Ok();
              }).ok();
  }
  // (type, record json) of every outbox row, in order.
  std::vector<std::pair<std::string, json::object>> Events() {
    std::vector<std::pair<std::string, json::object>> out;
    EXPECT_TRUE(db_->Read([&](db::Session& s) -> Status {
                     KEHU_ASSIGN(db::Rows rows, s.Query("SELECT type, record FROM record_events ORDER BY id"));
                     for (const auto& r : rows.rows)
                       out.emplace_back(db::AsText(r[0]), json::parse(db::AsText(r[1])).as_object());
                     return Ok();
                   }).ok());
    return out;
  }

  db::testing::TempSqlite temp_;  // before db_: outlives it
  std::unique_ptr<db::Database> db_;
  std::shared_ptr<const meta::Registry> registry_;
  records::ScopedAccessPolicy access_;
  records::Hooks hooks_;
  std::unique_ptr<records::RecordService> service_;
  const meta::Entity* customers_ = nullptr;
};

TEST_F(RecordEventsTest, NothingIsWrittenWhileNobodySubscribes) {
  auto rec = service_->Create(records::Actor::System(), *customers_, json::object{{"name", "无人订阅有限公司"}});
  ASSERT_TRUE(rec.ok());
  EXPECT_TRUE(Events().empty());
}

TEST_F(RecordEventsTest, CreateUpdateDeleteAndStateChangesAreQueued) {
  Subscribe(R"(["customers.*"])");
  auto actor = records::Actor::System();
  auto rec = service_->Create(actor, *customers_, json::object{{"name", "事件测试有限公司"}});
  ASSERT_TRUE(rec.ok());
  int64_t id = rec->at("id").as_int64();
  auto upd = service_->Update(actor, *customers_, id, json::object{{"version", 1}, {"name", "事件测试改名有限公司"}});
  ASSERT_TRUE(upd.ok());
  auto st = service_->ChangeState(actor, *customers_, id, records::Action::kEdit,
                                  json::object{{"remarks", "已提交审核"}}, "submit",
                                  [](const json::object&) { return Ok(); });
  ASSERT_TRUE(st.ok()) << st.error().code;
  ASSERT_TRUE(service_->Delete(actor, *customers_, id).ok());
  auto events = Events();
  std::string types;
  for (const auto& [type, record] : events) types += type + " ";
  ASSERT_EQ(events.size(), 4u) << types;
  EXPECT_EQ(events[0].first, "created");
  EXPECT_EQ(events[0].second.at("name"), "事件测试有限公司");
  EXPECT_EQ(events[1].first, "updated");
  EXPECT_EQ(events[1].second.at("name"), "事件测试改名有限公司");
  EXPECT_EQ(events[2].first, "state_changed");
  EXPECT_EQ(events[2].second.at("remarks"), "已提交审核");
  EXPECT_EQ(events[3].first, "deleted");
  EXPECT_EQ(events[3].second.at("id"), id);
  EXPECT_FALSE(events[3].second.contains("deletedAt")) << "the record before the delete";
}

TEST_F(RecordEventsTest, OnlySubscribedEntitiesAndTypes) {
  Subscribe(R"(["customers.deleted"])");
  auto rec = service_->Create(records::Actor::System(), *customers_, json::object{{"name", "只订阅删除有限公司"}});
  ASSERT_TRUE(rec.ok());
  EXPECT_TRUE(Events().empty());
  ASSERT_TRUE(service_->Delete(records::Actor::System(), *customers_, rec->at("id").as_int64()).ok());
  ASSERT_EQ(Events().size(), 1u);
}

TEST_F(RecordEventsTest, RolledBackWriteLeavesNoEvent) {
  Subscribe(R"(["customers.created"])");
  hooks_.On("customers", records::HookPoint::kAfterCreate, [](records::HookContext&) -> Status {
    return Conflict("rule_broken");
  });
  auto rec = service_->Create(records::Actor::System(), *customers_, json::object{{"name", "回滚有限公司"}});
  ASSERT_FALSE(rec.ok());
  EXPECT_TRUE(Events().empty());
}

}  // namespace
}  // namespace kehu::events
