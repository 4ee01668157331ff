// Webhook bodies and signatures: the HMAC matches a published test vector, json carries the record
// as given, and the robots' markdown summaries read as Chinese with option labels, not codes.
#include "webhooks/payload.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "metadata/registry.h"

namespace kehu::webhooks {
namespace {
namespace json = boost::json;

class PayloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto reg = meta::Registry::LoadDirectory(std::string(KEHU_SOURCE_DIR) + "/metadata/entities");
    ASSERT_TRUE(reg.ok());
    registry_ = *reg;
    customers_ = registry_->Find("customers");
    event_ = {"created", "customers", 42, "2026-11-22T08:05:00.000Z",
              json::object{{"id", 42}, {"name", "北京网联科技有限公司"}, {"code", "KH-0042"},
                           {"category", "partner"}, {"phone", "138****8000"}, {"ownerId", 7},
                           {"_display", json::object{{"ownerId", "张伟"}}}}};
  }
  std::shared_ptr<const meta::Registry> registry_;
  const meta::Entity* customers_ = nullptr;
  EventPayload event_;
};

TEST(SignatureTest, MatchesRfc4231TestCase2) {
  EXPECT_EQ(SignatureHeader("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(SignatureTest, LongKeysAreHashedNotTruncated) {
  std::string key(131, '\xaa');
  EXPECT_EQ(SignatureHeader(key, "Test Using Larger Than Block-Size Key - Hash Key First"),
            "sha256=60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_F(PayloadTest, JsonCarriesEventEntityIdTimeAndRecord) {
  json::value body = json::parse(RenderBody("json", customers_, event_));
  EXPECT_EQ(body.at("event"), "customers.created");
  EXPECT_EQ(body.at("entity"), "customers");
  EXPECT_EQ(body.at("id"), 42);
  EXPECT_EQ(body.at("occurredAt"), "2026-11-22T08:05:00.000Z");
  EXPECT_EQ(body.at("record").at("phone"), "138****8000");
  EXPECT_EQ(body.at("record").at("name"), "北京网联科技有限公司");
}

TEST_F(PayloadTest, WecomIsMarkdownContentInChinese) {
  json::value body = json::parse(RenderBody("wecom", customers_, event_));
  EXPECT_EQ(body.at("msgtype"), "markdown");
  std::string content(body.at("markdown").at("content").as_string());
  EXPECT_NE(content.find("客户新建：北京网联科技有限公司"), std::string::npos) << content;
  EXPECT_NE(content.find("KH-0042"), std::string::npos) << content;
  EXPECT_NE(content.find("张伟"), std::string::npos) << "users by name, not id: " << content;
  EXPECT_NE(content.find("合作伙伴"), std::string::npos) << "options by label: " << content;
  EXPECT_NE(content.find("2026-11-22 16:05（北京时间）"), std::string::npos) << content;
  EXPECT_FALSE(body.at("markdown").as_object().contains("title"));
}

TEST_F(PayloadTest, DingtalkHasTitleAndText) {
  event_.type = "approved";
  json::value body = json::parse(RenderBody("dingtalk", customers_, event_));
  EXPECT_EQ(body.at("msgtype"), "markdown");
  EXPECT_EQ(body.at("markdown").at("title"), "客户审批通过：北京网联科技有限公司");
  std::string text(body.at("markdown").at("text").as_string());
  EXPECT_EQ(text.rfind("### 客户审批通过", 0), 0u) << text;
}

TEST_F(PayloadTest, SummaryShowsOnlyFieldsPresentAndBoundsLongValues) {
  event_.record.erase("phone");  // hidden from the owner: must not appear even as a label
  event_.record["code"] = std::string(500, 'x') + "\n**注入**";
  std::string s = Summary(customers_, event_);
  EXPECT_EQ(s.find("电话"), std::string::npos) << s;
  EXPECT_EQ(s.find("注入"), std::string::npos) << s;
  EXPECT_NE(s.find("…"), std::string::npos) << s;
}

TEST_F(PayloadTest, PingHasNoRecord) {
  EventPayload ping{"ping", "", 0, "2026-01-01T00:00:00.000Z", {}};
  json::value body = json::parse(RenderBody("json", nullptr, ping));
  EXPECT_EQ(body.at("event"), "ping");
  EXPECT_FALSE(body.as_object().contains("record"));
  json::value robot = json::parse(RenderBody("wecom", nullptr, ping));
  EXPECT_NE(std::string(robot.at("markdown").at("content").as_string()).find("测试"), std::string::npos);
}

}  // namespace
}  // namespace kehu::webhooks
