#include "db_test_env.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <vector>

namespace kehu::db::testing {
namespace {

std::string RandomSuffix() {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 12; ++i) out += kHex[gen() % 16];
  return out;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

bool Exec(PGconn* conn, const std::string& sql, std::string* error) {
  PGresult* res = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  if (!ok && error) *error = PQresultErrorMessage(res);
  PQclear(res);
  return ok;
}

// Creates the PostgreSQL databases of this process and drops them when gtest finishes.
class PgDatabases : public ::testing::Environment {
 public:
  static PgDatabases& Get() {
    static PgDatabases* instance = [] {
      auto* env = new PgDatabases;
      ::testing::AddGlobalTestEnvironment(env);  // gtest owns it from here
      return env;
    }();
    return *instance;
  }

  // The URL of this process's database, created on first use; "" with `error` set on failure.
  std::string Url(const std::string& cluster_url, std::string& error) {
    std::lock_guard lock(mu_);
    if (!url_.empty()) return url_;
    PGconn* conn = PQconnectdb(cluster_url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      error = "cannot connect to " + cluster_url + ": " + PQerrorMessage(conn);
      PQfinish(conn);
      return "";
    }
    std::string name = "kehu_t_" + RandomSuffix();
    if (Exec(conn,
             "CREATE DATABASE " + name +
                 " TEMPLATE template0 ENCODING 'UTF8' "
                 "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'",
             &error)) {
      url_ = std::string("postgresql://") + PQuser(conn) + "@" + PQhost(conn) + ":" + PQport(conn) +
             "/" + name;
      cluster_url_ = cluster_url;
      name_ = name;
    }
    PQfinish(conn);
    return url_;
  }

  void TearDown() override {
    if (name_.empty()) return;
    PGconn* conn = PQconnectdb(cluster_url_.c_str());
    std::string error;
    // FORCE: a test that failed half-way may still hold pooled connections.
    if (PQstatus(conn) != CONNECTION_OK ||
        !Exec(conn, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", &error)) {
      ADD_FAILURE() << "cannot drop " << name_ << ": " << error << PQerrorMessage(conn);
    }
    PQfinish(conn);
  }

 private:
  std::mutex mu_;
  std::string url_, cluster_url_, name_;
};

// Registered before main() so that gtest tears it down after the last test.
[[maybe_unused]] const PgDatabases& kRegistered = PgDatabases::Get();

}  // namespace

std::string PgClusterUrl() {
  const char* file = std::getenv("KEHU_TEST_PG_URL_FILE");
  if (file == nullptr || *file == '\0') return "";
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return Trimmed(url);
}

std::string FreshDatabaseUrl(const std::string& backend, std::string& skip_reason) {
  if (backend == "sqlite") {
    auto path = std::filesystem::temp_directory_path() /
                ("kehu_db_test_" + std::to_string(getpid()) + "_" + RandomSuffix() + ".db");
    return "sqlite:" + path.string();
  }
  if (std::getenv("KEHU_TEST_PG_URL_FILE") == nullptr) {
    skip_reason = "KEHU_TEST_PG_URL_FILE not set (run through ctest, fixture pg)";
    return "";
  }
  std::string cluster = PgClusterUrl();
  if (cluster.empty()) {
    ADD_FAILURE() << "no URL in $KEHU_TEST_PG_URL_FILE=" << std::getenv("KEHU_TEST_PG_URL_FILE");
    return "";
  }
  std::string error;
  std::string url = PgDatabases::Get().Url(cluster, error);
  if (url.empty()) ADD_FAILURE() << "cannot create a test database: " << error;
  return url;
}

std::string TestTableName() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = "t_";
  for (char c : std::string(info->name())) {
    if (c == '/') break;  // drop the parameter suffix
    if (std::isalnum(static_cast<unsigned char>(c))) {
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return name.substr(0, 48);
}

}  // namespace kehu::db::testing
