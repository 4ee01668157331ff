// Reads the first worksheet of an .xlsx file held in memory, row by row, as text: what a person
// sees in Excel, so an import can treat CSV and XLSX alike.
//
// Cell values as text: shared and inline strings (rich-text runs joined, phonetic runs dropped,
// _xHHHH_ escapes undone); numbers via NormalizeNumberText ("13812345678" stays exact); numbers
// with a date or time format as ISO text ("2026-05-01", "2026-05-01 13:45:00", "13:45:00");
// booleans "TRUE"/"FALSE"; error values as shown ("#N/A"); formula cells as their cached value.
// Gaps are filled: cells A1 and C1 give {"a", "", "c"}. Trailing empty cells are dropped, and
// rows without any value are not reported.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kehu::documents {

struct XlsxReadOptions {
  // Bytes inflated from the archive, all parts together: the zip-bomb guard.
  uint64_t max_uncompressed_bytes = 200ull * 1024 * 1024;
  int64_t max_rows = 1'000'000;  // rows with values, header included
};

struct XlsxRow {
  int64_t row = 0;  // the sheet's row number (1-based), as Excel shows it
  std::vector<std::string> cells;
};

// Calls `fn` for every row with a value, in sheet order; stops at `fn`'s first error.
// Errors:
//   kInvalidInput "not_xlsx"        not a ZIP, or a ZIP without a workbook (e.g. a .docx);
//   kInvalidInput "xlsx_malformed"  broken XML, a missing part, a bad shared-string index;
//   kPayloadTooLarge "xlsx_too_large"      more than max_uncompressed_bytes would be inflated;
//   kPayloadTooLarge "xlsx_too_many_rows"  more than max_rows rows with values (arg "max").
Status ReadXlsx(std::string_view bytes, const XlsxReadOptions& options,
                const std::function<Status(const XlsxRow&)>& fn);

}  // namespace kehu::documents
