// Create, read, update (optimistic locking), soft delete, restore, purge.
#include <regex>

#include "harness.h"

namespace kehu::apitest {
namespace {

using RecordsCrudTest = ApiTest;

const std::regex kUtcIso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z)");

// Chinese as typed, including a character outside the BMP (4 bytes in UTF-8), full-width letters,
// traditional characters and a combining accent: display text is stored exactly as entered.
const char* kTrickyName = "北京网联科技有限公司𠀀（ＡＢＣ）網聯 Cafe\u0301";

json::object FullCustomer() {
  return {{"name", kTrickyName},
          {"code", "KH-0001"},
          {"category", "partner"},
          {"phone", "010-65528888"},
          {"email", "contact@wanglian.cn"},
          {"address", "北京市朝阳区建国路88号 SOHO 现代城 2 号楼"}};
}

std::string PathOf(const json::object& record) {
  return "/api/v1/customers/" + IdStr(record.contains("id") ? record.at("id") : json::value());
}

TEST_F(RecordsCrudTest, CreateReturns201LocationAndTheFullRecord) {
  json::object fields = FullCustomer();
  HttpResponse r = admin->Post("/api/v1/customers", fields);
  ASSERT_EQ(r.status, 201) << r.Describe();
  const json::value& rec = r.json;
  std::string id = IdStr(At(rec, "id"));
  ASSERT_FALSE(At(rec, "id").is_null()) << r.body;
  std::string location = r.Header("Location");
  std::string want = "/api/v1/customers/" + id;
  EXPECT_TRUE(location.size() >= want.size() &&
              location.compare(location.size() - want.size(), want.size(), want) == 0)
      << "Location: " << location;
  EXPECT_EQ(At(rec, "version"), json::value(1));
  EXPECT_TRUE(std::regex_match(Str(rec, "createdAt"), kUtcIso)) << Str(rec, "createdAt");
  EXPECT_TRUE(std::regex_match(Str(rec, "updatedAt"), kUtcIso)) << Str(rec, "updatedAt");
  EXPECT_EQ(At(rec, "createdById"), At(admin_user, "id"));
  EXPECT_EQ(At(rec, "updatedById"), At(admin_user, "id"));
  EXPECT_EQ(At(rec, "ownerId"), At(admin_user, "id")) << "owner defaults to the creator";
  for (const auto& [key, value] : fields) EXPECT_EQ(At(rec, key), value) << "field " << key;
}

TEST_F(RecordsCrudTest, GetReturnsWhatCreateReturned) {
  json::object created = CreateCustomer(FullCustomer());
  HttpResponse r = admin->Get(PathOf(created));
  ASSERT_EQ(r.status, 200) << r.Describe();
  for (const auto& [key, value] : created) EXPECT_EQ(At(r.json, key), value) << "field " << key;
  EXPECT_EQ(Str(r.json, "name"), kTrickyName) << "text must come back byte for byte";
}

TEST_F(RecordsCrudTest, AbsentIdIs404) {
  CreateCustomer({{"name", "唯一的客户"}});
  HttpResponse r = admin->Get("/api/v1/customers/987654321");
  EXPECT_EQ(r.status, 404) << r.Describe();
  EXPECT_EQ(Str(At(r.json, "error"), "code"), "not_found") << r.body;
}

TEST_F(RecordsCrudTest, MalformedIdsAre400Or404NeverServerErrors) {
  for (const char* id :
       {"abc", "-1", "0", "1.5", "99999999999999999999999", "1e3", "%20", "0x10", "%E5%AE%A2"}) {
    SCOPED_TRACE(id);
    HttpResponse r = admin->Get(std::string("/api/v1/customers/") + id);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << r.Describe();
    EXPECT_TRUE(r.is_json && At(r.json, "error").is_object()) << r.body;
  }
}

TEST_F(RecordsCrudTest, PatchAppliesAndBumpsTheVersion) {
  json::object c = CreateCustomer(FullCustomer());
  HttpResponse r = admin->Patch(PathOf(c), json::object{{"version", 1}, {"phone", "021-12345678"}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(At(r.json, "version"), json::value(2));
  EXPECT_EQ(Str(r.json, "phone"), "021-12345678");
  EXPECT_EQ(Str(r.json, "name"), kTrickyName) << "untouched fields stay";
  EXPECT_EQ(Str(r.json, "email"), "contact@wanglian.cn");
  EXPECT_EQ(At(r.json, "createdAt"), c["createdAt"]);
  EXPECT_GE(Str(r.json, "updatedAt"), Str(json::value(c), "createdAt")) << r.body;
  HttpResponse got = admin->Get(PathOf(c));
  EXPECT_EQ(Str(got.json, "phone"), "021-12345678");
  EXPECT_EQ(At(got.json, "version"), json::value(2));
}

TEST_F(RecordsCrudTest, PatchWithStaleVersionIs409WithTheCurrentRecordAndChangesNothing) {
  json::object c = CreateCustomer(FullCustomer());
  ASSERT_EQ(admin->Patch(PathOf(c), json::object{{"version", 1}, {"phone", "010-11111111"}}).status,
            200);
  HttpResponse r = admin->Patch(PathOf(c), json::object{{"version", 1}, {"phone", "010-22222222"}});
  ASSERT_EQ(r.status, 409) << r.Describe();
  EXPECT_EQ(Str(At(r.json, "error"), "code"), "version_conflict") << r.body;
  EXPECT_FALSE(Str(At(r.json, "error"), "message").empty()) << r.body;
  const auto& current = At(r.json, "current");
  EXPECT_EQ(At(current, "version"), json::value(2)) << r.body;
  EXPECT_EQ(Str(current, "phone"), "010-11111111") << r.body;
  HttpResponse got = admin->Get(PathOf(c));
  EXPECT_EQ(Str(got.json, "phone"), "010-11111111");
  EXPECT_EQ(At(got.json, "version"), json::value(2));
}

TEST_F(RecordsCrudTest, PatchOfAnAbsentRecordIs404) {
  HttpResponse r = admin->Patch("/api/v1/customers/987654321",
                                json::object{{"version", 1}, {"phone", "010-11111111"}});
  EXPECT_EQ(r.status, 404) << r.Describe();
}

TEST_F(RecordsCrudTest, DeleteMovesToTheRecycleBinAndRestoreBringsItBack) {
  json::object keep = CreateCustomer({{"name", "保留公司"}});
  json::object c = CreateCustomer({{"name", "删除公司"}});
  std::string id = IdStr(c["id"]);
  HttpResponse del = admin->Delete(PathOf(c));
  ASSERT_EQ(del.status, 204) << del.Describe();
  EXPECT_TRUE(del.body.empty()) << del.body;
  EXPECT_EQ(admin->Get(PathOf(c)).status, 404);

  HttpResponse list = admin->Get("/api/v1/customers");
  EXPECT_EQ(Ids(list), std::vector<std::string>{IdStr(keep["id"])}) << list.body;
  EXPECT_EQ(At(list.json, "total"), json::value(1));
  HttpResponse bin = admin->Get("/api/v1/customers?deleted=true");
  ASSERT_EQ(bin.status, 200) << bin.Describe();
  EXPECT_EQ(Ids(bin), std::vector<std::string>{id}) << bin.body;

  HttpResponse restore = admin->Send("POST", PathOf(c) + "/restore", "");
  ASSERT_EQ(restore.status, 200) << restore.Describe();
  EXPECT_EQ(IdStr(At(restore.json, "id")), id) << restore.body;
  HttpResponse got = admin->Get(PathOf(c));
  ASSERT_EQ(got.status, 200) << got.Describe();
  EXPECT_EQ(Str(got.json, "name"), "删除公司");
  EXPECT_EQ(Total("customers"), 2);
  EXPECT_EQ(Total("customers", "?deleted=true"), 0);
}

TEST_F(RecordsCrudTest, PurgeRemovesADeletedRecordForGood) {
  json::object c = CreateCustomer({{"name", "彻底删除公司"}});
  ASSERT_EQ(admin->Delete(PathOf(c)).status, 204);
  HttpResponse purge = admin->Delete(PathOf(c) + "?purge=true");
  ASSERT_EQ(purge.status, 204) << purge.Describe();
  EXPECT_EQ(Total("customers", "?deleted=true"), 0);
  EXPECT_EQ(Total("customers"), 0);
  EXPECT_EQ(admin->Get(PathOf(c)).status, 404);
  HttpResponse restore = admin->Send("POST", PathOf(c) + "/restore", "");
  EXPECT_EQ(restore.status, 404) << restore.Describe();
}

TEST_F(RecordsCrudTest, PurgeOfALiveRecordIs409AndKeepsIt) {
  json::object c = CreateCustomer({{"name", "未删除公司"}});
  HttpResponse purge = admin->Delete(PathOf(c) + "?purge=true");
  EXPECT_EQ(purge.status, 409) << purge.Describe();
  EXPECT_FALSE(Str(At(purge.json, "error"), "code").empty()) << purge.body;
  EXPECT_EQ(admin->Get(PathOf(c)).status, 200);
  EXPECT_EQ(Total("customers"), 1);
}

TEST_F(RecordsCrudTest, DeletedRecordCannotBePatched) {
  json::object c = CreateCustomer({{"name", "已删公司"}});
  ASSERT_EQ(admin->Delete(PathOf(c)).status, 204);
  HttpResponse r = admin->Patch(PathOf(c), json::object{{"version", 1}, {"phone", "010-11111111"}});
  EXPECT_EQ(r.status, 404) << r.Describe();
}

TEST_F(RecordsCrudTest, ContactBelongsToACustomer) {
  json::object c = CreateCustomer({{"name", "联系人的公司"}});
  json::object p = CreateContact(
      {{"customerId", c["id"]}, {"name", "张伟"}, {"mobile", "13800138000"}, {"email", "zw@x.cn"}});
  EXPECT_EQ(At(p, "customerId"), c["id"]);
  EXPECT_EQ(Str(p, "name"), "张伟");
  EXPECT_EQ(Str(p, "mobile"), "+8613800138000") << "mainland mobiles are stored as E.164";
  EXPECT_EQ(At(p, "version"), json::value(1));
  HttpResponse got = admin->Get("/api/v1/contacts/" + IdStr(p["id"]));
  ASSERT_EQ(got.status, 200) << got.Describe();
  EXPECT_EQ(Str(got.json, "name"), "张伟");
}

}  // namespace
}  // namespace kehu::apitest
