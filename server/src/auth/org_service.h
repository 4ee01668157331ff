// The organization: departments (a tree), users, roles with their grants. Admin-only writes; every
// change is audited. JSON in and out, shaped as API.md describes.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "auth/auth_service.h"
#include "metadata/registry.h"

namespace kehu::auth {

class OrgService {
 public:
  OrgService(db::Database& db, const meta::Registry& registry) : db_(db), registry_(registry) {}

  Result<boost::json::array> ListDepartments();
  Result<boost::json::object> CreateDepartment(const records::Actor& actor, const boost::json::object& body);
  Result<boost::json::object> UpdateDepartment(const records::Actor& actor, int64_t id, const boost::json::object& body);

  Result<boost::json::object> ListUsers(const std::string& q, int64_t department_id, int page, int page_size);
  Result<boost::json::object> GetUser(int64_t id);
  Result<boost::json::object> CreateUser(const records::Actor& actor, const boost::json::object& body);
  Result<boost::json::object> UpdateUser(const records::Actor& actor, int64_t id, const boost::json::object& body);
  Status ResetPassword(const records::Actor& actor, int64_t id, const std::string& password);
  Status ChangeOwnPassword(const records::Actor& actor, const std::string& current, const std::string& next);

  Result<boost::json::array> ListRoles();
  Result<boost::json::object> CreateRole(const records::Actor& actor, const boost::json::object& body);
  Result<boost::json::object> UpdateRole(const records::Actor& actor, int64_t id, const boost::json::object& body);

  // Password policy: at least 8 characters and not the username.
  static bool StrongEnough(const std::string& password, const std::string& username);

 private:
  Result<boost::json::object> LoadUser(db::Session& s, int64_t id);
  Result<boost::json::object> LoadRole(db::Session& s, int64_t id);
  Status SaveFieldRules(db::Session& s, int64_t role_id, const boost::json::value& rules);
  Status SaveGrants(db::Session& s, const char* table, const char* owner_column, int64_t owner,
                    const boost::json::value& grants, bool replace);

  db::Database& db_;
  const meta::Registry& registry_;
};

}  // namespace kehu::auth
