// Field rules per role (hidden / masked / readonly), from the side of a rep trying to read or write
// what their role restricts, through every route that returns or accepts the field.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class AccessFieldRulesTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg();
    // The admin restricts the sales_rep role, then fills the restricted fields of east1's customer.
    HttpResponse roles = admin->Get("/api/v1/roles");
    ASSERT_EQ(roles.status, 200) << roles.Describe();
    for (const auto& r : roles.json.at("items").as_array())
      if (r.at("code") == "sales_rep") rep_role_ = r.as_object();
    json::object fields{{"customers", json::object{{"phone", "masked"}, {"remarks", "hidden"}, {"email", "readonly"}}}};
    HttpResponse patched = admin->Patch("/api/v1/roles/" + IdStr(rep_role_.at("id")),
                                        json::object{{"version", rep_role_.at("version")}, {"fields", fields}});
    ASSERT_EQ(patched.status, 200) << patched.Describe();
    EXPECT_EQ(patched.json.at("fields").at("customers").at("remarks"), "hidden");
    id_ = M("east1").customers[0].at("id");
    HttpResponse cur = admin->Get(RecordPath("customers", id_));
    HttpResponse filled = admin->Patch(RecordPath("customers", id_),
                                       json::object{{"version", cur.json.at("version")},
                                                    {"phone", "13800008000"},
                                                    {"remarks", "机密备注：底价八折"},
                                                    {"email", "boss@example.cn"}});
    ASSERT_EQ(filled.status, 200) << filled.Describe();
  }
  json::object rep_role_;
  json::value id_;
};

TEST_F(AccessFieldRulesTest, RepSeesMaskedAndNeverHiddenValuesOnEveryReadRoute) {
  HttpResponse one = As("east1").Get(RecordPath("customers", id_));
  ASSERT_EQ(one.status, 200) << one.Describe();
  EXPECT_EQ(Str(one.json, "phone"), "138****8000");
  EXPECT_FALSE(one.json.as_object().contains("remarks")) << one.body;
  EXPECT_EQ(Str(one.json, "email"), "boss@example.cn");  // readonly is still readable
  EXPECT_EQ(one.body.find("底价"), std::string::npos);
  EXPECT_EQ(one.body.find("13800008000"), std::string::npos);

  HttpResponse list = As("east1").Get("/api/v1/customers?pageSize=200");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("底价"), std::string::npos);
  EXPECT_EQ(list.body.find("13800008000"), std::string::npos);
  EXPECT_NE(list.body.find("138****8000"), std::string::npos);

  // Asking for the restricted fields by name changes nothing: hidden stays out, masked stays masked.
  HttpResponse projected = As("east1").Get("/api/v1/customers?pageSize=200&fields=name,remarks,phone");
  ASSERT_EQ(projected.status, 200) << projected.Describe();
  EXPECT_EQ(projected.body.find("底价"), std::string::npos);
  EXPECT_EQ(projected.body.find("\"remarks\""), std::string::npos) << projected.body;
  EXPECT_EQ(projected.body.find("13800008000"), std::string::npos);
  EXPECT_NE(projected.body.find("138****8000"), std::string::npos);

  HttpResponse stale = As("east1").Patch(RecordPath("customers", id_), json::object{{"version", 1}, {"name", "改名"}});
  ASSERT_EQ(stale.status, 409) << stale.Describe();
  EXPECT_EQ(stale.body.find("底价"), std::string::npos) << "409 current must be shaped too";
  EXPECT_EQ(stale.body.find("13800008000"), std::string::npos);

  HttpResponse meta = As("east1").Get("/api/v1/meta");
  ASSERT_EQ(meta.status, 200);
  for (const auto& e : meta.json.at("entities").as_array()) {
    if (e.at("name") != "customers") continue;
    for (const auto& f : e.at("fields").as_array()) {
      EXPECT_NE(f.at("name"), "remarks") << "hidden fields are not described to the rep";
      if (f.at("name") == "phone") EXPECT_EQ(f.at("masked"), true);
      if (f.at("name") == "email") EXPECT_EQ(f.at("editable"), false);
    }
  }
}

