#include "records/schema_sync.h"

#include <algorithm>
#include <set>

#include "metadata/region_prefix.h"

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

struct IndexDef {
  std::string name;
  std::string ddl;
};

// `asc_nulls` is the dialect's NULL order for ascending sorts (Dialect::NullsOrder): list ORDER BYs
// spell it out, and PostgreSQL walks an index for them only when the index keeps NULLs that way.
std::vector<IndexDef> IndexDdl(const meta::Entity& e, const std::string& asc_nulls = "") {
  std::vector<IndexDef> out;
  // "CREATE [UNIQUE] INDEX IF NOT EXISTS <name> ON <table> (<columns>)[ WHERE <condition>]"
  auto add = [&](const std::string& name, const std::string& columns, const std::string& where = "",
                 const char* kind = "INDEX") {
    out.push_back({name, std::string("CREATE ") + kind + " IF NOT EXISTS " + name + " ON " + e.table +
                             " (" + columns + ")" + (where.empty() ? "" : " WHERE " + where)});
  };
  // A region's province or city ("region.province") is the expression its filters are written as.
  // Its column follows at the end: PostgreSQL answers from the index alone (COUNT) only when every
  // column the query names is in it, and it does not see that `region` is only used inside the
  // expression.
  auto column_list = [&](const std::vector<std::string>& fields) {
    std::string cols;
    std::set<std::string> plain, under_prefix;
    for (const auto& name : fields) {
      if (!cols.empty()) cols += ", ";
      meta::IndexPart part = meta::ParseIndexPart(e, name);
      (part.prefix_digits ? under_prefix : plain).insert(part.field->column);
      // The id is never NULL, and list orders name its tie-break without a NULL order.
      cols += part.prefix_digits ? meta::RegionPrefixExpr(part.field->column, part.prefix_digits)
                                 : part.field->column + (name == "id" ? "" : asc_nulls);
    }
    for (const auto& column : under_prefix)
      if (!plain.count(column)) cols += ", " + column;
    return cols;
  };
  auto index_name = [&](const std::vector<std::string>& fields) {
    std::string n = "ix_" + e.table;
    for (const auto& f : fields) {
      meta::IndexPart part = meta::ParseIndexPart(e, f);
      n += "_" + part.field->column;
      if (part.prefix_digits) n += part.prefix_digits == 2 ? "_province" : "_city";
    }
    return n;
  };
  for (const auto& f : e.fields) {
    // NULLs never collide in a unique index, so leaving them out changes nothing but its size
    // (most contacts have no 编号); "column = ?" lookups imply IS NOT NULL and still use it.
    if (f.unique) add("ux_" + e.table + "_" + f.column + "_set", f.column, f.column + " IS NOT NULL", "UNIQUE INDEX");
    // Most records link to nothing (no 经销商, no 上级公司): indexing only the links keeps the
    // index small and its statistics honest, so "dealerId=42" seeks it instead of scanning.
    if (f.type == FieldType::kRelation)
      add(index_name({f.name}) + "_set", f.column, f.column + " IS NOT NULL");
  }
  // List indexes cover live records only: every list says "deleted_at IS NULL", so these partial
  // indexes answer its filters, order and COUNT without reading rows (the recycle bin uses the
  // deleted_at index instead).
  for (const auto& idx : e.indexes)
    add(index_name(idx) + "_live", column_list(idx), "deleted_at IS NULL");
  // The recycle bin's index holds only the deleted records: every query of the bin says
  // "deleted_at IS NOT NULL", and a full index would hold a NULL for every live record and cost
  // every create one more index write.
  add("ix_" + e.table + "_deleted", "deleted_at", "deleted_at IS NOT NULL");
  // 查重 probes ask "column = ?", which implies IS NOT NULL: the records without a credit code or
  // an e-mail stay out of these indexes.
  for (const auto& name : e.duplicate_fields) {
    std::string column = name == e.title_field ? "dup_name_key" : e.FindField(name)->column;
    add("ix_" + e.table + "_dup_" + column + "_set", column, column + " IS NOT NULL");
  }
  return out;
}

// Whether schema sync made `index` on `table` (its names start ix_<table>_ or ux_<table>_), so that
// it may drop it once the metadata no longer asks for it.
bool MadeBySync(const std::string& index, const std::string& table) {
  return index.rfind("ix_" + table + "_", 0) == 0 || index.rfind("ux_" + table + "_", 0) == 0;
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
  // Indexes added to a table that existed are analyzed at once (see Dialect::AnalyzeNewIndexes).
  std::set<std::string> had;
  if (!existing.empty()) {
    KEHU_ASSIGN(auto names, d.TableIndexes(s, e.table));
    had.insert(names.begin(), names.end());
  }
  std::vector<std::string> added;
  std::set<std::string> wanted;
  for (const auto& index : IndexDdl(e, d.NullsOrder(false))) {
    KEHU_TRY(s.ExecuteScript(index.ddl));
    wanted.insert(index.name);
    if (!existing.empty() && !had.count(index.name)) added.push_back(index.name);
  }
  // An index the metadata dropped, or one whose definition changed under a new name (the full
  // deleted_at and 查重 indexes became partial ones), would otherwise cost every write forever.
  for (const auto& name : had)
    if (MadeBySync(name, e.table) && !wanted.count(name)) KEHU_TRY(s.ExecuteScript("DROP INDEX IF EXISTS " + name));
  KEHU_TRY(d.AnalyzeNewIndexes(s, e.table, added));
  if (!e.search_fields.empty()) KEHU_TRY(s.ExecuteScript(d.SearchTableDdl(e.table)));
  return Ok();
}

}  // namespace

Status DropIndexes(db::Session& s, const meta::Entity& e) {
  for (const auto& index : IndexDdl(e)) KEHU_TRY(s.ExecuteScript("DROP INDEX IF EXISTS " + index.name));
  // PostgreSQL's GIN over the search terms (SQLite's FTS5 table has no separate index).
  if (!e.search_fields.empty()) KEHU_TRY(s.ExecuteScript("DROP INDEX IF EXISTS " + e.table + "_search_terms"));
  return Ok();
}

Status BuildIndexes(db::Database& db, const meta::Entity& e) {
  const db::Dialect& d = db.dialect();
  for (const auto& index : IndexDdl(e, d.NullsOrder(false))) {
    KEHU_TRY(db.Write([&](db::Session& s) -> Status {
      if (auto lift = d.LiftStatementTimeout(); !lift.empty()) KEHU_TRY(s.ExecuteScript(lift));
      if (auto settings = d.BulkIndexBuildSettings(); !settings.empty()) KEHU_TRY(s.ExecuteScript(settings));
      return s.ExecuteScript(index.ddl);
    }));
  }
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
