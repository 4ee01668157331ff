#include "imports/import_store.h"

#include <boost/json.hpp>

#include "core/time.h"

namespace kehu::imports {
namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "id, entity, created_by_id, state, phase, mode, on_duplicate, dry_run, file_name, total, "
    "processed, created, updated, skipped, error_count, failure, headers, columns, created_at, "
    "updated_at, finished_at";

db::Value TextOrNull(const std::string& s) { return s.empty() ? db::Value() : db::Value(s); }

ImportRecord FromRow(const std::vector<db::Value>& v) {
  ImportRecord r;
  r.id = db::AsInt(v[0]);
  r.entity = db::AsText(v[1]);
  r.created_by_id = db::AsInt(v[2]);
  r.state = db::AsText(v[3]);
  r.phase = db::AsText(v[4]);
  r.mode = db::AsText(v[5]);
  r.on_duplicate = db::AsText(v[6]);
  r.dry_run = db::AsInt(v[7]) != 0;
  r.file_name = db::AsText(v[8]);
  r.total = db::AsInt(v[9]);
  r.processed = db::AsInt(v[10]);
  r.created = db::AsInt(v[11]);
  r.updated = db::AsInt(v[12]);
  r.skipped = db::AsInt(v[13]);
  r.error_count = db::AsInt(v[14]);
  r.failure = db::AsText(v[15]);
  r.headers_json = db::AsText(v[16]);
  r.columns_json = db::AsText(v[17]);
  r.created_at = db::AsText(v[18]);
  r.updated_at = db::AsText(v[19]);
  r.finished_at = db::AsText(v[20]);
  return r;
}

RowIssue IssueFromRow(const std::vector<db::Value>& v) {
  RowIssue issue{db::AsInt(v[0]), db::AsText(v[1]), db::AsText(v[2]), {}, {}};
  json::error_code ec;
  json::value fields = json::parse(db::AsText(v[3]), ec);
  if (!ec && fields.is_object())
    for (const auto& [k, code] : fields.as_object())
      if (code.is_string()) issue.fields[std::string(k)] = std::string(code.as_string());
  json::value cells = json::parse(db::AsText(v[4]), ec);
  if (!ec && cells.is_array())
    for (const auto& c : cells.as_array())
      issue.cells.push_back(c.is_string() ? std::string(c.as_string()) : "");
  return issue;
}

}  // namespace

Status ImportStore::Create(ImportRecord& r) {
  r.created_at = r.updated_at = NowIso();
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows ids,
                s.Query("INSERT INTO imports (entity, created_by_id, state, phase, mode, on_duplicate, "
                        "dry_run, file_name, total, headers, columns, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        {db::Value(r.entity),
                         r.created_by_id ? db::Value(r.created_by_id) : db::Value(),
                         db::Value(r.state), db::Value(r.phase), db::Value(r.mode),
                         db::Value(r.on_duplicate), db::Value(int64_t{r.dry_run ? 1 : 0}),
                         TextOrNull(r.file_name), db::Value(r.total), db::Value(r.headers_json),
                         db::Value(r.columns_json), db::Value(r.created_at),
                         db::Value(r.updated_at)}));
    r.id = db::AsInt(ids.rows[0][0]);
    return Ok();
  });
}

Status ImportStore::Save(ImportRecord& r) {
  r.updated_at = NowIso();
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(s.Execute("UPDATE imports SET state = ?, phase = ?, processed = ?, created = ?, "
                       "updated = ?, skipped = ?, error_count = ?, failure = ?, updated_at = ?, "
                       "finished_at = ? WHERE id = ?",
                       {db::Value(r.state), db::Value(r.phase), db::Value(r.processed),
                        db::Value(r.created), db::Value(r.updated), db::Value(r.skipped),
                        db::Value(r.error_count), TextOrNull(r.failure), db::Value(r.updated_at),
                        TextOrNull(r.finished_at), db::Value(r.id)}));
    return Ok();
  });
}

Status ImportStore::AddIssues(int64_t import_id, const std::vector<RowIssue>& issues) {
  if (issues.empty()) return Ok();
  return db_.Write([&](db::Session& s) -> Status {
    for (const RowIssue& issue : issues) {
      json::object fields;
      for (const auto& [k, code] : issue.fields) fields[k] = code;
      json::array cells;
      for (const auto& c : issue.cells) cells.emplace_back(c);
      KEHU_TRY(s.Execute("INSERT INTO import_rows (import_id, row_number, kind, code, fields, cells) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         {db::Value(import_id), db::Value(issue.row), db::Value(issue.kind),
                          db::Value(issue.code), db::Value(json::serialize(fields)),
                          db::Value(json::serialize(cells))}));
    }
    return Ok();
  });
}

Result<ImportRecord> ImportStore::Load(int64_t id) {
  ImportRecord r;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns + " FROM imports WHERE id = ?",
                                       {db::Value(id)}));
    if (rows.empty()) return NotFound();
    r = FromRow(rows.rows[0]);
    return Ok();
  }));
  return r;
}

Result<std::vector<RowIssue>> ImportStore::Issues(int64_t import_id, const std::string& kind,
                                                  int64_t limit) {
  std::vector<RowIssue> out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    std::string sql = "SELECT row_number, kind, code, fields, cells FROM import_rows WHERE import_id = ?";
    std::vector<db::Value> params{db::Value(import_id)};
    if (!kind.empty()) {
      sql += " AND kind = ?";
      params.emplace_back(kind);
    }
    sql += " ORDER BY row_number";
    if (limit > 0) sql += " LIMIT " + std::to_string(limit);
    KEHU_ASSIGN(db::Rows rows, s.Query(sql, params));
    for (const auto& row : rows.rows) out.push_back(IssueFromRow(row));
    return Ok();
  }));
  return out;
}

}  // namespace kehu::imports
