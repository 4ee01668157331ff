// A thin layer over cairo's PDF surface and pango shared by the printable documents (labels,
// tables): millimetre geometry on A4, text set in Noto Sans CJK SC (fonts-noto-cjk, found through
// fontconfig), and the finished file returned as bytes. cairo subsets and embeds the fonts it
// uses, so the PDF reads the same on machines without CJK fonts.
//
// Characters the font lacks (most of CJK Extension B) fall back to other installed fonts through
// fontconfig, else to a hex box; the text layer still carries them (pdftotext sees them).
// Not thread-safe: one canvas per document and thread (pango's font map is per thread).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;
typedef struct _PangoLayout PangoLayout;

namespace kehu::documents {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
inline constexpr double kA4WidthMm = 210.0;
inline constexpr double kA4HeightMm = 297.0;
inline constexpr const char* kPdfFontFamily = "Noto Sans CJK SC";

struct TextStyle {
  double size_pt = 9;
  bool bold = false;
  int max_lines = 1;  // wrapped at the box width; the last line is ellipsized beyond this
  bool center = false;
};

// A pango layout owned by a unique_ptr (g_object_unref on destruction).
struct LayoutDeleter {
  void operator()(PangoLayout* layout) const;
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

class PdfCanvas {
 public:
  // An A4 portrait document; `title` goes into the PDF metadata.
  static Result<std::unique_ptr<PdfCanvas>> CreateA4(const std::string& title);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  // Lays out `text` for a box `width_mm` wide (no drawing); measure it with HeightMm().
  LayoutPtr Layout(std::string_view text, const TextStyle& style, double width_mm);
  static double HeightMm(PangoLayout* layout);
  // Draws a layout with its top-left corner at (x_mm, y_mm) of the current page.
  void Draw(PangoLayout* layout, double x_mm, double y_mm);
  // A hairline (0.3 pt) between two points, and a filled rectangle (gray 0 = black, 1 = white).
  void Line(double x1_mm, double y1_mm, double x2_mm, double y2_mm);
  void FillRect(double x_mm, double y_mm, double w_mm, double h_mm, double gray);

  // Ends the current page; drawing continues on a new one.
  void NextPage();
  // Ends the last page and returns the PDF bytes. The canvas is unusable afterwards.
  Result<std::string> Finish();

 private:
  PdfCanvas() = default;
  static int Write(void* closure, const unsigned char* data, unsigned int length);

  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
};

}  // namespace kehu::documents
