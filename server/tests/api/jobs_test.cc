// Jobs over HTTP (issue #8): admins list the scheduler's jobs and run one now; everyone else is
// refused; an unknown job is 404. `kehu jobs list` prints the same table.
#include <chrono>
#include <thread>

#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class JobsTest : public AccessTest {
 protected:
  // The job named `name` in GET /jobs as admin, or null.
  json::value Job(const std::string& name) {
    HttpResponse r = admin->Get("/api/v1/jobs");
    EXPECT_EQ(r.status, 200) << r.Describe();
    for (const auto& item : At(r.json, "items").is_array() ? At(r.json, "items").as_array() : json::array{})
      if (Str(item, "name") == name) return item;
    return nullptr;
  }

  std::unique_ptr<Client> Rep() {
    std::string password = GoodPassword();
    CreateUser("jobs_rep", password, {"sales_rep"});
    return LoginAs("jobs_rep", password);
  }
};

TEST_F(JobsTest, AdminsSeeTheBuiltInJobs) {
  HttpResponse r = admin->Get("/api/v1/jobs");
  ASSERT_EQ(r.status, 200) << r.Describe();
  json::value cleanup = Job("sessions.cleanup");
  ASSERT_TRUE(cleanup.is_object()) << r.body;
  EXPECT_EQ(Str(cleanup, "schedule"), "every 1h");
  for (const char* key : {"nextRunAt", "lastRunAt", "lastStatus", "lastError", "failures", "runs", "running"})
    EXPECT_TRUE(cleanup.as_object().contains(key)) << key;
  json::value fire = Job("reminders.fire");
  ASSERT_TRUE(fire.is_object()) << r.body;
  EXPECT_EQ(Str(fire, "schedule"), "every 30s");
  // Interval jobs run at once on a fresh database.
  for (int i = 0; i < 100 && At(Job("sessions.cleanup"), "runs") != json::value(1); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  cleanup = Job("sessions.cleanup");
  EXPECT_EQ(At(cleanup, "runs"), json::value(1)) << json::serialize(cleanup);
  EXPECT_EQ(Str(cleanup, "lastStatus"), "ok");
  EXPECT_EQ(At(cleanup, "failures"), json::value(0));
  EXPECT_TRUE(Str(cleanup, "nextRunAt").ends_with("Z"));
}

TEST_F(JobsTest, RunNowRunsTheJobAgain) {
  for (int i = 0; i < 100 && At(Job("sessions.cleanup"), "runs") != json::value(1); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::string next_before = Str(Job("sessions.cleanup"), "nextRunAt");
  // An expired session of another login is what the cleanup removes.
  auto other = NewAdminClient();
  ASSERT_EQ(server->ExecSql("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z', user_agent = 'doomed' "
                            "WHERE id = (SELECT MAX(id) FROM sessions)"), "");
  HttpResponse run = admin->Post("/api/v1/jobs/sessions.cleanup/run", json::object{});
  ASSERT_EQ(run.status, 202) << run.Describe();
  json::value job;
  for (int i = 0; i < 100; ++i) {
    job = Job("sessions.cleanup");
    if (At(job, "runs") == json::value(2)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(At(job, "runs"), json::value(2)) << json::serialize(job);
  EXPECT_EQ(Str(job, "lastStatus"), "ok");
  EXPECT_GE(Str(job, "nextRunAt"), next_before) << "back on its hourly schedule";
  // Were the row still there, making it valid again would bring the session back.
  ASSERT_EQ(server->ExecSql("UPDATE sessions SET expires_at = '2099-01-01T00:00:00.000Z' WHERE user_agent = 'doomed'"),
            "");
  EXPECT_EQ(other->Get("/api/v1/auth/me").status, 401) << "the expired session was deleted";
  EXPECT_EQ(admin->Get("/api/v1/auth/me").status, 200) << "live sessions stay";
}

TEST_F(JobsTest, OthersAreRefused) {
  auto rep = Rep();
  ASSERT_TRUE(rep);
  HttpResponse list = rep->Get("/api/v1/jobs");
  EXPECT_EQ(list.status, 403) << list.Describe();
  EXPECT_EQ(list.body.find("sessions.cleanup"), std::string::npos);
  EXPECT_EQ(rep->Post("/api/v1/jobs/reminders.fire/run", json::object{}).status, 403);
  EXPECT_EQ(rep->Post("/api/v1/jobs/nope/run", json::object{}).status, 403) << "no probing for names";
  auto anonymous = NewClient();
  EXPECT_EQ(anonymous->Get("/api/v1/jobs").status, 401);
  EXPECT_EQ(anonymous->Post("/api/v1/jobs/sessions.cleanup/run", json::object{}).status, 401);
}

TEST_F(JobsTest, UnknownJobsAndBadInput) {
  HttpResponse unknown = admin->Post("/api/v1/jobs/no.such.job/run", json::object{});
  EXPECT_EQ(unknown.status, 404) << unknown.Describe();
  EXPECT_EQ(Str(At(unknown.json, "error"), "code"), "unknown_job");
  HttpResponse bad = admin->Send("POST", "/api/v1/jobs/%FF%FE/run", "{}");
  EXPECT_EQ(bad.status, 400) << bad.Describe();
  EXPECT_EQ(admin->Send("DELETE", "/api/v1/jobs/sessions.cleanup/run", "").status, 405);
  // GET falls through to the generic related-records route, where "jobs" is no entity.
  EXPECT_EQ(admin->Get("/api/v1/jobs/sessions.cleanup/run").status, 404);
  // Nothing was created by the attempts.
  HttpResponse list = admin->Get("/api/v1/jobs");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("no.such.job"), std::string::npos);
}

TEST_F(JobsTest, CliListsTheJobs) {
  for (int i = 0; i < 100 && At(Job("sessions.cleanup"), "runs") != json::value(1); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CliResult table = server->RunCli({"jobs", "list", "--db", server->db_url()});
  ASSERT_EQ(table.exit_code, 0) << table.output;
  EXPECT_NE(table.output.find("NAME"), std::string::npos) << table.output;
  EXPECT_NE(table.output.find("sessions.cleanup"), std::string::npos) << table.output;
  EXPECT_NE(table.output.find("every 30s"), std::string::npos) << table.output;
  CliResult as_json = server->RunCli({"jobs", "list", "--json", "--db", server->db_url()});
  ASSERT_EQ(as_json.exit_code, 0) << as_json.output;
  size_t start = as_json.output.find("{\"items\"");
  ASSERT_NE(start, std::string::npos) << as_json.output;
  json::value parsed = json::parse(as_json.output.substr(start, as_json.output.find('\n', start) - start));
  ASSERT_TRUE(At(parsed, "items").is_array()) << as_json.output;
  EXPECT_GE(At(parsed, "items").as_array().size(), 2u);
}

}  // namespace
}  // namespace kehu::apitest
