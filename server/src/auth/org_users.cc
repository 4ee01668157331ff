// Users: created and changed by admins; passwords only ever stored as Argon2id hashes.
#include <boost/json.hpp>

#include <regex>
#include <set>

#include "auth/org_service.h"
#include "core/crypto.h"
#include "core/time.h"
#include "core/zones.h"
#include "records/audit.h"
#include "records/codec.h"

namespace kehu::auth {
namespace json = boost::json;
using db::Value;

namespace {

constexpr const char* kUserColumns =
    "id, username, display_name, email, mobile, department_id, manager_id, active, time_zone, locale, version, "
    "created_at, updated_at";

json::value NullableInt(const Value& v) { return db::IsNull(v) ? json::value() : json::value(db::AsInt(v)); }
json::value NullableText(const Value& v) { return db::IsNull(v) ? json::value() : json::value(db::AsText(v)); }

// Reads an optional string member; kInvalidInput on a wrong type.
Result<std::optional<std::string>> OptionalString(const json::object& body, const char* key) {
  auto* v = body.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return InvalidInput("wrong_type").Field(key, "wrong_type");
  return std::optional<std::string>(std::string(v->as_string()));
}

Result<std::optional<Value>> OptionalId(const json::object& body, const char* key) {
  auto* v = body.if_contains(key);
  if (!v) return std::optional<Value>();
  if (v->is_null()) return std::optional<Value>(Value());
  if (!v->is_int64()) return InvalidInput("wrong_type").Field(key, "wrong_type");
  return std::optional<Value>(Value(v->as_int64()));
}

Result<std::vector<std::string>> RoleCodes(const json::object& body) {
  std::vector<std::string> out;
  auto* v = body.if_contains("roles");
  if (!v) return out;
  if (!v->is_array()) return InvalidInput("wrong_type").Field("roles", "wrong_type");
  for (const auto& r : v->as_array()) {
    if (!r.is_string()) return InvalidInput("wrong_type").Field("roles", "wrong_type");
    out.emplace_back(r.as_string());
  }
  return out;
}

Status SetRoles(db::Session& s, int64_t user_id, const std::vector<std::string>& roles) {
  KEHU_TRY(s.Execute("DELETE FROM user_roles WHERE user_id = ?", {Value(user_id)}));
  for (const auto& code : roles) {
    KEHU_ASSIGN(int64_t n, s.Execute("INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles WHERE code = ?",
                                     {Value(user_id), Value(code)}));
    if (n == 0) return ValidationFailed().Field("roles", "invalid_option");
  }
  return Ok();
}

// Checks the department and manager exist and that the manager chain does not loop back.
Status CheckPlacement(db::Session& s, int64_t user_id, const std::optional<Value>& dept,
                      const std::optional<Value>& manager) {
  if (dept && !db::IsNull(*dept)) {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM departments WHERE id = ?", {*dept}));
    if (rows.empty()) return ValidationFailed().Field("departmentId", "not_found");
  }
  if (manager && !db::IsNull(*manager)) {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM users WHERE id = ?", {*manager}));
    if (rows.empty()) return ValidationFailed().Field("managerId", "not_found");
    KEHU_ASSIGN(db::Rows chain, s.Query("WITH RECURSIVE up(id) AS (SELECT CAST(? AS BIGINT) UNION SELECT u.manager_id "
                                        "FROM users u JOIN up ON u.id = up.id WHERE u.manager_id IS NOT NULL) "
                                        "SELECT 1 FROM up WHERE id = ?",
                                        {*manager, Value(user_id)}));
    if (!chain.empty()) return ValidationFailed().Field("managerId", "cycle");
  }
  return Ok();
}

// A user's time zone must be an IANA zone of the tz database; the language one the UI speaks.
Status CheckZoneAndLocale(const std::optional<std::string>& zone, const std::optional<std::string>& locale) {
  Error invalid = ValidationFailed();
  if (zone && !zones::IsKnownZone(*zone)) invalid.Field("timeZone", "invalid_time_zone");
  if (locale && *locale != "zh-CN" && *locale != "zh-TW" && *locale != "en") invalid.Field("locale", "invalid_option");
  if (!invalid.fields.empty()) return invalid;
  return Ok();
}

// Fields a user may change on their own account (PATCH /auth/me, or PATCH /users/{own id}).
bool OnlyOwnProfileFields(const json::object& body) {
  for (const auto& [key, v] : body)
    if (key != "version" && key != "displayName" && key != "timeZone" && key != "locale") return false;
  return true;
}

Status CheckContact(const std::optional<std::string>& email, const std::optional<std::string>& mobile) {
  if (email && !email->empty() && !records::IsValidEmail(*email)) return ValidationFailed().Field("email", "invalid_email");
  if (mobile && !mobile->empty() && !records::NormalizePhone(*mobile))
    return ValidationFailed().Field("mobile", "invalid_phone");
  return Ok();
}

}  // namespace

bool OrgService::StrongEnough(const std::string& password, const std::string& username) {
  return records::Utf8Length(password) >= 8 && password != username && password.size() <= 1000;
}

Result<json::object> OrgService::LoadUser(db::Session& s, int64_t id) {
  KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {Value(id)}));
  if (rows.empty()) return NotFound();
  const auto& r = rows.rows[0];
  KEHU_ASSIGN(db::Rows roles, s.Query("SELECT r.code FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
                                      "WHERE ur.user_id = ? ORDER BY r.code", {Value(id)}));
  json::array codes;
  for (const auto& role : roles.rows) codes.emplace_back(db::AsText(role[0]));
  return json::object{{"id", db::AsInt(r[0])}, {"username", db::AsText(r[1])}, {"displayName", db::AsText(r[2])},
                      {"email", NullableText(r[3])}, {"mobile", NullableText(r[4])},
                      {"departmentId", NullableInt(r[5])}, {"managerId", NullableInt(r[6])},
                      {"roles", std::move(codes)}, {"active", db::AsInt(r[7]) != 0}, {"timeZone", db::AsText(r[8])},
                      {"locale", db::AsText(r[9])}, {"version", db::AsInt(r[10])}, {"createdAt", db::AsText(r[11])},
                      {"updatedAt", db::AsText(r[12])}};
}

