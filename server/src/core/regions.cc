#include "core/regions.h"

#include <algorithm>

namespace kehu::regions {

std::optional<std::string_view> NameOf(std::string_view code) {
  const Entry* begin = data::kEntries;
  const Entry* end = data::kEntries + data::kEntryCount;
  const Entry* it = std::lower_bound(begin, end, code,
                                     [](const Entry& e, std::string_view c) { return std::string_view(e.code) < c; });
  if (it == end || std::string_view(it->code) != code) return std::nullopt;
  return std::string_view(it->name);
}

std::string ParentOf(std::string_view code) {
  if (code.size() == 9) return std::string(code.substr(0, 6));
  if (code.size() != 6) return "";
  if (code.substr(4) != "00") return std::string(code.substr(0, 4)) + "00";
  if (code.substr(2) != "0000") return std::string(code.substr(0, 2)) + "0000";
  return "";
}

std::optional<std::vector<std::string>> PathOf(std::string_view code) {
  std::vector<std::string> names;
  for (std::string c(code); !c.empty(); c = ParentOf(c)) {
    auto name = NameOf(c);
    if (!name) return std::nullopt;
    names.emplace_back(*name);
  }
  if (names.empty()) return std::nullopt;
  std::reverse(names.begin(), names.end());
  return names;
}

}  // namespace kehu::regions
