// Full-text search: Chinese substrings (2 and 4 characters), 简繁 folding, pinyin initials,
// global search, and the index following updates and deletes.
#include "harness.h"

namespace kehu::apitest {
namespace {

constexpr const char* kWanglian = "北京网联科技有限公司";

class SearchTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    wanglian_ = CreateCustomer({{"name", kWanglian}, {"code", "KH-WL"}});
    CreateCustomer({{"name", "上海浦东发展有限公司"}});
    CreateCustomer({{"name", "广州联合网络公司"}});  // has 联 and 网, not 网联
  }

  // Names found by GET /api/v1/customers?q=…
  std::vector<std::string> Find(const std::string& q) {
    HttpResponse r = admin->Get("/api/v1/customers" + Query({{"q", q}}));
    EXPECT_EQ(r.status, 200) << q << ": " << r.Describe();
    return Names(r);
  }

  // results[] of GET /api/v1/search?q=…
  json::array Global(const std::string& q) {
    HttpResponse r = admin->Get("/api/v1/search" + Query({{"q", q}}));
    EXPECT_EQ(r.status, 200) << q << ": " << r.Describe();
    const auto& results = At(r.json, "results");
    EXPECT_TRUE(results.is_array()) << r.body;
    return results.is_array() ? results.get_array() : json::array{};
  }

  static bool HasResult(const json::array& results, const char* entity, const json::value& id) {
    for (const auto& r : results) {
      if (Str(r, "entity") == entity && IdStr(At(r, "id")) == IdStr(id)) return true;
    }
    return false;
  }

  json::object wanglian_;
};

using V = std::vector<std::string>;

TEST_F(SearchTest, TwoCharacterChineseSubstring) { EXPECT_EQ(Find("网联"), V{kWanglian}); }

TEST_F(SearchTest, FourCharacterChineseSubstring) { EXPECT_EQ(Find("网联科技"), V{kWanglian}); }

TEST_F(SearchTest, TraditionalCharactersFindSimplified) {
  EXPECT_EQ(Find("網聯"), V{kWanglian});
  EXPECT_EQ(Find("網聯科技"), V{kWanglian});
}

TEST_F(SearchTest, OtherTextDoesNotMatch) {
  EXPECT_EQ(Find("上海"), V{"上海浦东发展有限公司"});
  EXPECT_EQ(Find("深圳"), V{});
  EXPECT_EQ(Find("网联上海"), V{});
}

TEST_F(SearchTest, PinyinInitials) { EXPECT_EQ(Find("bjwl"), V{kWanglian}); }

// Issue #5: full pinyin, phone fragments and email find the customer too.
TEST_F(SearchTest, FullPinyinPhoneFragmentsAndEmail) {
  json::object c = CreateCustomer({{"name", "杭州恒通贸易有限公司"}, {"phone", "13812345678"}, {"email", "sales@hengtong.cn"}});
  EXPECT_EQ(Find("wanglian"), V{kWanglian});
  EXPECT_EQ(Find("2345678"), V{"杭州恒通贸易有限公司"}) << "a fragment of the mobile";
  EXPECT_EQ(Find("hengtong.cn"), V{"杭州恒通贸易有限公司"});
}

// Issue #5: exact and prefix matches of the name come first, whatever was updated last.
TEST_F(SearchTest, ExactAndPrefixMatchesRankFirst) {
  CreateCustomer({{"name", "上海网联"}, {"confirm", json::array{"name"}}});
  CreateCustomer({{"name", "网联科技（深圳）有限公司"}});
  CreateCustomer({{"name", "网联"}});
  CreateCustomer({{"name", "宁波网联贸易公司"}});  // newest, but neither exact nor prefix
  std::vector<std::string> found = Find("网联");
  ASSERT_GE(found.size(), 4u);
  EXPECT_EQ(found[0], "网联");
  EXPECT_EQ(found[1], "网联科技（深圳）有限公司");
  json::array global = Global("网联");
  ASSERT_FALSE(global.empty());
  EXPECT_EQ(Str(global[0], "title"), "网联") << json::serialize(global);
  std::vector<std::string> sorted = Names(admin->Get("/api/v1/customers" + Query({{"q", "网联"}, {"sort", "-createdAt"}})));
  EXPECT_EQ(sorted[0], "宁波网联贸易公司") << "an explicit sort wins over relevance";
}

