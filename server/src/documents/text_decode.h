// Bytes of an uploaded text file (CSV, TSV) to UTF-8. Chinese Excel writes "CSV UTF-8" with a
// BOM, plain "CSV" in GBK (Simplified Windows) or Big5 (Traditional), and "Unicode Text" as
// UTF-16LE with a BOM; see CHINA.md "Files people exchange".
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace kehu::documents {

struct DecodedText {
  std::string text;      // well-formed UTF-8, without the BOM
  std::string encoding;  // "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030" or "Big5"
  bool had_bom = false;
};

// Detects the encoding in this order: a BOM (UTF-8, UTF-16LE, UTF-16BE) → the whole input is
// valid UTF-8 → GB18030 (a superset of GBK) → Big5. Every valid Big5 byte sequence is also valid
// GB18030, so when both decode, the one whose double-byte pairs fall more often into its
// common-character area wins (GB2312 rows for GBK, Big5 level 1 for Big5); a tie goes to GB18030.
// Empty input is UTF-8. Errors: kInvalidInput "unknown_encoding" when nothing decodes cleanly (a
// text under a BOM that is ill-formed in the BOM's encoding is also "unknown_encoding").
Result<DecodedText> DecodeText(std::string_view bytes);

// Strict conversion from an ICU converter name ("GB18030", "Big5", "UTF-16LE", ...) to UTF-8:
// kInvalidInput "unknown_encoding" on any illegal or unmappable sequence or an unknown name.
Result<std::string> ConvertToUtf8(std::string_view bytes, const char* encoding);

}  // namespace kehu::documents
