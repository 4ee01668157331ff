// A sales rep (east1) attacks another rep's records on every route: same department (east2) and
// the other region (south1). Each attempt must look exactly like "no such record" (404, absent from
// lists, totals, search, related lists) or be refused outright, and must change nothing.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class AccessRepIsolationTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg();
  }
};

TEST_F(AccessRepIsolationTest, RepListsOnlyOwnCustomersAndContactsWithMatchingTotals) {
  int64_t total = -1;
  EXPECT_EQ(ListIds(As("east1"), "customers", "", &total), CustomerIdsOf({"east1"}));
  EXPECT_EQ(total, kCustomersPerRep);
  EXPECT_EQ(ListIds(As("east1"), "contacts", "", &total), ContactIdsOf({"east1"}));
  EXPECT_EQ(total, kCustomersPerRep);
  EXPECT_EQ(ListIds(As("south1"), "customers", "", &total), CustomerIdsOf({"south1"}));
  EXPECT_EQ(total, kCustomersPerRep);
  // A list of a few columns (what the list page asks for) filters the same way.
  EXPECT_EQ(ListIds(As("east1"), "customers", Query({{"fields", "name,ownerId"}}), &total), CustomerIdsOf({"east1"}));
  EXPECT_EQ(total, kCustomersPerRep);
  // The admin sees everything, so the data the reps do not see is really there.
  EXPECT_EQ(Total("customers"), 2 * kRepsPerDepartment * kCustomersPerRep);
  EXPECT_EQ(Total("contacts"), 2 * kRepsPerDepartment * kCustomersPerRep);
}

TEST_F(AccessRepIsolationTest, RepQueryAndFilterSearchFindOnlyOwnRecords) {
  int64_t total = -1;
  std::set<std::string> hits =
      ListIds(As("east1"), "customers", Query({{"q", kSharedWord}}), &total);
  EXPECT_EQ(hits, CustomerIdsOf({"east1"}));
  EXPECT_EQ(total, kCustomersPerRep);
  EXPECT_EQ(Total("customers", Query({{"q", kSharedWord}})),
            2 * kRepsPerDepartment * kCustomersPerRep);
  // Naming another rep's customer exactly finds nothing, by q= and by a field filter.
  for (const char* other : {"east2", "south1"}) {
    SCOPED_TRACE(other);
    std::string name = Str(json::value(M(other).customers[0]), "name");
    EXPECT_EQ(ListIds(As("east1"), "customers", Query({{"q", name}}), &total).size(), 0u);
    EXPECT_EQ(total, 0);
    EXPECT_EQ(ListIds(As("east1"), "customers", Query({{"name", name}}), &total).size(), 0u);
    EXPECT_EQ(total, 0);
    std::string id = IdStr(M(other).customers[0].at("id"));
    EXPECT_EQ(ListIds(As("east1"), "contacts", Query({{"customerId", id}}), &total).size(), 0u);
    EXPECT_EQ(total, 0);
  }
}

TEST_F(AccessRepIsolationTest, RepGlobalSearchDoesNotRevealOtherRepsRecords) {
  for (const char* other : {"east2", "south1"}) {
    SCOPED_TRACE(other);
    const json::object& c = M(other).customers[0];
    const json::object& p = M(other).contacts[0];
    std::string c_name = Str(json::value(c), "name");
    std::string p_name = Str(json::value(p), "name");
    HttpResponse mine = As("east1").Get("/api/v1/search" + Query({{"q", c_name}}));
    ASSERT_EQ(mine.status, 200) << mine.Describe();
    EXPECT_FALSE(SearchHas(mine, "customers", c.at("id"))) << mine.body;
    HttpResponse mine_p = As("east1").Get("/api/v1/search" + Query({{"q", p_name}}));
    ASSERT_EQ(mine_p.status, 200) << mine_p.Describe();
    EXPECT_FALSE(SearchHas(mine_p, "contacts", p.at("id"))) << mine_p.body;
    // Control: the owner finds them.
    HttpResponse theirs = As(other).Get("/api/v1/search" + Query({{"q", c_name}}));
    EXPECT_TRUE(SearchHas(theirs, "customers", c.at("id"))) << theirs.body;
  }
  const json::object& own = M("east1").customers[0];
  HttpResponse own_hit =
      As("east1").Get("/api/v1/search" + Query({{"q", Str(json::value(own), "name")}}));
  EXPECT_TRUE(SearchHas(own_hit, "customers", own.at("id"))) << own_hit.body;
}

TEST_F(AccessRepIsolationTest, RepGetsOtherRepsRecordAndRelatedListAs404LikeAbsent) {
  HttpResponse absent = As("east1").Get("/api/v1/customers/987654321");
  ASSERT_EQ(absent.status, 404) << absent.Describe();
  for (const char* other : {"east2", "south1"}) {
    SCOPED_TRACE(other);
    const json::value& cid = M(other).customers[0].at("id");
    HttpResponse got = As("east1").Get(RecordPath("customers", cid));
    EXPECT_EQ(got.status, 404) << got.Describe();
    EXPECT_EQ(Str(At(got.json, "error"), "code"), Str(At(absent.json, "error"), "code"));
    EXPECT_EQ(got.body.find(Str(json::value(M(other).customers[0]), "name")), std::string::npos);
    HttpResponse contact = As("east1").Get(RecordPath("contacts", M(other).contacts[0].at("id")));
    EXPECT_EQ(contact.status, 404) << contact.Describe();
    HttpResponse related = As("east1").Get(RecordPath("customers", cid) + "/contacts");
    EXPECT_EQ(related.status, 404) << related.Describe();
  }
  HttpResponse own =
      As("east1").Get(RecordPath("customers", M("east1").customers[0].at("id")) + "/contacts");
  ASSERT_EQ(own.status, 200) << own.Describe();
  std::vector<std::string> ids = Ids(own);
  EXPECT_EQ(ids, std::vector<std::string>{IdStr(M("east1").contacts[0].at("id"))});
}

