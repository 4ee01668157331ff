// Writing records: create, update, soft delete, restore, purge. Each runs in one transaction with
// its audit row and search index update.
#include <algorithm>

#include <boost/json.hpp>

#include "core/identifiers.h"
#include "core/text/search_terms.h"
#include "core/time.h"
#include "records/audit.h"
#include "records/duplicates.h"
#include "records/numbering.h"
#include "records/field_rules.h"
#include "records/record_service.h"
#include "records/record_sql.h"

namespace kehu::records {
namespace json = boost::json;

struct RecordService::Input {
  std::map<std::string, StoredValue> values;  // field name -> value
  std::vector<std::string> confirmed;          // warnings the user accepted
  FieldErrors errors;                          // format errors (422), reported with the others
};

namespace {

Error FieldError(ErrorKind kind, const char* code, const FieldErrors& errors) {
  Error e(kind, code);
  e.fields = errors;
  return e;
}

// 400 when any field had the wrong JSON type, else 422.
Error InputError(const FieldErrors& errors) {
  for (const auto& [name, code] : errors)
    if (code == "wrong_type") return FieldError(ErrorKind::kInvalidInput, "wrong_type", errors);
  return FieldError(ErrorKind::kValidation, "validation_failed", errors);
}

json::value StoredToJson(const meta::Field& f, const StoredValue& v) {
  return EncodeOutput(f, v.value, v.companion);
}

// Format warnings the user may override (CHINA.md: some legally issued early credit codes fail the
// check character). Runs before the hooks, which add their own (likely duplicates).
Status CheckFormatWarnings(const meta::Entity& e, const HookContext& ctx) {
  FieldErrors warnings;
  for (const auto& [name, v] : ctx.values) {
    const meta::Field& f = *e.FindField(name);
    if (f.format == meta::TextFormat::kCreditCode && !db::IsNull(v.value) &&
        !ids::CreditCodeChecksumOk(db::AsText(v.value)))
      warnings[name] = "checksum_mismatch";
  }
  return RequireConfirmation(ctx, warnings);
}

// Whether writing `e` can raise a warning the user may override (CheckFormatWarnings,
// CheckDuplicateWarnings): entities without can skip asking before the write.
bool MayWarn(const meta::Entity& e) {
  if (!e.duplicate_fields.empty()) return true;
  return std::any_of(e.fields.begin(), e.fields.end(),
                     [](const meta::Field& f) { return f.format == meta::TextFormat::kCreditCode; });
}

// 查重 on the values being written: each matched field becomes a "duplicate" warning, and the
// candidates (title, owner, and the id only where readable) come with the error.
Status CheckDuplicateWarnings(const AccessPolicy& access, const meta::Entity& e, const HookContext& ctx,
                              const PreparedNameKey& name_key) {
  if (e.duplicate_fields.empty()) return Ok();
  DuplicateProbe probe{{}, ctx.id, &name_key};
  for (const auto& name : e.duplicate_fields)
    if (auto it = ctx.values.find(name); it != ctx.values.end() && !db::IsNull(it->second.value))
      probe.values[name] = db::AsText(it->second.value);
  if (probe.values.empty()) return Ok();
  KEHU_ASSIGN(auto found, FindDuplicates(ctx.session, access, ctx.actor, e, probe));
  FieldErrors warnings;
  for (const auto& c : found)
    for (const auto& field : c.matched_on) warnings[field] = "duplicate";
  return RequireConfirmation(ctx, warnings, {{"candidates", json::serialize(DuplicatesJson(found))}});
}

// The title being written, when it is text.
const std::string* TitleText(const meta::Entity& e, const std::map<std::string, StoredValue>& values) {
  auto it = values.find(e.title_field);
  return it == values.end() ? nullptr : std::get_if<std::string>(&it->second.value);
}

// The title's 查重 key, built before the write transaction (PreparedNameKey says why).
PreparedNameKey PrepareNameKey(const meta::Entity& e, const std::map<std::string, StoredValue>& values) {
  const std::string* title = e.ChecksDuplicateNames() ? TitleText(e, values) : nullptr;
  return title ? PreparedNameKey::For(*title) : PreparedNameKey{};
}

// Fills the entity's numbered field (客户代码) when the client left it empty.
Status AssignNumber(db::Session& s, const meta::Entity& e, std::map<std::string, StoredValue>& values) {
  if (e.numbering_field.empty()) return Ok();
  auto it = values.find(e.numbering_field);
  if (it != values.end() && !db::IsNull(it->second.value)) return Ok();
  KEHU_ASSIGN(auto rule, LoadRule(s, e));
  if (!rule) return Ok();
  KEHU_ASSIGN(std::string number, TakeNumber(s, e, *rule, Now()));
  values[e.numbering_field] = StoredValue{db::Value(std::move(number)), {}};
  return Ok();
}


}  // namespace

Result<RecordService::Input> RecordService::DecodeBody(const Actor& actor, const meta::Entity& e,
                                                       const json::object& body, bool create) {
  Input in;
  FieldErrors& errors = in.errors;
  for (const auto& [key, value] : body) {
    if (key == "confirm") {
      if (!value.is_array()) return InvalidInput("wrong_type").Field("confirm", "wrong_type");
      for (const auto& c : value.as_array())
        if (c.is_string()) in.confirmed.emplace_back(c.as_string());
      continue;
    }
    if (key == "version" && !create) continue;
    const meta::Field* f = e.FindField(key);
    if (!f) return InvalidInput("unknown_field").Arg("field", std::string(key));
    // The owner is chosen on create only; afterwards ownership changes by transfer (assign scope).
    bool settable = f->name == "ownerId" ? create : !f->read_only;
    if (!settable || actor.FieldRuleFor(e.name, f->name) != FieldRule::kEditable)
      return InvalidInput("read_only_field").Arg("field", f->name);
    if (auto v = DecodeInput(*f, value, errors)) in.values[f->name] = std::move(*v);
  }
  // Wrong JSON types make the whole request malformed (400); format errors wait for the rest.
  for (const auto& [name, code] : errors)
    if (code == "wrong_type") return InputError(errors);
  return in;
}

Status RecordService::CheckReferences(db::Session& s, const Actor& actor, const meta::Entity& e,
                                      const std::map<std::string, StoredValue>& values,
                                      int64_t self_id, FieldErrors& errors) {
  for (const auto& [name, v] : values) {
    if (db::IsNull(v.value)) continue;
    const meta::Field& f = *e.FindField(name);
    if (f.unique) {
      KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id FROM " + e.table + " WHERE " + f.column +
                                             " = ? AND id <> ? LIMIT 1",
                                         {v.value, db::Value(self_id)}));
      if (!rows.empty()) errors[name] = "unique";
    }
    if (f.type == meta::FieldType::kRelation) {
      // The target must exist and be visible to the actor: no linking to records one cannot see.
      const meta::Entity& target = *registry_->Find(f.target);
      Where where;
      where.params.push_back(v.value);
      where.sql = "t.id = ? AND t.deleted_at IS NULL";
      where.And(access_.Predicate(actor, target, Action::kRead, "t", where.params));
      KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM " + target.table + " t WHERE " + where.sql,
                                         where.params));
      if (rows.empty()) errors[name] = "not_found";
    }
    if (f.type == meta::FieldType::kUser) {
      KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM users WHERE id = ? AND active = 1", {v.value}));
      if (rows.empty()) errors[name] = "not_found";
    }
  }
  return Ok();
}

