// Mailing labels (邮寄标签) on A4 label sheets, as a PDF to print on the sheet itself.
//
// A layout is plain data {cols, rows, label size, margins, pitch} so new sheets are one more row
// in the table (pdf_labels.cc). Positions fill a sheet row by row, left to right; `skip` leaves
// the first positions empty so a partly used sheet can go through the printer again.
//
// Each label follows the Chinese envelope order: 邮编 first, then the address from the province
// down, the recipient (company) larger, then "department name 收" (or "company 收" without a
// person). Text that does not fit is set smaller, then ellipsized; nothing spills into the next
// label.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kehu::documents {

struct LabelLayout {
  std::string name;  // stable identifier used in the API, e.g. "a4-3x8"
  int cols = 1;
  int rows = 1;
  double label_width_mm = 0;
  double label_height_mm = 0;
  double margin_top_mm = 0;   // sheet edge to the first label's top edge
  double margin_left_mm = 0;  // sheet edge to the first label's left edge
  double pitch_x_mm = 0;      // left edge to left edge of neighbouring labels (width + gap)
  double pitch_y_mm = 0;      // top edge to top edge
  int PerPage() const { return cols * rows; }
};

// The built-in A4 grids of CHINA.md, each centred on the sheet. Thread-safe (constant data).
const std::vector<LabelLayout>& BuiltinLabelLayouts();
// nullptr when `name` is not a built-in layout.
const LabelLayout* FindLabelLayout(std::string_view name);

struct LabelPosition {
  int page = 0;  // from 0
  int row = 0;
  int col = 0;
  double x_mm = 0;  // top-left corner of the label on its page
  double y_mm = 0;
};

// Where position `slot` (0-based, counting skipped positions) lies.
LabelPosition PositionOf(const LabelLayout& layout, int slot);
// Pages needed for `labels` labels after `skip` empty positions (at least 1).
int LabelPageCount(const LabelLayout& layout, int skip, int labels);

struct MailingLabel {
  std::string postal_code;
  std::string address;    // full, from the province down
  std::string recipient;  // the company
  std::string contact_department;
  std::string contact_name;
};

// REQUIRES: 0 <= skip. Returns the PDF bytes.
Result<std::string> RenderLabelsPdf(const LabelLayout& layout, int skip,
                                    const std::vector<MailingLabel>& labels,
                                    const std::string& title);

}  // namespace kehu::documents
