// Live delivery of notifications on GET /api/v1/events (Server-Sent Events).
//
// Notifications may be written by any server process on the same database, so the push comes from
// the database: while anyone is subscribed, a hub thread polls the notifications table about once a
// second (`id > high-water mark`) and fans new rows out to their recipients' streams only. On
// PostgreSQL ids can commit out of order (a transaction holding id 100 commits after 101 was seen),
// so ids skipped over are watched for `late_commit_wait` and delivered when they appear.
//
// Each stream gets, in order: `retry:` advice; the replay of the user's notifications after
// Last-Event-ID (at most replay_limit); then live events. An event is
//   id: <notification id>\nevent: notification\ndata: <rendered notification + "unreadCount">\n\n
// rendered in the subscriber's language. Every `heartbeat` a ": ping" comment goes out; every
// `recheck` the subscriber's still_valid() is asked (session gone → stream closed); a stream ends
// after `max_stream_life` so that EventSource reconnects and authenticates again.
//
// Thread-safety: all methods are thread-safe. Subscribe() blocks on the database (call it from a
// worker, never from an io thread); delivery, heartbeats and checks run on the hub's own thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "db/database.h"
#include "http/event_stream.h"
#include "metadata/registry.h"
#include "notify/store.h"

namespace kehu::notify {

struct EventHubOptions {
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::milliseconds heartbeat{15000};
  std::chrono::milliseconds recheck{60000};  // how often a stream's credentials are re-checked
  std::chrono::milliseconds max_stream_life{30 * 60 * 1000};
  std::chrono::milliseconds late_commit_wait{60000};
  size_t max_streams_per_user = 8;   // beyond: kRateLimited "too_many_streams" (429)
  size_t max_streams = 1000;         // beyond: kUnavailable "overloaded" (503)
  int replay_limit = 100;
  int scan_limit = 500;              // rows per poll query (more are fetched in the same tick)
  size_t max_buffered_bytes = 256 * 1024;  // per stream; a client this far behind is dropped
  int retry_ms = 3000;               // EventSource reconnection delay advised to clients
};

struct Subscription {
  int64_t user_id = 0;
  std::string lang = "zh-CN";
  int64_t last_event_id = 0;         // replay the user's notifications after this id; 0 = none
  std::function<bool()> still_valid;  // session/token still good? null = always
};

class EventHub {
 public:
  EventHub(db::Database& db, std::shared_ptr<const meta::Registry> registry,
           EventHubOptions options = {});
  ~EventHub();  // Stop()
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  void Start();  // starts the hub thread
  void Stop();   // closes every stream and joins the thread; idempotent

  // Opens a stream for the subscriber (see the file comment for what it carries).
  Result<std::shared_ptr<http::EventStream>> Subscribe(Subscription sub);

  size_t StreamCount() const;

 private:
  struct Subscriber;
  using Clock = std::chrono::steady_clock;

  void Run();
  void Tick();
  // Fetches rows above the high-water mark and late ones; advances the mark.
  Result<std::vector<StoredNotification>> Poll(Clock::time_point now);
  void Deliver(const std::vector<StoredNotification>& rows);
  void Maintain(Clock::time_point now);
  std::string EventChunk(const StoredNotification& n, const std::string& lang, int64_t unread) const;
  // REQUIRES: mutex_ held. Sends unless already sent; holds it while the subscriber replays.
  void SendLocked(Subscriber& s, int64_t id, std::string chunk);
  void PruneLocked();  // REQUIRES: mutex_ held

  db::Database& db_;
  std::shared_ptr<const meta::Registry> registry_;
  const EventHubOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::shared_ptr<Subscriber>> subscribers_;  // GUARDED_BY(mutex_)
  int64_t high_ = 0;                                      // GUARDED_BY(mutex_)
  bool high_valid_ = false;  // false while nobody listens: the next subscriber resets high_
  std::map<int64_t, Clock::time_point> gaps_;  // ids skipped over, and when; GUARDED_BY(mutex_)
  Clock::time_point next_heartbeat_;
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace kehu::notify