Result<json::object> OrgService::GetUser(int64_t id) {
  json::object out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(out, LoadUser(s, id));
    return Ok();
  }));
  return out;
}

Result<json::object> OrgService::ListUsers(const std::string& q, int64_t department_id, int page, int page_size) {
  std::string where = "1=1";
  std::vector<Value> params;
  if (!q.empty()) {
    where += " AND (username LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\')";
    std::string like = "%";
    for (char c : q) {
      if (c == '%' || c == '_' || c == '\\') like += '\\';
      like += c;
    }
    like += '%';
    params.emplace_back(like);
    params.emplace_back(like);
  }
  if (department_id) {
    where += " AND department_id = ?";
    params.emplace_back(department_id);
  }
  json::array items;
  int64_t total = 0;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    std::vector<Value> p = params;
    p.emplace_back(int64_t{page_size});
    p.emplace_back(int64_t{page - 1} * page_size);
    KEHU_ASSIGN(db::Rows ids, s.Query("SELECT id FROM users WHERE " + where + " ORDER BY id LIMIT ? OFFSET ?", p));
    for (const auto& r : ids.rows) {
      KEHU_ASSIGN(json::object u, LoadUser(s, db::AsInt(r[0])));
      items.push_back(std::move(u));
    }
    KEHU_ASSIGN(db::Rows count, s.Query("SELECT COUNT(*) FROM users WHERE " + where, params));
    total = db::AsInt(count.rows[0][0]);
    return Ok();
  }));
  return json::object{{"items", std::move(items)}, {"total", total}, {"page", page}, {"pageSize", page_size}};
}

