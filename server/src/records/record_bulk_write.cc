// BulkCreate::Write: inserts the rows Check() passed, with multi-row INSERTs, their
// audit rows, search index entries and after-create hooks (see record_bulk.h). Mirrors the write
// half of Create in record_write.cc; keep them in step.
#include <boost/json.hpp>

#include "core/text/search_terms.h"
#include "core/time.h"
#include "records/bulk_ops.h"
#include "records/duplicates.h"
#include "records/record_bulk.h"

namespace kehu::records {
namespace json = boost::json;

namespace {

constexpr size_t kMaxParamsPerInsert = 16000;  // SQLite allows 32766, PostgreSQL 65535
constexpr size_t kMaxRowsPerInsert = 500;

// A unique field every row has a value in, to tell which generated id belongs to which row (the
// order of a multi-row INSERT's RETURNING rows is not guaranteed); null when there is none.
const meta::Field* KeyField(const meta::Entity& e, const std::vector<BulkCreate::Row*>& rows,
                            const std::function<const StoredValue*(size_t, const std::string&)>& value) {
  for (const auto& f : e.fields) {
    if (!f.unique) continue;
    bool all = true;
    for (size_t i = 0; i < rows.size() && all; ++i) {
      const StoredValue* v = value(i, f.name);
      all = v && !db::IsNull(v->value);
    }
    if (all) return &f;
  }
  return nullptr;
}

}  // namespace

// The columns of Create's INSERT, for the union of the rows' fields (a field a row leaves out is
// NULL, as when Create omits it: entity columns have no defaults).
Status BulkCreate::Insert(std::vector<Pending*>& rows) {
  std::vector<const meta::Field*> fields;
  {
    std::set<std::string> names;
    for (const Pending* p : rows)
      for (const auto& [name, v] : p->values) names.insert(name);
    for (const auto& name : names) fields.push_back(e_.FindField(name));
  }
  const bool name_key = e_.ChecksDuplicateNames();
  std::string cols = "version, created_at, updated_at, created_by_id, updated_by_id";
  std::string marks = "1, ?, ?, ?, ?";
  for (const meta::Field* f : fields) {
    cols += ", " + f->column;
    marks += ", ?";
    if (auto suffix = f->CompanionSuffix(); !suffix.empty()) {
      cols += ", " + f->column + std::string(suffix);
      marks += ", ?";
    }
  }
  if (name_key) {
    cols += ", dup_name_key";  // what SaveDuplicateNameKey sets right after Create's INSERT
    marks += ", ?";
  }
  std::vector<Row*> plain;
  for (Pending* p : rows) plain.push_back(&p->row);
  const meta::Field* key = KeyField(e_, plain, [&](size_t i, const std::string& name) -> const StoredValue* {
    auto it = rows[i]->values.find(name);
    return it == rows[i]->values.end() ? nullptr : &it->second;
  });
  size_t per_row = 4 + fields.size() * 2 + 1;
  size_t chunk = key ? std::max<size_t>(1, std::min(kMaxRowsPerInsert, kMaxParamsPerInsert / per_row)) : 1;
  std::string now = NowIso();
  db::Value by = actor_.user_id ? db::Value(actor_.user_id) : db::Value();
  for (size_t start = 0; start < rows.size(); start += chunk) {
    size_t end = std::min(rows.size(), start + chunk);
    std::string sql = "INSERT INTO " + e_.table + " (" + cols + ") VALUES ";
    std::vector<db::Value> params;
    std::map<std::string, Pending*> by_key;
    for (size_t i = start; i < end; ++i) {
      Pending& p = *rows[i];
      sql += i == start ? "(" + marks + ")" : ", (" + marks + ")";
      for (const db::Value& v : {db::Value(now), db::Value(now), by, by}) params.push_back(v);
      for (const meta::Field* f : fields) {
        auto it = p.values.find(f->name);
        params.push_back(it == p.values.end() ? db::Value() : it->second.value);
        if (!f->CompanionSuffix().empty()) params.push_back(it == p.values.end() ? db::Value() : it->second.companion);
      }
      if (name_key) {
        auto title = p.values.find(e_.title_field);
        params.push_back(title == p.values.end() || db::IsNull(title->second.value) ? db::Value()
                                                                                    : db::Value(NameKey(p)));
      }
      if (key) by_key[db::AsText(p.values.at(key->name).value)] = &p;
    }
    sql += " RETURNING id";
    if (key) sql += ", " + key->column;
    KEHU_ASSIGN(db::Rows ids, s_.Query(sql, params));
    if (ids.size() != end - start) return Internal("bulk insert returned " + std::to_string(ids.size()) + " ids");
    for (size_t k = 0; k < ids.size(); ++k) {
      Pending* p = key ? by_key[db::AsText(ids.rows[k][1])] : rows[start];
      if (!p) return Internal("bulk insert: an id for an unknown row");
      p->row.result->id = db::AsInt(ids.rows[k][0]);
      p->row.result->created = true;
    }
  }
  return Ok();
}

// Create's AppendAudit ("create" with each set field's new value) and Reindex (the search fields
// as the API shows them).
Status BulkCreate::IndexAndAudit(const std::vector<Pending*>& rows) {
  std::vector<AuditEntry> audit;
  std::vector<db::SearchRow> search;
  audit.reserve(rows.size());
  for (const Pending* p : rows) {
    json::object changes;
    for (const auto& [name, v] : p->values) {
      if (db::IsNull(v.value)) continue;
      changes[name] = json::object{{"to", EncodeOutput(*e_.FindField(name), v.value, v.companion)}};
    }
    audit.push_back({e_.name, p->row.result->id, "create", std::move(changes)});
    if (e_.search_fields.empty()) continue;
    std::vector<std::string> values;
    for (const auto& name : e_.search_fields) {
      auto it = p->values.find(name);
      if (it == p->values.end()) continue;
      json::value v = EncodeOutput(*e_.FindField(name), it->second.value, it->second.companion);
      if (v.is_string()) values.emplace_back(v.as_string());
    }
    auto doc = text::BuildSearchDoc(values);
    search.push_back({p->row.result->id, std::move(doc.folded), std::move(doc.terms)});
  }
  KEHU_TRY(AppendAuditMany(s_, actor_, audit));
  const db::Dialect& d = dialect_;
  for (size_t start = 0; start < search.size(); start += kMaxRowsPerInsert / 2) {
    size_t end = std::min(search.size(), start + kMaxRowsPerInsert / 2);
    KEHU_TRY(d.SearchInsertMany(s_, e_.table, std::span(search).subspan(start, end - start)));
  }
  return Ok();
}

Status BulkCreate::Write() {
  std::vector<Pending*> rows;
  for (auto& p : rows_)
    if (p.live && !p.row.discard && p.row.result->status.ok()) rows.push_back(&p);
  if (rows.empty()) return Ok();
  KEHU_TRY(Insert(rows));
  KEHU_TRY(IndexAndAudit(rows));
  for (Pending* p : rows) {
    HookContext ctx{actor_, e_, s_, p->row.result->id, p->values, nullptr, &p->confirmed};
    KEHU_TRY(hooks_.Run(HookPoint::kAfterCreate, ctx));
  }
  return Ok();
}

}  // namespace kehu::records
