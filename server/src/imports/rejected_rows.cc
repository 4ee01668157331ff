#include "imports/rejected_rows.h"

#include <regex>

#include "documents/xlsx_writer.h"

namespace kehu::imports {

namespace {

bool NeedsNeutralizing(const std::string& v) {
  if (v.empty() || std::string_view("=+-@").find(v[0]) == std::string_view::npos) return false;
  static const std::regex kNumber(R"(^[+-]?[\d,]+(\.\d+)?$)");
  return !std::regex_match(v, kNumber);
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += '"';
    if (NeedsNeutralizing(cells[i])) out += '\'';
    for (char c : cells[i]) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

}  // namespace

Result<std::string> WriteSheet(const std::string& format, const std::string& sheet_name,
                               const std::vector<std::string>& headers,
                               const std::vector<SheetRow>& rows) {
  if (format == "csv") {
    std::string out = "\xEF\xBB\xBF";
    AppendCsvRow(out, headers);
    for (const auto& r : rows) AppendCsvRow(out, r.cells);
    return out;
  }
  KEHU_ASSIGN(auto writer, documents::XlsxWriter::Create(sheet_name, headers));
  std::vector<documents::XlsxCell> cells;
  for (const auto& r : rows) {
    cells.clear();
    for (const auto& c : r.cells)
      cells.push_back(c.empty() ? documents::XlsxCell::Empty() : documents::XlsxCell::Text(c));
    KEHU_TRY(writer->AddRow(cells));
  }
  return writer->Finish();
}

}  // namespace kehu::imports
