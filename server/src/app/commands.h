#pragma once

#include <cstdint>
#include <string>

#include "app/app.h"

namespace kehu::app {

struct InitOptions {
  std::string admin_password;
};

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string static_dir;
  std::string tls_cert, tls_key;
  int io_threads = 2;
  int workers = 0;        // the long lane (writes, exports): mostly waiting, so many; 0: 64 on SQLite, 32 on PostgreSQL
  int short_workers = 0;  // the short lane (reads); 0: one per core on SQLite, four on PostgreSQL
  int shutdown_grace_seconds = 10;
  std::string smtp_url;       // smtp://host:port | smtp+starttls://host:port | smtps://host:port
  std::string smtp_from, smtp_username, smtp_password, smtp_ca_file;
};

// kehu generate: benchmark data at scale (generate.cc).
struct GenerateOptions {
  int64_t customers = 1000000;
  int64_t contacts = 2000000;
  int users = 200;
  int departments = 20;
  uint64_t seed = 1;
  std::string password = "kehu-bench-2026";
};

int RunInit(const CommonOptions& common, const InitOptions& options, const std::string& argv0);
int RunServe(const CommonOptions& common, const ServeOptions& options, const std::string& argv0);
int RunDemo(const CommonOptions& common, const std::string& argv0);
int RunGenerate(const CommonOptions& common, const GenerateOptions& options, const std::string& argv0);
int RunBackup(const CommonOptions& common, const std::string& out, const std::string& argv0);
int RunAuditVerify(const CommonOptions& common, const std::string& argv0);
// kehu jobs list: the jobs table as a readable table, or JSON with `json`.
int RunJobsList(const CommonOptions& common, bool json, const std::string& argv0);

// Prints an error for the operator and returns the exit code 1.
int Fail(const kehu::Error& e, const char* what);

}  // namespace kehu::app
