// A real HTTP receiver for the webhook tests: webhook_sink.py run by /usr/bin/python3 on a free
// loopback port, recording every request it gets (see the script for its paths: /ok, /fail, /hang,
// /robot-error). Stopped, and its files removed, when the Sink is destroyed.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "harness.h"

namespace kehu::apitest {

struct SinkRequest {
  std::string path;                            // "/ok?x=1"
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;                            // raw bytes as received
  json::value json;                            // parsed body (null if not JSON)
  double at = 0;                               // unix seconds when it arrived
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class Sink {
 public:
  Sink();
  ~Sink();
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  // Starts the receiver; reports failures through gtest (check HasFatalFailure()).
  void Start();
  // "http://127.0.0.1:<port><path>".
  std::string Url(const std::string& path) const;
  // Every request received so far, in arrival order.
  std::vector<SinkRequest> Requests() const;
  // Requests whose path starts with `prefix`.
  std::vector<SinkRequest> RequestsTo(const std::string& prefix) const;
  // Polls until `done(Requests())` or the timeout; returns the last requests seen.
  std::vector<SinkRequest> WaitFor(const std::function<bool(const std::vector<SinkRequest>&)>& done,
                                   std::chrono::milliseconds timeout) const;

 private:
  std::string dir_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0;
};

// "sha256=<hex HMAC-SHA256(body, secret)>" computed with libsodium, independently of the server.
std::string ExpectedSignature(const std::string& secret, const std::string& body);

// Polls `probe` every 200 ms until it returns true or the timeout passes; returns the last result.
bool Eventually(const std::function<bool()>& probe, std::chrono::milliseconds timeout);

}  // namespace kehu::apitest
