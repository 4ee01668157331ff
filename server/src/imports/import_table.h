// An uploaded import file read into memory as text rows: XLSX when the bytes start with a ZIP
// signature (Content-Type is not trusted), otherwise CSV in UTF-8 (with or without BOM), GB18030/GBK,
// Big5 or UTF-16 (documents::DecodeText). Cells are kept in one buffer, so 100,000 rows cost about
// the file's own size plus 8 bytes a cell.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kehu::imports {

class ImportTable {
 public:
  std::vector<std::string> headers;
  std::string format;    // "csv" or "xlsx"
  std::string encoding;  // CSV only: "UTF-8", "GB18030", "Big5", ...

  size_t size() const { return rows_.size(); }
  // The row number Excel shows for data row i (the header row is 1 when it is the first row).
  int64_t RowNumber(size_t i) const { return rows_[i].number; }
  size_t CellCount(size_t i) const { return rows_[i].cells; }
  // "" past the row's last cell.
  std::string_view Cell(size_t i, size_t col) const;

  void AddRow(int64_t number, const std::vector<std::string>& cells);

 private:
  struct Row {
    int64_t number;
    size_t first;  // index into ends_
    size_t cells;
  };
  std::string blob_;
  std::vector<size_t> ends_;  // end offset of every cell in blob_
  std::vector<Row> rows_;
};

struct ReadLimits {
  int64_t max_rows = 1'000'000;  // data rows
};

// Reads the first non-blank row as the header and every later non-blank row as data.
// Errors:
//   400 the documents library's codes (unknown_encoding, csv_unterminated_quote with arg "row",
//       csv_field_too_large, csv_too_many_columns, not_xlsx, xlsx_malformed) and 413
//       xlsx_too_large (zip bomb guard);
//   413 import_too_many_rows (arg "max");
//   422 import_empty (no bytes, or nothing but blank rows), import_no_rows (a header only).
Result<ImportTable> ReadImportFile(std::string_view bytes, const ReadLimits& limits = {});

}  // namespace kehu::imports
