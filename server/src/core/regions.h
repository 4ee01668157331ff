// China's administrative divisions, GB/T 2260 style: 6-digit codes for provinces (110000), cities
// (110100) and counties (110105), plus 9-digit townships where a city has no districts
// (441900003 东城街道 under 东莞市). The table is generated at build time from the npm package the
// UI's cascader uses, so server and browser agree on every code. Thread-safe (read-only data).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kehu::regions {

struct Entry {
  const char* code;
  const char* name;
};

namespace data {
extern const Entry kEntries[];  // sorted by code
extern const size_t kEntryCount;
}  // namespace data

// The name of one code, or nullopt when the code is unknown.
std::optional<std::string_view> NameOf(std::string_view code);

// Names from the province down to `code` (["北京市", "市辖区", "朝阳区"] for 110105), or nullopt
// when the code or one of its parents is unknown.
std::optional<std::vector<std::string>> PathOf(std::string_view code);

// The code one level up ("110105" → "110100" → "110000" → ""); 9-digit townships go to their
// 6-digit city. Does not check that either code exists.
std::string ParentOf(std::string_view code);

// The code a person means by writing a region's names from the province down, as in a spreadsheet:
// "广东省/深圳市/南山区", "广东省深圳市南山区", "广东 深圳 南山", "北京市朝阳区" (the 市辖区 level may
// be left out or written), "北京市/市辖区/朝阳区" (as exported). Separators (spaces, / , ， 、 -)
// are optional; each name may be written in full or without its suffix (省, 市, 区, 县, 自治区,
// ...). The deepest level written wins ("广东省深圳市" → 440300). Returns nullopt when nothing
// matches the whole text, or when it matches more than one code.
std::optional<std::string> CodeOfNames(std::string_view text);

}  // namespace kehu::regions
