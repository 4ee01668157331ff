// WriteBatch's bulk create path (record_bulk.h) against real SQLite: the same bodies created one by
// one with Create and in one batch leave the same records, audit rows, search entries, 查重 keys and
// numbers; rows see the batch's earlier rows; a batch not kept leaves nothing.
#include "records/record_bulk.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "db/temp_sqlite_test_util.h"
#include "records/audit.h"
#include "records/schema_test_util.h"

namespace kehu::records {
namespace {
namespace json = boost::json;

struct Env {
  db::testing::TempSqlite temp;  // outlives db
  std::unique_ptr<db::Database> db;
  std::shared_ptr<const meta::Registry> registry;
  ScopedAccessPolicy access;
  Hooks hooks;
  std::unique_ptr<RecordService> service;
  const meta::Entity* customers = nullptr;

  void Open() {
    db = temp.Open("kehu_bulk_");
    ASSERT_TRUE(db);
    registry = records::testing::LoadShippedSchema(*db);
    ASSERT_TRUE(registry);
    service = std::make_unique<RecordService>(*db, registry, access, hooks);
    customers = registry->Find("customers");
  }

  std::vector<std::vector<std::string>> Rows(const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    Status st = db->Read([&](db::Session& s) -> Status {
      KEHU_ASSIGN(db::Rows rows, s.Query(sql));
      for (const auto& r : rows.rows) {
        std::vector<std::string> cells;
        for (const auto& v : r) cells.push_back(db::AsText(v));
        out.push_back(std::move(cells));
      }
      return Ok();
    });
    EXPECT_TRUE(st.ok()) << sql;
    return out;
  }

  std::vector<BatchResult> Batch(const std::vector<json::object>& bodies, bool keep) {
    std::vector<BatchWrite> writes;
    for (const auto& b : bodies) writes.push_back({b, "", false});
    auto r = service->WriteBatch(Actor::System(), *customers, writes,
                                 [keep](const std::vector<BatchResult>&) { return keep; });
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<BatchResult>{};
  }
};

std::vector<json::object> Bodies() {
  return {json::object{{"name", "深圳南山网联科技有限公司"}, {"phone", "138 1234 5678"}, {"category", "current"},
                       {"region", "440305"}, {"email", "a@example.cn"}, {"address", "科技园路1号"}},
          json::object{{"name", "北京朝阳数据服务有限公司"}, {"code", "KH-OWN-1"}, {"phone", "010-87654321"}},
          json::object{{"name", "重庆银行股份有限公司"}, {"remarks", "批量"}, {"creditCode", "91350100M000100Y43"}}};
}

const char* kCompare =
    "SELECT c.id, c.code, c.name, c.phone, c.category, c.region, c.region_names, c.email, c.dup_name_key, "
    "c.version, c.approval_state, s.terms FROM customers c "
    "LEFT JOIN customers_search s ON s.rowid = c.id ORDER BY c.id";

TEST(RecordBulk, BatchLeavesWhatCreateOneByOneLeaves) {
  Env single, bulk;
  single.Open();
  bulk.Open();
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  for (const auto& b : Bodies()) {
    json::object confirmed = b;
    confirmed["confirm"] = json::array{"creditCode"};
    auto r = single.service->Create(Actor::System(), *single.customers, confirmed);
    ASSERT_TRUE(r.ok()) << r.error().code;
  }
  std::vector<json::object> bodies = Bodies();
  bodies[2]["confirm"] = json::array{"creditCode"};
  auto results = bulk.Batch(bodies, true);
  ASSERT_EQ(results.size(), 3u);
  for (const auto& r : results) {
    EXPECT_TRUE(r.status.ok()) << r.status.error().code;
    EXPECT_TRUE(r.created);
  }
  auto a = single.Rows(kCompare), b = bulk.Rows(kCompare);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a, b);
  EXPECT_EQ(results[0].id, std::stoll(b[0][0]));
  EXPECT_EQ(b[0][1].substr(0, 2), "KH") << "numbered";
  // The verification text: the same lines (their order is free, see MergeSearchDocs).
  auto lines = [](Env& env) {
    std::vector<std::multiset<std::string>> out;
    for (const auto& r : env.Rows("SELECT folded FROM customers_search ORDER BY rowid")) {
      std::multiset<std::string> set;
      std::istringstream in(r[0]);
      for (std::string line; std::getline(in, line);) set.insert(line);
      out.push_back(std::move(set));
    }
    return out;
  };
  EXPECT_EQ(lines(single), lines(bulk));
  const char* audit = "SELECT entity, record_id, action, changes, user_id FROM audit_log ORDER BY id";
  EXPECT_EQ(single.Rows(audit), bulk.Rows(audit));
  auto chain = VerifyAuditChain(*bulk.db);
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact) << chain->problem;
  EXPECT_EQ(chain->rows, 3);
  const char* counter = "SELECT entity, period, value FROM numbering_counters";
  EXPECT_EQ(single.Rows(counter), bulk.Rows(counter));
}

