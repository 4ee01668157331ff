// A Database that runs every Read/Write callback on one session that is already open, so that code
// written against Database (RecordService's pipeline) can run inside a caller's transaction: an
// import batch, or the approvals engine, whose instance, record state, notifications and events
// commit together or not at all.
//
// Write keeps Database's contract inside the open transaction: fn runs in a savepoint, and when it
// fails none of its changes are kept. Only valid while that session's transaction is open.
#pragma once

#include "db/database.h"

namespace kehu::db {

class SessionDatabase : public Database {
 public:
  SessionDatabase(Session& session, const Database& base) : session_(session), base_(base) {}

  std::string_view kind() const override { return base_.kind(); }
  const Dialect& dialect() const override { return base_.dialect(); }
  Status Read(const SessionFn& fn) override { return fn(session_); }
  Status Write(const SessionFn& fn) override {
    KEHU_TRY(session_.ExecuteScript("SAVEPOINT kehu_session_write"));
    Status st = fn(session_);
    if (!st.ok()) KEHU_TRY(session_.ExecuteScript("ROLLBACK TO SAVEPOINT kehu_session_write"));
    KEHU_TRY(session_.ExecuteScript("RELEASE SAVEPOINT kehu_session_write"));
    return st;
  }
  Status Backup(const std::string&) override { return Internal("backup inside a transaction"); }
  DatabaseStats Stats() const override { return base_.Stats(); }

 private:
  Session& session_;
  const Database& base_;
};

}  // namespace kehu::db
