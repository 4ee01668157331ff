// Internal to the http layer (includes Beast): the connection coroutine, templated on the
// stream (plain TCP or TLS). Each stream type is instantiated in its own TU (session_plain.cc,
// session_tls.cc) so the two heavy instantiations compile in parallel.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <exception>
#include <limits>
#include <memory>
#include <type_traits>

#include "http/event_stream.h"
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
// The head of a streamed response: chunked, Connection: close, no Content-Length.
bhttp::response<bhttp::empty_body> ToBeastStreamHead(const Request& req, const Response& res);
// Completion of a session's co_spawn: logs an exception that escaped it.
void LogSessionEnd(std::exception_ptr e);

template <class Stream>
class Session final : public SessionHandle, public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

 public:
  Session(ServerCore& core, tcp::socket socket)
      : core_(core), stream_(MakeStream(socket)), wake_(stream_.get_executor()) {
    boost::system::error_code ec;
    auto ep = Lowest().socket().remote_endpoint(ec);
    if (!ec) {
      remote_ = ep.address().to_string();
      loopback_ = IsLoopback(ep.address());
    }
  }
  ~Session() override {
    // Normally StreamResponse did this; not when the frame is destroyed with the io_context.
    if (events_) events_->SetWaker(nullptr);
    core_.sessions.Remove(this);
  }

  static asio::awaitable<void> Run(std::shared_ptr<Session> self) { co_await self->Serve(); }

  void CloseIfIdle() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->idle_) self->Lowest().cancel();
      if (self->streaming_) {  // PumpEvents sees core_.stopping once woken or its write aborts
        self->wake_.cancel();
        self->Lowest().cancel();
      }
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
    if (res.stream) {
      co_await StreamResponse(req, std::move(res), start);
      co_return false;  // a streamed response always ends its connection
    }
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

  // Writes the head of a streamed response, then its chunks as they come (PumpEvents); a clean
  // end (the producer closed) gets the last chunk and a graceful close, anything else just ends.
  asio::awaitable<void> StreamResponse(const Request& req, Response res, Clock::time_point start) {
    events_ = std::move(res.stream);
    EventStream* events = events_.get();
    core_.Finalize(req, res);
    auto head = ToBeastStreamHead(req, res);
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    streaming_ = true;  // from here on shutdown closes us at once
    Lowest().expires_after(Options().read_timeout);
    auto [ec, n] = co_await bhttp::async_write_header(stream_, serializer, kUseTuple);
    size_t bytes = 0;
    bool clean = !ec && req.method != "HEAD";
    if (clean) {
      events->SetWaker([core = &core_, weak = this->weak_from_this(), ex = stream_.get_executor()] {
        core->PostUnlessShutDown([&] {
          asio::post(ex, [weak] {
            if (auto self = weak.lock()) self->wake_.cancel();
          });
        });
      });
      WatchPeer();
      clean = co_await PumpEvents(*events, bytes);
      events->SetWaker(nullptr);
    }
    streaming_ = false;
    events->Close();  // tells the producer we are gone (no-op if it closed first)
    core_.Record(req, res.status, bytes, start);
    if (clean) {
      Lowest().expires_after(Options().read_timeout);
      auto [lec, ln] = co_await asio::async_write(stream_, bhttp::make_chunk_last(), kUseTuple);
      clean = !lec;
    }
    boost::system::error_code ignored;
    Lowest().socket().cancel(ignored);  // ends WatchPeer's wait
    if (clean) co_await CloseGracefully();
  }

  // Writes the stream's data as it arrives. True when the producer closed the stream; false when
  // the peer went away, a write failed or timed out, or the server is stopping.
  asio::awaitable<bool> PumpEvents(EventStream& events, size_t& bytes) {
    while (true) {
      if (core_.stopping || peer_gone_) co_return false;
      EventStream::Batch batch = events.Take();
      if (!batch.data.empty()) {
        Lowest().expires_after(Options().read_timeout);  // a client that stops reading is cut off
        auto [ec, n] =
            co_await asio::async_write(stream_, bhttp::make_chunk(asio::buffer(batch.data)), kUseTuple);
        if (ec) co_return false;
        bytes += batch.data.size();
        continue;  // Take() again: more may have come, or the close that came with this batch
      }
      if (batch.closed) co_return true;
      // Take() and this wait run on the strand without a suspension between them, and wakers
      // post to the same strand, so a Push can never slip in unnoticed.
      Lowest().expires_never();
      wake_.expires_at(Clock::time_point::max());
      co_await wake_.async_wait(kUseTuple);
    }
  }

  // A streaming client sends nothing more: the socket turning readable means it closed (or
  // misbehaves). Either way the stream ends at once instead of at the next failed write.
  void WatchPeer() {
    Lowest().socket().async_wait(tcp::socket::wait_read,
                                 [self = this->shared_from_this()](boost::system::error_code) {
                                   self->peer_gone_ = true;
                                   self->wake_.cancel();
                                 });
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
  asio::steady_timer wake_;  // PumpEvents waits on it; wakers and WatchPeer cancel it
  std::shared_ptr<EventStream> events_;  // the response being streamed, if any
  beast::flat_buffer buffer_;
  std::string remote_;
  bool loopback_ = false;
  bool idle_ = false;  // waiting for a request; shutdown may close it
  bool streaming_ = false;  // writing an EventStream; shutdown closes it too
  bool peer_gone_ = false;  // set by WatchPeer
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
