// A printable list (地址表, 电话表, …) as an A4 PDF: a title on the first page, a header row
// repeated at the top of every page, rows that wrap inside their column, and a page label at the
// bottom of each page ("第 1 页 / 共 3 页"). Rows never split across pages.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace kehu::documents {

struct PrintTable {
  std::string title;
  std::vector<std::string> headers;
  std::vector<double> column_weights;  // relative widths; empty = equal columns
  std::vector<std::vector<std::string>> rows;
  // {page} and {pages} are replaced; e.g. "Page {page} of {pages}" in English.
  std::string page_label = "第 {page} 页 / 共 {pages} 页";
};

// Pages of rows: which rows (by index, in order) go on each page, given each row's height and the
// room for rows on the first and on later pages (all in mm). A row taller than a page gets a page
// of its own. Always at least one (possibly empty) page.
std::vector<std::vector<size_t>> PaginateRows(const std::vector<double>& row_heights,
                                              double first_page_room, double page_room);

Result<std::string> RenderTablePdf(const PrintTable& table);

}  // namespace kehu::documents
