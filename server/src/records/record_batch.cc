// RecordService::WriteBatch: many records through the one pipeline in one transaction (imports).
//
// The batch does not re-implement Create/Update: it runs them on a RecordService whose Database is
// the batch's open transaction (SessionDatabase), so every write gets exactly the permissions,
// validation, 查重 warnings, numbering, hooks, audit and search indexing of a single REST write,
// including whatever is added to that pipeline later.
#include <boost/json.hpp>

#include "records/record_service.h"

namespace kehu::records {
namespace json = boost::json;

namespace {

// Runs reads and writes on one session inside the caller's transaction. A Write is a savepoint,
// so "if fn fails, none of its changes are kept" holds as for a real Database.
class SessionDatabase : public db::Database {
 public:
  SessionDatabase(db::Session& s, const db::Database& outer) : s_(s), outer_(outer) {}

  std::string_view kind() const override { return outer_.kind(); }
  const db::Dialect& dialect() const override { return outer_.dialect(); }
  Status Read(const db::SessionFn& fn) override { return fn(s_); }
  Status Write(const db::SessionFn& fn) override {
    KEHU_TRY(s_.ExecuteScript("SAVEPOINT kehu_batch_write"));
    Status st = fn(s_);
    if (!st.ok()) KEHU_TRY(s_.ExecuteScript("ROLLBACK TO SAVEPOINT kehu_batch_write"));
    KEHU_TRY(s_.ExecuteScript("RELEASE SAVEPOINT kehu_batch_write"));
    return st;
  }
  Status Backup(const std::string&) override { return Internal("backup inside a batch"); }
  db::DatabaseStats Stats() const override { return {}; }

 private:
  db::Session& s_;
  const db::Database& outer_;
};

// The live record whose unique `field` holds `value`, whoever may see it (0 when none).
Result<int64_t> FindByUniqueValue(db::Session& s, const meta::Entity& e, const meta::Field& f,
                                  const json::value& value) {
  if (!value.is_string() || value.as_string().empty()) return int64_t{0};
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id FROM " + e.table + " WHERE " + f.column +
                                         " = ? AND deleted_at IS NULL LIMIT 1",
                                     {db::Value(std::string(value.as_string()))}));
  return rows.empty() ? int64_t{0} : db::AsInt(rows.rows[0][0]);
}

BatchResult RunOne(RecordService& inner, db::Session& s, const Actor& actor, const meta::Entity& e,
                   const BatchWrite& w) {
  BatchResult r;
  int64_t existing = 0;
  const meta::Field* match = w.match_field.empty() ? nullptr : e.FindField(w.match_field);
  if (match && w.body.contains(match->name)) {
    auto found = FindByUniqueValue(s, e, *match, w.body.at(match->name));
    if (!found.ok()) return {std::move(found).error()};
    existing = *found;
  }
  if (!existing) {
    auto created = inner.Create(actor, e, w.body);
    if (!created.ok()) return {std::move(created).error()};
    return {Ok(), true, created->at("id").as_int64()};
  }
  // Someone else's record stays unknown to the actor: not found, as on GET.
  auto current = inner.Get(actor, e, existing);
  if (!current.ok()) {
    Error err = std::move(current).error();
    if (err.kind == ErrorKind::kNotFound) err.Field(match->name, "not_found");
    return {std::move(err)};
  }
  json::object body = w.body;
  body.erase("ownerId");
  body["version"] = current->at("version");
  auto updated = inner.Update(actor, e, existing, body);
  if (!updated.ok()) return {std::move(updated).error()};
  return {Ok(), false, existing};
}

}  // namespace

Result<std::vector<BatchResult>> RecordService::WriteBatch(const Actor& actor, const meta::Entity& e,
                                                           const std::vector<BatchWrite>& writes,
                                                           const BatchKeep& keep) {
  std::vector<BatchResult> results;
  bool kept = false;
  Status st = db_.Write([&](db::Session& s) -> Status {
    results.clear();
    SessionDatabase session_db(s, db_);
    RecordService inner(session_db, registry_, access_, hooks_);
    for (const BatchWrite& w : writes) {
      KEHU_TRY(s.ExecuteScript("SAVEPOINT kehu_batch_row"));
      BatchResult r = RunOne(inner, s, actor, e, w);
      if (!r.status.ok() || w.discard)
        KEHU_TRY(s.ExecuteScript("ROLLBACK TO SAVEPOINT kehu_batch_row"));
      KEHU_TRY(s.ExecuteScript("RELEASE SAVEPOINT kehu_batch_row"));
      results.push_back(std::move(r));
    }
    kept = keep(results);
    // An error makes the database roll the whole transaction back; it is ours, not the caller's.
    return kept ? Ok() : Error(ErrorKind::kConflict, "batch_not_kept");
  });
  if (!st.ok() && !(st.error().code == "batch_not_kept" && !kept)) return std::move(st).error();
  return results;
}

}  // namespace kehu::records
