// The PostgreSQL side of Dialect: identity ids, ILIKE, information_schema, and the search index as
// a text[] of terms under a GIN index (`terms @> query_terms`), verified with strpos on the folded
// text. Table names come from validated metadata and are used as they are.
#pragma once

#include "db/dialect.h"

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

  // Two statements (table, GIN index); run it with ExecuteScript. Idempotent.
  std::string SearchTableDdl(const std::string& table) const override;
  Status SearchUpsert(Session& s, const std::string& table, int64_t id, const std::string& folded,
                      const std::vector<std::string>& terms) const override;
  Status SearchDelete(Session& s, const std::string& table, int64_t id) const override;
  Result<std::vector<int64_t>> SearchIds(Session& s, const std::string& table,
                                         const std::vector<std::string>& terms,
                                         const std::string& verify) const override;
  Status SearchInsertMany(Session& s, const std::string& table,
                          const std::vector<SearchRow>& rows) const override;
  Status SyncIdSequence(Session& s, const std::string& table) const override;
  std::string LiftStatementTimeout() const override { return "SET LOCAL statement_timeout = 0"; }
  std::string SearchPredicate(const std::string& table, const std::string& id_expr,
                              const std::vector<std::string>& terms, const std::string& verify,
                              std::vector<Value>& params) const override;
};

}  // namespace kehu::db::pg
