// Reading records: get, list, related lists, search. Visibility is always part of the SQL.
#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "core/text/search_terms.h"
#include "records/field_rules.h"
#include "records/record_service.h"
#include "records/search_narrowing.h"
#include "records/record_sql.h"

namespace kehu::records {
namespace json = boost::json;

namespace {

// In the brief view only brief fields may be filtered or sorted by: anything else would let a
// caller probe the fields it is not shown.
Status CheckBriefQuery(const meta::Entity& e, const ListQuery& q) {
  auto brief = [&](const meta::Field* f) {
    return f->name == "id" || std::find(e.brief_fields.begin(), e.brief_fields.end(), f->name) != e.brief_fields.end();
  };
  for (const auto& f : q.filters)
    if (!brief(f.field)) return InvalidInput("unknown_field").Arg("field", f.field->name);
  for (const auto& s : q.sort)
    if (!brief(s.field)) return InvalidInput("unknown_sort_field").Arg("field", s.field->name);
  if (q.deleted) return InvalidInput("bad_parameter").Arg("parameter", "view");
  return Ok();
}

void KeepBriefFields(const meta::Entity& e, json::object& record) {
  json::object out{{"id", record.at("id")}};
  json::object display;
  auto* d = record.if_contains("_display");
  for (const auto& name : e.brief_fields) {
    if (auto* v = record.if_contains(name)) out[name] = *v;
    if (d && d->as_object().contains(name)) display[name] = d->as_object().at(name);
  }
  if (!display.empty()) out["_display"] = std::move(display);
  record = std::move(out);
}

// LoadOne's and Permits' conditions: the record `id`, live or in the recycle bin, that `actor` may
// read and take `action` on (alias t).
Where OneRecordWhere(const AccessPolicy& access, const Actor& actor, const meta::Entity& e, int64_t id,
                     Action action, bool deleted) {
  Where where;
  where.params.emplace_back(id);
  where.sql = "t.id = ?";
  where.And(deleted ? "t.deleted_at IS NOT NULL" : "t.deleted_at IS NULL");
  where.And(access.Predicate(actor, e, Action::kRead, "t", where.params));
  if (action != Action::kRead) where.And(access.Predicate(actor, e, action, "t", where.params));
  return where;
}

}  // namespace

Result<json::object> RecordService::LoadOne(db::Session& s, const Actor& actor, const meta::Entity& e,
                                            int64_t id, Action action, bool deleted) {
  const Where where = OneRecordWhere(access_, actor, e, id, action, deleted);
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT " + SelectColumns(e) + " FROM " + e.table +
                                         " t WHERE " + where.sql,
                                     where.params));
  if (rows.empty()) return NotFound();
  json::array one{RowToJson(e, rows.rows[0])};
  KEHU_TRY(AddDisplay(s, e, one));
  return std::move(one[0].as_object());
}

Result<bool> RecordService::Permits(db::Session& s, const Actor& actor, const meta::Entity& e, int64_t id,
                                    Action action) {
  const Where where = OneRecordWhere(access_, actor, e, id, action, false);
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM " + e.table + " t WHERE " + where.sql, where.params));
  return !rows.empty();
}

Status RecordService::RequirePermit(db::Session& s, const Actor& actor, const meta::Entity& e, int64_t id,
                                    Action action) {
  KEHU_ASSIGN(bool permitted, Permits(s, actor, e, id, action));
  return permitted ? Ok() : Forbidden();
}

Result<json::object> RecordService::Get(const Actor& actor, const meta::Entity& e, int64_t id) {
  if (!access_.Allowed(actor, e, Action::kRead)) return NotFound();
  json::object out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(out, LoadOne(s, actor, e, id, Action::kRead, false));
    return Ok();
  }));
  ShapeForActor(actor, e, out);
  return out;
}

