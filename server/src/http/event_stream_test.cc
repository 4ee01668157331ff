// EventStream on its own: ordering, close semantics, the slow-consumer bound and the waker.
#include "http/event_stream.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace kehu::http {
namespace {

TEST(EventStreamTest, TakeReturnsEverythingPushedInOrder) {
  EventStream s;
  EXPECT_TRUE(s.Push("a"));
  EXPECT_TRUE(s.Push("bc"));
  auto b = s.Take();
  EXPECT_EQ(b.data, "abc");
  EXPECT_FALSE(b.closed);
  EXPECT_EQ(s.Take().data, "");
}

TEST(EventStreamTest, ProducerCloseKeepsQueuedDataAndRefusesMore) {
  EventStream s;
  EXPECT_TRUE(s.Push("last words"));
  s.Close();
  EXPECT_TRUE(s.closed());
  EXPECT_FALSE(s.Push("too late"));
  auto b = s.Take();
  EXPECT_EQ(b.data, "last words");
  EXPECT_TRUE(b.closed);
}

TEST(EventStreamTest, SlowConsumerIsClosedInsteadOfBufferingWithoutBound) {
  EventStream s(10);
  EXPECT_TRUE(s.Push("12345"));
  EXPECT_TRUE(s.Push("67890"));
  EXPECT_FALSE(s.Push("x"));  // 11 bytes would be queued
  EXPECT_TRUE(s.closed());
  auto b = s.Take();
  EXPECT_EQ(b.data, "");  // a dropped client gets nothing more; it reconnects and replays
  EXPECT_TRUE(b.closed);
}

TEST(EventStreamTest, WakerRunsOnPushAndCloseAndNeverAfterItIsCleared) {
  EventStream s;
  int wakes = 0;
  s.SetWaker([&] { ++wakes; });
  s.Push("a");
  s.Push("b");
  EXPECT_EQ(wakes, 2);
  s.SetWaker(nullptr);
  s.Push("c");
  s.Close();
  EXPECT_EQ(wakes, 2);
}

TEST(EventStreamTest, ConcurrentProducersLoseNothing) {
  EventStream s(1 << 20);
  std::vector<std::thread> producers;
  for (int t = 0; t < 4; ++t) {
    producers.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) s.Push("x");
    });
  }
  size_t taken = 0;
  for (auto& p : producers) p.join();
  taken += s.Take().data.size();
  EXPECT_EQ(taken, 4000u);
}

}  // namespace
}  // namespace kehu::http
