// HTTPS with a self-signed certificate made by the openssl CLI, and the non-loopback /metrics rule.
#include <gmock/gmock.h>
#include <ifaddrs.h>
#include <netdb.h>

#include <cstdlib>

#include "http/server_test_fixture.h"

namespace kehu::http {
namespace {

using ::testing::HasSubstr;
using testing::CurlClient;

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
