// Test-only: a real SQLite database with the schema, the default roles and two sales reps in
// different departments (业务员: read scope "own"), each owning one customer.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>

#include "auth/auth_service.h"
#include "core/crypto.h"
#include "core/time.h"
#include "db/temp_sqlite_test_util.h"
#include "notify/notifier.h"
#include "records/record_service.h"
#include "records/schema_test_util.h"

namespace kehu::notify::testing {

class NotifyFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = temp_.Open("kehu_notify_");
    ASSERT_TRUE(db_);
    registry_ = records::testing::LoadShippedSchema(*db_);
    ASSERT_TRUE(registry_);
    records_ = std::make_unique<records::RecordService>(*db_, registry_, access_, hooks_);
    std::vector<std::string> names;
    for (const auto& e : registry_->entities()) names.push_back(e.name);
    auth_ = std::make_unique<auth::AuthService>(*db_, names);
    ASSERT_TRUE(auth_->EnsureDefaultRoles().ok());
    notifier_ = std::make_unique<Notifier>(*auth_, access_, registry_);
    rep_a_ = AddRep("rep_a", "华东区");
    rep_b_ = AddRep("rep_b", "华南区");
    customer_a_ = AddCustomer("甲方网联科技有限公司", rep_a_);
  }
  void TearDown() override {
    notifier_.reset();
    records_.reset();
    auth_.reset();
    db_.reset();
  }

  int64_t AddRep(const std::string& username, const std::string& department) {
    auto id = auth_->EnsureUser({username, username, "pw-" + crypto::RandomHex(8), "", {"sales_rep"}});
    EXPECT_TRUE(id.ok());
    Exec("INSERT INTO departments (name, created_at, updated_at) VALUES (?, ?, ?)",
         {db::Value(department), db::Value(NowIso()), db::Value(NowIso())});
    Exec("UPDATE users SET department_id = (SELECT MAX(id) FROM departments) WHERE id = ?",
         {db::Value(*id)});
    return *id;
  }
  int64_t AddCustomer(const std::string& name, int64_t owner) {
    auto rec = records_->Create(records::Actor::System(), *registry_->Find("customers"),
                                boost::json::object{{"name", name}, {"ownerId", owner}});
    EXPECT_TRUE(rec.ok()) << (rec.ok() ? "" : rec.error().code);
    return rec.ok() ? rec->at("id").as_int64() : 0;
  }
  void Exec(const std::string& sql, std::initializer_list<db::Value> params) {
    std::vector<db::Value> p(params);
    ASSERT_TRUE(db_->Write([&](db::Session& s) -> Status {
                     KEHU_TRY(s.Execute(sql, p));
                     return Ok();
                   }).ok())
        << sql;
  }
  // Notifier::Add in its own write transaction.
  Result<int64_t> Add(const Notification& n) {
    int64_t id = 0;
    KEHU_TRY(db_->Write([&](db::Session& s) -> Status {
      KEHU_ASSIGN(id, notifier_->Add(s, n));
      return Ok();
    }));
    return id;
  }
  Notification About(int64_t user, int64_t record, std::string kind = "approval_approved") {
    return {user, std::move(kind), "customers", record, boost::json::object{{"title", "甲方网联"}}};
  }

  db::testing::TempSqlite temp_;  // before db_: outlives it
  std::unique_ptr<db::Database> db_;
  std::shared_ptr<const meta::Registry> registry_;
  records::ScopedAccessPolicy access_;
  records::Hooks hooks_;
  std::unique_ptr<records::RecordService> records_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<Notifier> notifier_;
  int64_t rep_a_ = 0, rep_b_ = 0, customer_a_ = 0;
};

}  // namespace kehu::notify::testing
