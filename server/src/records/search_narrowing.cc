#include "records/search_narrowing.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string_view>

#include "core/text/utf8.h"

namespace kehu::records {
namespace {

// True when `sql` reads nothing but the row's own columns (no subquery: record_shares for a
// shared record, a time in its expiry), so that the table's stamp covers what it selects.
bool OnlyOwnColumns(std::string_view sql) {
  auto same = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; };
  return std::ranges::search(sql, std::string_view("select"), same).empty();
}

// [low, high): every text whose ASCII-lowercased form starts with `lower` (itself ASCII-lowercased,
// valid UTF-8) lies in it, bytewise: upper-case letters sort before lower-case ones, and `high` is
// `lower` with its last code point moved one up (bytewise order of UTF-8 is code point order), so
// it stays valid UTF-8 (PostgreSQL refuses anything else). Nullopt past the last code point.
std::optional<std::pair<std::string, std::string>> PrefixRange(const std::string& lower) {
  std::string low = lower;
  for (char& c : low)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  std::u32string points = text::DecodeUtf8(lower);
  char32_t& last = points.back();
  if (last >= 0x10FFFF) return std::nullopt;
  last = last == 0xD7FF ? 0xE000 : last + 1;  // no UTF-8 for the surrogates
  std::string high;
  for (char32_t cp : points) text::AppendUtf8(high, cp);
  return std::make_pair(low, high);
}

}  // namespace

Result<NarrowedSearch> NarrowSearch(db::Session& s, const db::Dialect& d, const meta::Entity& e,
                                    const text::SearchQuery& query, const Where& where, bool unrestricted) {
  std::vector<int64_t> result;
  if (unrestricted) {
    // Every live record is allowed: drop the few in the recycle bin (its own small index).
    KEHU_ASSIGN(auto hits, d.SharedSearchIds(s, e.table, query.terms, query.verify));
    KEHU_ASSIGN(auto gone, d.SharedTableIds(s, e.table, "SELECT id FROM " + e.table + " WHERE deleted_at IS NOT NULL", {}));
    std::set_difference(hits->begin(), hits->end(), gone->begin(), gone->end(), std::back_inserter(result));
  } else {
    // The allowed side, from the covering indexes of the access and filter columns, shared until
    // the table changes when the condition reads only its columns; too many (an unselective filter
    // for an admin) and intersecting would cost more than it saves.
    std::vector<db::Value> params = where.params;
    params.emplace_back(static_cast<int64_t>(kMaxCandidateIds + 1));
    const std::string sql = "SELECT t.id FROM " + e.table + " t WHERE " + where.sql + " LIMIT ?";
    // Otherwise the base class's plain read: the table's stamp would not cover what it selects.
    KEHU_ASSIGN(auto allowed, OnlyOwnColumns(where.sql) ? d.SharedTableIds(s, e.table, sql, params)
                                                          : d.Dialect::SharedTableIds(s, e.table, sql, params));
    if (allowed->size() > kMaxCandidateIds) return NarrowedSearch{};
    KEHU_ASSIGN(auto hits, d.SharedSearchIdsAmong(s, e.table, query.terms, query.verify, *allowed));
    result = *hits;
  }
  NarrowedSearch out;
  out.total = static_cast<int64_t>(result.size());
  out.ids = std::move(result);
  return out;
}

Result<std::optional<std::vector<int64_t>>> RankedSearchPage(db::Session& s, const db::Dialect& d,
                                                             const meta::Entity& e, const std::string& q,
                                                             const std::vector<int64_t>& results,
                                                             size_t offset, size_t limit) {
  const meta::Field* title = e.FindField(e.title_field);
  size_t first = q.find_first_not_of(" \t");
  if (!d.BytewiseTextRanges() || !title || first == std::string::npos) return std::optional<std::vector<int64_t>>();
  std::string text = q.substr(first, q.find_last_not_of(" \t") + 1 - first);
  if (!text::IsValidUtf8(text)) return std::optional<std::vector<int64_t>>();
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  // Tiers 0 (equal) and 1 (starts with) by the very expression the plain ranking sorts by, over
  // the titles the range lets through: the live ones, from the title's (partial) index.
  std::vector<db::Value> params;
  std::string rank = RelevanceOrder(e, q, params);
  auto range = PrefixRange(text);
  if (!range) return std::optional<std::vector<int64_t>>();
  params.emplace_back(range->first);
  params.emplace_back(range->second);
  params.emplace_back(static_cast<int64_t>(kMaxTitlePrefixCandidates + 1));
  const std::string col = "t." + title->column;
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT t.id, " + rank + " FROM " + e.table + " t WHERE t.deleted_at IS NULL AND " +
                                         col + " >= ? AND " + col + " < ? LIMIT ?",
                                     params));
  if (rows.size() > kMaxTitlePrefixCandidates) return std::optional<std::vector<int64_t>>();
  std::vector<int64_t> tiers[2];
  for (const auto& r : rows.rows) {
    int64_t id = db::AsInt(r[0]), tier = db::AsInt(r[1]);
    if (tier < 2 && std::binary_search(results.begin(), results.end(), id)) tiers[tier].push_back(id);
  }
  std::vector<int64_t> page;
  size_t position = 0;  // in the whole ranked list
  auto take = [&](int64_t id) {
    if (position >= offset && page.size() < limit) page.push_back(id);
    ++position;
  };
  std::vector<int64_t> ranked;  // tiers 0 and 1, ascending, to skip them in the rest
  for (auto& tier : tiers) {
    std::sort(tier.begin(), tier.end(), std::greater<>());
    for (int64_t id : tier) take(id);
    ranked.insert(ranked.end(), tier.begin(), tier.end());
  }
  std::sort(ranked.begin(), ranked.end());
  for (auto it = results.rbegin(); it != results.rend() && page.size() < limit; ++it) {
    if (std::binary_search(ranked.begin(), ranked.end(), *it)) continue;
    if (position < offset) {
      ++position;  // before the page: only counted
      continue;
    }
    take(*it);
  }
  return std::optional<std::vector<int64_t>>(std::move(page));
}

}  // namespace kehu::records
