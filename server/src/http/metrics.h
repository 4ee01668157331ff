// A small Prometheus registry for the HTTP layer and whoever wants a gauge. No Asio/Beast here.
//
//   kehu_http_requests_total{route,method,status}      counter
//   kehu_http_request_duration_seconds{route}          histogram, buckets 0.001 … 10 s
//   gauges registered as callbacks (DB pool, queue depths, ...)
//
// Thread-safety: every method may be called from any thread. ObserveRequest takes a shared lock
// and bumps atomics; only the first request of a new (route, method, status) takes the exclusive
// lock. Labels must have bounded cardinality: pass route patterns, never raw paths.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace kehu::http {

class Metrics {
 public:
  static constexpr std::array<double, 13> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,    1,     2.5,  5,     10};

  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Records one finished request that took `seconds`.
  void ObserveRequest(std::string_view route, std::string_view method, int status, double seconds);

  // Registers a gauge whose value `read` returns at every Render(); `read` runs on the thread that
  // renders and must be thread-safe. A name registered again replaces the earlier gauge.
  // `name` must be a valid Prometheus metric name.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  // Removes a gauge (e.g. when the object it reads goes away); unknown names are ignored.
  void RemoveGauge(const std::string& name);

  // Everything in the Prometheus text exposition format 0.0.4, families sorted by name.
  std::string Render() const;

 private:
  struct CounterKey {
    std::string route, method;
    int status;
  };
  struct KeyLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return std::tie(a.route, a.method, a.status) < std::tie(b.route, b.method, b.status);
    }
  };
  struct CounterKeyView {
    std::string_view route, method;
    int status;
  };
  // Bucket counts are per bucket (not cumulative); Render() accumulates them.
  struct Histogram {
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // last: above 10 s
    std::atomic<uint64_t> count{0};
    std::atomic<double> sum{0};
  };
  struct Gauge {
    std::string help;
    std::function<double()> read;
  };

  std::atomic<uint64_t>& Counter(const CounterKeyView& key);
  Histogram& HistogramFor(std::string_view route);
  void RenderRequests(std::string& out) const;
  void RenderDurations(std::string& out) const;

  mutable std::shared_mutex series_mutex_;
  // Values are heap nodes so the references handed out stay valid after later inserts.
  std::map<CounterKey, std::unique_ptr<std::atomic<uint64_t>>, KeyLess> counters_;
  std::map<std::string, std::unique_ptr<Histogram>, std::less<>> histograms_;

  mutable std::mutex gauges_mutex_;
  std::map<std::string, Gauge> gauges_;
};

}  // namespace kehu::http
