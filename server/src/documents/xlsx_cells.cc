#include "documents/xlsx_cells.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/text/utf8.h"

namespace kehu::documents {

namespace {

constexpr int kMaxColumns = 16384;
constexpr double kMaxSerial = 2958465;  // 9999-12-31

// Howard Hinnant's civil_from_days: days since 1970-01-01 → year, month, day.
void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

int SignificantDigits(std::string_view s) {
  int count = 0;
  bool leading = true;
  for (char c : s) {
    if (c == 'e' || c == 'E') break;
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++count;
  }
  return count;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of an _xHHHH_ escape at s[i], or -1.
int EscapeAt(std::string_view s, size_t i) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return -1;
  int v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    int h = HexValue(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

}  // namespace

std::optional<CellRef> ParseCellRef(std::string_view ref) {
  CellRef out;
  size_t i = 0;
  int col = 0;
  for (; i < ref.size() && i < 3; ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
  }
  if (i == 0 || col > kMaxColumns) return std::nullopt;
  out.col = col - 1;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9' || out.row > 10'000'000) return std::nullopt;
    out.row = out.row * 10 + (ref[i] - '0');
  }
  return out;
}

std::string NormalizeNumberText(std::string_view stored) {
  bool has_exponent = stored.find_first_of("eE") != std::string_view::npos;
  bool fraction = stored.find('.') != std::string_view::npos;
  if (!has_exponent && (!fraction || SignificantDigits(stored) <= 15)) return std::string(stored);
  std::string s(stored);
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return s;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);  // Excel keeps 15 significant digits
  if (std::string_view(buf).find('e') == std::string_view::npos || std::fabs(v) >= 1e21 ||
      std::fabs(v) < 1)
    return buf;
  // An integer of 16–21 digits: spell out its 15 significant digits and pad with zeros, as
  // Excel shows it with format "0" (printf would show the binary value: …889920).
  std::snprintf(buf, sizeof buf, "%.14e", v);
  std::string_view e(buf);
  size_t exp_pos = e.find('e');
  int exponent = std::atoi(buf + exp_pos + 1);  // 15…20 here
  std::string digits;
  for (char c : e.substr(0, exp_pos))
    if (c == '-' || (c >= '0' && c <= '9')) digits += c;
  digits.append(static_cast<size_t>(exponent - 14), '0');
  return digits;
}

bool IsDateFormat(int num_fmt_id, std::string_view code) {
  if ((num_fmt_id >= 14 && num_fmt_id <= 22) || (num_fmt_id >= 27 && num_fmt_id <= 36) ||
      (num_fmt_id >= 45 && num_fmt_id <= 47) || (num_fmt_id >= 50 && num_fmt_id <= 58))
    return true;
  if (num_fmt_id < 164) return false;
  bool quoted = false, bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (bracket) {
      bracket = c != ']';
      continue;
    }
    if (c == '"')
      quoted = true;
    else if (c == '[')
      bracket = true;
    else if (c == '\\' || c == '_' || c == '*')
      ++i;  // the next character is literal / padding
    else if (c == ';')
      break;  // only the first section decides
    else if (std::string_view("ymdhsYMDHS").find(c) != std::string_view::npos)
      return true;
  }
  return false;
}

std::optional<std::string> SerialToIso(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > kMaxSerial) return std::nullopt;
  auto days = static_cast<int64_t>(std::floor(serial));
  auto seconds = static_cast<int64_t>(std::llround((serial - static_cast<double>(days)) * 86400));
  if (seconds == 86400) {
    ++days;
    seconds = 0;
  }
  char time[16];
  std::snprintf(time, sizeof time, "%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  if (days == 0 && !date1904) return std::string(time);
  // 1900 system: serial 25569 is 1970-01-01; below 61 Excel counts the non-existent 1900-02-29.
  int64_t epoch_days = date1904 ? days - 24107 : days - 25569 + (days < 61 ? 1 : 0);
  int64_t y;
  unsigned m, d;
  CivilFromDays(epoch_days, y, m, d);
  char date[32];
  std::snprintf(date, sizeof date, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return seconds == 0 ? std::string(date) : std::string(date) + " " + time;
}

std::string UnescapeOoxml(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    int unit = EscapeAt(s, i);
    if (unit < 0) {
      out += s[i++];
      continue;
    }
    i += 7;
    char32_t cp = static_cast<char32_t>(unit);
    int low = unit >= 0xD800 && unit <= 0xDBFF ? EscapeAt(s, i) : -1;
    if (low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<char32_t>(low) - 0xDC00);
      i += 7;
    }
    text::AppendUtf8(out, cp);  // a lone surrogate becomes U+FFFD
  }
  return out;
}

}  // namespace kehu::documents
