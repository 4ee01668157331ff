#include "documents/pdf_canvas.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>

namespace kehu::documents {

namespace {

double Pt(double mm) { return mm * kPointsPerMm; }

}  // namespace

void LayoutDeleter::operator()(PangoLayout* layout) const {
  if (layout) g_object_unref(layout);
}

int PdfCanvas::Write(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<PdfCanvas*>(closure)->bytes_.append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Result<std::unique_ptr<PdfCanvas>> PdfCanvas::CreateA4(const std::string& title) {
  std::unique_ptr<PdfCanvas> canvas(new PdfCanvas());
  canvas->surface_ =
      cairo_pdf_surface_create_for_stream(reinterpret_cast<cairo_write_func_t>(&PdfCanvas::Write),
                                          canvas.get(), Pt(kA4WidthMm), Pt(kA4HeightMm));
  if (cairo_surface_status(canvas->surface_) != CAIRO_STATUS_SUCCESS)
    return Internal("cairo: cannot create a PDF surface");
  cairo_pdf_surface_set_metadata(canvas->surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(canvas->surface_, CAIRO_PDF_METADATA_CREATOR, "Kehu");
  canvas->cr_ = cairo_create(canvas->surface_);
  if (cairo_status(canvas->cr_) != CAIRO_STATUS_SUCCESS)
    return Internal("cairo: cannot create a context");
  return canvas;
}

PdfCanvas::~PdfCanvas() {
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

LayoutPtr PdfCanvas::Layout(std::string_view text, const TextStyle& style, double width_mm) {
  LayoutPtr layout(pango_cairo_create_layout(cr_));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kPdfFontFamily);
  pango_font_description_set_absolute_size(font, style.size_pt * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_width(layout.get(), static_cast<int>(Pt(width_mm) * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  // A negative height caps the number of lines; the last one is ellipsized.
  pango_layout_set_height(layout.get(), -std::max(1, style.max_lines));
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  if (style.center) pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

double PdfCanvas::HeightMm(PangoLayout* layout) {
  int width = 0, height = 0;
  pango_layout_get_size(layout, &width, &height);
  return height / static_cast<double>(PANGO_SCALE) / kPointsPerMm;
}

void PdfCanvas::Draw(PangoLayout* layout, double x_mm, double y_mm) {
  cairo_set_source_rgb(cr_, 0, 0, 0);
  cairo_move_to(cr_, Pt(x_mm), Pt(y_mm));
  pango_cairo_show_layout(cr_, layout);
}

void PdfCanvas::Line(double x1_mm, double y1_mm, double x2_mm, double y2_mm) {
  cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
  cairo_set_line_width(cr_, 0.3);
  cairo_move_to(cr_, Pt(x1_mm), Pt(y1_mm));
  cairo_line_to(cr_, Pt(x2_mm), Pt(y2_mm));
  cairo_stroke(cr_);
}

void PdfCanvas::FillRect(double x_mm, double y_mm, double w_mm, double h_mm, double gray) {
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_rectangle(cr_, Pt(x_mm), Pt(y_mm), Pt(w_mm), Pt(h_mm));
  cairo_fill(cr_);
}

void PdfCanvas::NextPage() { cairo_show_page(cr_); }

Result<std::string> PdfCanvas::Finish() {
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  cairo_status_t status = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (status != CAIRO_STATUS_SUCCESS)
    return Internal(std::string("cairo: ") + cairo_status_to_string(status));
  return std::move(bytes_);
}

}  // namespace kehu::documents
