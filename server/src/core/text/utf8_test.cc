#include "core/text/utf8.h"

#include <gtest/gtest.h>

namespace kehu::text {
namespace {

TEST(TextUtf8Test, AcceptsAsciiCjkAndFourByteCharacters) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("abc 123"));
  EXPECT_TRUE(IsValidUtf8("北京网联科技有限公司"));
  EXPECT_TRUE(IsValidUtf8("\xF0\xA0\x80\x80"));  // 𠀀 U+20000, CJK Extension B
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8(std::string_view("a\0b", 3)));
}

TEST(TextUtf8Test, RejectsOverlongsSurrogatesAndOutOfRange) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong 3-byte
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // overlong 4-byte
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800 surrogate
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // U+DFFF surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(TextUtf8Test, RejectsTruncatedAndStrayBytes) {
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("a\xE5\x8C"));                    // 北 cut short
  EXPECT_FALSE(IsValidUtf8("\xF0\xA0\x80"));                 // 𠀀 cut short
  EXPECT_FALSE(IsValidUtf8(std::string("\xE5\x8C") + "a"));  // continuation missing
  EXPECT_FALSE(IsValidUtf8("\xB1\xB1\xBE\xA9"));             // 北京 in GBK
}

TEST(TextUtf8Test, DecodesCodePoints) {
  EXPECT_EQ(DecodeUtf8("a北\xF0\xA0\x80\x80"), std::u32string({U'a', U'北', U'\U00020000'}));
  std::string_view s = "京𠀀";
  std::size_t pos = 0;
  EXPECT_EQ(NextCodePoint(s, pos), U'京');
  EXPECT_EQ(pos, 3u);
  EXPECT_EQ(NextCodePoint(s, pos), U'\U00020000');
  EXPECT_EQ(pos, 7u);
}

TEST(TextUtf8Test, IllFormedSequencesDecodeAsReplacementCharacters) {
  // A truncated 3-byte sequence is one U+FFFD; the byte after it is decoded normally.
  EXPECT_EQ(DecodeUtf8(std::string("\xE5\x8C") + "a"), std::u32string({kReplacementChar, U'a'}));
  EXPECT_EQ(DecodeUtf8("\xC0\xAF"), std::u32string({kReplacementChar, kReplacementChar}));
  EXPECT_EQ(DecodeUtf8("\xED\xA0\x80"),
            std::u32string({kReplacementChar, kReplacementChar, kReplacementChar}));
  EXPECT_EQ(DecodeUtf8("ab\xF0\xA0"), std::u32string({U'a', U'b', kReplacementChar}));
}

TEST(TextUtf8Test, EncodesAndRoundTrips) {
  std::string out;
  for (char32_t cp : {U'a', U'é', U'北', U'\U00020000', U'\U0010FFFF'}) AppendUtf8(out, cp);
  EXPECT_EQ(out, "aé北\xF0\xA0\x80\x80\xF4\x8F\xBF\xBF");
  EXPECT_EQ(DecodeUtf8(out).size(), 5u);
  std::string bad;
  AppendUtf8(bad, 0xD800);
  AppendUtf8(bad, 0x110000);
  EXPECT_EQ(bad, "\uFFFD\uFFFD");
}

TEST(TextUtf8Test, ToValidUtf8ReplacesOnlyIllFormedParts) {
  EXPECT_EQ(ToValidUtf8("北京"), "北京");
  EXPECT_EQ(ToValidUtf8(std::string("北\xE5\x8C") + "a\xFF"), std::string("北\uFFFD") + "a\uFFFD");
  EXPECT_TRUE(IsValidUtf8(ToValidUtf8("\xF0\xA0\x80\xED\xA0\x80\xC0")));
}

}  // namespace
}  // namespace kehu::text
