#include "core/text/fold.h"

#include <spdlog/spdlog.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <exception>
#include <memory>

#include "core/text/chinese_script.h"
#include "core/text/utf8.h"

namespace kehu::text {
namespace {

// ICU returns a process-wide singleton; fetch it once.
const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
      spdlog::error("text: ICU NFKC_Casefold unavailable: {}", u_errorName(status));
      return static_cast<const icu::Normalizer2*>(nullptr);
    }
    return n;
  }();
  return normalizer;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string NormalizeCasefold(std::string_view s) {
  const icu::Normalizer2* normalizer = NfkcCasefold();
  if (normalizer == nullptr) return std::string(s);
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  normalizer->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink,
                            nullptr, status);
  return U_SUCCESS(status) ? out : std::string(s);
}

}  // namespace

std::string Fold(std::string_view s) {
  if (IsAscii(s)) return AsciiLower(s);  // NFKC_Casefold of ASCII is ASCII lower case
  if (!IsValidUtf8(s)) return std::string(s);
  return ToSimplified(NormalizeCasefold(s));
}

bool FoldingReady() { return NfkcCasefold() != nullptr && ChineseScriptReady(); }

}  // namespace kehu::text
