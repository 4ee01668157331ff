#include "db/dialect.h"

#include <algorithm>
#include <iterator>

#include "db/database.h"

namespace kehu::db {

std::vector<int64_t> IntersectSortedIds(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  const auto& few = a.size() <= b.size() ? a : b;
  const auto& many = a.size() <= b.size() ? b : a;
  std::vector<int64_t> both;
  if (few.size() * 16 < many.size()) {
    // Few among many (a rep's 5,000 allowed among 113,916 hits): look each one up.
    for (int64_t id : few)
      if (std::binary_search(many.begin(), many.end(), id)) both.push_back(id);
  } else {
    std::set_intersection(few.begin(), few.end(), many.begin(), many.end(), std::back_inserter(both));
  }
  return both;
}

Result<std::shared_ptr<const std::vector<int64_t>>> Dialect::SharedSearchIdsAmong(
    Session& s, const std::string& table, const std::vector<std::string>& terms, const std::string& verify,
    const std::vector<int64_t>& among) const {
  KEHU_ASSIGN(auto all, SharedSearchIds(s, table, terms, verify));
  return std::make_shared<const std::vector<int64_t>>(IntersectSortedIds(*all, among));
}

Result<std::shared_ptr<const std::vector<int64_t>>> Dialect::SharedTableIds(
    Session& s, const std::string& table, const std::string& sql, const std::vector<Value>& params) const {
  KEHU_ASSIGN(std::vector<int64_t> ids, s.QueryIds(sql, params));
  std::sort(ids.begin(), ids.end());
  return std::make_shared<const std::vector<int64_t>>(std::move(ids));
}

}  // namespace kehu::db
