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
#include "records/record_service.h"
#include "approvals/approval_service.h"
#include "jobs/scheduler.h"
#include "mail/mail_service.h"
#include "notify/notifier.h"
#include "settings/field_options.h"
#include "webhooks/webhook_service.h"

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
  std::unique_ptr<settings::FieldOptions> field_options;  // admin-edited option lists, loaded
  std::unique_ptr<jobs::Scheduler> scheduler;  // started by `kehu serve` only
  // Shared with the mail.deliver job handler, so it outlives every run. Built by `kehu serve`.
  std::shared_ptr<mail::MailService> mail;
  std::unique_ptr<webhooks::WebhookService> webhooks;
  std::unique_ptr<approvals::ApprovalService> approvals;
};

// Opens the database, applies migrations, loads and validates metadata and syncs entity tables.
Result<std::unique_ptr<Services>> OpenServices(const CommonOptions& options, const std::string& argv0,
                                               int connections = 8);

// Fills realistic Chinese demo data (idempotent). Returns the number of customers created.
Result<int> FillDemoData(Services& services);

std::string ResourceRoot(const std::string& argv0);

}  // namespace kehu::app
