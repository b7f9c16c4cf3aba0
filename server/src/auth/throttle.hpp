#pragma once
// Login throttling, kept in the database (login_attempt) so that a restart
// keeps it and several app servers share it. Wrong passwords slow down the
// pair of an account and an address, with a delay that doubles; another
// address with the right password still signs in. A much higher ceiling per
// account (all addresses) stops a spread-out guesser, except from addresses
// this user has signed in from before. An address trying many accounts is
// slowed as a whole. An admin can forgive an account's failures (unlock).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/handler.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "db/db.hpp"

namespace sl::auth {

struct ThrottlePolicy {
  int pair_free = 5;  // failures of one account from one address before any delay
  std::chrono::seconds first_delay{30};
  std::chrono::seconds max_delay{std::chrono::minutes(15)};
  std::chrono::seconds pair_memory{std::chrono::hours(24)};  // older failures are forgotten
  int account_ceiling = 100;
  std::chrono::seconds account_window{std::chrono::hours(1)};
  int address_limit = 30;
  std::chrono::seconds address_window{std::chrono::minutes(15)};
  std::chrono::seconds known_address{std::chrono::hours(24 * 30)};
  std::chrono::seconds keep{std::chrono::hours(24 * 180)};  // the sign-in log
};

// What the log says about an attempt about to be made (times in Unix seconds).
struct RecentAttempts {
  int pair_failures = 0;     // this account from this address, since its last success
  int64_t pair_last = 0;     // the newest of those
  int account_failures = 0;  // this account from anywhere, within the account window
  int64_t account_oldest = 0;
  bool known_address = false;  // this account has signed in from this address lately
  int address_failures = 0;    // any account from this address, within its window
  int64_t address_oldest = 0;
};

// Seconds to wait before the attempt is allowed, or 0: a plain function of
// the policy, the log and the time.
int64_t WaitSeconds(const ThrottlePolicy& policy, const RecentAttempts& recent, int64_t now);

// Reads the log for an attempt at `username` from `address`.
Result<RecentAttempts> ReadAttempts(db::Tx& tx, const ThrottlePolicy& policy,
                                    const std::string& username, const std::string& address,
                                    int64_t now);
// Appends an attempt; a success also drops log rows past the policy's keep.
Status LogAttempt(db::Tx& tx, const ThrottlePolicy& policy, const std::string& username,
                  const std::string& address, bool ok, int64_t now);
// Forgives the account's failures (an admin's unlock); answers how many.
Result<int64_t> ClearFailures(db::Tx& tx, const std::string& username);
// Failures not forgiven within the policy's pair memory: what an admin sees.
Result<int64_t> RecentFailures(db::Tx& tx, const ThrottlePolicy& policy,
                               const std::string& username, int64_t now);

int64_t UnixNow();

// The sign-in log (登录日志), newest first: filters `user`, `address`,
// `ok` (true/false), `from`, `to` (days in China, `to` included).
struct AttemptFilter {
  std::string username, address, from, to;
  std::optional<bool> ok;
};
Result<Json> ListAttempts(db::Tx& tx, const AttemptFilter& filter, const Page& page);

}  // namespace sl::auth
