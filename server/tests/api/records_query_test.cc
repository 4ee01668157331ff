// Lists: paging, sorting, filters, relation filters, related lists.
#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "harness.h"

namespace kehu::apitest {
namespace {

class RecordsQueryTest : public ApiTest {
 protected:
  // Five customers created out of name order.
  void SeedFive() {
    Create("Delta", "agent", "010-44444444", "D-1", "north");
    Create("Bravo", "partner", "", "B-1", "south");
    Create("Echo", "current", "010-55555555", "E-1", "north");
    Create("Alpha", "partner", "010-11111111", "A-1", "south");
    Create("Charlie", "potential", "", "C-1", "north");
  }

  void Create(const char* name, const char* category, const char* phone, const char* code,
              const char* address) {
    json::object fields{
        {"name", name}, {"category", category}, {"code", code}, {"address", address}};
    if (*phone) fields["phone"] = phone;
    CreateCustomer(fields);
  }

  // Names of GET /api/v1/customers<query>, asserting 200.
  std::vector<std::string> ListNames(const std::string& query) {
    HttpResponse r = admin->Get("/api/v1/customers" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.Describe();
    return Names(r);
  }

  static std::vector<std::string> Sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }
};

using Names_ = std::vector<std::string>;

TEST_F(RecordsQueryTest, ListShapeAndDefaults) {
  SeedFive();
  HttpResponse r = admin->Get("/api/v1/customers");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(At(r.json, "total"), json::value(5));
  EXPECT_EQ(At(r.json, "page"), json::value(1));
  EXPECT_EQ(At(r.json, "pageSize"), json::value(50));
  ASSERT_TRUE(At(r.json, "items").is_array());
  EXPECT_EQ(At(r.json, "items").get_array().size(), 5u);
}

TEST_F(RecordsQueryTest, PagingWithSortByName) {
  SeedFive();
  HttpResponse p2 = admin->Get("/api/v1/customers?sort=name&pageSize=2&page=2");
  ASSERT_EQ(p2.status, 200) << p2.Describe();
  EXPECT_EQ(Names(p2), (Names_{"Charlie", "Delta"}));
  EXPECT_EQ(At(p2.json, "total"), json::value(5));
  EXPECT_EQ(At(p2.json, "page"), json::value(2));
  EXPECT_EQ(At(p2.json, "pageSize"), json::value(2));
  EXPECT_EQ(ListNames("?sort=name&pageSize=2&page=1"), (Names_{"Alpha", "Bravo"}));
  EXPECT_EQ(ListNames("?sort=name&pageSize=2&page=3"), (Names_{"Echo"}));
  HttpResponse beyond = admin->Get("/api/v1/customers?sort=name&pageSize=2&page=4");
  EXPECT_EQ(Names(beyond), Names_{});
  EXPECT_EQ(At(beyond.json, "total"), json::value(5));
}

TEST_F(RecordsQueryTest, SortAscendingDescendingAndByTwoKeys) {
  SeedFive();
  EXPECT_EQ(ListNames("?sort=name"), (Names_{"Alpha", "Bravo", "Charlie", "Delta", "Echo"}));
  EXPECT_EQ(ListNames("?sort=-name"), (Names_{"Echo", "Delta", "Charlie", "Bravo", "Alpha"}));
  EXPECT_EQ(ListNames("?sort=address,-name"),
            (Names_{"Echo", "Delta", "Charlie", "Bravo", "Alpha"}))
      << "north before south, then name descending";
}

TEST_F(RecordsQueryTest, SortAndCompareByCreatedAt) {
  json::object a = CreateCustomer({{"name", "First"}});
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  json::object b = CreateCustomer({{"name", "Second"}});
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CreateCustomer({{"name", "Third"}});
  EXPECT_EQ(ListNames("?sort=-createdAt"), (Names_{"Third", "Second", "First"}));
  EXPECT_EQ(ListNames("?sort=createdAt"), (Names_{"First", "Second", "Third"}));
  std::string at_b = Str(json::value(b), "createdAt");
  EXPECT_EQ(ListNames(Query({{"createdAt[gt]", at_b}})), (Names_{"Third"}));
  EXPECT_EQ(ListNames(Query({{"createdAt[lt]", at_b}})), (Names_{"First"}));
  EXPECT_EQ(Sorted(ListNames(Query({{"createdAt[gte]", at_b}}))), (Names_{"Second", "Third"}));
  EXPECT_EQ(Sorted(ListNames(Query({{"createdAt[lte]", at_b}}))), (Names_{"First", "Second"}));
  (void)a;
}

TEST_F(RecordsQueryTest, EqualsAndNotEquals) {
  SeedFive();
  EXPECT_EQ(Sorted(ListNames("?category=partner")), (Names_{"Alpha", "Bravo"}));
  EXPECT_EQ(Sorted(ListNames("?category[ne]=partner")), (Names_{"Charlie", "Delta", "Echo"}));
  EXPECT_EQ(ListNames("?code=C-1"), (Names_{"Charlie"}));
  EXPECT_EQ(ListNames("?category=partner&phone=010-11111111"), (Names_{"Alpha"}))
      << "filters combine (AND)";
  EXPECT_EQ(Total("customers", "?category=partner"), 2);
}

TEST_F(RecordsQueryTest, ContainsStartsWithIn) {
  SeedFive();
  EXPECT_EQ(ListNames("?name[contains]=har"), (Names_{"Charlie"}));
  EXPECT_EQ(ListNames("?name[startsWith]=De"), (Names_{"Delta"}));
  EXPECT_EQ(ListNames("?name[startsWith]=elta"), Names_{});
  EXPECT_EQ(Sorted(ListNames("?category[in]=agent,current")), (Names_{"Delta", "Echo"}));
  EXPECT_EQ(Sorted(ListNames("?sort=name&code[in]=A-1,E-1,Z-9")), (Names_{"Alpha", "Echo"}));
}

TEST_F(RecordsQueryTest, ContainsTreatsLikeWildcardsLiterally) {
  CreateCustomer({{"name", "折扣100%公司"}});
  CreateCustomer({{"name", "折扣1000公司"}});
  CreateCustomer({{"name", "a_b 公司"}});
  CreateCustomer({{"name", "axb 公司"}});
  EXPECT_EQ(ListNames(Query({{"name[contains]", "100%"}})), (Names_{"折扣100%公司"}));
  EXPECT_EQ(ListNames(Query({{"name[contains]", "a_b"}})), (Names_{"a_b 公司"}));
  EXPECT_EQ(ListNames(Query({{"name[startsWith]", "折扣100%"}})), (Names_{"折扣100%公司"}));
}

TEST_F(RecordsQueryTest, ChineseValuesInFilters) {
  CreateCustomer({{"name", "北京网联科技有限公司"}, {"address", "北京市海淀区"}});
  CreateCustomer({{"name", "上海浦东发展"}, {"address", "上海市浦东新区"}});
  EXPECT_EQ(ListNames(Query({{"name", "北京网联科技有限公司"}})), (Names_{"北京网联科技有限公司"}));
  EXPECT_EQ(ListNames(Query({{"address[startsWith]", "上海市"}})), (Names_{"上海浦东发展"}));
  EXPECT_EQ(ListNames(Query({{"name[contains]", "网联"}})), (Names_{"北京网联科技有限公司"}));
}

TEST_F(RecordsQueryTest, IsNull) {
  SeedFive();
  EXPECT_EQ(Sorted(ListNames("?phone[isNull]=true")), (Names_{"Bravo", "Charlie"}));
  EXPECT_EQ(Sorted(ListNames("?phone[isNull]=false")), (Names_{"Alpha", "Delta", "Echo"}));
}

TEST_F(RecordsQueryTest, PageSizeBounds) {
  SeedFive();
  HttpResponse one = admin->Get("/api/v1/customers?pageSize=1&sort=name");
  EXPECT_EQ(Names(one), (Names_{"Alpha"}));
  EXPECT_EQ(At(one.json, "total"), json::value(5));
  HttpResponse max = admin->Get("/api/v1/customers?pageSize=200");
  EXPECT_EQ(max.status, 200) << max.Describe();
  EXPECT_EQ(At(max.json, "pageSize"), json::value(200));
}

// The keys of a JSON object, for comparing an item's shape.
std::set<std::string> Keys(const json::value& v) {
  std::set<std::string> out;
  for (const auto& kv : v.as_object()) out.insert(std::string(kv.key()));
  return out;
}

TEST_F(RecordsQueryTest, FieldsKeepOnlyTheAskedFieldsWithTheSameValues) {
  SeedFive();
  HttpResponse full = admin->Get("/api/v1/customers?sort=name");
  HttpResponse some = admin->Get("/api/v1/customers?sort=name&fields=phone,ownerId,name");
  ASSERT_EQ(some.status, 200) << some.Describe();
  EXPECT_EQ(At(some.json, "total"), json::value(5));
  const auto& all = At(full.json, "items").get_array();
  const auto& items = At(some.json, "items").get_array();
  ASSERT_EQ(items.size(), 5u);
  ASSERT_EQ(all.size(), 5u);
  for (size_t i = 0; i < items.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(Keys(items[i]), (std::set<std::string>{"id", "version", "name", "phone", "ownerId", "_display"}));
    for (const char* k : {"id", "version", "name", "phone", "ownerId"}) EXPECT_EQ(At(items[i], k), At(all[i], k)) << k;
    // Display names only for the relations asked for (the full record also names its creator).
    EXPECT_EQ(Keys(At(items[i], "_display")), std::set<std::string>{"ownerId"});
    EXPECT_EQ(At(At(items[i], "_display"), "ownerId"), At(At(all[i], "_display"), "ownerId"));
  }
  EXPECT_GT(Keys(all[0]).size(), 20u) << "without fields= every field is there";
  // Filters and sorts may name fields that are not returned.
  EXPECT_EQ(Names(admin->Get("/api/v1/customers?sort=-code&category=partner&fields=name")), (Names_{"Bravo", "Alpha"}));
}

TEST_F(RecordsQueryTest, FieldsNamingAnUnknownFieldOrGivenTwiceIs400) {
  SeedFive();
  HttpResponse unknown = admin->Get("/api/v1/customers?fields=name,noSuchField");
  ASSERT_EQ(unknown.status, 400) << unknown.Describe();
  EXPECT_EQ(Str(At(unknown.json, "error"), "code"), "unknown_field");
  EXPECT_NE(unknown.body.find("noSuchField"), std::string::npos) << unknown.body;
  HttpResponse empty = admin->Get("/api/v1/customers?fields=");
  EXPECT_EQ(empty.status, 400) << empty.Describe();
  HttpResponse twice = admin->Get("/api/v1/customers?fields=name&fields=code");
  ASSERT_EQ(twice.status, 400) << twice.Describe();
  EXPECT_EQ(Str(At(twice.json, "error"), "code"), "bad_parameter");
  // An export always writes whole rows.
  HttpResponse exported = admin->Get("/api/v1/customers/export?format=csv&fields=name");
  EXPECT_EQ(exported.status, 400) << exported.Describe();
}

class RelatedListTest : public RecordsQueryTest {
 protected:
  void SetUp() override {
    RecordsQueryTest::SetUp();
    if (HasFatalFailure()) return;
    a_ = CreateCustomer({{"name", "甲公司"}});
    b_ = CreateCustomer({{"name", "乙公司"}});
    CreateContact({{"customerId", a_["id"]}, {"name", "王芳"}});
    CreateContact({{"customerId", b_["id"]}, {"name", "李强"}});
    CreateContact({{"customerId", a_["id"]}, {"name", "刘洋"}});
  }
  json::object a_, b_;
};

TEST_F(RelatedListTest, ContactsFilteredByCustomerId) {
  HttpResponse r = admin->Get("/api/v1/contacts?sort=name&customerId=" + IdStr(a_["id"]));
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Sorted(Names(r)), Sorted({"王芳", "刘洋"}));
  EXPECT_EQ(At(r.json, "total"), json::value(2));
  for (const auto& item : At(r.json, "items").get_array()) {
    EXPECT_EQ(At(item, "customerId"), a_["id"]);
  }
}

TEST_F(RelatedListTest, CustomerContactsListsOnlyThatCustomers) {
  HttpResponse r = admin->Get("/api/v1/customers/" + IdStr(b_["id"]) + "/contacts");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Names(r), (Names_{"李强"}));
  EXPECT_EQ(At(r.json, "total"), json::value(1));
  HttpResponse paged = admin->Get("/api/v1/customers/" + IdStr(a_["id"]) + "/contacts?pageSize=1");
  ASSERT_EQ(paged.status, 200) << paged.Describe();
  EXPECT_EQ(Names(paged).size(), 1u);
  EXPECT_EQ(At(paged.json, "total"), json::value(2));
}

