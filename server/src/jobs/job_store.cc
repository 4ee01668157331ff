#include "jobs/job_store.h"

namespace kehu::jobs::store {
using db::Value;

namespace {

constexpr const char* kColumns =
    "name, schedule, next_run_at, lease_owner, lease_expires_at, last_run_at, last_finished_at, last_status, "
    "last_error, updated_at, failures, runs";

Row ReadRow(const std::vector<Value>& r) {
  Row row;
  std::string* texts[] = {&row.name,        &row.schedule,    &row.next_run_at,      &row.lease_owner,
                          &row.lease_expires_at, &row.last_run_at, &row.last_finished_at, &row.last_status,
                          &row.last_error,  &row.updated_at};
  for (size_t i = 0; i < std::size(texts); ++i) *texts[i] = db::AsText(r[i]);
  row.failures = db::AsInt(r[10]);
  row.runs = db::AsInt(r[11]);
  return row;
}

}  // namespace

std::string Truncate(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  // Step back over continuation bytes (10xxxxxx) so the cut lands before a sequence's first byte.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

Status Upsert(db::Session& s, const std::string& name, const std::string& schedule, TimePoint next_run,
              TimePoint now) {
  std::string at = FormatIso(now);
  KEHU_TRY(s.Execute("INSERT INTO jobs (name, schedule, next_run_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT (name) DO UPDATE SET schedule = excluded.schedule, "
                     "next_run_at = excluded.next_run_at, updated_at = excluded.updated_at "
                     "WHERE jobs.schedule <> excluded.schedule",
                     {Value(name), Value(schedule), Value(FormatIso(next_run)), Value(at), Value(at)}));
  return Ok();
}

Result<std::vector<std::string>> DueNames(db::Session& s, TimePoint now) {
  std::string at = FormatIso(now);
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT name FROM jobs WHERE next_run_at <= ? AND "
                                     "(lease_expires_at IS NULL OR lease_expires_at < ?) ORDER BY next_run_at, name",
                                     {Value(at), Value(at)}));
  std::vector<std::string> names;
  for (const auto& r : rows.rows) names.push_back(db::AsText(r[0]));
  return names;
}

Result<std::optional<int>> TryTake(db::Session& s, const std::string& name, const std::string& owner,
                                   TimePoint now, TimePoint lease_until) {
  std::string at = FormatIso(now);
  KEHU_ASSIGN(db::Rows rows,
              s.Query("UPDATE jobs SET lease_owner = ?, lease_expires_at = ?, last_run_at = ?, updated_at = ? "
                      "WHERE name = ? AND next_run_at <= ? AND (lease_expires_at IS NULL OR lease_expires_at < ?) "
                      "RETURNING failures",
                      {Value(owner), Value(FormatIso(lease_until)), Value(at), Value(at), Value(name), Value(at),
                       Value(at)}));
  if (rows.empty()) return std::optional<int>();
  return std::optional<int>(static_cast<int>(db::AsInt(rows.rows[0][0])) + 1);
}

Result<bool> Renew(db::Session& s, const std::string& name, const std::string& owner, TimePoint lease_until) {
  KEHU_ASSIGN(int64_t n, s.Execute("UPDATE jobs SET lease_expires_at = ? WHERE name = ? AND lease_owner = ?",
                                   {Value(FormatIso(lease_until)), Value(name), Value(owner)}));
  return n == 1;
}

Result<bool> Finish(db::Session& s, const std::string& name, const std::string& owner, const Outcome& outcome) {
  bool ok = outcome.error.empty();
  std::string at = FormatIso(outcome.finished);
  KEHU_ASSIGN(int64_t n, s.Execute(
      "UPDATE jobs SET lease_owner = NULL, lease_expires_at = NULL, last_finished_at = ?, last_status = ?, "
      "last_error = ?, failures = CASE WHEN ? = 1 THEN 0 ELSE failures + 1 END, runs = runs + 1, "
      "next_run_at = ?, updated_at = ? WHERE name = ? AND lease_owner = ?",
      {Value(at), Value(ok ? "ok" : "failed"), ok ? Value() : Value(Truncate(outcome.error, kMaxErrorBytes)),
       Value(int64_t{ok ? 1 : 0}), Value(FormatIso(outcome.next_run)), Value(at), Value(name), Value(owner)}));
  return n == 1;
}

Status Release(db::Session& s, const std::string& name, const std::string& owner) {
  KEHU_TRY(s.Execute("UPDATE jobs SET lease_owner = NULL, lease_expires_at = NULL WHERE name = ? AND lease_owner = ?",
                     {Value(name), Value(owner)}));
  return Ok();
}

Result<bool> MakeDue(db::Session& s, const std::string& name, TimePoint now) {
  std::string at = FormatIso(now);
  KEHU_ASSIGN(int64_t n, s.Execute("UPDATE jobs SET next_run_at = ?, updated_at = ? WHERE name = ?",
                                   {Value(at), Value(at), Value(name)}));
  return n == 1;
}

Result<std::vector<Row>> All(db::Session& s) {
  KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns + " FROM jobs ORDER BY name"));
  std::vector<Row> out;
  for (const auto& r : rows.rows) out.push_back(ReadRow(r));
  return out;
}

Result<std::optional<Row>> Find(db::Session& s, const std::string& name) {
  KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kColumns + " FROM jobs WHERE name = ?", {Value(name)}));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(ReadRow(rows.rows[0]));
}

}  // namespace kehu::jobs::store
