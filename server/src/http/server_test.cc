// A real Server on a loopback port, driven with libcurl: API round trips, limits, headers, metrics,
// shutdown. Static files and TLS are in server_static_test.cc and server_tls_test.cc.
#include <gmock/gmock.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>

#include "http/server_test_fixture.h"

namespace kehu::http {
namespace {

using testing::CurlClient;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RawExchange;
namespace json = boost::json;

class ServerTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    test_thread_ = std::this_thread::get_id();
    router_.Add("POST", "/api/v1/{entity}", [this](Request& req) {
      bool on_worker = std::this_thread::get_id() != test_thread_;
      json::value v = {{"entity", req.path_params.at("entity")},
                       {"q", req.QueryValue("q")},
                       {"body", json::parse(req.body)},
                       {"onWorker", on_worker}};
      return Response::Json(201, json::serialize(v));
    });
    router_.Add("GET", "/api/v1/{entity}", [](Request& req) {
      req.user_id = 7;
      return Response::Json(200, R"({"items":[]})");
    });
    router_.Add("POST", "/api/v1/{entity}/import",
                [](Request& req) { return Response::Text(200, std::to_string(req.body.size())); });
    router_.Add("GET", "/api/v1/debug/slow", [](Request&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return Response::Text(200, "slow done");
    });
    router_.Add("GET", "/api/v1/debug/boom",
                [](Request&) -> Response { throw std::runtime_error("boom"); });
  }

  std::thread::id test_thread_;
};

TEST_F(ServerTest, JsonRoundTripRunsOnWorkerThread) {
  StartServer({});
  CurlClient c;
  std::string body = R"({"name":"北京客户"})";
  auto r = c.Do("POST", Url("/api/v1/customers?q=%E5%8C%97+x"), {"Content-Type: application/json"},
                &body);
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.headers["Content-Type"], "application/json; charset=utf-8");
  auto v = json::parse(r.body);
  EXPECT_EQ(v.at("entity").as_string(), "customers");
  EXPECT_EQ(v.at("q").as_string(), "北 x");
  EXPECT_EQ(v.at("body").at("name").as_string(), "北京客户");
  EXPECT_TRUE(v.at("onWorker").as_bool());
  EXPECT_EQ(r.headers["Cache-Control"], "no-store");
}