Result<ListResult> RecordService::List(const Actor& actor, const meta::Entity& e, const ListQuery& q) {
  Action action = q.deleted ? Action::kDelete : Action::kRead;
  if (!access_.Allowed(actor, e, action)) return Forbidden();
  KEHU_TRY(CheckQueryFields(actor, e, q));
  Where where;
  where.And(q.deleted ? "t.deleted_at IS NOT NULL" : "t.deleted_at IS NULL");
  std::string read;
  if (q.brief) {
    KEHU_TRY(CheckBriefQuery(e, q));
    read = access_.Predicate(actor, e, Action::kRead, "t", where.params);
    where.And(read + " OR " + access_.Predicate(actor, e, Action::kBrief, "t", where.params));
  } else {
    read = access_.Predicate(actor, e, Action::kRead, "t", where.params);
    where.And(read);
  }
  if (q.deleted) where.And(access_.Predicate(actor, e, Action::kDelete, "t", where.params));
  if (q.also_require) {
    if (!access_.Allowed(actor, e, *q.also_require)) return Forbidden();
    where.And(access_.Predicate(actor, e, *q.also_require, "t", where.params));
  }
  for (const auto& f : q.filters) AddFilter(db_.dialect(), f, "t", where);
  const bool searching = q.q.find_first_not_of(" \t") != std::string::npos;
  if (searching && e.search_fields.empty()) return InvalidInput("not_searchable").Arg("entity", e.name);
  const text::SearchQuery sq = searching ? text::BuildSearchQuery(q.q) : text::SearchQuery{};
  // Every live record, no filter: the search side alone decides (see search_narrowing.h).
  const bool unrestricted = read == "1=1" && !q.deleted && !q.brief && !q.also_require && q.filters.empty();

  ListResult out;
  out.page = q.page;
  out.page_size = q.page_size;
  const FieldSet shown = ProjectedFields(e, q.fields);
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    Where page_where = where;
    std::optional<int64_t> known_total;
    int64_t page_offset = int64_t{q.page - 1} * q.page_size;
    bool sliced = false;  // the page's ids were picked here, in order
    bool ranked = false;  // ... in relevance tiers, newest first within each
    if (searching && sq.empty()) {
      page_where.And("1=0");  // only punctuation: matches nothing (a blank q is no search at all)
    } else if (searching) {
      KEHU_ASSIGN(NarrowedSearch narrowed, NarrowSearch(s, db_.dialect(), e, sq, where, unrestricted));
      known_total = narrowed.total;
      std::vector<int64_t>* ids = narrowed.ids ? &*narrowed.ids : nullptr;
      // Too many results to rank (global search for 科技: 100,000): ordered by id (newest first),
      // the page is a slice of the known results. Fewer keep exact and prefix title matches first.
      if (ids && ids->size() > kMaxNarrowedIds && q.sort.size() == 1 && q.sort[0].field->name == "id") {
        if (q.sort[0].descending) std::reverse(ids->begin(), ids->end());
        size_t from = std::min(ids->size(), static_cast<size_t>(q.page - 1) * q.page_size);
        *ids = std::vector<int64_t>(ids->begin() + from,
                                    ids->begin() + std::min(ids->size(), from + q.page_size));
        page_offset = 0;
        sliced = true;
      } else if (ids && ids->size() > kMaxRowsRanked && !q.explicit_sort && !q.deleted) {
        // Too many to rank row by row (科技): relevance tiers from the live titles' index, each
        // newest first (search_narrowing.h); ties in relevance then go by id, not updatedAt.
        KEHU_ASSIGN(auto page, RankedSearchPage(s, db_.dialect(), e, q.q, *ids, page_offset, q.page_size));
        if (page) {
          *ids = std::move(*page);
          page_offset = 0;
          ranked = true;
        }
      }
      if (ids && ids->size() <= kMaxNarrowedIds) {
        std::string in;
        for (int64_t id : *ids) {
          in += in.empty() ? "?" : ", ?";
          page_where.params.emplace_back(id);
        }
        page_where.And(in.empty() ? "1=0" : "t.id IN (" + in + ")");
      } else {
        page_where.And(db_.dialect().SearchPredicate(e.table, "t.id", sq.terms, sq.verify, page_where.params));
      }
    }
    std::string from = " FROM " + e.table + " t WHERE " + page_where.sql;
    std::vector<db::Value> page_params = page_where.params;
    std::string order = OrderBy(db_.dialect(), q.sort, "t");
    if (ranked) {
      order = RelevanceOrder(e, q.q, page_params) + ", t.id DESC";
    } else if (!q.explicit_sort && searching && !sliced) {
      order = RelevanceOrder(e, q.q, page_params) + ", " + order;
    }
    page_params.emplace_back(int64_t{q.page_size});
    page_params.emplace_back(page_offset);
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT " + SelectColumns(shown, "t") + from + " ORDER BY " + order +
                                           " LIMIT ? OFFSET ?",
                                       page_params));
    out.items.reserve(rows.size());
    for (const auto& r : rows.rows) out.items.push_back(RowToJson(shown, r));
    // A short first page is its own total; otherwise count (unless the search already did).
    if (known_total) {
      out.total = *known_total;
    } else if (!q.count || (q.page == 1 && static_cast<int>(rows.size()) < q.page_size)) {
      out.total = static_cast<int64_t>(rows.size());
    } else {
      KEHU_ASSIGN(db::Rows count, s.Query("SELECT COUNT(*)" + from, page_where.params));
      out.total = db::AsInt(count.rows[0][0]);
    }
    return AddDisplay(s, e, out.items);
  }));
  for (auto& item : out.items) {
    ShapeForActor(actor, e, item.as_object());
    if (q.brief) KeepBriefFields(e, item.as_object());
  }
  return out;
}

