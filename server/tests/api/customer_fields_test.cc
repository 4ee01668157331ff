// The customer master data rules of issue #5: regions from the division table, postal codes, and
// the 统一社会信用代码 whose failed check character asks for confirmation instead of rejecting.
#include "harness.h"

namespace kehu::apitest {
namespace {

class CustomerFieldsTest : public ApiTest {};

TEST_F(CustomerFieldsTest, RegionStoresTheCodeWithTheNamesAndFiltersByPrefix) {
  json::object chaoyang = CreateCustomer({{"name", "北京网联科技有限公司"}, {"region", json::object{{"code", "110105"}}}});
  EXPECT_EQ(json::serialize(At(chaoyang, "region")), R"({"code":"110105","names":["北京市","市辖区","朝阳区"]})");
  json::object nanshan = CreateCustomer({{"name", "深圳南山贸易公司"}, {"region", "440305"}});
  EXPECT_EQ(json::serialize(At(At(nanshan, "region"), "names")), R"(["广东省","深圳市","南山区"])");
  CreateCustomer({{"name", "广州天河商行"}, {"region", "440106"}});

  EXPECT_EQ(Total("customers", "?region[startsWith]=44"), 2) << "a province prefix finds its cities' customers";
  EXPECT_EQ(Total("customers", "?region[startsWith]=4403"), 1);
  EXPECT_EQ(Total("customers", "?region=110105"), 1);
  EXPECT_EQ(admin->Get("/api/v1/customers?region[startsWith]=44%25").status, 400);
  EXPECT_EQ(admin->Get("/api/v1/customers?region[contains]=44").status, 400);

  HttpResponse moved = admin->Patch("/api/v1/customers/" + IdStr(At(chaoyang, "id")),
                                    json::object{{"version", At(chaoyang, "version")}, {"region", json::object{{"code", "310104"}}}});
  ASSERT_EQ(moved.status, 200) << moved.Describe();
  EXPECT_EQ(json::serialize(At(At(moved.json, "region"), "names")), R"(["上海市","市辖区","徐汇区"])");
}

TEST_F(CustomerFieldsTest, UnknownRegionCodesAreRejected) {
  int64_t before = Total("customers");
  for (const char* code : {"110199", "999999", "11", "abcdef"}) {
    HttpResponse r = admin->Post("/api/v1/customers", json::object{{"name", "地区公司"}, {"region", code}});
    EXPECT_EQ(r.status, 422) << code << ": " << r.Describe();
    EXPECT_EQ(Str(At(At(r.json, "error"), "fields"), "region"), "invalid_region") << r.body;
  }
  EXPECT_EQ(admin->Post("/api/v1/customers", json::object{{"name", "地区公司"}, {"region", 110105}}).status, 400);
  EXPECT_EQ(Total("customers"), before);
}

TEST_F(CustomerFieldsTest, PostalCodesAreSixDigitsAndMayStartWithZero) {
  EXPECT_EQ(Str(CreateCustomer({{"name", "呼和浩特公司"}, {"postalCode", "010000"}}), "postalCode"), "010000");
  for (const char* bad : {"10008", "1000800", "10008a"}) {
    HttpResponse r = admin->Post("/api/v1/customers", json::object{{"name", "邮编公司"}, {"postalCode", bad}});
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(Str(At(At(r.json, "error"), "fields"), "postalCode"), "invalid_postal_code") << r.body;
  }
}

TEST_F(CustomerFieldsTest, CreditCodeIsNormalizedAndItsChecksumNeedsConfirmation) {
  json::object ok = CreateCustomer({{"name", "福建信用公司"}, {"creditCode", "9135 0100 m000 100y 43"}});
  EXPECT_EQ(Str(ok, "creditCode"), "91350100M000100Y43") << "upper-cased, spaces stripped";

  HttpResponse bad = admin->Post("/api/v1/customers", json::object{{"name", "非法代码公司"}, {"creditCode", "91350100M000100I43"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(Str(At(At(bad.json, "error"), "fields"), "creditCode"), "invalid_credit_code") << bad.body;

  // An early Xiamen pilot code fails the check character: asked, not refused.
  int64_t before = Total("customers");
  json::object pilot{{"name", "厦门试点公司"}, {"creditCode", "91350100M0001TGQXM"}};
  HttpResponse ask = admin->Post("/api/v1/customers", pilot);
  ASSERT_EQ(ask.status, 422) << ask.Describe();
  EXPECT_EQ(Str(At(ask.json, "error"), "code"), "confirmation_required");
  EXPECT_EQ(Str(At(At(ask.json, "error"), "fields"), "creditCode"), "checksum_mismatch");
  EXPECT_FALSE(Str(At(ask.json, "error"), "message").empty());
  EXPECT_EQ(Total("customers"), before) << "an unconfirmed warning writes nothing";

  pilot["confirm"] = json::array{"creditCode"};
  HttpResponse confirmed = admin->Post("/api/v1/customers", pilot);
  ASSERT_EQ(confirmed.status, 201) << confirmed.Describe();
  EXPECT_EQ(Str(confirmed.json, "creditCode"), "91350100M0001TGQXM");

  // Editing another field does not ask again; changing the code to another failing one does.
  HttpResponse renamed = admin->Patch("/api/v1/customers/" + IdStr(At(confirmed.json, "id")),
                                      json::object{{"version", At(confirmed.json, "version")}, {"name", "厦门试点（改名）"}});
  ASSERT_EQ(renamed.status, 200) << renamed.Describe();
  HttpResponse changed = admin->Patch("/api/v1/customers/" + IdStr(At(confirmed.json, "id")),
                                      json::object{{"version", At(renamed.json, "version")}, {"creditCode", "91350100M000100Y44"}});
  EXPECT_EQ(changed.status, 422);
  EXPECT_EQ(Str(At(changed.json, "error"), "code"), "confirmation_required");
}

TEST_F(CustomerFieldsTest, ReviewFieldsAreReadOnlyForClients) {
  json::object c = CreateCustomer({{"name", "审核公司"}});
  EXPECT_EQ(Str(c, "approvalState"), "draft");
  HttpResponse r = admin->Post("/api/v1/customers", json::object{{"name", "自批公司"}, {"approvalState", "approved"}});
  EXPECT_EQ(r.status, 400) << r.Describe();
}

}  // namespace
}  // namespace kehu::apitest
