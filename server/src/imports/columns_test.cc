#include "imports/columns.h"

#include <gtest/gtest.h>

namespace kehu::imports {
namespace {

meta::Field MakeField(std::string name, meta::Labels labels, bool required = false) {
  meta::Field f;
  f.name = std::move(name);
  f.labels = std::move(labels);
  f.required = required;
  return f;
}

class ColumnsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    entity_.name = "customers";
    entity_.fields.push_back(MakeField("name", {{"zh-CN", "客户名称"}, {"zh-TW", "客戶名稱"}, {"en", "Name"}}, true));
    entity_.fields.push_back(MakeField("phone", {{"zh-CN", "电话"}, {"zh-TW", "電話"}, {"en", "Phone"}}));
    entity_.fields.push_back(MakeField("creditCode", {{"zh-CN", "统一社会信用代码"}, {"en", "Credit code"}}));
    meta::Field state = MakeField("reviewState", {{"zh-CN", "审核状态"}});
    state.read_only = true;
    entity_.fields.push_back(state);
    meta::Field owner = MakeField("ownerId", {{"zh-CN", "负责人"}});
    owner.system = true;
    entity_.fields.push_back(owner);
    meta::Field id = MakeField("id", {{"zh-CN", "编号"}});
    id.system = id.read_only = true;
    entity_.fields.push_back(id);
    fields_ = ImportableFields(entity_, actor_);
  }

  // field name per header, "" for an ignored column.
  std::vector<std::string> Match(const std::vector<std::string>& headers, const Mapping& mapping = {}) {
    auto cols = MatchColumns(fields_, headers, mapping, "zh-CN");
    EXPECT_TRUE(cols.ok()) << (cols.ok() ? "" : cols.error().code);
    std::vector<std::string> out;
    if (cols.ok())
      for (const auto& c : *cols) out.push_back(c.field ? c.field->name : "");
    return out;
  }

  meta::Entity entity_;
  records::Actor actor_;
  std::vector<const meta::Field*> fields_;
};

TEST_F(ColumnsTest, ImportableFieldsLeaveOutSystemAndReadOnlyButKeepOwner) {
  std::vector<std::string> names;
  for (const auto* f : fields_) names.push_back(f->name);
  EXPECT_EQ(names, (std::vector<std::string>{"name", "phone", "creditCode", "ownerId"}));
}

TEST_F(ColumnsTest, FieldRulesOfTheActorRemoveFields) {
  actor_.field_rules["customers"]["phone"] = records::FieldRule::kReadOnly;
  actor_.field_rules["customers"]["creditCode"] = records::FieldRule::kHidden;
  std::vector<std::string> names;
  for (const auto* f : ImportableFields(entity_, actor_)) names.push_back(f->name);
  EXPECT_EQ(names, (std::vector<std::string>{"name", "ownerId"}));
}

TEST_F(ColumnsTest, HeadersMatchLabelsInAnyLanguageAndApiNames) {
  EXPECT_EQ(Match({"客户名称", "電話", "Credit code", "ownerId"}),
            (std::vector<std::string>{"name", "phone", "creditCode", "ownerId"}));
}

TEST_F(ColumnsTest, RequiredMarkSpacesWidthAndCaseAreIgnored) {
  EXPECT_EQ(HeaderKey(" *客戶名稱 "), HeaderKey("客户名称"));
  EXPECT_EQ(Match({"*客户名称", "　ＰＨＯＮＥ ", "CREDIT CODE"}),
            (std::vector<std::string>{"name", "phone", "creditCode"}));
}

TEST_F(ColumnsTest, UnknownHeadersAndReadOnlyFieldsAreIgnored) {
  EXPECT_EQ(Match({"客户名称", "杂项", "审核状态", "编号", ""}),
            (std::vector<std::string>{"name", "", "", "", ""}));
}

TEST_F(ColumnsTest, MappingOverridesTheAutomaticMatch) {
  Mapping mapping{{"公司", "name"}, {"电话", std::nullopt}, {"手机", "phone"}};
  EXPECT_EQ(Match({"公司", "电话", "手机"}, mapping), (std::vector<std::string>{"name", "", "phone"}));
}

TEST_F(ColumnsTest, MissingRequiredColumnNamesItsLabel) {
  auto cols = MatchColumns(fields_, {"电话"}, {}, "zh-TW");
  ASSERT_FALSE(cols.ok());
  EXPECT_EQ(cols.error().code, "missing_column");
  EXPECT_EQ(cols.error().kind, ErrorKind::kValidation);
  EXPECT_EQ(cols.error().args.at("column"), "客戶名稱");
}

TEST_F(ColumnsTest, TwoColumnsForOneFieldAreRefused) {
  auto cols = MatchColumns(fields_, {"客户名称", "Name"}, {}, "zh-CN");
  ASSERT_FALSE(cols.ok());
  EXPECT_EQ(cols.error().code, "duplicate_column");
}

TEST_F(ColumnsTest, MappingToAFieldThatCannotBeImportedIsABadParameter) {
  auto cols = MatchColumns(fields_, {"客户名称", "状态"}, {{"状态", "reviewState"}}, "zh-CN");
  ASSERT_FALSE(cols.ok());
  EXPECT_EQ(cols.error().code, "bad_parameter");
  EXPECT_FALSE(ParseMapping("[1]").ok());
  EXPECT_FALSE(ParseMapping("{\"a\": 1}").ok());
  auto m = ParseMapping("{\"公司\": \"name\", \"x\": null}");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->at("公司"), "name");
  EXPECT_EQ(m->at("x"), std::nullopt);
}

TEST_F(ColumnsTest, TemplateHeadersMarkRequiredFields) {
  EXPECT_EQ(TemplateHeader(*fields_[0], "zh-CN"), "*客户名称");
  EXPECT_EQ(TemplateHeader(*fields_[0], "en"), "*Name");
  EXPECT_EQ(TemplateHeader(*fields_[1], "zh-TW"), "電話");
}

}  // namespace
}  // namespace kehu::imports
