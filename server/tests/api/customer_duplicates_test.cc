// 查重: likely duplicates by company name (legal form, width and script folded), credit code,
// phone and email — warned on create and edit (confirm to proceed), and looked up by the 查重
// endpoint, which tells another rep who owns a customer without revealing the record.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class CustomerDuplicatesTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg(false);
    HttpResponse r = As("east1").Post("/api/v1/customers", json::object{
        {"name", "北京网联科技有限公司"}, {"phone", "13812345678"}, {"email", "info@wanglian.cn"},
        {"creditCode", "91350100M000100Y43"}, {"remarks", "东区一号的机密备注"}});
    ASSERT_EQ(r.status, 201) << r.Describe();
    original_ = r.json.as_object();
  }
  json::object original_;
};

TEST_F(CustomerDuplicatesTest, CreatingALikelyDuplicateAsksForConfirmationAndNamesTheOwner) {
  Client& rival = As("south1");
  json::object body{{"name", "北京網聯科技股份有限公司"}};
  HttpResponse ask = rival.Post("/api/v1/customers", body);
  ASSERT_EQ(ask.status, 422) << ask.Describe();
  EXPECT_EQ(Str(At(ask.json, "error"), "code"), "confirmation_required");
  EXPECT_EQ(Str(At(At(ask.json, "error"), "fields"), "name"), "duplicate");
  const auto& candidates = At(ask.json, "candidates");
  ASSERT_TRUE(candidates.is_array() && candidates.as_array().size() == 1) << ask.body;
  const auto& c = candidates.as_array()[0];
  EXPECT_EQ(Str(c, "title"), "北京网联科技有限公司");
  EXPECT_EQ(IdStr(At(c, "ownerId")), IdStr(M("east1").id));
  EXPECT_FALSE(Str(c, "ownerName").empty());
  EXPECT_TRUE(At(c, "id").is_null()) << "the rival may not read it, so no id: " << ask.body;
  EXPECT_EQ(ask.body.find("机密"), std::string::npos) << "no other field leaks";
  EXPECT_EQ(ask.body.find("13812345678"), std::string::npos);

  body["confirm"] = json::array{"name"};
  EXPECT_EQ(rival.Post("/api/v1/customers", body).status, 201) << "confirmed, it is saved";
}

TEST_F(CustomerDuplicatesTest, EachDuplicateFieldIsCheckedWithItsOwnNormalization) {
  Client& rep = As("east2");
  struct Case { json::object body; const char* field; };
  for (const auto& [body, field] : std::vector<Case>{
           {{{"name", "甲公司"}, {"phone", "+86 138 1234 5678"}}, "phone"},
           {{{"name", "乙公司"}, {"creditCode", "9135 0100 m000 100y 43"}}, "creditCode"},
           {{{"name", "丙公司"}, {"email", "info@wanglian.cn"}}, "email"}}) {
    SCOPED_TRACE(field);
    HttpResponse r = rep.Post("/api/v1/customers", body);
    ASSERT_EQ(r.status, 422) << r.Describe();
    EXPECT_EQ(Str(At(At(r.json, "error"), "fields"), field), "duplicate") << r.body;
  }
  EXPECT_EQ(Total("customers", "?q=甲公司"), 0) << "nothing written while unconfirmed";
}

TEST_F(CustomerDuplicatesTest, RenamingIntoADuplicateAsksButTheRecordItselfDoesNot) {
  Client& owner = As("east1");
  std::string path = "/api/v1/customers/" + IdStr(At(original_, "id"));
  HttpResponse same = owner.Patch(path, json::object{{"version", At(original_, "version")}, {"name", "北京网联科技 有限公司"}});
  EXPECT_EQ(same.status, 200) << "a record is no duplicate of itself: " << same.Describe();

  json::object other = CreateCustomer({{"name", "上海恒通贸易有限公司"}});
  HttpResponse rename = admin->Patch("/api/v1/customers/" + IdStr(At(other, "id")),
                                     json::object{{"version", At(other, "version")}, {"name", "北京网联科技集团有限公司"}});
  ASSERT_EQ(rename.status, 422) << rename.Describe();
  const auto& c = At(rename.json, "candidates").as_array()[0];
  EXPECT_EQ(IdStr(At(c, "id")), IdStr(At(original_, "id"))) << "admins may read it, so the id comes along";
}

TEST_F(CustomerDuplicatesTest, LookupEndpointRevealsOwnerNotRecordAndIgnoresDeleted) {
  HttpResponse r = As("south2").Get("/api/v1/customers/duplicates" + Query({{"name", "北京网联科技"}, {"phone", "13812345678"}}));
  ASSERT_EQ(r.status, 200) << r.Describe();
  const auto& list = At(r.json, "candidates").as_array();
  ASSERT_EQ(list.size(), 1u) << r.body;
  EXPECT_EQ(json::serialize(At(list[0], "matchedOn")), R"(["name","phone"])");
  EXPECT_TRUE(At(list[0], "id").is_null());
  EXPECT_FALSE(At(list[0], "remarks").is_string());

  HttpResponse mine = As("east1").Get("/api/v1/customers/duplicates?creditCode=91350100M000100Y43");
  EXPECT_EQ(IdStr(At(At(mine.json, "candidates").as_array()[0], "id")), IdStr(At(original_, "id")));

  EXPECT_EQ(As("east1").Get("/api/v1/customers/duplicates?remarks=x").status, 400);
  EXPECT_EQ(As("east1").Get("/api/v1/customers/duplicates?phone=12").status, 422);
  EXPECT_EQ(At(As("east1").Get("/api/v1/customers/duplicates?name=有限公司").json, "candidates").as_array().size(), 0u);

  ASSERT_EQ(admin->Delete("/api/v1/customers/" + IdStr(At(original_, "id"))).status, 204);
  HttpResponse gone = As("south2").Get("/api/v1/customers/duplicates?name=北京网联科技");
  EXPECT_TRUE(At(gone.json, "candidates").as_array().empty()) << "records in the recycle bin are no duplicates";
}

}  // namespace
}  // namespace kehu::apitest
