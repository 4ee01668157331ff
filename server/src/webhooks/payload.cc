#include "webhooks/payload.h"

#include <sodium.h>

#include <boost/json.hpp>

#include <chrono>

#include "core/text/utf8.h"
#include "core/time.h"

namespace kehu::webhooks {
namespace json = boost::json;

namespace {

constexpr size_t kMaxSummaryFields = 6;
constexpr size_t kMaxValueChars = 80;

std::string Label(const meta::Labels& labels, const std::string& fallback) {
  auto it = labels.find("zh-CN");
  return it != labels.end() && !it->second.empty() ? it->second : fallback;
}

// One line of markdown: no line breaks, bounded length.
std::string OneLine(std::string_view s) {
  std::u32string cps = text::DecodeUtf8(s);
  std::string out;
  size_t n = 0;
  for (char32_t c : cps) {
    if (n++ == kMaxValueChars) {
      out += "…";
      break;
    }
    text::AppendUtf8(out, c == U'\n' || c == U'\r' || c == U'\t' ? U' ' : c);
  }
  return out;
}

std::string OptionLabel(const meta::Field& f, std::string_view value) {
  auto options = f.Options();
  if (const meta::EnumOption* o = options ? meta::FindOption(*options, value) : nullptr)
    return Label(o->labels, std::string(value));
  return std::string(value);
}

// The value as a person reads it, or "" when there is nothing to show.
std::string Readable(const meta::Field& f, const json::value& v, const json::object& record) {
  if (v.is_null()) return "";
  if (f.type == meta::FieldType::kUser || f.type == meta::FieldType::kRelation) {
    if (auto* d = record.if_contains("_display"); d && d->is_object())
      if (auto* label = d->as_object().if_contains(f.name); label && label->is_string())
        return std::string(label->as_string());
    return v.is_int64() ? "#" + std::to_string(v.as_int64()) : "";
  }
  if (f.type == meta::FieldType::kEnum && v.is_string()) return OptionLabel(f, v.as_string());
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return v.as_bool() ? "是" : "否";
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_double()) return json::serialize(v);
  if (v.is_array()) {  // multi-enum
    std::string out;
    for (const auto& item : v.as_array())
      if (item.is_string()) out += (out.empty() ? "" : "、") + OptionLabel(f, item.as_string());
    return out;
  }
  if (v.is_object()) {
    const auto& o = v.as_object();
    if (auto* amount = o.if_contains("amount"); amount && amount->is_string()) {
      auto* currency = o.if_contains("currency");
      return std::string(amount->as_string()) +
             (currency && currency->is_string() ? " " + std::string(currency->as_string()) : "");
    }
    if (auto* names = o.if_contains("names"); names && names->is_array()) {
      std::string out;
      for (const auto& n : names->as_array())
        if (n.is_string() && n.as_string() != "市辖区") out += std::string(n.as_string());
      if (!out.empty()) return out;
    }
    if (auto* code = o.if_contains("code"); code && code->is_string()) return std::string(code->as_string());
  }
  return "";
}

// "2026-11-22 16:00（北京时间）" from an ISO instant; the text as given when it does not parse.
std::string BeijingTime(const std::string& iso) {
  auto t = ParseIso(iso);
  if (!t) return iso;
  std::string s = FormatIso(*t + std::chrono::hours(8));
  return s.substr(0, 10) + " " + s.substr(11, 5) + "（北京时间）";
}

std::string Title(const meta::Entity* e, const EventPayload& p) {
  if (!e) return "Kehu 测试消息";
  std::string title;
  if (auto* t = p.record.if_contains(e->title_field); t && t->is_string()) title = OneLine(t->as_string());
  if (title.empty()) title = "#" + std::to_string(p.record_id);
  return Label(e->labels, e->name) + EventLabel(p.type) + "：" + title;
}

}  // namespace

std::string EventLabel(const std::string& type) {
  if (type == "created") return "新建";
  if (type == "updated") return "更新";
  if (type == "deleted") return "删除";
  if (type == "approved") return "审批通过";
  if (type == "rejected") return "审批拒绝";
  if (type == "state_changed") return "状态变更";
  if (type == "ping") return "测试";
  return type;
}

std::string EventName(const EventPayload& p) {
  return p.entity.empty() ? p.type : p.entity + "." + p.type;
}

std::string Summary(const meta::Entity* e, const EventPayload& p) {
  std::string out = "### " + Title(e, p) + "\n";
  if (!e) {
    out += "> 这是一条来自 Kehu 客户管理系统的测试消息，收到即表示推送配置正确。\n";
  } else {
    size_t shown = 0;
    for (const auto& name : e->list_columns) {
      if (shown == kMaxSummaryFields) break;
      const meta::Field* f = e->FindField(name);
      if (!f || name == e->title_field || (f->system && name != "ownerId")) continue;
      auto* v = p.record.if_contains(name);
      if (!v) continue;  // hidden from the subscription's owner
      std::string value = OneLine(Readable(*f, *v, p.record));
      if (value.empty()) continue;
      out += "> " + Label(f->labels, f->name) + "：" + value + "\n";
      ++shown;
    }
  }
  out += "\n时间：" + BeijingTime(p.occurred_at);
  return out;
}

std::string RenderBody(const std::string& format, const meta::Entity* e, const EventPayload& p) {
  if (format == "wecom")
    return json::serialize(json::object{{"msgtype", "markdown"},
                                        {"markdown", json::object{{"content", Summary(e, p)}}}});
  if (format == "dingtalk")
    return json::serialize(json::object{
        {"msgtype", "markdown"},
        {"markdown", json::object{{"title", Title(e, p)}, {"text", Summary(e, p)}}}});
  json::object body{{"event", EventName(p)}, {"occurredAt", p.occurred_at}};
  if (e) {
    body["entity"] = p.entity;
    body["id"] = p.record_id;
    body["record"] = p.record;
  }
  return json::serialize(body);
}

std::string SignatureHeader(std::string_view secret, std::string_view body) {
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return "sha256=" + std::string(hex);
}

}  // namespace kehu::webhooks
