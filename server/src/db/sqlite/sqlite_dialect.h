#pragma once

#include "db/dialect.h"
#include "db/search_id_cache.h"

namespace kehu::db {

// SQLite: AUTOINCREMENT ids (never reused after a purge), FTS5 with the `ascii` tokenizer for the
// search index (terms are space-separated; every non-ASCII byte is a token character, so CJK
// bigrams and 4-byte characters stay whole).
class SqliteDialect : public Dialect {
 public:
  // FTS5 (SQLite 3.40) writes the terms it holds in memory out as a new segment whenever another
  // write statement or savepoint begins in the transaction: with a create's index write between
  // its other statements, and a savepoint per job in a group commit, that was a segment (and
  // merge work) per record, a third of the writer's time. So SearchUpsert and SearchDelete only
  // note the change in search_pending, an ordinary table that rolls back with the job's
  // savepoint, and the writer applies a batch's notes together just before COMMIT.
  static constexpr const char* kSearchPendingDdl =
      "CREATE TABLE IF NOT EXISTS search_pending (tbl TEXT NOT NULL, id INTEGER NOT NULL, "
      "terms TEXT, folded TEXT, PRIMARY KEY (tbl, id)) WITHOUT ROWID";
  // Moves every noted change into the FTS tables (terms NULL: the entry is deleted) and empties
  // search_pending. Run inside the write transaction, after its jobs, before COMMIT.
  Status ApplyPendingSearchWrites(Session& s) const;

  std::string IdColumnDdl() const override { return "id INTEGER PRIMARY KEY AUTOINCREMENT"; }
  std::string TypeName(ColumnType type) const override;
  std::string CaseInsensitiveLike() const override { return "LIKE"; }
  Result<std::vector<std::string>> TableColumns(Session& s, const std::string& table) const override;
  Result<std::vector<std::string>> TableIndexes(Session& s, const std::string& table) const override;
  Status AnalyzeNewIndexes(Session& s, const std::string& table,
                           const std::vector<std::string>& indexes) const override;
  std::string SearchTableDdl(const std::string& table) const override;
  Status SearchUpsert(Session& s, const std::string& table, int64_t id, const std::string& folded,
                      const std::vector<std::string>& terms) const override;
  Status SearchDelete(Session& s, const std::string& table, int64_t id) const override;
  Result<std::vector<int64_t>> SearchIds(Session& s, const std::string& table,
                                         const std::vector<std::string>& terms,
                                         const std::string& verify) const override;
  Status SearchInsertMany(Session& s, const std::string& table,
                          std::span<const SearchRow> rows) const override;
  // The sorter may use the cache's size in memory before it spills to temporary files (the writer
  // keeps 64 MB), and a second thread to sort.
  std::string BulkIndexBuildSettings() const override { return "PRAGMA cache_size=-262144; PRAGMA threads=2"; }
  Status BeginSearchBulkLoad(Session& s, const std::string& table) const override;
  Status EndSearchBulkLoad(Session& s, const std::string& table) const override;
  // Cached per query, stamped with the FTS5 structure record read in the caller's transaction.
  Result<std::shared_ptr<const std::vector<int64_t>>> SharedSearchIds(
      Session& s, const std::string& table, const std::vector<std::string>& terms,
      const std::string& verify) const override;
  // Cached per query in read-only transactions, stamped with the table's table_stamp row, which
  // triggers move on every insert, update and delete (see SearchTableDdl).
  Result<std::shared_ptr<const std::vector<int64_t>>> SharedTableIds(
      Session& s, const std::string& table, const std::string& sql,
      const std::vector<Value>& params) const override;
  bool BytewiseTextRanges() const override { return true; }
  std::string SearchPredicate(const std::string& table, const std::string& id_expr,
                              const std::vector<std::string>& terms, const std::string& verify,
                              std::vector<Value>& params) const override;

 private:
  mutable SearchIdCache search_cache_;
  mutable SearchIdCache table_cache_;
};

}  // namespace kehu::db
