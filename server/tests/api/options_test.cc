// Option lists admins edit at run time (issue #5: 客户类别, 行业, 职务 … "admin-editable list"):
// a saved list is what validation, /meta, import and export use at once; values are retired,
// never removed or reused; bad lists are refused whole and change nothing; only admins edit.
#include "harness.h"

namespace kehu::apitest {
namespace {

class OptionsTest : public ApiTest {
 protected:
  // The options of customers.<field> as /meta gives them to `c`.
  json::array MetaOptions(Client& c, const std::string& field) {
    HttpResponse meta = c.Get("/api/v1/meta");
    EXPECT_EQ(meta.status, 200) << meta.Describe();
    for (const auto& e : At(meta.json, "entities").as_array())
      if (Str(e, "name") == "customers")
        for (const auto& f : At(e, "fields").as_array())
          if (Str(f, "name") == field) return At(f, "options").as_array();
    ADD_FAILURE() << "customers." << field << " not in /meta";
    return {};
  }
  // A json::value (not an object): At() on an object would read through a temporary value.
  json::value Entry(const std::string& entity, const std::string& field) {
    HttpResponse list = admin->Get("/api/v1/options");
    EXPECT_EQ(list.status, 200) << list.Describe();
    for (const auto& item : At(list.json, "items").as_array())
      if (Str(item, "entity") == entity && Str(item, "field") == field) return item;
    ADD_FAILURE() << entity << "." << field << " is not editable";
    return json::object{};
  }
  // The current list of customers.category plus `extra`, as a PUT body.
  json::object CategoryBodyWith(json::array extra) {
    json::array options = At(Entry("customers", "category"), "options").as_array();
    for (auto& o : extra) options.push_back(o);
    return {{"options", options}};
  }
  HttpResponse PutCategory(const json::object& body, Client* c = nullptr) {
    return (c ? *c : *admin).Send("PUT", "/api/v1/options/customers/category", json::serialize(body));
  }
};

TEST_F(OptionsTest, EditableFieldsAreListedWithTheirBuiltInOptions) {
  json::value category = Entry("customers", "category");
  std::vector<std::string> values;
  for (const auto& o : At(category, "options").as_array()) {
    values.push_back(Str(o, "value"));
    EXPECT_TRUE(At(o, "builtIn").as_bool());
    EXPECT_TRUE(At(o, "active").as_bool());
  }
  EXPECT_EQ(values, (std::vector<std::string>{"current", "potential", "partner", "agent"}));
  EXPECT_FALSE(Entry("contacts", "position").as_object().empty()) << "职务 is an editable list too";
  HttpResponse put = admin->Send("PUT", "/api/v1/options/customers/importance", R"({"options":[]})");
  EXPECT_EQ(put.status, 404) << "importance drives contact frequency: not editable";
}

TEST_F(OptionsTest, ANewOptionIsUsableAtOnceEverywhere) {
  HttpResponse put = PutCategory(CategoryBodyWith(
      {json::object{{"labels", json::object{{"zh-CN", "供应商"}}}}}));
  ASSERT_EQ(put.status, 200) << put.Describe();
  const json::value& added = At(put.json, "options").as_array().back();
  std::string value = Str(added, "value");
  EXPECT_EQ(value, "custom1") << "a value is generated for a new option";
  EXPECT_EQ(Str(At(added, "labels"), "zh-TW"), "供應商") << "zh-TW defaults to the traditional script";
  EXPECT_EQ(Str(At(added, "labels"), "en"), "供应商");
  EXPECT_FALSE(At(added, "builtIn").as_bool());

  bool in_meta = false;
  for (const auto& o : MetaOptions(*admin, "category")) in_meta = in_meta || Str(o, "value") == value;
  EXPECT_TRUE(in_meta) << "/meta offers the new option";
  json::object c = CreateCustomer({{"name", "供应商甲有限公司"}, {"category", value}});
  EXPECT_EQ(Str(c, "category"), value);
  HttpResponse csv = admin->Get("/api/v1/customers/export?format=csv&category=" + value);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("供应商"), std::string::npos) << "export writes the new label";

