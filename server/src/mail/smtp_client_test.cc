// The SMTP client against a real SMTP server (aiosmtpd): plain, AUTH, STARTTLS and implicit TLS
// with a self-signed certificate, refusal to send in clear when STARTTLS is asked for, and a
// bounded wait on a server that never answers. Also the curl plan per mode and the --smtp URL.
#include "mail/smtp_client.h"

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../../tests/api/smtp_sink.h"
#include "mail/mail_settings.h"
#include "mail/mime.h"

namespace kehu::mail {
namespace {
using kehu::testing::SmtpSink;

std::string Message(const std::string& subject, const std::string& body) {
  return BuildMime({"Kehu <crm@example.com>", "li.na@example.com", subject, body,
                    std::chrono::system_clock::now(), ""});
}

std::string ErrorText(const Status& s) {
  if (s.ok()) return "";
  auto it = s.error().args.find("error");
  return it == s.error().args.end() ? s.error().code : it->second;
}

SmtpSettings SettingsFor(const SmtpSink& sink, const std::string& tls = "none") {
  SmtpSettings s;
  s.host = "127.0.0.1";
  s.port = sink.port();
  s.tls = tls;
  s.from = "Kehu <crm@example.com>";
  return s;
}

TEST(SmtpPlan, EachModeSetsItsCurlOptions) {
  SmtpSettings s;
  s.host = "smtp.example.com";
  s.from = "Kehu <crm@example.com>";
  s.port = 25;
  auto plain = PlanSmtp(s);
  EXPECT_EQ(plain.url, "smtp://smtp.example.com:25");
  EXPECT_EQ(plain.use_ssl, CURLUSESSL_NONE);
  EXPECT_FALSE(plain.login);
  EXPECT_EQ(plain.mail_from, "crm@example.com");

  s.tls = "starttls";
  s.port = 587;
  s.username = "crm";
  auto starttls = PlanSmtp(s);
  EXPECT_EQ(starttls.url, "smtp://smtp.example.com:587");
  EXPECT_EQ(starttls.use_ssl, CURLUSESSL_ALL);  // required, never silently in clear
  EXPECT_TRUE(starttls.login);

  s.tls = "tls";
  s.port = 465;
  auto smtps = PlanSmtp(s);
  EXPECT_EQ(smtps.url, "smtps://smtp.example.com:465");
  EXPECT_EQ(smtps.use_ssl, CURLUSESSL_ALL);

  s.host = "::1";
  EXPECT_EQ(PlanSmtp(s).url, "smtps://[::1]:465");
}

TEST(SmtpUrl, ParsesSchemesPortsAndCredentials) {
  auto a = ParseSmtpUrl("smtp://mail.example.com");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "mail.example.com");
  EXPECT_EQ(a->port, 25);
  EXPECT_EQ(a->tls, "none");
  auto b = ParseSmtpUrl("smtp+starttls://crm%40example.com:p%3Ass@127.0.0.1:2587");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->tls, "starttls");
  EXPECT_EQ(b->port, 2587);
  EXPECT_EQ(b->username, "crm@example.com");
  EXPECT_EQ(b->password, "p:ss");
  auto c = ParseSmtpUrl("smtps://[::1]");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->host, "::1");
  EXPECT_EQ(c->port, 465);
  auto none = ParseSmtpUrl("");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->configured());
  for (const char* bad : {"http://x:25", "smtp://", "smtp://host:0", "smtp://host:99999",
                          "smtp://ho st:25", "smtp://host:2x", "mail.example.com"})
    EXPECT_FALSE(ParseSmtpUrl(bad).ok()) << bad;
}

TEST(SmtpClient, DeliversToARealServer) {
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0) << sink.Log();
  ASSERT_TRUE(SendSmtp(SettingsFor(sink), "li.na@example.com",
                       Message("你好，世界", "正文：客户关系\n第二行"))
                  .ok());
  auto got = sink.WaitFor(1);
  ASSERT_EQ(got.size(), 1u) << sink.Log();
  EXPECT_EQ(got[0]["mailFrom"], "crm@example.com");
  EXPECT_EQ(got[0]["rcptTos"], boost::json::array{"li.na@example.com"});
  EXPECT_EQ(got[0]["subject"], "你好，世界");
  EXPECT_EQ(std::string(got[0]["body"].as_string()), "正文：客户关系\n第二行");
  EXPECT_EQ(got[0]["charset"], "utf-8");
  EXPECT_EQ(got[0]["defects"], boost::json::array{});
}