// Building a search document (folding, pinyin variants) is the costliest step of a create, and
// everything inside Write runs on the one thread all writes share: so documents of the values
// known beforehand are built before the transaction, one per value, and merged inside. A value
// only known inside (the number assigned to 客户代码) is built there, alone.
RecordService::PreparedSearch RecordService::PrepareSearch(const meta::Entity& e,
                                                           const std::map<std::string, StoredValue>& values) {
  PreparedSearch out;
  for (const auto& name : e.search_fields) {
    auto it = values.find(name);
    if (it == values.end()) continue;
    json::value shown = StoredToJson(*e.FindField(name), it->second);
    if (shown.is_string() && !out.count(std::string(shown.as_string())))
      out.emplace(std::string(shown.as_string()), text::BuildSearchDoc({std::string(shown.as_string())}));
  }
  return out;
}

Status RecordService::Reindex(db::Session& s, const meta::Entity& e, const json::object& record,
                              const PreparedSearch* prepared) {
  if (e.search_fields.empty()) return Ok();
  std::vector<std::string> values;
  for (const auto& name : e.search_fields)
    if (auto* v = record.if_contains(name); v && v->is_string()) values.emplace_back(v->as_string());
  text::SearchDoc doc;
  if (!prepared) {
    doc = text::BuildSearchDoc(values);
  } else {
    std::vector<text::SearchDoc> built;  // the values not prepared
    built.reserve(values.size());
    std::vector<const text::SearchDoc*> parts;
    for (const auto& v : values) {
      auto it = prepared->find(v);
      if (it != prepared->end()) {
        parts.push_back(&it->second);
      } else {
        built.push_back(text::BuildSearchDoc({v}));
        parts.push_back(&built.back());
      }
    }
    doc = text::MergeSearchDocs(parts);
  }
  return db_.dialect().SearchUpsert(s, e.table, record.at("id").as_int64(), doc.folded, doc.terms);
}

