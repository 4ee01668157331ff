// 合并: the merged-away customer's contacts, child companies, attachments and shares move to the
// survivor, blanks are filled, both sides are audited, and the merged one goes to the recycle bin.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class CustomerMergeTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg(false);
  }
  json::object Create(Client& c, const std::string& entity, const json::object& body) {
    json::object b = body;
    b["confirm"] = json::array{"name", "phone", "email", "creditCode"};  // they are duplicates on purpose
    HttpResponse r = c.Post("/api/v1/" + entity, b);
    EXPECT_EQ(r.status, 201) << r.Describe();
    return r.json.is_object() ? r.json.as_object() : json::object{};
  }
};

TEST_F(CustomerMergeTest, RelatedRecordsFilesAndBlanksMoveToTheSurvivor) {
  json::object into = Create(*admin, "customers", {{"name", "北京网联科技有限公司"}, {"phone", "010-65528888"}});
  json::object from = Create(*admin, "customers", {{"name", "北京網聯科技股份有限公司"}, {"phone", "010-12345678"},
                                                   {"email", "info@wanglian.cn"}, {"industry", "it"}});
  std::string into_id = IdStr(At(into, "id")), from_id = IdStr(At(from, "id"));
  Create(*admin, "contacts", {{"customerId", At(from, "id")}, {"name", "王伟"}});
  Create(*admin, "contacts", {{"customerId", At(from, "id")}, {"name", "李娜"}});
  Create(*admin, "customers", {{"name", "网联深圳分公司"}, {"parentCompanyId", At(from, "id")}});
  HttpResponse file = admin->Send("POST", "/api/v1/files?name=" + UrlEncode("合同.pdf") + "&recordEntity=customers&recordId=" + from_id,
                                  "%PDF-1.4 test", {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(file.status, 201) << file.Describe();

  HttpResponse r = admin->Post("/api/v1/customers/" + into_id + "/merge", json::object{{"fromId", At(from, "id")}, {"fields", json::array{"phone"}}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  const auto& merged = At(r.json, "record");
  EXPECT_EQ(Str(merged, "name"), "北京网联科技有限公司") << "the survivor keeps its own values";
  EXPECT_EQ(Str(merged, "phone"), "010-12345678") << "fields named in `fields` are taken";
  EXPECT_EQ(Str(merged, "email"), "info@wanglian.cn") << "blanks are filled";
  EXPECT_EQ(Str(merged, "industry"), "it");
  EXPECT_EQ(json::serialize(At(r.json, "moved")), R"({"contacts":2,"customers":1,"files":1})");

  EXPECT_EQ(Total("contacts", "?customerId=" + into_id), 2);
  EXPECT_EQ(Total("customers", "?parentCompanyId=" + into_id), 1);
  HttpResponse files = admin->Get("/api/v1/files?recordEntity=customers&recordId=" + into_id);
  EXPECT_EQ(At(files.json, "items").as_array().size(), 1u) << files.body;
  EXPECT_EQ(admin->Get("/api/v1/customers/" + from_id).status, 404) << "the merged one is in the recycle bin";
  EXPECT_EQ(Total("customers", "?deleted=true&id=" + from_id), 1);

  HttpResponse history = admin->Get("/api/v1/audit?entity=customers&recordId=" + into_id);
  EXPECT_NE(history.body.find("\"merge\""), std::string::npos) << history.body;
  HttpResponse gone = admin->Get("/api/v1/audit?entity=customers&recordId=" + from_id);
  EXPECT_NE(gone.body.find("merged_into"), std::string::npos) << gone.body;
}

TEST_F(CustomerMergeTest, OnlyThoseWhoMayEditBothAndDeleteTheOtherMayMerge) {
  json::object mine = Create(As("east1"), "customers", {{"name", "东区客户甲"}});
  json::object theirs = Create(As("south1"), "customers", {{"name", "南区客户乙"}});
  json::object mine2 = Create(As("east1"), "customers", {{"name", "东区客户丙"}});
  std::string path = "/api/v1/customers/" + IdStr(At(mine, "id")) + "/merge";
  EXPECT_EQ(As("east1").Post(path, json::object{{"fromId", At(theirs, "id")}}).status, 404) << "another rep's customer stays invisible";
  EXPECT_EQ(As("east1").Post(path, json::object{{"fromId", At(mine2, "id")}}).status, 403) << "reps may not delete, so may not merge";
  EXPECT_EQ(admin->Post(path, json::object{{"fromId", At(mine, "id")}}).status, 422);
  EXPECT_EQ(admin->Post(path, json::object{{"fromId", "x"}}).status, 400);
  EXPECT_EQ(admin->Post(path, json::object{{"fromId", At(mine2, "id")}, {"fields", json::array{"code"}}}).status, 422) << "unique fields cannot be taken";
  EXPECT_EQ(Total("customers", "?q=东区客户丙"), 1) << "refused merges change nothing";
}

}  // namespace
}  // namespace kehu::apitest
