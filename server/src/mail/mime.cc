#include "mail/mime.h"

#include <ctime>

#include "core/crypto.h"

namespace kehu::mail {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr size_t kBodyLine = 76;   // RFC 2045 limit for base64 lines
constexpr size_t kWordBytes = 45;  // 45 bytes -> 60 base64 chars -> 72-char encoded word

bool IsPlainAscii(std::string_view s) {
  if (s.size() > 70) return false;  // long lines would need folding; encoding folds them for us
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  // "=?" would be read as the start of an encoded word.
  return s.find("=?") == std::string_view::npos;
}

// Length of the UTF-8 sequence starting with lead byte `c` (1 for anything unexpected).
size_t SequenceLength(unsigned char c) {
  if (c >= 0xf0) return 4;
  if (c >= 0xe0) return 3;
  if (c >= 0xc0) return 2;
  return 1;
}

std::string NormalizeLineEnds(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 20);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string Domain(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "kehu.localdomain" : address.substr(at + 1);
}

}  // namespace

std::string Base64(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    uint32_t n = (static_cast<unsigned char>(data[i]) << 16) |
                 (static_cast<unsigned char>(data[i + 1]) << 8) |
                 static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (size_t rest = data.size() - i; rest > 0) {
    uint32_t n = static_cast<unsigned char>(data[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string EncodeHeaderText(std::string_view text) {
  if (IsPlainAscii(text)) return std::string(text);
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = pos;
    while (end < text.size()) {
      size_t len = SequenceLength(static_cast<unsigned char>(text[end]));
      if (end + len - pos > kWordBytes) break;
      end += len;
    }
    if (end == pos)
      end = std::min(text.size(), pos + SequenceLength(static_cast<unsigned char>(text[pos])));
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string FormatRfc5322Date(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

bool SplitMailbox(std::string_view mailbox, std::string& name, std::string& address) {
  auto lt = mailbox.find('<');
  auto gt = mailbox.rfind('>');
  if (lt == std::string_view::npos && gt == std::string_view::npos) {
    name.clear();
    address = std::string(mailbox);
  } else {
    if (lt == std::string_view::npos || gt == std::string_view::npos || gt < lt ||
        gt != mailbox.size() - 1)
      return false;
    std::string_view n = mailbox.substr(0, lt);
    while (!n.empty() && n.back() == ' ') n.remove_suffix(1);
    if (n.size() >= 2 && n.front() == '"' && n.back() == '"') n = n.substr(1, n.size() - 2);
    name = std::string(n);
    address = std::string(mailbox.substr(lt + 1, gt - lt - 1));
  }
  return true;
}

bool IsValidAddress(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  auto at = a.rfind('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= a.size()) return false;
  for (char c : a) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == '"' || c == '(' ||
        c == ')' || c == ';' || c == '\\')
      return false;
  }
  std::string_view domain = a.substr(at + 1);
  return domain.find('@') == std::string_view::npos && domain.front() != '.' &&
         domain.back() != '.';
}

std::string BuildMime(const MimeMessage& m) {
  std::string from_name, from_address;
  if (!SplitMailbox(m.from, from_name, from_address)) from_address = m.from;
  std::string from =
      from_name.empty() ? from_address : EncodeHeaderText(from_name) + " <" + from_address + ">";
  std::string id =
      m.message_id.empty() ? crypto::RandomHex(16) + "@" + Domain(from_address) : m.message_id;

  std::string out;
  out += "Date: " + FormatRfc5322Date(m.date) + "\r\n";
  out += "From: " + from + "\r\n";
  out += "To: <" + m.to + ">\r\n";
  out += "Subject: " + EncodeHeaderText(m.subject) + "\r\n";
  out += "Message-ID: <" + id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  std::string encoded = Base64(NormalizeLineEnds(m.body));
  for (size_t i = 0; i < encoded.size(); i += kBodyLine)
    out += encoded.substr(i, kBodyLine) + "\r\n";
  return out;
}

}  // namespace kehu::mail
