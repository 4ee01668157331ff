// kehu generate (benchmark data, issue #6): the bulk-loaded records behave like records made through
// the API: reps see exactly their own, supervisors their department's, search finds generated names,
// new records get fresh ids, the audit chain stays valid, and a second run is refused.
#include <algorithm>

#include "harness.h"

namespace kehu::apitest {
namespace {

using GenerateTest = ApiTest;

constexpr int kCustomers = 600, kContacts = 1300;

class Generated : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    CreateCustomer({{"name", "生成前已有的公司"}});
    server->Stop();
    CliResult gen = server->RunCli({"generate", "--db", server->db_url(), "--customers",
                                    std::to_string(kCustomers), "--contacts", std::to_string(kContacts),
                                    "--users", "40", "--departments", "4", "--password", "Bench-Pass-2026"},
                                   120);
    ASSERT_EQ(gen.exit_code, 0) << gen.output;
    ASSERT_NE(gen.output.find("\"customers\":600"), std::string::npos) << gen.output;
    RestartServer();
  }

  std::unique_ptr<Client> As(const std::string& user) {
    auto c = NewClient();
    HttpResponse r = c->Login(user, "Bench-Pass-2026");
    EXPECT_EQ(r.status, 200) << r.Describe();
    user_id_ = r.json.at("user").at("id").as_int64();
    return c;
  }

  int64_t user_id_ = 0;
};

TEST_F(Generated, AdminSeesEverythingAndTheContactsBelongToTheirCustomers) {
  EXPECT_EQ(Total("customers"), kCustomers + 1);
  EXPECT_EQ(Total("contacts"), kContacts);
  HttpResponse list = admin->Get("/api/v1/customers?sort=id&pageSize=3&page=2");
  ASSERT_EQ(list.status, 200) << list.Describe();
  const auto& first = list.json.at("items").as_array().at(0).as_object();
  HttpResponse contacts = admin->Get("/api/v1/customers/" + IdStr(first.at("id")) + "/contacts");
  ASSERT_EQ(contacts.status, 200) << contacts.Describe();
  EXPECT_GE(contacts.json.at("total").as_int64(), 2);
  EXPECT_EQ(first.at("region").at("names").as_array().size(), 3u) << json::serialize(first);
}

TEST_F(Generated, ARepSeesOnlyOwnCustomersAndASupervisorTheDepartments) {
  auto rep = As("bench002");
  int64_t rep_id = user_id_;
  HttpResponse mine = rep->Get("/api/v1/customers?pageSize=200");
  ASSERT_EQ(mine.status, 200) << mine.Describe();
  int64_t rep_total = mine.json.at("total").as_int64();
  EXPECT_GT(rep_total, 0);
  EXPECT_LT(rep_total, kCustomers / 10);
  for (const auto& item : mine.json.at("items").as_array())
    EXPECT_EQ(item.at("ownerId").as_int64(), rep_id) << json::serialize(item);
  EXPECT_EQ(rep_total, Total("customers", "?ownerId=" + std::to_string(rep_id)));

  // Another rep's customer stays invisible by id, in lists and in search.
  HttpResponse other = admin->Get("/api/v1/customers?ownerId=" + std::to_string(rep_id + 1) + "&pageSize=1");
  ASSERT_EQ(other.status, 200) << other.Describe();
  ASSERT_FALSE(other.json.at("items").as_array().empty());
  const auto& theirs = other.json.at("items").as_array().at(0).as_object();
  EXPECT_EQ(rep->Get("/api/v1/customers/" + IdStr(theirs.at("id"))).status, 404);
  HttpResponse search = rep->Get("/api/v1/customers?q=" + UrlEncode(std::string(theirs.at("name").as_string())));
  ASSERT_EQ(search.status, 200);
  for (const auto& item : search.json.at("items").as_array())
    EXPECT_EQ(item.at("ownerId").as_int64(), rep_id);

  auto lead = As("bench001");  // leads bench001..bench010's department
  EXPECT_GT(lead->Get("/api/v1/customers?pageSize=1").json.at("total").as_int64(), rep_total);
}

