#include "webhooks/http_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

namespace kehu::webhooks {

namespace {

constexpr size_t kMaxResponse = 4096;

size_t KeepSome(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  size_t bytes = size * n;
  if (out->size() < kMaxResponse) out->append(data, std::min(bytes, kMaxResponse - out->size()));
  return bytes;  // read and drop the rest, so the server is not stalled
}

std::string DescribeError(CURLcode code, const char* detail) {
  if (code == CURLE_OPERATION_TIMEDOUT) return "timeout";
  std::string out = curl_easy_strerror(code);
  if (detail && *detail) out += ": " + std::string(detail);
  return out.substr(0, 300);
}

}  // namespace

struct HttpSender::Transfer {
  OutgoingRequest request;
  curl_slist* headers = nullptr;
  std::string response;
  char error[CURL_ERROR_SIZE] = {};
  std::chrono::steady_clock::time_point started;
};

void InitCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

HttpSender::HttpSender(SenderOptions options) : multi_(curl_multi_init()), options_(options) {}

HttpSender::~HttpSender() {
  for (auto& [easy, t] : transfers_) {
    curl_multi_remove_handle(static_cast<CURLM*>(multi_), static_cast<CURL*>(easy));
    curl_easy_cleanup(static_cast<CURL*>(easy));
    curl_slist_free_all(t->headers);
  }
  curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

void HttpSender::Add(OutgoingRequest request) {
  auto t = std::make_unique<Transfer>();
  t->request = std::move(request);
  for (const auto& h : t->request.headers) t->headers = curl_slist_append(t->headers, h.c_str());
  // Without this, curl sends "Expect: 100-continue" for larger bodies and waits for an answer.
  t->headers = curl_slist_append(t->headers, "Expect:");
  CURL* easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, t->request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_POST, 1L);
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t->request.body.data());
  curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->request.body.size()));
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, KeepSome);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t->response);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->error);
  t->started = std::chrono::steady_clock::now();
  curl_multi_add_handle(static_cast<CURLM*>(multi_), easy);
  transfers_[easy] = std::move(t);
}

size_t HttpSender::in_flight() const { return transfers_.size(); }

std::vector<SendResult> HttpSender::Poll(std::chrono::milliseconds wait) {
  auto* multi = static_cast<CURLM*>(multi_);
  int running = 0;
  curl_multi_perform(multi, &running);
  if (running > 0) {
    curl_multi_poll(multi, nullptr, 0, static_cast<int>(wait.count()), nullptr);
    curl_multi_perform(multi, &running);
  }
  std::vector<SendResult> done;
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    auto it = transfers_.find(easy);
    if (it == transfers_.end()) continue;
    Transfer& t = *it->second;
    SendResult r;
    r.key = t.request.key;
    r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - t.started)
                        .count();
    if (msg->data.result == CURLE_OK) curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &r.status);
    else r.error = DescribeError(msg->data.result, t.error);
    r.response = std::move(t.response);
    curl_multi_remove_handle(multi, easy);
    curl_easy_cleanup(easy);
    curl_slist_free_all(t.headers);
    transfers_.erase(it);
    done.push_back(std::move(r));
  }
  return done;
}

}  // namespace kehu::webhooks
