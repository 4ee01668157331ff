// The kehu command line: init is idempotent, backup produces a usable copy, errors exit non-zero.
#include <algorithm>
#include <filesystem>

#include "harness.h"
#include "test_db.h"

namespace kehu::apitest {
namespace {

using CliTest = ApiTest;

TEST_F(CliTest, InitTwiceKeepsTheAdminPasswordAndTheData) {
  json::object c = CreateCustomer({{"name", "初始化前的公司"}});
  server->Stop();
  for (int i = 0; i < 2; ++i) {
    CliResult init = server->RunCli(
        {"init", "--db", server->db_url(), "--admin-password", "Another-Pass-" + RandomHex(6)});
    EXPECT_EQ(init.exit_code, 0) << init.output;
  }
  server->Restart();
  ASSERT_FALSE(HasFatalFailure());
  auto original = NewClient();
  HttpResponse ok = original->Login("admin", server->admin_password());
  ASSERT_EQ(ok.status, 200) << "the original password no longer works: " << ok.Describe();
  HttpResponse got = original->Get("/api/v1/customers/" + IdStr(c["id"]));
  EXPECT_EQ(got.status, 200) << got.Describe();
  EXPECT_EQ(Str(got.json, "name"), "初始化前的公司");
}

TEST_F(CliTest, BackupProducesAUsableCopy) {
  std::vector<std::string> names = {"备份甲公司", "备份乙公司", "备份丙公司"};
  for (const auto& n : names) CreateCustomer({{"name", n}});
  std::string out = server->temp_dir() + "/backup.out";
  CliResult b = server->RunCli({"backup", "--db", server->db_url(), "--out", out});
  ASSERT_EQ(b.exit_code, 0) << b.output;
  ASSERT_TRUE(std::filesystem::exists(out)) << b.output;
  EXPECT_GT(std::filesystem::file_size(out), 0u);
  if (server->database_kind() != "sqlite") return;

  Rows check;
  ASSERT_EQ(SqliteQuery(out, "PRAGMA integrity_check", &check), "");
  ASSERT_FALSE(check.empty());
  EXPECT_EQ(check[0][0], "ok");
  Rows rows;
  ASSERT_EQ(SqliteQuery(out, "SELECT name FROM customers ORDER BY name", &rows), "");
  std::vector<std::string> found;
  for (const auto& r : rows) found.push_back(r[0]);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(found, names);
  CliResult v = server->RunCli({"audit", "verify", "--db", "sqlite:" + out});
  EXPECT_EQ(v.exit_code, 0) << "the backup's audit chain: " << v.output;
}

TEST_F(CliTest, AuditVerifyOnAFreshDatabasePasses) {
  server->Stop();
  CliResult v = server->RunCli({"audit", "verify", "--db", server->db_url()});
  EXPECT_EQ(v.exit_code, 0) << v.output;
}

TEST_F(CliTest, UnknownCommandFails) {
  CliResult r = server->RunCli({"frobnicate"});
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_FALSE(r.output.empty());
}

TEST_F(CliTest, ServeWithAnUnusableDatabaseExitsNonZero) {
  for (const std::string& url :
       {std::string("nosuchdb:/x"), std::string("sqlite:/proc/kehu-cannot-exist/x.db"),
        std::string("postgresql://postgres@127.0.0.1:1/none")}) {
    SCOPED_TRACE(url);
    CliResult r = server->RunCli({"serve", "--db", url, "--listen", "127.0.0.1:0"}, 20);
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output.find("(timed out)"), std::string::npos) << "serve kept running";
    EXPECT_FALSE(r.output.empty()) << "no message";
  }
}

}  // namespace
}  // namespace kehu::apitest
