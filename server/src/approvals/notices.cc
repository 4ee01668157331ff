#include "approvals/notices.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "mail/mail_queue.h"

namespace kehu::approvals {
namespace json = boost::json;

namespace {

Result<std::string> LocaleOf(db::Session& s, int64_t user_id) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT locale FROM users WHERE id = ?", {db::Value(user_id)}));
  return rows.empty() ? std::string("zh-CN") : db::AsText(rows.rows[0][0]);
}

std::string LabelIn(const meta::Entity& e, const std::string& locale) {
  if (auto it = e.labels.find(locale); it != e.labels.end()) return it->second;
  if (auto it = e.labels.find("zh-CN"); it != e.labels.end()) return it->second;
  return e.name;
}

// Only the kinds that need the user to act or tell a result go by email.
bool Mailed(const std::string& kind) { return kind != "approval_withdrawn"; }

}  // namespace

Status Send(db::Session& s, notify::Notifier* notifier, const Notice& n, const std::vector<int64_t>& users) {
  for (int64_t user : users) {
    KEHU_ASSIGN(std::string locale, LocaleOf(s, user));
    json::object params{{"title", n.title}, {"actor", n.actor_name}, {"entityLabel", LabelIn(*n.entity, locale)}};
    if (!n.comment.empty()) params["comment"] = n.comment;
    if (notifier) {
      notify::Notification note{user, n.kind, n.entity->name, n.record_id, params};
      KEHU_TRY(notifier->Add(s, note));
    }
    if (!Mailed(n.kind)) continue;
    params["comment"] = n.comment;
    params["url"] = "/r/" + n.entity->name + "/" + std::to_string(n.record_id);
    auto queued = mail::Enqueue(s, {user, "", "", n.kind, params});
    if (!queued.ok()) {
      if (queued.error().code != "unknown_template") return std::move(queued).error();
      spdlog::warn("approvals: no mail template '{}'; mail skipped", n.kind);
    }
  }
  return Ok();
}

}  // namespace kehu::approvals
