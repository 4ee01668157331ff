// Every acknowledged create survives SIGKILL: 16 writers, the server killed mid-stream, restarted
// on the same database, and every 201 looked up again.
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

#include "harness.h"

namespace kehu::apitest {
namespace {

using DurabilityTest = ApiTest;
using Clock = std::chrono::steady_clock;

struct Acked {
  std::string id;
  std::string name;
};

TEST_F(DurabilityTest, AcknowledgedCreatesSurviveSigkill) {
  constexpr int kThreads = 16;
  constexpr auto kRunFor = std::chrono::milliseconds(1500);
  constexpr auto kKillAfter = std::chrono::milliseconds(700);

  std::mutex mu;
  std::vector<Acked> acked;
  std::atomic<int> server_errors{0};
  std::atomic<int> other_statuses{0};
  std::string first_unexpected;
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Client c(server->base_url());
      c.CopySessionFrom(*admin);
      std::vector<Acked> mine;
      for (int n = 0; Clock::now() - start < kRunFor; ++n) {
        std::string name =
            "持久 " + std::to_string(t) + "-" + std::to_string(n) + "-" + RandomHex(3);
        HttpResponse r = c.Post("/api/v1/customers", json::object{{"name", name}});
        if (r.status == 201) {
          mine.push_back({IdStr(At(r.json, "id")), name});
        } else if (r.status == 0) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));  // the server is gone
        } else {
          (r.status >= 500 ? server_errors : other_statuses)++;
          std::lock_guard lock(mu);
          if (first_unexpected.empty()) first_unexpected = r.Describe();
        }
      }
      std::lock_guard lock(mu);
      acked.insert(acked.end(), mine.begin(), mine.end());
    });
  }
  std::this_thread::sleep_until(start + kKillAfter);
  server->Kill9();
  for (auto& th : threads) th.join();

  std::cout << "acknowledged creates before SIGKILL: " << acked.size() << "\n";
  RecordProperty("acknowledged_creates", static_cast<int>(acked.size()));
  EXPECT_EQ(server_errors.load(), 0) << "5xx while writing, first: " << first_unexpected;
  EXPECT_EQ(other_statuses.load(), 0) << "unexpected status, first: " << first_unexpected;
  ASSERT_GT(acked.size(), 0u) << "no create was acknowledged in " << kKillAfter.count()
                              << " ms; the test proves nothing";

  server->Restart();
  ASSERT_FALSE(HasFatalFailure());
  auto c = NewAdminClient();
  size_t missing = 0, wrong = 0;
  for (const auto& a : acked) {
    HttpResponse r = c->Get("/api/v1/customers/" + a.id);
    if (r.status != 200) {
      if (++missing <= 5) ADD_FAILURE() << "acknowledged " << a.id << " lost: " << r.Describe();
    } else if (Str(r.json, "name") != a.name) {
      if (++wrong <= 5) ADD_FAILURE() << a.id << " has name " << Str(r.json, "name");
    }
  }
  EXPECT_EQ(missing, 0u) << "of " << acked.size() << " acknowledged creates";
  EXPECT_EQ(wrong, 0u);
  HttpResponse list = c->Get("/api/v1/customers?pageSize=1");
  ASSERT_EQ(list.status, 200) << list.Describe();
  const auto& total = At(list.json, "total");
  ASSERT_TRUE(total.is_int64());
  EXPECT_GE(static_cast<size_t>(total.get_int64()), acked.size());
  // Still writable after recovery.
  EXPECT_EQ(c->Post("/api/v1/customers", json::object{{"name", "恢复后"}}).status, 201);
}

}  // namespace
}  // namespace kehu::apitest
