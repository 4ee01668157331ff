// TestServer: the kehu process and its database. fork/exec, stdout piped until the listening line
// (then drained into the log file), stderr straight into the log file.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "harness.h"
#include "test_db.h"

#ifndef KEHU_BINARY
#error "KEHU_BINARY must name the kehu binary"
#endif

namespace kehu::apitest {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Every server and CLI run these tests start inherits this: libsodium's minimum Argon2id limits
// instead of the interactive ones, which cost ~250 ms per login or new user and were most of the
// suite's time. The browser tests and bench_smoke keep the real limits; core/crypto_test.cc checks
// them. Set KEHU_INSECURE_FAST_PASSWORD_HASH=0 to run these tests at real limits too.
const bool kFastPasswordHashes = setenv("KEHU_INSECURE_FAST_PASSWORD_HASH", "1", 0) == 0;

constexpr auto kStartTimeout = std::chrono::seconds(20);
constexpr auto kStopTimeout = std::chrono::seconds(15);

std::string StrongPassword() { return "Kh!" + RandomHex(12) + "Zz9"; }

std::string EnvOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// Child side of a spawn: wires the fds and execs kehu; never returns.
[[noreturn]] void ExecKehu(const std::vector<std::string>& args, int out_fd, int err_fd) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // no orphan servers if the test process dies
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  int devnull = open("/dev/null", O_RDONLY);
  dup2(devnull, STDIN_FILENO);
  std::vector<char*> argv;
  std::string bin = KEHU_BINARY;
  argv.push_back(bin.data());
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(bin.c_str(), argv.data());
  dprintf(err_fd, "exec %s failed: %s\n", bin.c_str(), strerror(errno));
  _exit(127);
}

// Waits for pid up to `timeout`; returns true and fills status when it exited.
bool WaitFor(pid_t pid, Clock::duration timeout, int* status) {
  auto deadline = Clock::now() + timeout;
  while (true) {
    pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 || Clock::now() >= deadline) return false;
    usleep(10'000);
  }
}

std::string DescribeStatus(int status) {
  if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("signal ") + strsignal(WTERMSIG(status));
  return "status " + std::to_string(status);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TestServer::TestServer() {
  kind_ = EnvOr("KEHU_TEST_DB", "sqlite");
  char tmpl[] = "/tmp/kehu_api_XXXXXX";
  const char* dir = mkdtemp(tmpl);
  temp_dir_ = dir ? dir : "/tmp";
  log_path_ = temp_dir_ + "/server.log";
  admin_password_ = StrongPassword();
}

TestServer::~TestServer() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  JoinDrain();
  DropDatabase();
  if (::testing::Test::HasFailure()) keep_temp_dir_ = true;
  if (!keep_temp_dir_ && temp_dir_.rfind("/tmp/kehu_api_", 0) == 0) {
    std::error_code ec;
    fs::remove_all(temp_dir_, ec);
  }
}

