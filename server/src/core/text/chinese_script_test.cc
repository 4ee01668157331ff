#include "core/text/chinese_script.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/text/utf8.h"

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

TEST(ChineseScriptTest, TheShortcutForStableTextNeverChangesTheResult) {
  // Every CJK character alone, then phrases whose conversion differs from their characters'.
  std::vector<std::string> texts;
  for (char32_t c = 0x3400; c <= 0x9FFF; ++c) {
    std::string one;
    AppendUtf8(one, c);
    texts.push_back(one);
  }
  for (const char* t : {"乾隆皇帝", "頭髮", "著名的著作", "北京网联科技有限公司", "金平苗族瑶族傣族自治县",
                        "臺灣積體電路製造", "瞭解", "於是", "一隻手錶", "后天的皇后"})
    texts.push_back(t);
  int changed = 0;
  for (const auto& t : texts) {
    std::string expected = internal::ToSimplifiedByDictionary(t);
    ASSERT_EQ(ToSimplified(t), expected) << t;
    changed += expected != t;
  }
  EXPECT_GT(changed, 2000) << "the dictionaries did load";
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
