#include "metadata/registry.h"

#include <gtest/gtest.h>

#include <set>

namespace kehu::meta {
namespace {

// Every entity file the product ships must load and validate.
TEST(RegistryTest, LoadsEveryShippedEntity) {
  auto reg = Registry::LoadDirectory(std::string(KEHU_SOURCE_DIR) + "/metadata/entities");
  ASSERT_TRUE(reg.ok()) << reg.error().detail;
  const Entity* customers = (*reg)->Find("customers");
  ASSERT_NE(customers, nullptr);
  EXPECT_TRUE(customers->FindField("name")->required);
  EXPECT_TRUE(customers->FindField("code")->unique);
  EXPECT_EQ(customers->FindField("category")->options.size(), 4u);
  EXPECT_NE(customers->FindField("ownerId"), nullptr);
  const Entity* contacts = (*reg)->Find("contacts");
  ASSERT_NE(contacts, nullptr);
  EXPECT_EQ(contacts->FindField("customerId")->target, "customers");
  std::set<std::string> related;
  for (const auto& [entity, field] : (*reg)->RelationsTo("customers")) related.insert(entity->name + "." + field->name);
  EXPECT_EQ(related, (std::set<std::string>{"contacts.customerId", "customers.dealerId", "customers.parentCompanyId"}));
}

constexpr const char* kLabels = R"("labels": {"zh-CN": "甲", "zh-TW": "甲", "en": "A"})";

std::string EntityJson(const std::string& fields, const std::string& extra = "") {
  return std::string(R"({"name": "things", )") + kLabels + R"(, "titleField": "title", )" + extra +
         R"("fields": [)" + fields + "]}";
}

TEST(RegistryTest, ParsesAValidEntityAndAddsSystemFields) {
  auto e = Registry::ParseEntity(EntityJson(std::string(R"({"name": "title", "type": "text", )") + kLabels + "}"));
  ASSERT_TRUE(e.ok()) << e.error().detail;
  EXPECT_EQ(e->table, "things");
  for (const char* sys : {"id", "version", "createdAt", "updatedAt", "createdById", "updatedById", "ownerId"})
    EXPECT_NE(e->FindField(sys), nullptr) << sys;
  EXPECT_EQ(e->FindField("createdAt")->column, "created_at");
  EXPECT_EQ(e->FindField("title")->max_length, 255);
}

TEST(RegistryTest, RejectsBrokenDefinitions) {
  std::string title = std::string(R"({"name": "title", "type": "text", )") + kLabels + "}";
  struct Case {
    const char* why;
    std::string json;
  } cases[] = {
      {"not json", "{"},
      {"unknown type", EntityJson(std::string(R"({"name": "title", "type": "blob", )") + kLabels + "}")},
      {"bad field name", EntityJson(std::string(R"({"name": "Title; DROP", "type": "text", )") + kLabels + "}")},
      {"missing label language", EntityJson(R"({"name": "title", "type": "text", "labels": {"en": "A"}})")},
      {"enum without options", EntityJson(title + "," + R"({"name": "kind", "type": "enum", )" + kLabels + "}")},
      {"relation without target", EntityJson(title + "," + R"({"name": "ref", "type": "relation", )" + kLabels + "}")},
      {"reserved field", EntityJson(title + "," + R"({"name": "version", "type": "text", )" + kLabels + "}")},
      {"duplicate field", EntityJson(title + "," + title)},
      {"search field unknown", EntityJson(title, R"("searchFields": ["nope"], )")},
      {"no fields", EntityJson("")},
  };
  for (const auto& c : cases) EXPECT_FALSE(Registry::ParseEntity(c.json).ok()) << c.why;
}

}  // namespace
}  // namespace kehu::meta
