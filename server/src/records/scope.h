// Data scopes of a grant (DESIGN.md §2), ordered from narrowest to widest: with several roles the
// widest wins. 本人 own / 本人及下属 own_and_reports / 本部门 department / 本部门及下属部门
// department_tree / 全部 all.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace kehu::records {

enum class Scope { kNone, kOwn, kOwnAndReports, kDepartment, kDepartmentTree, kAll };

inline constexpr std::array<std::string_view, 6> kScopeNames = {
    "none", "own", "own_and_reports", "department", "department_tree", "all"};
// "brief": list records beyond the read scope showing only their brief fields (业务员's progress
// overview of others' customers, when an admin grants it).
inline constexpr std::array<std::string_view, 9> kActionNames = {
    "create", "read", "edit", "delete", "export", "print", "import", "assign", "brief"};

inline std::string_view ScopeName(Scope s) { return kScopeNames[static_cast<size_t>(s)]; }
inline std::optional<Scope> ParseScope(std::string_view name) {
  for (size_t i = 0; i < kScopeNames.size(); ++i)
    if (kScopeNames[i] == name) return static_cast<Scope>(i);
  return std::nullopt;
}
inline bool IsActionName(std::string_view name) {
  for (auto a : kActionNames)
    if (a == name) return true;
  return false;
}

// Field rules of a role, least to most permissive; the most permissive over the user's roles wins.
enum class FieldRule { kHidden, kMasked, kReadOnly, kEditable };
inline constexpr std::array<std::string_view, 4> kFieldRuleNames = {"hidden", "masked", "readonly", "editable"};
inline std::string_view FieldRuleName(FieldRule r) { return kFieldRuleNames[static_cast<size_t>(r)]; }
inline std::optional<FieldRule> ParseFieldRule(std::string_view name) {
  for (size_t i = 0; i < kFieldRuleNames.size(); ++i)
    if (kFieldRuleNames[i] == name) return static_cast<FieldRule>(i);
  return std::nullopt;
}

}  // namespace kehu::records
