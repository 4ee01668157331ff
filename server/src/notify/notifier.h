// In-app notifications (issue #8): stored per user, listed and marked read through the API and
// pushed live on GET /api/v1/events (SSE). A notification about a record reaches a recipient only
// if the recipient may read that record (the same SQL predicate as every other path).
//
// Thread-safety: Notifier is thread-safe; Add() runs on the caller's write session.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include "auth/auth_service.h"
#include "core/result.h"
#include "db/database.h"
#include "metadata/registry.h"
#include "records/access.h"

namespace kehu::notify {

struct Notification {
  int64_t user_id = 0;         // recipient
  std::string kind;            // what happened, e.g. "approval_requested"; rendered in the reader's language
  std::string entity;          // the record it is about ("customers"); empty = about no record
  int64_t record_id = 0;
  boost::json::object params;  // values for the text: {"title":"北京网联…","actor":"张伟","comment":"…"}
};

class Notifier {
 public:
  Notifier(auth::AuthService& auth, const records::AccessPolicy& access,
           std::shared_ptr<const meta::Registry> registry);
  ~Notifier();

  // Stores `n` inside the caller's write transaction, so it exists exactly when that write
  // commits. Returns the new notification's id, or 0 (nothing stored) when the recipient is
  // inactive or may not read the record.
  Result<int64_t> Add(db::Session& s, const Notification& n);

 private:
  auth::AuthService& auth_;
  const records::AccessPolicy& access_;
  std::shared_ptr<const meta::Registry> registry_;
};

}  // namespace kehu::notify
