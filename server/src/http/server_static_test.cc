// Static files through a real Server: content types, caching headers, gzip, ETag/304, SPA
// fallback, HEAD, and no way out of static_dir.
#include <gmock/gmock.h>

#include <chrono>

#include "http/server_test_fixture.h"

namespace kehu::http {
namespace {

using testing::CurlClient;
using ::testing::HasSubstr;
using testing::RawExchange;
using testing::WriteFile;

class ServerStaticTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    root_ = TempDir("kehu-static-");
    outside_ = TempDir("kehu-outside-");
    index_ = "<!doctype html><title>Kehu</title><div id=app></div>";
    for (int i = 0; i < 400; ++i)
      app_js_ += "console.log('客户 " + std::to_string(i % 10) + "');\n";
    WriteFile(root_ / "index.html", index_);
    WriteFile(root_ / "assets" / "app-1a2b.js", app_js_);
    WriteFile(root_ / "assets" / "logo.png",
              std::string("\x89PNG\r\n\x1a\n", 8) + std::string(600, 'p'));
    WriteFile(outside_ / "secret.txt", "top secret");
    std::filesystem::create_symlink(outside_ / "secret.txt", root_ / "leak.txt");
    router_.Add("GET", "/api/v1/{entity}", [](Request&) { return Response::Json(200, "{}"); });
    ServerOptions o;
    o.static_dir = root_.string();
    StartServer(o);
  }

  std::filesystem::path root_, outside_;
  std::string index_, app_js_;
};

TEST_F(ServerStaticTest, ServesAssetsGzippedAndImmutable) {
  CurlClient c;
  // CURLOPT_ACCEPT_ENCODING makes curl send Accept-Encoding and decode the body for us.
  curl_easy_setopt(c.handle(), CURLOPT_ACCEPT_ENCODING, "gzip");
  auto r = c.Do("GET", Url("/assets/app-1a2b.js"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["Content-Encoding"], "gzip");
  EXPECT_EQ(r.headers["Vary"], "Accept-Encoding");
  EXPECT_EQ(r.headers["Content-Type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(r.headers["Cache-Control"], "public, max-age=31536000, immutable");
  EXPECT_LT(std::stoul(r.headers["Content-Length"]), app_js_.size() / 4);
  EXPECT_EQ(r.body, app_js_);
  EXPECT_EQ(r.headers["X-Content-Type-Options"], "nosniff");
}

TEST_F(ServerStaticTest, NoGzipWithoutAcceptEncodingNorForImages) {
  CurlClient c;
  auto js = c.Do("GET", Url("/assets/app-1a2b.js"));
  EXPECT_EQ(js.headers.count("Content-Encoding"), 0u);
  EXPECT_EQ(js.body, app_js_);
  curl_easy_setopt(c.handle(), CURLOPT_ACCEPT_ENCODING, "gzip");
  auto png = c.Do("GET", Url("/assets/logo.png"));
  EXPECT_EQ(png.headers["Content-Type"], "image/png");
  EXPECT_EQ(png.headers.count("Content-Encoding"), 0u);
  EXPECT_EQ(png.body.size(), 608u);
}

TEST_F(ServerStaticTest, EtagAndIfNoneMatchGive304PerVariant) {
  CurlClient c;
  auto plain = c.Do("GET", Url("/assets/app-1a2b.js"));
  std::string etag = plain.headers["ETag"];
  ASSERT_FALSE(etag.empty());
  auto again = c.Do("GET", Url("/assets/app-1a2b.js"), {"If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.headers["ETag"], etag);
  EXPECT_EQ(again.headers["X-Frame-Options"], "DENY");

  auto gz = c.Do("GET", Url("/assets/app-1a2b.js"), {"Accept-Encoding: gzip"});
  EXPECT_NE(gz.headers["ETag"], etag);  // another representation, another tag
  auto gz_again = c.Do("GET", Url("/assets/app-1a2b.js"),
                       {"Accept-Encoding: gzip", "If-None-Match: " + gz.headers["ETag"]});
  EXPECT_EQ(gz_again.status, 304);
}

TEST_F(ServerStaticTest, ChangedFileGetsNewContentAndEtag) {
  CurlClient c;
  auto before = c.Do("GET", Url("/index.html"));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  WriteFile(root_ / "index.html", "<!doctype html><title>v2</title>");
  auto after = c.Do("GET", Url("/index.html"));
  EXPECT_EQ(after.body, "<!doctype html><title>v2</title>");
  EXPECT_NE(after.headers["ETag"], before.headers["ETag"]);
}

TEST_F(ServerStaticTest, SpaFallbackServesIndexForDeepLinks) {
  CurlClient c;
  auto root = c.Do("GET", Url("/"));
  EXPECT_EQ(root.status, 200);
  EXPECT_EQ(root.body, index_);
  EXPECT_EQ(root.headers["Cache-Control"], "no-cache");
  EXPECT_EQ(root.headers["Content-Type"], "text/html; charset=utf-8");
  auto deep = c.Do("GET", Url("/customers/42?tab=contacts"));
  EXPECT_EQ(deep.status, 200);
  EXPECT_EQ(deep.body, index_);
  EXPECT_EQ(deep.headers["Cache-Control"], "no-cache");
}

TEST_F(ServerStaticTest, NoFallbackForApiOrMissingAssets) {
  CurlClient c;
  auto api = c.Do("GET", Url("/api/v1/a/b/c/d/e"));
  EXPECT_EQ(api.status, 404);
  EXPECT_THAT(api.body, HasSubstr("not_found"));
  auto asset = c.Do("GET", Url("/assets/missing-123.js"));
  EXPECT_EQ(asset.status, 404);
}

TEST_F(ServerStaticTest, SymlinkOutOfRootIsNotServed) {
  CurlClient c;
  auto r = c.Do("GET", Url("/leak.txt"));
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("top secret")));
  std::string raw = RawExchange(
      port_, "GET /../" + outside_.filename().string() + "/secret.txt HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_THAT(raw, ::testing::StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(raw, ::testing::Not(HasSubstr("top secret")));
}

TEST_F(ServerStaticTest, HeadHasLengthButNoBody) {
  std::string raw =
      RawExchange(port_, "HEAD /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_THAT(raw, ::testing::StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(raw, HasSubstr("Content-Length: " + std::to_string(index_.size()) + "\r\n"));
  EXPECT_TRUE(raw.ends_with("\r\n\r\n")) << raw;
}

TEST_F(ServerStaticTest, PostToStaticPathIs405) {
  CurlClient c;
  std::string body = "x";
  auto r = c.Do("POST", Url("/index.html"), {}, &body);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["Allow"], "GET, HEAD");
}

TEST_F(ServerStaticTest, StaticRequestsAreCountedUnderOneRoute) {
  CurlClient c;
  c.Do("GET", Url("/"));
  c.Do("GET", Url("/some/deep/link"));
  auto m = c.Do("GET", Url("/metrics"));
  EXPECT_THAT(
      m.body,
      HasSubstr("kehu_http_requests_total{route=\"static\",method=\"GET\",status=\"200\"} 2\n"));
}

}  // namespace
}  // namespace kehu::http
