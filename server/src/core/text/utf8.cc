#include "core/text/utf8.h"

namespace kehu::text {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Decodes the sequence at s[pos]. Returns its length and sets `cp`, or returns 0 and sets
// `bad_len` to the length of the maximal ill-formed prefix.
std::size_t Decode(std::string_view s, std::size_t pos, char32_t& cp, std::size_t& bad_len) {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    bad_len = 1;
    return 0;
  }
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = pos + k < s.size() ? static_cast<unsigned char>(s[pos + k]) : 0;
    const bool in_range = k == 1 ? b >= lo && b <= hi : IsContinuation(b);
    if (!in_range) {
      bad_len = k;
      return 0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  return len;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp;
    std::size_t bad_len;
    const std::size_t len = Decode(s, pos, cp, bad_len);
    if (len == 0) return false;
    pos += len;
  }
  return true;
}

char32_t NextCodePoint(std::string_view s, std::size_t& pos) {
  char32_t cp;
  std::size_t bad_len = 0;
  const std::size_t len = Decode(s, pos, cp, bad_len);
  if (len == 0) {
    pos += bad_len;
    return kReplacementChar;
  }
  pos += len;
  return cp;
}

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t pos = 0; pos < s.size();) out.push_back(NextCodePoint(s, pos));
  return out;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string ToValidUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    const char32_t cp = NextCodePoint(s, pos);
    if (cp == kReplacementChar) {
      AppendUtf8(out, kReplacementChar);  // also the ill-formed sequences decoded as U+FFFD
    } else {
      out.append(s, start, pos - start);
    }
  }
  return out;
}

}  // namespace kehu::text
