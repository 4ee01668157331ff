#include "http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <thread>
#include <vector>

#include "http/server_core.h"
#include "http/session.h"

namespace kehu::http {

using tcp = asio::ip::tcp;

class Server::Impl {
 public:
  Impl(ServerOptions options, Handler api, Metrics* metrics, const std::chrono::seconds& grace)
      : core_(std::move(options), std::move(api), metrics),
        grace_(grace),
        ioc_(std::max(1, core_.options.io_threads)),
        acceptor_(asio::make_strand(ioc_)),
        work_(ioc_.get_executor()) {}

  ~Impl() { Shutdown(); }

  Result<uint16_t> Start();
  void RunUntilSignal();
  void Stop();
  void Shutdown();
  ServerCore& core() { return core_; }

 private:
  Status LoadTls();
  Status Listen(tcp::endpoint& bound);
  asio::awaitable<void> AcceptLoop();

  ServerCore core_;  // outlives ioc_: sessions destroyed with ioc_ unregister from it
  const std::chrono::seconds& grace_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::optional<asio::signal_set> signals_;

  std::mutex mutex_;  // guards the three flags below
  std::condition_variable stop_cv_;
  bool started_ = false, stop_requested_ = false, shut_down_ = false;
};

Status Server::Impl::LoadTls() {
  const auto& o = core_.options;
  if (o.tls_cert_file.empty() && o.tls_key_file.empty()) return Ok();
  if (o.tls_cert_file.empty() || o.tls_key_file.empty()) {
    return Error(ErrorKind::kInvalidInput, "tls_config_incomplete")
        .Detail("both tls_cert_file and tls_key_file are needed for HTTPS");
  }
  core_.tls.emplace(asio::ssl::context::tls_server);
  auto& ctx = *core_.tls;
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                  asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
  boost::system::error_code ec;
  ctx.use_certificate_chain_file(o.tls_cert_file, ec);
  if (!ec) ctx.use_private_key_file(o.tls_key_file, asio::ssl::context::pem, ec);
  if (ec) {
    core_.tls.reset();
    return Error(ErrorKind::kInvalidInput, "tls_config_invalid")
        .Detail(fmt::format("{} / {}: {}", o.tls_cert_file, o.tls_key_file, ec.message()));
  }
  return Ok();
}

Status Server::Impl::Listen(tcp::endpoint& bound) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(core_.options.host, ec);
  if (ec) {
    return Error(ErrorKind::kInvalidInput, "bad_listen_address").Detail(core_.options.host);
  }
  tcp::endpoint endpoint(address, core_.options.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) bound = acceptor_.local_endpoint(ec);
  if (ec) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return Error(ErrorKind::kUnavailable, "listen_failed")
        .Detail(fmt::format("{}:{}: {}", core_.options.host, core_.options.port, ec.message()));
  }
  return Ok();
}

Result<uint16_t> Server::Impl::Start() {
  {
    std::lock_guard lock(mutex_);
    if (started_) return Error(ErrorKind::kConflict, "already_started");
  }
  KEHU_TRY(LoadTls());
  tcp::endpoint bound;
  KEHU_TRY(Listen(bound));
  asio::co_spawn(acceptor_.get_executor(), AcceptLoop(), asio::detached);
  for (int i = 0; i < std::max(1, core_.options.io_threads); ++i) {
    threads_.emplace_back([this] { ioc_.run(); });
  }
  std::lock_guard lock(mutex_);
  started_ = true;
  return bound.port();
}

asio::awaitable<void> Server::Impl::AcceptLoop() {
  constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
  while (acceptor_.is_open()) {
    // Each connection runs on its own strand, so its coroutine and CloseIfIdle never overlap.
    tcp::socket socket(asio::make_strand(ioc_));
    auto [ec] = co_await acceptor_.async_accept(socket, kUseTuple);
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
    if (ec) {
      // E.g. out of file descriptors: back off instead of spinning.
      spdlog::warn("http accept failed: {}", ec.message());
      asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
      co_await pause.async_wait(kUseTuple);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    StartSession(core_, std::move(socket));
  }
}

void Server::Impl::RunUntilSignal() {
  {
    std::lock_guard lock(mutex_);
    if (!started_ || shut_down_) return;
  }
  signals_.emplace(ioc_, SIGINT, SIGTERM);
  signals_->async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) Stop();
  });
  {
    std::unique_lock lock(mutex_);
    stop_cv_.wait(lock, [&] { return stop_requested_; });
  }
  Shutdown();
}

void Server::Impl::Stop() {
  std::lock_guard lock(mutex_);
  stop_requested_ = true;
  stop_cv_.notify_all();
}

void Server::Impl::Shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (!started_ || shut_down_) return;
    shut_down_ = true;
  }
  core_.stopping = true;
  asio::post(acceptor_.get_executor(), [this] {
    boost::system::error_code ec;
    acceptor_.close(ec);
  });
  core_.sessions.CloseIdle();
  auto deadline = std::chrono::steady_clock::now() + grace_;
  if (!core_.sessions.WaitEmpty(deadline)) {
    spdlog::warn("http shutdown: {} connection(s) still busy after {} s; closing them",
                 core_.sessions.Size(), grace_.count());
  }
  core_.CloseWakerGate();  // event-stream producers may not post into ioc_ from here on
  work_.reset();
  ioc_.stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
  // Handlers still running hold references into session frames that ioc_ owns: wait for them
  // before anything is destroyed.
  core_.workers.join();
  core_.short_workers.join();
  if (signals_) {
    boost::system::error_code ec;
    signals_->cancel(ec);
  }
}

// --- Server ------------------------------------------------------------------------------------

Server::Server(ServerOptions options, Handler api, Metrics* metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(api), metrics, shutdown_grace)) {
  if (metrics) {
    metrics->AddGauge("kehu_http_open_connections", "Open HTTP connections.",
                      [this] { return static_cast<double>(OpenConnections()); });
    metrics->AddGauge("kehu_http_worker_queue_depth", "HTTP requests waiting for a worker thread.",
                      [this] { return static_cast<double>(QueuedRequests()); });
  }
}

Server::~Server() {
  impl_->Shutdown();
  if (Metrics* m = impl_->core().metrics) {
    m->RemoveGauge("kehu_http_open_connections");
    m->RemoveGauge("kehu_http_worker_queue_depth");
  }
}

Result<uint16_t> Server::Start() { return impl_->Start(); }
void Server::RunUntilSignal() { impl_->RunUntilSignal(); }
void Server::Stop() { impl_->Stop(); }
size_t Server::OpenConnections() const { return impl_->core().sessions.Size(); }
size_t Server::QueuedRequests() const { return impl_->core().queued.load(); }

}  // namespace kehu::http
