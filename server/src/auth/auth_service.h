// Users, passwords, sessions, API tokens and login throttling. Sessions and tokens are stored as
// SHA-256 hashes of random secrets, so any number of servers can share them and a stolen database
// does not yield usable credentials.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/actor_cache.h"
#include "core/result.h"
#include "db/database.h"
#include "records/actor.h"

namespace kehu::auth {

struct AuthOptions {
  int session_idle_minutes = 8 * 60;
  int session_absolute_hours = 7 * 24;
  int max_failures = 5;          // per username and per address ...
  int failure_window_minutes = 15;
  int lockout_minutes = 15;      // ... then locked for this long
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  std::string email;
  std::vector<std::string> roles;
};

struct LoginResult {
  records::Actor actor;
  std::string session_token;  // goes into the kehu_session cookie
  std::string csrf_token;
};

struct Authenticated {
  records::Actor actor;
  std::string csrf_token;      // empty for API tokens (no CSRF needed)
  bool via_cookie = false;
};

class AuthService {
 public:
  // `entities`: every entity name, to resolve "*" grants per entity.
  AuthService(db::Database& db, std::vector<std::string> entities, AuthOptions options = {})
      : db_(db), entities_(std::move(entities)), options_(options) {}

  // Creates the default roles if missing (idempotent).
  Status EnsureDefaultRoles();
  // Creates a user unless the username exists; returns the user's id (existing or new).
  Result<int64_t> EnsureUser(const NewUser& user);

  // Checks the password, applies throttling (kRateLimited "too_many_attempts" with
  // args["retryAfter"] seconds), audits success and failure, and opens a session.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& remote, const std::string& user_agent);
  Status Logout(const std::string& session_token, const records::Actor& actor);

  // Resolves a session cookie or bearer token to the acting user; kUnauthenticated otherwise.
  Result<Authenticated> FromSession(const std::string& session_token, const std::string& remote);
  Result<Authenticated> FromBearer(const std::string& token, const std::string& remote);

  // Builds the actor from the database (about eight queries); FromSession/FromBearer use the cache.
  Result<records::Actor> LoadActor(db::Session& s, int64_t user_id);

  // API tokens act with their user's rights. The secret is returned once, by CreateToken.
  struct Token {
    int64_t id = 0;
    std::string name, created_at, last_used_at, secret;
  };
  Result<Token> CreateToken(const records::Actor& actor, const std::string& name);
  Result<std::vector<Token>> ListTokens(const records::Actor& actor);
  // Revokes one of the actor's own tokens (admins: anyone's). kNotFound otherwise.
  Status RevokeToken(const records::Actor& actor, int64_t id);

 private:
  Result<int64_t> RetryAfterSeconds(db::Session& s, const std::vector<std::string>& keys);
  Status RecordFailure(db::Session& s, const std::vector<std::string>& keys);

  // The actor from the cache when it was built at `stamp`, else loaded and cached.
  Result<records::Actor> ActorAt(db::Session& s, int64_t user_id, int64_t stamp);
  Status LoadGrants(db::Session& s, records::Actor& a);
  Status LoadScopeMembers(db::Session& s, records::Actor& a);
  Status LoadFieldRules(db::Session& s, records::Actor& a);

  db::Database& db_;
  std::vector<std::string> entities_;
  AuthOptions options_;
  ActorCache actor_cache_;
};

}  // namespace kehu::auth
