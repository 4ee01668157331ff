// Read-only access to a ZIP archive held in memory (minizip with in-memory I/O), for the XLSX
// reader. Every byte inflated counts against a shared budget, so a zip bomb stops at the cap
// whatever sizes its directory claims.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kehu::documents {

class ZipReader {
 public:
  // `bytes` must outlive the reader. Errors: kInvalidInput "not_xlsx" when it is not a ZIP
  // archive (an old .xls or a password-protected workbook is an OLE file, not a ZIP).
  static Result<std::unique_ptr<ZipReader>> Open(std::string_view bytes);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // True if the archive has an entry `name` (compared case-insensitively, as OPC part names are).
  bool Has(const std::string& name);

  // Inflates entry `name`, passing its bytes to `fn` in chunks of up to 64 KiB, and subtracts
  // them from `budget`. Errors: "xlsx_too_large" (kPayloadTooLarge) when the entry would exceed
  // the budget, "xlsx_malformed" (kInvalidInput) when it is missing or fails to inflate or its
  // CRC, or the first error of `fn`.
  Status Read(const std::string& name, uint64_t& budget,
              const std::function<Status(std::string_view)>& fn);

  struct Memory;  // the archive bytes and minizip's read position (xlsx_zip.cc)

 private:
  ZipReader(std::unique_ptr<Memory> memory, void* unz);

  std::unique_ptr<Memory> memory_;
  void* unz_;  // unzFile
};

inline Error XlsxTooLarge() { return Error(ErrorKind::kPayloadTooLarge, "xlsx_too_large"); }
inline Error XlsxMalformed(std::string detail) {
  return InvalidInput("xlsx_malformed").Detail(std::move(detail));
}

}  // namespace kehu::documents
