#include "records/audit.h"

#include <boost/json.hpp>

#include "core/crypto.h"
#include "core/time.h"

namespace kehu::records {
namespace {

std::string RowHash(const std::string& prev, int64_t id, const std::string& at, const db::Value& user,
                    const std::string& remote, const std::string& request_id,
                    const std::string& entity, const db::Value& record, const std::string& action,
                    const std::string& changes) {
  std::string buf;
  buf.reserve(256 + changes.size());
  for (const std::string& part :
       {prev, std::to_string(id), at, db::AsText(user), remote, request_id, entity,
        db::AsText(record), action, changes}) {
    buf += part;
    buf += '\x1f';  // unit separator: fields cannot run into each other
  }
  return crypto::Sha256Hex(buf);
}

db::Value NullableId(int64_t id) { return id ? db::Value(id) : db::Value(std::monostate{}); }

}  // namespace

Status AppendAudit(db::Session& s, const Actor& actor, const AuditEntry& entry) {
  // The UPDATE locks the chain tip until commit, so appends are serialized on every backend.
  KEHU_ASSIGN(db::Rows head, s.Query("UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1 "
                                     "RETURNING last_id, last_hash", {}));
  if (head.empty()) return Internal("audit_head row missing");
  int64_t id = db::AsInt(head.rows[0][0]);
  std::string prev = db::AsText(head.rows[0][1]);
  std::string at = NowIso();
  std::string changes = boost::json::serialize(entry.changes);
  db::Value user = NullableId(actor.user_id);
  db::Value record = NullableId(entry.record_id);
  std::string hash = RowHash(prev, id, at, user, actor.remote_address, actor.request_id,
                             entry.entity, record, entry.action, changes);
  KEHU_TRY(s.Execute(
      "INSERT INTO audit_log (id, at, user_id, remote_address, request_id, entity, record_id, "
      "action, changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {db::Value(id), db::Value(at), user, db::Value(actor.remote_address),
       db::Value(actor.request_id), db::Value(entry.entity), record, db::Value(entry.action),
       db::Value(changes), db::Value(prev), db::Value(hash)}));
  KEHU_TRY(s.Execute("UPDATE audit_head SET last_hash = ? WHERE id = 1", {db::Value(hash)}));
  return Ok();
}

Result<AuditVerification> VerifyAuditChain(db::Database& db) {
  AuditVerification out;
  KEHU_TRY(db.Read([&](db::Session& s) -> Status {
    std::string prev;
    int64_t expected_id = 1;
    const int64_t kBatch = 5000;
    for (;;) {
      KEHU_ASSIGN(db::Rows rows, s.Query(
          "SELECT id, at, user_id, remote_address, request_id, entity, record_id, action, changes, "
          "prev_hash, hash FROM audit_log WHERE id >= ? ORDER BY id LIMIT ?",
          {db::Value(expected_id), db::Value(kBatch)}));
      for (const auto& r : rows.rows) {
        int64_t id = db::AsInt(r[0]);
        std::string computed = RowHash(prev, id, db::AsText(r[1]), r[2], db::AsText(r[3]),
                                       db::AsText(r[4]), db::AsText(r[5]), r[6], db::AsText(r[7]),
                                       db::AsText(r[8]));
        std::string problem;
        if (id != expected_id) problem = "row missing before id " + std::to_string(id);
        else if (db::AsText(r[9]) != prev) problem = "broken link";
        else if (db::AsText(r[10]) != computed) problem = "content does not match its hash";
        if (!problem.empty()) {
          out.intact = false;
          out.first_bad_id = id;
          out.problem = problem;
          return Ok();
        }
        prev = db::AsText(r[10]);
        ++expected_id;
        ++out.rows;
      }
      if (static_cast<int64_t>(rows.size()) < kBatch) break;
    }
    KEHU_ASSIGN(db::Rows head, s.Query("SELECT last_id, last_hash FROM audit_head WHERE id = 1", {}));
    if (head.empty() || db::AsInt(head.rows[0][0]) != out.rows || db::AsText(head.rows[0][1]) != prev) {
      out.intact = false;
      out.first_bad_id = out.rows + 1;
      out.problem = "rows missing at the end of the log";
    }
    return Ok();
  }));
  return out;
}

}  // namespace kehu::records
