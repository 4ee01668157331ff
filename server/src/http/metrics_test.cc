#include "http/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace kehu::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsTest, CounterHasOneSeriesPerRouteMethodStatus) {
  Metrics m;
  m.ObserveRequest("/api/v1/{entity}", "GET", 200, 0.002);
  m.ObserveRequest("/api/v1/{entity}", "GET", 200, 0.003);
  m.ObserveRequest("/api/v1/{entity}", "POST", 201, 0.004);
  std::string text = m.Render();
  EXPECT_THAT(text, HasSubstr("# HELP kehu_http_requests_total "));
  EXPECT_THAT(text, HasSubstr("# TYPE kehu_http_requests_total counter\n"));
  EXPECT_THAT(text, HasSubstr("kehu_http_requests_total{route=\"/api/v1/"
                              "{entity}\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("kehu_http_requests_total{route=\"/api/v1/"
                              "{entity}\",method=\"POST\",status=\"201\"} 1\n"));
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Metrics m;
  m.ObserveRequest("/r", "GET", 200, 0.0009765625);  // ≤ 0.001 (binary-exact values)
  m.ObserveRequest("/r", "GET", 200, 0.125);         // ≤ 0.25
  m.ObserveRequest("/r", "GET", 200, 16);            // only +Inf
  std::string text = m.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE kehu_http_request_duration_seconds histogram\n"));
  const std::string p = "kehu_http_request_duration_seconds";
  EXPECT_THAT(text, HasSubstr(p + "_bucket{route=\"/r\",le=\"0.001\"} 1\n"));
  EXPECT_THAT(text, HasSubstr(p + "_bucket{route=\"/r\",le=\"0.0025\"} 1\n"));
  EXPECT_THAT(text, HasSubstr(p + "_bucket{route=\"/r\",le=\"0.1\"} 1\n"));
  EXPECT_THAT(text, HasSubstr(p + "_bucket{route=\"/r\",le=\"0.25\"} 2\n"));
  EXPECT_THAT(text, HasSubstr(p + "_bucket{route=\"/r\",le=\"10\"} 2\n"));
  EXPECT_THAT(text, HasSubstr(p + "_bucket{route=\"/r\",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr(p + "_sum{route=\"/r\"} 16.1259765625\n"));
  EXPECT_THAT(text, HasSubstr(p + "_count{route=\"/r\"} 3\n"));
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  Metrics m;
  m.ObserveRequest("a\"b\\c\nd", "GET", 200, 0.1);
  EXPECT_THAT(m.Render(), HasSubstr("route=\"a\\\"b\\\\c\\nd\""));
}

TEST(MetricsTest, GaugesAreReadAtRenderAndCanBeRemoved) {
  Metrics m;
  double value = 3;
  m.AddGauge("kehu_db_pool_in_use", "Connections in use.", [&] { return value; });
  EXPECT_THAT(m.Render(), HasSubstr("# HELP kehu_db_pool_in_use Connections in use.\n"
                                    "# TYPE kehu_db_pool_in_use gauge\n"
                                    "kehu_db_pool_in_use 3\n"));
  value = 4.5;
  EXPECT_THAT(m.Render(), HasSubstr("kehu_db_pool_in_use 4.5\n"));
  m.RemoveGauge("kehu_db_pool_in_use");
  EXPECT_THAT(m.Render(), Not(HasSubstr("kehu_db_pool_in_use")));
}

TEST(MetricsTest, EveryLineIsACommentOrASample) {
  Metrics m;
  m.ObserveRequest("/x", "GET", 404, 0.01);
  m.AddGauge("g", "help", [] { return 1.0; });
  std::string text = m.Render();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) continue;
    // name{labels} value  or  name value
    EXPECT_THAT(
        line, ::testing::MatchesRegex("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? [-+0-9.eE]+|.* \\+Inf"))
        << line;
  }
}

TEST(MetricsTest, ConcurrentObservationsAreAllCounted) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m, t] {
      for (int i = 0; i < 10000; ++i) m.ObserveRequest(t % 2 ? "/a" : "/b", "GET", 200, 0.001);
    });
  }
  for (auto& t : threads) t.join();
  std::string text = m.Render();
  EXPECT_THAT(text, HasSubstr("{route=\"/a\",method=\"GET\",status=\"200\"} 20000\n"));
  EXPECT_THAT(text, HasSubstr("_count{route=\"/b\"} 20000\n"));
}

}  // namespace
}  // namespace kehu::http
