#include "records/record_sql.h"

#include <algorithm>

#include "metadata/region_prefix.h"
#include "records/codec.h"

namespace kehu::records {
namespace json = boost::json;

std::string SelectColumns(const meta::Entity& e, const std::string& alias) {
  return SelectColumns(ProjectedFields(e, {}), alias);
}

json::object RowToJson(const meta::Entity& e, const std::vector<db::Value>& row) {
  return RowToJson(ProjectedFields(e, {}), row);
}

FieldSet ProjectedFields(const meta::Entity& e, const FieldSet& requested) {
  FieldSet out;
  out.reserve(requested.empty() ? e.fields.size() : requested.size() + 2);
  for (const auto& f : e.fields)
    if (requested.empty() || f.name == "id" || f.name == "version" ||
        std::find(requested.begin(), requested.end(), &f) != requested.end())
      out.push_back(&f);
  return out;
}

std::string SelectColumns(const FieldSet& fields, const std::string& alias) {
  std::string out;
  for (const meta::Field* f : fields) {
    if (!out.empty()) out += ", ";
    out += alias + "." + f->column;
    if (auto suffix = f->CompanionSuffix(); !suffix.empty()) out += ", " + alias + "." + f->column + std::string(suffix);
  }
  out += ", " + alias + ".deleted_at, " + alias + ".deleted_by_id";
  return out;
}

json::object RowToJson(const FieldSet& fields, const std::vector<db::Value>& row) {
  json::object out(fields.size() + 2);  // sized once: growing it rehashed every key
  size_t i = 0;
  static const db::Value kNull;
  for (const meta::Field* f : fields) {
    const db::Value& v = row[i++];
    const db::Value& companion = f->CompanionSuffix().empty() ? kNull : row[i++];
    out[f->name] = EncodeOutput(*f, v, companion);
  }
  if (!db::IsNull(row[i])) {
    out["deletedAt"] = db::AsText(row[i]);
    out["deletedById"] = db::AsInt(row[i + 1]);
  }
  return out;
}

void AppendAssignments(const meta::Entity& e, const std::map<std::string, StoredValue>& values,
                       std::string& sets, std::vector<db::Value>& params) {
  for (const auto& [name, v] : values) {
    const meta::Field& f = *e.FindField(name);
    sets += ", " + f.column + " = ?";
    params.push_back(v.value);
    if (auto suffix = f.CompanionSuffix(); !suffix.empty()) {
      sets += ", " + f.column + std::string(suffix) + " = ?";
      params.push_back(v.companion);
    }
  }
}

std::string RelevanceOrder(const meta::Entity& e, const std::string& q, std::vector<db::Value>& params) {
  std::string text = q.substr(q.find_first_not_of(" \t"));
  text = text.substr(0, text.find_last_not_of(" \t") + 1);
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::string col = "LOWER(t." + e.FindField(e.title_field)->column + ")";
  params.emplace_back(text);
  params.emplace_back(EscapeLike(text) + "%");
  return "CASE WHEN " + col + " = ? THEN 0 WHEN " + col + " LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END";
}

std::string EscapeLike(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

namespace {

// For a region filter by a prefix of digits, the smallest string above every code with that
// prefix ("44" → "45", "49" → "5"); empty when there is none ("99") or it is not such a filter.
std::string DigitPrefixUpperBound(const Filter& f) {
  if (f.field->type != meta::FieldType::kRegion || !std::holds_alternative<std::string>(f.values[0])) return "";
  std::string upper = db::AsText(f.values[0]);
  if (upper.empty() || upper.find_first_not_of("0123456789") != std::string::npos) return "";
  while (!upper.empty() && upper.back() == '9') upper.pop_back();
  if (!upper.empty()) ++upper.back();
  return upper;
}

}  // namespace

void AddFilter(const db::Dialect& d, const Filter& f, const std::string& alias, Where& where) {
  std::string col = alias + "." + f.field->column;
  auto& p = where.params;
  bool multi = f.field->type == meta::FieldType::kMultiEnum;
  // Multi-enum values are stored as a JSON array of strings: match the quoted element.
  auto multi_like = [&](const db::Value& v) {
    p.emplace_back("%" + EscapeLike("\"" + db::AsText(v) + "\"") + "%");
    return col + " LIKE ? ESCAPE '\\'";
  };
  switch (f.op) {
    case FilterOp::kEq:
      if (multi) return where.And(multi_like(f.values[0]));
      p.push_back(f.values[0]);
      return where.And(col + " = ?");
    case FilterOp::kNe:
      if (multi) return where.And("NOT (" + multi_like(f.values[0]) + ") OR " + col + " IS NULL");
      p.push_back(f.values[0]);
      return where.And(col + " <> ? OR " + col + " IS NULL");
    case FilterOp::kLt: p.push_back(f.values[0]); return where.And(col + " < ?");
    case FilterOp::kLte: p.push_back(f.values[0]); return where.And(col + " <= ?");
    case FilterOp::kGt: p.push_back(f.values[0]); return where.And(col + " > ?");
    case FilterOp::kGte: p.push_back(f.values[0]); return where.And(col + " >= ?");
    case FilterOp::kContains:
      p.emplace_back("%" + EscapeLike(db::AsText(f.values[0])) + "%");
      return where.And(col + " " + d.CaseInsensitiveLike() + " ? ESCAPE '\\'");
    case FilterOp::kStartsWith:
      if (f.indexed_prefix) {
        // The province or city as the very expression its index is built on: the same rows as
        // the range below, but the index then also gives the order within them (e.g. by name).
        p.push_back(f.values[0]);
        return where.And(meta::RegionPrefixExpr(col, f.indexed_prefix) + " = ?");
      }
      if (auto upper = DigitPrefixUpperBound(f); !upper.empty()) {
        // A region code prefix (44 = 广东省) as a range the (…, region, …) indexes can seek.
        p.push_back(f.values[0]);
        p.emplace_back(std::move(upper));
        return where.And(col + " >= ? AND " + col + " < ?");
      }
      p.emplace_back(EscapeLike(db::AsText(f.values[0])) + "%");
      return where.And(col + " " + d.CaseInsensitiveLike() + " ? ESCAPE '\\'");
    case FilterOp::kIn: {
      std::string any;
      for (const auto& v : f.values) {
        if (!any.empty()) any += " OR ";
        if (multi) {
          any += multi_like(v);
        } else {
          p.push_back(v);
          any += col + " = ?";
        }
      }
      return where.And(any);
    }
    case FilterOp::kIsNull:
      return where.And(col + (db::AsInt(f.values[0]) ? " IS NULL" : " IS NOT NULL"));
  }
}

std::string OrderBy(const db::Dialect& d, const std::vector<SortKey>& sort, const std::string& alias) {
  std::string out;
  bool has_id = false;
  for (const auto& k : sort) {
    if (!out.empty()) out += ", ";
    out += alias + "." + k.field->column + (k.descending ? " DESC" : " ASC") + d.NullsOrder(k.descending);
    has_id = has_id || k.field->name == "id";
  }
  if (!has_id) out += std::string(out.empty() ? "" : ", ") + alias + ".id" +
                      (sort.empty() || !sort.back().descending ? " ASC" : " DESC");
  return out;
}

}  // namespace kehu::records
