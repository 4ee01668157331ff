#include "notify/event_hub.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <set>

#include "notify/texts.h"

namespace kehu::notify {
namespace {

constexpr int64_t kMaxGapSpan = 1000;   // a bigger jump in ids is not a late commit to wait for
constexpr size_t kMaxGaps = 10000;
constexpr size_t kMaxSentIds = 512;     // per subscriber, for dedupe between replay and live

}  // namespace

struct EventHub::Subscriber {
  Subscription sub;
  std::shared_ptr<http::EventStream> stream;
  Clock::time_point opened, next_check;
  bool replaying = true;  // live events wait in `held` until the replay has been sent
  std::vector<std::pair<int64_t, std::string>> held;
  std::set<int64_t> sent;
};

EventHub::EventHub(db::Database& db, std::shared_ptr<const meta::Registry> registry,
                   EventHubOptions options)
    : db_(db), registry_(std::move(registry)), options_(options) {}

EventHub::~EventHub() { Stop(); }

void EventHub::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  next_heartbeat_ = Clock::now() + options_.heartbeat;
  thread_ = std::thread([this] { Run(); });
}

void EventHub::Stop() {
  std::vector<std::shared_ptr<Subscriber>> subs;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    subs.swap(subscribers_);
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (auto& s : subs) s->stream->Close();
}

size_t EventHub::StreamCount() const {
  std::lock_guard lock(mutex_);
  size_t n = 0;
  for (const auto& s : subscribers_) n += s->stream->closed() ? 0 : 1;
  return n;
}

void EventHub::PruneLocked() {
  std::erase_if(subscribers_, [](const auto& s) { return s->stream->closed(); });
}

Result<std::shared_ptr<http::EventStream>> EventHub::Subscribe(Subscription sub) {
  auto s = std::make_shared<Subscriber>();
  s->stream = std::make_shared<http::EventStream>(options_.max_buffered_bytes);
  s->opened = Clock::now();
  s->next_check = s->opened + options_.recheck;
  s->sub = std::move(sub);
  s->stream->Push(fmt::format("retry: {}\n: connected\n\n", options_.retry_ms));
  // Registered before the replay is read, so nothing committed meanwhile can fall between the two:
  // live rows wait in `held` and duplicates are dropped by id.
  bool registered = false;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return Error(ErrorKind::kUnavailable, "overloaded").Detail("event hub stopped");
    PruneLocked();
    if (subscribers_.size() >= options_.max_streams) {
      return Error(ErrorKind::kUnavailable, "overloaded").Detail("too many event streams");
    }
    size_t mine = std::count_if(subscribers_.begin(), subscribers_.end(),
                                [&](const auto& o) { return o->sub.user_id == s->sub.user_id; });
    if (mine >= options_.max_streams_per_user) {
      return Error(ErrorKind::kRateLimited, "too_many_streams")
          .Arg("retryAfter", std::to_string(options_.retry_ms / 1000 + 1));
    }
    if (high_valid_) {
      subscribers_.push_back(s);
      registered = true;
    }
  }
  if (!registered) {  // nobody was listening: live delivery starts from the newest id now
    int64_t max_id = 0;
    KEHU_TRY(db_.Read([&](db::Session& db) -> Status {
      KEHU_ASSIGN(max_id, MaxNotificationId(db));
      return Ok();
    }));
    std::lock_guard lock(mutex_);
    if (!high_valid_) {
      high_ = max_id;
      high_valid_ = true;
      gaps_.clear();
    }
    subscribers_.push_back(s);
  }
  std::vector<StoredNotification> replay;
  int64_t unread = 0;
  Status read = Ok();
  if (s->sub.last_event_id > 0) {
    read = db_.Read([&](db::Session& db) -> Status {
      KEHU_ASSIGN(replay, NotificationsAfter(db, s->sub.user_id, s->sub.last_event_id,
                                             options_.replay_limit));
      KEHU_ASSIGN(unread, CountUnread(db, s->sub.user_id));
      return Ok();
    });
  }
  if (!read.ok()) {
    s->stream->Close();
    return std::move(read).error();
  }
  for (const auto& n : replay) s->stream->Push(EventChunk(n, s->sub.lang, unread));
  std::lock_guard lock(mutex_);
  for (const auto& n : replay) s->sent.insert(n.id);
  s->replaying = false;
  for (auto& [id, chunk] : s->held) SendLocked(*s, id, std::move(chunk));
  s->held.clear();
  return s->stream;
}

void EventHub::SendLocked(Subscriber& s, int64_t id, std::string chunk) {
  if (s.replaying) {
    s.held.emplace_back(id, std::move(chunk));
    return;
  }
  if (!s.sent.insert(id).second) return;
  if (s.sent.size() > kMaxSentIds) s.sent.erase(s.sent.begin());
  s.stream->Push(std::move(chunk));
}

