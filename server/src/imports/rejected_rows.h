// Spreadsheets an import hands out: the template (header row only) and the rejected rows, whose
// first column is the reason and the others the row as uploaded (CHINA.md "Files people
// exchange"). Fixed and uploaded again, the reason column matches no field and is ignored.
// CSV is UTF-8 with BOM; XLSX keeps every cell as text (long digit strings stay exact).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace kehu::imports {

struct SheetRow {
  std::vector<std::string> cells;
};

// `format` is "csv" or "xlsx". In CSV a cell starting with = + - @ that is not a number gets a
// leading apostrophe, so a spreadsheet never runs it as a formula.
Result<std::string> WriteSheet(const std::string& format, const std::string& sheet_name,
                               const std::vector<std::string>& headers,
                               const std::vector<SheetRow>& rows);

}  // namespace kehu::imports
