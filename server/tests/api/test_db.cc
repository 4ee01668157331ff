#include "test_db.h"

#include <libpq-fe.h>
#include <sqlite3.h>

namespace kehu::apitest {

std::string SqliteQuery(const std::string& path, const std::string& sql, Rows* rows) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string err = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return "open " + path + ": " + err;
  }
  sqlite3_busy_timeout(db, 5000);
  std::string err;
  const char* tail = sql.c_str();
  while (err.empty() && tail && *tail) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, tail, -1, &stmt, &tail) != SQLITE_OK) {
      err = sqlite3_errmsg(db);
      break;
    }
    if (!stmt) break;  // trailing whitespace or comment
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (!rows) continue;
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const unsigned char* text = sqlite3_column_text(stmt, i);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      rows->push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) err = sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return err;
}

std::string SqliteExec(const std::string& path, const std::string& sql) {
  return SqliteQuery(path, sql, nullptr);
}

std::string PgQuery(const std::string& url, const std::string& sql, Rows* rows) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string err = PQerrorMessage(conn);
    PQfinish(conn);
    return "connect " + url + ": " + err;
  }
  PGresult* res = PQexec(conn, sql.c_str());
  std::string err;
  ExecStatusType st = PQresultStatus(res);
  if (st == PGRES_TUPLES_OK && rows) {
    for (int r = 0; r < PQntuples(res); ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < PQnfields(res); ++c) row.emplace_back(PQgetvalue(res, r, c));
      rows->push_back(std::move(row));
    }
  } else if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
    err = PQerrorMessage(conn);
  }
  PQclear(res);
  PQfinish(conn);
  return err;
}

std::string PgExec(const std::string& url, const std::string& sql) {
  return PgQuery(url, sql, nullptr);
}

std::string PgUrlWithDatabase(const std::string& url, const std::string& db) {
  auto scheme = url.find("://");
  size_t host_start = scheme == std::string::npos ? 0 : scheme + 3;
  auto query = url.find('?', host_start);
  std::string head = url.substr(0, query);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  auto slash = head.find('/', host_start);
  if (slash != std::string::npos) head.resize(slash);
  return head + "/" + db + tail;
}

}  // namespace kehu::apitest