std::string EventHub::EventChunk(const StoredNotification& n, const std::string& lang,
                                 int64_t unread) const {
  boost::json::object data = RenderNotification(n, *registry_, lang);
  data["unreadCount"] = unread;
  return fmt::format("id: {}\nevent: notification\ndata: {}\n\n", n.id,
                     boost::json::serialize(data));
}

void EventHub::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, options_.poll_interval, [&] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    Tick();
    lock.lock();
  }
}

void EventHub::Tick() {
  Clock::time_point now = Clock::now();
  {
    std::lock_guard lock(mutex_);
    PruneLocked();
    if (subscribers_.empty()) {
      high_valid_ = false;  // nobody listens: do not poll; the next subscriber takes a new mark
      return;
    }
  }
  auto rows = Poll(now);
  if (rows.ok()) {
    Deliver(*rows);
  } else {
    spdlog::warn("event hub: polling notifications failed: {} {}", rows.error().code,
                 rows.error().detail);
  }
  Maintain(now);
}

Result<std::vector<StoredNotification>> EventHub::Poll(Clock::time_point now) {
  std::vector<StoredNotification> all;
  while (true) {
    int64_t after = 0;
    std::vector<int64_t> late;
    {
      std::lock_guard lock(mutex_);
      after = high_;
      for (auto it = gaps_.begin(); it != gaps_.end();) {
        if (now - it->second > options_.late_commit_wait) {
          it = gaps_.erase(it);  // rolled back, or never coming
        } else {
          late.push_back((it++)->first);
        }
      }
    }
    std::vector<StoredNotification> rows;
    KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
      KEHU_ASSIGN(rows, ScanNotifications(s, after, late, options_.scan_limit));
      return Ok();
    }));
    size_t fresh = 0;
    {
      std::lock_guard lock(mutex_);
      if (!high_valid_) return all;  // everyone left meanwhile
      for (const auto& n : rows) {
        if (n.id <= high_) {
          gaps_.erase(n.id);  // a late commit, now seen
          continue;
        }
        ++fresh;
        if (n.id - high_ - 1 <= kMaxGapSpan) {
          for (int64_t id = high_ + 1; id < n.id && gaps_.size() < kMaxGaps; ++id) {
            gaps_.emplace(id, now);
          }
        }
        high_ = n.id;
      }
    }
    all.insert(all.end(), rows.begin(), rows.end());
    late.clear();
    if (fresh < static_cast<size_t>(options_.scan_limit)) return all;
  }
}

void EventHub::Deliver(const std::vector<StoredNotification>& rows) {
  if (rows.empty()) return;
  std::set<int64_t> users;
  {
    std::lock_guard lock(mutex_);
    for (const auto& n : rows)
      for (const auto& s : subscribers_)
        if (s->sub.user_id == n.user_id) users.insert(n.user_id);
  }
  if (users.empty()) return;
  std::map<int64_t, int64_t> unread;
  Status counted = db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(auto counts, CountUnread(s, std::vector<int64_t>(users.begin(), users.end())));
    for (const auto& [user, count] : counts) unread[user] = count;
    return Ok();
  });
  if (!counted.ok()) spdlog::warn("event hub: counting unread failed: {}", counted.error().code);
  std::lock_guard lock(mutex_);
  std::map<std::pair<int64_t, std::string>, std::string> rendered;  // by (id, lang)
  for (const auto& n : rows) {
    for (auto& s : subscribers_) {
      if (s->sub.user_id != n.user_id) continue;  // only the recipient's own notifications
      auto key = std::make_pair(n.id, s->sub.lang);
      auto it = rendered.find(key);
      if (it == rendered.end()) {
        it = rendered.emplace(key, EventChunk(n, s->sub.lang, unread[n.user_id])).first;
      }
      SendLocked(*s, n.id, it->second);
    }
  }
}

// Heartbeats, the stream life cap and the credential re-checks.
void EventHub::Maintain(Clock::time_point now) {
  std::vector<std::shared_ptr<Subscriber>> to_check;
  {
    std::lock_guard lock(mutex_);
    bool beat = now >= next_heartbeat_;
    if (beat) next_heartbeat_ = now + options_.heartbeat;
    for (auto& s : subscribers_) {
      if (now - s->opened >= options_.max_stream_life) {
        s->stream->Close();  // EventSource reconnects (and authenticates) on its own
        continue;
      }
      if (beat && !s->replaying) s->stream->Push(": ping\n\n");
      if (now >= s->next_check && s->sub.still_valid) {
        s->next_check = now + options_.recheck;
        to_check.push_back(s);
      }
    }
    PruneLocked();
  }
  // Outside the lock: the checks read the database.
  for (auto& s : to_check) {
    if (!s->sub.still_valid()) s->stream->Close();
  }
}

}  // namespace kehu::notify
