#include "core/text/search_terms.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <iterator>

#include "core/text/chars.h"
#include "core/text/fold.h"
#include "core/text/pinyin_folded.h"
#include "core/text/utf8.h"

namespace kehu::text {
namespace {

constexpr std::size_t kMaxInitialsVariants = 16;
constexpr std::size_t kMaxFullVariants = 8;
// Pinyin is for names, addresses and titles. Spelling a long text would bloat the index and make
// random initials sequences match, so longer values are indexed by their characters only.
constexpr std::size_t kMaxPinyinValueLength = 64;  // code points

std::size_t CodePointCount(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A term of one or two code points is at most 8 bytes and never holds a NUL byte, so packing its
// bytes big-endian into an integer, zero-padded, orders terms exactly as bytewise comparison does:
// sorting integers instead of strings is what keeps BuildSearchDoc cheap.
using PackedTerm = std::uint64_t;

PackedTerm Pack(std::string_view term) {
  PackedTerm packed = 0;
  for (std::size_t i = 0; i < term.size(); ++i) {
    packed |= PackedTerm{static_cast<unsigned char>(term[i])} << (56 - 8 * i);
  }
  return packed;
}

std::string Unpack(PackedTerm packed) {
  std::string term;
  for (int shift = 56; shift >= 0 && ((packed >> shift) & 0xFF) != 0; shift -= 8) {
    term += static_cast<char>((packed >> shift) & 0xFF);
  }
  return term;
}

// Most of a document's terms are one or two ASCII characters (the pinyin lines: hundreds per
// company name, from a few hundred distinct ones). Those are deduplicated and ordered by a bitmap
// indexed by their two bytes, which sorts them exactly as their packed values would sort; only the
// rest (Chinese characters, a few dozen) go through a comparison sort. Sorting every term was a
// fifth of kehu generate's time.
bool IsShortAscii(PackedTerm p) {
  constexpr PackedTerm kRest = (PackedTerm{1} << 48) - 1;  // bytes 3 to 8
  return (p & kRest) == 0 && (p & (PackedTerm{0x80} << 56)) == 0 && (p & (PackedTerm{0x80} << 48)) == 0;
}

std::vector<std::string> SortedDistinct(std::vector<PackedTerm>& packed) {
  std::array<std::uint64_t, 256> seen{};  // bit (first byte << 7 | second byte)
  std::vector<PackedTerm> rest;
  for (PackedTerm p : packed) {
    if (IsShortAscii(p)) {
      unsigned index = static_cast<unsigned>(p >> 56) << 7 | static_cast<unsigned>(p >> 48 & 0x7F);
      seen[index >> 6] |= std::uint64_t{1} << (index & 63);
    } else {
      rest.push_back(p);
    }
  }
  std::sort(rest.begin(), rest.end());
  rest.erase(std::unique(rest.begin(), rest.end()), rest.end());
  std::vector<PackedTerm> ascii;
  for (unsigned word = 0; word < seen.size(); ++word) {
    for (std::uint64_t bits = seen[word]; bits != 0; bits &= bits - 1) {
      unsigned index = word << 6 | static_cast<unsigned>(std::countr_zero(bits));
      ascii.push_back(PackedTerm{index >> 7} << 56 | PackedTerm{index & 0x7F} << 48);
    }
  }
  // Both ordered, no term in both.
  std::vector<PackedTerm> merged;
  merged.reserve(ascii.size() + rest.size());
  std::merge(ascii.begin(), ascii.end(), rest.begin(), rest.end(), std::back_inserter(merged));
  std::vector<std::string> terms;
  terms.reserve(merged.size());
  for (PackedTerm p : merged) terms.push_back(Unpack(p));
  return terms;
}

// A maximal run of word characters (IsWordChar) of a text.
struct Piece {
  std::string_view text;
  std::size_t length = 0;  // in code points
};

// Calls on_piece for every word run of `s`, on_unigram for each of its code points and on_bigram
// for each pair of adjacent ones, all as views into `s`.
template <class OnPiece, class OnUnigram, class OnBigram>
void Scan(std::string_view s, OnPiece on_piece, OnUnigram on_unigram, OnBigram on_bigram) {
  std::size_t piece_start = 0, length = 0;
  std::size_t prev_start = 0;  // where the piece's previous code point starts
  auto close = [&](std::size_t end) {
    if (length > 0) on_piece(Piece{s.substr(piece_start, end - piece_start), length});
    length = 0;
  };
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    if (!IsWordChar(NextCodePoint(s, pos))) {
      close(start);
      continue;
    }
    if (length == 0) {
      piece_start = start;
    } else {
      on_bigram(s.substr(prev_start, pos - prev_start));
    }
    on_unigram(s.substr(start, pos - start));
    ++length;
    prev_start = start;
  }
  close(s.size());
}

void AppendLines(std::string& out, const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    out += '\n';
    out += line;
  }
}

std::string FoldValid(std::string_view s) {
  return IsValidUtf8(s) ? Fold(s) : Fold(ToValidUtf8(s));
}

}  // namespace

