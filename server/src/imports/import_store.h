// Imports as rows of the `imports` table, with the rows each import rejected or skipped in
// `import_rows` (migration 0006). Kept in the database, not in a server's memory, so every server
// sharing it can report progress. These writes are the import's own bookkeeping: they never touch
// records or the audit log (a dry run writes nothing else).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/database.h"
#include "records/codec.h"

namespace kehu::imports {

struct ImportRecord {
  int64_t id = 0;
  std::string entity;
  int64_t created_by_id = 0;
  std::string state = "running";   // running | done | failed
  std::string phase = "validating";  // validating | writing | finished
  std::string mode = "create";     // create | upsert
  std::string on_duplicate = "skip";
  bool dry_run = false;
  std::string file_name;
  int64_t total = 0, processed = 0, created = 0, updated = 0, skipped = 0, error_count = 0;
  std::string failure;       // error code when the import failed for a reason other than rows
  std::string headers_json;  // ["客户名称", …] as uploaded
  std::string columns_json;  // [{"header","field"}]
  std::string created_at, updated_at, finished_at;
};

// A data row an import rejected (kind "error") or skipped as a likely duplicate ("skipped").
struct RowIssue {
  int64_t row = 0;  // as Excel shows it
  std::string kind;
  std::string code;  // validation_failed, confirmation_required, not_found, forbidden, …
  records::FieldErrors fields;
  std::vector<std::string> cells;  // as uploaded
};

class ImportStore {
 public:
  explicit ImportStore(db::Database& db) : db_(db) {}

  // Inserts `r` and sets r.id, created_at and updated_at.
  Status Create(ImportRecord& r);
  // Saves state, phase, counts, failure and finished_at (and updated_at = now, the heartbeat).
  Status Save(ImportRecord& r);
  Status AddIssues(int64_t import_id, const std::vector<RowIssue>& issues);
  // kNotFound when there is no such import.
  Result<ImportRecord> Load(int64_t id);
  // In row order; kind "" = both; at most `limit` (0 = all).
  Result<std::vector<RowIssue>> Issues(int64_t import_id, const std::string& kind, int64_t limit);

 private:
  db::Database& db_;
};

}  // namespace kehu::imports
