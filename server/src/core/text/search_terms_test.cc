#include "core/text/search_terms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "core/text/chars.h"
#include "core/text/utf8.h"

namespace kehu::text {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using ::testing::Not;

// What the db layer does: all query terms indexed, then the candidate verified.
bool Matches(const SearchDoc& doc, std::string_view q) {
  const SearchQuery query = BuildSearchQuery(q);
  if (query.empty()) return false;
  for (const std::string& term : query.terms) {
    if (!std::binary_search(doc.terms.begin(), doc.terms.end(), term)) return false;
  }
  return doc.folded.find(query.verify) != std::string::npos;
}

const SearchDoc& Company() {
  static const SearchDoc doc =
      BuildSearchDoc({"北京网联科技有限公司", "13812345678", "Zhang.San@Example.com"});
  return doc;
}

TEST(SearchTermsTest, DocFoldedHoldsValuesThenPinyin) {
  const SearchDoc doc = BuildSearchDoc({"網聯", "", "ABC"});
  EXPECT_EQ(doc.folded, "网联\nabc\nwl\nwanglian");
}

TEST(SearchTermsTest, DocTermsAreUnigramsAndBigramsWithinRuns) {
  const SearchDoc doc = BuildSearchDoc({"北京 AB"});
  EXPECT_THAT(doc.terms, IsSupersetOf({"北", "京", "北京", "a", "b", "ab", "bj", "ji"}));
  EXPECT_THAT(doc.terms, Not(Contains("京a")));  // never across a space
  EXPECT_THAT(BuildSearchDoc({"AB-c"}).terms, ElementsAre("a", "ab", "b", "c"));
  EXPECT_TRUE(std::is_sorted(doc.terms.begin(), doc.terms.end()));
  EXPECT_EQ(std::adjacent_find(doc.terms.begin(), doc.terms.end()), doc.terms.end());
}

TEST(SearchTermsTest, TermsHoldOnlyWordCharacters) {
  const SearchDoc doc = BuildSearchDoc({"A \"quoted\" (x) * NEAR y:z ^ -o +p 'q'", "a@b.c"});
  for (const std::string& term : doc.terms) {
    EXPECT_EQ(term.find_first_of(" \t\n\"'()*:^+-@.,"), std::string::npos) << term;
    EXPECT_LE(DecodeUtf8(term).size(), 2u) << term;
  }
}

TEST(SearchTermsTest, FindsChineseSubstrings) {
  EXPECT_TRUE(Matches(Company(), "网联"));
  EXPECT_TRUE(Matches(Company(), "网联科技"));
  EXPECT_TRUE(Matches(Company(), "北京网联科技有限公司"));
  EXPECT_TRUE(Matches(Company(), "网"));
}

TEST(SearchTermsTest, FindsTraditionalAndFullWidthQueries) {
  EXPECT_TRUE(Matches(Company(), "網聯"));
  EXPECT_TRUE(Matches(Company(), "ＢＪＷＬ"));
}

TEST(SearchTermsTest, FindsPinyinInitialsAndFull) {
  EXPECT_TRUE(Matches(Company(), "bjwl"));
  EXPECT_TRUE(Matches(Company(), "BJWL"));
  EXPECT_TRUE(Matches(Company(), "wanglian"));
  EXPECT_TRUE(Matches(Company(), "beijingwanglian"));
  EXPECT_TRUE(Matches(Company(), "wang lian"));
}

TEST(SearchTermsTest, FindsPhoneAndEmailFragments) {
  EXPECT_TRUE(Matches(Company(), "1234"));
  EXPECT_TRUE(Matches(Company(), "5678"));
  EXPECT_TRUE(Matches(Company(), "zhang@"));
  EXPECT_TRUE(Matches(Company(), "san@example"));
  EXPECT_FALSE(Matches(Company(), "1357"));
}

TEST(SearchTermsTest, FindsEveryReadingOfPolyphones) {
  const SearchDoc bank = BuildSearchDoc({"重庆银行"});
  EXPECT_TRUE(Matches(bank, "cqyh"));
  EXPECT_TRUE(Matches(bank, "zqyh"));
  EXPECT_TRUE(Matches(bank, "chongqing"));
  EXPECT_TRUE(Matches(bank, "yinhang"));
  EXPECT_TRUE(Matches(bank, "重慶"));
}

TEST(SearchTermsTest, RejectsNonMatches) {
  EXPECT_FALSE(Matches(Company(), "上海"));
  EXPECT_FALSE(Matches(Company(), "sh"));
  EXPECT_FALSE(Matches(Company(), "京网科"));  // 网科 is not a bigram of the name
  EXPECT_FALSE(Matches(Company(), "bjkj"));    // both initials pairs exist, but apart
  EXPECT_FALSE(Matches(BuildSearchDoc({"网联 联科"}), "网联科"));  // bigrams all there: verified
}

TEST(SearchTermsTest, LongValuesAreNotSpelledInPinyin) {
  std::string text;
  for (int i = 0; i < 7; ++i) text += "北京网联科技有限公司";  // 70 characters
  const SearchDoc doc = BuildSearchDoc({text, "重庆银行"});
  EXPECT_TRUE(Matches(doc, "网联"));
  EXPECT_TRUE(Matches(doc, "cqyh"));
  EXPECT_FALSE(Matches(doc, "bjwl"));
}

TEST(SearchTermsTest, QueryOfOneCharacterIsItsUnigram) {
  const SearchQuery q = BuildSearchQuery(" 網 ");
  EXPECT_THAT(q.terms, ElementsAre("网"));
  EXPECT_EQ(q.verify, "") << "a unigram term is its own proof";
  EXPECT_EQ(BuildSearchQuery("网联").verify, "") << "so is a bigram";
  EXPECT_EQ(BuildSearchQuery("网联科").verify, "网联科") << "网联 and 联科 may stand apart";
}

TEST(SearchTermsTest, QueryIsBigramsOfPiecesVerifiedByTheLongest) {
  const SearchQuery q = BuildSearchQuery("Zhang@Example.com");
  EXPECT_THAT(q.terms,
              ElementsAre("am", "an", "co", "ex", "ha", "le", "mp", "ng", "om", "pl", "xa", "zh"));
  EXPECT_EQ(q.verify, "example");
  EXPECT_EQ(BuildSearchQuery("zhang@").verify, "zhang");
  EXPECT_EQ(BuildSearchQuery("zh ab").verify, "");
  EXPECT_THAT(BuildSearchQuery("a b").terms, ElementsAre("a", "b"));
}

TEST(SearchTermsTest, BlankQueriesAreEmpty) {
  EXPECT_TRUE(BuildSearchQuery("").empty());
  EXPECT_TRUE(BuildSearchQuery("   ").empty());
  EXPECT_TRUE(BuildSearchQuery("，。！@#").empty());
  EXPECT_FALSE(BuildSearchQuery("a").empty());
}

TEST(SearchTermsTest, FourByteCharactersSurvive) {
  const SearchDoc doc = BuildSearchDoc({"𠀀𠀁科技"});
  EXPECT_THAT(doc.terms, IsSupersetOf({"𠀀", "𠀀𠀁", "𠀁科"}));
  EXPECT_TRUE(Matches(doc, "𠀀"));
  EXPECT_TRUE(Matches(doc, "𠀀𠀁科"));
  EXPECT_THAT(BuildSearchQuery("𠀀𠀁").terms, ElementsAre("𠀀𠀁"));
}

TEST(SearchTermsTest, IllFormedUtf8DoesNotCrash) {
  const SearchDoc doc = BuildSearchDoc({"北京\xE5\x8C网联\xFF", "\xC0\xAF", "\xF0\xA0\x80"});
  EXPECT_TRUE(IsValidUtf8(doc.folded));
  for (const std::string& t : doc.terms) EXPECT_TRUE(IsValidUtf8(t)) << t;
  EXPECT_TRUE(Matches(doc, "网联"));
  EXPECT_FALSE(Matches(doc, "京网"));  // the bad byte separates them
  const SearchQuery q = BuildSearchQuery("网\xE5\x8C联");
  EXPECT_THAT(q.terms, ElementsAre("网", "联"));
  EXPECT_TRUE(BuildSearchQuery("\xFF\xFE").empty());
}

// Random bytes, biased towards pieces of UTF-8 sequences, must neither crash nor leak ill-formed
// UTF-8 into what the database stores.
TEST(SearchTermsTest, RandomBytesYieldValidUtf8) {
  std::mt19937 rng(42);
  const std::vector<std::string> parts = {"北", "\xE5", "\x8C",         "\xF0\xA0", "\x80", "A",
                                          " ",  "ｂ",   "\xED\xA0\x80", "重",       "\xFF", "@",
                                          "𠀀", "臺"};
  for (int i = 0; i < 2000; ++i) {
    std::string value;
    for (int n = rng() % 12; n > 0; --n) value += parts[rng() % parts.size()];
    const SearchDoc doc = BuildSearchDoc({value});
    ASSERT_TRUE(IsValidUtf8(doc.folded)) << i;
    for (const std::string& t : doc.terms) ASSERT_TRUE(IsValidUtf8(t)) << i;
    const SearchQuery q = BuildSearchQuery(value);
    ASSERT_TRUE(IsValidUtf8(q.verify)) << i;
    if (!q.empty()) {
      EXPECT_TRUE(Matches(doc, value)) << i;  // a value finds its own record
    }
  }
}

// The terms are exactly the distinct unigrams and bigrams of the folded text's word runs, in
// bytewise order, whatever mix of ASCII (deduplicated by a bitmap) and other characters (sorted)
// a document has: compared with a plain std::set over the same runs.
TEST(SearchTermsTest, TermsAreEveryDistinctGramInBytewiseOrder) {
  std::mt19937 rng(7);
  const std::vector<std::string> parts = {"a", "z", "0", "9", "Q", "é", "ß", "北", "京", "重",
                                          "𠀀", " ", "-", "ab", "x科", "科y", "7号", "臺"};
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::string> values(1 + rng() % 3);
    for (auto& v : values)
      for (int n = rng() % 14; n > 0; --n) v += parts[rng() % parts.size()];
    const SearchDoc doc = BuildSearchDoc(values);
    std::set<std::string> expected;
    std::u32string run;
    auto close_run = [&] {
      for (std::size_t k = 0; k < run.size(); ++k) {
        std::string uni, bi;
        AppendUtf8(uni, run[k]);
        expected.insert(uni);
        if (k + 1 < run.size()) {
          bi = uni;
          AppendUtf8(bi, run[k + 1]);
          expected.insert(bi);
        }
      }
      run.clear();
    };
    for (char32_t cp : DecodeUtf8(doc.folded)) {
      if (IsWordChar(cp)) {
        run.push_back(cp);
      } else {
        close_run();
      }
    }
    close_run();
    ASSERT_EQ(doc.terms, std::vector<std::string>(expected.begin(), expected.end())) << doc.folded;
  }
}

