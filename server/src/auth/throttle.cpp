#include "auth/throttle.hpp"

#include <algorithm>

#include "core/date.hpp"
#include "core/time.hpp"

namespace sl::auth {

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
}

int64_t WaitSeconds(const ThrottlePolicy& p, const RecentAttempts& r, int64_t now) {
  int64_t wait = 0;
  if (r.pair_failures >= p.pair_free) {
    const int doublings = std::min(r.pair_failures - p.pair_free, 20);
    const int64_t delay =
        std::min<int64_t>(p.first_delay.count() << doublings, p.max_delay.count());
    wait = std::max(wait, r.pair_last + delay - now);
  }
  if (r.account_failures >= p.account_ceiling && !r.known_address)
    wait = std::max(wait, r.account_oldest + p.account_window.count() - now);
  if (r.address_failures >= p.address_limit)
    wait = std::max(wait, r.address_oldest + p.address_window.count() - now);
  return std::max<int64_t>(wait, 0);
}

Result<RecentAttempts> ReadAttempts(db::Tx& tx, const ThrottlePolicy& p,
                                    const std::string& username, const std::string& address,
                                    int64_t now) {
  RecentAttempts r;
  SL_ASSIGN_OR_RETURN(
      auto pair,
      tx.QueryOne("SELECT COUNT(*), MAX(at_s) FROM login_attempt WHERE username = ? AND "
                  "address = ? AND ok = 0 AND cleared = 0 AND at_s > ? AND at_s > COALESCE("
                  "(SELECT MAX(at_s) FROM login_attempt WHERE username = ? AND address = ? AND "
                  "ok = 1), 0)",
                  {username, address, now - p.pair_memory.count(), username, address}));
  r.pair_failures = static_cast<int>(pair->Int(0));
  r.pair_last = pair->OptInt(1).value_or(0);
  SL_ASSIGN_OR_RETURN(
      auto account,
      tx.QueryOne("SELECT COUNT(*), MIN(at_s) FROM login_attempt WHERE username = ? AND ok = 0 "
                  "AND cleared = 0 AND at_s > ?",
                  {username, now - p.account_window.count()}));
  r.account_failures = static_cast<int>(account->Int(0));
  r.account_oldest = account->OptInt(1).value_or(0);
  if (r.account_failures >= p.account_ceiling) {
    SL_ASSIGN_OR_RETURN(auto known,
                        tx.QueryOne("SELECT 1 FROM login_attempt WHERE username = ? "
                                    "AND address = ? AND ok = 1 AND at_s > ?",
                                    {username, address, now - p.known_address.count()}));
    r.known_address = known.has_value();
  }
  SL_ASSIGN_OR_RETURN(
      auto from,
      tx.QueryOne("SELECT COUNT(*), MIN(at_s) FROM login_attempt WHERE address = ? AND ok = 0 "
                  "AND cleared = 0 AND at_s > ?",
                  {address, now - p.address_window.count()}));
  r.address_failures = static_cast<int>(from->Int(0));
  r.address_oldest = from->OptInt(1).value_or(0);
  return r;
}

Status LogAttempt(db::Tx& tx, const ThrottlePolicy& p, const std::string& username,
                  const std::string& address, bool ok, int64_t now) {
  SL_TRY(
      tx.Exec("INSERT INTO login_attempt (at, at_s, username, address, ok) VALUES (?, ?, ?, ?, ?)",
              {FormatUtc(Clock::time_point(std::chrono::seconds(now))), now, username, address,
               int64_t{ok ? 1 : 0}}));
  if (ok) SL_TRY(tx.Exec("DELETE FROM login_attempt WHERE at_s < ?", {now - p.keep.count()}));
  return OkStatus();
}

Result<int64_t> ClearFailures(db::Tx& tx, const std::string& username) {
  return tx.Exec(
      "UPDATE login_attempt SET cleared = 1 WHERE username = ? AND ok = 0 AND "
      "cleared = 0",
      {username});
}

Result<int64_t> RecentFailures(db::Tx& tx, const ThrottlePolicy& p, const std::string& username,
                               int64_t now) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT COUNT(*) FROM login_attempt WHERE username = "
                                            "? AND ok = 0 AND cleared = 0 AND at_s > ?",
                                            {username, now - p.pair_memory.count()}));
  return row->Int(0);
}

Result<Json> ListAttempts(db::Tx& tx, const AttemptFilter& f, const Page& page) {
  std::string where = "1=1";
  db::Params params;
  const auto add = [&](const char* condition, db::Value v) {
    where += std::string(" AND ") + condition;
    params.push_back(std::move(v));
  };
  if (!f.username.empty()) add("username = ?", f.username);
  if (!f.address.empty()) add("address = ?", f.address);
  if (f.ok) add("ok = ?", int64_t{*f.ok ? 1 : 0});
  if (!f.from.empty()) add("at >= ?", ChinaDayStartUtc(f.from));
  if (!f.to.empty()) add("at < ?", ChinaDayStartUtc(AddDays(f.to, 1)));
  SL_ASSIGN_OR_RETURN(auto count,
                      tx.QueryOne("SELECT COUNT(*) FROM login_attempt WHERE " + where, params));
  db::Params paged = params;
  paged.emplace_back(page.size);
  paged.emplace_back(page.offset());
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, at, username, address, ok, cleared FROM "
                                          "login_attempt WHERE " +
                                              where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                          paged));
  Json items = Json::array();
  for (const auto& r : rows)
    items.push_back({{"id", r.Int(0)},
                     {"at", r.Str(1)},
                     {"username", r.Str(2)},
                     {"address", r.Str(3)},
                     {"ok", r.Int(4) != 0},
                     {"forgiven", r.Int(5) != 0}});
  return Json{{"items", std::move(items)}, {"total", count->Int(0)}};
}

}  // namespace sl::auth
