// ApiTest: one fresh server per test (ctest runs each test in its own process anyway).
#include <iostream>

#include "harness.h"

namespace kehu::apitest {

void ApiTest::SetUp() {
  server = std::make_unique<TestServer>();
  server->Start();
  if (HasFatalFailure()) return;
  admin = std::make_unique<Client>(server->base_url());
  HttpResponse login = admin->Login("admin", server->admin_password());
  ASSERT_EQ(login.status, 200) << "admin login: " << login.Describe();
  admin_user = At(login.json, "user");
}

void ApiTest::TearDown() {
  std::string how;
  if (server && server->DiedUnexpectedly(&how)) {
    ADD_FAILURE() << "the server process died during the test (" << how << ")";
  }
  if (HasFailure() && server) {
    std::string log = server->Log();
    constexpr size_t kMax = 20000;
    if (log.size() > kMax) log = "…" + log.substr(log.size() - kMax);
    std::cerr << "---- server log (" << server->database_kind() << ", " << server->temp_dir()
              << ") ----\n"
              << log << "\n---- end of server log ----\n";
  }
  admin.reset();
  server.reset();
}

std::unique_ptr<Client> ApiTest::NewClient() const {
  return std::make_unique<Client>(server->base_url());
}

std::unique_ptr<Client> ApiTest::NewAdminClient() const {
  auto c = NewClient();
  HttpResponse login = c->Login("admin", server->admin_password());
  EXPECT_EQ(login.status, 200) << "admin login: " << login.Describe();
  return c;
}

void ApiTest::RestartServer() {
  if (server->running()) server->Stop();
  server->Restart();
  ASSERT_FALSE(HasFatalFailure());
  admin = NewAdminClient();
}

json::object ApiTest::CreateCustomer(const json::object& fields) {
  HttpResponse r = admin->Post("/api/v1/customers", fields);
  EXPECT_EQ(r.status, 201) << "create customer " << json::serialize(fields) << ": " << r.Describe();
  return r.json.is_object() ? r.json.get_object() : json::object{};
}

json::object ApiTest::CreateContact(const json::object& fields) {
  HttpResponse r = admin->Post("/api/v1/contacts", fields);
  EXPECT_EQ(r.status, 201) << "create contact " << json::serialize(fields) << ": " << r.Describe();
  return r.json.is_object() ? r.json.get_object() : json::object{};
}

int64_t ApiTest::Total(const std::string& entity, const std::string& query) {
  HttpResponse r = admin->Get("/api/v1/" + entity + query);
  EXPECT_EQ(r.status, 200) << "list " << entity << query << ": " << r.Describe();
  const auto& total = At(r.json, "total");
  return total.is_int64() ? total.get_int64() : total.is_uint64() ? total.get_uint64() : -1;
}

std::vector<std::string> ApiTest::Ids(const HttpResponse& list) {
  std::vector<std::string> ids;
  const auto& items = At(list.json, "items");
  if (!items.is_array()) return ids;
  for (const auto& item : items.get_array()) ids.push_back(IdStr(At(item, "id")));
  return ids;
}

std::vector<std::string> ApiTest::Names(const HttpResponse& list) {
  std::vector<std::string> names;
  const auto& items = At(list.json, "items");
  if (!items.is_array()) return names;
  for (const auto& item : items.get_array()) names.push_back(Str(item, "name"));
  return names;
}

}  // namespace kehu::apitest
