// RecordService::WriteBatch: many records through the one pipeline in one transaction (imports).
//
// Creates go through BulkCreate (record_bulk.h): Create's steps, checks and writes, with one query
// per step for the whole batch. Updates (upsert matches) run the real Update on a RecordService
// whose Database is the batch's open transaction (SessionDatabase), each in a savepoint, so they
// get exactly the permissions, validation, 查重 warnings, hooks, audit and search indexing of a
// single REST write.
#include <boost/json.hpp>

#include "db/session_database.h"
#include "records/bulk_ops.h"
#include "records/record_bulk.h"
#include "records/record_service.h"

namespace kehu::records {
namespace json = boost::json;

namespace {


// The live records whose unique `f` holds one of the writes' values, whoever may see them:
// value -> id (one query per kMaxInList values).
Result<std::map<std::string, int64_t>> FindByUniqueValues(db::Session& s, const meta::Entity& e,
                                                          const meta::Field& f,
                                                          const std::vector<BatchWrite>& writes) {
  std::vector<db::Value> values;
  for (const BatchWrite& w : writes)
    if (auto* v = w.body.if_contains(f.name); v && v->is_string() && !v->as_string().empty())
      values.emplace_back(std::string(v->as_string()));
  std::map<std::string, int64_t> out;
  for (size_t start = 0; start < values.size(); start += kMaxInList) {
    size_t end = std::min(values.size(), start + kMaxInList);
    std::vector<db::Value> params(values.begin() + start, values.begin() + end);
    std::string sql = "SELECT " + f.column + ", id FROM " + e.table + " WHERE deleted_at IS NULL AND " +
                      f.column + " IN (";
    for (size_t i = start; i < end; ++i) sql += i == start ? "?" : ", ?";
    KEHU_ASSIGN(db::Rows rows, s.Query(sql + ")", params));
    for (const auto& r : rows.rows) out.emplace(db::AsText(r[0]), db::AsInt(r[1]));
  }
  return out;
}

BatchResult UpdateOne(RecordService& inner, const Actor& actor, const meta::Entity& e, const meta::Field& match,
                      int64_t existing, const BatchWrite& w) {
  // Someone else's record stays unknown to the actor: not found, as on GET.
  auto current = inner.Get(actor, e, existing);
  if (!current.ok()) {
    Error err = std::move(current).error();
    if (err.kind == ErrorKind::kNotFound) err.Field(match.name, "not_found");
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
    results.assign(writes.size(), BatchResult{});
    db::SessionDatabase session_db(s, db_);
    RecordService inner(session_db, registry_, access_, hooks_);
    // Upsert: the rows whose key matches a live record update it; the others create.
    std::vector<int64_t> existing(writes.size(), 0);
    std::map<std::string, std::map<std::string, int64_t>> matches;  // field -> value -> id
    for (size_t i = 0; i < writes.size(); ++i) {
      const BatchWrite& w = writes[i];
      const meta::Field* match = w.match_field.empty() ? nullptr : e.FindField(w.match_field);
      auto* v = match ? w.body.if_contains(match->name) : nullptr;
      if (!v || !v->is_string()) continue;
      if (!matches.count(match->name)) {
        KEHU_ASSIGN(matches[match->name], FindByUniqueValues(s, e, *match, writes));
      }
      auto& ids = matches[match->name];
      if (auto it = ids.find(std::string(v->as_string())); it != ids.end()) existing[i] = it->second;
    }
    std::vector<BulkCreate::Row> creates;
    for (size_t i = 0; i < writes.size(); ++i) {
      const BatchWrite& w = writes[i];
      if (!existing[i]) {
        creates.push_back({&w.body, w.discard, &results[i]});
        continue;
      }
      KEHU_TRY(s.ExecuteScript("SAVEPOINT kehu_batch_row"));
      results[i] = UpdateOne(inner, actor, e, *e.FindField(w.match_field), existing[i], w);
      if (!results[i].status.ok() || w.discard)
        KEHU_TRY(s.ExecuteScript("ROLLBACK TO SAVEPOINT kehu_batch_row"));
      KEHU_TRY(s.ExecuteScript("RELEASE SAVEPOINT kehu_batch_row"));
    }
    BulkCreate bulk(s, db_.dialect(), *registry_, access_, hooks_, actor, e);
    KEHU_TRY(bulk.Check(std::move(creates)));
    kept = keep(results);
    // An error makes the database roll the whole transaction back; it is ours, not the caller's.
    if (!kept) return Error(ErrorKind::kConflict, "batch_not_kept");
    return bulk.Write();
  });
  if (!st.ok() && !(st.error().code == "batch_not_kept" && !kept)) return std::move(st).error();
  return results;
}

}  // namespace kehu::records
