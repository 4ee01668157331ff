#include "documents/vcard.h"

#include <vector>

#include "core/text/utf8.h"

namespace kehu::documents {

namespace {

constexpr size_t kMaxLineOctets = 75;

// 复姓 seen in practice, simplified and traditional.
constexpr std::string_view kCompoundSurnames[] = {
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "尉遲",
    "公孙", "公孫", "慕容", "长孙", "長孫", "宇文", "司徒", "司空", "夏侯", "轩辕", "軒轅", "令狐",
    "独孤", "獨孤", "南宫", "南宮", "西门", "西門", "端木", "百里", "呼延", "东郭", "東郭", "钟离",
    "鍾離", "闻人", "聞人", "赫连", "赫連", "澹台", "澹臺", "濮阳", "濮陽", "太史", "宗政", "公羊",
    "申屠", "鲜于", "鮮于", "闾丘", "閭丘", "万俟", "拓跋", "第五", "左丘", "梁丘", "乐正", "樂正",
    "谷梁", "仲孙", "仲孫", "巫马", "巫馬", "公冶", "太叔", "漆雕", "亓官", "司寇", "羊舌", "微生"};

bool IsCjk(char32_t c) { return c >= 0x2E80; }

std::string Property(std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  line += value;
  return FoldVCardLine(line);
}

}  // namespace

std::pair<std::string, std::string> SplitPersonName(std::string_view name) {
  std::u32string chars = text::DecodeUtf8(name);
  if (chars.empty()) return {};
  size_t space = name.find_last_of(' ');
  if (!IsCjk(chars[0]) || space != std::string_view::npos) {
    if (space == std::string_view::npos) return {std::string(name), ""};
    return {std::string(name.substr(space + 1)), std::string(name.substr(0, space))};
  }
  size_t family_chars = 1;
  if (chars.size() > 2) {
    std::string first_two;
    text::AppendUtf8(first_two, chars[0]);
    text::AppendUtf8(first_two, chars[1]);
    for (std::string_view surname : kCompoundSurnames)
      if (surname == first_two) family_chars = 2;
  }
  std::string family, given;
  for (size_t i = 0; i < chars.size(); ++i)
    text::AppendUtf8(i < family_chars ? family : given, chars[i]);
  return {family, given};
}

std::string EscapeVCardText(std::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ',':
        out += "\\,";
        break;
      case ';':
        out += "\\;";
        break;
      case '\r':
        if (i + 1 < value.size() && value[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string FoldVCardLine(std::string_view line) {
  std::string out;
  size_t limit = kMaxLineOctets;  // the first line; continuations lose one octet to the space
  while (line.size() > limit) {
    size_t cut = limit;
    // Back up to the start of a UTF-8 sequence (never cut before a continuation byte).
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = kMaxLineOctets - 1;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string WriteVCard(const VCardContact& c, VCardVersion version) {
  const bool v4 = version == VCardVersion::k40;
  std::string out = "BEGIN:VCARD\r\n";
  out += v4 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n";
  out += Property("FN", EscapeVCardText(c.full_name));
  out +=
      Property("N", EscapeVCardText(c.family_name) + ";" + EscapeVCardText(c.given_name) + ";;;");
  auto add = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) out += Property(name, EscapeVCardText(value));
  };
  if (!c.organization.empty() || !c.department.empty()) {
    std::string org = EscapeVCardText(c.organization);
    if (!c.department.empty()) org += ";" + EscapeVCardText(c.department);
    out += Property("ORG", org);
  }
  add("TITLE", c.title);
  add(v4 ? "TEL;TYPE=\"work,voice\"" : "TEL;TYPE=WORK,VOICE", c.work_phone);
  add(v4 ? "TEL;TYPE=\"cell,voice\"" : "TEL;TYPE=CELL,VOICE", c.mobile);
  add(v4 ? "TEL;TYPE=\"work,fax\"" : "TEL;TYPE=WORK,FAX", c.fax);
  add(v4 ? "EMAIL;TYPE=work" : "EMAIL;TYPE=INTERNET,WORK", c.email);
  if (!c.street.empty() || !c.postal_code.empty()) {
    // ADR: post office box; extended address; street; locality; region; postal code; country.
    out +=
        Property(v4 ? "ADR;TYPE=work" : "ADR;TYPE=WORK",
                 ";;" + EscapeVCardText(c.street) + ";;;" + EscapeVCardText(c.postal_code) + ";");
  }
  if (!c.birthday.empty()) {
    std::string date = c.birthday;  // 3.0 takes ISO 8601 extended; 4.0 the basic format
    if (v4) std::erase(date, '-');
    out += Property("BDAY", date);
  }
  add("NOTE", c.note);
  out += "END:VCARD\r\n";
  return out;
}

}  // namespace kehu::documents
