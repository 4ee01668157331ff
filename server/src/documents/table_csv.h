// A header row and rows as CSV the way Chinese Excel opens it ("CSV UTF-8"): UTF-8 with BOM, CRLF
// line ends, every cell quoted, and a leading = + - @ neutralized with an apostrophe so a
// spreadsheet never runs a cell as a formula (the same rules as the record export).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kehu::documents {

// Appends one cell (comma first unless it is the row's first) under the rules above.
void AppendCsvCell(std::string& out, std::string_view value, bool first);

std::string TableToCsv(const std::vector<std::string>& headers,
                       const std::vector<std::vector<std::string>>& rows);

}  // namespace kehu::documents
