// Cell-level rules of SpreadsheetML used by the XLSX reader: references, number text, date
// formats and serials, and the _xHHHH_ escapes of string items.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kehu::documents {

struct CellRef {
  int col = 0;      // 0-based (A = 0), below 16,384
  int64_t row = 0;  // 1-based; 0 when the reference has no row part
};

// "B12" → {1, 12}; nullopt for anything that is not letters then digits within Excel's grid.
std::optional<CellRef> ParseCellRef(std::string_view ref);

// The text of a number cell as a person would read it in Excel, without binary float noise:
// integers stay exactly as stored ("13812345678"); a value written with 16–17 significant digits
// ("0.30000000000000004") is rounded to Excel's 15; exponent forms of integers below 10^21 are
// spelled out ("1.3812345678E10" → "13812345678").
std::string NormalizeNumberText(std::string_view stored);

// True if number format `num_fmt_id` (with `format_code` for custom ids ≥ 164) shows a date or a
// time: the built-in date ids (14–22, 27–36, 45–47, 50–58 in CJK locales) or a code with
// y/m/d/h/s outside quotes, escapes and [..] sections.
bool IsDateFormat(int num_fmt_id, std::string_view format_code);

// Excel serial day number as ISO text: "2026-05-01", "2026-05-01 13:45:00" with a time of day,
// "13:45:00" for a pure time (serial < 1). nullopt when out of Excel's range (0–2958465).
// `date1904`: the workbook uses the 1904 date system.
std::optional<std::string> SerialToIso(double serial, bool date1904);

// Undoes the _xHHHH_ escapes Excel uses for characters XML cannot carry (control characters,
// and a literal "_x" written as "_x005F_x").
std::string UnescapeOoxml(std::string_view s);

}  // namespace kehu::documents
