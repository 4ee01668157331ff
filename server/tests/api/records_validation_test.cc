// 422 validation_failed with per-field codes, and nothing written.
#include "harness.h"

namespace kehu::apitest {
namespace {

class RecordsValidationTest : public ApiTest {
 protected:
  // Posts `body`, expects 422 validation_failed naming `field`, and that no customer was written.
  // Returns the field's error code.
  std::string Expect422(const std::string& entity, const json::object& body,
                        const std::string& field) {
    int64_t before = Total(entity);
    HttpResponse r = admin->Post("/api/v1/" + entity, body);
    EXPECT_EQ(r.status, 422) << json::serialize(body) << " -> " << r.Describe();
    const auto& error = At(r.json, "error");
    EXPECT_EQ(Str(error, "code"), "validation_failed") << r.body;
    EXPECT_FALSE(Str(error, "message").empty()) << r.body;
    const auto& code = At(At(error, "fields"), field);
    EXPECT_TRUE(code.is_string() && !code.get_string().empty())
        << "fields." << field << " missing: " << r.body;
    EXPECT_EQ(Total(entity), before) << "a rejected create wrote a record";
    return code.is_string() ? std::string(code.get_string()) : "";
  }
};

TEST_F(RecordsValidationTest, MissingNameIsRequired) {
  EXPECT_EQ(Expect422("customers", {{"phone", "010-12345678"}}, "name"), "required");
}

TEST_F(RecordsValidationTest, NullOrBlankNameIsRequired) {
  EXPECT_EQ(Expect422("customers", {{"name", nullptr}}, "name"), "required");
  EXPECT_EQ(Expect422("customers", {{"name", ""}}, "name"), "required");
}

TEST_F(RecordsValidationTest, BadEmailIsRejected) {
  for (const char* email : {"not-an-email", "a@", "@b.cn", "a b@c.cn"}) {
    SCOPED_TRACE(email);
    Expect422("customers", {{"name", "邮箱公司"}, {"email", email}}, "email");
  }
}

TEST_F(RecordsValidationTest, EnumValueOutsideTheOptionsIsRejected) {
  Expect422("customers", {{"name", "类别公司"}, {"category", "vip"}}, "category");
  Expect422("customers", {{"name", "类别公司"}, {"category", "现有客户"}}, "category");
  for (const char* ok : {"current", "potential", "partner", "agent"}) {
    SCOPED_TRACE(ok);
    json::object c = CreateCustomer({{"name", std::string("类别 ") + ok}, {"category", ok}});
    EXPECT_EQ(Str(json::value(c), "category"), ok);
  }
}

TEST_F(RecordsValidationTest, BadPhoneIsRejected) {
  for (const char* phone : {"1", "12345", "abc", "010-1"}) {
    SCOPED_TRACE(phone);
    Expect422("customers", {{"name", "电话公司"}, {"phone", phone}}, "phone");
  }
}

// CHINA.md: landlines with area code (400/800 hotlines too); mainland mobiles stored as E.164.
TEST_F(RecordsValidationTest, PhoneAndMobileFormatsAccepted) {
  for (const char* phone : {"010-65528888", "0755-12345678", "400-810-8888", "13812345678"}) {
    SCOPED_TRACE(phone);
    HttpResponse r =
        admin->Post("/api/v1/customers", json::object{{"name", std::string("电话 ") + phone}, {"phone", phone}});
    EXPECT_EQ(r.status, 201) << r.Describe();
  }
  json::object c = CreateCustomer({{"name", "手机公司"}});
  for (const char* mobile : {"13812345678", "+8613812345678", "008613812345678", "138 1234 5678"}) {
    SCOPED_TRACE(mobile);
    HttpResponse r =
        admin->Post("/api/v1/contacts",
                    json::object{{"customerId", c["id"]}, {"name", "手机"}, {"mobile", mobile}});
    ASSERT_EQ(r.status, 201) << r.Describe();
    EXPECT_EQ(Str(r.json, "mobile"), "+8613812345678");
  }
  HttpResponse bad = admin->Post(
      "/api/v1/contacts",
      json::object{{"customerId", c["id"]}, {"name", "手机"}, {"mobile", "12812345678"}});
  EXPECT_EQ(bad.status, 422) << bad.Describe();
}

TEST_F(RecordsValidationTest, DuplicateCodeIsUnique) {
  CreateCustomer({{"name", "甲公司"}, {"code", "KH-001"}});
  EXPECT_EQ(Expect422("customers", {{"name", "乙公司"}, {"code", "KH-001"}}, "code"), "unique");
}

TEST_F(RecordsValidationTest, DuplicateCodeByPatchIsUniqueAndChangesNothing) {
  CreateCustomer({{"name", "甲公司"}, {"code", "KH-001"}});
  json::object b = CreateCustomer({{"name", "乙公司"}, {"code", "KH-002"}});
  std::string path = "/api/v1/customers/" + IdStr(b["id"]);
  HttpResponse r = admin->Patch(path, json::object{{"version", 1}, {"code", "KH-001"}});
  ASSERT_EQ(r.status, 422) << r.Describe();
  EXPECT_EQ(Str(At(At(r.json, "error"), "fields"), "code"), "unique") << r.body;
  HttpResponse got = admin->Get(path);
  EXPECT_EQ(Str(got.json, "code"), "KH-002");
  EXPECT_EQ(At(got.json, "version"), json::value(1));
}

TEST_F(RecordsValidationTest, InvalidPatchChangesNothing) {
  json::object c = CreateCustomer({{"name", "原名公司"}, {"email", "a@b.cn"}});
  std::string path = "/api/v1/customers/" + IdStr(c["id"]);
  HttpResponse r =
      admin->Patch(path, json::object{{"version", 1}, {"email", "bad"}, {"phone", "010-99999999"}});
  EXPECT_EQ(r.status, 422) << r.Describe();
  HttpResponse blank = admin->Patch(path, json::object{{"version", 1}, {"name", ""}});
  EXPECT_EQ(blank.status, 422) << blank.Describe();
  HttpResponse got = admin->Get(path);
  EXPECT_EQ(Str(got.json, "email"), "a@b.cn");
  EXPECT_EQ(At(got.json, "phone"), At(json::value(c), "phone"));
  EXPECT_EQ(At(got.json, "version"), json::value(1));
}

TEST_F(RecordsValidationTest, ContactNeedsCustomerAndName) {
  json::object c = CreateCustomer({{"name", "有联系人的公司"}});
  EXPECT_EQ(Expect422("contacts", {{"name", "李娜"}}, "customerId"), "required");
  EXPECT_EQ(Expect422("contacts", {{"customerId", c["id"]}}, "name"), "required");
}

TEST_F(RecordsValidationTest, ContactOfAnAbsentCustomerIsRejected) {
  HttpResponse r =
      admin->Post("/api/v1/contacts", json::object{{"customerId", 987654321}, {"name", "孤儿"}});
  EXPECT_TRUE(r.status == 422 || r.status == 400 || r.status == 404) << r.Describe();
  EXPECT_EQ(Total("contacts"), 0);
}

}  // namespace
}  // namespace kehu::apitest
