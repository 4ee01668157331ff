// The PostgreSQL backend of Database (see db/database.h for the contract).
//
// Every Read/Write takes one connection from a bounded pool (options.read_connections, at least 2)
// for the length of one transaction: Read in `REPEATABLE READ, READ ONLY` (one snapshot for all of
// fn's statements), Write in `READ COMMITTED`, committed when fn succeeds. Callers wait for a free
// connection up to options.busy_timeout_ms, then get db_unavailable.
//
// Differences from SQLite that callers may notice:
//  - a failed statement aborts the whole transaction: later statements of the same fn fail too,
//    and Write() returns the first failure even if fn swallowed it;
//  - concurrent writers do not queue behind one writer: they run in parallel and may meet
//    serialization_failure or deadlocks (40001/40P01), which Write() reports, not retries.
#pragma once

#include <memory>
#include <string>

#include "db/database.h"

namespace kehu::db {

// `url` is a libpq URI (postgresql://user@host:port/dbname?...) or conninfo string. Opens one
// connection to check that the database is reachable; fails with db_unavailable if not.
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url,
                                               const DatabaseOptions& options);

}  // namespace kehu::db
