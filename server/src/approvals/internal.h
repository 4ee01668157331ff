// Pieces shared by the approval_*.cc files of ApprovalService; not a public interface.
#pragma once

#include <boost/json.hpp>

#include "approvals/approval_service.h"
#include "db/session_database.h"

namespace kehu::approvals {

// One write transaction: the session and a RecordService running on it (ChangeState inside the
// engine's own transaction; see db/session_database.h).
struct ApprovalService::Tx {
  db::Session& s;
  db::SessionDatabase sdb;
  records::RecordService rs;
  Tx(db::Session& session, ApprovalService& svc)
      : s(session), sdb(session, svc.db_), rs(sdb, svc.registry_, svc.access_, svc.hooks_) {}
};

inline constexpr size_t kMaxCommentLength = 1000;  // characters

// body.comment: optional text; `required` for rejections (422 comment: required).
Result<std::string> ParseComment(const boost::json::object& body, bool required);

// The record's approvalState ("draft" when unset).
std::string StateOf(const boost::json::object& record);
// The record's title as the entity's title field gives it.
std::string TitleOf(const meta::Entity& e, const boost::json::object& record);
// users.display_name, or "" for 0/unknown.
Result<std::string> UserName(db::Session& s, int64_t user_id);

}  // namespace kehu::approvals
