// HTTPS with a self-signed certificate made by the openssl CLI, and the non-loopback /metrics rule.
#include <gmock/gmock.h>
#include <ifaddrs.h>
#include <netdb.h>

#include <cstdlib>

#include "http/server_test_fixture.h"

namespace kehu::http {
namespace {

using testing::CurlClient;
using ::testing::HasSubstr;

class ServerTlsTest : public testing::ServerFixture {
 protected:
  // One key pair for the suite: RSA key generation takes a noticeable, random time.
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(testing::MakeTempDir("kehu-tls-"));
    std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 -keyout " +
        (*dir_ / "key.pem").string() + " -out " + (*dir_ / "cert.pem").string() +
        " >/dev/null 2>&1";
    made_cert_ = std::system(cmd.c_str()) == 0;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override {
    ServerFixture::SetUp();
    ASSERT_TRUE(made_cert_) << "openssl req failed";
    router_.Add("GET", "/api/v1/{entity}", [](Request& req) {
      return Response::Json(200, req.secure ? R"({"secure":true})" : R"({"secure":false})");
    });
  }

  ServerOptions TlsOptions() {
    ServerOptions o;
    o.tls_cert_file = (*dir_ / "cert.pem").string();
    o.tls_key_file = (*dir_ / "key.pem").string();
    return o;
  }

  static std::filesystem::path* dir_;
  static bool made_cert_;
};

std::filesystem::path* ServerTlsTest::dir_ = nullptr;
bool ServerTlsTest::made_cert_ = false;

TEST_F(ServerTlsTest, ServesHttpsWithHstsAndKeepAlive) {
  StartServer(TlsOptions());
  CurlClient c;
  std::string resolve = "localhost:" + std::to_string(port_) + ":127.0.0.1";
  curl_slist* hosts = curl_slist_append(nullptr, resolve.c_str());
  curl_easy_setopt(c.handle(), CURLOPT_RESOLVE, hosts);
  std::string ca = (*dir_ / "cert.pem").string();
  curl_easy_setopt(c.handle(), CURLOPT_CAINFO, ca.c_str());  // verify against our own cert
  std::string url = "https://localhost:" + std::to_string(port_) + "/api/v1/customers";
  auto r = c.Do("GET", url);
  auto again = c.Do("GET", url);
  curl_slist_free_all(hosts);
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"secure":true})");
  EXPECT_EQ(r.headers["Strict-Transport-Security"], "max-age=31536000");
  EXPECT_EQ(r.headers["X-Frame-Options"], "DENY");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.new_connections, 0);
}

TEST_F(ServerTlsTest, PlainHttpOnTheTlsPortGetsNoAnswer) {
  StartServer(TlsOptions());
  CurlClient c;
  auto r = c.Do("GET", Url("/api/v1/customers"));
  EXPECT_NE(r.error, "");
  EXPECT_NE(r.status, 200);
}

TEST_F(ServerTlsTest, OnlyOneTlsFileOrABadOneFailsStart) {
  ServerOptions half;
  half.port = 0;
  half.tls_cert_file = (*dir_ / "cert.pem").string();
  Server a(half, nullptr, nullptr);
  auto ra = a.Start();
  ASSERT_FALSE(ra.ok());
  EXPECT_EQ(ra.error().code, "tls_config_incomplete");

  ServerOptions bad = TlsOptions();
  bad.port = 0;
  bad.tls_key_file = (*dir_ / "missing.pem").string();
  Server b(bad, nullptr, nullptr);
  auto rb = b.Start();
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.error().code, "tls_config_invalid");
}

// The first IPv4 address of this machine that is not loopback, if any.
std::string NonLoopbackAddress() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return "";
  std::string found;
  for (ifaddrs* i = list; i && found.empty(); i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
    char host[NI_MAXHOST];
    if (getnameinfo(i->ifa_addr, sizeof(sockaddr_in), host, sizeof host, nullptr, 0,
                    NI_NUMERICHOST) == 0 &&
        !std::string(host).starts_with("127.")) {
      found = host;
    }
  }
  freeifaddrs(list);
  return found;
}

TEST_F(ServerTlsTest, MetricsAreForbiddenToNonLoopbackPeers) {
  std::string address = NonLoopbackAddress();
  if (address.empty()) GTEST_SKIP() << "no non-loopback IPv4 address on this machine";
  ServerOptions o;
  o.host = "0.0.0.0";
  StartServer(o);
  CurlClient c;
  auto remote = c.Do("GET", "http://" + address + ":" + std::to_string(port_) + "/metrics");
  EXPECT_EQ(remote.status, 403);
  EXPECT_THAT(remote.body, HasSubstr("forbidden"));
  auto local = c.Do("GET", Url("/metrics"));
  EXPECT_EQ(local.status, 200);
}

}  // namespace
}  // namespace kehu::http
