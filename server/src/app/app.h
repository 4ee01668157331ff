// Shared start-up of the kehu subcommands: open the database, migrate, load metadata, derive tables.
#pragma once

#include <memory>
#include <string>

#include "auth/auth_service.h"
#include "auth/org_service.h"
#include "db/database.h"
#include "metadata/registry.h"
#include "records/access.h"
#include "records/actions.h"
#include "records/hooks.h"
#include "jobs/scheduler.h"
#include "notify/notifier.h"
#include "records/record_service.h"
// BEGIN jobs includes
// END jobs includes
// BEGIN notify includes
// END notify includes
// BEGIN mail includes
// END mail includes
// BEGIN webhooks includes
// END webhooks includes
// BEGIN approvals includes
// END approvals includes

namespace kehu::app {

struct CommonOptions {
  std::string db_url = "sqlite:data/kehu.db";
  std::string metadata_dir;  // empty = <resource root>/metadata/entities
  std::string log_level = "info";
};

// Everything a running Kehu needs, in dependency order.
struct Services {
  std::unique_ptr<db::Database> db;
  std::shared_ptr<const meta::Registry> registry;
  records::ScopedAccessPolicy access;
  records::Hooks hooks;
  records::Actions actions;
  std::unique_ptr<records::RecordService> records;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<auth::OrgService> org;
  std::unique_ptr<notify::Notifier> notifier;
  std::unique_ptr<jobs::Scheduler> scheduler;  // started by `kehu serve` only
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

// Opens the database, applies migrations, loads and validates metadata and syncs entity tables.
Result<std::unique_ptr<Services>> OpenServices(const CommonOptions& options, const std::string& argv0,
                                               int connections = 8);

// Fills realistic Chinese demo data (idempotent). Returns the number of customers created.
Result<int> FillDemoData(Services& services);

std::string ResourceRoot(const std::string& argv0);

}  // namespace kehu::app