Result<json::object> RecordService::Create(const Actor& actor, const meta::Entity& e,
                                           const json::object& body) {
  if (!access_.Allowed(actor, e, Action::kCreate)) return Forbidden();
  KEHU_ASSIGN(Input in, DecodeBody(actor, e, body, true));
  FieldErrors errors = in.errors;
  for (const auto& f : e.fields) {
    if (f.system || in.values.count(f.name) || f.default_value.is_null()) continue;
    if (auto v = DecodeInput(f, f.default_value, errors)) in.values[f.name] = *v;
  }
  if (e.owned && !in.values.count("ownerId") && actor.user_id)
    in.values["ownerId"] = StoredValue{actor.user_id, {}};
  // Whom a record may be created for follows the create scope (a rep: only themselves).
  if (auto owner = in.values.find("ownerId"); owner != in.values.end() && actor.user_id &&
      !db::IsNull(owner->second.value) &&
      !access_.CoversOwner(actor, e, Action::kCreate, db::AsInt(owner->second.value)))
    return Forbidden();
  for (const auto& f : e.fields)
    if (f.required && (!in.values.count(f.name) || db::IsNull(in.values[f.name].value)))
      errors.emplace(f.name, "required");

  json::object created;
  const PreparedSearch search = PrepareSearch(e, in.values);
  const PreparedNameKey name_key = PrepareNameKey(e, in.values);
  // The warnings the user may override are asked on a snapshot before the write, not on the one
  // thread all writes share: 查重 is advisory (CHINA.md: it tells a rep who owns a customer and
  // forbids nothing), and its probes were a tenth of a create's time in the writer. The field
  // errors come first, as in the write, which checks the references again.
  if (MayWarn(e)) {
    KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
      FieldErrors found = errors;
      KEHU_TRY(CheckReferences(s, actor, e, in.values, 0, found));
      if (!found.empty()) return InputError(found);
      HookContext ctx{actor, e, s, 0, in.values, nullptr, &in.confirmed};
      KEHU_TRY(CheckFormatWarnings(e, ctx));
      return CheckDuplicateWarnings(access_, e, ctx, name_key);
    }));
  }
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(CheckReferences(s, actor, e, in.values, 0, errors));
    if (!errors.empty()) return InputError(errors);  // all field errors at once, nothing written
    KEHU_TRY(AssignNumber(s, e, in.values));
    HookContext ctx{actor, e, s, 0, in.values, nullptr, &in.confirmed};
    KEHU_TRY(hooks_.Run(HookPoint::kBeforeCreate, ctx));

    std::string now = NowIso();
    db::Value by = actor.user_id ? db::Value(actor.user_id) : db::Value();
    std::string cols = "version, created_at, updated_at, created_by_id, updated_by_id";
    std::string marks = "1, ?, ?, ?, ?";
    std::vector<db::Value> params{db::Value(now), db::Value(now), by, by};
    json::object changes;
    for (const auto& [name, v] : in.values) {
      const meta::Field& f = *e.FindField(name);
      cols += ", " + f.column;
      marks += ", ?";
      params.push_back(v.value);
      if (auto suffix = f.CompanionSuffix(); !suffix.empty()) {
        cols += ", " + f.column + std::string(suffix);
        marks += ", ?";
        params.push_back(v.companion);
      }
      if (!db::IsNull(v.value)) changes[name] = json::object{{"to", StoredToJson(f, v)}};
    }
    if (e.ChecksDuplicateNames()) {  // in the INSERT: SaveDuplicateNameKey's UPDATE was a second row write
      const std::string* title = TitleText(e, in.values);
      cols += ", dup_name_key";
      marks += ", ?";
      params.push_back(title ? db::Value(name_key.Of(*title)) : db::Value());
    }
    KEHU_ASSIGN(db::Rows ids, s.Query("INSERT INTO " + e.table + " (" + cols + ") VALUES (" +
                                          marks + ") RETURNING id",
                                      params));
    ctx.id = db::AsInt(ids.rows[0][0]);
    KEHU_TRY(AppendAudit(s, actor, {e.name, ctx.id, "create", std::move(changes)}));
    KEHU_ASSIGN(created, LoadOne(s, Actor::System(), e, ctx.id, Action::kRead, false));
    KEHU_TRY(Reindex(s, e, created, &search));
    return hooks_.Run(HookPoint::kAfterCreate, ctx);
  }));
  ShapeForActor(actor, e, created);
  return created;
}

