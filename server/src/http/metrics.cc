#include "http/metrics.h"

#include <fmt/format.h>

#include <cmath>
#include <vector>

namespace kehu::http {
namespace {

std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

// Label values escape backslash, double quote and line feed.
std::string EscapeLabel(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

// HELP text escapes backslash and line feed.
std::string EscapeHelp(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void Header(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, EscapeHelp(help),
                 name, type);
}

}  // namespace

std::atomic<uint64_t>& Metrics::Counter(const CounterKeyView& key) {
  {
    std::shared_lock lock(series_mutex_);
    auto it = counters_.find(key);
    if (it != counters_.end()) return *it->second;
  }
  std::unique_lock lock(series_mutex_);
  auto [it, inserted] = counters_.try_emplace(
      CounterKey{std::string(key.route), std::string(key.method), key.status}, nullptr);
  if (inserted) it->second = std::make_unique<std::atomic<uint64_t>>(0);
  return *it->second;
}

Metrics::Histogram& Metrics::HistogramFor(std::string_view route) {
  {
    std::shared_lock lock(series_mutex_);
    auto it = histograms_.find(route);
    if (it != histograms_.end()) return *it->second;
  }
  std::unique_lock lock(series_mutex_);
  auto [it, inserted] = histograms_.try_emplace(std::string(route), nullptr);
  if (inserted) it->second = std::make_unique<Histogram>();
  return *it->second;
}

void Metrics::ObserveRequest(std::string_view route, std::string_view method, int status,
                             double seconds) {
  Counter({route, method, status}).fetch_add(1, std::memory_order_relaxed);
  Histogram& h = HistogramFor(route);
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  h.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  h.sum.fetch_add(seconds, std::memory_order_relaxed);
  h.count.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(gauges_mutex_);
  gauges_[std::move(name)] = Gauge{std::move(help), std::move(read)};
}

void Metrics::RemoveGauge(const std::string& name) {
  std::lock_guard lock(gauges_mutex_);
  gauges_.erase(name);
}

void Metrics::RenderRequests(std::string& out) const {
  constexpr std::string_view kName = "kehu_http_requests_total";
  Header(out, kName, "HTTP requests answered, by route pattern, method and status.", "counter");
  for (const auto& [key, value] : counters_) {
    fmt::format_to(std::back_inserter(out), "{}{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                   kName, EscapeLabel(key.route), EscapeLabel(key.method), key.status,
                   value->load(std::memory_order_relaxed));
  }
}

void Metrics::RenderDurations(std::string& out) const {
  constexpr std::string_view kName = "kehu_http_request_duration_seconds";
  Header(out, kName, "Time from a request's first byte to its response, by route pattern.",
         "histogram");
  for (const auto& [route, h] : histograms_) {
    std::string label = EscapeLabel(route);
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= kBuckets.size(); ++i) {
      cumulative += h->buckets[i].load(std::memory_order_relaxed);
      std::string le = i < kBuckets.size() ? FormatValue(kBuckets[i]) : "+Inf";
      fmt::format_to(std::back_inserter(out), "{}_bucket{{route=\"{}\",le=\"{}\"}} {}\n", kName,
                     label, le, cumulative);
    }
    fmt::format_to(std::back_inserter(out), "{}_sum{{route=\"{}\"}} {}\n", kName, label,
                   FormatValue(h->sum.load(std::memory_order_relaxed)));
    // The count is the +Inf bucket, so the two never disagree within one scrape.
    fmt::format_to(std::back_inserter(out), "{}_count{{route=\"{}\"}} {}\n", kName, label,
                   cumulative);
  }
}

std::string Metrics::Render() const {
  std::string out;
  {
    std::shared_lock lock(series_mutex_);
    RenderRequests(out);
    RenderDurations(out);
  }
  // Copy the gauges, then read them without the lock: a callback may be slow or re-enter.
  std::vector<std::pair<std::string, Gauge>> gauges;
  {
    std::lock_guard lock(gauges_mutex_);
    gauges.assign(gauges_.begin(), gauges_.end());
  }
  for (const auto& [name, gauge] : gauges) {
    Header(out, name, gauge.help, "gauge");
    fmt::format_to(std::back_inserter(out), "{} {}\n", name, FormatValue(gauge.read()));
  }
  return out;
}

}  // namespace kehu::http
