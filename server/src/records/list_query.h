// The list parameters of API.md (paging, sorting, filters, q) parsed and checked against an
// entity's metadata. Anything unknown is a 400 naming it; values are typed per field.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "db/value.h"
#include "metadata/entity.h"
#include "records/access.h"

namespace kehu::records {

enum class FilterOp { kEq, kNe, kLt, kLte, kGt, kGte, kContains, kStartsWith, kIn, kIsNull };

struct Filter {
  const meta::Field* field = nullptr;
  FilterOp op = FilterOp::kEq;
  std::vector<db::Value> values;  // one value; several for kIn; for kIsNull: 1 = IS NULL, 0 = NOT NULL
  // kStartsWith on a region field by its province (2) or city (4) digits, where the entity has
  // an index on that prefix (metadata/region_prefix.h): compared as the indexed expression.
  int indexed_prefix = 0;
};

struct SortKey {
  const meta::Field* field = nullptr;
  bool descending = false;
};

struct ListQuery {
  int page = 1;
  int page_size = 50;
  std::vector<SortKey> sort;
  // False when `sort` is the entity's default: with q=, exact and prefix title matches then come first.
  bool explicit_sort = false;
  std::vector<Filter> filters;
  std::string q;
  bool deleted = false;  // the recycle bin instead of live records
  // Besides being readable, rows must be in the scope of this action (export, print, ...).
  std::optional<Action> also_require;
  // ?view=brief: records in the read or the brief scope, with only the entity's brief fields.
  bool brief = false;
  // False when the caller does not need `total` (global search): no second, counting query.
  bool count = true;
  // ?fields=: each item carries only these fields (and id, version); empty = every field.
  std::vector<const meta::Field*> fields;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// ?fields=name,ownerId: the fields a list page needs (its columns). An unknown name is a 400.
// Endpoints that return whole records (export, print) do not take it.
Result<std::vector<const meta::Field*>> ParseFieldList(const meta::Entity& entity, const QueryParams& params);

// `ignored` names extra parameters an endpoint consumes itself (e.g. "format" for export).
Result<ListQuery> ParseListQuery(const meta::Entity& entity, const QueryParams& params,
                                 const std::vector<std::string>& ignored = {});

}  // namespace kehu::records