  std::string file = "客户名称,客户类别\n供应商乙有限公司,供应商\n";
  HttpResponse imported = admin->Send("POST", "/api/v1/customers/import?mode=create&name=c.csv", file,
                                      {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(imported.status, 200) << imported.Describe();
  EXPECT_EQ(Total("customers", "?category=" + value), 2) << "import matched the label 供应商";

  RestartServer();
  EXPECT_EQ(Str(CreateCustomer({{"name", "供应商丙有限公司"}, {"category", value}}), "category"), value)
      << "a saved list survives a restart";
}

TEST_F(OptionsTest, ARetiredOptionKeepsOldRecordsButTakesNoNewInput) {
  json::object old = CreateCustomer({{"name", "代理老客户有限公司"}, {"category", "agent"}});
  json::object body = CategoryBodyWith({});
  for (auto& o : body["options"].as_array())
    if (Str(o, "value") == "agent") o.as_object()["active"] = false;
  HttpResponse put = PutCategory(body);
  ASSERT_EQ(put.status, 200) << put.Describe();

  HttpResponse create = admin->Post("/api/v1/customers", json::object{{"name", "新代理有限公司"}, {"category", "agent"}});
  EXPECT_EQ(create.status, 422) << create.Describe();
  EXPECT_EQ(Str(At(At(create.json, "error"), "fields"), "category"), "invalid_option");
  HttpResponse kept = admin->Get("/api/v1/customers/" + IdStr(old.at("id")));
  EXPECT_EQ(Str(kept.json, "category"), "agent") << "old records keep the value";
  bool marked = false;
  for (const auto& o : MetaOptions(*admin, "category"))
    if (Str(o, "value") == "agent") marked = At(o, "active").is_bool() && !At(o, "active").as_bool();
  EXPECT_TRUE(marked) << "/meta still labels it, marked inactive";
  HttpResponse patch = admin->Patch("/api/v1/customers/" + IdStr(old.at("id")),
                                    json::object{{"version", old.at("version")}, {"remarks", "改备注"}});
  EXPECT_EQ(patch.status, 200) << "editing other fields of an old record still works: " << patch.Describe();
}

TEST_F(OptionsTest, BadListsAreRefusedWholeAndChangeNothing) {
  json::value before = Entry("customers", "category");
  json::array current = At(before, "options").as_array();
  json::array without_agent;
  for (const auto& o : current)
    if (Str(o, "value") != "agent") without_agent.push_back(o);
  json::array relabeled = current;
  relabeled[0].as_object()["labels"] = json::object{{"zh-CN", "潜在客户"}};  // = potential's label
  json::array all_retired = current;
  for (auto& o : all_retired) o.as_object()["active"] = false;
  json::array no_label = current;
  no_label.push_back(json::object{{"labels", json::object{{"en", "Supplier"}}}});
  json::array invented = current;
  invented.push_back(json::object{{"value", "made_up"}, {"labels", json::object{{"zh-CN", "自造"}}}});
  json::array too_long = current;
  too_long.push_back(json::object{{"labels", json::object{{"zh-CN", std::string(51 * 3, 'x')}}}});
  struct Case { const char* what; json::array options; const char* field; const char* code; };
  for (const auto& c : std::vector<Case>{
           {"a value removed", without_agent, "options", "option_removed"},
           {"two options with one label", relabeled, "options[1].labels.zh-CN", "duplicate_label"},
           {"nothing active", all_retired, "options", "no_active_option"},
           {"no zh-CN label", no_label, "options[4].labels.zh-CN", "required"},
           {"a value the list never had", invented, "options[4].value", "unknown_option"},
           {"a label over 50 characters", too_long, "options[4].labels.zh-CN", "too_long"}}) {
    SCOPED_TRACE(c.what);
    HttpResponse r = PutCategory({{"options", c.options}});
    EXPECT_EQ(r.status, 422) << r.Describe();
    EXPECT_EQ(Str(At(At(r.json, "error"), "fields"), c.field), c.code) << r.Describe();
  }
  EXPECT_EQ(admin->Send("PUT", "/api/v1/options/customers/category", R"({"options":"x"})").status, 422);
  EXPECT_EQ(admin->Send("PUT", "/api/v1/options/customers/category", R"({"options":[],"extra":1})").status, 400);
  EXPECT_EQ(admin->Send("PUT", "/api/v1/options/customers/category", "{not json").status, 400);
  EXPECT_EQ(admin->Send("PUT", "/api/v1/options/customers/nothing", R"({"options":[]})").status, 404);
  EXPECT_EQ(admin->Send("PUT", "/api/v1/options/nothing/category", R"({"options":[]})").status, 404);
  EXPECT_EQ(json::serialize(Entry("customers", "category")), json::serialize(before)) << "nothing changed";
}

TEST_F(OptionsTest, OnlyAdminsEditAndEverySaveIsAudited) {
  HttpResponse created = admin->Post("/api/v1/users", json::object{{"username", "opt_rep"}, {"displayName", "选项业务员"},
                                                                    {"password", "Rep-passw0rd-2026"}, {"roles", json::array{"sales_rep"}}});
  ASSERT_EQ(created.status, 201) << created.Describe();
  auto rep = NewClient();
  ASSERT_EQ(rep->Login("opt_rep", "Rep-passw0rd-2026").status, 200);
  EXPECT_EQ(rep->Get("/api/v1/options").status, 403);
  EXPECT_EQ(PutCategory(CategoryBodyWith({json::object{{"labels", json::object{{"zh-CN", "黑名单"}}}}}), rep.get()).status, 403);
  EXPECT_EQ(MetaOptions(*rep, "category").size(), 4u) << "the rep's attempt changed nothing";

  ASSERT_EQ(PutCategory(CategoryBodyWith({json::object{{"labels", json::object{{"zh-CN", "经销商"}}}}})).status, 200);
  HttpResponse audit = admin->Get("/api/v1/audit?entity=customers");
  ASSERT_EQ(audit.status, 200) << audit.Describe();
  bool found = false;
  for (const auto& row : At(audit.json, "items").as_array())
    found = found || (Str(row, "action") == "options_update" && json::serialize(row).find("经销商") != std::string::npos);
  EXPECT_TRUE(found) << audit.body.substr(0, 2000);
}

}  // namespace
}  // namespace kehu::apitest
