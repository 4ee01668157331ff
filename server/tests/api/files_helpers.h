// Helpers for the attachment API tests (files_test.cc): upload/list requests, binary test
// content, and row counts read behind the server's back to prove that refused requests stored
// nothing.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "harness.h"
#include "test_db.h"

namespace kehu::apitest {

inline std::string FilePath(const json::value& file_id) {
  return "/api/v1/files/" + IdStr(file_id);
}

inline HttpResponse Upload(Client& c, const std::string& entity, const json::value& record_id,
                           const std::string& name, const std::string& bytes,
                           const std::string& content_type = "application/pdf") {
  return c.Send(
      "POST",
      "/api/v1/files" +
          Query({{"name", name}, {"recordEntity", entity}, {"recordId", IdStr(record_id)}}),
      bytes, {{"Content-Type", content_type}});
}

inline HttpResponse ListFiles(Client& c, const std::string& entity, const json::value& record_id) {
  return c.Get("/api/v1/files" + Query({{"recordEntity", entity}, {"recordId", IdStr(record_id)}}));
}

// Ids of a GET /files response's items, in order.
inline std::vector<std::string> FileIds(const HttpResponse& list) {
  std::vector<std::string> ids;
  const auto& items = At(list.json, "items");
  if (items.is_array())
    for (const auto& f : items.get_array()) ids.push_back(IdStr(At(f, "id")));
  return ids;
}

// `n` pseudo-random bytes, every value included: NUL, bytes that are never valid UTF-8, CR/LF.
inline std::string TestBytes(size_t n, uint32_t seed = 7) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<char>(i < 256 ? i : rng() & 0xFF);
  return out;
}

inline std::string ErrorCode(const HttpResponse& r) { return Str(At(r.json, "error"), "code"); }

// SELECT count(*) FROM `table` straight from the test database, or -1.
inline int64_t CountRows(const TestServer& server, const std::string& table) {
  Rows rows;
  std::string sql = "SELECT count(*) FROM " + table;
  std::string err = server.database_kind() == "sqlite"
                        ? SqliteQuery(server.sqlite_path(), sql, &rows)
                        : PgQuery(server.db_url(), sql, &rows);
  EXPECT_EQ(err, "") << sql;
  return rows.empty() ? -1 : std::stoll(rows[0][0]);
}

// Actions of the record's audit history as the admin sees it, newest first.
inline std::vector<std::string> AuditActions(Client& admin, const std::string& entity,
                                             const json::value& record_id) {
  HttpResponse r =
      admin.Get("/api/v1/audit" + Query({{"entity", entity}, {"recordId", IdStr(record_id)}}));
  EXPECT_EQ(r.status, 200) << r.Describe();
  std::vector<std::string> actions;
  const auto& items = At(r.json, "items");
  if (items.is_array())
    for (const auto& item : items.get_array()) actions.push_back(Str(item, "action"));
  return actions;
}

}  // namespace kehu::apitest
