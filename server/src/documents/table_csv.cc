#include "documents/table_csv.h"

namespace kehu::documents {

namespace {

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string& v = cells[i];
    if (i) out += ',';
    out += '"';
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) out += '\'';
    for (char c : v) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
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
