// The audit log: append-only and hash-chained. Each row's hash covers the previous row's hash and
// all of its own fields, so editing, deleting or reordering rows breaks the chain (VerifyAuditChain).
// Appends happen in the same transaction as the change they describe.
#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "core/result.h"
#include "db/database.h"
#include "records/actor.h"

namespace kehu::records {

struct AuditEntry {
  std::string entity;     // entity name, or "auth", "roles", ... for security events
  int64_t record_id = 0;  // 0 when none
  std::string action;     // create, update, delete, restore, purge, login, login_failed, ...
  boost::json::object changes;  // field -> {"from":…,"to":…}, or event details
};

// REQUIRES: called inside Database::Write.
Status AppendAudit(db::Session& s, const Actor& actor, const AuditEntry& entry);

struct AuditVerification {
  bool intact = true;
  int64_t rows = 0;
  int64_t first_bad_id = 0;  // first row whose hash or link does not match
  std::string problem;
};

Result<AuditVerification> VerifyAuditChain(db::Database& db);

}  // namespace kehu::records