TEST_F(AccessFieldRulesTest, RepCannotWriteFilterOrSortRestrictedFields) {
  std::string before = Snapshot("customers", id_);
  for (const char* field : {"remarks", "phone", "email"}) {
    SCOPED_TRACE(field);
    HttpResponse cur = As("east1").Get(RecordPath("customers", id_));
    HttpResponse r = As("east1").Patch(RecordPath("customers", id_),
                                       json::object{{"version", cur.json.at("version")}, {field, "x@example.cn"}});
    EXPECT_EQ(r.status, 400) << r.Describe();
    EXPECT_EQ(Str(At(r.json, "error"), "code"), "read_only_field");
  }
  HttpResponse created = As("east1").Post("/api/v1/customers", json::object{{"name", "备注探测"}, {"remarks", "x"}});
  EXPECT_EQ(created.status, 400) << created.Describe();
  EXPECT_EQ(Snapshot("customers", id_), before);
  // Filters would let the rep probe the hidden or masked value one guess at a time.
  EXPECT_EQ(As("east1").Get("/api/v1/customers?phone%5BstartsWith%5D=1380").status, 400);
  EXPECT_EQ(As("east1").Get("/api/v1/customers?remarks%5Bcontains%5D=%E5%BA%95%E4%BB%B7").status, 400);
  EXPECT_EQ(As("east1").Get("/api/v1/customers?sort=remarks").status, 400);
  EXPECT_EQ(As("east1").Get("/api/v1/customers?email=boss%40example.cn").status, 200);  // readonly: filterable
}

TEST_F(AccessFieldRulesTest, OtherRolesAndTheMostPermissiveRuleAreUnaffected) {
  HttpResponse sup = As("sup_east").Get(RecordPath("customers", id_));
  ASSERT_EQ(sup.status, 200);
  EXPECT_EQ(Str(sup.json, "phone"), "+8613800008000");
  EXPECT_EQ(Str(sup.json, "remarks"), "机密备注：底价八折");
  // A second role without rules makes the fields plain again for east1 (most permissive wins).
  HttpResponse user = admin->Get("/api/v1/users/" + IdStr(M("east1").id));
  HttpResponse more = admin->Patch("/api/v1/users/" + IdStr(M("east1").id),
                                   json::object{{"version", user.json.at("version")},
                                                {"roles", json::array{"sales_rep", "executive"}}});
  ASSERT_EQ(more.status, 200) << more.Describe();
  HttpResponse now = As("east1").Get(RecordPath("customers", id_));
  EXPECT_EQ(Str(now.json, "remarks"), "机密备注：底价八折");
}

TEST_F(AccessFieldRulesTest, BadRulesAreRefusedAndTheAdminRoleCannotBeRestricted) {
  for (const json::object& fields :
       {json::object{{"customers", json::object{{"phone", "blurred"}}}},
        json::object{{"customers", json::object{{"nope", "hidden"}}}},
        json::object{{"customers", json::object{{"id", "hidden"}}}},
        json::object{{"nothing", json::object{{"phone", "hidden"}}}}}) {
    HttpResponse cur = admin->Get("/api/v1/roles");
    json::value version;
    for (const auto& r : cur.json.at("items").as_array())
      if (r.at("code") == "sales_rep") version = r.at("version");
    HttpResponse r = admin->Patch("/api/v1/roles/" + IdStr(rep_role_.at("id")),
                                  json::object{{"version", version}, {"fields", fields}});
    EXPECT_EQ(r.status, 422) << json::serialize(fields) << " " << r.Describe();
  }
  HttpResponse roles = admin->Get("/api/v1/roles");
  for (const auto& r : roles.json.at("items").as_array()) {
    if (r.at("code") != "admin") continue;
    HttpResponse refused = admin->Patch("/api/v1/roles/" + IdStr(r.at("id")),
                                        json::object{{"version", r.at("version")},
                                                     {"fields", json::object{{"customers", json::object{{"phone", "hidden"}}}}}});
    EXPECT_EQ(refused.status, 422) << refused.Describe();
  }
}

}  // namespace
}  // namespace kehu::apitest
