#include "documents/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/text/utf8.h"

namespace kehu::documents {

namespace {

constexpr size_t kMaxCellChars = 32767;  // Excel's limit per cell
constexpr uint32_t kMaxRows = 1048576;
constexpr size_t kMaxColumns = 16384;

std::string TempDir(const std::string& configured) {
  if (!configured.empty()) return configured;
  const char* env = std::getenv("TMPDIR");
  return env && *env ? env : "/tmp";
}

// Cuts `s` after `max_chars` code points.
std::string_view CutChars(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max_chars) return s.substr(0, i);
  }
  return s;
}

// Column width in Excel units: CJK and other wide characters take two.
double DisplayWidth(std::string_view s) {
  double width = 0;
  for (char32_t c : text::DecodeUtf8(s)) width += c >= 0x1100 ? 2 : 1;
  return width;
}

Error LibraryError(const char* what, lxw_error err) {
  return Internal(std::string("libxlsxwriter ") + what + ": " + lxw_strerror(err));
}

}  // namespace

std::string SafeSheetName(std::string_view name) {
  std::string out;
  for (char c : CutChars(name, 31)) {
    bool forbidden = std::string_view("[]:*?/\\").find(c) != std::string_view::npos;
    out += forbidden ? '_' : c;
  }
  // Excel also refuses a name that starts or ends with an apostrophe.
  if (!out.empty() && out.front() == '\'') out.front() = '_';
  if (!out.empty() && out.back() == '\'') out.back() = '_';
  return text::IsValidUtf8(out) && !out.empty() ? out : "Sheet1";
}

struct XlsxWriter::Impl {
  std::string path;
  std::string temp_dir;  // kept alive: libxlsxwriter holds the pointer
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* date_format = nullptr;
  lxw_format* datetime_format = nullptr;

  ~Impl() {
    if (workbook) lxw_workbook_free(workbook);
    if (!path.empty()) ::unlink(path.c_str());
  }
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWriter::~XlsxWriter() = default;

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(std::string_view sheet_name,
                                                       const std::vector<std::string>& headers,
                                                       const XlsxWriterOptions& options) {
  if (headers.size() > kMaxColumns) return InvalidInput("xlsx_too_many_columns");
  auto impl = std::make_unique<Impl>();
  impl->temp_dir = TempDir(options.temp_dir);
  std::string pattern = impl->temp_dir + "/kehu-xlsx-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return Internal("mkstemp in " + impl->temp_dir + " failed");
  ::close(fd);
  impl->path = pattern;

  lxw_workbook_options lxw_options = {};
  lxw_options.constant_memory = options.constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_options.tmpdir = impl->temp_dir.data();
  impl->workbook = workbook_new_opt(impl->path.c_str(), &lxw_options);
  if (!impl->workbook) return Internal("workbook_new_opt failed");
  std::string name = SafeSheetName(sheet_name);
  impl->sheet = workbook_add_worksheet(impl->workbook, name.c_str());
  if (!impl->sheet) return Internal("workbook_add_worksheet failed for " + name);

  impl->date_format = workbook_add_format(impl->workbook);
  format_set_num_format(impl->date_format, "yyyy-mm-dd");
  impl->datetime_format = workbook_add_format(impl->workbook);
  format_set_num_format(impl->datetime_format, "yyyy-mm-dd hh:mm:ss");
  lxw_format* bold = workbook_add_format(impl->workbook);
  format_set_bold(bold);

  // Column widths must be set before the first row in constant-memory mode.
  for (size_t c = 0; c < headers.size(); ++c) {
    double width = std::clamp(DisplayWidth(headers[c]) + 2, 10.0, 50.0);
    auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(impl->sheet, col, col, width, nullptr);
  }
  worksheet_freeze_panes(impl->sheet, 1, 0);
  for (size_t c = 0; c < headers.size(); ++c) {
    std::string_view h = CutChars(headers[c], kMaxCellChars);
    lxw_error err = worksheet_write_string(impl->sheet, 0, static_cast<lxw_col_t>(c),
                                           std::string(h).c_str(), bold);
    if (err != LXW_NO_ERROR) return LibraryError("header", err);
  }
  return std::unique_ptr<XlsxWriter>(new XlsxWriter(std::move(impl)));
}

Status XlsxWriter::WriteCell(uint16_t col, const XlsxCell& cell) {
  lxw_worksheet* ws = impl_->sheet;
  lxw_error err = LXW_NO_ERROR;
  switch (cell.type) {
    case XlsxCell::Type::kEmpty:
      return Ok();
    case XlsxCell::Type::kText:
      if (cell.text.empty()) return Ok();
      err = worksheet_write_string(
          ws, next_row_, col, std::string(CutChars(cell.text, kMaxCellChars)).c_str(), nullptr);
      break;
    case XlsxCell::Type::kNumber:
      if (!std::isfinite(cell.number)) return Ok();
      err = worksheet_write_number(ws, next_row_, col, cell.number, nullptr);
      break;
    case XlsxCell::Type::kDate:
    case XlsxCell::Type::kDateTime: {
      bool date_only = cell.type == XlsxCell::Type::kDate;
      const XlsxDateTime& t = cell.time;
      lxw_datetime dt = {t.year,
                         t.month,
                         t.day,
                         date_only ? 0 : t.hour,
                         date_only ? 0 : t.minute,
                         date_only ? 0.0 : t.second};
      err = worksheet_write_datetime(ws, next_row_, col, &dt,
                                     date_only ? impl_->date_format : impl_->datetime_format);
      break;
    }
  }
  return err == LXW_NO_ERROR ? Ok() : Status(LibraryError("write", err));
}

Status XlsxWriter::AddRow(const std::vector<XlsxCell>& cells) {
  if (next_row_ >= kMaxRows) return Error(ErrorKind::kPayloadTooLarge, "xlsx_too_many_rows");
  if (cells.size() > kMaxColumns) return InvalidInput("xlsx_too_many_columns");
  for (size_t c = 0; c < cells.size(); ++c) KEHU_TRY(WriteCell(static_cast<uint16_t>(c), cells[c]));
  ++next_row_;
  return Ok();
}

Result<std::string> XlsxWriter::Finish() {
  if (!impl_->workbook) return Internal("XlsxWriter::Finish called twice");
  lxw_error err = workbook_close(impl_->workbook);  // frees the workbook, even on error
  impl_->workbook = nullptr;
  if (err != LXW_NO_ERROR) return LibraryError("close", err);
  std::ifstream in(impl_->path, std::ios::binary);
  if (!in.is_open()) return Internal("reading back " + impl_->path + " failed");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  ::unlink(impl_->path.c_str());
  impl_->path.clear();
  return bytes.str();
}

}  // namespace kehu::documents
