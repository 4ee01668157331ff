#include "records/duplicates.h"

#include <boost/json.hpp>

#include <algorithm>

#include "core/text/company_name.h"

namespace kehu::records {
namespace json = boost::json;
using db::Value;

std::string DuplicateNameKey(std::string_view title) { return text::CompanyNameKey(title); }

Status SaveDuplicateNameKey(db::Session& s, const meta::Entity& e, const json::object& record,
                            const PreparedNameKey& prepared) {
  if (!e.ChecksDuplicateNames()) return Ok();
  const json::value& title = record.at(e.title_field);
  Value key = title.is_string() ? Value(prepared.Of(title.as_string())) : Value();
  KEHU_TRY(s.Execute("UPDATE " + e.table + " SET dup_name_key = ? WHERE id = ?", {key, Value(record.at("id").as_int64())}));
  return Ok();
}

namespace {

struct Condition {
  std::string field;
  std::string column;
  std::string value;
};

std::vector<Condition> Conditions(const meta::Entity& e, const DuplicateProbe& probe) {
  std::vector<Condition> out;
  for (const auto& name : e.duplicate_fields) {
    auto it = probe.values.find(name);
    if (it == probe.values.end() || it->second.empty()) continue;
    if (name == e.title_field) {
      std::string key = probe.name_key ? probe.name_key->Of(it->second) : DuplicateNameKey(it->second);
      if (!key.empty()) out.push_back({name, "dup_name_key", key});
    } else {
      out.push_back({name, e.FindField(name)->column, it->second});
    }
  }
  return out;
}

// Marks the candidates the actor may read, in SQL like every other visibility decision.
Status MarkVisible(db::Session& s, const AccessPolicy& access, const Actor& actor, const meta::Entity& e,
                   std::vector<DuplicateCandidate>& found) {
  if (found.empty()) return Ok();
  std::vector<Value> params;
  std::string in;
  for (const auto& c : found) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(c.id);
  }
  std::string predicate = access.Predicate(actor, e, Action::kRead, "t", params);
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT t.id FROM " + e.table + " t WHERE t.id IN (" + in + ") AND (" +
                                         predicate + ")",
                                     params));
  for (const auto& r : rows.rows)
    for (auto& c : found)
      if (c.id == db::AsInt(r[0])) c.visible = true;
  return Ok();
}

}  // namespace

Result<std::vector<DuplicateCandidate>> FindDuplicates(db::Session& s, const AccessPolicy& access,
                                                       const Actor& actor, const meta::Entity& e,
                                                       const DuplicateProbe& probe) {
  std::vector<Condition> conditions = Conditions(e, probe);
  std::vector<DuplicateCandidate> found;
  if (conditions.empty()) return found;
  std::string select = "t.id, t." + e.FindField(e.title_field)->column + ", " +
                       (e.owned ? "t.owner_id, u.display_name" : "NULL, NULL");
  for (const auto& c : conditions) select += ", t." + c.column;
  // One indexed lookup per field, united: an OR over several columns lets the planner fall back to
  // a scan (SQLite without statistics chose the deleted_at index and read every live row).
  std::string ids;
  std::vector<Value> params;
  for (const auto& c : conditions) {
    ids += (ids.empty() ? "SELECT id FROM " : " UNION SELECT id FROM ") + e.table + " WHERE " + c.column + " = ?";
    params.emplace_back(c.value);
  }
  params.emplace_back(probe.exclude_id);
  std::string sql = "SELECT " + select + " FROM " + e.table + " t" +
                    (e.owned ? " LEFT JOIN users u ON u.id = t.owner_id" : "") + " WHERE t.id IN (" + ids +
                    ") AND t.deleted_at IS NULL AND t.id <> ? ORDER BY t.id LIMIT " +
                    std::to_string(kMaxDuplicateCandidates);
  KEHU_ASSIGN(db::Rows rows, s.Query(sql, params));
  for (const auto& r : rows.rows) {
    DuplicateCandidate c{db::AsInt(r[0]), db::AsText(r[1]), db::AsInt(r[2]), db::AsText(r[3]), {}, false};
    for (size_t i = 0; i < conditions.size(); ++i)
      if (db::AsText(r[4 + i]) == conditions[i].value) c.matched_on.push_back(conditions[i].field);
    found.push_back(std::move(c));
  }
  KEHU_TRY(MarkVisible(s, access, actor, e, found));
  return found;
}

json::array DuplicatesJson(const std::vector<DuplicateCandidate>& candidates) {
  json::array out;
  for (const auto& c : candidates) {
    json::array matched;
    for (const auto& m : c.matched_on) matched.emplace_back(m);
    json::object o{{"title", c.title},
                   {"ownerId", c.owner_id ? json::value(c.owner_id) : json::value(nullptr)},
                   {"ownerName", c.owner_id ? json::value(c.owner_name) : json::value(nullptr)},
                   {"matchedOn", std::move(matched)}};
    if (c.visible) o["id"] = c.id;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace kehu::records
