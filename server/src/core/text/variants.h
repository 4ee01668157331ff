// Internal to core/text: spelling out the variants of a text whose positions have alternatives.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kehu::text::internal {

// The alternatives at one position of a text, the default first; none empty.
using Choices = std::vector<std::string_view>;

// The distinct concatenations of one choice per position, at most `max_variants`, in order of how
// many positions deviate from their default: all defaults first, then each single deviation, then
// each pair, and so on. With a cap, this covers every polyphone of a long name at least once
// instead of all combinations of the first few. Empty if `slots` is empty or max_variants is 0.
std::vector<std::string> EnumerateVariants(const std::vector<Choices>& slots,
                                           std::size_t max_variants);

}  // namespace kehu::text::internal