Result<ListResult> RecordService::ListRelated(const Actor& actor, const meta::Entity& parent,
                                              int64_t parent_id, const meta::Entity& child,
                                              ListQuery query) {
  const meta::Field* link = nullptr;
  for (const auto& [entity, field] : registry_->RelationsTo(parent.name))
    if (entity == &child) link = field;
  if (!link) return NotFound();
  KEHU_TRY(Get(actor, parent, parent_id));  // the parent must be visible
  Filter f;
  f.field = link;
  f.values.emplace_back(parent_id);
  query.filters.push_back(std::move(f));
  return List(actor, child, query);
}

Result<std::vector<SearchHit>> RecordService::Search(const Actor& actor, const std::string& q,
                                                     int per_entity) {
  std::vector<SearchHit> hits;
  if (text::BuildSearchQuery(q).empty()) return hits;
  for (const auto& e : registry_->entities()) {
    if (e.search_fields.empty() || !access_.Allowed(actor, e, Action::kRead)) continue;
    ListQuery lq;
    lq.q = q;
    lq.page_size = per_entity;
    lq.page = 1;
    lq.count = false;
    // Newest first by id: index order, where updatedAt would read and sort every hit (100k+ for
    // a common word in a million customers).
    lq.sort.push_back({e.FindField("id"), true});
    KEHU_ASSIGN(ListResult r, List(actor, e, lq));
    for (const auto& item : r.items) {
      const auto& o = item.as_object();
      SearchHit h;
      h.entity = e.name;
      h.id = o.at("id").as_int64();
      if (auto* t = o.if_contains(e.title_field); t && t->is_string()) h.title = t->as_string();
      // Subtitle: the first other search field with a value.
      for (const auto& name : e.search_fields) {
        auto* v = o.if_contains(name);
        if (name != e.title_field && v && v->is_string() && !v->as_string().empty()) {
          h.subtitle = v->as_string();
          break;
        }
      }
      hits.push_back(std::move(h));
    }
  }
  return hits;
}

// Adds "_display": {field: label} for relation and user fields, one query per target table: the
// owner, creator, editor and other user fields of a page share one.
Status RecordService::AddDisplay(db::Session& s, const meta::Entity& e, json::array& items) {
  struct Target {
    std::string table, title;
    std::vector<const meta::Field*> fields;
    std::set<int64_t> ids;
  };
  std::vector<Target> targets;
  for (const auto& f : e.fields) {
    if (f.type != meta::FieldType::kRelation && f.type != meta::FieldType::kUser) continue;
    std::string table = "users", title = "display_name";
    if (f.type == meta::FieldType::kRelation) {
      const meta::Entity* target = registry_->Find(f.target);
      table = target->table;
      title = target->FindField(target->title_field)->column;
    }
    auto t = std::find_if(targets.begin(), targets.end(), [&](const Target& x) { return x.table == table; });
    if (t == targets.end()) t = targets.insert(targets.end(), Target{table, title, {}, {}});
    t->fields.push_back(&f);
    for (const auto& item : items)
      if (auto* v = item.as_object().if_contains(f.name); v && v->is_int64()) t->ids.insert(v->as_int64());
  }
  for (const Target& t : targets) {
    if (t.ids.empty()) continue;
    std::string sql = "SELECT id, " + t.title + " FROM " + t.table + " WHERE id IN (";
    std::vector<db::Value> params;
    for (int64_t id : t.ids) {
      sql += params.empty() ? "?" : ", ?";
      params.emplace_back(id);
    }
    KEHU_ASSIGN(db::Rows rows, s.Query(sql + ")", params));
    std::map<int64_t, std::string> labels;
    for (const auto& r : rows.rows) labels[db::AsInt(r[0])] = db::AsText(r[1]);
    for (auto& item : items) {
      auto& o = item.as_object();
      for (const meta::Field* f : t.fields) {
        auto* v = o.if_contains(f->name);
        if (!v || !v->is_int64()) continue;
        auto it = labels.find(v->as_int64());
        if (it == labels.end()) continue;
        if (!o.contains("_display")) o["_display"] = json::object();
        o["_display"].as_object()[f->name] = it->second;
      }
    }
  }
  return Ok();
}

}  // namespace kehu::records
