// Province and city of a region field in metadata indexes. A GB/T 2260 code's first 2 digits name
// its province and the first 4 its city, so "region.province" and "region.city" in an entity's
// "indexes" mean the expression substr(region, 1, 2) (or 4). Schema sync builds expression indexes
// over it, and a list filter region[startsWith]=<2 or 4 digits> on such an entity is written as
// the identical expression: both SQLite and PostgreSQL match an expression index only to the same
// expression, and then give name order within (category, province) straight from the index.
#pragma once

#include <string>
#include <string_view>

#include "metadata/entity.h"

namespace kehu::meta {

// One element of a metadata index: a field, or the first `prefix_digits` characters of a region
// field's code.
struct IndexPart {
  const Field* field = nullptr;  // null: `spec` names nothing valid
  int prefix_digits = 0;         // 0 = the whole column; 2 = province, 4 = city
};

// "name" → {name, 0}; "region.province" → {region, 2}; "region.city" → {region, 4}. A suffix on
// a field that is not a region, or an unknown suffix, gives a null field.
IndexPart ParseIndexPart(const Entity& e, std::string_view spec);

// "substr(<column_ref>, 1, <digits>)": one spelling for DDL and queries.
std::string RegionPrefixExpr(std::string_view column_ref, int digits);

// Whether one of `e`'s indexes has the `digits`-character prefix of region field `f`.
bool HasRegionPrefixIndex(const Entity& e, const Field& f, int digits);

}  // namespace kehu::meta
