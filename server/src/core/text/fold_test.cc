#include "core/text/fold.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace kehu::text {
namespace {

TEST(FoldTest, LowerCasesAscii) {
  EXPECT_EQ(Fold("Zhang@Example.COM"), "zhang@example.com");
  EXPECT_EQ(Fold(""), "");
}

TEST(FoldTest, FullWidthBecomesHalfWidth) {
  EXPECT_EQ(Fold("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(Fold("ＢＪＷＬ"), "bjwl");
  EXPECT_EQ(Fold("（北京）"), "(北京)");
}

TEST(FoldTest, TraditionalBecomesSimplified) {
  EXPECT_EQ(Fold("臺灣"), "台湾");
  EXPECT_EQ(Fold("網聯"), "网联");
  EXPECT_EQ(Fold("重慶銀行"), "重庆银行");
  EXPECT_EQ(Fold("北京网联科技有限公司"), "北京网联科技有限公司");  // simplified stays
}

TEST(FoldTest, CaseFoldsBeyondAscii) {
  EXPECT_EQ(Fold("ÉCOLE Straße"), "école strasse");
  EXPECT_EQ(Fold("ΑΘΗΝΑ"), "αθηνα");
}

TEST(FoldTest, DropsInvisibleCharacters) {
  EXPECT_EQ(Fold("北\u200B京"), "北京");  // zero-width space pasted from the web
}

TEST(FoldTest, KeepsFourByteCharacters) {
  EXPECT_EQ(Fold("𠀀公司"), "𠀀公司");
  EXPECT_EQ(Fold("\U00020000A"), "\U00020000a");
}

TEST(FoldTest, ReturnsIllFormedInputUnchanged) {
  const std::string bad = "ABC\xE5\x8C";
  EXPECT_EQ(Fold(bad), bad);
  const std::string gbk = "\xB1\xB1\xBE\xA9";  // 北京 in GBK
  EXPECT_EQ(Fold(gbk), gbk);
}

TEST(FoldTest, IsIdempotent) {
  for (const char* s : {"臺灣ＡＢＣ", "Straße", "北京网联", "ﬁ①"}) {
    EXPECT_EQ(Fold(Fold(s)), Fold(s)) << s;
  }
}

TEST(FoldTest, IsReadyAndThreadSafe) {
  EXPECT_TRUE(FoldingReady());
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&ok, t] {
      for (int i = 0; i < 200; ++i) ok[t] += Fold("臺灣網聯ＡＢＣ") == "台湾网联abc";
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, std::vector<int>(4, 200));
}

}  // namespace
}  // namespace kehu::text
