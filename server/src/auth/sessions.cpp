#include <algorithm>

#include "auth/password.hpp"
#include "auth/users.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"

namespace sl::auth {

Result<LoginResult> Login(db::Database& db, const ThrottlePolicy& throttle,
                          const SessionPolicy& policy, const std::string& username,
                          const std::string& password, const std::string& address) {
  const int64_t now_s = UnixNow();
  std::optional<User> user;
  {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
    SL_ASSIGN_OR_RETURN(RecentAttempts recent,
                        ReadAttempts(*tx, throttle, username, address, now_s));
    if (int64_t wait = WaitSeconds(throttle, recent, now_s))
      return Error::TooManyRequests("too_many_attempts", {std::to_string(wait)});
    SL_ASSIGN_OR_RETURN(user, FindUserByName(*tx, username));
  }
  // Spend the same time whether or not the user exists.
  const bool match = VerifyPassword(user ? user->password_hash : DummyHash(), password);
  if (!user || !match || user->disabled) {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
    SL_TRY(LogAttempt(*tx, throttle, username, address, false, now_s));
    SL_TRY(tx->Commit());
    if (user && match) return Error::Forbidden("account_disabled");
    return Error::Unauthenticated("bad_credentials");
  }

  LoginResult out{RandomHex(32), std::move(*user)};
  const std::string now = NowUtc();
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_TRY(LogAttempt(*tx, throttle, username, address, true, now_s));
  SL_TRY(tx->Exec(
      "INSERT INTO session (token_hash, user_id, created_at, last_seen_at, expires_at, address) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {Sha256Hex(out.token), out.user.id, now, now, UtcFromNow(policy.absolute), address}));
  // Old sessions of anyone are swept here rather than by a timer.
  SL_TRY(tx->Exec("DELETE FROM session WHERE expires_at < ? OR last_seen_at < ?",
                  {now, UtcFromNow(-policy.idle)}));
  SL_TRY(tx->Commit());
  return out;
}

Result<User> Authenticate(db::Database& db, const SessionPolicy& policy, const std::string& token) {
  if (token.size() != 64) return Error::Unauthenticated("unauthenticated");
  const std::string hash = Sha256Hex(token);
  const std::string now = NowUtc();
  std::optional<User> user;
  std::string last_seen;
  {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
    SL_ASSIGN_OR_RETURN(auto found, FindSessionUser(*tx, hash, now, UtcFromNow(-policy.idle)));
    if (!found) return Error::Unauthenticated("unauthenticated");
    last_seen = std::move(found->last_seen_at);
    user = std::move(found->user);
  }
  if (!user || user->disabled) return Error::Unauthenticated("unauthenticated");
  // Refresh the idle timer at most once a minute, to keep reads free of writes.
  if (last_seen < UtcFromNow(-std::chrono::seconds(60))) {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
    SL_TRY(tx->Exec("UPDATE session SET last_seen_at = ? WHERE token_hash = ?", {now, hash}));
    SL_TRY(tx->Commit());
  }
  return std::move(*user);
}

Status Logout(db::Database& db, const std::string& token) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_TRY(tx->Exec("DELETE FROM session WHERE token_hash = ?", {Sha256Hex(token)}));
  return tx->Commit();
}

}  // namespace sl::auth
