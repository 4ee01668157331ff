// The built-in mail texts (mustache, plain text) for every template in zh-CN, zh-TW and en.
// Admins override them per locale through the API; these stay as the defaults to go back to.
#include <array>
#include <string_view>

#include "mail/templates.h"

namespace kehu::mail {
namespace {

struct Builtin {
  const char* name;
  const char* locale;
  TemplateText text;
};

// Lines made only of a section tag ({{#comment}} … {{/comment}}) vanish from the output, so an
// absent comment leaves no empty "意见：" line behind.
const Builtin kBuiltins[] = {
    {"approval_requested", "zh-CN",
     {"【待审批】{{entityLabel}}：{{title}}",
      "您好：\n\n{{actor}} 提交了{{entityLabel}}「{{title}}」，等待您审批。\n"
      "{{#comment}}\n说明：{{comment}}\n{{/comment}}"
      "{{#url}}\n查看并处理：{{url}}\n{{/url}}"
      "\n\n—— Kehu 客户关系管理系统\n"}},
    {"approval_requested", "zh-TW",
     {"【待簽核】{{entityLabel}}：{{title}}",
      "您好：\n\n{{actor}} 提交了{{entityLabel}}「{{title}}」，等待您簽核。\n"
      "{{#comment}}\n說明：{{comment}}\n{{/comment}}"
      "{{#url}}\n檢視並處理：{{url}}\n{{/url}}"
      "\n\n—— Kehu 客戶關係管理系統\n"}},
    {"approval_requested", "en",
     {"Approval needed: {{entityLabel}} {{title}}",
      "Hello,\n\n{{actor}} submitted the {{entityLabel}} \"{{title}}\" for your approval.\n"
      "{{#comment}}\nNote: {{comment}}\n{{/comment}}"
      "{{#url}}\nReview it: {{url}}\n{{/url}}"
      "\n\n-- Kehu CRM\n"}},

    {"approval_approved", "zh-CN",
     {"【审批通过】{{entityLabel}}：{{title}}",
      "您好：\n\n{{actor}} 已通过您提交的{{entityLabel}}「{{title}}」。\n"
      "{{#comment}}\n审批意见：{{comment}}\n{{/comment}}"
      "{{#url}}\n查看：{{url}}\n{{/url}}"
      "\n\n—— Kehu 客户关系管理系统\n"}},
    {"approval_approved", "zh-TW",
     {"【簽核通過】{{entityLabel}}：{{title}}",
      "您好：\n\n{{actor}} 已核准您提交的{{entityLabel}}「{{title}}」。\n"
      "{{#comment}}\n簽核意見：{{comment}}\n{{/comment}}"
      "{{#url}}\n檢視：{{url}}\n{{/url}}"
      "\n\n—— Kehu 客戶關係管理系統\n"}},
    {"approval_approved", "en",
     {"Approved: {{entityLabel}} {{title}}",
      "Hello,\n\n{{actor}} approved the {{entityLabel}} \"{{title}}\" you submitted.\n"
      "{{#comment}}\nComment: {{comment}}\n{{/comment}}"
      "{{#url}}\nOpen it: {{url}}\n{{/url}}"
      "\n\n-- Kehu CRM\n"}},

    {"approval_rejected", "zh-CN",
     {"【审批驳回】{{entityLabel}}：{{title}}",
      "您好：\n\n{{actor}} 驳回了您提交的{{entityLabel}}「{{title}}」。\n"
      "{{#comment}}\n驳回原因：{{comment}}\n{{/comment}}"
      "{{#url}}\n修改后可重新提交：{{url}}\n{{/url}}"
      "\n\n—— Kehu 客户关系管理系统\n"}},
    {"approval_rejected", "zh-TW",
     {"【簽核駁回】{{entityLabel}}：{{title}}",
      "您好：\n\n{{actor}} 駁回了您提交的{{entityLabel}}「{{title}}」。\n"
      "{{#comment}}\n駁回原因：{{comment}}\n{{/comment}}"
      "{{#url}}\n修改後可重新提交：{{url}}\n{{/url}}"
      "\n\n—— Kehu 客戶關係管理系統\n"}},
    {"approval_rejected", "en",
     {"Rejected: {{entityLabel}} {{title}}",
      "Hello,\n\n{{actor}} rejected the {{entityLabel}} \"{{title}}\" you submitted.\n"
      "{{#comment}}\nReason: {{comment}}\n{{/comment}}"
      "{{#url}}\nEdit and submit it again: {{url}}\n{{/url}}"
      "\n\n-- Kehu CRM\n"}},

    {"reminder", "zh-CN",
     {"【提醒】{{title}}",
      "您好：\n\n提醒事项：{{title}}\n"
      "{{#when}}时间：{{when}}\n{{/when}}"
      "{{#comment}}备注：{{comment}}\n{{/comment}}"
      "{{#url}}\n查看：{{url}}\n{{/url}}"
      "\n\n—— Kehu 客户关系管理系统\n"}},
    {"reminder", "zh-TW",
     {"【提醒】{{title}}",
      "您好：\n\n提醒事項：{{title}}\n"
      "{{#when}}時間：{{when}}\n{{/when}}"
      "{{#comment}}備註：{{comment}}\n{{/comment}}"
      "{{#url}}\n檢視：{{url}}\n{{/url}}"
      "\n\n—— Kehu 客戶關係管理系統\n"}},
    {"reminder", "en",
     {"Reminder: {{title}}",
      "Hello,\n\nReminder: {{title}}\n"
      "{{#when}}When: {{when}}\n{{/when}}"
      "{{#comment}}Note: {{comment}}\n{{/comment}}"
      "{{#url}}\nOpen it: {{url}}\n{{/url}}"
      "\n\n-- Kehu CRM\n"}},

    {"test", "zh-CN",
     {"Kehu 测试邮件",
      "您好：\n\n这是一封来自 Kehu 客户关系管理系统的测试邮件。收到这封邮件，说明发件设置正确。\n\n"
      "{{#host}}发件服务器：{{host}}:{{port}}\n{{/host}}"
      "{{#actor}}发送人：{{actor}}\n{{/actor}}"
      "\n\n—— Kehu 客户关系管理系统\n"}},
    {"test", "zh-TW",
     {"Kehu 測試郵件",
      "您好：\n\n這是一封來自 Kehu 客戶關係管理系統的測試郵件。收到這封郵件，表示寄件設定正確。\n\n"
      "{{#host}}寄件伺服器：{{host}}:{{port}}\n{{/host}}"
      "{{#actor}}寄件人：{{actor}}\n{{/actor}}"
      "\n\n—— Kehu 客戶關係管理系統\n"}},
    {"test", "en",
     {"Kehu test message",
      "Hello,\n\nThis is a test message from Kehu CRM. If you received it, the mail settings work.\n\n"
      "{{#host}}Server: {{host}}:{{port}}\n{{/host}}"
      "{{#actor}}Sent by: {{actor}}\n{{/actor}}"
      "\n\n-- Kehu CRM\n"}},
};

}  // namespace

const TemplateText* BuiltinTemplate(std::string_view name, std::string_view locale) {
  for (const auto& b : kBuiltins)
    if (name == b.name && locale == b.locale) return &b.text;
  return nullptr;
}

}  // namespace kehu::mail
