#include "files/file_input.h"

#include <fmt/format.h>

#include "core/text/utf8.h"

namespace kehu::files {
namespace {

bool IsControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// Right-to-left overrides and isolates make "gpj.exe" look like "exe.jpg"; line and paragraph
// separators break headers and logs.
bool IsDisguise(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x2028 || cp == 0x2029;
}

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 8187 attr-char: sent as is inside filename*; everything else is percent-encoded.
bool IsAttrChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Length of the token at the start of `s`.
size_t TokenLength(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && IsTokenChar(s[n])) ++n;
  return n;
}

}  // namespace

std::string_view FileNameProblem(std::string_view name) {
  if (Trim(name).empty()) return "required";
  if (!text::IsValidUtf8(name)) return "invalid";
  if (name == "." || name == "..") return "invalid";
  size_t chars = 0;
  for (size_t pos = 0; pos < name.size();) {
    char32_t cp = text::NextCodePoint(name, pos);
    if (cp == '/' || cp == '\\' || IsControl(cp) || IsDisguise(cp)) return "invalid";
    ++chars;
  }
  return chars > kMaxFileNameChars ? "too_long" : "";
}

std::optional<std::string> NormalizeContentType(std::string_view header) {
  std::string_view t = Trim(header);
  if (t.empty()) return std::string(kDefaultContentType);
  if (t.size() > 200) return std::nullopt;
  for (char c : t)
    if (c < 0x20 || c > 0x7E) return std::nullopt;
  size_t type = TokenLength(t);
  if (type == 0 || type >= t.size() || t[type] != '/') return std::nullopt;
  std::string_view rest = t.substr(type + 1);
  size_t subtype = TokenLength(rest);
  if (subtype == 0) return std::nullopt;
  std::string_view params = Trim(rest.substr(subtype));
  if (!params.empty() && params.front() != ';') return std::nullopt;
  return std::string(t);
}

std::string ContentDisposition(std::string_view name) {
  std::string ascii, encoded;
  for (size_t pos = 0; pos < name.size();) {
    char32_t cp = text::NextCodePoint(name, pos);
    ascii += cp < 0x80 && cp != '"' && cp != '\\' && !IsControl(cp) ? static_cast<char>(cp) : '_';
  }
  for (unsigned char c : name) {
    if (IsAttrChar(static_cast<char>(c)))
      encoded += static_cast<char>(c);
    else
      encoded += fmt::format("%{:02X}", c);
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace kehu::files