Result<json::object> RecordService::Update(const Actor& actor, const meta::Entity& e, int64_t id,
                                           const json::object& body) {
  if (!access_.Allowed(actor, e, Action::kEdit)) return Forbidden();
  auto* version = body.if_contains("version");
  if (!version) return InvalidInput("version_required").Field("version", "required");
  if (!version->is_int64()) return InvalidInput("wrong_type").Field("version", "wrong_type");
  KEHU_ASSIGN(Input in, DecodeBody(actor, e, body, false));

  json::object updated;
  const PreparedSearch search = PrepareSearch(e, in.values);  // outside the writer, as in Create
  const PreparedNameKey name_key = PrepareNameKey(e, in.values);
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(json::object before, LoadOne(s, actor, e, id, Action::kRead, false));
    KEHU_TRY(RequirePermit(s, actor, e, id, Action::kEdit));
    if (before.at("version").as_int64() != version->as_int64()) {
      json::object current = before;
      ShapeForActor(actor, e, current);
      return VersionConflict(json::serialize(current));
    }
    // Keep only real changes; the audit shows from -> to.
    FieldErrors errors = in.errors;
    json::object changes;
    for (auto it = in.values.begin(); it != in.values.end();) {
      const meta::Field& f = *e.FindField(it->first);
      json::value to = StoredToJson(f, it->second);
      if (f.required && db::IsNull(it->second.value)) errors.emplace(f.name, "required");
      if (before.at(f.name) == to) {
        it = in.values.erase(it);
        continue;
      }
      changes[f.name] = json::object{{"from", before.at(f.name)}, {"to", to}};
      ++it;
    }
    if (in.values.empty() && errors.empty()) {
      updated = std::move(before);
      return Ok();
    }
    KEHU_TRY(CheckReferences(s, actor, e, in.values, id, errors));
    if (!errors.empty()) return InputError(errors);
    HookContext ctx{actor, e, s, id, in.values, &before, &in.confirmed};
    KEHU_TRY(CheckFormatWarnings(e, ctx));  // changed values only: a kept code is not asked again
    KEHU_TRY(CheckDuplicateWarnings(access_, e, ctx, name_key));
    KEHU_TRY(hooks_.Run(HookPoint::kBeforeUpdate, ctx));

    std::string sets = "version = version + 1, updated_at = ?, updated_by_id = ?";
    std::vector<db::Value> params{db::Value(NowIso()),
                                  actor.user_id ? db::Value(actor.user_id) : db::Value()};
    AppendAssignments(e, in.values, sets, params);
    params.emplace_back(id);
    params.push_back(db::Value(version->as_int64()));
    KEHU_ASSIGN(int64_t n, s.Execute("UPDATE " + e.table + " SET " + sets +
                                         " WHERE id = ? AND version = ?",
                                     params));
    if (n != 1) return Conflict("version_conflict");
    KEHU_TRY(AppendAudit(s, actor, {e.name, id, "update", std::move(changes)}));
    KEHU_ASSIGN(updated, LoadOne(s, Actor::System(), e, id, Action::kRead, false));
    // The search document is built from the search fields alone: unchanged, it stays as it is.
    bool searched_changed = std::any_of(e.search_fields.begin(), e.search_fields.end(),
                                        [&](const std::string& f) { return in.values.count(f) > 0; });
    if (searched_changed) KEHU_TRY(Reindex(s, e, updated, &search));
    if (in.values.count(e.title_field)) KEHU_TRY(SaveDuplicateNameKey(s, e, updated, name_key));
    return hooks_.Run(HookPoint::kAfterUpdate, ctx);
  }));
  ShapeForActor(actor, e, updated);
  return updated;
}

