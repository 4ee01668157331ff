// BulkCreate::Check: Create's checks for a whole batch, one query per check (see
// record_bulk.h). Each step mirrors its counterpart in record_write.cc; keep them in step.
#include <boost/json.hpp>

#include <set>

#include "core/identifiers.h"
#include "records/bulk_ops.h"
#include "records/duplicates.h"
#include "records/numbering.h"
#include "records/record_bulk.h"
#include "records/record_sql.h"

namespace kehu::records {
namespace json = boost::json;

namespace {

// 400 when any field had the wrong JSON type, else 422 (record_write.cc's InputError).
Error InputError(const FieldErrors& errors) {
  for (const auto& [name, code] : errors)
    if (code == "wrong_type") {
      Error e(ErrorKind::kInvalidInput, "wrong_type");
      e.fields = errors;
      return e;
    }
  Error e(ErrorKind::kValidation, "validation_failed");
  e.fields = errors;
  return e;
}

}  // namespace

void BulkCreate::Fail(Pending& p, Error error) {
  p.live = false;
  p.row.result->status = std::move(error);
}

// RecordService::DecodeBody (create) and the part of Create before its transaction.
void BulkCreate::Decode(Pending& p) {
  for (const auto& [key, value] : *p.row.body) {
    if (key == "confirm") {
      if (!value.is_array()) return Fail(p, InvalidInput("wrong_type").Field("confirm", "wrong_type"));
      for (const auto& c : value.as_array())
        if (c.is_string()) p.confirmed.emplace_back(c.as_string());
      continue;
    }
    const meta::Field* f = e_.FindField(key);
    if (!f) return Fail(p, InvalidInput("unknown_field").Arg("field", std::string(key)));
    bool settable = f->name == "ownerId" || !f->read_only;
    if (!settable || actor_.FieldRuleFor(e_.name, f->name) != FieldRule::kEditable)
      return Fail(p, InvalidInput("read_only_field").Arg("field", f->name));
    if (auto v = DecodeInput(*f, value, p.errors)) p.values[f->name] = std::move(*v);
  }
  for (const auto& [name, code] : p.errors)
    if (code == "wrong_type") return Fail(p, InputError(p.errors));
  for (const auto& f : e_.fields) {
    if (f.system || p.values.count(f.name) || f.default_value.is_null()) continue;
    if (auto v = DecodeInput(f, f.default_value, p.errors)) p.values[f.name] = *v;
  }
  if (e_.owned && !p.values.count("ownerId") && actor_.user_id)
    p.values["ownerId"] = StoredValue{actor_.user_id, {}};
  if (auto owner = p.values.find("ownerId"); owner != p.values.end() && actor_.user_id &&
      !db::IsNull(owner->second.value) &&
      !access_.CoversOwner(actor_, e_, Action::kCreate, db::AsInt(owner->second.value)))
    return Fail(p, Forbidden());
  for (const auto& f : e_.fields)
    if (f.required && (!p.values.count(f.name) || db::IsNull(p.values[f.name].value)))
      p.errors.emplace(f.name, "required");
}

// Unique fields: taken in the table (live or deleted, like the unique index) or earlier in the batch.
Status BulkCreate::CheckUnique() {
  for (const auto& f : e_.fields) {
    if (!f.unique) continue;
    std::vector<db::Value> probe;
    for (auto& p : rows_)
      if (auto it = p.values.find(f.name); p.live && it != p.values.end() && !db::IsNull(it->second.value))
        probe.push_back(it->second.value);
    if (probe.empty()) continue;
    KEHU_ASSIGN(std::set<std::string> taken,
                SelectExisting(s_, "SELECT " + f.column + " FROM " + e_.table + " WHERE " + f.column, probe, {}));
    std::set<std::string> seen;
    for (auto& p : rows_) {
      auto it = p.values.find(f.name);
      if (!p.live || it == p.values.end() || db::IsNull(it->second.value)) continue;
      std::string v = db::AsText(it->second.value);
      if (taken.count(v) || seen.count(v)) p.errors[f.name] = "unique";
      else if (!p.row.discard && p.errors.empty()) seen.insert(v);
    }
  }
  return Ok();
}

// Relation targets must exist and be readable by the actor; user fields name active users.
Status BulkCreate::CheckRelations() {
  for (const auto& f : e_.fields) {
    bool user = f.type == meta::FieldType::kUser;
    if (f.type != meta::FieldType::kRelation && !user) continue;
    std::vector<db::Value> probe;
    for (auto& p : rows_)
      if (auto it = p.values.find(f.name); p.live && it != p.values.end() && !db::IsNull(it->second.value))
        probe.push_back(it->second.value);
    if (probe.empty()) continue;
    std::set<std::string> found;
    if (user) {
      KEHU_ASSIGN(found, SelectExisting(s_, "SELECT id FROM users WHERE active = 1 AND id", probe, {}));
    } else {
      const meta::Entity& target = *registry_.Find(f.target);
      auto predicate = [&](std::vector<db::Value>& params) {
        return "t.deleted_at IS NULL AND (" +
               access_.Predicate(actor_, target, Action::kRead, "t", params) + ")";
      };
      KEHU_ASSIGN(found, SelectExisting(s_, "SELECT t.id FROM " + target.table + " t WHERE t.id", probe,
                                        predicate));
    }
    for (auto& p : rows_) {
      auto it = p.values.find(f.name);
      if (p.live && it != p.values.end() && !db::IsNull(it->second.value) &&
          !found.count(db::AsText(it->second.value)))
        p.errors[f.name] = "not_found";
    }
  }
  for (auto& p : rows_)
    if (p.live && !p.errors.empty()) Fail(p, InputError(p.errors));
  return Ok();
}

// Some legally issued early credit codes fail the check character: a warning to confirm.
void BulkCreate::CheckFormatWarnings() {
  for (auto& p : rows_) {
    if (!p.live) continue;
    FieldErrors warnings;
    for (const auto& [name, v] : p.values) {
      const meta::Field& f = *e_.FindField(name);
      if (f.format == meta::TextFormat::kCreditCode && !db::IsNull(v.value) &&
          !ids::CreditCodeChecksumOk(db::AsText(v.value)))
        warnings[name] = "checksum_mismatch";
    }
    HookContext ctx{actor_, e_, s_, 0, p.values, nullptr, &p.confirmed};
    if (Status st = RequireConfirmation(ctx, warnings); !st.ok()) Fail(p, std::move(st).error());
  }
}

Status BulkCreate::AssignNumbers() {
  if (e_.numbering_field.empty()) return Ok();
  std::vector<Pending*> need;
  for (auto& p : rows_) {
    auto it = p.values.find(e_.numbering_field);
    if (p.live && (it == p.values.end() || db::IsNull(it->second.value))) need.push_back(&p);
  }
  if (need.empty()) return Ok();
  KEHU_ASSIGN(auto rule, LoadRule(s_, e_));
  if (!rule) return Ok();
  KEHU_ASSIGN(std::vector<std::string> numbers, TakeNumbers(s_, e_, *rule, Now(), need.size()));
  for (size_t i = 0; i < need.size(); ++i)
    need[i]->values[e_.numbering_field] = StoredValue{db::Value(std::move(numbers[i])), {}};
  return Ok();
}

Status BulkCreate::RunBeforeHooks() {
  for (auto& p : rows_) {
    if (!p.live) continue;
    HookContext ctx{actor_, e_, s_, 0, p.values, nullptr, &p.confirmed};
    if (Status st = hooks_.Run(HookPoint::kBeforeCreate, ctx); !st.ok()) Fail(p, std::move(st).error());
  }
  return Ok();
}

Status BulkCreate::Check(std::vector<Row> rows) {
  rows_.clear();
  rows_.reserve(rows.size());
  for (Row& r : rows) rows_.push_back(Pending{r, {}, {}, {}, true});
  if (!access_.Allowed(actor_, e_, Action::kCreate)) {
    for (auto& p : rows_) Fail(p, Forbidden());
    return Ok();
  }
  for (auto& p : rows_) Decode(p);
  KEHU_TRY(CheckUnique());
  KEHU_TRY(CheckRelations());  // fails the rows with field errors, all reported at once
  CheckFormatWarnings();
  KEHU_TRY(CheckDuplicates());
  KEHU_TRY(AssignNumbers());
  KEHU_TRY(RunBeforeHooks());
  for (auto& p : rows_) {
    if (!p.live) continue;
    p.row.result->status = Ok();
    p.row.result->created = true;  // what Write() will do (what a validation pass reports)
  }
  return Ok();
}

}  // namespace kehu::records
