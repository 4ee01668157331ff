// MIME encoding of outgoing mail: base64, RFC 2047 encoded words that never split a character and
// stay within 75 columns, CRLF everywhere, headers that cannot be injected.
#include "mail/mime.h"

#include <gtest/gtest.h>

#include <sstream>

namespace kehu::mail {
namespace {

std::string DecodeBase64(const std::string& in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buf = 0;
  int bits = 0;
  for (char c : in) {
    auto pos = kAlphabet.find(c);
    if (pos == std::string::npos) continue;  // '=', CR, LF
    buf = (buf << 6) | static_cast<uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xff);
    }
  }
  return out;
}

// Decodes "=?UTF-8?B?...?=" words joined by folding whitespace.
std::string DecodeWords(const std::string& header) {
  std::string out;
  size_t pos = 0;
  while ((pos = header.find("=?UTF-8?B?", pos)) != std::string::npos) {
    size_t end = header.find("?=", pos + 10);
    out += DecodeBase64(header.substr(pos + 10, end - pos - 10));
    pos = end + 2;
  }
  return out;
}

TEST(Mime, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64("\xff\xfe\xfd"), "//79");
  EXPECT_EQ(Base64("中文"), "5Lit5paH");
}

TEST(Mime, AsciiSubjectStaysReadable) {
  EXPECT_EQ(EncodeHeaderText("Kehu test message"), "Kehu test message");
  EXPECT_EQ(EncodeHeaderText("=?x?="), "=?UTF-8?B?PT94Pz0=?=");
}

TEST(Mime, ChineseSubjectBecomesEncodedWordsThatNeverSplitACharacter) {
  std::string subject = "【待审批】客户：北京网联科技有限公司——请于本周五之前完成审核，谢谢！😀 𠀀";
  std::string header = EncodeHeaderText(subject);
  EXPECT_EQ(DecodeWords(header), subject);
  std::istringstream lines(header);
  std::string line;
  int words = 0;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line.front() == ' ') line.erase(0, 1);
    ++words;
    EXPECT_LE(line.size(), 75u) << line;
    // Each word decodes to whole UTF-8 characters by itself.
    std::string part = DecodeWords(line);
    EXPECT_FALSE(part.empty());
    EXPECT_NE(static_cast<unsigned char>(part[0]) & 0xC0, 0x80) << line;
  }
  EXPECT_GT(words, 1);
  for (char c : header) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
}

TEST(Mime, MessageHasHeadersCrlfAndBase64Body) {
  MimeMessage m{"客户系统 <crm@example.com>",
                "li.na@example.com",
                "测试邮件",
                "第一行\n第二行\r\n.\n",
                std::chrono::system_clock::from_time_t(1767605400),
                ""};  // 2026-01-05 09:30:00 UTC
  std::string text = BuildMime(m);
  EXPECT_NE(text.find("Date: Mon, 05 Jan 2026 09:30:00 +0000\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("From: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(text.find(" <crm@example.com>\r\n"), std::string::npos);
  EXPECT_NE(text.find("To: <li.na@example.com>\r\n"), std::string::npos);
  EXPECT_NE(text.find("Subject: =?UTF-8?B?5rWL6K+V6YKu5Lu2?=\r\n"), std::string::npos);
  EXPECT_NE(text.find("Message-ID: <"), std::string::npos);
  EXPECT_NE(text.find("@example.com>\r\n"), std::string::npos);
  EXPECT_NE(text.find("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                      "Content-Transfer-Encoding: base64\r\n\r\n"),
            std::string::npos);
  // No bare LF anywhere, and every body line within 76 columns.
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') EXPECT_EQ(text[i - 1], '\r') << i;
  std::string body = text.substr(text.find("\r\n\r\n") + 4);
  std::istringstream lines(body);
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 77u);
  EXPECT_EQ(DecodeBase64(body), "第一行\r\n第二行\r\n.\r\n");
}

TEST(Mime, LongBodyIsWrapped) {
  std::string body(2000, 'x');
  std::string text =
      BuildMime({"a@b.cn", "c@d.cn", "s", body, std::chrono::system_clock::now(), "id@b.cn"});
  EXPECT_NE(text.find("Message-ID: <id@b.cn>\r\n"), std::string::npos);
  std::string encoded = text.substr(text.find("\r\n\r\n") + 4);
  EXPECT_EQ(DecodeBase64(encoded), body);
  EXPECT_GT(std::count(encoded.begin(), encoded.end(), '\n'), 30);
}

TEST(Mime, MailboxesSplit) {
  std::string name, address;
  ASSERT_TRUE(SplitMailbox("Kehu CRM <crm@example.com>", name, address));
  EXPECT_EQ(name, "Kehu CRM");
  EXPECT_EQ(address, "crm@example.com");
  ASSERT_TRUE(SplitMailbox("\"客户 系统\" <a@b.cn>", name, address));
  EXPECT_EQ(name, "客户 系统");
  ASSERT_TRUE(SplitMailbox("a@b.cn", name, address));
  EXPECT_EQ(name, "");
  EXPECT_EQ(address, "a@b.cn");
  EXPECT_FALSE(SplitMailbox("x <a@b.cn", name, address));
  EXPECT_FALSE(SplitMailbox("x <a@b.cn> y", name, address));
}

TEST(Mime, AddressesThatCouldInjectAreRefused) {
  EXPECT_TRUE(IsValidAddress("li.na+crm@example.com"));
  EXPECT_TRUE(IsValidAddress("张伟@例子.中国"));
  EXPECT_FALSE(IsValidAddress("a@b.cn\r\nBcc: x@y.cn"));
  EXPECT_FALSE(IsValidAddress("a@b.cn>, <x@y.cn"));
  EXPECT_FALSE(IsValidAddress("a b@c.cn"));
  EXPECT_FALSE(IsValidAddress("@b.cn"));
  EXPECT_FALSE(IsValidAddress("a@"));
  EXPECT_FALSE(IsValidAddress("ab.cn"));
  EXPECT_FALSE(IsValidAddress(std::string(250, 'a') + "@b.cn"));
}

}  // namespace
}  // namespace kehu::mail