TEST_F(AccessRepIsolationTest, RepCannotEditDeleteTransferOrShareOtherRepsRecords) {
  for (const char* other : {"east2", "south1"}) {
    SCOPED_TRACE(other);
    const json::value& cid = M(other).customers[0].at("id");
    const json::value& pid = M(other).contacts[0].at("id");
    std::string before_c = Snapshot("customers", cid);
    std::string before_p = Snapshot("contacts", pid);
    std::string totals = Totals();
    Client& a = As("east1");
    std::string path = RecordPath("customers", cid);
    EXPECT_EQ(a.Patch(path, json::object{{"version", 1}, {"name", "被篡改"}}).status, 404);
    // sales_rep has delete none, so the answer may be 403, but exactly as for an absent id.
    EXPECT_EQ(a.Delete(path).status, a.Delete("/api/v1/customers/987654321").status);
    EXPECT_EQ(a.Post(path + "/transfer", json::object{{"toUserId", M("east1").id}}).status, 404);
    EXPECT_EQ(
        a.Post(path + "/members", json::object{{"userId", M("east1").id}, {"access", "write"}})
            .status,
        404);
    EXPECT_EQ(a.Get(path + "/members").status, 404);
    EXPECT_EQ(a.Delete(path + "/members/" + IdStr(M(other).id)).status, 404);
    std::string ppath = RecordPath("contacts", pid);
    EXPECT_EQ(a.Patch(ppath, json::object{{"version", 1}, {"name", "被篡改"}}).status, 404);
    EXPECT_EQ(a.Delete(ppath).status, a.Delete("/api/v1/contacts/987654321").status);
    EXPECT_EQ(Snapshot("customers", cid), before_c);
    EXPECT_EQ(Snapshot("contacts", pid), before_p);
    EXPECT_EQ(Totals(), totals);
    EXPECT_EQ(ListIds(As(other), "customers"), CustomerIdsOf({other})) << "the owner keeps them";
  }
}

// The contract's rule: an invisible record is 404 on DELETE too, whatever the role's delete scope
// (a rep has delete none: 403 only for their own records).
TEST_F(AccessRepIsolationTest, RepDeleteOfAnInvisibleRecordIs404) {
  for (const char* other : {"east2", "south1"}) {
    SCOPED_TRACE(other);
    std::string totals = Totals();
    EXPECT_EQ(As("east1").Delete(RecordPath("customers", M(other).customers[0].at("id"))).status,
              404);
    EXPECT_EQ(As("east1").Delete(RecordPath("contacts", M(other).contacts[0].at("id"))).status,
              404);
    EXPECT_EQ(Totals(), totals);
  }
}

TEST_F(AccessRepIsolationTest, RepCannotAttachAContactToAnInvisibleCustomer) {
  std::string totals = Totals();
  const json::value& theirs = M("south1").customers[0].at("id");
  HttpResponse r = As("east1").Post("/api/v1/contacts",
                                    json::object{{"name", "偷偷挂靠"}, {"customerId", theirs}});
  EXPECT_EQ(r.status, 422) << r.Describe();
  EXPECT_EQ(FieldError(r, "customerId"), "not_found") << r.body;
  // The same answer as for a customer that does not exist at all.
  HttpResponse absent = As("east1").Post(
      "/api/v1/contacts", json::object{{"name", "偷偷挂靠"}, {"customerId", 987654321}});
  EXPECT_EQ(absent.status, 422) << absent.Describe();
  EXPECT_EQ(FieldError(absent, "customerId"), "not_found") << absent.body;
  EXPECT_EQ(Totals(), totals);
  EXPECT_EQ(ListIds(As("south1"), "customers/" + IdStr(theirs) + "/contacts").size(), 1u);
}

TEST_F(AccessRepIsolationTest, RepExportIs403AndRepMayNotDeleteOrTransferOwnRecords) {
  std::string totals = Totals();
  HttpResponse exp = As("east1").Get("/api/v1/customers/export?format=csv");
  EXPECT_EQ(exp.status, 403) << exp.Describe();
  EXPECT_EQ(exp.body.find(kSharedWord), std::string::npos);
  EXPECT_EQ(As("east1").Get("/api/v1/contacts/export?format=csv").status, 403);
  const json::value& own = M("east1").customers[0].at("id");
  std::string before = Snapshot("customers", own);
  HttpResponse del = As("east1").Delete(RecordPath("customers", own));
  EXPECT_EQ(del.status, 403) << "sales_rep has delete none: " << del.Describe();
  HttpResponse tr = As("east1").Post(RecordPath("customers", own) + "/transfer",
                                     json::object{{"toUserId", M("east2").id}});
  EXPECT_EQ(tr.status, 403) << "sales_rep has assign none: " << tr.Describe();
  EXPECT_EQ(Snapshot("customers", own), before);
  EXPECT_EQ(Totals(), totals);
}

TEST_F(AccessRepIsolationTest, RepEditsOwnRecord) {
  const json::value& own = M("east1").customers[0].at("id");
  HttpResponse r = As("east1").Patch(RecordPath("customers", own),
                                     json::object{{"version", 1}, {"phone", "021-66668888"}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(r.json, "phone"), "021-66668888");
}

}  // namespace
}  // namespace kehu::apitest
