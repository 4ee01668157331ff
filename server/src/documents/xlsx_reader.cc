#include "documents/xlsx_reader.h"

#include <cstdlib>

#include "documents/xlsx_cells.h"
#include "documents/xlsx_parts.h"
#include "documents/xlsx_xml.h"

namespace kehu::documents {

namespace {

// Streams <sheetData>: <row r> holds <c r t s> cells whose value is in <v>, or in <is><t> for
// inline strings (what libxlsxwriter's constant-memory mode and many other writers produce).
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const XlsxWorkbookInfo& info, const XlsxReadOptions& options,
               const std::function<Status(const XlsxRow&)>& fn)
      : info_(info), options_(options), fn_(fn) {}

  void OnStart(std::string_view name, const char** attrs) override {
    if (name == "row")
      StartRow(attrs);
    else if (name == "c")
      StartCell(attrs);
    else if (name == "v")
      collecting_ = in_cell_;
    else if (name == "is")
      in_inline_ = in_cell_;
    else if (name == "rPh")
      ++phonetic_depth_;
    else if (name == "t")
      collecting_ = in_inline_ && phonetic_depth_ == 0;
  }

  void OnEnd(std::string_view name) override {
    if (name == "v" || name == "t")
      collecting_ = false;
    else if (name == "is")
      in_inline_ = false;
    else if (name == "rPh")
      --phonetic_depth_;
    else if (name == "c")
      EndCell();
    else if (name == "row")
      EndRow();
  }

  void OnText(std::string_view text) override {
    if (collecting_) value_.append(text);
  }

 private:
  void StartRow(const char** attrs) {
    const char* r = Attr(attrs, "r");
    row_.row = r ? std::atoll(r) : row_.row + 1;
    row_.cells.clear();
    next_col_ = 0;
  }

  void StartCell(const char** attrs) {
    in_cell_ = true;
    value_.clear();
    const char* ref = Attr(attrs, "r");
    std::optional<CellRef> parsed = ref ? ParseCellRef(ref) : std::nullopt;
    col_ = parsed ? parsed->col : next_col_;
    const char* t = Attr(attrs, "t");
    type_ = t ? t : "n";
    const char* s = Attr(attrs, "s");
    style_ = s ? std::atoi(s) : 0;
  }

  void EndCell() {
    in_cell_ = false;
    next_col_ = col_ + 1;
    std::string text = CellText();
    if (failure || text.empty()) return;
    if (row_.cells.size() <= static_cast<size_t>(col_)) row_.cells.resize(col_ + 1);
    row_.cells[col_] = std::move(text);
  }

  std::string CellText() {
    if (type_ == "s") {
      char* end = nullptr;
      unsigned long index = std::strtoul(value_.c_str(), &end, 10);
      if (value_.empty() || *end || index >= info_.shared_strings.size()) {
        failure = XlsxMalformed("shared string index " + value_ + " out of range");
        return {};
      }
      return info_.shared_strings[index];
    }
    if (type_ == "inlineStr") return UnescapeOoxml(value_);
    if (type_ == "b") return value_.empty() ? "" : value_ == "0" ? "FALSE" : "TRUE";
    if (type_ != "n" || value_.empty()) return value_;  // str (formula text), e, d
    bool is_date = style_ >= 0 && static_cast<size_t>(style_) < info_.date_styles.size() &&
                   info_.date_styles[style_];
    if (is_date) {
      char* end = nullptr;
      double serial = std::strtod(value_.c_str(), &end);
      if (*end == '\0') {
        if (auto iso = SerialToIso(serial, info_.date1904)) return *iso;
      }
    }
    return NormalizeNumberText(value_);
  }

  void EndRow() {
    while (!row_.cells.empty() && row_.cells.back().empty()) row_.cells.pop_back();
    if (row_.cells.empty()) return;
    if (++rows_ > options_.max_rows) {
      failure = Error(ErrorKind::kPayloadTooLarge, "xlsx_too_many_rows")
                    .Arg("max", std::to_string(options_.max_rows));
      return;
    }
    Status s = fn_(row_);
    if (!s.ok()) failure = std::move(s).error();
  }

  const XlsxWorkbookInfo& info_;
  const XlsxReadOptions& options_;
  const std::function<Status(const XlsxRow&)>& fn_;
  XlsxRow row_;
  int64_t rows_ = 0;
  int next_col_ = 0;
  int col_ = 0;
  int style_ = 0;
  std::string type_;
  std::string value_;
  bool in_cell_ = false;
  bool in_inline_ = false;
  bool collecting_ = false;
  int phonetic_depth_ = 0;
};

}  // namespace

Status ReadXlsx(std::string_view bytes, const XlsxReadOptions& options,
                const std::function<Status(const XlsxRow&)>& fn) {
  KEHU_ASSIGN(auto zip, ZipReader::Open(bytes));
  uint64_t budget = options.max_uncompressed_bytes;
  KEHU_ASSIGN(XlsxWorkbookInfo info, LoadWorkbookInfo(*zip, budget));
  if (!zip->Has(info.first_sheet_part))
    return XlsxMalformed("missing worksheet " + info.first_sheet_part);
  SheetHandler sheet(info, options, fn);
  return ParseXmlPart(*zip, info.first_sheet_part, budget, sheet);
}

}  // namespace kehu::documents
