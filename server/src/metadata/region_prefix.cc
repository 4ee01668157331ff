#include "metadata/region_prefix.h"

namespace kehu::meta {

IndexPart ParseIndexPart(const Entity& e, std::string_view spec) {
  auto dot = spec.find('.');
  if (dot == std::string_view::npos) return {e.FindField(spec), 0};
  const Field* f = e.FindField(spec.substr(0, dot));
  if (!f || f->type != FieldType::kRegion) return {};
  std::string_view part = spec.substr(dot + 1);
  if (part == "province") return {f, 2};
  if (part == "city") return {f, 4};
  return {};
}

std::string RegionPrefixExpr(std::string_view column_ref, int digits) {
  return "substr(" + std::string(column_ref) + ", 1, " + std::to_string(digits) + ")";
}

bool HasRegionPrefixIndex(const Entity& e, const Field& f, int digits) {
  for (const auto& idx : e.indexes)
    for (const auto& spec : idx) {
      IndexPart p = ParseIndexPart(e, spec);
      if (p.field == &f && p.prefix_digits == digits) return true;
    }
  return false;
}

}  // namespace kehu::meta
