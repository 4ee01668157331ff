#include "core/text/chinese_script.h"

#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>
#include <opencc/opencc.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <vector>

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

constexpr const char* kOpenccData = "/usr/share/opencc/";  // Debian's libopencc data

// The characters t2s may change (its dictionaries TSPhrases and TSCharacters, see t2s.json): every
// character of a phrase that converts to something else, and every character that converts alone.
// OpenCC only changes text where an entry matches and converts differently, and such an entry is
// made of these characters only: a text with none of them converts to itself, so it can skip the
// dictionary walk (a quarter of the work of indexing a record). Null when the dictionaries cannot
// be read; then everything is converted.
const std::vector<bool>* T2sChangeable() {
  static const auto changeable = []() -> std::unique_ptr<std::vector<bool>> {
    auto out = std::make_unique<std::vector<bool>>(0x110000, false);
    for (const char* name : {"TSPhrases.ocd2", "TSCharacters.ocd2"}) {
      std::FILE* f = std::fopen((std::string(kOpenccData) + name).c_str(), "rb");
      if (!f) {
        spdlog::warn("text: {} not found; every Chinese text goes through OpenCC", name);
        return nullptr;
      }
      try {
        auto dict = opencc::MarisaDict::NewFromFile(f);
        std::fclose(f);
        for (const auto& entry : *dict->GetLexicon()) {
          std::string key = entry->Key();
          if (entry->GetDefault() == key) continue;
          for (std::size_t pos = 0; pos < key.size();) (*out)[NextCodePoint(key, pos) % 0x110000] = true;
        }
      } catch (const std::exception& e) {
        std::fclose(f);
        spdlog::warn("text: reading {} failed: {}", name, e.what());
        return nullptr;
      }
    }
    return out;
  }();
  return changeable.get();
}

bool T2sMayChange(std::string_view s) {
  const std::vector<bool>* changeable = T2sChangeable();
  if (!changeable) return true;
  for (std::size_t pos = 0; pos < s.size();)
    if ((*changeable)[NextCodePoint(s, pos) % 0x110000]) return true;
  return false;
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
std::string ToSimplified(std::string_view s) {
  if (IsValidUtf8(s) && !T2sMayChange(s)) return std::string(s);
  return Convert(T2s(), s);
}
std::string internal::ToSimplifiedByDictionary(std::string_view s) { return Convert(T2s(), s); }
bool ChineseScriptReady() { return S2twp() != nullptr && T2s() != nullptr; }

}  // namespace kehu::text
