#include "core/identifiers.h"

#include <array>

namespace kehu::ids {
namespace {

constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // value = index
constexpr std::array<int, 17> kCreditWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

}  // namespace

std::optional<std::string> NormalizeCreditCode(std::string_view input) {
  std::string out;
  for (char c : input) {
    if (c == ' ' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kCreditAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out += c;
  }
  if (out.size() != 18) return std::nullopt;
  return out;
}

bool CreditCodeChecksumOk(std::string_view code) {
  if (code.size() != 18) return false;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    size_t v = kCreditAlphabet.find(code[i]);
    if (v == std::string_view::npos) return false;
    sum += static_cast<int>(v) * kCreditWeights[i];
  }
  int check = (31 - sum % 31) % 31;
  return code[17] == kCreditAlphabet[check];
}

bool IsValidPostalCode(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace kehu::ids
