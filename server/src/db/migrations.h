// Numbered, checksummed migrations of the system tables (users, sessions, audit, ...).
// Files live in server/migrations/<sqlite|postgresql>/NNNN_name.sql and are embedded at build time.
// Applied migrations are recorded with their checksum; a changed file that was already applied is
// refused (committed migrations are never rewritten: add a new one).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace kehu::db {

class Database;

struct EmbeddedMigration {
  const char* dialect;  // "sqlite" or "postgresql"
  const char* name;     // "0001_system.sql"
  const char* sql;
};

const std::vector<EmbeddedMigration>& EmbeddedMigrations();

// Applies every migration of the database's kind that is not applied yet, each in its own
// transaction. Returns the number applied.
Result<int> RunMigrations(Database& db);

}  // namespace kehu::db
