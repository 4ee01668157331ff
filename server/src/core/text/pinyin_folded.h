// Internal to core/text: the pinyin functions on text that is already folded, so that callers who
// folded it once (search_terms.cc) do not fold it again.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kehu::text::internal {

bool HasPinyin(std::string_view folded);  // true if any character has a reading
std::vector<std::string> InitialsOfFolded(std::string_view folded, std::size_t max_variants);
std::vector<std::string> FullOfFolded(std::string_view folded, std::size_t max_variants);

}  // namespace kehu::text::internal
