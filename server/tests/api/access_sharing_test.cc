// Sharing (members): read and write shares, expiry, removal, and who may share.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class AccessSharingTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg();
    ASSERT_FALSE(HasFatalFailure());
    record_ = M("east1").customers[0];
    path_ = RecordPath("customers", record_.at("id"));
    name_ = Str(json::value(record_), "name");
  }

  HttpResponse Share(Client& by, const std::string& to_key, const char* access,
                     const char* expires_at = nullptr) {
    json::object body{{"userId", M(to_key).id}, {"access", access}};
    if (expires_at) body["expiresAt"] = expires_at;
    return by.Post(path_ + "/members", body);
  }

  // Whether `key` finds the shared record by GET, list, q= and global search (all must agree).
  bool Sees(const std::string& key) {
    Client& c = As(key);
    bool got = c.Get(path_).status == 200;
    std::set<std::string> listed = ListIds(c, "customers");
    std::set<std::string> found = ListIds(c, "customers", Query({{"q", name_}}));
    HttpResponse global = c.Get("/api/v1/search" + Query({{"q", name_}}));
    std::string id = IdStr(record_.at("id"));
    bool in_list = listed.count(id) > 0, in_q = found.count(id) > 0;
    bool in_global = SearchHas(global, "customers", record_.at("id"));
    EXPECT_EQ(got, in_list) << key;
    EXPECT_EQ(got, in_q) << key;
    EXPECT_EQ(got, in_global) << key << ": " << global.body;
    return got;
  }

  json::object record_;
  std::string path_;
  std::string name_;
};

TEST_F(AccessSharingTest, ReadShareShowsTheRecordButRefusesEdits) {
  ASSERT_FALSE(Sees("south1"));
  HttpResponse r = Share(As("east1"), "south1", "read");
  ASSERT_EQ(r.status, 201) << r.Describe();
  EXPECT_TRUE(Sees("south1"));
  int64_t total = -1;
  ListIds(As("south1"), "customers", "", &total);
  EXPECT_EQ(total, kCustomersPerRep + 1);
  EXPECT_FALSE(Sees("south2")) << "only the member gains access";
  std::string before = Snapshot("customers", record_.at("id"));
  HttpResponse patch =
      As("south1").Patch(path_, json::object{{"version", 1}, {"name", "只读改名"}});
  EXPECT_EQ(patch.status, 403) << patch.Describe();
  EXPECT_EQ(As("south1").Delete(path_).status, 403);
  HttpResponse reshare = Share(As("south1"), "south2", "write");
  EXPECT_EQ(reshare.status, 403) << "a read member may not share on: " << reshare.Describe();
  EXPECT_EQ(Snapshot("customers", record_.at("id")), before);
  EXPECT_FALSE(Sees("south2"));
}

TEST_F(AccessSharingTest, MembersListAndRemovalMakesItInvisibleAgain) {
  ASSERT_EQ(Share(As("east1"), "south1", "read").status, 201);
  ASSERT_EQ(Share(As("east1"), "east2", "write", "2099-12-31T00:00:00Z").status, 201);
  HttpResponse list = As("east1").Get(path_ + "/members");
  ASSERT_EQ(list.status, 200) << list.Describe();
  std::map<std::string, std::string> access;
  for (const auto& m : At(list.json, "items").get_array()) {
    access[IdStr(At(m, "userId"))] = Str(m, "access");
    if (IdStr(At(m, "userId")) == IdStr(M("east2").id)) {
      EXPECT_EQ(Str(m, "expiresAt").substr(0, 10), "2099-12-31") << list.body;
    }
  }
  EXPECT_EQ(access, (std::map<std::string, std::string>{{IdStr(M("south1").id), "read"},
                                                        {IdStr(M("east2").id), "write"}}));
  HttpResponse del = As("east1").Delete(path_ + "/members/" + IdStr(M("south1").id));
  ASSERT_EQ(del.status, 204) << del.Describe();
  EXPECT_EQ(As("south1").Get(path_).status, 404);
  EXPECT_FALSE(Sees("south1"));
  EXPECT_TRUE(Sees("east2"));
}

TEST_F(AccessSharingTest, WriteShareAllowsEditsButNotDeletion) {
  ASSERT_EQ(Share(As("east1"), "south1", "write").status, 201);
  HttpResponse patch =
      As("south1").Patch(path_, json::object{{"version", 1}, {"phone", "0755-12345678"}});
  ASSERT_EQ(patch.status, 200) << patch.Describe();
  EXPECT_EQ(Str(patch.json, "phone"), "0755-12345678");
  EXPECT_EQ(IdStr(At(patch.json, "ownerId")), IdStr(M("east1").id)) << "sharing keeps the owner";
  std::string totals = Totals();
  EXPECT_EQ(As("south1").Delete(path_).status, 403) << "sales_rep may delete nothing";
  EXPECT_EQ(Totals(), totals);
}

TEST_F(AccessSharingTest, ExpiredShareGrantsNothing) {
  HttpResponse r = Share(As("east1"), "south1", "write", "2020-01-01T00:00:00Z");
  ASSERT_TRUE(r.status == 201 || r.status == 422) << r.Describe();
  EXPECT_FALSE(Sees("south1"));
  EXPECT_EQ(As("south1").Patch(path_, json::object{{"version", 1}, {"name", "过期改名"}}).status,
            404);
  // A share that expires in the future does grant access (control).
  ASSERT_EQ(Share(As("east1"), "south2", "read", "2099-01-01T00:00:00Z").status, 201);
  EXPECT_TRUE(Sees("south2"));
}

TEST_F(AccessSharingTest, StrangersCannotShareOrListMembers) {
  std::string before = Snapshot("customers", record_.at("id"));
  HttpResponse r = Share(As("south1"), "south1", "write");
  EXPECT_EQ(r.status, 404) << "sharing an invisible record with oneself: " << r.Describe();
  EXPECT_EQ(As("south1").Get(path_ + "/members").status, 404);
  EXPECT_FALSE(Sees("south1"));
  HttpResponse list = admin->Get(path_ + "/members");
  ASSERT_EQ(list.status, 200) << list.Describe();
  EXPECT_EQ(At(list.json, "items"), json::value(json::array{})) << list.body;
  EXPECT_EQ(Snapshot("customers", record_.at("id")), before);
}

TEST_F(AccessSharingTest, SupervisorWhoMayEditSharesARepsRecord) {
  HttpResponse r = Share(As("sup_east"), "south1", "read");
  ASSERT_EQ(r.status, 201) << r.Describe();
  EXPECT_TRUE(Sees("south1"));
}

TEST_F(AccessSharingTest, ContactsCanBeSharedToo) {
  const json::value& pid = M("east1").contacts[0].at("id");
  std::string ppath = RecordPath("contacts", pid);
  EXPECT_EQ(As("south1").Get(ppath).status, 404);
  HttpResponse r = As("east1").Post(ppath + "/members",
                                    json::object{{"userId", M("south1").id}, {"access", "read"}});
  ASSERT_EQ(r.status, 201) << r.Describe();
  EXPECT_EQ(As("south1").Get(ppath).status, 200);
  EXPECT_EQ(ListIds(As("south1"), "contacts").count(IdStr(pid)), 1u);
  EXPECT_EQ(As("south1").Patch(ppath, json::object{{"version", 1}, {"name", "改"}}).status, 403);
}

}  // namespace
}  // namespace kehu::apitest
