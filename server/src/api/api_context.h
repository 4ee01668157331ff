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

// Platform services (issue #8): forward declarations.
namespace kehu::jobs { class Scheduler; }
namespace kehu::notify { class Notifier; }
// BEGIN jobs declarations
// END jobs declarations
// BEGIN notify declarations
// END notify declarations
// BEGIN mail declarations
// END mail declarations
// BEGIN webhooks declarations
// END webhooks declarations
// BEGIN approvals declarations
// END approvals declarations

namespace kehu::api {

struct ApiContext {
  db::Database& db;
  std::shared_ptr<const meta::Registry> registry;
  records::RecordService& records;
  auth::AuthService& auth;
  const records::Actions& actions;
  auth::OrgService& org;
  bool secure_cookies = false;  // set under TLS
  // Platform services; null when not running (CLI tools).
  jobs::Scheduler* scheduler = nullptr;
  notify::Notifier* notifier = nullptr;
  // BEGIN jobs
  // END jobs
  // BEGIN notify
  // END notify
  // BEGIN mail
  // END mail
  // BEGIN webhooks
  // END webhooks
  // BEGIN approvals
  // END approvals
};

}  // namespace kehu::api
