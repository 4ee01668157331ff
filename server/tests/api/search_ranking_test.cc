// Search at scale (issue #6): results too many to rank row by row are ranked in tiers (exact
// title, then titles starting with the query, then the rest, each newest first), and common
// words' index reads are cached. Neither may lose a hit, miscount, or let a stale
// cached result through after a write; the exact match stays first. On both databases.
#include <algorithm>
#include <set>

#include "harness.h"

namespace kehu::apitest {
namespace {

constexpr int kGenerated = 2300;  // every generated name has 有限 (…有限公司): over 2,000 hits

class SearchRankingTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    server->Stop();
    CliResult gen = server->RunCli({"generate", "--db", server->db_url(), "--customers", std::to_string(kGenerated),
                                    "--contacts", "0", "--users", "10", "--departments", "2"},
                                   120);
    ASSERT_EQ(gen.exit_code, 0) << gen.output;
    RestartServer();
  }

  HttpResponse Search(const std::string& q, int page, int page_size = 200) {
    HttpResponse r = admin->Get("/api/v1/customers" + Query({{"q", q}, {"page", std::to_string(page)},
                                                             {"pageSize", std::to_string(page_size)}}));
    EXPECT_EQ(r.status, 200) << r.Describe();
    return r;
  }

  // Every id of every page of the search, in order; `total` as the first page says.
  std::vector<std::string> AllPages(const std::string& q, int64_t& total) {
    HttpResponse first = Search(q, 1);
    total = first.json.at("total").as_int64();
    std::vector<std::string> ids = Ids(first);
    for (int page = 2; page <= (total + 199) / 200; ++page) {
      std::vector<std::string> more = Ids(Search(q, page));
      ids.insert(ids.end(), more.begin(), more.end());
    }
    return ids;
  }

  // The same records without the search: the name filter, every page.
  std::set<std::string> Containing(const std::string& text) {
    std::set<std::string> ids;
    for (int page = 1;; ++page) {
      HttpResponse r = admin->Get("/api/v1/customers" + Query({{"name[contains]", text}, {"sort", "id"},
                                                               {"page", std::to_string(page)}, {"pageSize", "200"}}));
      EXPECT_EQ(r.status, 200) << r.Describe();
      std::vector<std::string> got = Ids(r);
      ids.insert(got.begin(), got.end());
      if (got.size() < 200 || HasFailure()) return ids;
    }
  }
};

TEST_F(SearchRankingTest, ManyHitsKeepEveryHitTheTotalAndTheExactMatchFirst) {
  json::object prefix = CreateCustomer({{"name", "有限责任测试样本"}, {"confirm", json::array{"name"}}});
  json::object exact = CreateCustomer({{"name", "有限"}, {"confirm", json::array{"name"}}});
  // The newest, and neither exact nor a prefix match.
  json::object newest = CreateCustomer({{"name", "最新的有限公司样本"}, {"confirm", json::array{"name"}}});

  int64_t total = 0;
  std::vector<std::string> ranked = AllPages("有限", total);
  std::set<std::string> expected = Containing("有限");
  EXPECT_EQ(total, kGenerated + 3);
  EXPECT_EQ(static_cast<int64_t>(expected.size()), kGenerated + 3);
  EXPECT_EQ(ranked.size(), expected.size()) << "pages must neither lose nor repeat hits";
  EXPECT_EQ(std::set<std::string>(ranked.begin(), ranked.end()), expected);
  ASSERT_GE(ranked.size(), 2u);
  EXPECT_EQ(ranked[0], IdStr(exact.at("id"))) << "the exact title match comes first";
  EXPECT_EQ(ranked[1], IdStr(prefix.at("id"))) << "then titles that start with the query";

  // ASCII case-insensitive, as the plain ranking: every generated e-mail is info<n>@…, so "info"
  // has thousands of hits, "INFO" is its exact match and "Info中心" starts with it.
  json::object starts = CreateCustomer({{"name", "Info中心"}, {"confirm", json::array{"name"}}});
  json::object latin = CreateCustomer({{"name", "INFO"}, {"confirm", json::array{"name"}}});
  HttpResponse info = Search("info", 1, 5);
  EXPECT_EQ(info.json.at("total").as_int64(), kGenerated + 2);
  ASSERT_EQ(info.json.at("items").as_array().size(), 5u);
  EXPECT_EQ(Ids(info)[0], IdStr(latin.at("id")));
  EXPECT_EQ(Ids(info)[1], IdStr(starts.at("id")));

  // An explicit sort still wins over relevance.
  HttpResponse by_id = admin->Get("/api/v1/customers" + Query({{"q", "有限"}, {"sort", "-id"}, {"pageSize", "1"}}));
  EXPECT_EQ(Ids(by_id), std::vector<std::string>{IdStr(newest.at("id"))});
}

