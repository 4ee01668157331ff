// Full-text search at scale (issue #6): a common word (科技) matches a tenth of a million customers,
// and a predicate "id IN (every match)" then makes the database collect, check and count all of
// them for each request, even for a rep who owns a few thousand records.
//
// NarrowSearch answers the same question from both ends instead, cheaply: the index's matching ids
// (one read of its posting lists, no record rows) and the ids the rest of the query allows (access,
// filters, recycle bin: a covering index scan, when they are few enough); their intersection is
// exactly the result set (Dialect::SharedSearchIdsAmong intersects them: PostgreSQL asks only
// about the allowed ids unless the word's whole list is cached, as reading it costs a row per
// match there). When it is small the list query runs over just those ids, and `total` is its size. When both sides are large (an admin searching a common word) the caller keeps the
// plain predicate; only then does the cost grow with the number of matches.
//
// RankedSearchPage orders a known result set too large to rank row by row (more than
// kMaxRowsRanked; an admin searching 科技: 113,916 results) in relevance tiers without reading
// it: the title equal to the query, then titles starting with it (both found by a range over the
// title's index), then everything else, each tier newest (highest id) first: the order of
// "RelevanceOrder(...), t.id DESC".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/text/search_terms.h"
#include "db/database.h"
#include "metadata/entity.h"
#include "records/record_sql.h"

namespace kehu::records {

inline constexpr size_t kMaxNarrowedIds = 2000;     // ids passed to the list query as parameters
inline constexpr size_t kMaxCandidateIds = 100000;  // ids the rest of the query may allow

struct NarrowedSearch {
  std::optional<int64_t> total;             // the number of results, when known
  std::optional<std::vector<int64_t>> ids;  // the results (ascending), when known
};

// `where` is the list query without its search condition, over alias `t`; `unrestricted` says
// that it keeps every live record (no access limit, no filter), so that side need not be read.
Result<NarrowedSearch> NarrowSearch(db::Session& s, const db::Dialect& d, const meta::Entity& e,
                                    const text::SearchQuery& query, const Where& where, bool unrestricted);

inline constexpr size_t kMaxRowsRanked = 256;  // more known results are ranked in tiers
inline constexpr size_t kMaxTitlePrefixCandidates = 20000;  // title index entries read per page

// The ids of page [offset, offset + limit) of `results` (ascending, the whole result set) in the
// tier order above; nullopt when the dialect cannot range over text bytewise or more than
// kMaxTitlePrefixCandidates titles start like the query (callers then rank the plain way).
Result<std::optional<std::vector<int64_t>>> RankedSearchPage(db::Session& s, const db::Dialect& d,
                                                             const meta::Entity& e, const std::string& q,
                                                             const std::vector<int64_t>& results,
                                                             size_t offset, size_t limit);

}  // namespace kehu::records