TEST_F(ServerTest, SlowHandlerDoesNotBlockTheIoThread) {
  ServerOptions o;
  o.io_threads = 1;
  StartServer(o);
  auto slow = std::async(std::launch::async, [&] {
    CurlClient c;
    return c.Do("GET", Url("/api/v1/debug/slow"));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto t0 = std::chrono::steady_clock::now();
  CurlClient fast;
  EXPECT_EQ(fast.Do("GET", Url("/api/v1/customers")).status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(200));
  EXPECT_EQ(slow.get().body, "slow done");
}

// Each lane has its own threads: with one thread per lane, a request holding the long lane (a write
// waiting for its commit, an export) must not hold up a read, nor a held read a write.
TEST_F(ServerTest, LanesDoNotWaitForEachOther) {
  std::promise<void> release_long, release_short;
  std::shared_future<void> long_gate = release_long.get_future().share();
  std::shared_future<void> short_gate = release_short.get_future().share();
  router_.Add("GET", "/api/v1/debug/held-long", [long_gate](Request&) {
    long_gate.wait_for(std::chrono::seconds(10));
    return Response::Text(200, "long done");
  }, Lane::kLong);
  router_.Add("GET", "/api/v1/debug/held-short", [short_gate](Request&) {
    short_gate.wait_for(std::chrono::seconds(10));
    return Response::Text(200, "short done");
  });
  ServerOptions o;
  o.worker_threads = 1;
  o.short_worker_threads = 1;
  o.lane_of = [this](const Request& r) { return router_.LaneOf(r); };
  StartServer(o);
  auto held = [&](const char* path) {
    return std::async(std::launch::async, [this, path] { return CurlClient().Do("GET", Url(path)); });
  };
  std::string body = R"({"name":"x"})";

  auto long_call = held("/api/v1/debug/held-long");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(CurlClient().Do("GET", Url("/api/v1/customers")).status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  release_long.set_value();
  EXPECT_EQ(long_call.get().body, "long done");

  auto short_call = held("/api/v1/debug/held-short");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(CurlClient().Do("POST", Url("/api/v1/customers"), {"Content-Type: application/json"}, &body).status,
            201);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  release_short.set_value();
  EXPECT_EQ(short_call.get().body, "short done");
}

TEST_F(ServerTest, KeepAliveReusesTheConnection) {
  StartServer({});
  CurlClient c;
  auto first = c.Do("GET", Url("/api/v1/customers"));
  auto second = c.Do("GET", Url("/api/v1/customers"));
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(first.new_connections, 1);
  EXPECT_EQ(second.new_connections, 0);
}

TEST_F(ServerTest, OversizedBodyIs413AndClosesTheConnection) {
  ServerOptions o;
  o.body_limit = 1024;
  o.upload_body_limit = 64 * 1024;
  StartServer(o);
  CurlClient c;
  std::string big(2048, 'x');
  auto r = c.Do("POST", Url("/api/v1/customers"), {"Content-Type: application/json"}, &big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(json::parse(r.body).at("error").at("code").as_string(), "payload_too_large");
  EXPECT_EQ(r.headers["Connection"], "close");

  // The same size is fine where the upload limit applies.
  auto up = c.Do("POST", Url("/api/v1/customers/import"), {"Content-Type: text/csv"}, &big);
  EXPECT_EQ(up.status, 200);
  EXPECT_EQ(up.body, "2048");
}

TEST_F(ServerTest, OversizedChunkedBodyIs413WhileReading) {
  ServerOptions o;
  o.body_limit = 1024;
  StartServer(o);
  std::string chunk(800, 'x');
  std::string raw =
      "POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) raw += "320\r\n" + chunk + "\r\n";
  raw += "0\r\n\r\n";
  std::string got = RawExchange(port_, raw);
  EXPECT_THAT(got, ::testing::StartsWith("HTTP/1.1 413"));
  EXPECT_THAT(got, HasSubstr("payload_too_large"));
}

TEST_F(ServerTest, BadPercentEncodingAndTraversalAre400) {
  StartServer({});
  for (std::string target : {"/api/v1/x%zz", "/assets/../../etc/passwd", "/assets/%2e%2e/x",
                             "/a%00b", "/api/v1/customers?q=%G0"}) {
    std::string got = RawExchange(port_, "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_THAT(got, ::testing::StartsWith("HTTP/1.1 400")) << target;
    EXPECT_THAT(got, HasSubstr("\"invalid_path\"")) << target;
  }
  std::string garbage = RawExchange(port_, "NOT HTTP AT ALL\r\n\r\n");
  EXPECT_THAT(garbage, ::testing::StartsWith("HTTP/1.1 400"));
}

TEST_F(ServerTest, SecurityHeadersAndRequestIdOnEveryResponse) {
  StartServer({});
  CurlClient c;
  auto ok = c.Do("GET", Url("/api/v1/customers"), {"X-Request-Id: abc-123"});
  auto missing = c.Do("GET", Url("/api/v2/nothing"), {"X-Request-Id: bad id!"});
  for (auto* r : {&ok, &missing}) {
    EXPECT_EQ(r->headers["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(r->headers["X-Frame-Options"], "DENY");
    EXPECT_EQ(r->headers["Referrer-Policy"], "same-origin");
    EXPECT_THAT(r->headers["Content-Security-Policy"],
                HasSubstr("default-src 'self'; img-src 'self' data: blob:;"));
    EXPECT_EQ(r->headers.count("Strict-Transport-Security"), 0u);
  }
  EXPECT_EQ(ok.headers["X-Request-Id"], "abc-123");
  EXPECT_EQ(missing.status, 404);
  EXPECT_THAT(missing.headers["X-Request-Id"], ::testing::MatchesRegex("[0-9a-f]{16}"));
}

TEST_F(ServerTest, HandlerExceptionIs500AndServerKeepsServing) {
  StartServer({});
  CurlClient c;
  auto r = c.Do("GET", Url("/api/v1/debug/boom"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(json::parse(r.body).at("error").at("code").as_string(), "internal_error");
  EXPECT_EQ(c.Do("GET", Url("/api/v1/customers")).status, 200);
}

TEST_F(ServerTest, ErrorRendererOptionIsUsedForTransportErrors) {
  ServerOptions o;
  o.body_limit = 10;
  o.error_renderer = [](int status, const std::string& code, const Request&) {
    return Response::Json(status, R"({"error":{"code":")" + code + R"(","message":"太大了"}})");
  };
  StartServer(o);
  CurlClient c;
  std::string big(100, 'x');
  auto r = c.Do("POST", Url("/api/v1/customers"), {}, &big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(json::parse(r.body).at("error").at("message").as_string(), "太大了");
}

TEST_F(ServerTest, OverloadedWorkerQueueIs503) {
  ServerOptions o;
  o.short_worker_threads = 1;  // the lane of these GETs
  o.max_queued = 1;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> entered{0};
  router_.Add("GET", "/api/v1/debug/block", [&](Request&) {
    ++entered;
    released.wait();
    return Response::Text(200, "unblocked");
  });
  StartServer(o);
  auto busy = std::async(std::launch::async,
                         [&] { return CurlClient().Do("GET", Url("/api/v1/debug/block")); });
  while (entered == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto queued = std::async(std::launch::async,
                           [&] { return CurlClient().Do("GET", Url("/api/v1/debug/block")); });
  while (server_->QueuedRequests() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto rejected = CurlClient().Do("GET", Url("/api/v1/customers"));
  EXPECT_EQ(rejected.status, 503);
  EXPECT_EQ(json::parse(rejected.body).at("error").at("code").as_string(), "overloaded");
  EXPECT_EQ(rejected.headers["Retry-After"], "1");
  release.set_value();
  EXPECT_EQ(busy.get().status, 200);
  EXPECT_EQ(queued.get().status, 200);
}

TEST_F(ServerTest, MetricsFromLoopbackCountRequests) {
  StartServer({});
  CurlClient c;
  c.Do("GET", Url("/api/v1/customers"));
  c.Do("GET", Url("/api/v1/leads"));
  c.Do("GET", Url("/api/v2/unknown/path"));
  auto m = c.Do("GET", Url("/metrics"));
  EXPECT_EQ(m.status, 200);
  EXPECT_THAT(m.headers["Content-Type"], HasSubstr("text/plain; version=0.0.4"));
  EXPECT_THAT(m.body, HasSubstr("kehu_http_requests_total{route=\"/api/v1/{entity}\","
                                "method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_THAT(m.body, HasSubstr("kehu_http_requests_total{route=\"unmatched\","
                                "method=\"GET\",status=\"404\"} 1\n"));
  EXPECT_THAT(
      m.body,
      HasSubstr("kehu_http_request_duration_seconds_count{route=\"/api/v1/{entity}\"} 2\n"));
  EXPECT_THAT(m.body, HasSubstr("kehu_http_open_connections 1\n"));
  EXPECT_THAT(m.body, HasSubstr("kehu_http_worker_queue_depth 0\n"));
  EXPECT_THAT(m.body, Not(HasSubstr("/api/v2/unknown/path")));
}

TEST_F(ServerTest, AccessLogHasOneJsonLinePerRequestWithUser) {
  StartServer({});
  CurlClient c;
  c.Do("GET", Url("/api/v1/customers"), {"X-Request-Id: log-test-1"});
  StopServer();
  access_sink_->flush();
  std::string line;
  std::istringstream lines(access_log_.str());
  bool found = false;
  while (std::getline(lines, line)) {
    auto v = json::parse(line);  // every line is JSON
    if (v.at("reqId").as_string() != "log-test-1") continue;
    found = true;
    EXPECT_EQ(v.at("route").as_string(), "/api/v1/{entity}");
    EXPECT_EQ(v.at("path").as_string(), "/api/v1/customers");
    EXPECT_EQ(v.at("status").as_int64(), 200);
    EXPECT_EQ(v.at("user").as_int64(), 7);
    EXPECT_EQ(v.at("remote").as_string(), "127.0.0.1");
    EXPECT_EQ(v.at("bytes").as_int64(), 12);
  }
  EXPECT_TRUE(found) << access_log_.str();
}

TEST_F(ServerTest, StopDeliversInFlightResponseAndClosesIdleConnections) {
  StartServer({});
  CurlClient idle;  // an open keep-alive connection with nothing in flight
  ASSERT_EQ(idle.Do("GET", Url("/api/v1/customers")).status, 200);
  auto slow = std::async(std::launch::async,
                         [&] { return CurlClient().Do("GET", Url("/api/v1/debug/slow")); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto t0 = std::chrono::steady_clock::now();
  server_->Stop();
  runner_.join();  // RunUntilSignal returns once the slow response is out and idle ones closed
  auto took = std::chrono::steady_clock::now() - t0;
  auto r = slow.get();
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "slow done");
  EXPECT_EQ(r.headers["Connection"], "close");
  EXPECT_LT(took, std::chrono::seconds(3));  // well under shutdown_grace (10 s)
  // Nothing listens any more.
  CurlClient late;
  EXPECT_NE(late.Do("GET", Url("/api/v1/customers")).error, "");
  server_.reset();
}

TEST_F(ServerTest, IncompleteRequestIsCutOffAfterReadTimeout) {
  ServerOptions o;
  o.read_timeout = std::chrono::seconds(1);
  StartServer(o);
  auto t0 = std::chrono::steady_clock::now();
  std::string got = RawExchange(port_, "GET /api/v1/customers HTTP/1.1\r\nHost: x\r\n", 5000);
  auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(got, "");  // closed without an answer
  EXPECT_GE(took, std::chrono::milliseconds(900));
  EXPECT_LT(took, std::chrono::milliseconds(3000));
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterIdleTimeout) {
  ServerOptions o;
  o.idle_timeout = std::chrono::seconds(1);
  StartServer(o);
  auto t0 = std::chrono::steady_clock::now();
  std::string got = RawExchange(port_, "GET /api/v1/customers HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
  auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_THAT(got, ::testing::StartsWith("HTTP/1.1 200"));
  EXPECT_GE(took, std::chrono::milliseconds(900));
  EXPECT_LT(took, std::chrono::milliseconds(3000));
}

TEST_F(ServerTest, StartFailsWhenPortIsTaken) {
  StartServer({});
  ServerOptions o;
  o.port = port_;
  Server second(o, nullptr, nullptr);
  auto r = second.Start();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "listen_failed");
}

}  // namespace
}  // namespace kehu::http
