// Internal to the http layer (includes Beast): the connection coroutine, templated on the
// stream (plain TCP or TLS). Each stream type is instantiated in its own TU (session_plain.cc,
// session_tls.cc) so the two heavy instantiations compile in parallel.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <exception>
#include <limits>
#include <memory>
#include <type_traits>

#include "http/exchange.h"
#include "http/server_core.h"
#include "http/target.h"

namespace kehu::http::session_detail {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr size_t kHeaderLimit = 16 * 1024;
constexpr size_t kReadChunk = 4096;
constexpr std::chrono::seconds kLingerTimeout{1};

bool IsLoopback(const asio::ip::address& a);
// True for Beast's HTTP parse errors (as opposed to socket errors).
bool IsHttpError(const boost::system::error_code& ec);
// Copies method, target, headers and the request id from Beast's message.
void FillHeader(const bhttp::request<bhttp::string_body>& msg, Request& req);
// Beast's message from ours; HEAD keeps the Content-Length of the body it does not send.
bhttp::response<bhttp::string_body> ToBeast(const Request& req, Response&& res, bool keep_alive);
// Completion of a session's co_spawn: logs an exception that escaped it.
void LogSessionEnd(std::exception_ptr e);

template <class Stream>
class Session final : public SessionHandle, public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

 public:
  Session(ServerCore& core, tcp::socket socket) : core_(core), stream_(MakeStream(socket)) {
    boost::system::error_code ec;
    auto ep = Lowest().socket().remote_endpoint(ec);
    if (!ec) {
      remote_ = ep.address().to_string();
      loopback_ = IsLoopback(ep.address());
    }
  }
  ~Session() override { core_.sessions.Remove(this); }

  static asio::awaitable<void> Run(std::shared_ptr<Session> self) { co_await self->Serve(); }