// Writes between two searches show in the second: created, renamed away, deleted and restored
// records, for a common word (thousands of hits) and a rare one.
TEST_F(SearchRankingTest, WritesShowInTheNextSearch) {
  int64_t before = Search("有限", 1, 1).json.at("total").as_int64();
  EXPECT_EQ(Names(Search("甲乙丙丁", 1)), std::vector<std::string>{});

  json::object c = CreateCustomer({{"name", "甲乙丙丁有限公司"}, {"confirm", json::array{"name"}}});
  EXPECT_EQ(Search("有限", 1, 1).json.at("total").as_int64(), before + 1);
  EXPECT_EQ(Names(Search("甲乙丙丁", 1)), std::vector<std::string>{"甲乙丙丁有限公司"});

  std::string path = "/api/v1/customers/" + IdStr(c.at("id"));
  HttpResponse renamed = admin->Patch(path, json::object{{"version", 1}, {"name", "甲乙丙丁商行"}});
  ASSERT_EQ(renamed.status, 200) << renamed.Describe();
  EXPECT_EQ(Search("有限", 1, 1).json.at("total").as_int64(), before);
  EXPECT_EQ(Names(Search("甲乙丙丁", 1)), std::vector<std::string>{"甲乙丙丁商行"});

  ASSERT_EQ(admin->Delete(path).status, 204);
  EXPECT_EQ(Names(Search("甲乙丙丁", 1)), std::vector<std::string>{});
  HttpResponse first = Search("有限", 1, 1);
  ASSERT_FALSE(first.json.at("items").as_array().empty());
  std::string some = Ids(first)[0];
  ASSERT_EQ(admin->Delete("/api/v1/customers/" + some).status, 204);
  int64_t total = 0;
  std::vector<std::string> all = AllPages("有限", total);
  EXPECT_EQ(total, before - 1);
  EXPECT_EQ(std::find(all.begin(), all.end(), some), all.end()) << "a deleted record left the results";

  ASSERT_EQ(admin->Send("POST", path + "/restore", "").status, 200);
  EXPECT_EQ(Names(Search("甲乙丙丁", 1)), std::vector<std::string>{"甲乙丙丁商行"});
}

// The cache's stamp moves with the index itself, not with our write paths: a row removed from the
// search table by plain SQL (another server, a repair script) is gone from the next search.
TEST_F(SearchRankingTest, ADirectChangeToTheIndexShowsInTheNextSearch) {
  int64_t before = 0;
  std::vector<std::string> all = AllPages("有限", before);  // fills the cache
  ASSERT_GT(all.size(), 2u);
  const std::string gone = all[all.size() / 2];
  const bool pg = server->db_url().starts_with("postgres");
  ASSERT_EQ(server->ExecSql("DELETE FROM customers_search WHERE " + std::string(pg ? "record_id" : "rowid") +
                            " = " + gone),
            "");
  int64_t after = 0;
  std::vector<std::string> again = AllPages("有限", after);
  EXPECT_EQ(after, before - 1);
  EXPECT_EQ(again.size(), all.size() - 1);
  EXPECT_EQ(std::find(again.begin(), again.end(), gone), again.end()) << "a stale cached result";
}

// A rep's search over the same common word: only their own, all of them, the count exact.
TEST_F(SearchRankingTest, ARepsSearchCountsExactlyTheirOwn) {
  auto rep = NewClient();
  HttpResponse login = rep->Login("bench002", "kehu-bench-2026");
  ASSERT_EQ(login.status, 200) << login.Describe();
  int64_t rep_id = login.json.at("user").at("id").as_int64();
  Search("有限", 1, 1);  // the admin's read fills the cache first
  HttpResponse found = rep->Get("/api/v1/customers?pageSize=200&q=" + UrlEncode("有限"));
  ASSERT_EQ(found.status, 200) << found.Describe();
  int64_t own = Total("customers", "?ownerId=" + std::to_string(rep_id));
  EXPECT_GT(own, 0);
  EXPECT_EQ(found.json.at("total").as_int64(), own);
  for (const auto& item : found.json.at("items").as_array())
    EXPECT_EQ(item.at("ownerId").as_int64(), rep_id) << json::serialize(item);
}

}  // namespace
}  // namespace kehu::apitest
