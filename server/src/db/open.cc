#include <string>

#include "db/database.h"
#include "db/postgres/pg_database.h"
#include "db/sqlite/sqlite_database.h"

namespace kehu::db {

Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url, const DatabaseOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // tolerate sqlite:///abs/path
    if (path.empty()) return InvalidInput("bad_database_url").Arg("url", url);
    return OpenSqlite(path, options);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return OpenPostgres(url, options);
  return InvalidInput("bad_database_url").Arg("url", url);
}

}  // namespace kehu::db