SearchDoc BuildSearchDoc(const std::vector<std::string>& values) {
  std::vector<std::string> folded_values;
  folded_values.reserve(values.size());
  for (const std::string& value : values) {
    std::string folded = FoldValid(value);
    if (!folded.empty()) folded_values.push_back(std::move(folded));
  }
  SearchDoc doc;
  for (const std::string& folded : folded_values) {
    if (!doc.folded.empty()) doc.folded += '\n';
    doc.folded += folded;
  }
  for (const std::string& folded : folded_values) {
    if (CodePointCount(folded) > kMaxPinyinValueLength || !internal::HasPinyin(folded)) continue;
    AppendLines(doc.folded, internal::InitialsOfFolded(folded, kMaxInitialsVariants));
    AppendLines(doc.folded, internal::FullOfFolded(folded, kMaxFullVariants));
  }
  std::vector<PackedTerm> packed;
  packed.reserve(2 * doc.folded.size());
  auto add = [&packed](std::string_view gram) { packed.push_back(Pack(gram)); };
  auto ignore_piece = [](const Piece&) {};
  Scan(doc.folded, ignore_piece, add, add);
  doc.terms = SortedDistinct(packed);
  return doc;
}

SearchDoc MergeSearchDocs(const std::vector<const SearchDoc*>& docs) {
  SearchDoc out;
  for (const SearchDoc* d : docs) {
    if (d->folded.empty()) continue;
    if (!out.folded.empty()) out.folded += '\n';
    out.folded += d->folded;
    std::vector<std::string> merged;
    merged.reserve(out.terms.size() + d->terms.size());
    std::set_union(out.terms.begin(), out.terms.end(), d->terms.begin(), d->terms.end(),
                   std::back_inserter(merged));
    out.terms = std::move(merged);
  }
  return out;
}

SearchQuery BuildSearchQuery(std::string_view q) {
  const std::string folded = FoldValid(q);
  std::vector<Piece> pieces;
  std::vector<PackedTerm> unigrams, bigrams;
  Scan(
      folded, [&pieces](const Piece& p) { pieces.push_back(p); },
      [&unigrams](std::string_view g) { unigrams.push_back(Pack(g)); },
      [&bigrams](std::string_view g) { bigrams.push_back(Pack(g)); });
  SearchQuery query;
  if (pieces.empty()) return query;
  const Piece* longest = &pieces.front();
  for (const Piece& piece : pieces) {
    if (piece.length > longest->length) longest = &piece;
  }
  // Bigrams are selective; unigrams only when no piece has two characters.
  query.terms = SortedDistinct(bigrams.empty() ? unigrams : bigrams);
  // A term of one or two characters is present only where the text has it, so queries whose
  // pieces are all that short need no verification (which reads every hit's folded text).
  if (longest->length > 2) query.verify = std::string(longest->text);
  return query;
}

}  // namespace kehu::text
