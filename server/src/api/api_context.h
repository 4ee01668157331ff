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
namespace kehu::settings { class FieldOptions; }
namespace kehu::notify { class EventHub; }
namespace kehu::mail { class MailService; }
namespace kehu::webhooks { class WebhookService; }
namespace kehu::approvals { class ApprovalService; }

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
  settings::FieldOptions* field_options = nullptr;
  notify::EventHub* events = nullptr;  // live notifications on GET /api/v1/events (SSE)
  mail::MailService* mail = nullptr;  // SMTP settings, test send, delivery
  webhooks::WebhookService* webhooks = nullptr;
  approvals::ApprovalService* approvals = nullptr;
};

}  // namespace kehu::api
