// ListJobs: the `jobs` table as JSON for GET /api/v1/jobs and `kehu jobs list`.
#include <boost/json.hpp>

#include "jobs/job_store.h"
#include "jobs/scheduler.h"

namespace kehu::jobs {
namespace json = boost::json;

namespace {
json::value TextOrNull(const std::string& s) { return s.empty() ? json::value() : json::value(s); }
}  // namespace

Result<json::array> ListJobs(db::Database& db) {
  std::vector<store::Row> rows;
  KEHU_TRY(db.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(rows, store::All(s));
    return Ok();
  }));
  std::string now = NowIso();
  json::array items;
  for (const auto& r : rows) {
    bool running = !r.lease_expires_at.empty() && r.lease_expires_at > now;
    items.push_back(json::object{
        {"name", r.name}, {"schedule", r.schedule}, {"nextRunAt", TextOrNull(r.next_run_at)},
        {"lastRunAt", TextOrNull(r.last_run_at)}, {"lastFinishedAt", TextOrNull(r.last_finished_at)},
        {"lastStatus", TextOrNull(r.last_status)}, {"lastError", TextOrNull(r.last_error)},
        {"failures", r.failures}, {"runs", r.runs}, {"running", running},
        {"leaseOwner", running ? TextOrNull(r.lease_owner) : json::value()},
        {"leaseExpiresAt", running ? TextOrNull(r.lease_expires_at) : json::value()}});
  }
  return items;
}

}  // namespace kehu::jobs
