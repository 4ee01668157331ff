#include "http/event_stream.h"

namespace kehu::http {

bool EventStream::Push(std::string chunk) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  if (pending_.size() + chunk.size() > max_buffered_) {
    // The client does not read fast enough: drop it rather than buffer without bound. An
    // EventSource reconnects and replays from its last event id.
    pending_.clear();
    closed_ = true;
    WakeLocked();
    return false;
  }
  pending_ += chunk;
  WakeLocked();
  return true;
}

void EventStream::Close() {
  std::lock_guard lock(mutex_);
  if (closed_) return;
  closed_ = true;
  WakeLocked();
}

bool EventStream::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

void EventStream::SetWaker(std::function<void()> waker) {
  std::lock_guard lock(mutex_);
  waker_ = std::move(waker);
}

EventStream::Batch EventStream::Take() {
  std::lock_guard lock(mutex_);
  Batch b;
  b.data.swap(pending_);
  b.closed = closed_;
  return b;
}

void EventStream::WakeLocked() {
  if (waker_) waker_();
}

}  // namespace kehu::http
