#include "records/search_narrowing.h"

#include <algorithm>
#include <iterator>

namespace kehu::records {
namespace {

std::vector<int64_t> Sorted(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

Result<NarrowedSearch> NarrowSearch(db::Session& s, const db::Dialect& d, const meta::Entity& e,
                                    const text::SearchQuery& query, const Where& where, bool unrestricted) {
  KEHU_ASSIGN(std::vector<int64_t> hits, d.SearchIds(s, e.table, query.terms, query.verify));
  std::vector<int64_t> result;
  if (unrestricted) {
    // Every live record is allowed: drop the few in the recycle bin (its own small index).
    KEHU_ASSIGN(std::vector<int64_t> deleted, s.QueryIds("SELECT id FROM " + e.table + " WHERE deleted_at IS NOT NULL"));
    std::vector<int64_t> gone = Sorted(std::move(deleted));
    std::set_difference(hits.begin(), hits.end(), gone.begin(), gone.end(), std::back_inserter(result));
  } else {
    // The allowed side, from the covering indexes of the access and filter columns; too many
    // (an unselective filter for an admin) and intersecting would cost more than it saves.
    std::vector<db::Value> params = where.params;
    params.emplace_back(static_cast<int64_t>(kMaxCandidateIds + 1));
    KEHU_ASSIGN(std::vector<int64_t> allowed,
                s.QueryIds("SELECT t.id FROM " + e.table + " t WHERE " + where.sql + " LIMIT ?", params));
    if (allowed.size() > kMaxCandidateIds) return NarrowedSearch{};
    std::vector<int64_t> ids = Sorted(std::move(allowed));
    std::set_intersection(hits.begin(), hits.end(), ids.begin(), ids.end(), std::back_inserter(result));
  }
  NarrowedSearch out;
  out.total = static_cast<int64_t>(result.size());
  out.ids = std::move(result);
  return out;
}

}  // namespace kehu::records
