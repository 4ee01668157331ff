// A streamed response body (Server-Sent Events and the like), as plain C++: no Asio here.
//
// A handler that wants to stream returns a Response whose `stream` is set; the transport writes the
// status and headers (chunked, Connection: close, never gzipped), then writes whatever producers
// Push() as it comes, until the stream is closed by either side:
//   - the producer calls Close() (the transport then ends the response cleanly), or
//   - the transport calls Close() when the peer went away, a write timed out or the server stops.
// Producers learn that the consumer is gone from Push() returning false or from closed().
//
// Thread-safety: every method may be called from any thread. The waker runs under the stream's
// lock, so after SetWaker(nullptr) returns it is neither running nor called again; it must be
// cheap and must not call back into the stream.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

namespace kehu::http {

class EventStream {
 public:
  // A consumer that falls more than `max_buffered` bytes behind gets closed (slow client).
  explicit EventStream(size_t max_buffered = 1 << 20) : max_buffered_(max_buffered) {}
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Queues `chunk` for writing. False (and nothing queued) once the stream is closed; closes the
  // stream and returns false when the buffer would exceed max_buffered.
  bool Push(std::string chunk);
  // Idempotent. Data already queued is still written when the producer closes.
  void Close();
  bool closed() const;

  // --- the consumer side (the HTTP session) ---
  // Called after every Push/Close; null = none.
  void SetWaker(std::function<void()> waker);
  struct Batch {
    std::string data;     // everything queued since the last Take, in order
    bool closed = false;  // no more data will come after `data`
  };
  Batch Take();

 private:
  void WakeLocked();  // REQUIRES: mutex_ held

  const size_t max_buffered_;
  mutable std::mutex mutex_;
  std::string pending_;
  bool closed_ = false;
  std::function<void()> waker_;
};

}  // namespace kehu::http