TEST(SmtpClient, AuthenticatesAndReportsAWrongPassword) {
  SmtpSink sink({.auth = "crm:s3cret-密码"});
  SmtpSettings s = SettingsFor(sink);
  s.username = "crm";
  s.password = "wrong";
  Status refused = SendSmtp(s, "a@example.com", Message("x", "y"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "smtp_failed");
  EXPECT_NE(refused.error().args.at("error").find("535"), std::string::npos)
      << refused.error().args.at("error");
  EXPECT_EQ(refused.error().args.at("error").find("wrong"),
            std::string::npos);  // no secret in the text
  s.password = "s3cret-密码";
  ASSERT_TRUE(SendSmtp(s, "a@example.com", Message("x", "y")).ok());
  auto got = sink.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["login"], "crm");
}

class SmtpTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("kehu_smtp_tls_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    std::tie(cert_, key_) = SmtpSink::MakeCertificate(dir_);
    ASSERT_FALSE(cert_.empty()) << "openssl could not make a certificate";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string cert_, key_;
};

TEST_F(SmtpTlsTest, StartTlsWithATrustedCertificate) {
  SmtpSink sink({.tls = "starttls", .cert = cert_, .key = key_});
  SmtpSettings s = SettingsFor(sink, "starttls");
  // Untrusted (self-signed, not in the store): refused, nothing delivered.
  EXPECT_FALSE(SendSmtp(s, "a@example.com", Message("x", "y")).ok());
  s.ca_file = cert_;
  Status sent = SendSmtp(s, "a@example.com", Message("加密", "经 STARTTLS"));
  ASSERT_TRUE(sent.ok()) << ErrorText(sent) << sink.Log();
  auto got = sink.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["tls"], true);
  EXPECT_EQ(got[0]["subject"], "加密");
}

TEST_F(SmtpTlsTest, ImplicitTls) {
  SmtpSink sink({.tls = "smtps", .cert = cert_, .key = key_});
  SmtpSettings s = SettingsFor(sink, "tls");
  s.ca_file = cert_;
  Status sent = SendSmtp(s, "a@example.com", Message("SMTPS", "body"));
  ASSERT_TRUE(sent.ok()) << ErrorText(sent) << sink.Log();
  auto got = sink.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["tls"], true);
}

TEST(SmtpClient, StartTlsAskedButNotOfferedSendsNothing) {
  SmtpSink sink;  // no STARTTLS
  SmtpSettings s = SettingsFor(sink, "starttls");
  s.username = "crm";
  s.password = "secret";
  Status sent = SendSmtp(s, "a@example.com", Message("x", "y"));
  EXPECT_FALSE(sent.ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(sink.Messages().empty());
}

TEST(SmtpClient, AServerThatNeverAnswersCostsOnlyTheTimeout) {
  // A listening socket that accepts (backlog) but never speaks SMTP.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  SmtpSettings s;
  s.host = "127.0.0.1";
  s.port = ntohs(addr.sin_port);
  s.from = "crm@example.com";
  s.total_timeout = std::chrono::milliseconds(1500);
  auto start = std::chrono::steady_clock::now();
  Status sent = SendSmtp(s, "a@example.com", Message("x", "y"));
  auto took = std::chrono::steady_clock::now() - start;
  ::close(fd);
  EXPECT_FALSE(sent.ok());
  EXPECT_LT(took, std::chrono::seconds(5));
  std::string why = sent.error().args.at("error");
  EXPECT_TRUE(why.find("timed out") != std::string::npos ||
              why.find("Timeout") != std::string::npos)
      << why;
}

TEST(SmtpClient, NothingIsSentWhenNotConfiguredOrToABadAddress) {
  SmtpSettings s;
  EXPECT_FALSE(SendSmtp(s, "a@example.com", "x").ok());
  s.host = "127.0.0.1";
  s.from = "crm@example.com";
  EXPECT_FALSE(SendSmtp(s, "a@example.com\r\nRCPT TO:<b@x.cn>", "x").ok());
}

}  // namespace
}  // namespace kehu::mail
