// A spreadsheet cell as people type it, turned into the JSON the record pipeline takes for the field
// (the pipeline's codec then applies exactly the rules of API input: phone normalization, credit
// code check, lengths, ...). CHINA.md "Files people exchange"; CSV and XLSX cells arrive as text.
//
//   enum        option value, or its label in any language (现有客户 → "current")
//   multiEnum   the same, separated by , ， ; ； or 、
//   boolean     是/否, true/false, 1/0, Y/N, yes/no (any case)
//   date        2026-01-05, 2026/1/5, 2026.1.5, 2026年1月5日 (a 00:00[:00] time is allowed)
//   dateTime    ISO 8601 with zone, or a date as above plus hh:mm[:ss] in China time (+08:00)
//   money       1,234.50, ¥1234.5, 1234 元 → {"amount":"1234.50"} (CNY, the codec's default)
//   integer, decimal   digits with optional thousands separators
//   region      a code (110105), names ("广东省/深圳市/南山区", "广东 深圳 南山"), or the
//               {"code":…} JSON of an export
//   text types  trimmed (long text kept as typed)
// Relation and user fields need the database: see references.h.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "metadata/entity.h"
#include "records/codec.h"

namespace kehu::imports {

// Keeps each enum field's option keys and each region cell's code, so a 100,000-row import folds
// every label and matches every district's names once.
// Not thread-safe: one per import.
class CellDecoder {
 public:
  // nullopt for an empty cell (nothing to write) and on error, which is recorded in `errors` under
  // the field's name ("invalid_option", "invalid_boolean", "invalid_date", "invalid_datetime",
  // "invalid_amount", "invalid_number", "invalid_region").
  std::optional<boost::json::value> Decode(const meta::Field& f, std::string_view cell,
                                           records::FieldErrors& errors);

 private:
  // The option value a cell names, or nullopt.
  std::optional<std::string> Option(const meta::Field& f, std::string_view cell);

  std::map<const meta::Field*, std::map<std::string, std::string>> option_keys_;
  std::map<const meta::Field*, std::shared_ptr<const meta::OptionList>> option_lists_;
  std::unordered_map<std::string, std::optional<boost::json::value>> regions_;  // cell -> Region()
};

// "2026/1/5" → "2026-01-05"; nullopt when the text is no date of the forms above.
std::optional<std::string> ParseDateCell(std::string_view cell);

}  // namespace kehu::imports
