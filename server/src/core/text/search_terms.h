// The search index design shared by both databases (SQLite FTS5, PostgreSQL GIN over text[]):
// records are indexed by the unigrams and overlapping bigrams of their folded text plus its pinyin;
// a query asks for its bigrams, then candidates are verified by a substring of the folded text.
// The db layer stores and queries the terms; this file only produces them.
//
// A record matches a query iff every query term is one of the record's terms AND the record's
// `folded` text contains `verify`. 北京网联科技有限公司 matches 网联, 網聯, bjwl, BJWL,
// ＢＪＷＬ and wanglian; 重庆银行 matches cqyh, zqyh and chongqing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kehu::text {

struct SearchDoc {
  // Fold(value) for each non-empty value, then for each value with Han characters (and at most 64
  // code points: pinyin of long texts is noise) every PinyinInitials variant (at most 16) and
  // every PinyinFull variant (at most 8); all joined by '\n'. Store it for verification; it is
  // never displayed.
  std::string folded;
  // The distinct unigrams and bigrams (in code points) of every word run of `folded`, sorted
  // bytewise. A run is a maximal sequence of letters and digits (IsWordChar); bigrams never cross
  // a separator. Terms hold only letters, digits and CJK: no spaces, quotes or operators.
  std::vector<std::string> terms;
};

// The index document of one record, built from the display values of its search fields.
// Ill-formed UTF-8 in a value is replaced by U+FFFD first. Thread-safe.
SearchDoc BuildSearchDoc(const std::vector<std::string>& values);

// One document with the lines and terms of all `docs` (the same matches as BuildSearchDoc of
// all their values together; `folded` may list the lines in another order). Lets callers build the
// expensive part of a document per value, ahead of time. Thread-safe.
SearchDoc MergeSearchDocs(const std::vector<const SearchDoc*>& docs);

struct SearchQuery {
  // Sorted and distinct. A query of one character is {that character}; otherwise the bigrams of
  // each word run ("piece") of the folded query, or, if no piece has two characters, each piece.
  std::vector<std::string> terms;
  // The longest piece (the first of equal ones); the record's `folded` text must contain it.
  // Empty when no piece is longer than two characters: the terms alone then decide.
  std::string verify;

  // A blank query, or one of separators only: it matches nothing, and callers should not search.
  bool empty() const { return terms.empty(); }
};

// What a user typed → the terms every match must have and the substring that verifies it.
// Ill-formed UTF-8 is replaced by U+FFFD first. Thread-safe.
SearchQuery BuildSearchQuery(std::string_view q);

}  // namespace kehu::text
