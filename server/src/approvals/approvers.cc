#include "approvals/approvers.h"

#include <algorithm>
#include <set>

namespace kehu::approvals {
using db::Value;

namespace {

// The manager of `user_id`, or 0.
Result<int64_t> ManagerOf(db::Session& s, int64_t user_id) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT manager_id FROM users WHERE id = ?", {Value(user_id)}));
  return rows.empty() ? int64_t{0} : db::AsInt(rows.rows[0][0]);
}

Result<bool> IsActive(db::Session& s, int64_t user_id) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT active FROM users WHERE id = ?", {Value(user_id)}));
  return !rows.empty() && db::AsInt(rows.rows[0][0]) != 0;
}

// Walks up to `levels` managers from the submitter. Bounded by `levels`, and a manager met twice
// (or the submitter met again) is a loop in the org data, reported rather than followed.
Result<std::vector<int64_t>> Chain(const ApproverContext& ctx, int levels) {
  std::vector<int64_t> out;
  std::set<int64_t> seen{ctx.submitter_id};
  int64_t current = ctx.submitter_id;
  for (int level = 0; level < levels && current; ++level) {
    KEHU_ASSIGN(int64_t manager, ManagerOf(ctx.session, current));
    if (!manager) break;  // the top of the reporting line
    if (!seen.insert(manager).second) return Conflict("manager_cycle");
    out.push_back(manager);
    current = manager;
  }
  return out;
}

Result<std::vector<int64_t>> Candidates(const ApproverContext& ctx, const Approver& rule) {
  switch (rule.type) {
    case ApproverType::kUser:
      return std::vector<int64_t>{rule.user_id};
    case ApproverType::kManager:
      return Chain(ctx, 1);
    case ApproverType::kManagerChain:
      return Chain(ctx, rule.levels);
    case ApproverType::kRole: {
      KEHU_ASSIGN(db::Rows rows, ctx.session.Query("SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id "
                                                   "JOIN roles r ON r.id = ur.role_id WHERE r.code = ? AND u.active = 1 "
                                                   "ORDER BY u.id",
                                                   {Value(rule.role)}));
      std::vector<int64_t> ids;
      for (const auto& r : rows.rows) ids.push_back(db::AsInt(r[0]));
      return ids;
    }
  }
  return std::vector<int64_t>{};
}

}  // namespace

Result<bool> MayRead(const ApproverContext& ctx, int64_t user_id) {
  KEHU_ASSIGN(bool active, IsActive(ctx.session, user_id));
  if (!active) return false;
  KEHU_ASSIGN(records::Actor actor, ctx.auth.LoadActor(ctx.session, user_id));
  if (!ctx.access.Allowed(actor, ctx.entity, records::Action::kRead)) return false;
  std::vector<Value> params{Value(ctx.record_id)};
  std::string predicate = ctx.access.Predicate(actor, ctx.entity, records::Action::kRead, "t", params);
  KEHU_ASSIGN(db::Rows rows, ctx.session.Query("SELECT 1 FROM " + ctx.entity.table +
                                                   " t WHERE t.id = ? AND t.deleted_at IS NULL AND (" + predicate + ")",
                                               params));
  return !rows.empty();
}

Result<std::vector<int64_t>> ResolveApprovers(const ApproverContext& ctx, const Approver& rule) {
  KEHU_ASSIGN(std::vector<int64_t> candidates, Candidates(ctx, rule));
  std::vector<int64_t> out;
  for (int64_t id : candidates) {
    if (std::find(out.begin(), out.end(), id) != out.end()) continue;
    KEHU_ASSIGN(bool may_read, MayRead(ctx, id));
    if (may_read) out.push_back(id);
  }
  return out;
}

}  // namespace kehu::approvals
