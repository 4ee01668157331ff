// In-app notifications over HTTP (issue #8): list, unread count, mark read, read all, and the live
// SSE stream GET /api/v1/events, as two reps who must never see each other's notifications.
// No production endpoint creates notifications yet, so rows are written with ExecSql (the hub
// reads the table, exactly as it would rows written by another server process).
#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "access_helpers.h"

namespace kehu::apitest {
namespace {

using namespace std::chrono_literals;

// GET /api/v1/events on its own thread with libcurl; collects the stream as it arrives.
class SseStream {
 public:
  SseStream(const std::string& url, HeaderList headers) {
    thread_ = std::thread([this, url, headers] { Run(url, headers); });
  }
  ~SseStream() {
    abort_ = true;
    thread_.join();
  }
  bool WaitFor(const std::string& needle, std::chrono::milliseconds timeout = 8s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return text_.find(needle) != std::string::npos || done_; }) &&
           text_.find(needle) != std::string::npos;
  }
  bool WaitDone(std::chrono::milliseconds timeout = 8s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return done_; });
  }
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }
  long status() {
    std::lock_guard lock(mutex_);
    return status_;
  }

 private:
  void Run(const std::string& url, const HeaderList& headers) {
    CURL* c = curl_easy_init();
    curl_slist* list = nullptr;
    for (const auto& [k, v] : headers) list = curl_slist_append(list, (k + ": " + v).c_str());
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &SseStream::OnData);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &SseStream::OnProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, this);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(list);
    curl_easy_cleanup(c);
    std::lock_guard lock(mutex_);
    status_ = status;
    done_ = true;
    cv_.notify_all();
  }
  static size_t OnData(char* data, size_t size, size_t n, void* user) {
    auto* self = static_cast<SseStream*>(user);
    std::lock_guard lock(self->mutex_);
    self->text_.append(data, size * n);
    self->cv_.notify_all();
    return size * n;
  }
  static int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<SseStream*>(user)->abort_ ? 1 : 0;
  }

  std::atomic<bool> abort_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::string text_;
  bool done_ = false;
  long status_ = 0;
  std::thread thread_;
};

class NotificationsTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    json::value dept_a = At(json::value(CreateDepartment("华东区")), "id");
    json::value dept_b = At(json::value(CreateDepartment("华南区")), "id");
    AddMember("a", {"sales_rep"}, dept_a);
    AddMember("b", {"sales_rep"}, dept_b);
    ASSERT_FALSE(HasFailure());
  }

  // Writes a notification row for `member` directly and returns its id (the newest of theirs).
  std::string Insert(const std::string& member, const std::string& kind, const std::string& title,
                     const std::string& entity = "", const std::string& record_id = "") {
    std::string sql =
        "INSERT INTO notifications (user_id, kind, entity, record_id, params, created_at) VALUES (" +
        IdStr(M(member).id) + ", '" + kind + "', " + (entity.empty() ? "NULL" : "'" + entity + "'") +
        ", " + (record_id.empty() ? "NULL" : record_id) + ", '{\"title\":\"" + title +
        "\",\"actor\":\"张伟\"}', '2026-01-05T01:02:03Z')";
    std::string err = server->ExecSql(sql);
    EXPECT_EQ(err, "") << sql;
    HttpResponse list = As(member).Get("/api/v1/notifications?pageSize=1");
    EXPECT_EQ(list.status, 200) << list.Describe();
    return IdStr(At(At(list.json, "items").as_array().at(0), "id"));
  }

  std::unique_ptr<SseStream> Events(const std::string& member, HeaderList extra = {}) {
    extra.emplace_back("Cookie", As(member).CookieHeader());
    return std::make_unique<SseStream>(server->base_url() + "/api/v1/events", extra);
  }

  static std::string EventId(const std::string& id) { return "id: " + id + "\n"; }
};

