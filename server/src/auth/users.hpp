#pragma once
// Users, their roles and scopes; sessions; login throttling.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "auth/throttle.hpp"
#include "core/caller.hpp"
#include "core/handler.hpp"
#include "core/json.hpp"
#include "db/db.hpp"

namespace sl::auth {

struct RegionRef {
  int64_t id = 0;
  std::string code, name, path;
};

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;
  std::vector<std::string> roles;
  std::optional<RegionRef> view_region;
  std::optional<RegionRef> capture_region;
  bool all_regions = false;
  bool disabled = false;
  bool demo_password = false;
  int64_t person_id = 0;  // the person in the registry this user is (a leader), or 0
  std::string created_at, updated_at;
  int64_t version = 1;
};

Json ToJson(const User& user);
// The Caller a signed-in user acts as: permissions from roles, scopes from regions.
Caller CallerOf(const User& user);
// Where a user row sits for scope checks and audit: their view region's path.
std::string RegionPathOf(const User& user);

// What a creator asks for; validated by CreateUser.
struct NewUser {
  std::string username;
  std::string password;
  std::vector<std::string> roles;
  std::string display_name;
  std::optional<std::string> view_region;     // a region code
  std::optional<std::string> capture_region;  // a region code
  bool all_regions = false;
  bool demo_password = false;
  int64_t person_id = 0;  // the registry person this user is (a town leader), or 0
};

struct UserChange {
  std::optional<std::string> display_name;
  std::optional<std::string> password;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::string> view_region;  // "" clears
  std::optional<std::string> capture_region;
  std::optional<bool> all_regions;
  std::optional<bool> disabled;
  std::optional<int64_t> version;
};

// Rules ----------------------------------------------------------------------

// Field messages for a username and password (empty when fine).
std::optional<Text> CheckUsername(std::string_view username);
// The demo database's password (demo/demo.hpp), accepted for its own users.
inline constexpr std::string_view kDemoPassword = "shuanglun";
// At least 10 characters, not the username, not one of the commonly guessed
// passwords, and not the demo's password (only the demo's own users keep it:
// `demo`).
std::optional<Text> CheckPassword(std::string_view password, std::string_view username,
                                  bool demo = false);
// A signed-in user changes their own password, giving the old one; their other
// sessions end. Refused (field `old_password`) when the old one is wrong.
Status ChangeOwnPassword(db::Database& db, const Caller& caller, const std::string& old_password,
                         const std::string& new_password, const std::string& keep_session);

// Creates a user. `creator` bounds what may be granted: its capture scope must
// cover the new user's scopes. The audit row is written in the same transaction.
Result<User> CreateUser(db::Database& db, const Caller& creator, NewUser input);
Result<User> UpdateUser(db::Database& db, const Caller& editor, int64_t id, UserChange change);
// Forgives the user's failed logins (auth/throttle.hpp), audited as "unlock".
Result<User> UnlockUser(db::Database& db, const Caller& admin, int64_t id);
// For the command line: set a password, no scope (maintenance).
Status SetPassword(db::Database& db, const std::string& username, const std::string& password,
                   const audit::Actor& actor);
// The enabled users who still have a demo password: "username display name".
Result<std::vector<std::string>> DemoPasswordUsers(db::Database& db);

// Store (SQL) ----------------------------------------------------------------

Result<std::optional<User>> FindUserByName(db::Tx& tx, std::string_view username);
Result<std::optional<User>> FindUserById(db::Tx& tx, int64_t id);
// The user of a live session (its token's hash; not expired on `now`, seen
// after `idle_since`), with when it was last seen.
struct SessionUser {
  User user;
  std::string last_seen_at;
};
Result<std::optional<SessionUser>> FindSessionUser(db::Tx& tx, const std::string& token_hash,
                                                   const std::string& now,
                                                   const std::string& idle_since);
// A user that `view` may see (their view region inside it; all-region users
// only for callers who see everything), or NotFound.
Result<User> GetUser(db::Tx& tx, const Scope& view, int64_t id);
Result<Json> ListUsers(db::Tx& tx, const Scope& view, std::string_view q, const Page& page);

// Sessions -------------------------------------------------------------------

struct SessionPolicy {
  std::chrono::seconds idle{std::chrono::hours(2)};
  std::chrono::seconds absolute{std::chrono::hours(12)};
};

struct LoginResult {
  std::string token;  // goes into the cookie; only its hash is stored
  User user;
};

// Signs in, throttled by the log of attempts (auth/throttle.hpp): 429 with
// the seconds to wait, 401 for a wrong name or password (the same either way).
Result<LoginResult> Login(db::Database& db, const ThrottlePolicy& throttle,
                          const SessionPolicy& policy, const std::string& username,
                          const std::string& password, const std::string& address);
// The user of a live session, refreshing its idle timer; Unauthenticated when
// the token is unknown, expired or the user disabled.
Result<User> Authenticate(db::Database& db, const SessionPolicy& policy, const std::string& token);
Status Logout(db::Database& db, const std::string& token);

// Handlers -------------------------------------------------------------------

struct Context {
  db::Database& db;
  ThrottlePolicy throttle;
  SessionPolicy policy;
  bool secure_cookies = false;
};

Result<Response> HandleLogin(Context& ctx, const Request& request);
Result<Response> HandleSessionGet(Context& ctx, const Request& request);
Result<Response> HandleLogout(Context& ctx, const Request& request);
// PUT /api/v1/session/password: {"old_password", "password"}; 204.
Result<Response> HandleOwnPassword(Context& ctx, const Request& request);
Result<Response> HandleRoles(Context& ctx, const Request& request);
Result<Response> HandleUserList(Context& ctx, const Request& request);
Result<Response> HandleUserCreate(Context& ctx, const Request& request);
Result<Response> HandleUserGet(Context& ctx, const Request& request);
Result<Response> HandleUserUpdate(Context& ctx, const Request& request);
// GET /api/v1/logins: the sign-in log (users.admin).
Result<Response> HandleLogins(Context& ctx, const Request& request);
// POST /api/v1/users/{id}/unlock: forgives the account's failed logins.
Result<Response> HandleUserUnlock(Context& ctx, const Request& request);

inline constexpr const char* kSessionCookie = "sl_session";

}  // namespace sl::auth
