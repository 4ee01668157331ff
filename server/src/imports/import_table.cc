#include "imports/import_table.h"

#include <algorithm>

#include "documents/csv_reader.h"
#include "documents/text_decode.h"
#include "documents/xlsx_reader.h"

namespace kehu::imports {

namespace {

bool IsBlank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& c) {
    return c.find_first_not_of(" \t\r\n") == std::string::npos;
  });
}

Error TooManyRows(int64_t max) {
  return Error(ErrorKind::kPayloadTooLarge, "import_too_many_rows").Arg("max", std::to_string(max));
}

// Adds one row (header first) to the table; `number` is the row Excel shows.
Status Add(ImportTable& t, int64_t number, const std::vector<std::string>& cells,
           const ReadLimits& limits, bool& have_header) {
  if (IsBlank(cells)) return Ok();
  if (!have_header) {
    t.headers = cells;
    have_header = true;
    return Ok();
  }
  if (static_cast<int64_t>(t.size()) >= limits.max_rows) return TooManyRows(limits.max_rows);
  t.AddRow(number, cells);
  return Ok();
}

Status ReadCsvRows(ImportTable& t, std::string_view bytes, const ReadLimits& limits) {
  KEHU_ASSIGN(documents::DecodedText decoded, documents::DecodeText(bytes));
  t.format = "csv";
  t.encoding = decoded.encoding;
  bool have_header = false;
  // Excel shows a record with line breaks inside quotes as one row: count records, not lines,
  // but keep the blank lines the reader skips (Excel shows them as empty rows).
  int64_t embedded_breaks = 0;
  return documents::ReadCsv(decoded.text, {}, [&](const documents::CsvRow& row) -> Status {
    int64_t number = row.line - embedded_breaks;
    for (const auto& cell : row.fields)
      embedded_breaks += std::count(cell.begin(), cell.end(), '\n');
    return Add(t, number, row.fields, limits, have_header);
  });
}

Status ReadXlsxRows(ImportTable& t, std::string_view bytes, const ReadLimits& limits) {
  t.format = "xlsx";
  bool have_header = false;
  documents::XlsxReadOptions options;
  options.max_rows = limits.max_rows + 1;
  Status st = documents::ReadXlsx(bytes, options, [&](const documents::XlsxRow& row) {
    return Add(t, row.row, row.cells, limits, have_header);
  });
  if (!st.ok() && st.error().code == "xlsx_too_many_rows") return TooManyRows(limits.max_rows);
  return st;
}

}  // namespace

std::string_view ImportTable::Cell(size_t i, size_t col) const {
  const Row& r = rows_[i];
  if (col >= r.cells) return {};
  size_t k = r.first + col;
  size_t begin = k == 0 ? 0 : ends_[k - 1];
  return std::string_view(blob_).substr(begin, ends_[k] - begin);
}

void ImportTable::AddRow(int64_t number, const std::vector<std::string>& cells) {
  // Trailing empty cells carry nothing; dropping them keeps ragged CSV rows cheap.
  size_t n = cells.size();
  while (n > 0 && cells[n - 1].empty()) --n;
  rows_.push_back({number, ends_.size(), n});
  for (size_t c = 0; c < n; ++c) {
    blob_ += cells[c];
    ends_.push_back(blob_.size());
  }
}

Result<ImportTable> ReadImportFile(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.empty()) return Error(ErrorKind::kValidation, "import_empty");
  ImportTable t;
  bool zip = bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
  KEHU_TRY(zip ? ReadXlsxRows(t, bytes, limits) : ReadCsvRows(t, bytes, limits));
  if (t.headers.empty()) return Error(ErrorKind::kValidation, "import_empty");
  if (t.size() == 0) return Error(ErrorKind::kValidation, "import_no_rows");
  return t;
}

}  // namespace kehu::imports