TEST_F(SearchTest, SearchCombinesWithFilters) {
  HttpResponse r = admin->Get("/api/v1/customers" + Query({{"q", "有限公司"}, {"code", "KH-WL"}}));
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Names(r), V{kWanglian});
  EXPECT_EQ(At(r.json, "total"), json::value(1));
}

TEST_F(SearchTest, GlobalSearchReturnsEntityIdAndTitle) {
  json::array results = Global("网联");
  ASSERT_EQ(results.size(), 1u) << json::serialize(results);
  EXPECT_EQ(Str(results[0], "entity"), "customers");
  EXPECT_EQ(IdStr(At(results[0], "id")), IdStr(wanglian_["id"]));
  EXPECT_EQ(Str(results[0], "title"), kWanglian);
}

TEST_F(SearchTest, ContactsAreSearchableByName) {
  json::object p = CreateContact({{"customerId", wanglian_["id"]}, {"name", "欧阳明远"}});
  HttpResponse r = admin->Get("/api/v1/contacts" + Query({{"q", "明远"}}));
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Names(r), V{"欧阳明远"});
  EXPECT_TRUE(HasResult(Global("欧阳"), "contacts", p["id"])) << json::serialize(Global("欧阳"));
}

TEST_F(SearchTest, DeletedCustomerLeavesTheResults) {
  ASSERT_EQ(admin->Delete("/api/v1/customers/" + IdStr(wanglian_["id"])).status, 204);
  EXPECT_EQ(Find("网联"), V{});
  EXPECT_FALSE(HasResult(Global("网联"), "customers", wanglian_["id"]));
}

TEST_F(SearchTest, RestoredCustomerIsFoundAgain) {
  std::string path = "/api/v1/customers/" + IdStr(wanglian_["id"]);
  ASSERT_EQ(admin->Delete(path).status, 204);
  ASSERT_EQ(admin->Send("POST", path + "/restore", "").status, 200);
  EXPECT_EQ(Find("网联"), V{kWanglian});
}

TEST_F(SearchTest, RenamedCustomerIsFoundByItsNewNameOnly) {
  std::string path = "/api/v1/customers/" + IdStr(wanglian_["id"]);
  HttpResponse r =
      admin->Patch(path, json::object{{"version", 1}, {"name", "深圳华星电子有限公司"}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Find("网联"), V{});
  EXPECT_EQ(Find("华星"), V{"深圳华星电子有限公司"});
}

// An edit that leaves every search field alone keeps the index as it is; an edit of one search
// field rebuilds the document from that new value and the unchanged others.
TEST_F(SearchTest, EditsKeepTheIndexWhole) {
  std::string path = "/api/v1/customers/" + IdStr(wanglian_["id"]);
  HttpResponse r = admin->Patch(path, json::object{{"version", 1}, {"remarks", "老客户，季度回访"}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Find("网联"), V{kWanglian});
  EXPECT_EQ(Find("bjwl"), V{kWanglian});
  EXPECT_EQ(Find("季度回访"), V{});  // remarks are not a search field
  r = admin->Patch(path, json::object{{"version", 2}, {"phone", "010-62345678"}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Find("62345678"), V{kWanglian});
  EXPECT_EQ(Find("网联"), V{kWanglian});
  EXPECT_EQ(Find("bjwl"), V{kWanglian});
}

TEST_F(SearchTest, SearchSurvivesARestart) {
  RestartServer();
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_EQ(Find("网联"), V{kWanglian});
}

}  // namespace
}  // namespace kehu::apitest
