// Transfer of one record, of all a user's records (rep leaving), and GET /access/explain.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class AccessTransferTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg();
  }

  HttpResponse Explain(const std::string& key, const std::string& entity, const json::value& id,
                       Client* as = nullptr) {
    return (as ? *as : *admin)
        .Get("/api/v1/access/explain" +
             Query({{"userId", IdStr(M(key).id)}, {"entity", entity}, {"id", IdStr(id)}}));
  }

  static std::set<std::string> Actions(const HttpResponse& r) {
    std::set<std::string> out;
    const auto& a = At(r.json, "actions");
    if (a.is_array())
      for (const auto& x : a.get_array())
        if (x.is_string()) out.insert(std::string(x.get_string()));
    return out;
  }

  // The explained actions include every one of `yes` and none of `no` ("create" may go either
  // way: it does not apply to an existing record).
  static void ExpectActions(const HttpResponse& r, const std::vector<std::string>& yes,
                            const std::vector<std::string>& no) {
    std::set<std::string> got = Actions(r);
    for (const auto& a : yes) EXPECT_EQ(got.count(a), 1u) << a << " missing: " << r.body;
    for (const auto& a : no) EXPECT_EQ(got.count(a), 0u) << a << " allowed: " << r.body;
  }
};

TEST_F(AccessTransferTest, SupervisorTransfersWithinTheDepartmentAndItIsAudited) {
  const json::value& cid = M("east1").customers[0].at("id");
  std::string path = RecordPath("customers", cid);
  HttpResponse r =
      As("sup_east").Post(path + "/transfer", json::object{{"toUserId", M("east2").id}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(IdStr(At(r.json, "ownerId")), IdStr(M("east2").id));
  EXPECT_EQ(IdStr(At(r.json, "id")), IdStr(cid));
  EXPECT_EQ(As("east1").Get(path).status, 404) << "the old owner loses it";
  EXPECT_EQ(As("east2").Get(path).status, 200);
  EXPECT_EQ(ListIds(As("east2"), "customers").count(IdStr(cid)), 1u);
  EXPECT_EQ(IdStr(At(admin->Get(path).json, "ownerId")), IdStr(M("east2").id));

  HttpResponse audit =
      admin->Get("/api/v1/audit" + Query({{"entity", "customers"}, {"recordId", IdStr(cid)}}));
  ASSERT_EQ(audit.status, 200) << audit.Describe();
  bool found = false;
  for (const auto& item : At(audit.json, "items").get_array()) {
    if (Str(item, "action") != "transfer") continue;
    found = true;
    const auto& owner = At(At(item, "changes"), "ownerId");
    EXPECT_EQ(IdStr(At(owner, "from")), IdStr(M("east1").id)) << audit.body;
    EXPECT_EQ(IdStr(At(owner, "to")), IdStr(M("east2").id)) << audit.body;
    EXPECT_EQ(IdStr(At(item, "userId")), IdStr(M("sup_east").id)) << audit.body;
  }
  EXPECT_TRUE(found) << "no transfer entry: " << audit.body;
}

// A search reads cached id lists (the index's hits, the ids a rep may read; db/search_id_cache.h).
// A transfer and a deletion must show in the very next search of everyone concerned, totals too.
TEST_F(AccessTransferTest, SearchesFollowATransferAndADeletionAtOnce) {
  const std::string q = Query({{"q", kSharedWord}});
  const json::value& cid = M("east1").customers[0].at("id");
  const std::string id = IdStr(cid);
  int64_t east1_total = 0, east2_total = 0, admin_total = 0;
  ASSERT_EQ(ListIds(As("east1"), "customers", q, &east1_total).count(id), 1u);
  ASSERT_EQ(ListIds(As("east2"), "customers", q, &east2_total).count(id), 0u);
  ASSERT_EQ(ListIds(*admin, "customers", q, &admin_total).count(id), 1u);

  HttpResponse r = As("sup_east").Post(RecordPath("customers", cid) + "/transfer",
                                       json::object{{"toUserId", M("east2").id}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  int64_t total = 0;
  EXPECT_EQ(ListIds(As("east1"), "customers", q, &total).count(id), 0u) << "the old owner's next search";
  EXPECT_EQ(total, east1_total - 1);
  EXPECT_EQ(ListIds(As("east2"), "customers", q, &total).count(id), 1u) << "the new owner's next search";
  EXPECT_EQ(total, east2_total + 1);

  HttpResponse del = admin->Delete(RecordPath("customers", cid));
  ASSERT_EQ(del.status, 204) << del.Describe();
  EXPECT_EQ(ListIds(As("east2"), "customers", q, &total).count(id), 0u) << "deleted";
  EXPECT_EQ(total, east2_total);
  EXPECT_EQ(ListIds(*admin, "customers", q, &total).count(id), 0u) << "deleted, for the admin too";
  EXPECT_EQ(total, admin_total - 1);
}

TEST_F(AccessTransferTest, ExecutiveTransfersAcrossRegions) {
  const json::value& cid = M("south4").customers[1].at("id");
  HttpResponse r = As("exec").Post(RecordPath("customers", cid) + "/transfer",
                                   json::object{{"toUserId", M("east3").id}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(IdStr(At(r.json, "ownerId")), IdStr(M("east3").id));
  EXPECT_EQ(As("sup_east").Get(RecordPath("customers", cid)).status, 200);
  EXPECT_EQ(As("sup_south").Get(RecordPath("customers", cid)).status, 404);
}

TEST_F(AccessTransferTest, RefusedTransfersChangeNothing) {
  const json::value& own = M("east1").customers[0].at("id");
  const json::value& other = M("south1").customers[0].at("id");
  std::string before_own = Snapshot("customers", own), before_other = Snapshot("customers", other);
  auto transfer = [&](const std::string& by, const json::value& id, const std::string& to) {
    return As(by).Post(RecordPath("customers", id) + "/transfer",
                       json::object{{"toUserId", M(to).id}});
  };
  EXPECT_EQ(transfer("east1", own, "east2").status, 403);
  EXPECT_EQ(transfer("east1", other, "east1").status, 404);
  EXPECT_EQ(transfer("sup_east", other, "east1").status, 404);
  EXPECT_EQ(Snapshot("customers", own), before_own);
  EXPECT_EQ(Snapshot("customers", other), before_other);
}

TEST_F(AccessTransferTest, TransferRecordsMovesEverythingAUserOwns) {
  std::string path = RecordPath("users", M("east1").id) + "/transfer-records";
  std::string totals = Totals();
  HttpResponse refused = As("sup_east").Post(path, json::object{{"toUserId", M("east2").id}});
  EXPECT_EQ(refused.status, 403) << refused.Describe();
  EXPECT_EQ(ListIds(As("east1"), "customers"), CustomerIdsOf({"east1"}));

  HttpResponse r = admin->Post(path, json::object{{"toUserId", M("east2").id}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(At(At(r.json, "transferred"), "customers"), json::value(kCustomersPerRep)) << r.body;
  EXPECT_EQ(At(At(r.json, "transferred"), "contacts"), json::value(kCustomersPerRep)) << r.body;
  int64_t total = -1;
  EXPECT_EQ(ListIds(As("east1"), "customers", "", &total).size(), 0u);
  EXPECT_EQ(total, 0);
  EXPECT_EQ(ListIds(As("east1"), "contacts", "", &total).size(), 0u);
  std::set<std::string> want = CustomerIdsOf({"east1", "east2"});
  EXPECT_EQ(ListIds(As("east2"), "customers"), want);
  EXPECT_EQ(ListIds(As("east2"), "contacts"), ContactIdsOf({"east1", "east2"}));
  EXPECT_EQ(Totals(), totals) << "nothing created or lost";
  EXPECT_EQ(ListIds(As("south1"), "customers"), CustomerIdsOf({"south1"})) << "others untouched";
}

TEST_F(AccessTransferTest, ExplainSaysWhyAndWhat) {
  const json::value& cid = M("east1").customers[0].at("id");
  HttpResponse owner = Explain("east1", "customers", cid);
  ASSERT_EQ(owner.status, 200) << owner.Describe();
  EXPECT_EQ(At(owner.json, "visible"), json::value(true));
  EXPECT_EQ(Str(owner.json, "via"), "owner");
  ExpectActions(owner, {"read", "edit", "print"}, {"delete", "export", "import", "assign"});

  HttpResponse sup = Explain("sup_east", "customers", cid);
  ASSERT_EQ(sup.status, 200) << sup.Describe();
  EXPECT_EQ(At(sup.json, "visible"), json::value(true));
  EXPECT_EQ(Str(sup.json, "via"), "scope");
  EXPECT_EQ(Str(sup.json, "scope"), "department_tree");
  ExpectActions(sup, {"read", "edit", "delete", "export", "print", "assign"}, {});

  HttpResponse stranger = Explain("south1", "customers", cid);
  ASSERT_EQ(stranger.status, 200) << stranger.Describe();
  EXPECT_EQ(At(stranger.json, "visible"), json::value(false));
  EXPECT_TRUE(Actions(stranger).empty()) << stranger.body;

  HttpResponse exec = Explain("exec", "customers", cid);
  EXPECT_EQ(Str(exec.json, "scope"), "all") << exec.body;
  ExpectActions(exec, {"read", "edit", "export", "print", "assign"}, {"delete"});

  ASSERT_EQ(As("east1")
                .Post(RecordPath("customers", cid) + "/members",
                      json::object{{"userId", M("south1").id}, {"access", "read"}})
                .status,
            201);
  HttpResponse shared = Explain("south1", "customers", cid);
  EXPECT_EQ(At(shared.json, "visible"), json::value(true)) << shared.body;
  EXPECT_EQ(Str(shared.json, "via"), "share") << shared.body;
  ExpectActions(shared, {"read"}, {"edit", "delete", "export", "assign"});
}

TEST_F(AccessTransferTest, ExplainIsForAdminsOnly) {
  const json::value& cid = M("east1").customers[0].at("id");
  for (const char* key : {"east1", "sup_east", "exec"}) {
    HttpResponse r = Explain("east1", "customers", cid, &As(key));
    EXPECT_EQ(r.status, 403) << key << ": " << r.Describe();
  }
}

}  // namespace
}  // namespace kehu::apitest
