#include "documents/postal_address.h"

namespace kehu::documents {

namespace {

bool IsPlaceholder(std::string_view name) {
  return name == "市辖区" || name == "县" || name.ends_with("直辖县级行政区划");
}

// "北京市" → "北京", "广西壮族自治区" → "广西壮族": what people often write instead. Only for
// provinces and cities; short county names ("朝阳") would match street names ("朝阳路").
std::string_view ShortName(std::string_view name) {
  for (std::string_view suffix : {"自治区", "自治州", "特别行政区", "省", "市", "地区", "盟"}) {
    if (name.ends_with(suffix) && name.size() - suffix.size() >= 6)  // 2+ CJK characters left
      return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

}  // namespace

std::string FullPostalAddress(const std::vector<std::string>& region_names,
                              std::string_view address) {
  struct Level {
    std::string_view name;
    bool may_shorten;
  };
  std::vector<Level> levels;
  for (size_t i = 0; i < region_names.size(); ++i)
    if (!region_names[i].empty() && !IsPlaceholder(region_names[i]))
      levels.push_back({region_names[i], i < 2});

  // The first level the address already starts with: keep the levels above it only.
  size_t keep = levels.size();
  for (size_t i = 0; i < levels.size() && keep == levels.size(); ++i) {
    if (address.starts_with(levels[i].name) ||
        (levels[i].may_shorten && address.starts_with(ShortName(levels[i].name))))
      keep = i;
  }
  std::string out;
  for (size_t i = 0; i < keep; ++i) out += levels[i].name;
  out += address;
  return out;
}

}  // namespace kehu::documents