TEST_F(Generated, SearchFindsGeneratedNamesByChineseAndPinyin) {
  HttpResponse list = admin->Get("/api/v1/customers?sort=id&pageSize=1&page=10");
  ASSERT_EQ(list.status, 200);
  const auto& c = list.json.at("items").as_array().at(0).as_object();
  std::string short_name(c.at("shortName").as_string());  // 网联科技: brand + trade
  HttpResponse hits = admin->Get("/api/v1/customers?pageSize=100&q=" + UrlEncode(short_name));
  ASSERT_EQ(hits.status, 200) << hits.Describe();
  std::vector<std::string> ids = Ids(hits);
  EXPECT_NE(std::find(ids.begin(), ids.end(), IdStr(c.at("id"))), ids.end())
      << short_name << " did not find " << json::serialize(c);
  HttpResponse global = admin->Get("/api/v1/search?q=" + UrlEncode(std::string(c.at("name").as_string())));
  ASSERT_EQ(global.status, 200) << global.Describe();
  EXPECT_NE(json::serialize(global.json).find(IdStr(c.at("id"))), std::string::npos);
}

TEST_F(Generated, NewRecordsGetFreshIdsAndTheAuditChainHolds) {
  HttpResponse last = admin->Get("/api/v1/customers?sort=-id&pageSize=1");
  ASSERT_EQ(last.status, 200);
  int64_t max_id = last.json.at("items").as_array().at(0).at("id").as_int64();
  json::object created = CreateCustomer({{"name", "生成之后新建的公司"}});
  EXPECT_GT(created.at("id").as_int64(), max_id);
  server->Stop();
  CliResult verify = server->RunCli({"audit", "verify", "--db", server->db_url()});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  CliResult again = server->RunCli({"generate", "--db", server->db_url(), "--customers", "10",
                                    "--contacts", "0", "--users", "4", "--departments", "1"});
  EXPECT_EQ(again.exit_code, 1) << "a second run must be refused: " << again.output;
  EXPECT_NE(again.output.find("already_generated"), std::string::npos) << again.output;
  server->Restart();
}

TEST_F(GenerateTest, BadOptionsAreRefusedWithoutWriting) {
  server->Stop();
  CliResult bad = server->RunCli({"generate", "--db", server->db_url(), "--users", "2", "--departments", "5"});
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  server->Restart();
  auto c = NewClient();
  EXPECT_EQ(c->Login("bench001", "kehu-bench-2026").status, 401);
}

// More hits than a list query takes as parameters (search_narrowing.h): pages are slices of the
// known results, and must be exactly the pages of the same list without the search.
TEST_F(GenerateTest, SearchesWithThousandsOfHitsPageLikeTheUnsearchedList) {
  server->Stop();
  CliResult gen = server->RunCli({"generate", "--db", server->db_url(), "--customers", "2600", "--contacts",
                                  "0", "--users", "10", "--departments", "2"}, 120);
  ASSERT_EQ(gen.exit_code, 0) << gen.output;
  RestartServer();
  for (int page : {1, 3, 52}) {
    std::string paging = "&sort=-id&pageSize=50&page=" + std::to_string(page);
    HttpResponse plain = admin->Get("/api/v1/customers?name%5Bcontains%5D=" + UrlEncode("有限") + paging);
    HttpResponse searched = admin->Get("/api/v1/customers?q=" + UrlEncode("有限") + paging);
    ASSERT_EQ(searched.status, 200) << searched.Describe();
    EXPECT_EQ(Ids(searched), Ids(plain)) << "page " << page;
    EXPECT_EQ(searched.json.at("total").as_int64(), 2600);
    EXPECT_EQ(plain.json.at("total").as_int64(), 2600);
  }
  HttpResponse newest = admin->Get("/api/v1/customers?sort=-id&pageSize=3");
  HttpResponse global = admin->Get("/api/v1/search?q=" + UrlEncode("有限"));
  ASSERT_EQ(global.status, 200) << global.Describe();
  std::string hits = json::serialize(global.json);
  for (const auto& id : Ids(newest)) EXPECT_NE(hits.find("\"id\":" + id), std::string::npos) << hits;

  auto rep = NewClient();
  ASSERT_EQ(rep->Login("bench002", "kehu-bench-2026").status, 200);
  HttpResponse mine = rep->Get("/api/v1/customers?pageSize=1");
  HttpResponse found = rep->Get("/api/v1/customers?pageSize=200&q=" + UrlEncode("有限"));
  ASSERT_EQ(found.status, 200) << found.Describe();
  EXPECT_EQ(found.json.at("total"), mine.json.at("total")) << "a rep's search counts only their own";
}

}  // namespace
}  // namespace kehu::apitest
