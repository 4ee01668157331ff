// A Database that runs every Read/Write callback on one session that is already open: lets the
// approvals engine call RecordService (ChangeState: visibility, scope, audit, search index) inside
// its own write transaction, so the instance, the record's approvalState, notifications, mail and
// record events commit together or not at all.
//
// Only valid while that session's transaction is open; a nested Write is not a savepoint: an
// error returned from it must be propagated so the outer transaction rolls back.
#pragma once

#include "db/database.h"

namespace kehu::approvals {

class SessionDatabase : public db::Database {
 public:
  SessionDatabase(db::Session& session, db::Database& base) : session_(session), base_(base) {}

  std::string_view kind() const override { return base_.kind(); }
  const db::Dialect& dialect() const override { return base_.dialect(); }
  Status Read(const db::SessionFn& fn) override { return fn(session_); }
  Status Write(const db::SessionFn& fn) override { return fn(session_); }
  Status Backup(const std::string&) override { return Internal("SessionDatabase: no backup"); }
  db::DatabaseStats Stats() const override { return base_.Stats(); }

 private:
  db::Session& session_;
  db::Database& base_;
};

}  // namespace kehu::approvals
