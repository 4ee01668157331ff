// 合并: two records of one entity become one (customers first: 查重 finds them, merge resolves them).
#include <boost/json.hpp>

#include <algorithm>

#include "core/time.h"
#include "records/audit.h"
#include "records/codec.h"
#include "records/duplicates.h"
#include "records/field_rules.h"
#include "records/record_service.h"
#include "records/record_sql.h"

namespace kehu::records {
namespace json = boost::json;
using db::Value;

namespace {

bool Empty(const json::value& v) {
  return v.is_null() || (v.is_string() && v.as_string().empty()) || (v.is_array() && v.as_array().empty());
}

// Fields a merge may copy: what a user could type, and never a unique one (the merged-away record
// keeps its value in the recycle bin, so a copy would collide).
bool Mergeable(const meta::Field& f) { return !f.system && !f.read_only && !f.unique; }

// Values to copy from `from` into `into`: `take` overwrites, empty fields of `into` are filled.
Result<std::map<std::string, StoredValue>> MergedValues(const meta::Entity& e, const json::object& into,
                                                        const json::object& from, const std::vector<std::string>& take) {
  std::map<std::string, StoredValue> out;
  FieldErrors errors;
  for (const auto& name : take) {
    const meta::Field* f = e.FindField(name);
    if (!f) return InvalidInput("unknown_field").Arg("field", name);
    if (!Mergeable(*f)) return ValidationFailed().Field(name, "not_mergeable");
  }
  for (const auto& f : e.fields) {
    if (!Mergeable(f)) continue;
    bool taken = std::find(take.begin(), take.end(), f.name) != take.end();
    if (!taken && !(Empty(into.at(f.name)) && !Empty(from.at(f.name)))) continue;
    if (auto v = DecodeInput(f, from.at(f.name), errors)) out[f.name] = std::move(*v);
  }
  if (!errors.empty()) return Internal("stored value did not decode during merge");
  return out;
}

}  // namespace

Result<json::object> RecordService::Merge(const Actor& actor, const meta::Entity& e, int64_t into_id,
                                          int64_t from_id, const std::vector<std::string>& take) {
  if (!access_.Allowed(actor, e, Action::kEdit)) return Forbidden();
  if (into_id == from_id) return ValidationFailed().Field("fromId", "same_record");
  json::object merged, moved;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(json::object into, LoadOne(s, actor, e, into_id, Action::kRead, false));
    KEHU_ASSIGN(json::object from, LoadOne(s, actor, e, from_id, Action::kRead, false));
    KEHU_TRY(RequirePermit(s, actor, e, into_id, Action::kEdit));
    KEHU_TRY(RequirePermit(s, actor, e, from_id, Action::kEdit));
    KEHU_TRY(RequirePermit(s, actor, e, from_id, Action::kDelete));
    KEHU_ASSIGN(into, LoadOne(s, Actor::System(), e, into_id, Action::kRead, false));  // unmasked values
    KEHU_ASSIGN(from, LoadOne(s, Actor::System(), e, from_id, Action::kRead, false));
    KEHU_ASSIGN(auto values, MergedValues(e, into, from, take));
    // The survivor is updated and the other deleted: the same rules hold as for an edit and a
    // delete (e.g. a customer under review is locked).
    HookContext update_ctx{actor, e, s, into_id, values, &into};
    KEHU_TRY(hooks_.Run(HookPoint::kBeforeUpdate, update_ctx));
    std::map<std::string, StoredValue> none;
    HookContext delete_ctx{actor, e, s, from_id, none, &from};
    KEHU_TRY(hooks_.Run(HookPoint::kBeforeUpdate, delete_ctx));
    KEHU_TRY(hooks_.Run(HookPoint::kBeforeDelete, delete_ctx));

    std::string now = NowIso();
    Value by = actor.user_id ? Value(actor.user_id) : Value();
    // Related records follow the survivor; a self-reference of the survivor to the merged record
    // (e.g. its parent company) would point at itself, so it is cleared instead.
    for (const auto& [child, field] : registry_->RelationsTo(e.name)) {
      KEHU_ASSIGN(db::Rows ids, s.Query("SELECT id FROM " + child->table + " WHERE " + field->column +
                                            " = ? AND deleted_at IS NULL",
                                        {Value(from_id)}));
      for (const auto& r : ids.rows) {
        int64_t id = db::AsInt(r[0]);
        Value target = child == &e && id == into_id ? Value() : Value(into_id);
        KEHU_TRY(s.Execute("UPDATE " + child->table + " SET " + field->column +
                               " = ?, version = version + 1, updated_at = ?, updated_by_id = ? WHERE id = ?",
                           {target, Value(now), by, Value(id)}));
        json::object change{{field->name, json::object{{"from", from_id}, {"to", db::IsNull(target) ? json::value() : json::value(into_id)}}}};
        KEHU_TRY(AppendAudit(s, actor, {child->name, id, "merge_moved", std::move(change)}));
      }
      if (!ids.rows.empty())
        moved[child->name] = moved.contains(child->name) ? moved[child->name].as_int64() + static_cast<int64_t>(ids.size())
                                                         : static_cast<int64_t>(ids.size());
    }
    KEHU_ASSIGN(int64_t files, s.Execute("UPDATE files SET record_id = ? WHERE record_entity = ? AND record_id = ?",
                                         {Value(into_id), Value(e.name), Value(from_id)}));
    if (files) moved["files"] = files;
    KEHU_TRY(s.Execute("UPDATE record_shares SET record_id = ? WHERE entity = ? AND record_id = ? AND user_id NOT IN "
                       "(SELECT user_id FROM record_shares WHERE entity = ? AND record_id = ?)",
                       {Value(into_id), Value(e.name), Value(from_id), Value(e.name), Value(into_id)}));
    KEHU_TRY(s.Execute("DELETE FROM record_shares WHERE entity = ? AND record_id = ?", {Value(e.name), Value(from_id)}));

    std::string sets = "version = version + 1, updated_at = ?, updated_by_id = ?";
    std::vector<Value> params{Value(now), by};
    json::object changes;
    AppendAssignments(e, values, sets, params);
    for (const auto& [name, v] : values) changes[name] = json::object{{"from", into.at(name)}, {"to", from.at(name)}};
    params.emplace_back(into_id);
    KEHU_TRY(s.Execute("UPDATE " + e.table + " SET " + sets + " WHERE id = ?", params));
    KEHU_TRY(s.Execute("UPDATE " + e.table + " SET deleted_at = ?, deleted_by_id = ?, version = version + 1 WHERE id = ?",
                       {Value(now), by, Value(from_id)}));
    if (!e.search_fields.empty()) KEHU_TRY(db_.dialect().SearchDelete(s, e.table, from_id));

    json::value title = from.at(e.title_field);
    changes["mergedFrom"] = json::object{{"id", from_id}, {"title", title}, {"moved", moved}};
    KEHU_TRY(AppendAudit(s, actor, {e.name, into_id, "merge", std::move(changes)}));
    KEHU_TRY(AppendAudit(s, actor, {e.name, from_id, "merged_into",
                                    json::object{{"into", into_id}, {"title", title}}}));
    KEHU_ASSIGN(merged, LoadOne(s, Actor::System(), e, into_id, Action::kRead, false));
    KEHU_TRY(Reindex(s, e, merged));
    return SaveDuplicateNameKey(s, e, merged);
  }));
  ShapeForActor(actor, e, merged);
  return json::object{{"record", std::move(merged)}, {"moved", std::move(moved)}};
}

}  // namespace kehu::records
