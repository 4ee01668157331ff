#include "core/text/pinyin.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "core/text/utf8.h"
#include "core/text/variants.h"

namespace kehu::text {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::vector<std::string> AllReadings(char32_t cp) {
  PinyinReadings r = Readings(cp);
  return std::vector<std::string>(r.begin(), r.end());
}

TEST(PinyinTest, ReadingsAreTonelessWithCustomaryFirst) {
  EXPECT_THAT(AllReadings(U'北'), ElementsAre("bei"));
  EXPECT_THAT(AllReadings(U'重'), UnorderedElementsAre("zhong", "chong"));
  EXPECT_EQ(Readings(U'重')[0], "zhong");
  EXPECT_THAT(AllReadings(U'行'), UnorderedElementsAre("xing", "hang", "heng"));
  EXPECT_THAT(AllReadings(U'长'), UnorderedElementsAre("zhang", "chang"));
  EXPECT_THAT(AllReadings(U'绿'), Contains("lv"));  // ü is written v
  EXPECT_THAT(AllReadings(U'女'), ElementsAre("nv"));
}

TEST(PinyinTest, CoversExtensionBAndTraditional) {
  EXPECT_THAT(AllReadings(U'\U00020000'), ElementsAre("he"));  // 𠀀
  EXPECT_THAT(AllReadings(U'慶'), ElementsAre("qing"));
}

TEST(PinyinTest, NonHanHasNoReadings) {
  EXPECT_TRUE(Readings(U'a').empty());
  EXPECT_TRUE(Readings(U'。').empty());
  EXPECT_TRUE(Readings(U'あ').empty());
  EXPECT_TRUE(Readings(0x10FFFF).empty());
}

TEST(PinyinTest, EveryReadingIsLowerCaseAscii) {
  for (char32_t cp = 0x3000; cp < 0x32000; ++cp) {
    for (std::string_view r : Readings(cp)) {
      ASSERT_FALSE(r.empty());
      ASSERT_TRUE(std::all_of(r.begin(), r.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
          << r;
    }
  }
}

TEST(PinyinTest, InitialsKeepEveryPolyphone) {
  EXPECT_THAT(PinyinInitials("重庆银行"), UnorderedElementsAre("cqyh", "zqyh", "cqyx", "zqyx"));
  EXPECT_EQ(PinyinInitials("重庆银行").front(), "zqyx");  // first readings first
  EXPECT_THAT(PinyinInitials("北京网联科技有限公司"), ElementsAre("bjwlkjyxgs"));
}

TEST(PinyinTest, InitialsFoldAndKeepOtherWordCharacters) {
  EXPECT_THAT(PinyinInitials("3M 中国（北京）"), ElementsAre("3mzgbj"));
  EXPECT_THAT(PinyinInitials("ＡＢＣ網聯"), ElementsAre("abcwl"));
  EXPECT_THAT(PinyinInitials("𠀀公司"), ElementsAre("hgs"));
  EXPECT_TRUE(PinyinInitials("").empty());
  EXPECT_TRUE(PinyinInitials(" ,。").empty());
}

TEST(PinyinTest, FullConcatenatesReadings) {
  EXPECT_THAT(PinyinFull("北京网联"), ElementsAre("beijingwanglian"));
  EXPECT_THAT(PinyinFull("重庆"), UnorderedElementsAre("zhongqing", "chongqing"));
  EXPECT_THAT(PinyinFull("女绿"), ElementsAre("nvlv", "nvlu"));  // 绿林 lùlín
}

TEST(PinyinTest, VariantsAreCapped) {
  const std::string many = "重行长重行长重行长";
  EXPECT_EQ(PinyinInitials(many).size(), 16u);
  EXPECT_EQ(PinyinInitials(many, 3).size(), 3u);
  EXPECT_EQ(PinyinFull(many).size(), 8u);
  EXPECT_TRUE(PinyinFull(many, 0).empty());
}

TEST(PinyinTest, CappedVariantsCoverEveryPolyphoneOnce) {
  // Ten characters with two initials each: 1024 combinations, 16 kept. The single deviations
  // come right after the default, so each character's second reading appears somewhere.
  const std::string name = "重重重重重重重重重重";
  std::vector<std::string> v = PinyinInitials(name);
  ASSERT_EQ(v.size(), 16u);
  EXPECT_EQ(v[0], "zzzzzzzzzz");
  for (int i = 0; i < 10; ++i) {
    std::string one = "zzzzzzzzzz";
    one[i] = 'c';
    EXPECT_THAT(v, Contains(one));
  }
}

TEST(PinyinTest, EnumerateVariantsOrdersByDeviations) {
  using internal::Choices;
  std::vector<Choices> slots = {{"a", "b"}, {"-"}, {"x", "y", "z"}};
  EXPECT_THAT(internal::EnumerateVariants(slots, 10),
              ElementsAre("a-x", "b-x", "a-y", "a-z", "b-y", "b-z"));
  EXPECT_TRUE(internal::EnumerateVariants({}, 10).empty());
}

TEST(PinyinTest, SortKeyOrdersNamesByPinyin) {
  EXPECT_EQ(PinyinSortKey("北京网联"), "bei jing wang lian");
  EXPECT_EQ(PinyinSortKey("ABC 公司"), "abc gong si");
  EXPECT_EQ(PinyinSortKey("3M中国"), "3m zhong guo");
  EXPECT_EQ(PinyinSortKey("Apple"), "apple");
  EXPECT_EQ(PinyinSortKey("張三"), PinyinSortKey("张三"));
  std::vector<std::string> names = {"张三", "阿里巴巴", "Baidu", "北京网联", "安徽", "zeta"};
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return PinyinSortKey(a) < PinyinSortKey(b);
  });
  EXPECT_THAT(names, ElementsAre("阿里巴巴", "安徽", "Baidu", "北京网联", "zeta", "张三"));
}

TEST(PinyinTest, IllFormedInputDoesNotCrash) {
  EXPECT_THAT(PinyinInitials("北\xE5\x8C京"), ElementsAre("bj"));
  EXPECT_TRUE(IsValidUtf8(PinyinSortKey("\xFF\xFE北")));
  EXPECT_TRUE(PinyinFull("\xC0\xAF").empty());
}

}  // namespace
}  // namespace kehu::text
