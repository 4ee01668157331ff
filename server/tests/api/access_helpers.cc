#include "access_helpers.h"

namespace kehu::apitest {
namespace {

// One city per customer: East reps get the first list, South reps the second, two each.
const char* const kEastCities[] = {"上海", "杭州", "南京", "苏州", "宁波", "无锡", "合肥", "常州"};
const char* const kSouthCities[] = {"广州", "深圳", "厦门", "福州", "南宁", "海口", "珠海", "佛山"};
const char* const kKinds[] = {"科技", "贸易"};

}  // namespace

int64_t TotalOf(const HttpResponse& r) {
  const auto& t = At(r.json, "total");
  return t.is_int64() ? t.get_int64() : t.is_uint64() ? static_cast<int64_t>(t.get_uint64()) : -1;
}

std::set<std::string> RoleCodes(const json::value& user) {
  std::set<std::string> codes;
  const auto& roles = At(user, "roles");
  if (!roles.is_array()) return codes;
  for (const auto& r : roles.get_array()) {
    if (r.is_string())
      codes.insert(std::string(r.get_string()));
    else
      codes.insert(Str(r, "code"));
  }
  return codes;
}

std::string FieldError(const HttpResponse& r, const std::string& field) {
  return Str(At(At(r.json, "error"), "fields"), field);
}

std::string RecordPath(const std::string& entity, const json::value& id) {
  return "/api/v1/" + entity + "/" + IdStr(id);
}

bool SearchHas(const HttpResponse& r, const std::string& entity, const json::value& id) {
  const auto& results = At(r.json, "results");
  if (!results.is_array()) return false;
  for (const auto& item : results.get_array()) {
    if (Str(item, "entity") == entity && IdStr(At(item, "id")) == IdStr(id)) return true;
  }
  return false;
}

std::string GoodPassword() { return "Pw-" + RandomHex(6) + "-x9"; }

void AccessTest::SetUp() { ApiTest::SetUp(); }

json::object AccessTest::CreateDepartment(const std::string& name, const json::value& parent_id) {
  json::object body{{"name", name}};
  if (!parent_id.is_null()) body["parentId"] = parent_id;
  HttpResponse r = admin->Post("/api/v1/departments", body);
  EXPECT_EQ(r.status, 201) << "create department " << name << ": " << r.Describe();
  return r.json.is_object() ? r.json.get_object() : json::object{};
}

json::object AccessTest::CreateUser(const std::string& username, const std::string& password,
                                    const std::vector<std::string>& roles,
                                    const json::object& extra) {
  json::array role_array;
  for (const auto& r : roles) role_array.emplace_back(r);
  json::object body{{"username", username},
                    {"displayName", "用户 " + username},
                    {"password", password},
                    {"roles", role_array}};
  for (const auto& [k, v] : extra) body[k] = v;
  HttpResponse r = admin->Post("/api/v1/users", body);
  EXPECT_EQ(r.status, 201) << "create user " << username << ": " << r.Describe();
  return r.json.is_object() ? r.json.get_object() : json::object{};
}

std::unique_ptr<Client> AccessTest::LoginAs(const std::string& username,
                                            const std::string& password) {
  auto c = NewClient();
  HttpResponse r = c->Login(username, password);
  EXPECT_EQ(r.status, 200) << "login " << username << ": " << r.Describe();
  return c;
}

OrgMember& AccessTest::AddMember(const std::string& key, const std::vector<std::string>& roles,
                                 const json::value& department_id, const json::value& manager_id) {
  auto m = std::make_unique<OrgMember>();
  m->key = key;
  m->username = "u_" + key;
  m->password = GoodPassword();
  json::object extra{{"departmentId", department_id}};
  if (!manager_id.is_null()) extra["managerId"] = manager_id;
  json::object user = CreateUser(m->username, m->password, roles, extra);
  m->id = user.contains("id") ? user.at("id") : json::value();
  m->client = LoginAs(m->username, m->password);
  OrgMember& ref = *m;
  members_[key] = std::move(m);
  return ref;
}

std::vector<std::string> AccessTest::RepKeys(const std::string& region) const {
  std::vector<std::string> keys;
  for (int i = 1; i <= kRepsPerDepartment; ++i) keys.push_back(region + std::to_string(i));
  return keys;
}

void AccessTest::BuildOrg(bool with_records) {
  hq_ = At(json::value(CreateDepartment("总部")), "id");
  ASSERT_FALSE(hq_.is_null()) << "no HQ department";
  east_ = At(json::value(CreateDepartment("华东区", hq_)), "id");
  south_ = At(json::value(CreateDepartment("华南区", hq_)), "id");
  ASSERT_FALSE(east_.is_null() || south_.is_null());
  AddMember("exec", {"executive"}, hq_);
  ASSERT_FALSE(HasFailure());
  for (const char* region : {"east", "south"}) {
    const json::value& dept = std::string(region) == "east" ? east_ : south_;
    std::string sup_key = std::string("sup_") + region;
    json::value sup_id = AddMember(sup_key, {"supervisor"}, dept).id;
    ASSERT_FALSE(HasFailure());
    const char* const* cities = std::string(region) == "east" ? kEastCities : kSouthCities;
    int city = 0;
    for (const auto& key : RepKeys(region)) {
      OrgMember& rep = AddMember(key, {"sales_rep"}, dept, sup_id);
      ASSERT_FALSE(HasFailure());
      for (int i = 0; with_records && i < kCustomersPerRep; ++i, ++city) {
        std::string c_name = std::string(cities[city]) + kSharedWord + kKinds[i % 2] + "有限公司";
        HttpResponse c = rep.client->Post("/api/v1/customers", json::object{{"name", c_name}});
        ASSERT_EQ(c.status, 201) << key << " creating " << c_name << ": " << c.Describe();
        ASSERT_EQ(IdStr(At(c.json, "ownerId")), IdStr(rep.id)) << "owner is the creator";
        rep.customers.push_back(c.json.get_object());
        std::string p_name = std::string(cities[city]) + "联络员";
        HttpResponse p = rep.client->Post(
            "/api/v1/contacts", json::object{{"name", p_name}, {"customerId", At(c.json, "id")}});
        ASSERT_EQ(p.status, 201) << key << " creating contact " << p_name << ": " << p.Describe();
        rep.contacts.push_back(p.json.get_object());
      }
    }
  }
}

std::set<std::string> AccessTest::CustomerIdsOf(const std::vector<std::string>& keys) {
  std::set<std::string> ids;
  for (const auto& k : keys)
    for (const auto& c : M(k).customers) ids.insert(IdStr(c.at("id")));
  return ids;
}

std::set<std::string> AccessTest::ContactIdsOf(const std::vector<std::string>& keys) {
  std::set<std::string> ids;
  for (const auto& k : keys)
    for (const auto& c : M(k).contacts) ids.insert(IdStr(c.at("id")));
  return ids;
}

std::set<std::string> AccessTest::AllCustomerIds() {
  std::vector<std::string> keys = RepKeys("east");
  for (const auto& k : RepKeys("south")) keys.push_back(k);
  return CustomerIdsOf(keys);
}

std::set<std::string> AccessTest::ListIds(Client& c, const std::string& entity,
                                          const std::string& query, int64_t* total) {
  std::string sep = query.empty() ? "?" : "&";
  HttpResponse r = c.Get("/api/v1/" + entity + query + sep + "pageSize=200");
  EXPECT_EQ(r.status, 200) << "list " << entity << query << ": " << r.Describe();
  if (total) *total = TotalOf(r);
  std::vector<std::string> ids = Ids(r);
  return {ids.begin(), ids.end()};
}

std::string AccessTest::Snapshot(const std::string& entity, const json::value& id) {
  HttpResponse r = admin->Get(RecordPath(entity, id));
  EXPECT_EQ(r.status, 200) << "admin reading " << entity << " " << IdStr(id) << ": "
                           << r.Describe();
  return r.body;
}

std::string AccessTest::Totals() {
  return "customers=" + std::to_string(Total("customers")) +
         " contacts=" + std::to_string(Total("contacts"));
}

}  // namespace kehu::apitest
