// The event hub on a real SQLite database, without HTTP: rows reach their recipient's streams only,
// Last-Event-ID replay, ids that commit late, heartbeats, credential re-checks, life cap and caps.
#include "notify/event_hub.h"

#include <atomic>
#include <thread>

#include "notify/notify_test_fixture.h"

namespace kehu::notify {
namespace {

using namespace std::chrono_literals;

// Everything a stream carried so far (consumes it).
class Reader {
 public:
  explicit Reader(std::shared_ptr<http::EventStream> s) : s_(std::move(s)) {}
  // Waits until the text so far contains `needle`.
  bool WaitFor(const std::string& needle, std::chrono::milliseconds timeout = 3s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      Drain();
      if (text_.find(needle) != std::string::npos) return true;
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(10ms);
    }
  }
  bool WaitClosed(std::chrono::milliseconds timeout = 3s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!Drain()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }
  const std::string& text() {
    Drain();
    return text_;
  }

 private:
  bool Drain() {
    auto b = s_->Take();
    text_ += b.data;
    return b.closed;
  }
  std::shared_ptr<http::EventStream> s_;
  std::string text_;
};

class EventHubTest : public testing::NotifyFixture {
 protected:
  void SetUp() override {
    NotifyFixture::SetUp();
    options_.poll_interval = 20ms;
    options_.heartbeat = 150ms;
    options_.recheck = 50ms;
  }
  void TearDown() override {
    if (hub_) hub_->Stop();
    hub_.reset();
    NotifyFixture::TearDown();
  }
  void StartHub() {
    hub_ = std::make_unique<EventHub>(*db_, registry_, options_);
    hub_->Start();
  }
  std::shared_ptr<http::EventStream> Open(int64_t user, int64_t last = 0, std::string lang = "zh-CN",
                                          std::function<bool()> valid = nullptr) {
    auto s = hub_->Subscribe({user, std::move(lang), last, std::move(valid)});
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().code);
    return s.ok() ? *s : nullptr;
  }
  int64_t Notify(int64_t user) {
    auto id = Add(About(user, user == rep_a_ ? customer_a_ : customer_b_));
    EXPECT_TRUE(id.ok());
    EXPECT_GT(*id, 0);
    return *id;
  }
  void InsertWithId(int64_t id, int64_t user) {
    Exec("INSERT INTO notifications (id, user_id, kind, params, created_at) "
         "VALUES (?, ?, 'reminder', '{\"title\":\"late\"}', ?)",
         {db::Value(id), db::Value(user), db::Value(NowIso())});
  }
  static std::string EventId(int64_t id) { return "id: " + std::to_string(id) + "\n"; }

  EventHubOptions options_;
  std::unique_ptr<EventHub> hub_;
  int64_t customer_b_ = 0;
};

TEST_F(EventHubTest, NewNotificationReachesOnlyItsRecipient) {
  customer_b_ = AddCustomer("乙方网联贸易有限公司", rep_b_);
  StartHub();
  Reader a(Open(rep_a_)), b(Open(rep_b_));
  ASSERT_TRUE(a.WaitFor(": connected"));
  int64_t id = Notify(rep_a_);
  ASSERT_TRUE(a.WaitFor(EventId(id)));
  EXPECT_NE(a.text().find("event: notification\ndata: {"), std::string::npos) << a.text();
  EXPECT_NE(a.text().find("\"title\":\"审批通过：甲方网联\""), std::string::npos) << a.text();
  EXPECT_NE(a.text().find("\"unreadCount\":1"), std::string::npos) << a.text();
  ASSERT_TRUE(b.WaitFor(": ping"));  // a heartbeat later, still nothing about a's notification
  EXPECT_EQ(b.text().find("event: notification"), std::string::npos) << b.text();
  int64_t for_b = Notify(rep_b_);
  ASSERT_TRUE(b.WaitFor(EventId(for_b)));
  ASSERT_TRUE(a.WaitFor(": ping"));
  EXPECT_EQ(a.text().find(EventId(for_b)), std::string::npos);
}

