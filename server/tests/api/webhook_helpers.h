// Fixture for the webhook API tests: a server whose retry waits are shortened
// (KEHU_WEBHOOK_BACKOFF_SCALE), a real HTTP sink, and helpers to subscribe and read the log.
#pragma once

#include <cstdlib>

#include "access_helpers.h"
#include "webhook_sink.h"

namespace kehu::apitest {

// The delivery job runs every 5 s; a run sends at once. So an event reaches a healthy target
// within about 5 s; give the machine some slack on top.
constexpr std::chrono::seconds kPrompt{9};

class WebhookTest : public AccessTest {
 protected:
  void SetUp() override {
    // 30 s, 2 min, 10 min, 1 h -> 0.6 s, 2.4 s, 12 s, 72 s.
    setenv("KEHU_WEBHOOK_BACKOFF_SCALE", "0.02", 1);
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    sink.Start();
  }
  void TearDown() override {
    unsetenv("KEHU_WEBHOOK_BACKOFF_SCALE");
    AccessTest::TearDown();
  }

  // POST /api/v1/webhooks as `c` (admin by default); asserts 201.
  json::object Subscribe(const json::object& body, Client* c = nullptr) {
    HttpResponse r = (c ? c : admin.get())->Post("/api/v1/webhooks", body);
    EXPECT_EQ(r.status, 201) << r.Describe();
    return r.json.is_object() ? r.json.get_object() : json::object{};
  }
  json::object JsonHook(const std::string& path, const std::vector<std::string>& events) {
    json::array list;
    for (const auto& e : events) list.emplace_back(e);
    return Subscribe({{"url", sink.Url(path)}, {"events", list}, {"secret", secret}});
  }
  // items of GET /webhooks/{id}/deliveries.
  json::array Deliveries(const json::value& hook_id) {
    HttpResponse r = admin->Get("/api/v1/webhooks/" + IdStr(hook_id) + "/deliveries");
    EXPECT_EQ(r.status, 200) << r.Describe();
    return r.status == 200 ? r.json.at("items").as_array() : json::array{};
  }
  // Waits until every delivery of the hook has left "pending" and there are at least `n`.
  json::array SettledDeliveries(const json::value& hook_id, size_t n, std::chrono::milliseconds timeout) {
    json::array items;
    Eventually([&] {
      items = Deliveries(hook_id);
      if (items.size() < n) return false;
      for (const auto& d : items)
        if (d.at("status") == "pending") return false;
      return true;
    }, timeout);
    return items;
  }

  Sink sink;
  std::string secret = "whsec-" + RandomHex(12);
};

}  // namespace kehu::apitest
