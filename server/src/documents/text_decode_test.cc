#include "documents/text_decode.h"

#include <gtest/gtest.h>

namespace kehu::documents {
namespace {

std::string FromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

// Bytes below were produced with iconv at test-writing time, e.g.
//   printf '客户名称,手机,地址\n…' | iconv -f UTF-8 -t GBK | xxd -p
constexpr std::string_view kGbkCsvHex =
    "bfcdbba7c3fbb3c62ccad6bbfa2cb5d8d6b70ab1b1bea9cdf8c1aabfc6bcbcd3d0cfdeb9abcbbe2c3133383132"
    "3334353637382cb1b1bea9cad0baa3b5edc7f8d6d0b9d8b4e5b4f3bdd631bac50a";
constexpr std::string_view kGbkCsvUtf8 =
    "客户名称,手机,地址\n北京网联科技有限公司,13812345678,北京市海淀区中关村大街1号\n";
// iconv -t BIG5
constexpr std::string_view kBig5CsvHex =
    "abc8a4e1a657bad92ca4e2bef72ca661a77d0abb4fa55fbaf4c170aceca7dea6b3adada4bda5712c3039313233"
    "34353637382cbb4fa55fa5abab48b871b0cfa5aba9b2b8f431b8b90a";
constexpr std::string_view kBig5CsvUtf8 =
    "客戶名稱,手機,地址\n臺北網聯科技有限公司,0912345678,臺北市信義區市府路1號\n";

TEST(DecodeTextTest, GbkFromSimplifiedExcel) {
  auto r = DecodeText(FromHex(kGbkCsvHex));
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->encoding, "GB18030");
  EXPECT_FALSE(r->had_bom);
  EXPECT_EQ(r->text, kGbkCsvUtf8);
}

TEST(DecodeTextTest, ShortGbkNameIsNotMistakenForUtf8) {
  auto r = DecodeText(FromHex("d5c5ceb0"));  // 张伟
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "GB18030");
  EXPECT_EQ(r->text, "张伟");
}

TEST(DecodeTextTest, Big5FromTraditionalExcel) {
  auto r = DecodeText(FromHex(kBig5CsvHex));
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->encoding, "Big5");
  EXPECT_EQ(r->text, kBig5CsvUtf8);
}

TEST(DecodeTextTest, Gb18030FourByteSequence) {
  auto r = DecodeText("\xd5\xc5" + FromHex("95328236"));  // 张𠀀: only GB18030 has U+20000
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "GB18030");
  EXPECT_EQ(r->text, "张\xF0\xA0\x80\x80");
}

TEST(DecodeTextTest, Utf8WithAndWithoutBom) {
  auto plain = DecodeText("名称,电话\r\n");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->encoding, "UTF-8");
  EXPECT_FALSE(plain->had_bom);
  EXPECT_EQ(plain->text, "名称,电话\r\n");

  auto bom = DecodeText("\xEF\xBB\xBF名称,𠀀\r\n");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->encoding, "UTF-8");
  EXPECT_TRUE(bom->had_bom);
  EXPECT_EQ(bom->text, "名称,𠀀\r\n") << "the BOM is removed";
}

TEST(DecodeTextTest, Utf16WithBom) {
  auto le = DecodeText(FromHex("fffe0d54f07909003575dd8b0a00"));
  ASSERT_TRUE(le.ok()) << le.error().detail;
  EXPECT_EQ(le->encoding, "UTF-16LE");
  EXPECT_EQ(le->text, "名称\t电话\n");

  auto be = DecodeText(FromHex("feff540d79f0"));
  ASSERT_TRUE(be.ok());
  EXPECT_EQ(be->encoding, "UTF-16BE");
  EXPECT_EQ(be->text, "名称");

  auto odd = DecodeText(FromHex("fffe0d54f0"));  // a truncated code unit
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().code, "unknown_encoding");
}

TEST(DecodeTextTest, EmptyAndAsciiAreUtf8) {
  auto empty = DecodeText("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->encoding, "UTF-8");
  EXPECT_EQ(empty->text, "");
  auto ascii = DecodeText("name,phone\n");
  ASSERT_TRUE(ascii.ok());
  EXPECT_EQ(ascii->encoding, "UTF-8");
}

TEST(DecodeTextTest, GarbageIsUnknownEncoding) {
  auto r = DecodeText(std::string("\xFF\xFF\xFF\x80", 4));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unknown_encoding");
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);

  auto bad_bom = DecodeText("\xEF\xBB\xBF\xC0\xAF");
  ASSERT_FALSE(bad_bom.ok());
  EXPECT_EQ(bad_bom.error().code, "unknown_encoding");
}

TEST(ConvertToUtf8Test, StrictAndNamed) {
  auto ok = ConvertToUtf8(FromHex("d5c5ceb0"), "GB18030");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "张伟");
  EXPECT_FALSE(ConvertToUtf8("\x80", "GB18030").ok());
  EXPECT_FALSE(ConvertToUtf8("abc", "no-such-charset").ok());
  // Large enough to exercise the output buffer growing.
  std::string many;
  for (int i = 0; i < 20000; ++i) many += FromHex("d5c5ceb0");
  auto big = ConvertToUtf8(many, "GB18030");
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(big->size(), 20000u * 6);
}

}  // namespace
}  // namespace kehu::documents
