#include "auth/auth_service.h"

#include <boost/json.hpp>

#include "core/crypto.h"
#include "core/time.h"
#include "records/audit.h"
#include "records/scope.h"

namespace kehu::auth {
using db::Value;
using std::chrono::minutes;

namespace {

struct RoleDef {
  const char* code;
  const char* name;
  // Scope per action, in kActionNames order: create read edit delete export print import assign brief.
  const char* scopes[9];
};
// The four default roles of DESIGN.md, granted on every entity ("*"). Admins edit them later;
// these grants are only written when the role is first created.
constexpr RoleDef kDefaultRoles[] = {
    {"admin", "系统管理员", {"all", "all", "all", "all", "all", "all", "all", "all", "all"}},
    {"executive", "决策层", {"own", "all", "all", "none", "all", "all", "none", "all", "all"}},
    {"supervisor", "主管",
     {"own", "department_tree", "department_tree", "department_tree", "department_tree", "department_tree", "none",
      "department_tree", "department_tree"}},
    {"sales_rep", "业务员", {"own", "own", "own", "none", "none", "own", "none", "none", "none"}},
};

std::string IsoIn(minutes m) { return FormatIso(Now() + m); }

Error Unauthenticated() { return Error(ErrorKind::kUnauthenticated, "unauthenticated"); }

}  // namespace

Status AuthService::EnsureDefaultRoles() {
  return db_.Write([](db::Session& s) -> Status {
    std::string now = NowIso();
    for (const auto& r : kDefaultRoles) {
      KEHU_ASSIGN(db::Rows created, s.Query("INSERT INTO roles (code, name, builtin, created_at, updated_at) "
                                            "VALUES (?, ?, 1, ?, ?) ON CONFLICT (code) DO NOTHING RETURNING id",
                                            {Value(r.code), Value(r.name), Value(now), Value(now)}));
      if (created.empty()) continue;  // exists: keep the admins' edits
      for (size_t i = 0; i < records::kActionNames.size(); ++i)
        KEHU_TRY(s.Execute("INSERT INTO role_grants (role_id, entity, action, scope) VALUES (?, '*', ?, ?)",
                           {created.rows[0][0], Value(std::string(records::kActionNames[i])), Value(r.scopes[i])}));
    }
    return Ok();
  });
}

Result<int64_t> AuthService::EnsureUser(const NewUser& u) {
  std::string hash = crypto::HashPassword(u.password);  // slow: outside the write transaction
  int64_t id = 0;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows found, s.Query("SELECT id FROM users WHERE username = ?", {Value(u.username)}));
    if (!found.empty()) {
      id = db::AsInt(found.rows[0][0]);
      return Ok();
    }
    std::string now = NowIso();
    KEHU_ASSIGN(db::Rows ids, s.Query(
        "INSERT INTO users (username, display_name, password_hash, email, created_at, updated_at, "
        "password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {Value(u.username), Value(u.display_name), Value(hash),
         u.email.empty() ? Value() : Value(u.email), Value(now), Value(now), Value(now)}));
    id = db::AsInt(ids.rows[0][0]);
    for (const auto& role : u.roles)
      KEHU_TRY(s.Execute("INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles WHERE code = ?",
                         {Value(id), Value(role)}));
    boost::json::object details{{"username", u.username}};
    return records::AppendAudit(s, records::Actor::System(), {"users", id, "create", details});
  }));
  return id;
}

Result<records::Actor> AuthService::LoadActor(db::Session& s, int64_t user_id) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id, username, display_name, locale FROM users "
                                     "WHERE id = ? AND active = 1", {Value(user_id)}));
  if (rows.empty()) return Unauthenticated();
  records::Actor a;
  a.user_id = db::AsInt(rows.rows[0][0]);
  a.username = db::AsText(rows.rows[0][1]);
  a.display_name = db::AsText(rows.rows[0][2]);
  a.locale = db::AsText(rows.rows[0][3]);
  KEHU_ASSIGN(db::Rows roles, s.Query("SELECT r.code FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
                                      "WHERE ur.user_id = ? ORDER BY r.code", {Value(user_id)}));
  for (const auto& r : roles.rows) {
    a.roles.push_back(db::AsText(r[0]));
    if (a.roles.back() == "admin") a.is_admin = true;
  }
  KEHU_TRY(LoadGrants(s, a));
  KEHU_TRY(LoadScopeMembers(s, a));
  if (!a.is_admin) KEHU_TRY(LoadFieldRules(s, a));
  return a;
}

