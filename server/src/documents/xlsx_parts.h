// The workbook-level parts of an XLSX file the sheet reader needs: which part is the first sheet,
// the shared strings, which cell styles are dates, and the date system.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "documents/xlsx_zip.h"

namespace kehu::documents {

struct XlsxWorkbookInfo {
  std::string first_sheet_part;  // e.g. "xl/worksheets/sheet1.xml"
  std::vector<std::string> shared_strings;
  std::vector<bool> date_styles;  // by cell style index (the "s" attribute of a cell)
  bool date1904 = false;
};

// Follows _rels/.rels → the workbook → its relationships to the first sheet, shared strings and
// styles (the last two are optional). Errors: "not_xlsx" when there is no workbook or sheet, and
// those of ParseXmlPart.
Result<XlsxWorkbookInfo> LoadWorkbookInfo(ZipReader& zip, uint64_t& budget);

// "xl/worksheets/sheet1.xml" from a relationship target relative to `base_dir` ("xl/"), or an
// absolute one ("/xl/worksheets/sheet1.xml"); resolves "./" and "../".
std::string ResolvePartName(const std::string& base_dir, const std::string& target);

}  // namespace kehu::documents
