// Servers cache each user's resolved rights (auth/actor_cache.h) and rebuild them when the access
// stamp moves. These tests warm the cache with a request, then change what rights are built from
// straight in the database, as another server sharing it would, and expect the very next request
// to see the change: a stale cache would leak records or keep a deactivated user signed in.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class AccessActorCacheTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg();
  }

  // ExecSql must succeed.
  void Sql(const std::string& sql) { ASSERT_EQ(server->ExecSql(sql), "") << sql; }

  int GetStatus(Client& c, const json::object& record, const HeaderList& headers = {}) {
    return c.Get(RecordPath("customers", record.at("id")), headers).status;
  }

  // The Authorization header of a new API token of member `key`.
  HeaderList BearerOf(const std::string& key) {
    HttpResponse created = As(key).Post("/api/v1/auth/tokens", json::object{{"name", "同步"}});
    EXPECT_EQ(created.status, 201) << created.Describe();
    return {{"Authorization", "Bearer " + Str(created.json, "token")}};
  }

  void ShareStraightInTheDatabase(const json::object& record, const std::string& with_key) {
    Sql("INSERT INTO record_shares (entity, record_id, user_id, access, created_at) VALUES "
        "('customers', " + IdStr(record.at("id")) + ", " + IdStr(M(with_key).id) +
        ", 'read', '2026-01-01T00:00:00Z')");
  }
};

TEST_F(AccessActorCacheTest, ShareWrittenByAnotherServerAppliesAtTheNextRequestBothWays) {
  const json::object& theirs = M("south1").customers[0];
  std::string rid = IdStr(theirs.at("id"));
  ASSERT_EQ(GetStatus(As("east1"), theirs), 404);  // warms east1's cached rights: no shares
  ShareStraightInTheDatabase(theirs, "east1");
  EXPECT_EQ(GetStatus(As("east1"), theirs), 200);
  EXPECT_EQ(ListIds(As("east1"), "customers").count(rid), 1u);
  Sql("DELETE FROM record_shares WHERE record_id = " + rid);
  EXPECT_EQ(GetStatus(As("east1"), theirs), 404);
  EXPECT_EQ(ListIds(As("east1"), "customers").count(rid), 0u);
}

TEST_F(AccessActorCacheTest, GrantOverrideWrittenByAnotherServerAppliesAtTheNextRequest) {
  const json::object& theirs = M("south1").customers[0];
  std::string uid = IdStr(M("east1").id);
  ASSERT_EQ(GetStatus(As("east1"), theirs), 404);
  Sql("INSERT INTO user_grant_overrides (user_id, entity, action, scope) VALUES (" + uid +
      ", 'customers', 'read', 'all')");
  EXPECT_EQ(GetStatus(As("east1"), theirs), 200);
  Sql("DELETE FROM user_grant_overrides WHERE user_id = " + uid);
  EXPECT_EQ(GetStatus(As("east1"), theirs), 404);
}

TEST_F(AccessActorCacheTest, RoleGrantChangeAppliesToEveryHolderAtTheNextRequest) {
  const json::object& theirs = M("south1").customers[0];
  ASSERT_EQ(GetStatus(As("east1"), theirs), 404);
  ASSERT_EQ(GetStatus(As("east2"), theirs), 404);
  Sql("UPDATE role_grants SET scope = 'all' WHERE action = 'read' AND role_id = "
      "(SELECT id FROM roles WHERE code = 'sales_rep')");
  EXPECT_EQ(GetStatus(As("east1"), theirs), 200);
  EXPECT_EQ(GetStatus(As("east2"), theirs), 200);
  Sql("UPDATE role_grants SET scope = 'own' WHERE action = 'read' AND role_id = "
      "(SELECT id FROM roles WHERE code = 'sales_rep')");
  EXPECT_EQ(GetStatus(As("east1"), theirs), 404);
}

TEST_F(AccessActorCacheTest, DepartmentMoveChangesWhichSupervisorSeesTheRepsRecords) {
  const json::object& record = M("east1").customers[0];
  ASSERT_EQ(GetStatus(As("sup_east"), record), 200);
  ASSERT_EQ(GetStatus(As("sup_south"), record), 404);
  Sql("UPDATE users SET department_id = " + IdStr(south_) + ", manager_id = " + IdStr(M("sup_south").id) +
      " WHERE id = " + IdStr(M("east1").id));
  EXPECT_EQ(GetStatus(As("sup_east"), record), 404);
  EXPECT_EQ(GetStatus(As("sup_south"), record), 200);
}

TEST_F(AccessActorCacheTest, DepartmentTreeChangeAppliesAtTheNextRequest) {
  // sup_east's scope is the tree under 华东区; hang 华南区 under it and its records come into view.
  const json::object& south = M("south1").customers[0];
  ASSERT_EQ(GetStatus(As("sup_east"), south), 404);
  Sql("UPDATE departments SET parent_id = " + IdStr(east_) + " WHERE id = " + IdStr(south_));
  EXPECT_EQ(GetStatus(As("sup_east"), south), 200);
}

TEST_F(AccessActorCacheTest, DeactivationEndsSessionsAndTokensAtTheNextRequest) {
  HeaderList bearer = BearerOf("east2");
  ASSERT_FALSE(HasFailure());
  auto integration = NewClient();
  const json::object& own = M("east2").customers[0];
  ASSERT_EQ(GetStatus(*integration, own, bearer), 200);
  ASSERT_EQ(GetStatus(As("east2"), own), 200);
  Sql("UPDATE users SET active = 0 WHERE id = " + IdStr(M("east2").id));
  EXPECT_EQ(GetStatus(As("east2"), own), 401);
  EXPECT_EQ(GetStatus(*integration, own, bearer), 401);
}

TEST_F(AccessActorCacheTest, TokenSeesAShareAtTheNextRequest) {
  HeaderList bearer = BearerOf("east3");
  ASSERT_FALSE(HasFailure());
  auto integration = NewClient();
  const json::object& theirs = M("south2").customers[0];
  ASSERT_EQ(GetStatus(*integration, theirs, bearer), 404);
  ShareStraightInTheDatabase(theirs, "east3");
  EXPECT_EQ(GetStatus(*integration, theirs, bearer), 200);
}

}  // namespace
}  // namespace kehu::apitest
