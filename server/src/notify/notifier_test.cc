// Notifier::Add on a real SQLite database: a notification about a record reaches only recipients
// who may read that record (the access predicate), active users only, inside the caller's write.
#include "notify/notifier.h"

#include "notify/notify_test_fixture.h"
#include "notify/store.h"

namespace kehu::notify {
namespace {

class NotifierTest : public testing::NotifyFixture {
 protected:
  int64_t Count(int64_t user) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](db::Session& s) -> Status {
                     KEHU_ASSIGN(n, CountUnread(s, user));
                     return Ok();
                   }).ok());
    return n;
  }
};

TEST_F(NotifierTest, OwnerWhoMayReadTheRecordGetsIt) {
  auto id = Add(About(rep_a_, customer_a_));
  ASSERT_TRUE(id.ok()) << id.error().code;
  EXPECT_GT(*id, 0);
  EXPECT_EQ(Count(rep_a_), 1);
  StoredNotification n;
  ASSERT_TRUE(db_->Read([&](db::Session& s) -> Status {
                   KEHU_ASSIGN(n, GetNotification(s, rep_a_, *id));
                   return Ok();
                 }).ok());
  EXPECT_EQ(n.kind, "approval_approved");
  EXPECT_EQ(n.entity, "customers");
  EXPECT_EQ(n.record_id, customer_a_);
  EXPECT_EQ(n.params.at("title").as_string(), "甲方网联");
  EXPECT_TRUE(n.read_at.empty());
}

TEST_F(NotifierTest, RecipientWhoCannotReadTheRecordGetsNothing) {
  auto id = Add(About(rep_b_, customer_a_, "approval_requested"));
  ASSERT_TRUE(id.ok()) << id.error().code;
  EXPECT_EQ(*id, 0);
  EXPECT_EQ(Count(rep_b_), 0);
}

TEST_F(NotifierTest, SharingTheRecordOpensIt) {
  // The predicate includes 团队成员 shares, exactly as reads do.
  Exec("INSERT INTO record_shares (entity, record_id, user_id, access, created_at) "
       "VALUES ('customers', ?, ?, 'read', ?)",
       {db::Value(customer_a_), db::Value(rep_b_), db::Value(NowIso())});
  auto id = Add(About(rep_b_, customer_a_));
  ASSERT_TRUE(id.ok()) << id.error().code;
  EXPECT_GT(*id, 0);
}

TEST_F(NotifierTest, DeletedRecordAndInactiveUserGetNothing) {
  Exec("UPDATE users SET active = 0 WHERE id = ?", {db::Value(rep_a_)});
  auto inactive = Add(About(rep_a_, customer_a_));
  ASSERT_TRUE(inactive.ok());
  EXPECT_EQ(*inactive, 0);
  Exec("UPDATE users SET active = 1 WHERE id = ?", {db::Value(rep_a_)});
  Exec("UPDATE customers SET deleted_at = ? WHERE id = ?", {db::Value(NowIso()), db::Value(customer_a_)});
  auto deleted = Add(About(rep_a_, customer_a_));
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 0);
  EXPECT_EQ(Count(rep_a_), 0);
}

TEST_F(NotifierTest, NotificationAboutNoRecordNeedsOnlyAnActiveUser) {
  auto id = Add({rep_b_, "reminder", "", 0, boost::json::object{{"title", "回访"}}});
  ASSERT_TRUE(id.ok());
  EXPECT_GT(*id, 0);
  auto missing = Add({987654, "reminder", "", 0, {}});
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(*missing, 0);
}

TEST_F(NotifierTest, BadInputIsAnErrorAndStoresNothing) {
  auto unknown = Add({rep_a_, "reminder", "no_such_entities", 1, {}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_entity");
  EXPECT_FALSE(Add({rep_a_, "", "", 0, {}}).ok());
  EXPECT_FALSE(Add({0, "reminder", "", 0, {}}).ok());
  EXPECT_FALSE(Add({rep_a_, "reminder", "customers", 0, {}}).ok());
  boost::json::object huge{{"title", std::string(9000, 'x')}};
  EXPECT_FALSE(Add({rep_a_, "reminder", "", 0, huge}).ok());
  EXPECT_EQ(Count(rep_a_), 0);
}

TEST_F(NotifierTest, StoredOnlyWhenTheCallersWriteCommits) {
  Status failed = db_->Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(int64_t id, notifier_->Add(s, About(rep_a_, customer_a_)));
    EXPECT_GT(id, 0);
    return Conflict("rolled_back");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(Count(rep_a_), 0);
}

}  // namespace
}  // namespace kehu::notify
