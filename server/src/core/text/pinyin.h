// Pinyin of Han characters, from a table generated at build time from Unihan (kTGHZ2013, then
// kXHC1983, kHanyuPinyin, kMandarin). Readings are toneless lower-case ASCII with ü written v
// (绿 → "lv"). Every reading of a polyphone is kept, so 重庆银行 matches both "cqyh" and "zqyh".
// All functions are thread-safe and never fail; ill-formed UTF-8 is read as U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace kehu::text {

// The readings of one character: a view into the static table (no allocation, never dangles).
// The customary reading (Unihan kMandarin) comes first; the rest follow the dictionary's order.
class PinyinReadings {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;
    Iterator() = default;
    explicit Iterator(const std::uint16_t* id) : id_(id) {}
    std::string_view operator*() const;
    Iterator& operator++() {
      ++id_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator old = *this;
      ++id_;
      return old;
    }
    bool operator==(const Iterator&) const = default;

   private:
    const std::uint16_t* id_ = nullptr;
  };

  PinyinReadings() = default;
  PinyinReadings(const std::uint16_t* ids, std::size_t size) : ids_(ids), size_(size) {}

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view operator[](std::size_t i) const { return *Iterator(ids_ + i); }  // i < size()
  Iterator begin() const { return Iterator(ids_); }
  Iterator end() const { return Iterator(ids_ + size_); }

 private:
  const std::uint16_t* ids_ = nullptr;
  std::size_t size_ = 0;
};

// Readings of `cp`; empty for characters without any (Latin, punctuation, rare ideographs).
// Traditional characters have their own readings, but callers normally pass folded text.
PinyinReadings Readings(char32_t cp);

// The initials of `text` (first letter of each reading: 重庆银行 → "cqyh", "zqyh"), one string
// per combination of polyphone readings with different initials, at most `max_variants`. The
// text is folded first; other letters and digits are kept as folded ("3M中国" → "3mzg"),
// everything else is dropped. The first variant uses every character's first reading; when the
// cap bites, variants differing from it in fewer characters are preferred. Empty if nothing is
// left (no letters, digits or Han characters).
std::vector<std::string> PinyinInitials(std::string_view text, std::size_t max_variants = 16);

// Full toneless pinyin concatenated (北京网联 → "beijingwanglian"), one string per combination of
// distinct readings, at most `max_variants`; otherwise as PinyinInitials.
std::vector<std::string> PinyinFull(std::string_view text, std::size_t max_variants = 8);

// A key under which Chinese names sort by pinyin and other text by itself, compared bytewise
// (SQLite BINARY, PostgreSQL COLLATE "C"). Folded text with each Han character replaced by its
// first reading and words separated by one space: "重庆银行" → "zhong qing yin xing",
// "ABC 公司" → "abc gong si". Homophones give equal keys: sort by the display value next.
std::string PinyinSortKey(std::string_view text);

}  // namespace kehu::text
