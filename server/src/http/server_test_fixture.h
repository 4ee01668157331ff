// Test-only: a real Server on a loopback port with a small API and a temp static_dir.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <thread>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "http/test_client.h"

namespace kehu::http::testing {

inline std::filesystem::path MakeTempDir(const std::string& prefix) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  return std::filesystem::path(mkdtemp(tmpl.data()));
}

inline void WriteFile(const std::filesystem::path& p, const std::string& content) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    access_sink_ = std::make_shared<spdlog::sinks::ostream_sink_mt>(access_log_);
    auto logger = std::make_shared<spdlog::logger>("access", access_sink_);
    logger->set_pattern("%v");
    spdlog::drop("access");
    spdlog::register_logger(logger);
  }

  void TearDown() override {
    StopServer();
    spdlog::drop("access");
    for (const auto& dir : temp_dirs_) std::filesystem::remove_all(dir);
  }

  // Starts the server with `o` (port 0) and runs RunUntilSignal on a thread.
  void StartServer(ServerOptions o) {
    o.port = 0;
    server_ = std::make_unique<Server>(
        std::move(o), [this](Request& r) { return router_.Handle(r); }, &metrics_);
    auto port = server_->Start();
    ASSERT_TRUE(port.ok()) << port.error().detail;
    port_ = *port;
    runner_ = std::thread([this] { server_->RunUntilSignal(); });
  }

  void StopServer() {
    if (!server_) return;
    server_->Stop();
    runner_.join();
    server_.reset();
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  std::filesystem::path TempDir(const std::string& prefix) {
    temp_dirs_.push_back(MakeTempDir(prefix));
    return temp_dirs_.back();
  }

  Router router_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::thread runner_;
  uint16_t port_ = 0;
  std::ostringstream access_log_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> access_sink_;
  std::vector<std::filesystem::path> temp_dirs_;
};

}  // namespace kehu::http::testing
