#pragma once

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
  int workers = 32;
  int shutdown_grace_seconds = 10;
  std::string smtp_url;       // smtp://host:port | smtp+starttls://host:port | smtps://host:port
  std::string smtp_from, smtp_username, smtp_password, smtp_ca_file;
};

int RunInit(const CommonOptions& common, const InitOptions& options, const std::string& argv0);
int RunServe(const CommonOptions& common, const ServeOptions& options, const std::string& argv0);
int RunDemo(const CommonOptions& common, const std::string& argv0);
int RunBackup(const CommonOptions& common, const std::string& out, const std::string& argv0);
int RunAuditVerify(const CommonOptions& common, const std::string& argv0);
// kehu jobs list: the jobs table as a readable table, or JSON with `json`.
int RunJobsList(const CommonOptions& common, bool json, const std::string& argv0);

// Prints an error for the operator and returns the exit code 1.
int Fail(const kehu::Error& e, const char* what);

}  // namespace kehu::app
