// Identifiers of the Chinese market whose syntax is a standard (CHINA.md "Identifiers").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kehu::ids {

// 统一社会信用代码 (GB 32100-2015). Normalize upper-cases and strips spaces; nullopt when the
// result is not 18 characters of the code's alphabet (0-9 and A-Y without I, O, S, V, Z).
std::optional<std::string> NormalizeCreditCode(std::string_view input);
// True when the 18th character is the check character of the first 17. Some legally issued early
// codes fail it, so callers ask the user to confirm rather than reject. `code` must be normalized.
bool CreditCodeChecksumOk(std::string_view code);

// Postal code: exactly six ASCII digits; may start with 0 (内蒙古 010000).
bool IsValidPostalCode(std::string_view s);

}  // namespace kehu::ids
