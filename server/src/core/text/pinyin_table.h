// The generated pinyin table (internal to core/text; use pinyin.h). Its definition is written
// at build time from Unihan by server/tools/pinyin/gen_pinyin_table.cc (server/cmake/pinyin.cmake).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kehu::text::internal {

// Readings of entry i are kPinyinReadingIds[first of i .. first of i+1), indexes into
// kPinyinSyllables (toneless ASCII, ü written v, sorted). The customary reading comes first.
struct PinyinEntry {
  char32_t code_point;
  std::uint32_t first;
};

extern const std::string_view kPinyinSyllables[];
extern const std::uint16_t kPinyinReadingIds[];
// Sorted by code_point; kPinyinEntries[kPinyinEntryCount] is a sentinel that closes the last range.
extern const PinyinEntry kPinyinEntries[];
extern const std::size_t kPinyinEntryCount;

}  // namespace kehu::text::internal