TEST(RecordBulk, RowsSeeTheDatabaseAndTheBatchsEarlierRows) {
  Env env;
  env.Open();
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  ASSERT_TRUE(env.service->Create(Actor::System(), *env.customers,
                                  json::object{{"name", "已有客户有限公司"}, {"phone", "13900001111"}, {"code", "X1"}})
                  .ok());
  auto results = env.Batch({json::object{{"name", "甲贸易有限公司"}, {"code", "X2"}},
                            json::object{{"name", "乙公司"}, {"code", "X2"}},           // unique in batch
                            json::object{{"name", "丙公司"}, {"code", "X1"}},           // unique in table
                            json::object{{"name", "甲贸易股份有限公司"}},              // 查重: row 1
                            json::object{{"name", "丁公司"}, {"phone", "139 0000 1111"}},  // 查重: table
                            json::object{{"name", "已有客户"}, {"confirm", json::array{"name"}}},
                            json::object{{"phone", "12345"}},                          // format + required
                            json::object{{"name", "戊公司"}, {"dealerId", 999}}},      // no such record
                           true);
  ASSERT_EQ(results.size(), 8u);
  auto code = [&](size_t i) { return results[i].status.ok() ? "ok" : results[i].status.error().code; };
  auto fields = [&](size_t i) {
    std::string out;
    if (!results[i].status.ok())
      for (const auto& [f, c] : results[i].status.error().fields) out += f + "=" + c + ",";
    return out;
  };
  EXPECT_EQ(code(0), "ok");
  EXPECT_EQ(fields(1), "code=unique,");
  EXPECT_EQ(fields(2), "code=unique,");
  EXPECT_EQ(code(3), "confirmation_required");
  EXPECT_EQ(fields(3), "name=duplicate,");
  EXPECT_EQ(code(4), "confirmation_required");
  EXPECT_EQ(fields(4), "phone=duplicate,");
  ASSERT_FALSE(results[4].status.error().extra.empty());
  EXPECT_NE(results[4].status.error().extra[0].second.find("已有客户有限公司"), std::string::npos);
  EXPECT_EQ(code(5), "ok") << "a confirmed duplicate is created";
  EXPECT_EQ(code(6), "validation_failed");
  EXPECT_EQ(fields(6), "name=required,phone=invalid_phone,");
  EXPECT_EQ(fields(7), "dealerId=not_found,");
  EXPECT_EQ(env.Rows("SELECT COUNT(*) FROM customers")[0][0], "3");
}

TEST(RecordBulk, BatchNotKeptLeavesNothingAndHooksRunPerRow) {
  Env env;
  env.Open();
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  std::vector<int64_t> after;
  env.hooks.On("customers", HookPoint::kBeforeCreate, [](HookContext& ctx) -> Status {
    if (db::AsText(ctx.values["name"].value) == "钩子拒绝") return Conflict("rule_broken");
    ctx.values["remarks"] = StoredValue{std::string("钩子"), {}};
    return Ok();
  });
  env.hooks.On("customers", HookPoint::kAfterCreate, [&](HookContext& ctx) -> Status {
    after.push_back(ctx.id);
    return Ok();
  });
  auto dry = env.Batch({json::object{{"name", "甲"}}, json::object{{"name", "钩子拒绝"}}}, false);
  ASSERT_EQ(dry.size(), 2u);
  EXPECT_TRUE(dry[0].status.ok());
  EXPECT_TRUE(dry[0].created) << "what a kept batch would do";
  EXPECT_EQ(dry[1].status.error().code, "rule_broken");
  EXPECT_EQ(env.Rows("SELECT COUNT(*) FROM customers")[0][0], "0");
  EXPECT_EQ(env.Rows("SELECT COUNT(*) FROM audit_log")[0][0], "0");
  EXPECT_TRUE(env.Rows("SELECT value FROM numbering_counters").empty()) << "numbers taken are given back";
  EXPECT_TRUE(after.empty());

  auto real = env.Batch({json::object{{"name", "甲"}}, json::object{{"name", "乙"}}}, true);
  ASSERT_EQ(real.size(), 2u);
  EXPECT_EQ(after, (std::vector<int64_t>{real[0].id, real[1].id}));
  EXPECT_EQ(env.Rows("SELECT remarks FROM customers ORDER BY id"),
            (std::vector<std::vector<std::string>>{{"钩子"}, {"钩子"}}));
}

}  // namespace
}  // namespace kehu::records
