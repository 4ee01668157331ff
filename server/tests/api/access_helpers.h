// Fixture for the identity-and-access API tests (issue #3): builds the organization of the issue
// through the API and logs every member in with their own client.
//
//   总部 HQ ── executive "exec"
//    ├─ 华东区 East ── supervisor "sup_east"; reps "east1".."east4" (managerId = sup_east)
//    └─ 华南区 South ── supervisor "sup_south"; reps "south1".."south4" (managerId = sup_south)
//
// Each rep creates kCustomersPerRep customers (names "<city>网联…有限公司", so q=网联 hits all of
// them) and one contact on each. Everything else is read back through the admin client.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "harness.h"

namespace kehu::apitest {

constexpr int kRepsPerDepartment = 4;
constexpr int kCustomersPerRep = 2;
constexpr const char* kSharedWord = "网联";

struct OrgMember {
  std::string key;       // "exec", "sup_east", "east1", …
  std::string username;  // login name
  std::string password;
  json::value id;
  std::unique_ptr<Client> client;       // logged in
  std::vector<json::object> customers;  // created by this member, in order
  std::vector<json::object> contacts;   // contacts[i] belongs to customers[i]
};

// total of a list response, or -1.
int64_t TotalOf(const HttpResponse& r);
// Role codes of a user record (roles as strings or as objects with "code").
std::set<std::string> RoleCodes(const json::value& user);
// error.fields.<field> of an error response, or "".
std::string FieldError(const HttpResponse& r, const std::string& field);
// "/api/v1/<entity>/<id>".
std::string RecordPath(const std::string& entity, const json::value& id);
// True when the results[] of a GET /search response hold (entity, id).
bool SearchHas(const HttpResponse& r, const std::string& entity, const json::value& id);
// A password that passes the strength rule.
std::string GoodPassword();

class AccessTest : public ApiTest {
 protected:
  void SetUp() override;

  // Builds the whole org with its records. Call from SetUp or the test; asserts on every step.
  void BuildOrg(bool with_records = true);

  // POST /departments as admin; asserts 201.
  json::object CreateDepartment(const std::string& name, const json::value& parent_id = nullptr);
  // POST /users as admin; asserts 201. `extra` adds/overrides fields.
  json::object CreateUser(const std::string& username, const std::string& password,
                          const std::vector<std::string>& roles, const json::object& extra = {});
  // Creates a user, logs in and registers it under `key`.
  OrgMember& AddMember(const std::string& key, const std::vector<std::string>& roles,
                       const json::value& department_id, const json::value& manager_id = nullptr);
  // A fresh client logged in as `username`; asserts 200.
  std::unique_ptr<Client> LoginAs(const std::string& username, const std::string& password);

  OrgMember& M(const std::string& key) { return *members_.at(key); }
  Client& As(const std::string& key) { return *members_.at(key)->client; }
  std::vector<std::string> RepKeys(const std::string& region) const;  // "east" | "south"

  // Ids of every customer/contact created by the given members.
  std::set<std::string> CustomerIdsOf(const std::vector<std::string>& keys);
  std::set<std::string> ContactIdsOf(const std::vector<std::string>& keys);
  std::set<std::string> AllCustomerIds();

  // Ids of GET /api/v1/<entity><query> for `c` (one page of 200); `total` gets the total.
  std::set<std::string> ListIds(Client& c, const std::string& entity, const std::string& query = "",
                                int64_t* total = nullptr);

  // The admin's view of a record (the whole JSON) to compare before/after a refused attempt.
  std::string Snapshot(const std::string& entity, const json::value& id);
  // Admin totals of customers and contacts, as "customers=N contacts=M".
  std::string Totals();

  json::value hq_, east_, south_;  // department ids
  std::map<std::string, std::unique_ptr<OrgMember>> members_;
};

}  // namespace kehu::apitest
