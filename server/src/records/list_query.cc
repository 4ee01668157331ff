#include "records/list_query.h"

#include <charconv>
#include <string_view>
#include <vector>

#include "metadata/region_prefix.h"
#include "records/codec.h"

namespace kehu::records {
namespace {

struct OpName {
  std::string_view name;
  FilterOp op;
};
constexpr OpName kOps[] = {
    {"eq", FilterOp::kEq},       {"ne", FilterOp::kNe},         {"lt", FilterOp::kLt},
    {"lte", FilterOp::kLte},     {"gt", FilterOp::kGt},         {"gte", FilterOp::kGte},
    {"contains", FilterOp::kContains}, {"startsWith", FilterOp::kStartsWith},
    {"in", FilterOp::kIn},       {"isNull", FilterOp::kIsNull},
};

Result<int> ParseInt(std::string_view raw, const char* name, int lo, int hi) {
  int v = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || p != raw.data() + raw.size() || v < lo || v > hi)
    return InvalidInput("bad_parameter").Arg("parameter", name);
  return v;
}

// "a,b,,c" → {"a", "b", "", "c"}: the parts of a comma list (sort, in, fields), empty ones kept.
std::vector<std::string_view> CommaParts(std::string_view raw) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t comma = raw.find(',', start);
    parts.push_back(raw.substr(start, comma == std::string_view::npos ? raw.npos : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

Status ParseSort(const meta::Entity& e, std::string_view raw, std::vector<SortKey>& out) {
  for (std::string_view part : CommaParts(raw)) {
    SortKey key;
    if (part.starts_with('-')) {
      key.descending = true;
      part.remove_prefix(1);
    }
    key.field = e.FindField(part);
    if (!key.field || key.field->type == meta::FieldType::kMultiEnum)
      return InvalidInput("unknown_sort_field").Arg("field", std::string(part));
    out.push_back(key);
  }
  return Ok();
}

Result<Filter> ParseFilter(const meta::Entity& e, const std::string& key, const std::string& raw) {
  std::string name = key;
  std::string op_name = "eq";
  if (auto open = key.find('['); open != std::string::npos) {
    if (key.back() != ']') return InvalidInput("unknown_parameter").Arg("parameter", key);
    name = key.substr(0, open);
    op_name = key.substr(open + 1, key.size() - open - 2);
  }
  Filter f;
  f.field = e.FindField(name);
  if (!f.field) return InvalidInput("unknown_field").Arg("field", name);
  const OpName* op = nullptr;
  for (const auto& candidate : kOps)
    if (candidate.name == op_name) op = &candidate;
  if (!op) return InvalidInput("unknown_operator").Arg("operator", op_name).Arg("field", name);
  f.op = op->op;
  bool textual = f.field->IsTextual();
  // A region prefix selects a province (2 digits) or city (4) with everything below it.
  bool prefix_ok = textual || f.field->type == meta::FieldType::kRegion;
  if ((f.op == FilterOp::kContains && !textual) || (f.op == FilterOp::kStartsWith && !prefix_ok))
    return InvalidInput("operator_not_supported").Arg("operator", op_name).Arg("field", name);
  if (f.op == FilterOp::kIsNull) {
    if (raw != "true" && raw != "false") return InvalidInput("bad_filter_value").Arg("field", name);
    f.values.emplace_back(int64_t{raw == "true" ? 1 : 0});
    return f;
  }
  if (f.op == FilterOp::kIn) {
    for (std::string_view part : CommaParts(raw)) {
      KEHU_ASSIGN(db::Value v, DecodeFilterValue(*f.field, part));
      f.values.push_back(std::move(v));
    }
    if (f.values.size() > 1000) return InvalidInput("bad_filter_value").Arg("field", name);
    return f;
  }
  if ((f.op == FilterOp::kContains || f.op == FilterOp::kStartsWith) && textual) {
    f.values.emplace_back(raw);
    return f;
  }
  KEHU_ASSIGN(db::Value v, DecodeFilterValue(*f.field, raw));
  f.values.push_back(std::move(v));
  if (f.op == FilterOp::kStartsWith && (raw.size() == 2 || raw.size() == 4) &&
      meta::HasRegionPrefixIndex(e, *f.field, static_cast<int>(raw.size())))
    f.indexed_prefix = static_cast<int>(raw.size());
  return f;
}

}  // namespace

Result<std::vector<const meta::Field*>> ParseFieldList(const meta::Entity& entity, const QueryParams& params) {
  std::vector<const meta::Field*> out;
  for (const auto& [key, raw] : params) {
    if (key != "fields") continue;
    if (!out.empty()) return InvalidInput("bad_parameter").Arg("parameter", "fields");
    for (std::string_view name : CommaParts(raw)) {
      const meta::Field* f = entity.FindField(name);
      if (!f) return InvalidInput("unknown_field").Arg("field", std::string(name));
      out.push_back(f);
    }
  }
  return out;
}

Result<ListQuery> ParseListQuery(const meta::Entity& entity, const QueryParams& params,
                                 const std::vector<std::string>& ignored) {
  ListQuery q;
  for (const auto& [key, value] : params) {
    if (key == "page") {
      KEHU_ASSIGN(q.page, ParseInt(value, "page", 1, 1000000));
    } else if (key == "pageSize") {
      KEHU_ASSIGN(q.page_size, ParseInt(value, "pageSize", 1, 200));
    } else if (key == "sort") {
      KEHU_TRY(ParseSort(entity, value, q.sort));
      q.explicit_sort = true;
    } else if (key == "q") {
      q.q = value;
    } else if (key == "view") {
      if (value != "brief" && value != "full") return InvalidInput("bad_parameter").Arg("parameter", "view");
      q.brief = value == "brief";
    } else if (key == "deleted") {
      if (value != "true" && value != "false") return InvalidInput("bad_parameter").Arg("parameter", "deleted");
      q.deleted = value == "true";
    } else if (std::find(ignored.begin(), ignored.end(), key) != ignored.end()) {
      continue;
    } else {
      KEHU_ASSIGN(Filter f, ParseFilter(entity, key, value));
      q.filters.push_back(std::move(f));
    }
  }
  if (q.sort.empty()) KEHU_TRY(ParseSort(entity, entity.default_sort, q.sort));
  return q;
}

}  // namespace kehu::records
