// Saved list views (场景) and preferences: private per user, validated, one default per entity.
#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class UserSettingsTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg(false);
  }
  json::object NewView(Client& c, const json::object& body) {
    HttpResponse r = c.Post("/api/v1/views", body);
    EXPECT_EQ(r.status, 201) << r.Describe();
    return r.json.is_object() ? r.json.as_object() : json::object{};
  }
  std::vector<std::string> ViewNames(Client& c, const std::string& entity) {
    HttpResponse r = c.Get("/api/v1/views?entity=" + entity);
    EXPECT_EQ(r.status, 200) << r.Describe();
    std::vector<std::string> names;
    for (const auto& v : At(r.json, "items").as_array()) names.push_back(Str(v, "name"));
    return names;
  }
};

TEST_F(UserSettingsTest, ViewRoundTripsWithQueryColumnsAndDefault) {
  Client& rep = As("east1");
  json::object v = NewView(rep, {{"entity", "customers"}, {"name", "华东潜在客户"},
                                 {"query", "category=potential&sort=-name&q=网联"},
                                 {"columns", json::array{"name", "phone"}}, {"isDefault", true}});
  EXPECT_EQ(Str(v, "query"), "category=potential&sort=-name&q=网联");
  EXPECT_EQ(json::serialize(At(v, "columns")), R"(["name","phone"])");
  EXPECT_TRUE(At(v, "isDefault").as_bool());

  json::object second = NewView(rep, {{"entity", "customers"}, {"name", "代理商"}, {"query", "category=agent"},
                                      {"isDefault", true}});
  HttpResponse list = rep.Get("/api/v1/views?entity=customers");
  ASSERT_EQ(list.status, 200) << list.Describe();
  int defaults = 0;
  for (const auto& item : At(list.json, "items").as_array()) defaults += At(item, "isDefault").as_bool() ? 1 : 0;
  EXPECT_EQ(defaults, 1) << "a new default must clear the old one: " << list.body;
  EXPECT_EQ(Str(At(list.json, "items").as_array()[0], "name"), "代理商") << "the default comes first";

  HttpResponse renamed = rep.Patch("/api/v1/views/" + IdStr(At(second, "id")), json::object{{"name", "代理商（全部）"}, {"columns", nullptr}});
  ASSERT_EQ(renamed.status, 200) << renamed.Describe();
  EXPECT_EQ(Str(renamed.json, "name"), "代理商（全部）");
  EXPECT_TRUE(At(renamed.json, "columns").is_null());
  EXPECT_EQ(Str(renamed.json, "query"), "category=agent") << "a PATCH keeps what it does not name";

  EXPECT_EQ(rep.Delete("/api/v1/views/" + IdStr(At(v, "id"))).status, 204);
  EXPECT_EQ(ViewNames(rep, "customers"), std::vector<std::string>{"代理商（全部）"});
}

TEST_F(UserSettingsTest, AnotherUsersViewIsInvisibleAndUntouchable) {
  json::object v = NewView(As("east1"), {{"entity", "customers"}, {"name", "我的场景"}, {"query", ""}});
  std::string path = "/api/v1/views/" + IdStr(At(v, "id"));
  Client& other = As("south1");
  EXPECT_TRUE(ViewNames(other, "customers").empty());
  EXPECT_EQ(other.Patch(path, json::object{{"name", "偷来的"}}).status, 404);
  EXPECT_EQ(other.Delete(path).status, 404);
  EXPECT_EQ(admin->Delete(path).status, 404) << "views are private even to admins";
  EXPECT_EQ(ViewNames(As("east1"), "customers"), std::vector<std::string>{"我的场景"});
}

TEST_F(UserSettingsTest, BadViewsAreRejectedAndNothingIsSaved) {
  Client& rep = As("east1");
  NewView(rep, {{"entity", "customers"}, {"name", "重名"}, {"query", ""}});
  EXPECT_EQ(FieldError(rep.Post("/api/v1/views", json::object{{"entity", "customers"}, {"name", "重名"}, {"query", ""}}), "name"), "duplicate");
  EXPECT_EQ(FieldError(rep.Post("/api/v1/views", json::object{{"entity", "customers"}, {"query", ""}}), "name"), "required");
  EXPECT_EQ(FieldError(rep.Post("/api/v1/views", json::object{{"entity", "customers"}, {"name", "  "}}), "name"), "required");
  EXPECT_EQ(FieldError(rep.Post("/api/v1/views", json::object{{"entity", "customers"}, {"name", std::string(51 * 3, 'x')}}), "name"), "too_long");
  EXPECT_EQ(FieldError(rep.Post("/api/v1/views", json::object{{"entity", "spaceships"}, {"name", "x"}}), "entity"), "unknown_entity");
  EXPECT_EQ(FieldError(rep.Post("/api/v1/views", json::object{{"entity", "customers"}, {"name", "x"}, {"columns", json::array{"nope"}}}), "columns"), "unknown_field");
  EXPECT_EQ(rep.Post("/api/v1/views", json::object{{"entity", "customers"}, {"name", "x"}, {"isDefault", "yes"}}).status, 400);
  EXPECT_EQ(rep.Post("/api/v1/views", json::object{{"entity", "customers"}, {"name", "x"}, {"owner", 1}}).status, 400);
  EXPECT_EQ(rep.Get("/api/v1/views?entity=spaceships").status, 400);
  EXPECT_EQ(rep.Get("/api/v1/views").status, 422);
  EXPECT_EQ(ViewNames(rep, "customers"), std::vector<std::string>{"重名"});
}

TEST_F(UserSettingsTest, PreferencesArePerUserJsonWithLimits) {
  Client& rep = As("east1");
  const std::string path = "/api/v1/preferences/list.customers.columns";
  HttpResponse unset = rep.Get(path);
  ASSERT_EQ(unset.status, 200) << unset.Describe();
  EXPECT_TRUE(At(unset.json, "value").is_null());

  json::array columns{json::object{{"name", "phone"}, {"visible", true}, {"width", 160}}};
  HttpResponse put = rep.Send("PUT", path, json::serialize(json::object{{"value", columns}}));
  ASSERT_EQ(put.status, 200) << put.Describe();
  EXPECT_EQ(json::serialize(At(rep.Get(path).json, "value")), json::serialize(columns));
  EXPECT_TRUE(At(As("south1").Get(path).json, "value").is_null()) << "preferences are per user";

  EXPECT_EQ(rep.Send("PUT", path, json::serialize(json::object{{"value", std::string(17 * 1024, 'x')}})).status, 422);
  EXPECT_EQ(rep.Send("PUT", "/api/v1/preferences/Bad%20Key", R"({"value":1})").status, 400);
  EXPECT_EQ(rep.Send("PUT", path, R"({"other":1})").status, 422);
  EXPECT_EQ(json::serialize(At(rep.Get(path).json, "value")), json::serialize(columns)) << "rejected writes change nothing";
}

}  // namespace
}  // namespace kehu::apitest
