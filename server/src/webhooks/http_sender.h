// Concurrent HTTP POSTs with libcurl's multi interface: every request has its own connect and total
// time-out, so a target that hangs or answers slowly holds only its own slot, never the others.
// No redirects are followed and only http/https are spoken. At most 4 KB of each response body is
// kept (for robots that answer 200 with an error code inside).
//
// Thread-safety: none; one sender per delivery run, used on one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kehu::webhooks {

struct SenderOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{10000};
};

struct OutgoingRequest {
  int64_t key = 0;  // the caller's id for it (the delivery id)
  std::string url;
  std::string body;
  std::vector<std::string> headers;  // "Name: value"
};

struct SendResult {
  int64_t key = 0;
  long status = 0;           // HTTP status, 0 when no response came
  int64_t duration_ms = 0;
  std::string error;         // transport error ("timeout", "connection refused: …"), else ""
  std::string response;      // the first 4 KB of the response body
};

class HttpSender {
 public:
  explicit HttpSender(SenderOptions options = {});
  ~HttpSender();
  HttpSender(const HttpSender&) = delete;
  HttpSender& operator=(const HttpSender&) = delete;

  // Starts a request; it makes progress during Poll().
  void Add(OutgoingRequest request);
  size_t in_flight() const;
  // Runs transfers for up to `wait` (less when one finishes) and returns the finished ones.
  std::vector<SendResult> Poll(std::chrono::milliseconds wait);

 private:
  struct Transfer;
  void* multi_ = nullptr;  // CURLM*
  std::map<void*, std::unique_ptr<Transfer>> transfers_;  // by CURL* easy handle
  SenderOptions options_;
};

// curl_global_init, once per process; call at start-up before threads use libcurl.
void InitCurl();

}  // namespace kehu::webhooks