TEST_F(NotificationsTest, ListUnreadCountMarkReadAndReadAll) {
  HttpResponse own = As("a").Post("/api/v1/customers", json::object{{"name", "甲方网联科技有限公司"}});
  ASSERT_EQ(own.status, 201) << own.Describe();
  std::string first = Insert("a", "approval_approved", "甲方网联", "customers", IdStr(own.json.at("id")));
  std::string second = Insert("a", "reminder", "回访王总");
  std::string third = Insert("a", "approval_requested", "乙方");

  HttpResponse list = As("a").Get("/api/v1/notifications");
  ASSERT_EQ(list.status, 200) << list.Describe();
  EXPECT_EQ(At(list.json, "total").as_int64(), 3);
  EXPECT_EQ(At(list.json, "unreadCount").as_int64(), 3);
  const json::array& items = At(list.json, "items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(IdStr(At(items[0], "id")), third);  // newest first
  EXPECT_EQ(Str(items[0], "body"), "张伟 提交了“乙方”，请审批");
  EXPECT_EQ(Str(items[2], "title"), "审批通过：甲方网联");
  EXPECT_EQ(Str(items[2], "body"), "您提交的客户“甲方网联”已通过审批");
  EXPECT_EQ(Str(items[2], "entity"), "customers");
  EXPECT_EQ(IdStr(At(items[2], "recordId")), IdStr(own.json.at("id")));
  EXPECT_TRUE(At(items[1], "entity").is_null());
  EXPECT_TRUE(At(items[1], "readAt").is_null());
  EXPECT_EQ(Str(items[1], "createdAt"), "2026-01-05T01:02:03Z");

  // The reader's language.
  HttpResponse en = As("a").Get("/api/v1/notifications", {{"Accept-Language", "en"}});
  EXPECT_EQ(Str(At(en.json, "items").as_array()[2], "title"), "Approved: 甲方网联");

  HttpResponse read = As("a").Post("/api/v1/notifications/" + second + "/read", json::object{});
  ASSERT_EQ(read.status, 200) << read.Describe();
  EXPECT_FALSE(At(read.json, "readAt").is_null());
  EXPECT_EQ(At(read.json, "unreadCount").as_int64(), 2);
  HttpResponse again = As("a").Post("/api/v1/notifications/" + second + "/read", json::object{});
  EXPECT_EQ(Str(again.json, "readAt"), Str(read.json, "readAt"));  // idempotent

  HttpResponse unread = As("a").Get("/api/v1/notifications?unread=true");
  ASSERT_EQ(unread.status, 200);
  EXPECT_EQ(At(unread.json, "total").as_int64(), 2);
  for (const auto& n : At(unread.json, "items").as_array()) EXPECT_NE(IdStr(At(n, "id")), second);
  HttpResponse count = As("a").Get("/api/v1/notifications/unread-count");
  ASSERT_EQ(count.status, 200) << count.Describe();
  EXPECT_EQ(At(count.json, "unreadCount").as_int64(), 2);

  HttpResponse page2 = As("a").Get("/api/v1/notifications?page=2&pageSize=2");
  ASSERT_EQ(page2.status, 200);
  ASSERT_EQ(At(page2.json, "items").as_array().size(), 1u);
  EXPECT_EQ(IdStr(At(At(page2.json, "items").as_array()[0], "id")), first);

  HttpResponse all = As("a").Post("/api/v1/notifications/read-all", json::object{});
  ASSERT_EQ(all.status, 200) << all.Describe();
  EXPECT_EQ(At(all.json, "updated").as_int64(), 2);
  EXPECT_EQ(At(As("a").Get("/api/v1/notifications/unread-count").json, "unreadCount").as_int64(), 0);
  EXPECT_EQ(At(As("a").Get("/api/v1/notifications").json, "total").as_int64(), 3);
}

TEST_F(NotificationsTest, AnotherUsersNotificationIsInvisibleAndCannotBeMarked) {
  std::string mine = Insert("a", "reminder", "甲的提醒");
  std::string theirs = Insert("b", "reminder", "乙的提醒");
  HttpResponse list = As("b").Get("/api/v1/notifications");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(At(list.json, "total").as_int64(), 1);
  EXPECT_EQ(IdStr(At(At(list.json, "items").as_array()[0], "id")), theirs);
  // Like an id that does not exist: 404, and nothing changes.
  HttpResponse steal = As("b").Post("/api/v1/notifications/" + mine + "/read", json::object{});
  EXPECT_EQ(steal.status, 404) << steal.Describe();
  HttpResponse absent = As("b").Post("/api/v1/notifications/987654321/read", json::object{});
  EXPECT_EQ(absent.status, 404);
  EXPECT_EQ(Str(At(steal.json, "error"), "code"), Str(At(absent.json, "error"), "code"));
  HttpResponse all = As("b").Post("/api/v1/notifications/read-all", json::object{});
  EXPECT_EQ(At(all.json, "updated").as_int64(), 1);
  EXPECT_EQ(At(As("a").Get("/api/v1/notifications/unread-count").json, "unreadCount").as_int64(), 1);
}

TEST_F(NotificationsTest, BadInputIs400AndNoSessionIs401) {
  EXPECT_EQ(As("a").Get("/api/v1/notifications?unread=maybe").status, 400);
  EXPECT_EQ(As("a").Get("/api/v1/notifications?pageSize=0").status, 400);
  EXPECT_EQ(As("a").Get("/api/v1/notifications?pageSize=201").status, 400);
  EXPECT_EQ(As("a").Get("/api/v1/notifications?page=x").status, 400);
  EXPECT_EQ(As("a").Get("/api/v1/notifications?bogus=1").status, 400);
  EXPECT_EQ(As("a").Post("/api/v1/notifications/abc/read", json::object{}).status, 400);
  auto anon = NewClient();
  EXPECT_EQ(anon->Get("/api/v1/notifications").status, 401);
  EXPECT_EQ(anon->Get("/api/v1/notifications/unread-count").status, 401);
  EXPECT_EQ(anon->Get("/api/v1/events").status, 401);
  // Writes need the CSRF token like every other cookie-authenticated write.
  As("a").set_send_csrf(false);
  EXPECT_EQ(As("a").Post("/api/v1/notifications/read-all", json::object{}).status, 403);
  As("a").set_send_csrf(true);
  SseStream bad(server->base_url() + "/api/v1/events",
                {{"Cookie", As("a").CookieHeader()}, {"Last-Event-ID", "x1"}});
  ASSERT_TRUE(bad.WaitDone());
  EXPECT_EQ(bad.status(), 400);
}

TEST_F(NotificationsTest, EventStreamPushesOnlyTheCallersNewNotifications) {
  auto stream = Events("a");
  ASSERT_TRUE(stream->WaitFor(": connected")) << stream->text();
  std::string for_b = Insert("b", "reminder", "乙的提醒");
  std::string for_a = Insert("a", "approval_requested", "北京网联");
  ASSERT_TRUE(stream->WaitFor(EventId(for_a))) << stream->text();
  std::string text = stream->text();
  size_t at = text.find(EventId(for_a));
  std::string event = text.substr(at, text.find("\n\n", at) - at);
  EXPECT_NE(event.find("event: notification\n"), std::string::npos) << event;
  size_t data = event.find("data: ");
  ASSERT_NE(data, std::string::npos) << event;
  json::value v = json::parse(event.substr(data + 6));
  EXPECT_EQ(IdStr(At(v, "id")), for_a);
  EXPECT_EQ(Str(v, "title"), "待审批：北京网联");
  EXPECT_EQ(At(v, "unreadCount").as_int64(), 1);
  // b's notification was written first; a's stream has carried a's since, and never b's.
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(stream->text().find(EventId(for_b)), std::string::npos) << stream->text();
  EXPECT_EQ(stream->text().find("乙的提醒"), std::string::npos);
  auto b_stream = Events("b", {{"Last-Event-ID", "0"}});
  ASSERT_TRUE(b_stream->WaitFor(": connected"));
  std::string later_b = Insert("b", "reminder", "乙的第二个提醒");
  ASSERT_TRUE(b_stream->WaitFor(EventId(later_b))) << b_stream->text();
  EXPECT_EQ(b_stream->text().find(EventId(for_a)), std::string::npos);
  EXPECT_EQ(stream->text().find(EventId(later_b)), std::string::npos);
}

TEST_F(NotificationsTest, ReconnectWithLastEventIdReplaysWhatCameAfter) {
  std::string one = Insert("a", "reminder", "一");
  std::string two = Insert("a", "reminder", "二");
  std::string three = Insert("a", "reminder", "三");
  Insert("b", "reminder", "别人的");
  auto stream = Events("a", {{"Last-Event-ID", one}, {"Accept-Language", "en"}});
  ASSERT_TRUE(stream->WaitFor(EventId(three))) << stream->text();
  std::string text = stream->text();
  EXPECT_EQ(text.find(EventId(one)), std::string::npos);
  EXPECT_LT(text.find(EventId(two)), text.find(EventId(three)));
  EXPECT_NE(text.find("Reminder: 二"), std::string::npos) << text;
  EXPECT_EQ(text.find("别人的"), std::string::npos);
  // lastEventId in the query does the same for a fresh EventSource; lang picks the language.
  auto fresh = std::make_unique<SseStream>(
      server->base_url() + "/api/v1/events?lastEventId=" + two + "&lang=zh-TW",
      HeaderList{{"Cookie", As("a").CookieHeader()}});
  ASSERT_TRUE(fresh->WaitFor(EventId(three))) << fresh->text();
  EXPECT_EQ(fresh->text().find(EventId(two)), std::string::npos);
}

TEST_F(NotificationsTest, TooManyStreamsForOneUserIs429) {
  std::vector<std::unique_ptr<SseStream>> open;
  for (int i = 0; i < 8; ++i) {
    open.push_back(Events("a"));
    ASSERT_TRUE(open.back()->WaitFor(": connected")) << i;
  }
  HttpResponse over = As("a").Get("/api/v1/events");
  EXPECT_EQ(over.status, 429) << over.Describe();
  EXPECT_FALSE(over.Header("Retry-After").empty());
  open.pop_back();  // a client goes away: its slot frees up
  bool reopened = false;
  for (int i = 0; i < 50 && !reopened; ++i) {
    auto s = Events("a");
    reopened = s->WaitFor(": connected", 2s);
    if (reopened) open.push_back(std::move(s));
  }
  EXPECT_TRUE(reopened);
}

}  // namespace
}  // namespace kehu::apitest