Status RecordService::Delete(const Actor& actor, const meta::Entity& e, int64_t id) {
  // Without any delete scope: still 404 for what the actor cannot see, so nothing is revealed.
  if (!access_.Allowed(actor, e, Action::kDelete)) {
    KEHU_TRY(Get(actor, e, id));
    return Forbidden();
  }
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(json::object before, LoadOne(s, actor, e, id, Action::kRead, false));
    KEHU_TRY(RequirePermit(s, actor, e, id, Action::kDelete));
    std::map<std::string, StoredValue> none;
    HookContext ctx{actor, e, s, id, none, &before};
    KEHU_TRY(hooks_.Run(HookPoint::kBeforeDelete, ctx));
    KEHU_TRY(s.Execute("UPDATE " + e.table +
                           " SET deleted_at = ?, deleted_by_id = ?, version = version + 1 WHERE id = ?",
                       {db::Value(NowIso()), actor.user_id ? db::Value(actor.user_id) : db::Value(),
                        db::Value(id)}));
    if (!e.search_fields.empty()) KEHU_TRY(db_.dialect().SearchDelete(s, e.table, id));
    json::object details;
    if (auto* t = before.if_contains(e.title_field)) details["title"] = *t;
    KEHU_TRY(AppendAudit(s, actor, {e.name, id, "delete", std::move(details)}));
    return hooks_.Run(HookPoint::kAfterDelete, ctx);
  });
}

Result<json::object> RecordService::Restore(const Actor& actor, const meta::Entity& e, int64_t id) {
  if (!access_.Allowed(actor, e, Action::kDelete)) return Forbidden();
  json::object restored;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(LoadOne(s, actor, e, id, Action::kDelete, true));
    KEHU_TRY(s.Execute("UPDATE " + e.table +
                           " SET deleted_at = NULL, deleted_by_id = NULL, version = version + 1, "
                           "updated_at = ?, updated_by_id = ? WHERE id = ?",
                       {db::Value(NowIso()), actor.user_id ? db::Value(actor.user_id) : db::Value(),
                        db::Value(id)}));
    KEHU_TRY(AppendAudit(s, actor, {e.name, id, "restore", {}}));
    KEHU_ASSIGN(restored, LoadOne(s, Actor::System(), e, id, Action::kRead, false));
    return Reindex(s, e, restored);
  }));
  ShapeForActor(actor, e, restored);
  return restored;
}

Status RecordService::Purge(const Actor& actor, const meta::Entity& e, int64_t id) {
  if (!actor.is_admin) return Forbidden();
  return db_.Write([&](db::Session& s) -> Status {
    auto deleted = LoadOne(s, actor, e, id, Action::kRead, true);
    if (!deleted.ok()) {
      KEHU_ASSIGN(bool live, Permits(s, actor, e, id, Action::kRead));
      if (live) return Conflict("not_deleted");
      return NotFound();
    }
    for (const auto& [child, field] : registry_->RelationsTo(e.name)) {
      KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM " + child->table + " WHERE " + field->column +
                                             " = ? LIMIT 1",
                                         {db::Value(id)}));
      if (!rows.empty()) return Conflict("has_related_records").Arg("entity", child->name);
    }
    KEHU_TRY(s.Execute("DELETE FROM " + e.table + " WHERE id = ?", {db::Value(id)}));
    if (!e.search_fields.empty()) KEHU_TRY(db_.dialect().SearchDelete(s, e.table, id));
    json::object details;
    details["record"] = *deleted;
    return AppendAudit(s, actor, {e.name, id, "purge", std::move(details)});
  });
}

}  // namespace kehu::records
