#include "core/text/fold.h"

#include <opencc/opencc.h>
#include <spdlog/spdlog.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <exception>
#include <memory>

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

// One shared converter: OpenCC converters are thread-safe once constructed, and constructing one
// loads its dictionaries (milliseconds), so it is built on first use only.
const opencc::SimpleConverter* T2s() {
  static const std::unique_ptr<opencc::SimpleConverter> converter =
      []() -> std::unique_ptr<opencc::SimpleConverter> {
    try {
      return std::make_unique<opencc::SimpleConverter>("t2s.json");
    } catch (const std::exception& e) {
      spdlog::error("text: OpenCC t2s.json unavailable, traditional text is not folded: {}",
                    e.what());
      return nullptr;
    }
  }();
  return converter.get();
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

// OpenCC's dictionaries only hold CJK text: skip it for everything else.
bool HasCjk(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    if (NextCodePoint(s, pos) >= 0x2E80) return true;
  }
  return false;
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

std::string TraditionalToSimplified(std::string text) {
  const opencc::SimpleConverter* converter = T2s();
  if (converter == nullptr) return text;
  try {
    return converter->Convert(text);  // `text` is valid UTF-8: 1.1.6 overreads otherwise
  } catch (const std::exception& e) {
    spdlog::warn("text: OpenCC conversion failed: {}", e.what());
    return text;
  }
}

}  // namespace

std::string Fold(std::string_view s) {
  if (IsAscii(s)) return AsciiLower(s);  // NFKC_Casefold of ASCII is ASCII lower case
  if (!IsValidUtf8(s)) return std::string(s);
  std::string out = NormalizeCasefold(s);
  if (HasCjk(out)) out = TraditionalToSimplified(std::move(out));
  return out;
}

bool FoldingReady() { return NfkcCasefold() != nullptr && T2s() != nullptr; }

}  // namespace kehu::text
