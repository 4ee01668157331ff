#include "documents/table_csv.h"

namespace kehu::documents {

void AppendCsvCell(std::string& out, std::string_view v, bool first) {
  if (!first) out += ',';
  out += '"';
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) out += '\'';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

namespace {

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) AppendCsvCell(out, cells[i], i == 0);
  out += "\r\n";
}

}  // namespace

std::string TableToCsv(const std::vector<std::string>& headers,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  AppendRow(out, headers);
  for (const auto& row : rows) AppendRow(out, row);
  return out;
}

}  // namespace kehu::documents
