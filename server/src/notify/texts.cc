#include "notify/texts.h"

#include <boost/json/serialize.hpp>

#include <string_view>

namespace kehu::notify {
namespace {

struct Text {
  const char* title;
  const char* body;
};

struct KindTexts {
  const char* kind;
  Text zh_cn, zh_tw, en;
};

constexpr KindTexts kTexts[] = {
    {"approval_requested",
     {"待审批：{title}", "{actor} 提交了{entityLabel}“{title}”，请审批"},
     {"待審批：{title}", "{actor} 提交了{entityLabel}「{title}」，請審批"},
     {"Approval requested: {title}", "{actor} submitted “{title}” ({entityLabel}) for approval"}},
    {"approval_approved",
     {"审批通过：{title}", "您提交的{entityLabel}“{title}”已通过审批"},
     {"審批通過：{title}", "您提交的{entityLabel}「{title}」已通過審批"},
     {"Approved: {title}", "Your submission “{title}” ({entityLabel}) was approved"}},
    {"approval_rejected",
     {"审批驳回：{title}", "您提交的{entityLabel}“{title}”已被驳回：{comment}"},
     {"審批駁回：{title}", "您提交的{entityLabel}「{title}」已被駁回：{comment}"},
     {"Rejected: {title}", "Your submission “{title}” ({entityLabel}) was rejected: {comment}"}},
    {"approval_withdrawn",
     {"审批已撤回：{title}", "{actor} 撤回了{entityLabel}“{title}”的审批申请"},
     {"審批已撤回：{title}", "{actor} 撤回了{entityLabel}「{title}」的審批申請"},
     {"Approval withdrawn: {title}", "{actor} withdrew “{title}” ({entityLabel}) from approval"}},
    {"reminder",
     {"提醒：{title}", "{note}"},
     {"提醒：{title}", "{note}"},
     {"Reminder: {title}", "{note}"}},
};

constexpr KindTexts kGeneric = {"",
                                {"新通知", "{title}"},
                                {"新通知", "{title}"},
                                {"New notification", "{title}"}};

const Text& Pick(const KindTexts& k, std::string_view lang) {
  if (lang == "en") return k.en;
  if (lang == "zh-TW") return k.zh_tw;
  return k.zh_cn;
}

std::string ParamText(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return {};
  return boost::json::serialize(v);
}

// Replaces every {name} by its value; unknown names become empty text. Values are inserted as
// they are (never re-scanned), so a param containing "{x}" stays literal.
std::string Fill(std::string_view tmpl, const boost::json::object& params,
                 const std::string& entity_label) {
  std::string out;
  size_t pos = 0;
  while (pos < tmpl.size()) {
    size_t open = tmpl.find('{', pos);
    size_t close = open == std::string_view::npos ? open : tmpl.find('}', open);
    if (close == std::string_view::npos) {
      out.append(tmpl.substr(pos));
      break;
    }
    out.append(tmpl.substr(pos, open - pos));
    std::string_view name = tmpl.substr(open + 1, close - open - 1);
    if (name == "entityLabel") {
      out += entity_label;
    } else if (auto* v = params.if_contains(name)) {
      out += ParamText(*v);
    }
    pos = close + 1;
  }
  return out;
}

}  // namespace

NotificationText RenderText(const std::string& kind, const boost::json::object& params,
                            const std::string& entity_label, const std::string& lang) {
  const KindTexts* k = &kGeneric;
  for (const auto& row : kTexts)
    if (kind == row.kind) k = &row;
  const Text& t = Pick(*k, lang);
  return {Fill(t.title, params, entity_label), Fill(t.body, params, entity_label)};
}

boost::json::object RenderNotification(const StoredNotification& n, const meta::Registry& registry,
                                       const std::string& lang) {
  std::string label;
  if (const meta::Entity* e = n.entity.empty() ? nullptr : registry.Find(n.entity)) {
    auto it = e->labels.find(lang);
    if (it == e->labels.end()) it = e->labels.find("zh-CN");
    if (it != e->labels.end()) label = it->second;
  }
  NotificationText text = RenderText(n.kind, n.params, label, lang);
  boost::json::object o;
  o["id"] = n.id;
  o["kind"] = n.kind;
  o["title"] = std::move(text.title);
  o["body"] = std::move(text.body);
  o["entity"] = n.entity.empty() ? boost::json::value() : boost::json::value(n.entity);
  o["recordId"] = n.record_id == 0 ? boost::json::value() : boost::json::value(n.record_id);
  o["createdAt"] = n.created_at;
  o["readAt"] = n.read_at.empty() ? boost::json::value() : boost::json::value(n.read_at);
  return o;
}

}  // namespace kehu::notify
