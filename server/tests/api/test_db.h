// Direct database access for the API tests: creating/dropping PostgreSQL test databases, and
// reading or tampering with a Kehu database behind the server's back (backup, audit tests).
#pragma once

#include <string>
#include <vector>

namespace kehu::apitest {

using Rows = std::vector<std::vector<std::string>>;  // NULL reads as ""

// Each returns "" on success or the error text.
std::string SqliteExec(const std::string& path, const std::string& sql);
std::string SqliteQuery(const std::string& path, const std::string& sql, Rows* rows);
std::string PgExec(const std::string& url, const std::string& sql);
std::string PgQuery(const std::string& url, const std::string& sql, Rows* rows);

// "postgresql://u@h:p/old" -> "postgresql://u@h:p/<db>" (query string kept).
std::string PgUrlWithDatabase(const std::string& url, const std::string& db);

}  // namespace kehu::apitest
