// Sends one message over SMTP with libcurl: plain, STARTTLS (required, not opportunistic) or
// implicit TLS (smtps), optional AUTH. Every send is bounded by a connect and a total timeout, so a
// hanging server delays only mail. Blocking: call from a worker or job thread, never an io thread.
//
// Thread-safety: the functions are reentrant (one curl handle per call).
#pragma once

#include <chrono>
#include <string>

#include "core/result.h"

namespace kehu::mail {

struct SmtpSettings {
  std::string host;  // empty = not configured
  int port = 25;
  std::string tls = "none";  // "none" | "starttls" | "tls"
  std::string username;      // empty = no AUTH
  std::string password;      // secret: never logged, never returned by the API
  std::string from;          // "crm@example.com" or "Kehu <crm@example.com>"
  std::string ca_file;       // extra trusted CA (PEM); empty = the system store
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};

  bool configured() const { return !host.empty() && !from.empty(); }
};

// What libcurl is told for given settings; computed separately so tests can check each mode.
struct SmtpCurlPlan {
  std::string url;        // "smtp://host:port" or "smtps://host:port" (IPv6 in brackets)
  long use_ssl = 0;       // CURLUSESSL_NONE or CURLUSESSL_ALL
  bool login = false;     // CURLOPT_USERNAME/PASSWORD set
  std::string mail_from;  // bare address from `from`
};
SmtpCurlPlan PlanSmtp(const SmtpSettings& settings);

// Sends `mime` (the full message text, CRLF line ends) from settings.from to `to`. On failure
// returns kUnavailable "smtp_failed" with args {"error": curl's and the server's words, e.g.
// "Login denied (535 5.7.8 Authentication credentials invalid)"} (never a secret).
Status SendSmtp(const SmtpSettings& settings, const std::string& to, const std::string& mime);

}  // namespace kehu::mail
