#include "modules/customers/review.h"

#include <boost/json.hpp>

#include <algorithm>

#include "core/time.h"

namespace kehu::modules::customers {
namespace json = boost::json;
using records::Action;
using records::Actor;

namespace {

constexpr const char* kEntity = "customers";

std::string StateOf(const json::object& record) {
  auto* v = record.if_contains("reviewState");
  return v && v->is_string() ? std::string(v->as_string()) : "draft";
}

// Conflict unless the record is in one of `allowed`.
records::RecordService::StateGuard InState(std::vector<std::string> allowed) {
  return [allowed = std::move(allowed)](const json::object& current) -> Status {
    std::string state = StateOf(current);
    if (std::find(allowed.begin(), allowed.end(), state) != allowed.end()) return Ok();
    return Conflict("review_state_invalid").Arg("state", state);
  };
}

bool IsReviewer(const Actor& a) {
  if (a.is_admin) return true;
  for (const auto& role : a.roles)
    if (role == "executive" || role == "supervisor") return true;
  return false;
}

Result<std::string> Comment(const json::object& body, bool required) {
  auto* c = body.if_contains("comment");
  if (!c || c->is_null() || (c->is_string() && c->as_string().empty())) {
    if (required) return ValidationFailed().Field("comment", "required");
    return std::string();
  }
  if (!c->is_string()) return InvalidInput("wrong_type").Field("comment", "wrong_type");
  if (c->as_string().size() > 1500) return ValidationFailed().Field("comment", "too_long");
  return std::string(c->as_string());
}

json::value OrNull(const std::string& s) { return s.empty() ? json::value() : json::value(s); }

}  // namespace

void RegisterReview(records::Actions& actions, records::Hooks& hooks, records::RecordService& rs) {
  actions.Register(kEntity, "submit", [&rs](const Actor& a, const meta::Entity& e, int64_t id, const json::object&) {
    json::object values{{"reviewState", "pending"}, {"reviewerId", nullptr}, {"reviewedAt", nullptr}, {"reviewComment", nullptr}};
    return rs.ChangeState(a, e, id, Action::kEdit, values, "review_submit", InState({"draft", "rejected"}));
  });
  actions.Register(kEntity, "withdraw", [&rs](const Actor& a, const meta::Entity& e, int64_t id, const json::object&) {
    return rs.ChangeState(a, e, id, Action::kEdit, json::object{{"reviewState", "draft"}}, "review_withdraw",
                          InState({"pending"}));
  });
  for (const char* verdict : {"approve", "reject"}) {
    bool approve = std::string(verdict) == "approve";
    actions.Register(kEntity, verdict, [&rs, approve](const Actor& a, const meta::Entity& e, int64_t id,
                                                      const json::object& body) -> Result<json::object> {
      KEHU_TRY(rs.Get(a, e, id));  // 404 before 403: never reveal a customer one cannot see
      if (!IsReviewer(a)) return Forbidden();
      KEHU_ASSIGN(std::string comment, Comment(body, !approve));
      json::object values{{"reviewState", approve ? "approved" : "rejected"}, {"reviewerId", a.user_id},
                          {"reviewedAt", NowIso()}, {"reviewComment", OrNull(comment)}};
      return rs.ChangeState(a, e, id, Action::kEdit, values, approve ? "review_approve" : "review_reject",
                            InState({"pending"}));
    });
  }
  // While under review the data stays as submitted.
  auto locked = [](records::HookContext& ctx) -> Status {
    if (ctx.before && StateOf(*ctx.before) == "pending") return Conflict("pending_review");
    return Ok();
  };
  hooks.On(kEntity, records::HookPoint::kBeforeUpdate, locked);
}

}  // namespace kehu::modules::customers
