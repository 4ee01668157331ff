#include "documents/vcard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>
#include <vector>

#include "core/text/utf8.h"

namespace kehu::documents {
namespace {

std::vector<std::string> PhysicalLines(const std::string& card) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t crlf = card.find("\r\n"); crlf != std::string::npos;
       crlf = card.find("\r\n", start)) {
    lines.push_back(card.substr(start, crlf - start));
    start = crlf + 2;
  }
  EXPECT_EQ(start, card.size()) << "the card must end with CRLF";
  return lines;
}

// Undoes folding: a line starting with a space continues the previous one.
std::vector<std::string> Unfold(const std::string& card) {
  std::vector<std::string> out;
  for (const auto& line : PhysicalLines(card)) {
    if (!line.empty() && line[0] == ' ' && !out.empty())
      out.back() += line.substr(1);
    else
      out.push_back(line);
  }
  return out;
}

VCardContact Sample() {
  VCardContact c;
  c.full_name = "欧阳明";
  std::tie(c.family_name, c.given_name) = SplitPersonName(c.full_name);
  c.organization = "北京网联科技有限公司";
  c.department = "采购部";
  c.title = "采购经理";
  c.work_phone = "010-62345678";
  c.mobile = "+8613812345678";
  c.fax = "010-62345679";
  c.email = "ouyang@example.cn";
  c.street = "北京市海淀区中关村大街1号";
  c.postal_code = "100080";
  c.birthday = "1985-03-12";
  c.note = "喜欢喝茶; 周末不接电话,\n请发邮件";
  return c;
}

TEST(VCardName, SplitsChineseSingleAndCompoundSurnames) {
  EXPECT_EQ(SplitPersonName("张伟"), std::make_pair(std::string("张"), std::string("伟")));
  EXPECT_EQ(SplitPersonName("欧阳明"), std::make_pair(std::string("欧阳"), std::string("明")));
  EXPECT_EQ(SplitPersonName("諸葛孔明"), std::make_pair(std::string("諸葛"), std::string("孔明")));
  EXPECT_EQ(SplitPersonName("上官婉儿"), std::make_pair(std::string("上官"), std::string("婉儿")));
  // Two characters: 司马 is then family 司, given 马 (a compound surname needs a given name).
  EXPECT_EQ(SplitPersonName("司马"), std::make_pair(std::string("司"), std::string("马")));
  EXPECT_EQ(SplitPersonName("𠀋小明"), std::make_pair(std::string("𠀋"), std::string("小明")));
  EXPECT_EQ(SplitPersonName("John Smith"),
            std::make_pair(std::string("Smith"), std::string("John")));
  EXPECT_EQ(SplitPersonName("Ana"), std::make_pair(std::string("Ana"), std::string("")));
  EXPECT_EQ(SplitPersonName(""), std::make_pair(std::string(""), std::string("")));
}

TEST(VCardText, EscapesCommaSemicolonBackslashAndNewlines) {
  EXPECT_EQ(EscapeVCardText("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
  EXPECT_EQ(EscapeVCardText("北京，上海"), "北京，上海");  // full-width comma is plain text
}

TEST(VCardFold, FoldsAt75OctetsWithoutSplittingCjkOrExtensionB) {
  std::string value;
  for (int i = 0; i < 40; ++i) value += i % 5 == 4 ? "𠀋" : "网联";
  std::string folded = FoldVCardLine("NOTE:" + value);
  std::vector<std::string> lines = PhysicalLines(folded);
  ASSERT_GT(lines.size(), 2u);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << "line " << i;
    std::string_view content = lines[i];
    if (i > 0) {
      ASSERT_EQ(content[0], ' ');
      content.remove_prefix(1);
    }
    EXPECT_TRUE(text::IsValidUtf8(content)) << "line " << i << " splits a UTF-8 sequence";
  }
  EXPECT_EQ(Unfold(folded), std::vector<std::string>{"NOTE:" + value});
  // Full lines are used: a fold only backs off to a character boundary (at most 3 octets).
  EXPECT_GE(lines[0].size(), 72u);
  EXPECT_EQ(FoldVCardLine("FN:张伟"), "FN:张伟\r\n");
}

TEST(VCardFold, AsciiLineOfExactly75OctetsIsNotFolded) {
  std::string line(75, 'a');
  EXPECT_EQ(FoldVCardLine(line), line + "\r\n");
  std::vector<std::string> two = PhysicalLines(FoldVCardLine(line + "b"));
  EXPECT_EQ(two, (std::vector<std::string>{line, " b"}));
}

TEST(VCardWrite, Version30HasTypedPhonesAndEscapedValues) {
  std::string card = WriteVCard(Sample(), VCardVersion::k30);
  std::vector<std::string> lines = Unfold(card);
  std::vector<std::string> expected = {"BEGIN:VCARD",
                                       "VERSION:3.0",
                                       "FN:欧阳明",
                                       "N:欧阳;明;;;",
                                       "ORG:北京网联科技有限公司;采购部",
                                       "TITLE:采购经理",
                                       "TEL;TYPE=WORK,VOICE:010-62345678",
                                       "TEL;TYPE=CELL,VOICE:+8613812345678",
                                       "TEL;TYPE=WORK,FAX:010-62345679",
                                       "EMAIL;TYPE=INTERNET,WORK:ouyang@example.cn",
                                       "ADR;TYPE=WORK:;;北京市海淀区中关村大街1号;;;100080;",
                                       "BDAY:1985-03-12",
                                       "NOTE:喜欢喝茶\\; 周末不接电话\\,\\n请发邮件",
                                       "END:VCARD"};
  EXPECT_EQ(lines, expected);
}

TEST(VCardWrite, Version40UsesLowerCaseTypesAndBasicDate) {
  std::string card = WriteVCard(Sample(), VCardVersion::k40);
  std::vector<std::string> lines = Unfold(card);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[1], "VERSION:4.0");
  auto has = [&](const std::string& l) {
    return std::find(lines.begin(), lines.end(), l) != lines.end();
  };
  EXPECT_TRUE(has("TEL;TYPE=\"cell,voice\":+8613812345678"));
  EXPECT_TRUE(has("TEL;TYPE=\"work,fax\":010-62345679"));
  EXPECT_TRUE(has("EMAIL;TYPE=work:ouyang@example.cn"));
  EXPECT_TRUE(has("BDAY:19850312"));
  EXPECT_TRUE(has("N:欧阳;明;;;"));
}

TEST(VCardWrite, EmptyFieldsAreLeftOut) {
  VCardContact c;
  c.full_name = "李娜";
  std::tie(c.family_name, c.given_name) = SplitPersonName(c.full_name);
  std::string card = WriteVCard(c, VCardVersion::k30);
  EXPECT_EQ(card, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nN:李;娜;;;\r\nEND:VCARD\r\n");
}

}  // namespace
}  // namespace kehu::documents
