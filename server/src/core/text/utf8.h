// UTF-8 validation, decoding and encoding. Nothing here assumes 3-byte characters: CJK Extension B+
// (U+20000…) are 4-byte sequences and are valid like any other scalar value.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kehu::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// True if `s` is well-formed UTF-8: no overlong forms, no surrogates (U+D800–U+DFFF), nothing
// above U+10FFFF, no truncated or stray continuation bytes.
bool IsValidUtf8(std::string_view s);

// Decodes the code point starting at s[pos] and advances `pos` past it. An ill-formed sequence
// yields kReplacementChar and advances past its maximal ill-formed prefix (at least one byte), the
// Unicode "best practice" for U+FFFD substitution. REQUIRES: pos < s.size().
char32_t NextCodePoint(std::string_view s, std::size_t& pos);

// All code points of `s`; ill-formed sequences become kReplacementChar.
std::u32string DecodeUtf8(std::string_view s);

// Appends the UTF-8 form of `cp`; a surrogate or a value above U+10FFFF appends kReplacementChar.
void AppendUtf8(std::string& out, char32_t cp);

// `s` with every ill-formed sequence replaced by kReplacementChar (a copy of `s` if valid).
std::string ToValidUtf8(std::string_view s);

}  // namespace kehu::text
