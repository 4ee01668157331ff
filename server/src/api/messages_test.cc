#include "api/messages.h"

#include <gtest/gtest.h>

namespace kehu::api {
namespace {

TEST(MessagesTest, FillsPlaceholdersInTheCallersLanguage) {
  EXPECT_EQ(Message("unknown_field", "zh-CN", {{"field", "color"}}), "未知字段：color");
  EXPECT_EQ(Message("unknown_field", "en", {{"field", "color"}}), "Unknown field: color");
}

// Regression: a value holding its own placeholder (a client sent the field name "{field}") made
// the replace loop run forever and the request never answered.
TEST(MessagesTest, AValueContainingItsOwnPlaceholderIsInsertedOnce) {
  EXPECT_EQ(Message("unknown_field", "en", {{"field", "{field}"}}), "Unknown field: {field}");
  EXPECT_EQ(Message("unknown_field", "en", {{"field", "a{field}b{field}"}}), "Unknown field: a{field}b{field}");
}

}  // namespace
}  // namespace kehu::api
