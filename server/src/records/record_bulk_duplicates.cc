// BulkCreate::CheckDuplicates: 查重 for a whole batch (see record_bulk.h). Mirrors
// record_write.cc's CheckDuplicateWarnings and duplicates.cc's FindDuplicates: the same conditions
// (the company-name key for the title, the stored value for the other fields), the same candidates
// (live records, lowest ids first, at most kMaxDuplicateCandidates, the id only where readable), as
// one query per duplicate field and one visibility query for all candidates.
#include <boost/json.hpp>

#include <algorithm>

#include "records/bulk_ops.h"
#include "records/duplicates.h"
#include "records/record_bulk.h"

namespace kehu::records {
namespace json = boost::json;

namespace {

struct Condition {
  std::string field;
  std::string column;
  std::string value;
};

}  // namespace

const std::string& BulkCreate::NameKey(Pending& p) {
  if (!p.name_key) {
    auto title = p.values.find(e_.title_field);
    p.name_key = title == p.values.end() || db::IsNull(title->second.value)
                     ? std::string()
                     : DuplicateNameKey(db::AsText(title->second.value));
  }
  return *p.name_key;
}

namespace {

// duplicates.cc's Conditions() for one row's values; `name_key` gives the title's key.
std::vector<Condition> ConditionsOf(const meta::Entity& e, const std::map<std::string, StoredValue>& values,
                                    const std::function<std::string()>& name_key) {
  std::vector<Condition> out;
  for (const auto& name : e.duplicate_fields) {
    auto it = values.find(name);
    if (it == values.end() || db::IsNull(it->second.value)) continue;
    std::string text = db::AsText(it->second.value);
    if (text.empty()) continue;
    if (name == e.title_field) {
      std::string key = name_key();
      if (!key.empty()) out.push_back({name, "dup_name_key", key});
    } else {
      out.push_back({name, e.FindField(name)->column, text});
    }
  }
  return out;
}

// A candidate with the values of every duplicate column, to tell which conditions it matches.
struct Found {
  DuplicateCandidate c;
  std::map<std::string, std::string> columns;  // column -> value
};

}  // namespace

Status BulkCreate::CheckDuplicates() {
  if (e_.duplicate_fields.empty()) return Ok();
  std::vector<std::vector<Condition>> conditions(rows_.size());
  std::map<std::string, std::vector<db::Value>> probe;  // column -> values
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (!rows_[i].live) continue;
    conditions[i] = ConditionsOf(e_, rows_[i].values, [&] { return NameKey(rows_[i]); });
    for (const auto& c : conditions[i]) probe[c.column].emplace_back(c.value);
  }
  // Every live record matching any row on any column, with all its duplicate columns.
  std::vector<std::string> columns;
  for (const auto& [column, values] : probe) columns.push_back(column);
  std::string select = "SELECT t.id, t." + e_.FindField(e_.title_field)->column + ", " +
                       (e_.owned ? "t.owner_id, u.display_name" : "NULL, NULL");
  for (const auto& column : columns) select += ", t." + column;
  select += " FROM " + e_.table + " t" + (e_.owned ? " LEFT JOIN users u ON u.id = t.owner_id" : "") +
            " WHERE t.deleted_at IS NULL AND t.";
  std::map<int64_t, Found> found;
  std::map<std::string, std::map<std::string, std::vector<int64_t>>> by_value;  // column -> value -> ids
  for (const auto& [column, values] : probe) {
    std::vector<db::Value> unique = values;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (size_t start = 0; start < unique.size(); start += kMaxInList) {
      size_t end = std::min(unique.size(), start + kMaxInList);
      std::vector<db::Value> params(unique.begin() + start, unique.begin() + end);
      std::string sql = select + column + " IN (";
      for (size_t i = start; i < end; ++i) sql += i == start ? "?" : ", ?";
      KEHU_ASSIGN(db::Rows rows, s_.Query(sql + ")", params));
      for (const auto& r : rows.rows) {
        Found& f = found[db::AsInt(r[0])];
        f.c = DuplicateCandidate{db::AsInt(r[0]), db::AsText(r[1]), db::AsInt(r[2]), db::AsText(r[3]), {}, false};
        for (size_t k = 0; k < columns.size(); ++k) f.columns[columns[k]] = db::AsText(r[4 + k]);
      }
    }
  }
  for (auto& [id, f] : found)
    for (const auto& [column, value] : f.columns) by_value[column][value].push_back(id);
  // Visibility of every candidate at once (duplicates.cc's MarkVisible).
  std::vector<db::Value> ids;
  for (const auto& [id, f] : found) ids.emplace_back(id);
  KEHU_ASSIGN(auto visible, SelectExisting(s_, "SELECT t.id FROM " + e_.table + " t WHERE t.id", ids,
                                           [&](std::vector<db::Value>& params) {
                                             return "(" + access_.Predicate(actor_, e_, Action::kRead, "t",
                                                                                 params) + ")";
                                           }));
  // Earlier rows of the batch, as if created: column -> value -> candidates (no id yet).
  std::map<std::string, std::map<std::string, std::vector<size_t>>> earlier;
  for (size_t i = 0; i < rows_.size(); ++i) {
    Pending& p = rows_[i];
    if (!p.live || conditions[i].empty()) continue;
    std::set<int64_t> ids_hit;
    std::set<size_t> rows_hit;
    for (const auto& c : conditions[i]) {
      if (auto col = by_value.find(c.column); col != by_value.end())
        if (auto v = col->second.find(c.value); v != col->second.end()) ids_hit.insert(v->second.begin(), v->second.end());
      if (auto col = earlier.find(c.column); col != earlier.end())
        if (auto v = col->second.find(c.value); v != col->second.end()) rows_hit.insert(v->second.begin(), v->second.end());
    }
    std::vector<DuplicateCandidate> candidates;
    auto matched = [&](const std::function<std::string(const std::string&)>& column_value) {
      std::vector<std::string> on;
      for (const auto& c : conditions[i])
        if (column_value(c.column) == c.value) on.push_back(c.field);
      return on;
    };
    for (int64_t id : ids_hit) {  // ascending, as ORDER BY t.id
      if (candidates.size() >= static_cast<size_t>(kMaxDuplicateCandidates)) break;
      DuplicateCandidate c = found[id].c;
      c.matched_on = matched([&](const std::string& column) { return found[id].columns[column]; });
      c.visible = visible.count(std::to_string(id)) > 0;
      candidates.push_back(std::move(c));
    }
    for (size_t j : rows_hit) {
      if (candidates.size() >= static_cast<size_t>(kMaxDuplicateCandidates)) break;
      const Pending& q = rows_[j];
      if (!q.live) continue;
      auto owner = q.values.find("ownerId");
      int64_t owner_id = owner == q.values.end() ? 0 : db::AsInt(owner->second.value);
      auto title = q.values.find(e_.title_field);
      DuplicateCandidate c{0, title == q.values.end() ? "" : db::AsText(title->second.value), owner_id,
                           owner_id == actor_.user_id ? actor_.display_name : "", {}, false};
      c.matched_on = matched([&](const std::string& column) {
        for (const auto& qc : conditions[j])
          if (qc.column == column) return qc.value;
        return std::string();
      });
      candidates.push_back(std::move(c));
    }
    FieldErrors warnings;
    for (const auto& c : candidates)
      for (const auto& field : c.matched_on) warnings[field] = "duplicate";
    HookContext ctx{actor_, e_, s_, 0, p.values, nullptr, &p.confirmed};
    Status st = RequireConfirmation(ctx, warnings, {{"candidates", json::serialize(DuplicatesJson(candidates))}});
    if (!st.ok()) {
      Fail(p, std::move(st).error());
      continue;
    }
    if (!p.row.discard)
      for (const auto& c : conditions[i]) earlier[c.column][c.value].push_back(i);
  }
  return Ok();
}

}  // namespace kehu::records