// The stamp and the actor come from one read snapshot (SQLite's deferred transaction,
// PostgreSQL's repeatable read), so a cached actor is exactly what the database said at its stamp.
Result<records::Actor> AuthService::ActorAt(db::Session& s, int64_t user_id, int64_t stamp) {
  if (auto cached = actor_cache_.Find(user_id, stamp)) return *cached;
  KEHU_ASSIGN(records::Actor a, LoadActor(s, user_id));
  actor_cache_.Store(user_id, stamp, a);
  return a;
}

// A field is restricted only when every one of the user's roles restricts it; then the most
// permissive of those rules applies.
Status AuthService::LoadFieldRules(db::Session& s, records::Actor& a) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT rf.role_id, rf.entity, rf.field, rf.rule FROM role_field_rules rf "
                                     "JOIN user_roles ur ON ur.role_id = rf.role_id WHERE ur.user_id = ?",
                                     {Value(a.user_id)}));
  std::map<std::pair<std::string, std::string>, std::pair<size_t, records::FieldRule>> seen;
  for (const auto& r : rows.rows) {
    auto rule = records::ParseFieldRule(db::AsText(r[3]));
    if (!rule) continue;
    auto& [count, widest] = seen[{db::AsText(r[1]), db::AsText(r[2])}];
    widest = count == 0 ? *rule : std::max(widest, *rule);
    ++count;
  }
  for (const auto& [key, value] : seen)
    if (value.first == a.roles.size() && value.second != records::FieldRule::kEditable)
      a.field_rules[key.first][key.second] = value.second;
  return Ok();
}

// Widest scope over the user's roles per (entity, action); a role's entity-specific grant beats
// its "*" grant; per-user overrides replace the result.
Status AuthService::LoadGrants(db::Session& s, records::Actor& a) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT rg.role_id, rg.entity, rg.action, rg.scope FROM role_grants rg "
                                     "JOIN user_roles ur ON ur.role_id = rg.role_id WHERE ur.user_id = ?",
                                     {Value(a.user_id)}));
  // role -> entity -> action -> scope
  std::map<int64_t, std::map<std::string, std::map<std::string, records::Scope>>> by_role;
  for (const auto& r : rows.rows)
    if (auto scope = records::ParseScope(db::AsText(r[3])))
      by_role[db::AsInt(r[0])][db::AsText(r[1])][db::AsText(r[2])] = *scope;
  for (const auto& entity : entities_) {
    for (auto action : records::kActionNames) {
      records::Scope widest = records::Scope::kNone;
      for (auto& [role, grants] : by_role) {
        for (const std::string& key : {entity, std::string("*")}) {
          auto e = grants.find(key);
          if (e == grants.end()) continue;
          auto g = e->second.find(std::string(action));
          if (g == e->second.end()) continue;
          widest = std::max(widest, g->second);
          break;
        }
      }
      a.grants[entity][std::string(action)] = widest;
    }
  }
  KEHU_ASSIGN(db::Rows overrides, s.Query("SELECT entity, action, scope FROM user_grant_overrides WHERE user_id = ?",
                                          {Value(a.user_id)}));
  for (const auto& r : overrides.rows) {
    auto scope = records::ParseScope(db::AsText(r[2]));
    if (!scope) continue;
    std::string entity = db::AsText(r[0]);
    for (const auto& e : entities_)
      if (entity == "*" || entity == e) a.grants[e][db::AsText(r[1])] = *scope;
  }
  return Ok();
}

// The owners each team scope covers, resolved once per request so record filters are IN lists.
// Inactive users count: their records stay visible to their managers after they leave.
Status AuthService::LoadScopeMembers(db::Session& s, records::Actor& a) {
  bool reports = false, department = false, tree = false;
  for (const auto& [entity, actions] : a.grants)
    for (const auto& [action, scope] : actions) {
      reports |= scope == records::Scope::kOwnAndReports;
      department |= scope == records::Scope::kDepartment;
      tree |= scope == records::Scope::kDepartmentTree;
    }
  auto ids = [&](const std::string& sql, const Value& param, std::vector<int64_t>& out) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query(sql, {param}));
    out.push_back(a.user_id);
    for (const auto& r : rows.rows)
      if (db::AsInt(r[0]) != a.user_id) out.push_back(db::AsInt(r[0]));
    return Ok();
  };
  KEHU_ASSIGN(db::Rows me, s.Query("SELECT department_id FROM users WHERE id = ?", {Value(a.user_id)}));
  a.department_id = me.empty() ? 0 : db::AsInt(me.rows[0][0]);
  Value dept = a.department_id ? Value(a.department_id) : Value();
  if (reports)
    KEHU_TRY(ids("WITH RECURSIVE r(id) AS (SELECT CAST(? AS BIGINT) UNION SELECT u.id FROM users u JOIN r ON "
                 "u.manager_id = r.id) SELECT id FROM r", Value(a.user_id), a.report_ids));
  if (department)
    KEHU_TRY(ids("SELECT id FROM users WHERE department_id = ?", dept, a.department_user_ids));
  if (tree)
    KEHU_TRY(ids("WITH RECURSIVE d(id) AS (SELECT CAST(? AS BIGINT) UNION SELECT c.id FROM departments c JOIN d ON "
                 "c.parent_id = d.id) SELECT u.id FROM users u WHERE u.department_id IN (SELECT id FROM d)",
                 dept, a.department_tree_user_ids));
  KEHU_ASSIGN(db::Rows shared, s.Query("SELECT DISTINCT entity FROM record_shares WHERE user_id = ? AND "
                                       "(expires_at IS NULL OR expires_at > ?)",
                                       {Value(a.user_id), Value(NowIso())}));
  a.shared_entities.emplace();
  for (const auto& r : shared.rows) a.shared_entities->insert(db::AsText(r[0]));
  return Ok();
}

