// Online backups through pg_dump: a consistent snapshot (one repeatable-read transaction) taken
// while the database keeps serving.
#pragma once

#include <string>

#include "core/result.h"

namespace kehu::db::pg {

// Runs `pg_dump --format=custom --file=<out> --dbname=<url>` and waits for it. pg_dump is taken
// from PATH, else from /usr/lib/postgresql/15/bin. Its stderr goes into the error's detail.
// `out` appears only once the dump is complete (written as `out`.partial, then renamed).
Status RunPgDump(const std::string& url, const std::string& out);

}  // namespace kehu::db::pg
