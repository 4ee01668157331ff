#include "core/text/chinese_script.h"

#include <gtest/gtest.h>

namespace kehu::text {
namespace {

TEST(ChineseScriptTest, SimplifiedBecomesTaiwanTraditionalWithTaiwanWords) {
  ASSERT_TRUE(ChineseScriptReady()) << "OpenCC data (s2twp.json, t2s.json) must be installed";
  EXPECT_EQ(ToTraditional("客户类别"), "客戶類別");
  EXPECT_EQ(ToTraditional("软件开发"), "軟體開發");
}

TEST(ChineseScriptTest, TraditionalBecomesSimplified) {
  EXPECT_EQ(ToSimplified("臺灣網聯科技"), "台湾网联科技");
}

TEST(ChineseScriptTest, TextWithoutChineseOrInvalidUtf8IsReturnedUnchanged) {
  EXPECT_EQ(ToTraditional("Supplier A-1"), "Supplier A-1");
  EXPECT_EQ(ToTraditional(""), "");
  std::string broken = "\xE5\xAE";  // a truncated 客
  EXPECT_EQ(ToTraditional(broken), broken);
  EXPECT_EQ(ToSimplified(broken), broken);
}

}  // namespace
}  // namespace kehu::text
