#include "documents/pdf_table.h"

#include <algorithm>
#include <numeric>

#include "documents/pdf_canvas.h"

namespace kehu::documents {

namespace {

constexpr double kMarginMm = 15.0;
constexpr double kCellPadMm = 1.5;
constexpr double kFooterMm = 10.0;  // reserved at the bottom for the page label
constexpr int kMaxCellLines = 6;
const TextStyle kTitleStyle{14, true, 2, true};
const TextStyle kHeaderStyle{9, true, 2, false};
const TextStyle kCellStyle{9, false, kMaxCellLines, false};
const TextStyle kFooterStyle{8, false, 1, true};

struct Geometry {
  std::vector<double> x;      // left edge of each column
  std::vector<double> width;  // each column's width
};

Geometry Columns(const PrintTable& t) {
  size_t n = t.headers.size();
  std::vector<double> weights = t.column_weights;
  weights.resize(n, 1.0);
  double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  Geometry g;
  double x = kMarginMm, room = kA4WidthMm - 2 * kMarginMm;
  for (double w : weights) {
    g.x.push_back(x);
    g.width.push_back(room * w / total);
    x += g.width.back();
  }
  return g;
}

// One row laid out: a layout per cell and the row height (tallest cell plus padding).
struct RowLayout {
  std::vector<LayoutPtr> cells;
  double height = 0;
};

RowLayout LayOutRow(PdfCanvas& canvas, const Geometry& g, const std::vector<std::string>& cells,
                    const TextStyle& style) {
  RowLayout row;
  for (size_t c = 0; c < g.width.size(); ++c) {
    const std::string& text = c < cells.size() ? cells[c] : std::string();
    row.cells.push_back(canvas.Layout(text, style, g.width[c] - 2 * kCellPadMm));
    row.height = std::max(row.height, PdfCanvas::HeightMm(row.cells.back().get()));
  }
  row.height += 2 * kCellPadMm;
  return row;
}

void DrawRow(PdfCanvas& canvas, const Geometry& g, const RowLayout& row, double y, bool shaded) {
  double right = g.x.back() + g.width.back();
  if (shaded) canvas.FillRect(g.x.front(), y, right - g.x.front(), row.height, 0.9);
  for (size_t c = 0; c < row.cells.size(); ++c)
    canvas.Draw(row.cells[c].get(), g.x[c] + kCellPadMm, y + kCellPadMm);
  canvas.Line(g.x.front(), y + row.height, right, y + row.height);
}

std::string PageLabel(std::string label, int page, int pages) {
  for (auto [key, value] : {std::pair<std::string, int>{"{page}", page}, {"{pages}", pages}}) {
    for (size_t at = label.find(key); at != std::string::npos; at = label.find(key))
      label.replace(at, key.size(), std::to_string(value));
  }
  return label;
}

}  // namespace

std::vector<std::vector<size_t>> PaginateRows(const std::vector<double>& row_heights,
                                              double first_page_room, double page_room) {
  std::vector<std::vector<size_t>> pages(1);
  double room = first_page_room;
  for (size_t i = 0; i < row_heights.size(); ++i) {
    if (row_heights[i] > room && !pages.back().empty()) {
      pages.emplace_back();
      room = page_room;
    }
    pages.back().push_back(i);
    room -= row_heights[i];
  }
  return pages;
}

Result<std::string> RenderTablePdf(const PrintTable& table) {
  KEHU_ASSIGN(auto canvas, PdfCanvas::CreateA4(table.title));
  Geometry g = Columns(table);
  double width = kA4WidthMm - 2 * kMarginMm;
  LayoutPtr title = canvas->Layout(table.title, kTitleStyle, width);
  double title_height = PdfCanvas::HeightMm(title.get()) + 4.0;
  RowLayout header = LayOutRow(*canvas, g, table.headers, kHeaderStyle);

  std::vector<RowLayout> rows;
  std::vector<double> heights;
  for (const auto& cells : table.rows) {
    rows.push_back(LayOutRow(*canvas, g, cells, kCellStyle));
    heights.push_back(rows.back().height);
  }
  double page_room = kA4HeightMm - 2 * kMarginMm - kFooterMm - header.height;
  auto pages = PaginateRows(heights, page_room - title_height, page_room);

  for (size_t p = 0; p < pages.size(); ++p) {
    if (p > 0) canvas->NextPage();
    double y = kMarginMm;
    if (p == 0) {
      canvas->Draw(title.get(), kMarginMm, y);
      y += title_height;
    }
    DrawRow(*canvas, g, header, y, true);
    y += header.height;
    for (size_t i : pages[p]) {
      DrawRow(*canvas, g, rows[i], y, false);
      y += rows[i].height;
    }
    std::string label =
        PageLabel(table.page_label, static_cast<int>(p) + 1, static_cast<int>(pages.size()));
    LayoutPtr footer = canvas->Layout(label, kFooterStyle, width);
    canvas->Draw(footer.get(), kMarginMm, kA4HeightMm - kMarginMm - kFooterMm / 2);
  }
  return canvas->Finish();
}

}  // namespace kehu::documents