// Not a benchmark with a threshold: it keeps the cost visible (run with --gtest_also_run_disabled
// or watch the test's duration) and checks the work is stable under repetition.
TEST(SearchTermsTest, BuildsManyDocsQuickly) {
  const std::vector<std::string> values = {"重庆长安汽车股份有限公司", "13812345678",
                                           "chen.li@changan.com.cn", "重慶市江北區建新東路260號"};
  const SearchDoc first = BuildSearchDoc(values);
  std::size_t total = 0;
  for (int i = 0; i < 2000; ++i) total += BuildSearchDoc(values).terms.size();
  EXPECT_EQ(total, 2000 * first.terms.size());
}

TEST(SearchTermsTest, MergedPerValueDocumentsMatchLikeOneDocument) {
  const std::vector<std::string> values = {"北京网联科技有限公司", "KH-0042", "重庆银行"};
  const SearchDoc whole = BuildSearchDoc(values);
  std::vector<SearchDoc> parts;
  for (const auto& v : values) parts.push_back(BuildSearchDoc({v}));
  const SearchDoc merged = MergeSearchDocs({&parts[0], &parts[1], &parts[2]});
  EXPECT_EQ(merged.terms, whole.terms);
  for (const char* q : {"网联", "kh0042", "bjwl", "cqyh", "chongqing", "网联科技"})
    EXPECT_EQ(Matches(merged, q), Matches(whole, q)) << q;
  EXPECT_FALSE(Matches(merged, "司kh")) << "no match across two values";
}

}  // namespace
}  // namespace kehu::text