  void CloseIfIdle() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->idle_) self->Lowest().cancel();
    });
  }

  asio::any_io_executor executor() { return stream_.get_executor(); }

 private:
  Stream MakeStream(tcp::socket& socket) {
    if constexpr (kTls) {
      return Stream(std::move(socket), *core_.tls);
    } else {
      return Stream(std::move(socket));
    }
  }
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }
  const ServerOptions& Options() const { return core_.options; }

  asio::awaitable<void> Serve() {
    if constexpr (kTls) {
      idle_ = true;  // no request yet: shutdown may drop it
      Lowest().expires_after(Options().read_timeout);
      auto [ec] = co_await stream_.async_handshake(asio::ssl::stream_base::server, kUseTuple);
      idle_ = false;
      if (ec) co_return;
    }
    // core_.stopping is checked right before idle_ is set, on this strand; CloseIfIdle runs on
    // the same strand, so a session is either told to stop here or closed while idle.
    // Idle timeout, peer close, shutdown or an I/O error end the loop without further ado.
    while (!core_.stopping && co_await AwaitRequest()) {
      bool keep_alive = false;
      if (!co_await ServeOne(keep_alive)) co_return;
      if (!keep_alive) {
        co_await CloseGracefully();
        co_return;
      }
    }
  }

  // Waits up to idle_timeout for the first byte of the next request.
  asio::awaitable<bool> AwaitRequest() {
    if (buffer_.size() > 0) co_return true;  // a pipelined request is already here
    idle_ = true;
    Lowest().expires_after(Options().idle_timeout);
    auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kUseTuple);
    idle_ = false;
    if (ec) co_return false;
    buffer_.commit(n);
    co_return true;
  }

  // Reads one request and writes its response. False if the connection is unusable.
  asio::awaitable<bool> ServeOne(bool& keep_alive) {
    Clock::time_point start = Clock::now();
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());  // set once the path is known
    Request req;
    req.remote_address = remote_;
    req.secure = kTls;
    Lowest().expires_after(Options().read_timeout);
    auto [ec, n] = co_await bhttp::async_read_header(stream_, buffer_, parser, kUseTuple);
    if (ec) co_return co_await ReadFailed(ec, req, start);
    FillHeader(parser.get(), req);

    auto target = ParseTarget(req.target);
    if (!target) co_return co_await Reply(req, core_.Error(400, "invalid_path", req), false, start);
    req.path = std::move(target->path);
    req.query = std::move(target->query);

    size_t limit =
        IsUploadRequest(req.method, req.path) ? Options().upload_body_limit : Options().body_limit;
    if (auto length = parser.content_length(); length && *length > limit) {
      co_return co_await Reply(req, core_.Error(413, "payload_too_large", req), false, start);
    }
    parser.body_limit(limit);  // also bounds chunked bodies while they arrive
    if (!parser.is_done()) {
      if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
        auto [wec, wn] = co_await bhttp::async_write(stream_, go_on, kUseTuple);
        if (wec) co_return false;
      }
      Lowest().expires_after(Options().read_timeout);
      auto [bec, bn] = co_await bhttp::async_read(stream_, buffer_, parser, kUseTuple);
      if (bec) co_return co_await ReadFailed(bec, req, start);
    }
    req.body = std::move(parser.get().body());
    keep_alive = parser.get().keep_alive();

    Lowest().expires_never();  // the handler may take its time; no timer may fire under it
    Response res = co_await core_.Dispatch(req, loopback_);
    keep_alive = keep_alive && !core_.stopping;
    co_return co_await Reply(req, std::move(res), keep_alive, start);
  }

  // Answers a request that could not be read, when there is still someone to answer.
  asio::awaitable<bool> ReadFailed(boost::system::error_code ec, Request& req,
                                   Clock::time_point start) {
    if (req.request_id.empty()) req.request_id = NewRequestId();
    if (ec == bhttp::error::body_limit) {
      co_return co_await Reply(req, core_.Error(413, "payload_too_large", req), false, start);
    }
    if (ec == bhttp::error::header_limit) {
      co_return co_await Reply(req, core_.Error(431, "header_too_large", req), false, start);
    }
    bool peer_gone = ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message;
    if (IsHttpError(ec) && !peer_gone) {
      co_return co_await Reply(req, core_.Error(400, "bad_request", req), false, start);
    }
    co_return false;  // timeout, reset, shutdown: close without a word
  }

  asio::awaitable<bool> Reply(const Request& req, Response res, bool keep_alive,
                              Clock::time_point start) {
    core_.Finalize(req, res);
    int status = res.status;
    auto out = ToBeast(req, std::move(res), keep_alive);
    core_.Record(req, status, out.body().size(), start);
    Lowest().expires_after(Options().read_timeout);
    auto [ec, n] = co_await bhttp::async_write(stream_, out, kUseTuple);
    co_return !ec;
  }

  // After a "Connection: close" answer: say goodbye, then read until the peer closes (briefly),
  // so unread request bytes do not turn our close into a reset that eats the answer.
  asio::awaitable<void> CloseGracefully() {
    Lowest().expires_after(kLingerTimeout);
    if constexpr (kTls) {
      co_await stream_.async_shutdown(kUseTuple);
    } else {
      boost::system::error_code ec;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      char sink[4096];
      while (!ec) {
        std::tie(ec, std::ignore) =
            co_await Lowest().async_read_some(asio::buffer(sink), kUseTuple);
      }
    }
  }

  ServerCore& core_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::string remote_;
  bool loopback_ = false;
  bool idle_ = false;  // waiting for a request; shutdown may close it
};

template <class S>
void Spawn(ServerCore& core, tcp::socket socket) {
  auto session = std::make_shared<S>(core, std::move(socket));
  core.sessions.Add(session);
  auto ex = session->executor();
  asio::co_spawn(ex, S::Run(std::move(session)), LogSessionEnd);
}

void StartPlainSession(ServerCore& core, tcp::socket socket);
void StartTlsSession(ServerCore& core, tcp::socket socket);

}  // namespace kehu::http::session_detail
