#include "records/schema_sync.h"

#include <algorithm>
#include <set>

namespace kehu::records {
using meta::FieldType;

db::ColumnType StorageType(const meta::Field& f) {
  switch (f.type) {
    case FieldType::kInteger: case FieldType::kMoney: case FieldType::kBoolean:
    case FieldType::kRelation: case FieldType::kUser: case FieldType::kFile:
      return db::ColumnType::kInteger;
    case FieldType::kDecimal:
      return db::ColumnType::kReal;
    default:
      return db::ColumnType::kText;
  }
}

namespace {

// Columns every entity table has beyond its fields.
std::vector<std::pair<std::string, std::string>> ColumnsOf(const meta::Entity& e, const db::Dialect& d) {
  std::vector<std::pair<std::string, std::string>> cols;
  for (const auto& f : e.fields) {
    if (f.name == "id") continue;
    std::string type = d.TypeName(StorageType(f));
    if (f.name == "version" || f.name == "createdAt" || f.name == "updatedAt") type += " NOT NULL";
    cols.emplace_back(f.column, type);
    if (auto suffix = f.CompanionSuffix(); !suffix.empty())
      cols.emplace_back(f.column + std::string(suffix), d.TypeName(db::ColumnType::kText));
  }
  if (e.ChecksDuplicateNames()) cols.emplace_back("dup_name_key", d.TypeName(db::ColumnType::kText));
  cols.emplace_back("deleted_at", d.TypeName(db::ColumnType::kText));
  cols.emplace_back("deleted_by_id", d.TypeName(db::ColumnType::kInteger));
  return cols;
}

std::vector<std::string> IndexDdl(const meta::Entity& e) {
  std::vector<std::string> out;
  auto column_list = [&](const std::vector<std::string>& fields) {
    std::string cols;
    for (const auto& name : fields) {
      if (!cols.empty()) cols += ", ";
      cols += e.FindField(name)->column;
    }
    return cols;
  };
  auto index_name = [&](const std::vector<std::string>& fields) {
    std::string n = "ix_" + e.table;
    for (const auto& f : fields) n += "_" + e.FindField(f)->column;
    return n;
  };
  for (const auto& f : e.fields) {
    if (f.unique)
      out.push_back("CREATE UNIQUE INDEX IF NOT EXISTS ux_" + e.table + "_" + f.column + " ON " +
                    e.table + " (" + f.column + ")");
    // Most records link to nothing (no 经销商, no 上级公司): indexing only the links keeps the
    // index small and its statistics honest, so "dealerId=42" seeks it instead of scanning.
    if (f.type == FieldType::kRelation)
      out.push_back("CREATE INDEX IF NOT EXISTS " + index_name({f.name}) + "_set ON " + e.table + " (" +
                    f.column + ") WHERE " + f.column + " IS NOT NULL");
  }
  // List indexes cover live records only: every list says "deleted_at IS NULL", so these partial
  // indexes answer its filters, order and COUNT without reading rows (the recycle bin uses the
  // deleted_at index instead).
  for (const auto& idx : e.indexes)
    out.push_back("CREATE INDEX IF NOT EXISTS " + index_name(idx) + "_live ON " + e.table + " (" +
                  column_list(idx) + ") WHERE deleted_at IS NULL");
  out.push_back("CREATE INDEX IF NOT EXISTS ix_" + e.table + "_deleted_at ON " + e.table + " (deleted_at)");
  for (const auto& name : e.duplicate_fields) {
    std::string column = name == e.title_field ? "dup_name_key" : e.FindField(name)->column;
    out.push_back("CREATE INDEX IF NOT EXISTS ix_" + e.table + "_dup_" + column + " ON " + e.table + " (" + column + ")");
  }
  return out;
}

Status SyncEntity(db::Session& s, const meta::Entity& e, const db::Dialect& d) {
  KEHU_ASSIGN(auto existing, d.TableColumns(s, e.table));
  auto cols = ColumnsOf(e, d);
  if (existing.empty()) {
    std::string ddl = "CREATE TABLE " + e.table + " (" + d.IdColumnDdl();
    for (const auto& [name, type] : cols) ddl += ", " + name + " " + type;
    KEHU_TRY(s.ExecuteScript(ddl + ")"));
  } else {
    std::set<std::string> have(existing.begin(), existing.end());
    for (const auto& [name, type] : cols) {
      if (have.count(name)) continue;
      // NOT NULL cannot be added without a default; system columns exist from creation anyway.
      std::string plain = type.substr(0, type.find(" NOT NULL"));
      KEHU_TRY(s.ExecuteScript("ALTER TABLE " + e.table + " ADD COLUMN " + name + " " + plain));
    }
  }
  for (const auto& ddl : IndexDdl(e)) KEHU_TRY(s.ExecuteScript(ddl));
  if (!e.search_fields.empty()) KEHU_TRY(s.ExecuteScript(d.SearchTableDdl(e.table)));
  return Ok();
}

}  // namespace

Status DropIndexes(db::Session& s, const meta::Entity& e) {
  for (const auto& ddl : IndexDdl(e)) {
    // "CREATE [UNIQUE] INDEX IF NOT EXISTS <name> ON ..." → <name>
    auto start = ddl.find("EXISTS ") + 7;
    KEHU_TRY(s.ExecuteScript("DROP INDEX IF EXISTS " + ddl.substr(start, ddl.find(' ', start) - start)));
  }
  // PostgreSQL's GIN over the search terms (SQLite's FTS5 table has no separate index).
  if (!e.search_fields.empty()) KEHU_TRY(s.ExecuteScript("DROP INDEX IF EXISTS " + e.table + "_search_terms"));
  return Ok();
}

Status SyncSchema(db::Database& db, const meta::Registry& registry) {
  return db.Write([&](db::Session& s) -> Status {
    // Building an index over a million rows takes longer than any request may.
    if (auto lift = db.dialect().LiftStatementTimeout(); !lift.empty()) KEHU_TRY(s.ExecuteScript(lift));
    for (const auto& e : registry.entities()) KEHU_TRY(SyncEntity(s, e, db.dialect()));
    return Ok();
  });
}

}  // namespace kehu::records