Result<int64_t> AuthService::RetryAfterSeconds(db::Session& s, const std::vector<std::string>& keys) {
  std::string now = NowIso();
  int64_t wait = 0;
  for (const auto& key : keys) {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT locked_until FROM login_attempts WHERE key = ?", {Value(key)}));
    if (rows.empty() || db::IsNull(rows.rows[0][0])) continue;
    auto until = ParseIso(db::AsText(rows.rows[0][0]));
    if (until && *until > Now())
      wait = std::max<int64_t>(wait, std::chrono::duration_cast<std::chrono::seconds>(*until - Now()).count() + 1);
  }
  return wait;
}

Status AuthService::RecordFailure(db::Session& s, const std::vector<std::string>& keys) {
  std::string now = NowIso();
  std::string window_start = IsoIn(minutes(-options_.failure_window_minutes));
  for (const auto& key : keys) {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT failures, window_start FROM login_attempts WHERE key = ?",
                                       {Value(key)}));
    int64_t failures = 1;
    if (!rows.empty() && db::AsText(rows.rows[0][1]) >= window_start)
      failures = db::AsInt(rows.rows[0][0]) + 1;
    std::string start = failures == 1 ? now : db::AsText(rows.rows[0][1]);
    Value locked = failures >= options_.max_failures ? Value(IsoIn(minutes(options_.lockout_minutes))) : Value();
    KEHU_TRY(s.Execute("INSERT INTO login_attempts (key, failures, window_start, locked_until) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
                       "window_start = excluded.window_start, locked_until = excluded.locked_until",
                       {Value(key), Value(failures), Value(start), locked}));
  }
  return Ok();
}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& remote, const std::string& user_agent) {
  std::vector<std::string> keys{"user:" + username, "addr:" + remote};
  int64_t user_id = 0;
  std::string hash;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(int64_t wait, RetryAfterSeconds(s, keys));
    if (wait > 0)
      return Error(ErrorKind::kRateLimited, "too_many_attempts").Arg("retryAfter", std::to_string(wait));
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id, password_hash FROM users WHERE username = ? AND active = 1",
                                       {Value(username)}));
    if (!rows.empty()) {
      user_id = db::AsInt(rows.rows[0][0]);
      hash = db::AsText(rows.rows[0][1]);
    }
    return Ok();
  }));
  // Verify outside any transaction (Argon2id takes tens of milliseconds); hash a dummy for unknown
  // users so timing does not reveal which usernames exist.
  static const std::string kDummy = crypto::HashPassword("kehu-dummy-password");
  bool ok = crypto::VerifyPassword(password, hash.empty() ? kDummy : hash) && user_id != 0;

  records::Actor who;
  who.remote_address = remote;
  if (!ok) {
    KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
      KEHU_TRY(RecordFailure(s, keys));
      who.user_id = user_id;
      return records::AppendAudit(s, who, {"auth", user_id, "login_failed",
                                           boost::json::object{{"username", username}}});
    }));
    return Error(ErrorKind::kUnauthenticated, "invalid_credentials");
  }
  LoginResult out;
  out.session_token = crypto::RandomToken(32);
  out.csrf_token = crypto::RandomToken(24);
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(out.actor, LoadActor(s, user_id));
    out.actor.remote_address = remote;
    std::string now = NowIso();
    KEHU_TRY(s.Execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
                       "expires_at, remote_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       {Value(crypto::Sha256Hex(out.session_token)), Value(user_id), Value(out.csrf_token),
                        Value(now), Value(now), Value(IsoIn(minutes(options_.session_absolute_hours * 60))),
                        Value(remote), Value(user_agent.substr(0, 300))}));
    for (const auto& key : keys)
      KEHU_TRY(s.Execute("DELETE FROM login_attempts WHERE key = ?", {Value(key)}));
    return records::AppendAudit(s, out.actor, {"auth", user_id, "login", {}});
  }));
  return out;
}

