// Notification texts: each kind in each language, the entity label, missing params, unknown kinds.
#include "notify/texts.h"

#include <gtest/gtest.h>

namespace kehu::notify {
namespace {

namespace json = boost::json;

TEST(NotificationTextTest, ApprovalRequestedInEveryLanguage) {
  json::object p{{"actor", "张伟"}, {"title", "北京网联科技"}};
  auto cn = RenderText("approval_requested", p, "客户", "zh-CN");
  EXPECT_EQ(cn.body, "张伟 提交了客户“北京网联科技”，请审批");
  EXPECT_EQ(cn.title, "待审批：北京网联科技");
  auto tw = RenderText("approval_requested", p, "客戶", "zh-TW");
  EXPECT_EQ(tw.body, "张伟 提交了客戶「北京网联科技」，請審批");
  auto en = RenderText("approval_requested", p, "Customers", "en");
  EXPECT_EQ(en.body, "张伟 submitted “北京网联科技” (Customers) for approval");
  // Anything else reads as 简体.
  EXPECT_EQ(RenderText("approval_requested", p, "客户", "fr").body, cn.body);
}

TEST(NotificationTextTest, RejectedCarriesTheComment) {
  json::object p{{"title", "上海网联"}, {"comment", "信用代码有误"}};
  EXPECT_EQ(RenderText("approval_rejected", p, "客户", "zh-CN").body,
            "您提交的客户“上海网联”已被驳回：信用代码有误");
}

TEST(NotificationTextTest, ReminderAndGenericFallback) {
  json::object p{{"title", "回访王总"}, {"note", "带上报价单"}};
  auto r = RenderText("reminder", p, "", "zh-CN");
  EXPECT_EQ(r.title, "提醒：回访王总");
  EXPECT_EQ(r.body, "带上报价单");
  auto g = RenderText("something_new", p, "", "en");
  EXPECT_EQ(g.title, "New notification");
  EXPECT_EQ(g.body, "回访王总");
}

TEST(NotificationTextTest, MissingParamsAreEmptyAndValuesAreNotReexpanded) {
  EXPECT_EQ(RenderText("approval_approved", {}, "客户", "zh-CN").body, "您提交的客户“”已通过审批");
  json::object p{{"title", "{actor}"}, {"actor", "X"}};
  EXPECT_EQ(RenderText("approval_approved", p, "客户", "zh-CN").title, "审批通过：{actor}");
  json::object n{{"title", 42}};
  EXPECT_EQ(RenderText("reminder", n, "", "zh-CN").title, "提醒：42");
}

TEST(NotificationTextTest, RenderedNotificationHasTheApiShape) {
  auto reg = meta::Registry::LoadDirectory(std::string(KEHU_SOURCE_DIR) + "/metadata/entities");
  ASSERT_TRUE(reg.ok());
  StoredNotification n{7, 3, "approval_approved", "customers", 42, {{"title", "甲"}},
                       "2026-01-05T01:02:03Z", ""};
  auto o = RenderNotification(n, **reg, "zh-TW");
  EXPECT_EQ(o.at("id").as_int64(), 7);
  EXPECT_EQ(o.at("title").as_string(), "審批通過：甲");
  EXPECT_EQ(o.at("body").as_string(), "您提交的客戶「甲」已通過審批");
  EXPECT_EQ(o.at("entity").as_string(), "customers");
  EXPECT_EQ(o.at("recordId").as_int64(), 42);
  EXPECT_TRUE(o.at("readAt").is_null());
  StoredNotification none{8, 3, "reminder", "", 0, {}, "2026-01-05T01:02:03Z", "2026-01-06T00:00:00Z"};
  auto p = RenderNotification(none, **reg, "en");
  EXPECT_TRUE(p.at("entity").is_null());
  EXPECT_TRUE(p.at("recordId").is_null());
  EXPECT_EQ(p.at("readAt").as_string(), "2026-01-06T00:00:00Z");
}

}  // namespace
}  // namespace kehu::notify
