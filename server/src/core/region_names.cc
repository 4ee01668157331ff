// regions::CodeOfNames: names as people type them in a spreadsheet, back to a division code.
#include <map>
#include <set>

#include "core/regions.h"

namespace kehu::regions {
namespace {

// Children of every code ("" = the provinces), in code order.
using ChildIndex = std::map<std::string, std::vector<const Entry*>, std::less<>>;

const ChildIndex& Children() {
  static const ChildIndex index = [] {
    ChildIndex out;
    for (size_t i = 0; i < data::kEntryCount; ++i)
      out[ParentOf(data::kEntries[i].code)].push_back(&data::kEntries[i]);
    return out;
  }();
  return index;
}

// Levels that exist in the table but not in how people write addresses: 北京市市辖区朝阳区 is
// written 北京市朝阳区.
bool IsTransparent(std::string_view name) {
  return name == "市辖区" || name == "县" || name == "省直辖县级行政区划" ||
         name == "自治区直辖县级行政区划";
}

// The name in full and without its administrative suffix (广东省 → 广东, 南山区 → 南山), when
// at least two characters remain.
std::vector<std::string_view> Forms(std::string_view name) {
  static constexpr std::string_view kSuffixes[] = {
      "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
      "自治旗", "地区", "林区", "省", "市", "区", "县", "旗", "盟"};
  std::vector<std::string_view> forms{name};
  for (std::string_view suffix : kSuffixes) {
    if (name.size() >= suffix.size() + 6 && name.ends_with(suffix)) {
      forms.push_back(name.substr(0, name.size() - suffix.size()));
      break;
    }
  }
  return forms;
}

// Every code whose names, from below `parent`, spell out `rest` completely.
void Match(const std::string& parent, std::string_view rest, std::set<std::string>& found,
           int depth) {
  if (depth > 6) return;
  auto it = Children().find(parent);
  if (it == Children().end()) return;
  for (const Entry* child : it->second) {
    std::string_view name(child->name);
    if (IsTransparent(name)) Match(child->code, rest, found, depth + 1);
    for (std::string_view form : Forms(name)) {
      if (!rest.starts_with(form)) continue;
      std::string_view after = rest.substr(form.size());
      if (after.empty()) found.insert(child->code);
      else Match(child->code, after, found, depth + 1);
    }
  }
}

std::string WithoutSeparators(std::string_view text) {
  static constexpr std::string_view kSeparators[] = {" ", "\t", "/", ",", "-", "　", "，", "、",
                                                     "／", "－"};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool skipped = false;
    for (std::string_view sep : kSeparators) {
      if (text.substr(i).starts_with(sep)) {
        i += sep.size();
        skipped = true;
        break;
      }
    }
    if (!skipped) out += text[i++];
  }
  return out;
}

}  // namespace

std::optional<std::string> CodeOfNames(std::string_view text) {
  std::string rest = WithoutSeparators(text);
  if (rest.empty()) return std::nullopt;
  std::set<std::string> found;
  Match("", rest, found, 0);
  if (found.size() != 1) return std::nullopt;
  return *found.begin();
}

}  // namespace kehu::regions
