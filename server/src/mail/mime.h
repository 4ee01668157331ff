// Builds the RFC 5322 / MIME text of a plain-text mail: UTF-8 headers as RFC 2047 encoded words,
// a base64 body with CRLF line ends, Date and Message-ID. Pure functions, no I/O.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace kehu::mail {

struct MimeMessage {
  std::string from;     // "crm@example.com" or "Kehu 客户管理 <crm@example.com>"
  std::string to;       // a bare address
  std::string subject;  // UTF-8, one line
  std::string body;     // UTF-8 plain text; "\n" or "\r\n" line ends
  std::chrono::system_clock::time_point date;
  std::string message_id;  // without <>; empty = generated from random bytes and the From domain
};

// The whole message, ready for SMTP DATA (CRLF line ends; no line starts with '.').
std::string BuildMime(const MimeMessage& m);

// Standard base64 (with padding).
std::string Base64(std::string_view data);
// `text` as is when it is printable ASCII, else as RFC 2047 "B" encoded words of at most 75
// characters, never splitting a UTF-8 sequence, joined by CRLF + space (folded header).
std::string EncodeHeaderText(std::string_view text);
// "Sat, 05 Jan 2026 09:30:00 +0000".
std::string FormatRfc5322Date(std::chrono::system_clock::time_point t);

// Splits "Name <addr>" into its parts; a bare address gives an empty name. Returns false when
// the angle brackets are unbalanced.
bool SplitMailbox(std::string_view mailbox, std::string& name, std::string& address);
// A conservative check for an address we are willing to put in SMTP commands and headers:
// local@domain, printable ASCII or UTF-8 without spaces, controls, <>, commas or quotes; at most
// 254 bytes.
bool IsValidAddress(std::string_view address);

}  // namespace kehu::mail
