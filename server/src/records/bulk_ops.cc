#include "records/bulk_ops.h"

#include <boost/json.hpp>

#include "core/crypto.h"
#include "core/zones.h"

namespace kehu::records {
using db::Value;

Result<std::set<std::string>> SelectExisting(db::Session& s, const std::string& select_prefix,
                                             const std::vector<Value>& values, const MoreConditions& more) {
  std::set<std::string> distinct;
  std::vector<Value> unique_values;
  for (const Value& v : values)
    if (distinct.insert(db::AsText(v)).second) unique_values.push_back(v);
  std::set<std::string> found;
  for (size_t start = 0; start < unique_values.size(); start += kMaxInList) {
    size_t end = std::min(unique_values.size(), start + kMaxInList);
    std::vector<Value> params(unique_values.begin() + start, unique_values.begin() + end);
    std::string sql = select_prefix + " IN (";
    for (size_t i = start; i < end; ++i) sql += i == start ? "?" : ", ?";
    sql += ")";
    if (more) sql += " AND " + more(params);
    KEHU_ASSIGN(db::Rows rows, s.Query(sql, params));
    for (const auto& r : rows.rows) found.insert(db::AsText(r[0]));
  }
  return found;
}

Result<std::vector<std::string>> TakeNumbers(db::Session& s, const meta::Entity& e, const NumberingRule& rule,
                                             TimePoint now, size_t n) {
  zones::LocalDate today = zones::DateIn(now, zones::kDefaultZone);
  std::string period = PeriodKey(rule.reset, today);
  const meta::Field* f = e.FindField(e.numbering_field);
  std::vector<std::string> out;
  for (int attempt = 0; out.size() < n && attempt < 1000; ++attempt) {
    auto want = static_cast<int64_t>(n - out.size());
    KEHU_ASSIGN(db::Rows rows, s.Query("INSERT INTO numbering_counters (entity, period, value) VALUES (?, ?, ?) "
                                       "ON CONFLICT (entity, period) DO UPDATE SET value = numbering_counters.value + ? "
                                       "RETURNING value",
                                       {Value(e.name), Value(period), Value(want), Value(want)}));
    int64_t last = db::AsInt(rows.rows[0][0]);
    std::vector<Value> candidates;
    for (int64_t seq = last - want + 1; seq <= last; ++seq)
      candidates.emplace_back(RenderNumber(rule.pattern, today, seq));
    // Numbers already present (records created under an older pattern) are skipped, as TakeNumber does.
    KEHU_ASSIGN(auto used, SelectExisting(s, "SELECT " + f->column + " FROM " + e.table + " WHERE " + f->column,
                                          candidates, {}));
    for (auto& c : candidates)
      if (!used.count(db::AsText(c))) out.push_back(db::AsText(c));
  }
  if (out.size() < n) return Conflict("numbering_exhausted");
  return out;
}

namespace {

// audit.cc's RowHash: the same fields in the same order (VerifyAuditChain checks it).
std::string RowHash(const std::string& prev, int64_t id, const std::string& at, const Value& user,
                    const std::string& remote, const std::string& request_id, const std::string& entity,
                    const Value& record, const std::string& action, const std::string& changes) {
  std::string buf;
  buf.reserve(256 + changes.size());
  for (const std::string& part : {prev, std::to_string(id), at, db::AsText(user), remote, request_id, entity,
                                  db::AsText(record), action, changes}) {
    buf += part;
    buf += '\x1f';
  }
  return crypto::Sha256Hex(buf);
}

Value NullableId(int64_t id) { return id ? Value(id) : Value(std::monostate{}); }

constexpr size_t kAuditRowsPerInsert = 200;  // 11 parameters each

}  // namespace

Status AppendAuditMany(db::Session& s, const Actor& actor, const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return Ok();
  auto n = static_cast<int64_t>(entries.size());
  // Takes the ids first..last at once; the row lock on the head serializes appenders as before.
  KEHU_ASSIGN(db::Rows head, s.Query("UPDATE audit_head SET last_id = last_id + ? WHERE id = 1 "
                                     "RETURNING last_id, last_hash", {Value(n)}));
  if (head.empty()) return Internal("audit_head row missing");
  int64_t id = db::AsInt(head.rows[0][0]) - n + 1;
  std::string prev = db::AsText(head.rows[0][1]);
  std::string at = NowIso();
  Value user = NullableId(actor.user_id);
  std::string sql;
  std::vector<Value> params;
  auto flush = [&]() -> Status {
    if (params.empty()) return Ok();
    KEHU_TRY(s.Execute("INSERT INTO audit_log (id, at, user_id, remote_address, request_id, entity, record_id, "
                       "action, changes, prev_hash, hash) VALUES " + sql, params));
    sql.clear();
    params.clear();
    return Ok();
  };
  for (size_t i = 0; i < entries.size(); ++i, ++id) {
    const AuditEntry& entry = entries[i];
    std::string changes = boost::json::serialize(entry.changes);
    Value record = NullableId(entry.record_id);
    std::string hash = RowHash(prev, id, at, user, actor.remote_address, actor.request_id, entry.entity, record,
                               entry.action, changes);
    sql += params.empty() ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    for (Value v : {Value(id), Value(at), user, Value(actor.remote_address), Value(actor.request_id),
                    Value(entry.entity), record, Value(entry.action), Value(std::move(changes)), Value(prev),
                    Value(hash)})
      params.push_back(std::move(v));
    prev = std::move(hash);
    if ((i + 1) % kAuditRowsPerInsert == 0) KEHU_TRY(flush());
  }
  KEHU_TRY(flush());
  KEHU_TRY(s.Execute("UPDATE audit_head SET last_hash = ? WHERE id = 1", {Value(prev)}));
  return Ok();
}

}  // namespace kehu::records
