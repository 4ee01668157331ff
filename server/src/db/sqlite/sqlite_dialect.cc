#include "db/sqlite/sqlite_dialect.h"

#include <cctype>

#include "db/database.h"
#include "db/sqlite/sqlite_connection.h"

namespace kehu::db {
namespace {

// The `ascii` tokenizer splits on ASCII punctuation and spaces. Terms made of ASCII letters,
// digits and non-ASCII bytes (all the text layer produces) are one token as they are; any other
// term is stored and matched as one hex token behind a marker (U+00A7) no natural term contains.
void AppendToken(std::string& out, const std::string& term) {
  bool plain = !term.empty();
  for (unsigned char c : term)
    if (c < 0x80 && !std::isalnum(c)) plain = false;
  if (plain) {
    out += term;
    return;
  }
  static const char* kHex = "0123456789abcdef";
  out += "\xC2\xA7";
  for (unsigned char c : term) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
}

std::string Token(const std::string& term) {
  std::string out;
  AppendToken(out, term);
  return out;
}

// The terms as the FTS5 column holds them: tokens separated by spaces.
std::string JoinedTokens(const std::vector<std::string>& terms) {
  std::string joined;
  joined.reserve(terms.size() * 8);
  for (const auto& t : terms) {
    if (!joined.empty()) joined += ' ';
    AppendToken(joined, t);
  }
  return joined;
}

// The `name` column of a table-valued pragma (table_info, index_list) for one table.
Result<std::vector<std::string>> PragmaNames(Session& s, std::string_view pragma, const std::string& table) {
  KEHU_ASSIGN(Rows rows, s.Query("SELECT name FROM " + std::string(pragma) + "(?)", {Value(table)}));
  std::vector<std::string> out;
  for (auto& r : rows.rows) out.push_back(AsText(r[0]));
  return out;
}

// Whether cached id lists may stand for what `s` would read: a connection of ours outside a write
// transaction, whose own changes would be in no committed stamp.
bool CachesIn(Session& s) {
  auto* conn = dynamic_cast<SqliteConnection*>(&s);
  return conn && sqlite3_txn_state(conn->handle(), nullptr) != SQLITE_TXN_WRITE;
}

// The latest change of one record's index entry, applied at commit (ApplyPendingSearchWrites).
Status NoteSearchWrite(Session& s, const std::string& table, int64_t id, Value terms, Value folded) {
  KEHU_TRY(s.Execute("INSERT INTO search_pending (tbl, id, terms, folded) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (tbl, id) DO UPDATE SET terms = excluded.terms, folded = excluded.folded",
                     {Value(table), Value(id), std::move(terms), std::move(folded)}));
  return Ok();
}

}  // namespace

std::string SqliteDialect::TypeName(ColumnType type) const {
  switch (type) {
    case ColumnType::kInteger: return "INTEGER";
    case ColumnType::kReal: return "REAL";
    case ColumnType::kText: return "TEXT";
  }
  return "TEXT";
}

Result<std::vector<std::string>> SqliteDialect::TableColumns(Session& s,
                                                             const std::string& table) const {
  return PragmaNames(s, "pragma_table_info", table);
}

Result<std::vector<std::string>> SqliteDialect::TableIndexes(Session& s,
                                                              const std::string& table) const {
  return PragmaNames(s, "pragma_index_list", table);
}

Status SqliteDialect::AnalyzeNewIndexes(Session& s, const std::string& table,
                                        const std::vector<std::string>& indexes) const {
  if (indexes.empty()) return Ok();
  KEHU_ASSIGN(Rows stat, s.Query("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"));
  if (stat.empty()) return Ok();
  KEHU_ASSIGN(Rows analyzed, s.Query("SELECT 1 FROM sqlite_stat1 WHERE tbl = ? LIMIT 1", {Value(table)}));
  if (analyzed.empty()) return Ok();
  for (const auto& index : indexes) KEHU_TRY(s.ExecuteScript("ANALYZE " + index));
  return Ok();
}

std::string SqliteDialect::SearchTableDdl(const std::string& table) const {
  // table_stamp moves with every committed row change of the entity table, so that the ids a
  // condition over its columns selects can be cached and known stale (SharedTableIds).
  std::string stamp;
  for (std::string event : {"insert", "update", "delete"}) {
    stamp += "CREATE TRIGGER IF NOT EXISTS " + table + "_stamp_" + event + " AFTER " + event + " ON " + table +
             " BEGIN UPDATE table_stamp SET version = version + 1 WHERE tbl = '" + table + "'; END;\n";
  }
  // Terms only (detail=none: no positions) and no per-row token counts (columnsize=0: they serve
  // bm25 ranking, which search does not use; one B-tree write less per indexed record). Tables
  // made before columnsize=0 keep their counts and answer the same.
  return "CREATE VIRTUAL TABLE IF NOT EXISTS " + table +
         "_search USING fts5(terms, folded UNINDEXED, tokenize='ascii', detail=none, columnsize=0);\n"
         "CREATE TABLE IF NOT EXISTS table_stamp (tbl TEXT PRIMARY KEY, version INTEGER NOT NULL);\n"
         "INSERT OR IGNORE INTO table_stamp (tbl, version) VALUES ('" + table + "', 0);\n" + stamp;
}

Status SqliteDialect::SearchUpsert(Session& s, const std::string& table, int64_t id,
                                   const std::string& folded,
                                   const std::vector<std::string>& terms) const {
  return NoteSearchWrite(s, table, id, Value(JoinedTokens(terms)), Value(folded));
}

Status SqliteDialect::SearchInsertMany(Session& s, const std::string& table,
                                       std::span<const SearchRow> rows) const {
  std::string sql = "INSERT INTO " + table + "_search(rowid, terms, folded) VALUES ";
  std::vector<Value> params;
  params.reserve(rows.size() * 3);
  for (const auto& row : rows) {
    sql += params.empty() ? "(?, ?, ?)" : ", (?, ?, ?)";
    params.emplace_back(row.id);
    params.emplace_back(JoinedTokens(row.terms));
    params.emplace_back(row.folded);
  }
  if (rows.empty()) return Ok();
  KEHU_TRY(s.Execute(sql, params));
  return Ok();
}

// FTS5 merges its segments as it goes: by default whenever 4 of one size exist, so a bulk load
// rewrites every entry once per level. With 16, a load of 300,000 customers spent 30% less time in
// the index (round 8 of docs/performance.md); the segments it leaves are merged into one at the end.
constexpr int kBulkLoadAutomerge = 16;
constexpr int kDefaultAutomerge = 4;  // FTS5's own default, which live writes keep

// An FTS5 special command on `table`'s index: 'optimize', or a setting such as 'automerge' with a value.
std::string Fts5Command(const std::string& table, const std::string& command, int value = -1) {
  const std::string fts = table + "_search";
  if (value < 0) return "INSERT INTO " + fts + "(" + fts + ") VALUES ('" + command + "');\n";
  return "INSERT INTO " + fts + "(" + fts + ", rank) VALUES ('" + command + "', " + std::to_string(value) + ");\n";
}

Status SqliteDialect::BeginSearchBulkLoad(Session& s, const std::string& table) const {
  return s.ExecuteScript(Fts5Command(table, "automerge", kBulkLoadAutomerge));
}

Status SqliteDialect::EndSearchBulkLoad(Session& s, const std::string& table) const {
  return s.ExecuteScript(Fts5Command(table, "optimize") + Fts5Command(table, "automerge", kDefaultAutomerge));
}

Status SqliteDialect::SearchDelete(Session& s, const std::string& table, int64_t id) const {
  return NoteSearchWrite(s, table, id, Value(), Value());
}

Status SqliteDialect::ApplyPendingSearchWrites(Session& s) const {
  KEHU_ASSIGN(Rows pending, s.Query("SELECT tbl, id, terms, folded FROM search_pending"));
  if (pending.empty()) return Ok();
  // Every delete first, then every insert: each is one run of statements on the FTS table, so its
  // terms reach the disk as one segment. Each (table, id) is noted once, so the order between
  // records does not matter. `tbl` is an entity table, written by NoteSearchWrite only.
  for (const auto& row : pending.rows)
    KEHU_TRY(s.Execute("DELETE FROM " + AsText(row[0]) + "_search WHERE rowid = ?", {row[1]}));
  for (const auto& row : pending.rows)
    if (!IsNull(row[2]))
      KEHU_TRY(s.Execute("INSERT INTO " + AsText(row[0]) + "_search(rowid, terms, folded) VALUES (?, ?, ?)",
                         {row[1], row[2], row[3]}));
  KEHU_TRY(s.Execute("DELETE FROM search_pending"));
  return Ok();
}

Result<std::vector<int64_t>> SqliteDialect::SearchIds(Session& s, const std::string& table,
                                                      const std::vector<std::string>& terms,
                                                      const std::string& verify) const {
  std::vector<Value> params;
  std::string sql = SearchPredicate(table, "rowid", terms, verify, params);
  // "rowid IN (SELECT rowid FROM x_search WHERE ...)" → the inner SELECT alone.
  sql = sql.substr(sql.find("(") + 1);
  sql.pop_back();
  return s.QueryIds(sql + " ORDER BY rowid", params);
}

Result<std::shared_ptr<const std::vector<int64_t>>> SqliteDialect::SharedSearchIds(
    Session& s, const std::string& table, const std::vector<std::string>& terms,
    const std::string& verify) const {
  // FTS5 rewrites its structure record (id 10 of %_data: segments, a write counter, a cookie) on
  // every change to the index, so the record read in this transaction names this snapshot's
  // index contents; the folded text for `verify` changes only together with them.
  // A write transaction's own changes wait in FTS5's memory until it commits (CachesIn).
  if (!CachesIn(s)) return Dialect::SharedSearchIds(s, table, terms, verify);
  KEHU_ASSIGN(Rows stamp, s.Query("SELECT hex(block) FROM " + table + "_search_data WHERE id = 10"));
  std::string version = stamp.empty() ? "" : AsText(stamp.rows[0][0]);
  if (version.empty()) return Dialect::SharedSearchIds(s, table, terms, verify);
  return search_cache_.GetOrCompute(SearchIdCache::KeyOf(table, terms, verify), version, [&] { return Dialect::SharedSearchIds(s, table, terms, verify); });
}

Result<std::shared_ptr<const std::vector<int64_t>>> SqliteDialect::SharedTableIds(
    Session& s, const std::string& table, const std::string& sql, const std::vector<Value>& params) const {
  if (!CachesIn(s)) return Dialect::SharedTableIds(s, table, sql, params);
  KEHU_ASSIGN(Rows stamp, s.Query("SELECT version FROM table_stamp WHERE tbl = ?", {Value(table)}));
  if (stamp.empty()) return Dialect::SharedTableIds(s, table, sql, params);
  return table_cache_.GetOrCompute(SearchIdCache::KeyOf(sql, params), std::to_string(AsInt(stamp.rows[0][0])),
                                   [&] { return Dialect::SharedTableIds(s, table, sql, params); });
}

std::string SqliteDialect::SearchPredicate(const std::string& table, const std::string& id_expr,
                                           const std::vector<std::string>& terms,
                                           const std::string& verify,
                                           std::vector<Value>& params) const {
  // Each term as a quoted FTS5 string; juxtaposed strings are ANDed.
  std::string match;
  for (const auto& t : terms) {
    if (!match.empty()) match += ' ';
    match += '"' + Token(t) + '"';
  }
  params.emplace_back(match);
  std::string sql = id_expr + " IN (SELECT rowid FROM " + table + "_search WHERE " + table +
                    "_search MATCH ?";
  if (!verify.empty()) {
    sql += " AND instr(folded, ?) > 0";
    params.emplace_back(verify);
  }
  return sql + ")";
}

}  // namespace kehu::db
