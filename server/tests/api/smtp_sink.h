// A real SMTP server for tests: runs smtp_sink.py (aiosmtpd, Debian's /usr/bin/python3) on a free
// loopback port and reads back what it received, decoded by Python's email package. Header-only so
// the unit tests (src/mail) and the API tests share it. Stop() and Start() again keep the port, to
// play a mail server that was down and came back.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace kehu::testing {

class SmtpSink {
 public:
  struct Options {
    std::string tls;        // "" | "starttls" | "smtps"
    std::string cert, key;  // PEM files for tls
    std::string auth;       // "user:password" to require AUTH
  };

  explicit SmtpSink(Options options = {}) : options_(std::move(options)) {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("kehu_smtp_" + std::to_string(rd()) + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "mail");
    Start();
  }
  ~SmtpSink() {
    Stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  // Starts the server (on the same port as before after a Stop()); true once it listens.
  bool Start() {
    if (pid_ > 0) return true;
    std::filesystem::path port_file = dir_ / "port";
    std::filesystem::remove(port_file);
    std::vector<std::string> args = {
        "/usr/bin/python3", Script(),           "--dir",  (dir_ / "mail").string(),
        "--port-file",      port_file.string(), "--port", std::to_string(port_)};
    if (options_.tls == "starttls")
      args.insert(args.end(), {"--starttls", options_.cert, options_.key});
    if (options_.tls == "smtps") args.insert(args.end(), {"--smtps", options_.cert, options_.key});
    if (!options_.auth.empty()) args.insert(args.end(), {"--auth", options_.auth});
    pid_ = ::fork();
    if (pid_ == 0) {
      std::string log = (dir_ / "sink.log").string();
      FILE* f = std::freopen(log.c_str(), "a", stderr);
      (void)f;
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    for (int i = 0; i < 200; ++i) {
      std::ifstream in(port_file);
      if (in >> port_) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  }

  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::string Log() const {
    std::ifstream in(dir_ / "sink.log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  // Every message received so far, in order (see smtp_sink.py for the members).
  std::vector<boost::json::object> Messages() const {
    std::vector<boost::json::object> out;
    for (int n = 1;; ++n) {
      char name[16];
      std::snprintf(name, sizeof name, "%04d.json", n);
      std::ifstream in(dir_ / "mail" / name);
      if (!in) break;
      std::stringstream ss;
      ss << in.rdbuf();
      boost::json::error_code ec;
      auto v = boost::json::parse(ss.str(), ec);
      if (!ec && v.is_object()) out.push_back(v.get_object());
    }
    return out;
  }
  // The raw bytes of the n-th message (from 1).
  std::string Raw(int n) const {
    char name[16];
    std::snprintf(name, sizeof name, "%04d.eml", n);
    std::ifstream in(dir_ / "mail" / name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  // Waits until at least `n` messages arrived; returns what is there at the end.
  std::vector<boost::json::object> WaitFor(
      size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(30)) const {
    auto end = std::chrono::steady_clock::now() + timeout;
    auto got = Messages();
    while (got.size() < n && std::chrono::steady_clock::now() < end) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      got = Messages();
    }
    return got;
  }

  // A self-signed certificate for 127.0.0.1 / localhost in `dir` (openssl); returns {cert, key}.
  static std::pair<std::string, std::string> MakeCertificate(const std::filesystem::path& dir) {
    std::string cert = (dir / "sink.crt").string(), key = (dir / "sink.key").string();
    std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
        key + "' -out '" + cert + "' >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0 ? std::make_pair(cert, key)
                                         : std::make_pair(std::string(), std::string());
  }

 private:
  static std::string Script() {
    return (std::filesystem::path(__FILE__).parent_path() / "smtp_sink.py")
        .lexically_normal()
        .string();
  }

  Options options_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace kehu::testing
