// One-sheet XLSX workbooks (exports, import templates, rejected-rows files) written with
// libxlsxwriter: a bold, frozen header row, then rows of typed cells, returned as bytes.
//
// Text cells are always written as strings, never guessed into numbers: mobiles, 统一社会信用代码
// and bank accounts must stay text (Excel would turn them into 1.38E+10). In constant-memory mode
// (the default) rows go to a temporary file as they are added, so a 100,000-row export holds one
// row at a time; rows must then be added in order, which AddRow does anyway.
// Not thread-safe; one writer per export.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kehu::documents {

struct XlsxDateTime {
  int year = 1900, month = 1, day = 1;  // 1900-01-01 … 9999-12-31
  int hour = 0, minute = 0;
  double second = 0;
};

struct XlsxCell {
  enum class Type { kEmpty, kText, kNumber, kDate, kDateTime };
  Type type = Type::kEmpty;
  std::string text;   // kText (UTF-8)
  double number = 0;  // kNumber
  XlsxDateTime time;  // kDate (time of day ignored), kDateTime; shown as yyyy-mm-dd [hh:mm:ss]

  static XlsxCell Empty() { return {}; }
  static XlsxCell Text(std::string_view s) { return {Type::kText, std::string(s), 0, {}}; }
  static XlsxCell Number(double n) { return {Type::kNumber, {}, n, {}}; }
  static XlsxCell Date(int year, int month, int day) {
    return {Type::kDate, {}, 0, {year, month, day, 0, 0, 0}};
  }
  static XlsxCell DateTime(const XlsxDateTime& t) { return {Type::kDateTime, {}, 0, t}; }
};

struct XlsxWriterOptions {
  bool constant_memory = true;
  // Where the workbook and libxlsxwriter's own temporary files go; "" = $TMPDIR, else /tmp.
  std::string temp_dir;
};

class XlsxWriter {
 public:
  // A workbook with one sheet named `sheet_name` (characters Excel forbids, []:*?/\, become '_';
  // cut to 31 characters; "Sheet1" if empty) and the header row. Errors: kInternal when the
  // temporary file cannot be created.
  static Result<std::unique_ptr<XlsxWriter>> Create(std::string_view sheet_name,
                                                    const std::vector<std::string>& headers,
                                                    const XlsxWriterOptions& options = {});
  ~XlsxWriter();  // removes the temporary file if Finish was not called
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Appends a row below the previous one. Text longer than Excel's 32,767 characters is cut
  // there. Errors: kPayloadTooLarge "xlsx_too_many_rows" past Excel's 1,048,576 rows,
  // kInvalidInput "xlsx_too_many_columns" past 16,384 cells, kInternal on a library failure.
  Status AddRow(const std::vector<XlsxCell>& cells);

  int64_t rows_written() const { return next_row_ - 1; }  // header not counted

  // Closes the workbook and returns its bytes; the temporary file is removed. Call once.
  Result<std::string> Finish();

 private:
  struct Impl;
  explicit XlsxWriter(std::unique_ptr<Impl> impl);
  Status WriteCell(uint16_t col, const XlsxCell& cell);

  std::unique_ptr<Impl> impl_;
  uint32_t next_row_ = 1;
};

// `name` made acceptable as an Excel sheet name (see XlsxWriter::Create).
std::string SafeSheetName(std::string_view name);

}  // namespace kehu::documents
