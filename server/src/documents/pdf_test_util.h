// Test helpers: run poppler-utils (pdftotext, pdfinfo, pdffonts) on PDF bytes.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace kehu::documents::testing {

// Output of `<tool> <options> <file> <after>` for the PDF written to a temporary file.
inline std::string RunOnPdf(const std::string& pdf, const std::string& tool,
                            const std::string& after = "") {
  char path[] = "/tmp/kehu_pdf_XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return "";
  close(fd);
  std::ofstream(path, std::ios::binary) << pdf;
  std::string out;
  if (FILE* p = popen((tool + " '" + path + "' " + after + " 2>&1").c_str(), "r")) {
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    pclose(p);
  }
  unlink(path);
  return out;
}

// "Pages:" of pdfinfo, or -1.
inline int PdfPages(const std::string& pdf) {
  std::string info = RunOnPdf(pdf, "pdfinfo");
  size_t at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

// The text of pages first..last (1-based; 0 = to the end), pages separated by form feeds.
inline std::string PdfText(const std::string& pdf, int first = 1, int last = 0) {
  std::string range = "-f " + std::to_string(first) + (last ? " -l " + std::to_string(last) : "");
  return RunOnPdf(pdf, "pdftotext -enc UTF-8 " + range, "-");
}

inline std::string PdfFonts(const std::string& pdf) { return RunOnPdf(pdf, "pdffonts"); }

}  // namespace kehu::documents::testing