void TestServer::CreateDatabase() {
  if (kind_ == "sqlite") {
    sqlite_path_ = temp_dir_ + "/kehu.db";
    db_url_ = "sqlite:" + sqlite_path_;
    return;
  }
  ASSERT_EQ(kind_, "postgresql") << "KEHU_TEST_DB must be sqlite or postgresql";
  std::string url_file = EnvOr("KEHU_TEST_PG_URL_FILE", "");
  ASSERT_FALSE(url_file.empty()) << "KEHU_TEST_PG_URL_FILE is not set (pg fixture missing?)";
  std::string base = ReadFile(url_file);
  while (!base.empty() && std::isspace(static_cast<unsigned char>(base.back()))) base.pop_back();
  ASSERT_FALSE(base.empty()) << "no PostgreSQL URL in " << url_file;
  pg_base_url_ = base;
  std::string name = "kehu_t_" + RandomHex(6);
  std::string err =
      PgExec(pg_base_url_, "CREATE DATABASE " + name +
                               " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                               "LC_CTYPE 'C.UTF-8'");
  ASSERT_EQ(err, "") << "creating the test database on " << pg_base_url_;
  pg_db_name_ = name;
  db_url_ = PgUrlWithDatabase(pg_base_url_, pg_db_name_);
}

void TestServer::DropDatabase() {
  if (pg_db_name_.empty()) return;
  std::string err =
      PgExec(pg_base_url_, "DROP DATABASE IF EXISTS " + pg_db_name_ + " WITH (FORCE)");
  if (!err.empty()) std::fprintf(stderr, "dropping %s: %s\n", pg_db_name_.c_str(), err.c_str());
  pg_db_name_.clear();
}

void TestServer::Start() {
  CreateDatabase();
  if (::testing::Test::HasFatalFailure()) return;
  CliResult init = RunCli({"init", "--db", db_url_, "--admin-password", admin_password_});
  ASSERT_EQ(init.exit_code, 0) << "kehu init failed:\n" << init.output;
  Serve();
}

void TestServer::Restart() {
  ASSERT_LE(pid_, 0) << "Restart() while the server is running";
  Serve();
}

void TestServer::Serve() {
  int out[2];
  ASSERT_EQ(pipe2(out, O_CLOEXEC), 0);
  int err_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  ASSERT_GE(err_fd, 0);
  std::vector<std::string> args{"serve", "--db", db_url_, "--listen", "127.0.0.1:0"};
  args.insert(args.end(), serve_args_.begin(), serve_args_.end());
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) ExecKehu(args, out[1], err_fd);
  close(out[1]);
  pid_ = pid;
  stdout_fd_ = out[0];
  // Read stdout until the listening line.
  static const std::regex kListening(R"(listening on (http://127\.0\.0\.1:[0-9]+))");
  std::string seen;
  auto deadline = Clock::now() + kStartTimeout;
  std::smatch m;
  while (!std::regex_search(seen, m, kListening)) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd p{stdout_fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) {
      close(err_fd);
      close(stdout_fd_);
      stdout_fd_ = -1;
      FAIL() << "kehu serve printed no listening line within " << kStartTimeout.count()
             << " s; stdout so far:\n"
             << seen << "\nlog:\n"
             << Log();
    }
    char buf[4096];
    ssize_t n = read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) {
      int status = 0;
      WaitFor(pid_, std::chrono::seconds(2), &status);
      pid_ = -1;
      close(err_fd);
      close(stdout_fd_);
      stdout_fd_ = -1;
      FAIL() << "kehu serve exited before listening (" << DescribeStatus(status) << "); stdout:\n"
             << seen << "\nlog:\n"
             << Log();
    }
    seen.append(buf, static_cast<size_t>(n));
  }
  base_url_ = m[1];
  // From now on stdout goes to the log, so the server never blocks on a full pipe.
  int fd = stdout_fd_;
  drain_ = std::thread([fd, err_fd] {
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
      if (write(err_fd, buf, static_cast<size_t>(n)) < 0) break;
    }
    close(fd);
    close(err_fd);
  });
}

void TestServer::JoinDrain() {
  if (drain_.joinable()) drain_.join();
  stdout_fd_ = -1;
}

int TestServer::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  if (!WaitFor(pid_, kStopTimeout, &status)) {
    ADD_FAILURE() << "kehu serve did not stop within " << kStopTimeout.count()
                  << " s of SIGTERM; killing it";
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  JoinDrain();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void TestServer::Kill9() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  JoinDrain();
}

bool TestServer::DiedUnexpectedly(std::string* how) {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
  pid_ = -1;
  JoinDrain();
  *how = DescribeStatus(status);
  return true;
}

CliResult TestServer::RunCli(const std::vector<std::string>& args, int timeout_seconds) const {
  CliResult result;
  std::string out_path = temp_dir_ + "/cli-" + RandomHex(4) + ".out";
  int fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return result;
  pid_t pid = fork();
  if (pid == 0) ExecKehu(args, fd, fd);
  close(fd);
  int status = 0;
  if (pid < 0 || !WaitFor(pid, std::chrono::seconds(timeout_seconds), &status)) {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    result.output = "(timed out) ";
  }
  result.output += ReadFile(out_path);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::error_code ec;
  fs::remove(out_path, ec);
  return result;
}

std::string TestServer::ExecSql(const std::string& sql) const {
  if (kind_ == "sqlite") return SqliteExec(sqlite_path_, sql);
  return PgExec(db_url_, sql);
}

std::string TestServer::Log() const { return ReadFile(log_path_); }

}  // namespace kehu::apitest
