#include "db/dialect.h"

#include <algorithm>

#include "db/database.h"

namespace kehu::db {

Result<std::shared_ptr<const std::vector<int64_t>>> Dialect::SharedTableIds(
    Session& s, const std::string& table, const std::string& sql, const std::vector<Value>& params) const {
  KEHU_ASSIGN(std::vector<int64_t> ids, s.QueryIds(sql, params));
  std::sort(ids.begin(), ids.end());
  return std::make_shared<const std::vector<int64_t>>(std::move(ids));
}

}  // namespace kehu::db