TEST_F(EventHubTest, ReplaysAfterLastEventIdInOrderWithoutDuplicates) {
  StartHub();
  int64_t first = Notify(rep_a_);
  int64_t second = Notify(rep_a_);
  int64_t third = Notify(rep_a_);
  Reader r(Open(rep_a_, first, "en"));
  ASSERT_TRUE(r.WaitFor(EventId(third)));
  const std::string& t = r.text();
  EXPECT_EQ(t.find(EventId(first)), std::string::npos);
  EXPECT_LT(t.find(EventId(second)), t.find(EventId(third)));
  EXPECT_NE(t.find("Approved: 甲方网联"), std::string::npos) << t;  // the reader's language
  int64_t fourth = Notify(rep_a_);
  ASSERT_TRUE(r.WaitFor(EventId(fourth)));
  ASSERT_TRUE(r.WaitFor(": ping"));
  std::string all = r.text();
  for (int64_t id : {second, third, fourth}) {
    size_t at = all.find(EventId(id));
    EXPECT_EQ(all.find(EventId(id), at + 1), std::string::npos) << "twice: " << id;
  }
}

TEST_F(EventHubTest, IdCommittedLateBelowTheHighWaterMarkIsStillDelivered) {
  StartHub();
  Reader r(Open(rep_a_));
  int64_t base = Notify(rep_a_);
  ASSERT_TRUE(r.WaitFor(EventId(base)));
  // As on PostgreSQL: id base+2 commits first, base+1 (taken earlier) a moment later.
  InsertWithId(base + 2, rep_a_);
  ASSERT_TRUE(r.WaitFor(EventId(base + 2)));
  std::this_thread::sleep_for(100ms);  // several polls with the mark above base+1
  InsertWithId(base + 1, rep_a_);
  EXPECT_TRUE(r.WaitFor(EventId(base + 1)));
}

TEST_F(EventHubTest, LostCredentialsAndTheLifeCapCloseTheStream) {
  StartHub();
  std::atomic<bool> valid{true};
  Reader checked(Open(rep_a_, 0, "zh-CN", [&] { return valid.load(); }));
  ASSERT_TRUE(checked.WaitFor(": ping"));
  valid = false;  // e.g. the user logged out
  EXPECT_TRUE(checked.WaitClosed());
  hub_->Stop();
  options_.max_stream_life = 300ms;
  StartHub();
  Reader capped(Open(rep_b_));
  EXPECT_TRUE(capped.WaitClosed());
}

TEST_F(EventHubTest, CapsPerUserAndInTotal) {
  options_.max_streams_per_user = 2;
  options_.max_streams = 3;
  StartHub();
  auto a1 = Open(rep_a_), a2 = Open(rep_a_);
  auto a3 = hub_->Subscribe({rep_a_, "zh-CN", 0, nullptr});
  ASSERT_FALSE(a3.ok());
  EXPECT_EQ(a3.error().kind, ErrorKind::kRateLimited);
  auto b1 = Open(rep_b_);
  auto b2 = hub_->Subscribe({rep_b_, "zh-CN", 0, nullptr});
  ASSERT_FALSE(b2.ok());
  EXPECT_EQ(b2.error().kind, ErrorKind::kUnavailable);
  a1->Close();  // the client went away: its slot frees up
  EXPECT_TRUE(hub_->Subscribe({rep_a_, "zh-CN", 0, nullptr}).ok());
  EXPECT_EQ(hub_->StreamCount(), 3u);
}

TEST_F(EventHubTest, StopClosesEveryStream) {
  StartHub();
  Reader r(Open(rep_a_));
  hub_->Stop();
  EXPECT_TRUE(r.WaitClosed(100ms));
  EXPECT_FALSE(hub_->Subscribe({rep_a_, "zh-CN", 0, nullptr}).ok());
}

}  // namespace
}  // namespace kehu::notify
