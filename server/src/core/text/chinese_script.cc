#include "core/text/chinese_script.h"

#include <opencc/opencc.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "core/text/utf8.h"

namespace kehu::text {
namespace {

// Building a converter loads its dictionaries (milliseconds), so each is built once, on first use;
// null when OpenCC's data is missing (logged once).
std::unique_ptr<opencc::SimpleConverter> Build(const char* config) {
  try {
    return std::make_unique<opencc::SimpleConverter>(config);
  } catch (const std::exception& e) {
    spdlog::error("text: OpenCC {} unavailable, Chinese script is not converted: {}", config, e.what());
    return nullptr;
  }
}

// OpenCC's dictionaries only hold CJK text: skip it for everything else.
bool HasCjk(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();)
    if (NextCodePoint(s, pos) >= 0x2E80) return true;
  return false;
}

std::string Convert(const opencc::SimpleConverter* converter, std::string_view s) {
  // OpenCC 1.1.6 reads past the end of invalid UTF-8: check first.
  if (converter == nullptr || !IsValidUtf8(s) || !HasCjk(s)) return std::string(s);
  try {
    return converter->Convert(std::string(s));
  } catch (const std::exception& e) {
    spdlog::warn("text: OpenCC conversion failed: {}", e.what());
    return std::string(s);
  }
}

const opencc::SimpleConverter* S2twp() {
  static const auto converter = Build("s2twp.json");
  return converter.get();
}

const opencc::SimpleConverter* T2s() {
  static const auto converter = Build("t2s.json");
  return converter.get();
}

}  // namespace

std::string ToTraditional(std::string_view s) { return Convert(S2twp(), s); }
std::string ToSimplified(std::string_view s) { return Convert(T2s(), s); }
bool ChineseScriptReady() { return S2twp() != nullptr && T2s() != nullptr; }

}  // namespace kehu::text
