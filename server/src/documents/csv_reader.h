// RFC 4180 CSV over UTF-8 text (decode uploads with DecodeText first), read one record at a time so
// a 100,000-row import holds the text once plus one row.
//
// Accepted beyond the RFC, as Excel writes or reads it: LF, CR and CRLF line breaks (mixed too);
// ';' or tab as the delimiter (sniffed, see SniffDelimiter); a missing final line break; a leading
// UTF-8 BOM (skipped); a quote inside an unquoted field (kept literally); text after a closing
// quote (appended: "ab"c reads as abc). Entirely empty lines are skipped; a line of only
// delimiters is a record of empty fields (CsvRow::IsBlank).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kehu::documents {

struct CsvOptions {
  char delimiter = 0;                  // ',', ';' or '\t'; 0 = SniffDelimiter(text)
  size_t max_field_bytes = 64 * 1024;  // UTF-8 bytes of one field after unquoting
  size_t max_columns = 1024;
  // True: a record whose field count differs from the first record's is an error. False: such
  // records are returned as they are and the caller reports them (with CsvRow::line).
  bool reject_ragged = false;
};

struct CsvRow {
  int64_t line = 0;   // physical line (1-based) on which the record starts
  int64_t index = 0;  // record number (1-based; the header is record 1)
  std::vector<std::string> fields;

  bool IsBlank() const;  // no fields, or every field empty
};

class CsvReader {
 public:
  // `text` must outlive the reader.
  explicit CsvReader(std::string_view text, CsvOptions options = {});

  // Reads the next record into `row` (reusing its strings). Returns false at the end of the input.
  // Errors are kInvalidInput with arg "row" = the record's physical line:
  //   "csv_unterminated_quote", "csv_field_too_large", "csv_too_many_columns" (arg "max"),
  //   "csv_ragged_row" (args "expected", "found"; only with reject_ragged).
  // After an error the reader stays at the end of the input.
  Result<bool> Next(CsvRow& row);

  char delimiter() const { return delimiter_; }

 private:
  bool AtLineBreak() const;
  void ConsumeLineBreak();
  Status ReadField(std::string& field, int64_t row_line);
  void CountLineBreaks(std::string_view chunk);
  Error Fail(std::string code, int64_t row_line);

  std::string_view text_;
  CsvOptions options_;
  char delimiter_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  int64_t index_ = 0;
  size_t expected_fields_ = 0;
};

// The delimiter of the first record: whichever of ',', ';' and '\t' occurs most often outside
// quotes on it; ',' on a tie or when none occurs.
char SniffDelimiter(std::string_view text);

// Calls `fn` for every record; returns the first error of the reader or of `fn`.
Status ReadCsv(std::string_view text, const CsvOptions& options,
               const std::function<Status(const CsvRow&)>& fn);

}  // namespace kehu::documents
