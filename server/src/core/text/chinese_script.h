// Converting Chinese text between the simplified and traditional scripts with OpenCC (display
// text such as option labels; search keys use Fold()). Thread-safe: OpenCC converters are
// thread-safe once built, and each is built on first use.
#pragma once

#include <string>
#include <string_view>

namespace kehu::text {

// Simplified → traditional as written in Taiwan, with Taiwan's words (OpenCC s2twp): 客户类别 →
// 客戶類別, 软件 → 軟體.
// Invalid UTF-8, text without CJK, or missing OpenCC data: returned unchanged.
std::string ToTraditional(std::string_view s);

// Traditional → simplified (OpenCC t2s): 臺灣 → 台湾. Same fallbacks.
std::string ToSimplified(std::string_view s);

// True when both converters loaded (a start-up check).
bool ChineseScriptReady();

namespace internal {
// ToSimplified without its shortcut for text no dictionary entry starts in (for tests).
std::string ToSimplifiedByDictionary(std::string_view s);
}  // namespace internal

}  // namespace kehu::text
