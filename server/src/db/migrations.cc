#include "db/migrations.h"

#include <cstdlib>
#include <map>

#include "core/crypto.h"
#include "core/time.h"
#include "db/database.h"

namespace kehu::db {

Result<int> RunMigrations(Database& db) {
  KEHU_TRY(db.Write([](Session& s) {
    return s.ExecuteScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT "
        "NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
  }));
  std::map<int64_t, std::string> applied;  // version -> checksum
  KEHU_TRY(db.Read([&](Session& s) -> Status {
    KEHU_ASSIGN(Rows rows, s.Query("SELECT version, checksum FROM schema_migrations", {}));
    for (auto& r : rows.rows) applied[AsInt(r[0])] = AsText(r[1]);
    return Ok();
  }));

  int count = 0;
  for (const auto& m : EmbeddedMigrations()) {
    if (db.kind() != m.dialect) continue;
    int64_t version = std::strtoll(m.name, nullptr, 10);
    std::string checksum = crypto::Sha256Hex(m.sql);
    auto it = applied.find(version);
    if (it != applied.end()) {
      if (it->second != checksum)
        return Error(ErrorKind::kInternal, "migration_checksum_mismatch")
            .Detail(std::string("migration ") + m.name + " changed after it was applied");
      continue;
    }
    KEHU_TRY(db.Write([&](Session& s) -> Status {
      KEHU_TRY(s.ExecuteScript(m.sql));
      KEHU_TRY(s.Execute(
          "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
          {Value(version), Value(std::string(m.name)), Value(checksum), Value(NowIso())}));
      return Ok();
    }));
    ++count;
  }
  return count;
}

}  // namespace kehu::db
