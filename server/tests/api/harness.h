// Harness for the HTTP-level API tests: runs the real `kehu` binary on a loopback port against a
// fresh database and talks to it over HTTP with libcurl, exactly as an outside client would.
//
// The database comes from the environment:
//   KEHU_TEST_DB=sqlite (default)   a file in a fresh temp directory
//   KEHU_TEST_DB=postgresql         a fresh database kehu_t_<random> on the cluster whose base URL
//                                   is in the file named by KEHU_TEST_PG_URL_FILE; dropped at the
//                                   end
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace kehu::apitest {

namespace json = boost::json;

// One HTTP exchange as the client saw it. status == 0 means a transport error (connection
// refused or reset, timeout); `error` then says which.
struct HttpResponse {
  long status = 0;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;
  json::value json;  // parsed body; null when the body is not JSON
  bool is_json = false;
  std::string error;

  // First value of a header (name in any case) or "".
  std::string Header(std::string_view name) const;
  // For failure messages: "<status> <body>".
  std::string Describe() const;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes a query value (UTF-8 bytes; Chinese text included).
std::string UrlEncode(std::string_view value);
// "?k1=v1&k2=v2": keys are kept as written (so "name[contains]" stays readable, as browsers send
// it), values are percent-encoded.
std::string Query(const std::vector<std::pair<std::string, std::string>>& params);
// Lowercase hex of n random bytes.
std::string RandomHex(size_t n_bytes);
// An id from a record: ids may be JSON numbers or strings; both render as decimal text.
std::string IdStr(const json::value& id);
// Member lookup that yields null instead of throwing (works on non-objects too).
const json::value& At(const json::value& v, std::string_view key);
// String member or "" (for messages and comparisons).
std::string Str(const json::value& v, std::string_view key);

// An HTTP client with its own cookie jar and CSRF token. Not thread-safe: one per thread.
class Client {
 public:
  explicit Client(std::string base_url);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void set_base_url(std::string base_url) { base_url_ = std::move(base_url); }
  // Sends X-CSRF-Token on unsafe methods when true (the default once logged in).
  void set_send_csrf(bool send) { send_csrf_ = send; }
  const std::string& csrf_token() const { return csrf_token_; }
  // Cookie header value this client sends ("a=1; b=2"), and a way to share a session.
  std::string CookieHeader() const;
  void CopySessionFrom(const Client& other);
  void ClearCookies() { cookies_.clear(); }

  // POST /api/v1/auth/login; on 200 keeps the csrfToken of the response.
  HttpResponse Login(const std::string& user, const std::string& password);

  HttpResponse Get(const std::string& path, const HeaderList& headers = {});
  HttpResponse Delete(const std::string& path, const HeaderList& headers = {});
  HttpResponse Post(const std::string& path, const json::value& body,
                    const HeaderList& headers = {});
  HttpResponse Patch(const std::string& path, const json::value& body,
                     const HeaderList& headers = {});
  // Raw body as bytes; Content-Type defaults to application/json when a body is given and the
  // headers name none, and is left out for an empty body.
  HttpResponse Send(const std::string& method, const std::string& path, const std::string& body,
                    const HeaderList& headers = {});

 private:
  void StoreCookies(const HttpResponse& r);

  std::string base_url_;
  void* curl_ = nullptr;  // CURL*
  std::map<std::string, std::string> cookies_;
  std::string csrf_token_;
  bool send_csrf_ = true;
};

// Result of running the kehu binary as a command.
struct CliResult {
  int exit_code = -1;  // -1 when killed by a signal or not run
  std::string output;  // stdout and stderr, interleaved
};

// A kehu server on 127.0.0.1 with its own fresh database.
class TestServer {
 public:
  TestServer();
  ~TestServer();  // stops the server, drops/removes the database
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // Creates the database, runs `kehu init`, starts `kehu serve`. Reports failures through gtest;
  // check with ::testing::Test::HasFatalFailure().
  void Start();
  // SIGTERM and wait (fails the test if the server has not exited within the timeout).
  // Returns the exit status as from waitpid's WEXITSTATUS, or -1 if killed by a signal.
  int Stop();
  void Kill9();
  // Starts `kehu serve` again on the same database (a new port).
  void Restart();
  bool running() const { return pid_ > 0; }
  // True when the server process died without Stop()/Kill9(); fills `how`.
  bool DiedUnexpectedly(std::string* how);

  // Extra arguments for `kehu serve` (e.g. {"--smtp", "smtp://127.0.0.1:2525"}); set before
  // Start() or Restart().
  void set_serve_args(std::vector<std::string> args) { serve_args_ = std::move(args); }

  const std::string& base_url() const { return base_url_; }
  const std::string& db_url() const { return db_url_; }
  const std::string& admin_password() const { return admin_password_; }
  const std::string& database_kind() const { return kind_; }  // "sqlite" | "postgresql"
  const std::string& temp_dir() const { return temp_dir_; }
  // The SQLite file path (empty on PostgreSQL).
  const std::string& sqlite_path() const { return sqlite_path_; }

  // Runs `kehu <args...>` to completion and returns exit code and output; on timeout the
  // process is killed and the output starts with "(timed out)".
  CliResult RunCli(const std::vector<std::string>& args, int timeout_seconds = 60) const;
  // Executes SQL directly on the test database (sqlite3 C API or libpq); returns "" on success
  // or the error text.
  std::string ExecSql(const std::string& sql) const;
  // The server's log (stderr and stdout after the listening line), for failure messages.
  std::string Log() const;

 private:
  void CreateDatabase();
  void DropDatabase();
  void Serve();
  void JoinDrain();

  std::string kind_;
  std::string temp_dir_;
  std::string sqlite_path_;
  std::string pg_base_url_;
  std::string pg_db_name_;
  std::string db_url_;
  std::vector<std::string> serve_args_;
  std::string admin_password_;
  std::string base_url_;
  std::string log_path_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::thread drain_;
  bool keep_temp_dir_ = false;
};

// Base fixture: a started server and an admin client logged in. Prints the server log when the
// test failed and fails the test if the server died on its own.
class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A new client for the current server (not logged in).
  std::unique_ptr<Client> NewClient() const;
  // A new client logged in as admin (asserts the login).
  std::unique_ptr<Client> NewAdminClient() const;
  // Restarts the server and points `admin` at it (logging in again).
  void RestartServer();

  // POST /api/v1/customers with the fields; asserts 201 and returns the record.
  json::object CreateCustomer(const json::object& fields);
  json::object CreateContact(const json::object& fields);
  // total of GET /api/v1/<entity>[extra query], asserting 200.
  int64_t Total(const std::string& entity, const std::string& query = "");
  // Ids of the items of a list response, in order.
  static std::vector<std::string> Ids(const HttpResponse& list);
  static std::vector<std::string> Names(const HttpResponse& list);

  std::unique_ptr<TestServer> server;
  std::unique_ptr<Client> admin;
  json::value admin_user;  // "user" of the admin's login response
};

}  // namespace kehu::apitest