Result<json::object> OrgService::CreateUser(const records::Actor& actor, const json::object& body) {
  if (!actor.is_admin) return Forbidden();
  static const std::set<std::string> kKnown = {"username", "displayName", "password", "email", "mobile",
                                               "departmentId", "managerId", "roles", "timeZone", "locale"};
  for (const auto& [key, v] : body)
    if (!kKnown.count(std::string(key))) return InvalidInput("unknown_field").Arg("field", std::string(key));
  KEHU_ASSIGN(auto username, OptionalString(body, "username"));
  KEHU_ASSIGN(auto display, OptionalString(body, "displayName"));
  KEHU_ASSIGN(auto password, OptionalString(body, "password"));
  KEHU_ASSIGN(auto email, OptionalString(body, "email"));
  KEHU_ASSIGN(auto mobile, OptionalString(body, "mobile"));
  KEHU_ASSIGN(auto dept, OptionalId(body, "departmentId"));
  KEHU_ASSIGN(auto manager, OptionalId(body, "managerId"));
  KEHU_ASSIGN(auto roles, RoleCodes(body));
  KEHU_ASSIGN(auto tz, OptionalString(body, "timeZone"));
  KEHU_ASSIGN(auto locale, OptionalString(body, "locale"));
  Error invalid = ValidationFailed();
  if (Status zone = CheckZoneAndLocale(tz, locale); !zone.ok())
    invalid.fields.insert(zone.error().fields.begin(), zone.error().fields.end());
  static const std::regex kUsername("^[A-Za-z0-9._@-]{2,64}$");
  if (!username) invalid.Field("username", "required");
  else if (!std::regex_match(*username, kUsername)) invalid.Field("username", "invalid_format");
  if (!display || display->empty()) invalid.Field("displayName", "required");
  if (!password) invalid.Field("password", "required");
  else if (!StrongEnough(*password, username.value_or(""))) invalid.Field("password", "too_weak");
  if (Status contact = CheckContact(email, mobile); !contact.ok()) invalid.fields.insert(contact.error().fields.begin(), contact.error().fields.end());
  if (!invalid.fields.empty()) return invalid;
  std::string hash = crypto::HashPassword(*password);
  json::object out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows taken, s.Query("SELECT 1 FROM users WHERE username = ?", {Value(*username)}));
    if (!taken.empty()) return ValidationFailed().Field("username", "unique");
    KEHU_TRY(CheckPlacement(s, 0, dept, manager));
    std::string now = NowIso();
    KEHU_ASSIGN(db::Rows ids, s.Query(
        "INSERT INTO users (username, display_name, password_hash, email, mobile, department_id, manager_id, "
        "time_zone, locale, created_at, updated_at, password_changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {Value(*username), Value(*display), Value(hash), email ? Value(*email) : Value(),
         mobile ? Value(*mobile) : Value(), dept ? *dept : Value(), manager ? *manager : Value(),
         Value(tz.value_or(std::string(zones::kDefaultZone))), Value(locale.value_or("zh-CN")), Value(now),
         Value(now), Value(now)}));
    int64_t id = db::AsInt(ids.rows[0][0]);
    KEHU_TRY(SetRoles(s, id, roles));
    KEHU_ASSIGN(out, LoadUser(s, id));
    json::object details = out;
    details.erase("version");
    return records::AppendAudit(s, actor, {"users", id, "create", std::move(details)});
  }));
  return out;
}

