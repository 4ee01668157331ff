// The PostgreSQL side of Dialect: identity ids, ILIKE, information_schema, and the search index as
// a text[] of terms under a GIN index (`terms @> query_terms`), verified with strpos on the folded
// text. Table names come from validated metadata and are used as they are.
#pragma once

#include <optional>

#include "db/dialect.h"
#include "db/search_id_cache.h"

namespace kehu::db::pg {

class PgDialect : public Dialect {
 public:
  std::string IdColumnDdl() const override;
  std::string TypeName(ColumnType type) const override;
  std::string CaseInsensitiveLike() const override;
  // SQLite's NULL order (first ascending, last descending), so both backends list alike.
  std::string NullsOrder(bool descending) const override {
    return descending ? " NULLS LAST" : " NULLS FIRST";
  }

  Result<std::vector<std::string>> TableColumns(Session& s,
                                                const std::string& table) const override;
  Result<std::vector<std::string>> TableIndexes(Session& s,
                                                const std::string& table) const override;
  // ANALYZE of the table: a sample, and the only way an expression index gets its statistics.
  Status AnalyzeNewIndexes(Session& s, const std::string& table,
                           const std::vector<std::string>& indexes) const override;

  // The search table, its GIN index and the trigger that moves its stamp (search_stamp); run it
  // with ExecuteScript. Idempotent.
  std::string SearchTableDdl(const std::string& table) const override;
  Status SearchUpsert(Session& s, const std::string& table, int64_t id, const std::string& folded,
                      const std::vector<std::string>& terms) const override;
  Status SearchDelete(Session& s, const std::string& table, int64_t id) const override;
  Result<std::vector<int64_t>> SearchIds(Session& s, const std::string& table,
                                         const std::vector<std::string>& terms,
                                         const std::string& verify) const override;
  // SearchIds through an in-process cache (db/search_id_cache.h) in read-only transactions, stamped
  // by the sum of the table's search_stamp slots read in the same snapshot.
  Result<std::shared_ptr<const std::vector<int64_t>>> SharedSearchIds(
      Session& s, const std::string& table, const std::vector<std::string>& terms,
      const std::string& verify) const override;
  // The whole list when it is cached; else, for up to kMaxCandidatesAsked candidates, only theirs:
  // a bitmap of their primary keys ANDed with the terms' (no row read per match of a common word),
  // cached by the candidates' hash as well.
  Result<std::shared_ptr<const std::vector<int64_t>>> SharedSearchIdsAmong(
      Session& s, const std::string& table, const std::vector<std::string>& terms, const std::string& verify,
      const std::vector<int64_t>& among) const override;
  static constexpr size_t kMaxCandidatesAsked = 20000;
  Status SearchInsertMany(Session& s, const std::string& table,
                          std::span<const SearchRow> rows) const override;
  // Cached like SharedSearchIds, stamped by the slots a trigger on the entity table itself moves.
  Result<std::shared_ptr<const std::vector<int64_t>>> SharedTableIds(
      Session& s, const std::string& table, const std::string& sql,
      const std::vector<Value>& params) const override;
  Status SyncIdSequence(Session& s, const std::string& table) const override;
  std::string LiftStatementTimeout() const override { return "SET LOCAL statement_timeout = 0"; }
  // The sort of a million keys fits in memory instead of spilling (the default is 64 MB).
  std::string BulkIndexBuildSettings() const override { return "SET LOCAL maintenance_work_mem = '256MB'"; }
  std::string SearchPredicate(const std::string& table, const std::string& id_expr,
                              const std::vector<std::string>& terms, const std::string& verify,
                              std::vector<Value>& params) const override;

  // The database's collation (pg_database.datcollate), told once when the database is opened:
  // "C", "POSIX" and C.UTF-8 (code point order in glibc ≥ 2.35) compare text bytewise.
  void UseCollation(const std::string& collation);
  bool BytewiseTextRanges() const override { return bytewise_; }

 private:
  // The sum of `tbl`'s search_stamp slots in this read transaction's snapshot: every committed
  // change moved it, and a later snapshot sees all an earlier one saw, so equal sums saw the same
  // table. Nullopt outside a read-only transaction (its own changes are in no committed sum).
  Result<std::optional<std::string>> SnapshotStamp(Session& s, const std::string& tbl) const;
  // "terms @> ?::text[]" and, with `verify`, "AND strpos(folded, ?) > 0": a search row's match.
  static std::string MatchCondition(const std::vector<std::string>& terms, const std::string& verify,
                                    std::vector<Value>& params);

  bool bytewise_ = false;
  mutable SearchIdCache search_cache_;
  mutable SearchIdCache table_cache_;
};

}  // namespace kehu::db::pg