Status AuthService::Logout(const std::string& session_token, const records::Actor& actor) {
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(s.Execute("DELETE FROM sessions WHERE token_hash = ?", {Value(crypto::Sha256Hex(session_token))}));
    return records::AppendAudit(s, actor, {"auth", actor.user_id, "logout", {}});
  });
}

Result<Authenticated> AuthService::FromSession(const std::string& token, const std::string& remote) {
  if (token.empty() || token.size() > 100) return Unauthenticated();
  std::string token_hash = crypto::Sha256Hex(token);
  Authenticated out;
  std::string last_seen;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    std::string now = NowIso();
    KEHU_ASSIGN(db::Rows rows, s.Query(
        "SELECT user_id, csrf_token, last_seen_at, (SELECT version FROM access_stamp) FROM sessions "
        "WHERE token_hash = ? AND expires_at > ? AND last_seen_at > ?",
        {Value(token_hash), Value(now), Value(IsoIn(minutes(-options_.session_idle_minutes)))}));
    if (rows.empty()) return Unauthenticated();
    out.csrf_token = db::AsText(rows.rows[0][1]);
    last_seen = db::AsText(rows.rows[0][2]);
    KEHU_ASSIGN(out.actor, ActorAt(s, db::AsInt(rows.rows[0][0]), db::AsInt(rows.rows[0][3])));
    return Ok();
  }));
  out.via_cookie = true;
  out.actor.remote_address = remote;
  // Keep the idle clock running, but write at most once a minute per session.
  if (last_seen < IsoIn(minutes(-1)))
    (void)db_.Write([&](db::Session& s) -> Status {
      KEHU_TRY(s.Execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?",
                         {Value(NowIso()), Value(token_hash)}));
      return Ok();
    });
  return out;
}

Result<Authenticated> AuthService::FromBearer(const std::string& token, const std::string& remote) {
  if (token.empty() || token.size() > 100) return Unauthenticated();
  Authenticated out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT user_id, (SELECT version FROM access_stamp) FROM api_tokens "
                                       "WHERE token_hash = ? AND revoked_at IS NULL",
                                       {Value(crypto::Sha256Hex(token))}));
    if (rows.empty()) return Unauthenticated();
    KEHU_ASSIGN(out.actor, ActorAt(s, db::AsInt(rows.rows[0][0]), db::AsInt(rows.rows[0][1])));
    return Ok();
  }));
  out.actor.remote_address = remote;
  return out;
}

Result<AuthService::Token> AuthService::CreateToken(const records::Actor& actor, const std::string& name) {
  Token t;
  t.name = name;
  t.secret = "kehu_" + crypto::RandomToken(32);
  t.created_at = NowIso();
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows ids, s.Query("INSERT INTO api_tokens (user_id, name, token_hash, created_at) "
                                      "VALUES (?, ?, ?, ?) RETURNING id",
                                      {Value(actor.user_id), Value(name), Value(crypto::Sha256Hex(t.secret)),
                                       Value(t.created_at)}));
    t.id = db::AsInt(ids.rows[0][0]);
    return records::AppendAudit(s, actor, {"api_tokens", t.id, "create", boost::json::object{{"name", name}}});
  }));
  return t;
}

Result<std::vector<AuthService::Token>> AuthService::ListTokens(const records::Actor& actor) {
  std::vector<Token> out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT id, name, created_at, last_used_at FROM api_tokens "
                                       "WHERE user_id = ? AND revoked_at IS NULL ORDER BY id",
                                       {Value(actor.user_id)}));
    for (const auto& r : rows.rows)
      out.push_back({db::AsInt(r[0]), db::AsText(r[1]), db::AsText(r[2]), db::AsText(r[3]), ""});
    return Ok();
  }));
  return out;
}

Status AuthService::RevokeToken(const records::Actor& actor, int64_t id) {
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(int64_t n, s.Execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL "
                                     "AND (user_id = ? OR ? = 1)",
                                     {Value(NowIso()), Value(id), Value(actor.user_id),
                                      Value(int64_t{actor.is_admin ? 1 : 0})}));
    if (n == 0) return NotFound();
    return records::AppendAudit(s, actor, {"api_tokens", id, "revoke", {}});
  });
}

}  // namespace kehu::auth