Result<json::object> OrgService::UpdateUser(const records::Actor& actor, int64_t id, const json::object& body) {
  // Anyone may change their own display name, time zone and language; everything else is admins'.
  if (!actor.is_admin && !(id == actor.user_id && OnlyOwnProfileFields(body))) return Forbidden();
  static const std::set<std::string> kKnown = {"version", "displayName", "email", "mobile", "departmentId",
                                               "managerId", "roles", "active", "timeZone", "locale",
                                               "grantOverrides"};
  for (const auto& [key, v] : body)
    if (!kKnown.count(std::string(key))) return InvalidInput("unknown_field").Arg("field", std::string(key));
  auto* version = body.if_contains("version");
  if (!version || !version->is_int64()) return InvalidInput("version_required").Field("version", "required");
  KEHU_ASSIGN(auto display, OptionalString(body, "displayName"));
  KEHU_ASSIGN(auto email, OptionalString(body, "email"));
  KEHU_ASSIGN(auto mobile, OptionalString(body, "mobile"));
  KEHU_ASSIGN(auto dept, OptionalId(body, "departmentId"));
  KEHU_ASSIGN(auto manager, OptionalId(body, "managerId"));
  KEHU_ASSIGN(auto tz, OptionalString(body, "timeZone"));
  KEHU_ASSIGN(auto locale, OptionalString(body, "locale"));
  KEHU_TRY(CheckContact(email, mobile));
  if (display && display->empty()) return ValidationFailed().Field("displayName", "required");
  if (display && records::Utf8Length(*display) > 100) return ValidationFailed().Field("displayName", "too_long");
  KEHU_TRY(CheckZoneAndLocale(tz, locale));
  auto* active = body.if_contains("active");
  if (active && !active->is_bool()) return InvalidInput("wrong_type").Field("active", "wrong_type");
  json::object out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(json::object before, LoadUser(s, id));
    if (before.at("version").as_int64() != version->as_int64()) {
      return VersionConflict(json::serialize(before));
    }
    KEHU_TRY(CheckPlacement(s, id, dept, manager));
    std::string sets = "version = version + 1, updated_at = ?";
    std::vector<Value> params{Value(NowIso())};
    auto set = [&](const char* column, Value v) {
      sets += std::string(", ") + column + " = ?";
      params.push_back(std::move(v));
    };
    if (display) set("display_name", Value(*display));
    if (body.contains("email")) set("email", email ? Value(*email) : Value());
    if (body.contains("mobile")) set("mobile", mobile ? Value(*mobile) : Value());
    if (dept) set("department_id", *dept);
    if (manager) set("manager_id", *manager);
    if (tz) set("time_zone", Value(*tz));
    if (locale) set("locale", Value(*locale));
    if (active) set("active", Value(int64_t{active->as_bool() ? 1 : 0}));
    params.emplace_back(id);
    KEHU_TRY(s.Execute("UPDATE users SET " + sets + " WHERE id = ?", params));
    if (body.contains("roles")) {
      KEHU_ASSIGN(auto roles, RoleCodes(body));
      KEHU_TRY(SetRoles(s, id, roles));
    }
    if (auto* overrides = body.if_contains("grantOverrides"))
      KEHU_TRY(SaveGrants(s, "user_grant_overrides", "user_id", id, *overrides, true));
    // A deactivated user is logged out everywhere at once.
    if (active && !active->as_bool()) KEHU_TRY(s.Execute("DELETE FROM sessions WHERE user_id = ?", {Value(id)}));
    KEHU_ASSIGN(out, LoadUser(s, id));
    json::object changes;
    for (const auto& [key, value] : out)
      if (key != "version" && key != "updatedAt" && before.at(key) != value)
        changes[key] = json::object{{"from", before.at(key)}, {"to", value}};
    if (auto* overrides = body.if_contains("grantOverrides")) changes["grantOverrides"] = *overrides;
    return records::AppendAudit(s, actor, {"users", id, "update", std::move(changes)});
  }));
  return out;
}

Status OrgService::ResetPassword(const records::Actor& actor, int64_t id, const std::string& password) {
  if (!actor.is_admin) return Forbidden();
  std::string username;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(json::object u, LoadUser(s, id));
    username = std::string(u.at("username").as_string());
    return Ok();
  }));
  if (!StrongEnough(password, username)) return ValidationFailed().Field("password", "too_weak");
  std::string hash = crypto::HashPassword(password);
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(s.Execute("UPDATE users SET password_hash = ?, password_changed_at = ?, version = version + 1 WHERE id = ?",
                       {Value(hash), Value(NowIso()), Value(id)}));
    KEHU_TRY(s.Execute("DELETE FROM sessions WHERE user_id = ?", {Value(id)}));
    return records::AppendAudit(s, actor, {"users", id, "password_reset", {}});
  });
}

Status OrgService::ChangeOwnPassword(const records::Actor& actor, const std::string& current, const std::string& next) {
  std::string hash;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT password_hash FROM users WHERE id = ?", {Value(actor.user_id)}));
    if (rows.empty()) return NotFound();
    hash = db::AsText(rows.rows[0][0]);
    return Ok();
  }));
  if (!crypto::VerifyPassword(current, hash)) return ValidationFailed().Field("currentPassword", "wrong");
  if (!StrongEnough(next, actor.username)) return ValidationFailed().Field("newPassword", "too_weak");
  std::string next_hash = crypto::HashPassword(next);
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(s.Execute("UPDATE users SET password_hash = ?, password_changed_at = ?, version = version + 1 WHERE id = ?",
                       {Value(next_hash), Value(NowIso()), Value(actor.user_id)}));
    return records::AppendAudit(s, actor, {"users", actor.user_id, "password_change", {}});
  });
}

}  // namespace kehu::auth
