// Everything the API handlers need, built once at start-up by `kehu serve`.
#pragma once

#include <memory>
#include <string>

#include "auth/auth_service.h"
#include "auth/org_service.h"
#include "db/database.h"
#include "metadata/registry.h"
#include "records/actions.h"
#include "records/record_service.h"

namespace kehu::api {

struct ApiContext {
  db::Database& db;
  std::shared_ptr<const meta::Registry> registry;
  records::RecordService& records;
  auth::AuthService& auth;
  const records::Actions& actions;
  auth::OrgService& org;
  bool secure_cookies = false;  // set under TLS
};

}  // namespace kehu::api
