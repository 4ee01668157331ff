#include "documents/pdf_labels.h"

#include <algorithm>

#include "documents/pdf_canvas.h"

namespace kehu::documents {

namespace {

// Common A4 sheets (the Avery-style L7160/L7162/L7163 grids and the plain 70 mm ones), each
// centred: margin = (sheet − (n−1)·pitch − label) / 2. label_layouts_test checks the centring.
const std::vector<LabelLayout> kBuiltinLayouts = {
    {"a4-3x8", 3, 8, 70.0, 37.0, 0.5, 0.0, 70.0, 37.0},
    {"a4-2x7", 2, 7, 99.1, 38.1, 15.15, 4.65, 101.6, 38.1},
    {"a4-3x7", 3, 7, 63.5, 38.1, 15.15, 7.25, 66.0, 38.1},
    {"a4-2x8", 2, 8, 99.1, 33.9, 12.9, 4.65, 101.6, 33.9},
    {"a4-3x11", 3, 11, 70.0, 25.4, 8.8, 0.0, 70.0, 25.4},
};

// Printers cannot print to the sheet edge, and a label is easier to read with some air; small
// labels (3×11) get less so their text need not shrink as much.
constexpr double kPadXMm = 5.0;
constexpr double kPadYMm = 3.0;
constexpr double kPadRatio = 0.07;  // of the label's width or height, when that is less
constexpr double kGapMm = 0.8;      // between the blocks of a label
constexpr double kMinScale = 0.55;  // below this, ellipsize rather than shrink further

struct Block {
  std::string text;
  TextStyle style;
};

std::vector<Block> Blocks(const MailingLabel& label, double scale) {
  std::vector<Block> blocks;
  auto add = [&](std::string text, double size, bool bold, int lines) {
    if (!text.empty()) blocks.push_back({std::move(text), {size * scale, bold, lines, false}});
  };
  add(label.postal_code.empty() ? "" : "邮编 " + label.postal_code, 9, false, 1);
  add(label.address, 9, false, 2);
  std::string attention = label.contact_department;
  if (!label.contact_name.empty()) attention += (attention.empty() ? "" : " ") + label.contact_name;
  if (attention.empty()) {
    add(label.recipient.empty() ? "" : label.recipient + " 收", 12, true, 2);
  } else {
    add(label.recipient, 12, true, 2);
    add(attention + " 收", 10, false, 1);
  }
  return blocks;
}

std::vector<LayoutPtr> LayOut(PdfCanvas& canvas, const std::vector<Block>& blocks, double width,
                              double* height) {
  std::vector<LayoutPtr> out;
  *height = 0;
  for (const auto& b : blocks) {
    out.push_back(canvas.Layout(b.text, b.style, width));
    *height += PdfCanvas::HeightMm(out.back().get()) + (out.size() > 1 ? kGapMm : 0);
  }
  return out;
}

void DrawLabel(PdfCanvas& canvas, const LabelLayout& layout, const LabelPosition& pos,
               const MailingLabel& label) {
  double pad_x = std::min(kPadXMm, layout.label_width_mm * kPadRatio);
  double pad_y = std::min(kPadYMm, layout.label_height_mm * kPadRatio);
  double width = layout.label_width_mm - 2 * pad_x;
  double room = layout.label_height_mm - 2 * pad_y;
  double height = 0;
  std::vector<LayoutPtr> lines = LayOut(canvas, Blocks(label, 1.0), width, &height);
  if (height > room) {
    double scale = std::max(kMinScale, room / height);
    lines = LayOut(canvas, Blocks(label, scale), width, &height);
  }
  double y = pos.y_mm + pad_y + std::max(0.0, (room - height) / 2);
  for (const auto& line : lines) {
    double h = PdfCanvas::HeightMm(line.get());
    if (y + h > pos.y_mm + layout.label_height_mm) break;  // never into the next label
    canvas.Draw(line.get(), pos.x_mm + pad_x, y);
    y += h + kGapMm;
  }
}

}  // namespace

const std::vector<LabelLayout>& BuiltinLabelLayouts() { return kBuiltinLayouts; }

const LabelLayout* FindLabelLayout(std::string_view name) {
  for (const auto& layout : kBuiltinLayouts)
    if (layout.name == name) return &layout;
  return nullptr;
}

LabelPosition PositionOf(const LabelLayout& layout, int slot) {
  LabelPosition p;
  int per_page = layout.PerPage();
  p.page = slot / per_page;
  p.row = slot % per_page / layout.cols;
  p.col = slot % layout.cols;
  p.x_mm = layout.margin_left_mm + p.col * layout.pitch_x_mm;
  p.y_mm = layout.margin_top_mm + p.row * layout.pitch_y_mm;
  return p;
}

int LabelPageCount(const LabelLayout& layout, int skip, int labels) {
  int slots = skip + labels;
  return std::max(1, (slots + layout.PerPage() - 1) / layout.PerPage());
}

Result<std::string> RenderLabelsPdf(const LabelLayout& layout, int skip,
                                    const std::vector<MailingLabel>& labels,
                                    const std::string& title) {
  KEHU_ASSIGN(auto canvas, PdfCanvas::CreateA4(title));
  int page = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    LabelPosition pos = PositionOf(layout, skip + static_cast<int>(i));
    for (; page < pos.page; ++page) canvas->NextPage();
    DrawLabel(*canvas, layout, pos, labels[i]);
  }
  // Skipped positions alone may fill whole sheets; the page count still covers them.
  for (; page + 1 < LabelPageCount(layout, skip, static_cast<int>(labels.size())); ++page)
    canvas->NextPage();
  return canvas->Finish();
}

}  // namespace kehu::documents
