#include "core/text/pinyin.h"

#include <algorithm>

#include "core/text/chars.h"
#include "core/text/fold.h"
#include "core/text/pinyin_folded.h"
#include "core/text/pinyin_table.h"
#include "core/text/utf8.h"
#include "core/text/variants.h"

namespace kehu::text {
namespace {

using internal::Choices;

// The positions of `folded` for spelling: each Han character contributes its choices (from
// `choices_of`), each run of other word characters one fixed slot; separators are dropped.
template <class ChoicesOf>
std::vector<Choices> Slots(std::string_view folded, ChoicesOf choices_of) {
  std::vector<Choices> slots;
  std::size_t run_start = 0, run_end = 0;  // the current run of other word characters
  auto close_run = [&] {
    if (run_end > run_start) slots.push_back({folded.substr(run_start, run_end - run_start)});
    run_start = run_end = 0;
  };
  for (std::size_t pos = 0; pos < folded.size();) {
    const std::size_t start = pos;
    const char32_t cp = NextCodePoint(folded, pos);
    const PinyinReadings readings = Readings(cp);
    if (!readings.empty()) {
      close_run();
      slots.push_back(choices_of(readings));
    } else if (IsWordChar(cp)) {
      if (run_end != start) {
        close_run();
        run_start = start;
      }
      run_end = pos;
    } else {
      close_run();
    }
  }
  close_run();
  return slots;
}

Choices DistinctInitials(const PinyinReadings& readings) {
  Choices initials;
  for (std::string_view r : readings) {
    std::string_view initial = r.substr(0, 1);
    if (std::find(initials.begin(), initials.end(), initial) == initials.end()) {
      initials.push_back(initial);
    }
  }
  return initials;
}

Choices AllReadings(const PinyinReadings& readings) {
  return Choices(readings.begin(), readings.end());
}

}  // namespace

std::string_view PinyinReadings::Iterator::operator*() const {
  return internal::kPinyinSyllables[*id_];
}

PinyinReadings Readings(char32_t cp) {
  using internal::kPinyinEntries;
  const internal::PinyinEntry* end = kPinyinEntries + internal::kPinyinEntryCount;
  if (cp < kPinyinEntries[0].code_point) return {};  // all of ASCII, Latin, punctuation
  const internal::PinyinEntry* it =
      std::lower_bound(kPinyinEntries, end, cp,
                       [](const internal::PinyinEntry& e, char32_t c) { return e.code_point < c; });
  if (it == end || it->code_point != cp) return {};
  return PinyinReadings(internal::kPinyinReadingIds + it->first, (it + 1)->first - it->first);
}

namespace internal {

bool HasPinyin(std::string_view folded) {
  for (std::size_t pos = 0; pos < folded.size();) {
    if (!Readings(NextCodePoint(folded, pos)).empty()) return true;
  }
  return false;
}

std::vector<std::string> InitialsOfFolded(std::string_view folded, std::size_t max_variants) {
  return EnumerateVariants(Slots(folded, DistinctInitials), max_variants);
}

std::vector<std::string> FullOfFolded(std::string_view folded, std::size_t max_variants) {
  return EnumerateVariants(Slots(folded, AllReadings), max_variants);
}

}  // namespace internal

std::vector<std::string> PinyinInitials(std::string_view text, std::size_t max_variants) {
  return internal::InitialsOfFolded(Fold(ToValidUtf8(text)), max_variants);
}

std::vector<std::string> PinyinFull(std::string_view text, std::size_t max_variants) {
  return internal::FullOfFolded(Fold(ToValidUtf8(text)), max_variants);
}

std::string PinyinSortKey(std::string_view text) {
  const std::string folded = Fold(ToValidUtf8(text));
  std::string key;
  bool word_break = false;  // a space is due before the next word character
  for (std::size_t pos = 0; pos < folded.size();) {
    const char32_t cp = NextCodePoint(folded, pos);
    const PinyinReadings readings = Readings(cp);
    if (!readings.empty()) {
      if (!key.empty()) key += ' ';
      key += readings[0];
      word_break = true;
    } else if (IsWordChar(cp)) {
      if (word_break) key += ' ';
      AppendUtf8(key, cp);
      word_break = false;
    } else {
      word_break = !key.empty();
    }
  }
  return key;
}

}  // namespace kehu::text
