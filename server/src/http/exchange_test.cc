#include "http/exchange.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <boost/json/parse.hpp>

#include "http/gzip.h"

namespace kehu::http {
namespace {

std::string Gunzip(const std::string& gz) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : "<inflate failed>";
}

TEST(HttpExchangeTest, RequestIdRules) {
  EXPECT_TRUE(IsValidRequestId("abc-DEF-123"));
  EXPECT_TRUE(IsValidRequestId(std::string(64, 'a')));
  EXPECT_FALSE(IsValidRequestId(std::string(65, 'a')));
  EXPECT_FALSE(IsValidRequestId(""));
  EXPECT_FALSE(IsValidRequestId("a b"));
  EXPECT_FALSE(IsValidRequestId("a\r\nX-Evil: 1"));
  std::string id = NewRequestId();
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(id, NewRequestId());
}

TEST(HttpExchangeTest, UploadLimitOnlyForImportsAndFiles) {
  EXPECT_TRUE(IsUploadRequest("POST", "/api/v1/customers/import"));
  EXPECT_TRUE(IsUploadRequest("POST", "/api/v1/files"));
  EXPECT_FALSE(IsUploadRequest("GET", "/api/v1/files"));
  EXPECT_FALSE(IsUploadRequest("POST", "/api/v1/customers"));
  EXPECT_FALSE(IsUploadRequest("POST", "/import"));
}

TEST(HttpExchangeTest, SecurityHeadersAndHstsOnlyUnderTls) {
  Response plain;
  AddSecurityHeaders(plain, false);
  EXPECT_EQ(plain.headers.at("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(plain.headers.at("X-Frame-Options"), "DENY");
  EXPECT_EQ(plain.headers.at("Referrer-Policy"), "same-origin");
  EXPECT_NE(plain.headers.at("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(plain.headers.count("Strict-Transport-Security"), 0u);
  Response tls;
  AddSecurityHeaders(tls, true);
  EXPECT_EQ(tls.headers.count("Strict-Transport-Security"), 1u);
}

TEST(HttpExchangeTest, AccessLogLineIsJsonWithUserOnlyWhenKnown) {
  Request req;
  req.method = "GET";
  req.path = "/api/v1/customers/1";
  req.route = "/api/v1/{entity}/{id}";
  req.request_id = "r1";
  req.remote_address = "127.0.0.1";
  auto v = boost::json::parse(AccessLogLine(req, 200, 123, 4.5678));
  EXPECT_EQ(v.at("reqId").as_string(), "r1");
  EXPECT_EQ(v.at("route").as_string(), "/api/v1/{entity}/{id}");
  EXPECT_EQ(v.at("status").as_int64(), 200);
  EXPECT_EQ(v.at("bytes").to_number<uint64_t>(), 123u);
  EXPECT_DOUBLE_EQ(v.at("ms").as_double(), 4.567);
  EXPECT_FALSE(v.as_object().contains("user"));
  EXPECT_TRUE(v.at("ts").as_string().ends_with("Z"));
  req.user_id = 42;
  EXPECT_EQ(boost::json::parse(AccessLogLine(req, 200, 0, 1)).at("user").as_int64(), 42);
}

TEST(HttpGzipTest, RoundTripsAndNegotiates) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "客户 customer " + std::to_string(i % 7) + "\n";
  auto gz = GzipCompress(text);
  ASSERT_TRUE(gz);
  EXPECT_LT(gz->size(), text.size() / 4);
  EXPECT_EQ(Gunzip(*gz), text);

  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip(""));
}

}  // namespace
}  // namespace kehu::http
