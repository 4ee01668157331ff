// SQLite backend: WAL, synchronous=FULL, one writer thread that commits concurrent writes together
// (group commit, each caller isolated by a SAVEPOINT), and a pool of reader connections.
#pragma once

#include <memory>
#include <string>

#include "db/database.h"

namespace kehu::db {

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const DatabaseOptions& options);

}  // namespace kehu::db
