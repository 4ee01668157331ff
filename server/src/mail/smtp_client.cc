#include "mail/smtp_client.h"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "mail/mime.h"

namespace kehu::mail {
namespace {

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t nitems, void* userdata) {
  auto* up = static_cast<Upload*>(userdata);
  size_t n = std::min(size * nitems, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Error SmtpError(std::string text) {
  // Braces would be read as message placeholders by the error renderer.
  for (char& c : text) {
    if (c == '{') c = '(';
    if (c == '}') c = ')';
  }
  return Error(ErrorKind::kUnavailable, "smtp_failed").Arg("error", std::move(text));
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

SmtpCurlPlan PlanSmtp(const SmtpSettings& s) {
  SmtpCurlPlan plan;
  std::string host = s.host.find(':') != std::string::npos ? "[" + s.host + "]" : s.host;
  plan.url = (s.tls == "tls" ? "smtps://" : "smtp://") + host + ":" + std::to_string(s.port);
  // STARTTLS is required, not tried: a server that does not offer it fails the send instead of
  // receiving the password in clear.
  plan.use_ssl = s.tls == "none" ? CURLUSESSL_NONE : CURLUSESSL_ALL;
  plan.login = !s.username.empty();
  std::string name;
  if (!SplitMailbox(s.from, name, plan.mail_from)) plan.mail_from = s.from;
  return plan;
}

Status SendSmtp(const SmtpSettings& s, const std::string& to, const std::string& mime) {
  if (!s.configured()) return SmtpError("mail server not configured");
  if (!IsValidAddress(to)) return SmtpError("invalid recipient address");
  GlobalInit();
  SmtpCurlPlan plan = PlanSmtp(s);
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return SmtpError("curl_easy_init failed");
  CURL* c = curl.get();
  std::string mail_from = "<" + plan.mail_from + ">";
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(
      curl_slist_append(nullptr, ("<" + to + ">").c_str()));
  Upload upload{&mime};
  char errbuf[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(c, CURLOPT_URL, plan.url.c_str());
  curl_easy_setopt(c, CURLOPT_USE_SSL, plan.use_ssl);
  if (!s.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, s.ca_file.c_str());
  if (plan.login) {
    curl_easy_setopt(c, CURLOPT_USERNAME, s.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, s.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(s.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(s.total_timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we run on many threads
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");

  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return Ok();
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  // The error buffer has the details (and usually the summary too); strerror when it is empty.
  std::string text = errbuf[0] ? std::string(errbuf) : curl_easy_strerror(rc);
  if (code > 0 && text.find(std::to_string(code)) == std::string::npos)
    text += " (SMTP " + std::to_string(code) + ")";
  return SmtpError(std::move(text));
}

}  // namespace kehu::mail
