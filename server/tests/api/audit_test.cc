// The audit trail over HTTP, and `kehu audit verify` catching tampering behind the server's back.
#include "harness.h"
#include "test_db.h"

namespace kehu::apitest {
namespace {

class AuditTest : public ApiTest {
 protected:
  // Creates a customer, changes its phone, deletes it; returns its id.
  std::string CreateUpdateDelete() {
    json::object c = CreateCustomer({{"name", "审计公司"}, {"phone", "010-12345678"}});
    std::string id = IdStr(c["id"]);
    std::string path = "/api/v1/customers/" + id;
    EXPECT_EQ(admin->Patch(path, json::object{{"version", 1}, {"phone", "010-87654321"}}).status,
              200);
    EXPECT_EQ(admin->Delete(path).status, 204);
    return id;
  }

  // Runs SQL as an attacker with direct database access would: triggers that guard the audit
  // table are switched off first.
  void Tamper(const std::string& sql) {
    std::string err;
    if (server->database_kind() == "sqlite") {
      Rows triggers;
      err = SqliteQuery(server->sqlite_path(),
                        "SELECT name FROM sqlite_master WHERE type='trigger' AND "
                        "tbl_name='audit_log'",
                        &triggers);
      for (const auto& t : triggers)
        err += SqliteExec(server->sqlite_path(), "DROP TRIGGER \"" + t[0] + "\"");
      err += SqliteExec(server->sqlite_path(), sql);
    } else {
      err = PgExec(server->db_url(), "SET session_replication_role = replica; " + sql);
    }
    ASSERT_EQ(err, "") << sql;
  }

  int64_t AuditRows() {
    Rows rows;
    std::string err =
        server->database_kind() == "sqlite"
            ? SqliteQuery(server->sqlite_path(), "SELECT count(*) FROM audit_log", &rows)
            : PgQuery(server->db_url(), "SELECT count(*) FROM audit_log", &rows);
    EXPECT_EQ(err, "");
    return rows.empty() ? -1 : std::stoll(rows[0][0]);
  }
};

TEST_F(AuditTest, CreateUpdateDeleteAreRecordedNewestFirst) {
  std::string id = CreateUpdateDelete();
  HttpResponse r = admin->Get("/api/v1/audit" + Query({{"entity", "customers"}, {"recordId", id}}));
  ASSERT_EQ(r.status, 200) << r.Describe();
  const auto& items = At(r.json, "items");
  ASSERT_TRUE(items.is_array()) << r.body;
  std::vector<std::string> actions;
  for (const auto& item : items.get_array()) actions.push_back(Str(item, "action"));
  EXPECT_EQ(actions, (std::vector<std::string>{"delete", "update", "create"})) << r.body;
  ASSERT_EQ(items.get_array().size(), 3u);
  const auto& phone = At(At(items.get_array()[1], "changes"), "phone");
  EXPECT_EQ(Str(phone, "from"), "010-12345678") << r.body;
  EXPECT_EQ(Str(phone, "to"), "010-87654321") << r.body;
}

TEST_F(AuditTest, AuditOfOtherRecordsIsNotMixedIn) {
  std::string id = CreateUpdateDelete();
  CreateCustomer({{"name", "别的公司"}});
  HttpResponse r = admin->Get("/api/v1/audit" + Query({{"entity", "customers"}, {"recordId", id}}));
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(At(r.json, "items").is_array() ? At(r.json, "items").get_array().size() : 0u, 3u)
      << r.body;
}

TEST_F(AuditTest, VerifyPassesOnAnIntactChain) {
  CreateUpdateDelete();
  server->Stop();
  CliResult v = server->RunCli({"audit", "verify", "--db", server->db_url()});
  EXPECT_EQ(v.exit_code, 0) << v.output;
}

TEST_F(AuditTest, VerifyCatchesAChangedRow) {
  CreateUpdateDelete();
  server->Stop();
  ASSERT_GT(AuditRows(), 0);
  // Not '{}': the first row may already hold an empty change set.
  Tamper(
      "UPDATE audit_log SET changes='{\"tampered\":1}' WHERE id=(SELECT MIN(id) FROM audit_log)");
  CliResult v = server->RunCli({"audit", "verify", "--db", server->db_url()});
  EXPECT_NE(v.exit_code, 0) << "tampering went unnoticed: " << v.output;
  EXPECT_FALSE(v.output.empty()) << "verify must say what is wrong";
}

TEST_F(AuditTest, VerifyCatchesADeletedRow) {
  CreateUpdateDelete();
  server->Stop();
  int64_t rows = AuditRows();
  ASSERT_GE(rows, 3);
  Tamper("DELETE FROM audit_log WHERE id=(SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 1)");
  ASSERT_EQ(AuditRows(), rows - 1);
  CliResult v = server->RunCli({"audit", "verify", "--db", server->db_url()});
  EXPECT_NE(v.exit_code, 0) << "a deleted audit row went unnoticed: " << v.output;
}

}  // namespace
}  // namespace kehu::apitest
