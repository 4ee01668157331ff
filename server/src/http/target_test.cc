#include "http/target.h"

#include <gtest/gtest.h>

namespace kehu::http {
namespace {

TEST(HttpTargetTest, DecodesPathAndQuery) {
  auto t =
      ParseTarget("/api/v1/customers/%E5%AE%A2%E6%88%B7?q=%E5%8C%97%E4%BA%AC+bank&page=2&flag");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/customers/客户");
  ASSERT_EQ(t->query.size(), 3u);
  EXPECT_EQ(t->query[0], (std::pair<std::string, std::string>{"q", "北京 bank"}));
  EXPECT_EQ(t->query[1], (std::pair<std::string, std::string>{"page", "2"}));
  EXPECT_EQ(t->query[2], (std::pair<std::string, std::string>{"flag", ""}));
}

TEST(HttpTargetTest, PlusStaysPlusInPathButIsSpaceInQuery) {
  auto t = ParseTarget("/a+b?x=a+b%2B");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/a+b");
  EXPECT_EQ(t->query.at(0).second, "a b+");
}

TEST(HttpTargetTest, KeepsRepeatedKeysInOrderAndDropsEmptyPairs) {
  auto t = ParseTarget("/x?a=1&&a=2&sort[gt]=3");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->query.size(), 3u);
  EXPECT_EQ(t->query[1].second, "2");
  EXPECT_EQ(t->query[2].first, "sort[gt]");
}

TEST(HttpTargetTest, RejectsBadPercentEncoding) {
  EXPECT_FALSE(ParseTarget("/api/v1/x%zz"));
  EXPECT_FALSE(ParseTarget("/api/v1/x%4"));
  EXPECT_FALSE(ParseTarget("/api/v1/x%"));
  EXPECT_FALSE(ParseTarget("/api/v1/x?q=%G1"));
}

TEST(HttpTargetTest, RejectsTraversalNulAndEncodedSeparators) {
  EXPECT_FALSE(ParseTarget("/assets/../secret"));
  EXPECT_FALSE(ParseTarget("/assets/%2e%2e/secret"));
  EXPECT_FALSE(ParseTarget("/.."));
  EXPECT_FALSE(ParseTarget("/a/./b"));
  EXPECT_FALSE(ParseTarget("/a%00b"));
  EXPECT_FALSE(ParseTarget("/a%2Fb"));
  EXPECT_FALSE(ParseTarget("/a%5cb"));
  EXPECT_TRUE(ParseTarget("/a/..b/c.."));  // dots inside a name are fine
}

TEST(HttpTargetTest, RejectsNonOriginForm) {
  EXPECT_FALSE(ParseTarget("http://example.com/"));
  EXPECT_FALSE(ParseTarget("*"));
  EXPECT_FALSE(ParseTarget(""));
}

TEST(HttpTargetTest, PercentDecodeIsStrict) {
  EXPECT_EQ(PercentDecode("%41%42c", false), "ABc");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_FALSE(PercentDecode("%%", false));
}

}  // namespace
}  // namespace kehu::http