TEST_F(RelatedListTest, DeletedContactsLeaveTheRelatedList) {
  HttpResponse before = admin->Get("/api/v1/customers/" + IdStr(a_["id"]) + "/contacts");
  ASSERT_EQ(Ids(before).size(), 2u) << before.body;
  ASSERT_EQ(admin->Delete("/api/v1/contacts/" + Ids(before)[0]).status, 204);
  HttpResponse after = admin->Get("/api/v1/customers/" + IdStr(a_["id"]) + "/contacts");
  EXPECT_EQ(Ids(after), std::vector<std::string>{Ids(before)[1]});
}

TEST_F(RelatedListTest, RelatedListTakesFields) {
  HttpResponse r = admin->Get("/api/v1/customers/" + IdStr(a_["id"]) + "/contacts?sort=name&fields=name,customerId");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Sorted(Names(r)), Sorted({"王芳", "刘洋"}));
  for (const auto& item : At(r.json, "items").get_array()) {
    EXPECT_EQ(Keys(item), (std::set<std::string>{"id", "version", "name", "customerId", "_display"}));
    EXPECT_EQ(Str(At(item, "_display"), "customerId"), "甲公司");
  }
}

TEST_F(RelatedListTest, RelatedListOfAnAbsentCustomerIs404) {
  HttpResponse r = admin->Get("/api/v1/customers/987654321/contacts");
  EXPECT_EQ(r.status, 404) << r.Describe();
}

}  // namespace
}  // namespace kehu::apitest
