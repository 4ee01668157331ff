#include "records/list_query.h"

#include <gtest/gtest.h>

#include "metadata/registry.h"

namespace kehu::records {
namespace {

class ListQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto reg = meta::Registry::LoadDirectory(std::string(KEHU_SOURCE_DIR) + "/metadata/entities");
    ASSERT_TRUE(reg.ok());
    registry_ = *reg;
    customers_ = registry_->Find("customers");
  }
  std::shared_ptr<const meta::Registry> registry_;
  const meta::Entity* customers_ = nullptr;
};

TEST_F(ListQueryTest, DefaultsAndPaging) {
  auto q = ParseListQuery(*customers_, {{"page", "3"}, {"pageSize", "20"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->page, 3);
  EXPECT_EQ(q->page_size, 20);
  ASSERT_EQ(q->sort.size(), 1u);  // the entity's default sort
  EXPECT_EQ(q->sort[0].field->name, "updatedAt");
  EXPECT_TRUE(q->sort[0].descending);
}

TEST_F(ListQueryTest, SortFiltersAndOperators) {
  auto q = ParseListQuery(*customers_, {{"sort", "name,-createdAt"},
                                        {"category[in]", "current,partner"},
                                        {"name[contains]", "网联"},
                                        {"email[isNull]", "true"},
                                        {"q", "bjwl"}});
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->sort.size(), 2u);
  EXPECT_FALSE(q->sort[0].descending);
  EXPECT_TRUE(q->sort[1].descending);
  ASSERT_EQ(q->filters.size(), 3u);
  EXPECT_EQ(q->filters[0].op, FilterOp::kIn);
  EXPECT_EQ(q->filters[0].values.size(), 2u);
  EXPECT_EQ(q->filters[1].op, FilterOp::kContains);
  EXPECT_EQ(q->filters[2].op, FilterOp::kIsNull);
  EXPECT_EQ(q->q, "bjwl");
}

TEST_F(ListQueryTest, UnknownThingsAreNamedErrors) {
  auto unknown_field = ParseListQuery(*customers_, {{"nmae", "x"}});
  ASSERT_FALSE(unknown_field.ok());
  EXPECT_EQ(unknown_field.error().code, "unknown_field");
  EXPECT_EQ(unknown_field.error().args.at("field"), "nmae");
  auto unknown_op = ParseListQuery(*customers_, {{"name[like]", "x"}});
  ASSERT_FALSE(unknown_op.ok());
  EXPECT_EQ(unknown_op.error().code, "unknown_operator");
  EXPECT_FALSE(ParseListQuery(*customers_, {{"pageSize", "201"}}).ok());
  EXPECT_FALSE(ParseListQuery(*customers_, {{"pageSize", "0"}}).ok());
  EXPECT_FALSE(ParseListQuery(*customers_, {{"page", "abc"}}).ok());
  EXPECT_FALSE(ParseListQuery(*customers_, {{"sort", "-secret"}}).ok());
  EXPECT_FALSE(ParseListQuery(*customers_, {{"id[contains]", "1"}}).ok());  // not a text field
  EXPECT_FALSE(ParseListQuery(*customers_, {{"id", "1 OR 1=1"}}).ok());
}

}  // namespace
}  // namespace kehu::records
