// Subscription validation: what an admin may save, and the field errors for what they may not.
#include "webhooks/subscription.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace kehu::webhooks {
namespace {
namespace json = boost::json;

class SubscriptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto reg = meta::Registry::LoadDirectory(std::string(KEHU_SOURCE_DIR) + "/metadata/entities");
    ASSERT_TRUE(reg.ok());
    registry_ = *reg;
  }
  // The error of applying and validating `body` on a new subscription, or Ok.
  Status Check(const json::object& body, Webhook* out = nullptr) {
    Webhook w;
    KEHU_TRY(ApplyBody(body, w));
    KEHU_TRY(Validate(w, *registry_));
    if (out) *out = w;
    return Ok();
  }
  json::object Good() {
    return {{"url", "https://hooks.example.cn/kehu?x=1"},
            {"events", json::array{"customers.created", "contacts.*"}},
            {"secret", "0123456789abcdef"}};
  }
  std::shared_ptr<const meta::Registry> registry_;
};

TEST_F(SubscriptionTest, AcceptsAGoodOneAndNamesItAfterTheHost) {
  Webhook w;
  Status st = Check(Good(), &w);
  ASSERT_TRUE(st.ok()) << st.error().code;
  EXPECT_EQ(w.name, "hooks.example.cn");
  EXPECT_EQ(w.format, "json");
  EXPECT_TRUE(w.active);
  EXPECT_TRUE(w.Wants("customers", "created"));
  EXPECT_FALSE(w.Wants("customers", "updated"));
  EXPECT_TRUE(w.Wants("contacts", "state_changed"));
}

TEST_F(SubscriptionTest, RefusesUrlsThatAreNotHttpWithAHost) {
  for (const char* url : {"ftp://example.cn/x", "file:///etc/passwd", "javascript:alert(1)", "example.cn/hook",
                          "http://", "https:///path", "http://exa mple.cn/", "mailto:a@example.cn", "//example.cn/x"}) {
    json::object body = Good();
    body["url"] = url;
    Status st = Check(body);
    ASSERT_FALSE(st.ok()) << url;
    EXPECT_EQ(st.error().code, "invalid_url") << url;
    EXPECT_EQ(st.error().kind, ErrorKind::kValidation);
    EXPECT_EQ(st.error().fields.at("url"), "invalid_url") << url;
  }
  json::object upper = Good();
  upper["url"] = "HTTP://127.0.0.1:8099/sink";
  EXPECT_TRUE(Check(upper).ok());
}

TEST_F(SubscriptionTest, ReportsEveryFieldError) {
  Status st = Check({{"url", "https://example.cn"}, {"events", json::array{"customers.exploded", "nothing.created"}},
                     {"format", "slack"}, {"secret", "short"}});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "validation_failed");
  EXPECT_EQ(st.error().fields.at("events"), "unknown_event");
  EXPECT_EQ(st.error().fields.at("format"), "invalid_option");
  EXPECT_EQ(st.error().fields.at("secret"), "too_short");
  Status empty = Check({{"url", "https://example.cn"}, {"events", json::array{}}});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().fields.at("events"), "required");
  EXPECT_EQ(empty.error().fields.at("secret"), "required");
}

TEST_F(SubscriptionTest, RobotsNeedNoSecret) {
  Status st = Check({{"url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"},
                     {"events", json::array{"customers.*"}}, {"format", "wecom"}});
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().code);
}

TEST_F(SubscriptionTest, WrongTypesAndUnknownMembersAre400) {
  for (const json::object& body : {json::object{{"url", 5}}, json::object{{"events", "customers.created"}},
                                   json::object{{"events", json::array{1}}}, json::object{{"active", "yes"}},
                                   json::object{{"colour", "red"}}}) {
    Webhook w;
    Status st = ApplyBody(body, w);
    ASSERT_FALSE(st.ok()) << json::serialize(body);
    EXPECT_EQ(st.error().kind, ErrorKind::kInvalidInput) << json::serialize(body);
  }
}

TEST_F(SubscriptionTest, JsonNeverShowsTheSecret) {
  Webhook w;
  ASSERT_TRUE(Check(Good(), &w).ok());
  json::object o = ToJson(w);
  EXPECT_EQ(o.at("secretSet"), true);
  EXPECT_EQ(json::serialize(o).find("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace kehu::webhooks
