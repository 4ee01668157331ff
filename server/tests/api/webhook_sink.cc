#include "webhook_sink.h"

#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace kehu::apitest {
namespace fs = std::filesystem;

namespace {

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Sink::Sink() {
  dir_ = (fs::temp_directory_path() / ("kehu_sink_" + RandomHex(6))).string();
  fs::create_directories(dir_);
}

Sink::~Sink() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  if (stdin_fd_ >= 0) close(stdin_fd_);
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void Sink::Start() {
  std::string script = (fs::path(__FILE__).parent_path() / "webhook_sink.py").string();
  int in[2], out[2];
  ASSERT_EQ(pipe(in), 0);
  ASSERT_EQ(pipe(out), 0);
  pid_ = fork();
  ASSERT_GE(pid_, 0);
  if (pid_ == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[0]), close(in[1]), close(out[0]), close(out[1]);
    execl("/usr/bin/python3", "python3", script.c_str(), dir_.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  stdin_fd_ = in[1];
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[64];
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  ASSERT_EQ(line.rfind("port ", 0), 0u) << "webhook sink did not start: '" << line << "'";
  port_ = std::stoi(line.substr(5));
}

std::string Sink::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<SinkRequest> Sink::Requests() const {
  std::vector<fs::path> metas;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 10 && name.substr(name.size() - 10) == ".meta.json") metas.push_back(entry.path());
  }
  std::sort(metas.begin(), metas.end());
  std::vector<SinkRequest> out;
  for (const auto& m : metas) {
    SinkRequest r;
    json::value meta = json::parse(ReadFile(m));
    r.path = std::string(meta.at("path").as_string());
    r.at = meta.at("at").to_number<double>();
    for (const auto& [k, v] : meta.at("headers").as_object()) r.headers[std::string(k)] = std::string(v.as_string());
    std::string base = m.string().substr(0, m.string().size() - 10);
    r.body = ReadFile(base + ".body");
    boost::system::error_code ec;
    r.json = json::parse(r.body, ec);
    if (ec) r.json = nullptr;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<SinkRequest> Sink::RequestsTo(const std::string& prefix) const {
  std::vector<SinkRequest> out;
  for (auto& r : Requests())
    if (r.path.rfind(prefix, 0) == 0) out.push_back(std::move(r));
  return out;
}

std::vector<SinkRequest> Sink::WaitFor(const std::function<bool(const std::vector<SinkRequest>&)>& done,
                                       std::chrono::milliseconds timeout) const {
  std::vector<SinkRequest> seen;
  Eventually([&] { return done(seen = Requests()); }, timeout);
  return seen;
}

std::string ExpectedSignature(const std::string& secret, const std::string& body) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("sha256=") + hex;
}

bool Eventually(const std::function<bool()>& probe, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (probe()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace kehu::apitest
