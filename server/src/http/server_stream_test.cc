// Streamed responses (http/event_stream.h) through a real Server: chunks arrive as they are
// pushed, the worker is free while a stream is open, a client that leaves closes the stream, the
// producer's Close ends the response cleanly, and shutdown does not wait for open streams.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "http/event_stream.h"
#include "http/server_test_fixture.h"

namespace kehu::http {
namespace {

using namespace std::chrono_literals;
using testing::CurlClient;

// A libcurl GET on its own thread that collects the body as it streams in.
class StreamingGet {
 public:
  explicit StreamingGet(std::string url) : url_(std::move(url)) {
    thread_ = std::thread([this] { Run(); });
  }
  ~StreamingGet() {
    abort_ = true;
    thread_.join();
  }
  // Waits until the body contains `needle`.
  bool WaitFor(const std::string& needle, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return body_.find(needle) != std::string::npos; });
  }
  bool WaitDone(std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return done_; });
  }
  std::string body() {
    std::lock_guard lock(mutex_);
    return body_;
  }
  std::string headers() {
    std::lock_guard lock(mutex_);
    return headers_;
  }
  CURLcode result() {
    std::lock_guard lock(mutex_);
    return result_;
  }

 private:
  void Run() {
    CURL* c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &StreamingGet::OnData);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &StreamingGet::OnHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &StreamingGet::OnProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, this);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    std::lock_guard lock(mutex_);
    result_ = rc;
    done_ = true;
    cv_.notify_all();
  }
  static size_t OnData(char* data, size_t size, size_t n, void* user) {
    auto* self = static_cast<StreamingGet*>(user);
    std::lock_guard lock(self->mutex_);
    self->body_.append(data, size * n);
    self->cv_.notify_all();
    return size * n;
  }
  static size_t OnHeader(char* data, size_t size, size_t n, void* user) {
    auto* self = static_cast<StreamingGet*>(user);
    std::lock_guard lock(self->mutex_);
    self->headers_.append(data, size * n);
    return size * n;
  }
  static int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<StreamingGet*>(user)->abort_ ? 1 : 0;
  }

  std::string url_;
  std::atomic<bool> abort_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::string body_, headers_;
  bool done_ = false;
  CURLcode result_ = CURLE_OK;
  std::thread thread_;
};

class ServerStreamTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    router_.Add("GET", "/api/v1/stream", [this](Request&) {
      Response res;
      res.headers["Content-Type"] = "text/event-stream";
      res.stream = std::make_shared<EventStream>();
      res.stream->Push(": hello\n\n");
      {
        std::lock_guard lock(mutex_);
        streams_.push_back(res.stream);
      }
      cv_.notify_all();
      return res;  // the worker returns at once; the stream lives on
    });
    router_.Add("GET", "/api/v1/ping", [](Request&) { return Response::Text(200, "pong"); });
  }

  std::shared_ptr<EventStream> WaitStream(size_t index) {
    std::unique_lock lock(mutex_);
    if (!cv_.wait_for(lock, 5s, [&] { return streams_.size() > index; })) return nullptr;
    return streams_[index];
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::shared_ptr<EventStream>> streams_;
};

TEST_F(ServerStreamTest, ChunksArriveAsTheyArePushedAndCloseEndsCleanly) {
  ServerOptions o;
  o.short_worker_threads = 1;  // the stream (a GET) must not hold the only worker of its lane
  StartServer(o);
  StreamingGet get(Url("/api/v1/stream"));
  auto stream = WaitStream(0);
  ASSERT_TRUE(stream);
  ASSERT_TRUE(get.WaitFor(": hello\n\n"));
  EXPECT_NE(get.headers().find("text/event-stream"), std::string::npos) << get.headers();
  EXPECT_NE(get.headers().find("chunked"), std::string::npos) << get.headers();
  EXPECT_EQ(get.headers().find("Content-Length"), std::string::npos) << get.headers();

  CurlClient other;  // the single worker is free while the stream stays open
  EXPECT_EQ(other.Do("GET", Url("/api/v1/ping")).body, "pong");

  ASSERT_TRUE(stream->Push("data: one\n\n"));
  ASSERT_TRUE(get.WaitFor("data: one\n\n"));
  EXPECT_FALSE(get.WaitDone(200ms));  // still open
  ASSERT_TRUE(stream->Push("data: two\n\n"));
  stream->Close();
  ASSERT_TRUE(get.WaitDone());
  EXPECT_EQ(get.result(), CURLE_OK);  // terminated by the last chunk, not cut off
  EXPECT_EQ(get.body(), ": hello\n\ndata: one\n\ndata: two\n\n");
  EXPECT_NE(access_log_.str().find("\"route\":\"/api/v1/stream\""), std::string::npos);
}

TEST_F(ServerStreamTest, ClientThatLeavesClosesTheStream) {
  StartServer({});
  auto get = std::make_unique<StreamingGet>(Url("/api/v1/stream"));
  auto stream = WaitStream(0);
  ASSERT_TRUE(stream);
  ASSERT_TRUE(get->WaitFor(": hello"));
  get.reset();  // aborts the transfer and closes the connection
  auto deadline = std::chrono::steady_clock::now() + 3s;
  while (!stream->closed() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(stream->closed());  // noticed without any write to fail
  EXPECT_FALSE(stream->Push("data: nobody\n\n"));
}

TEST_F(ServerStreamTest, ShutdownClosesOpenStreamsAtOnce) {
  StartServer({});
  server_->shutdown_grace = std::chrono::seconds(10);
  StreamingGet a(Url("/api/v1/stream"));
  StreamingGet b(Url("/api/v1/stream"));
  ASSERT_TRUE(WaitStream(1));
  ASSERT_TRUE(a.WaitFor(": hello"));
  ASSERT_TRUE(b.WaitFor(": hello"));
  auto t0 = std::chrono::steady_clock::now();
  StopServer();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
  EXPECT_TRUE(a.WaitDone());
  EXPECT_TRUE(WaitStream(0)->closed());
  EXPECT_TRUE(WaitStream(1)->closed());
  // A producer may keep pushing after the server is gone: nothing happens.
  EXPECT_FALSE(WaitStream(0)->Push("data: late\n\n"));
}

TEST_F(ServerStreamTest, PushAfterTheServerIsDestroyedIsHarmless) {
  StartServer({});
  StreamingGet get(Url("/api/v1/stream"));
  auto stream = WaitStream(0);
  ASSERT_TRUE(stream);
  ASSERT_TRUE(get.WaitFor(": hello"));
  StopServer();
  stream->Push("data: x\n\n");
  stream->Close();
  SUCCEED();
}

}  // namespace
}  // namespace kehu::http
