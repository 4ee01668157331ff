// Throwaway databases for the backend conformance tests.
//
// SQLite: a fresh file under the temp directory per call. PostgreSQL: one fresh database per test
// process (CREATE DATABASE kehu_t_<random> on the cluster whose URL is in the file named by
// $KEHU_TEST_PG_URL_FILE, see server/tests/pg_fixture.cmake), dropped when the process ends.
#pragma once

#include <ostream>
#include <string>

#include "core/error.h"

namespace kehu {
// Lets gtest print an Error in failure messages.
inline void PrintTo(const Error& e, std::ostream* os) {
  *os << "Error{kind=" << static_cast<int>(e.kind) << ", code=" << e.code << ", detail=" << e.detail
      << "}";
}
}  // namespace kehu

namespace kehu::db::testing {

// The URL of a fresh database for `backend` ("sqlite" or "postgresql"). Sets `skip_reason` and
// returns "" when PostgreSQL is not configured ($KEHU_TEST_PG_URL_FILE unset). Fails the current
// test (and returns "") when it is configured but unusable.
std::string FreshDatabaseUrl(const std::string& backend, std::string& skip_reason);

// The cluster's admin URL (for tests that need a direct libpq connection), or "".
std::string PgClusterUrl();

// A lower-case identifier unique to the running test, e.g. "t_insertreturningid".
std::string TestTableName();

}  // namespace kehu::db::testing
