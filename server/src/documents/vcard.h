// vCard writer (RFC 2426 vCard 3.0 and RFC 6350 vCard 4.0) for exporting contacts to phones and
// mail clients. Output is UTF-8 with CRLF line ends; text values escape \ , ; and newlines; lines
// are folded at 75 octets without splitting a UTF-8 sequence (CJK is 3 bytes, Extension B 4).
// Empty fields are left out; only FN (and N in 3.0) are always written.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace kehu::documents {

enum class VCardVersion { k30, k40 };

struct VCardContact {
  std::string full_name;
  std::string family_name;  // see SplitPersonName
  std::string given_name;
  std::string organization;  // ORG, first component
  std::string department;    // ORG, second component (organizational unit)
  std::string title;         // TITLE: the position as people read it (采购经理)
  std::string work_phone;
  std::string mobile;
  std::string fax;
  std::string email;
  std::string street;  // ADR street: the whole address as written
  std::string postal_code;
  std::string birthday;  // YYYY-MM-DD or empty
  std::string note;
};

// {family, given}. A Chinese name's family name is its first character, or its first two when
// they are a compound surname (欧阳, 司马, 诸葛, 上官, … in 简体 and 繁體) and the name is longer
// than two characters. A name with spaces ("John Smith") splits at the last space; one word is
// all family name.
std::pair<std::string, std::string> SplitPersonName(std::string_view name);

// A text value with \ , ; and line breaks escaped.
std::string EscapeVCardText(std::string_view value);
// One content line folded at 75 octets (continuations start with a space), ending in CRLF.
std::string FoldVCardLine(std::string_view line);

// One BEGIN:VCARD … END:VCARD block.
std::string WriteVCard(const VCardContact& contact, VCardVersion version);

}  // namespace kehu::documents
