// Folding: the key under which text is searched and compared. Display text is never folded; only
// index and comparison keys are.
#pragma once

#include <string>
#include <string_view>

namespace kehu::text {

// NFKC with Unicode case folding (full-width → half-width, ＡＢＣ１２３ → abc123, default-ignorable
// characters removed), then traditional → simplified Chinese with OpenCC t2s (臺灣 → 台湾).
// REQUIRES: `s` is valid UTF-8; otherwise `s` is returned unchanged. Thread-safe.
// If OpenCC's data cannot be loaded, the t2s step is skipped (logged once; see FoldingReady).
std::string Fold(std::string_view s);

// True if both ICU's NFKC_Casefold data and OpenCC's t2s converter loaded; for a start-up check.
bool FoldingReady();

}  // namespace kehu::text
