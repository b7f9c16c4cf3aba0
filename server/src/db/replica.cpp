#include "db/replica.hpp"

#include <spdlog/spdlog.h>

namespace sl::db {

Result<double> ReplicationLag(Tx& tx) {
  if (tx.dialect() != Dialect::kPostgres) return 0.0;
  // A replica whose WAL receiver is down has replayed all it received and
  // still falls behind: it counts as not streaming.
  SL_ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne("SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0 "
                  "WHEN NOT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = "
                  "'streaming') THEN -1 "
                  "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
                  "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), "
                  "-1) END::float8"));
  return row ? row->Real(0) : -1.0;
}

ReadReplica::ReadReplica(Database& primary, std::unique_ptr<Database> replica,
                         ReplicaOptions options)
    : primary_(primary), replica_(std::move(replica)), options_(options) {}

bool ReadReplica::Fresh() {
  // One request asks; the others meanwhile go by the last answer, so a
  // replica that takes the connect timeout to fail holds up nobody else.
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mu_);
    if (checking_ || (checked_ != std::chrono::steady_clock::time_point{} &&
                      now - checked_ < options_.check_every))
      return fresh_;
    checking_ = true;
  }
  const Result<double> lag = [&]() -> Result<double> {
    SL_ASSIGN_OR_RETURN(auto tx, replica_->Begin(Mode::kRead));
    return ReplicationLag(*tx);
  }();
  const bool fresh = lag.ok() && *lag >= 0 && *lag <= static_cast<double>(options_.max_lag.count());
  std::lock_guard lock(mu_);
  if (fresh != fresh_) {
    if (fresh) {
      spdlog::info("read-db: the replica keeps up; reports read from it");
    } else {
      spdlog::warn("read-db: the replica {}; reports read from the primary",
                   !lag.ok()  ? "cannot be reached (" + lag.error().detail + ")"
                   : *lag < 0 ? std::string("is not streaming")
                              : "lags " + std::to_string(static_cast<int64_t>(*lag)) + " s");
    }
  }
  fresh_ = fresh;
  checked_ = std::chrono::steady_clock::now();
  checking_ = false;
  return fresh_;
}

Result<std::unique_ptr<Tx>> ReadReplica::Begin(Mode mode) {
  if (mode == Mode::kRead && Fresh()) {
    auto tx = replica_->Begin(mode);
    if (tx.ok()) {
      ++replica_reads_;
      return tx;
    }
  }
  if (mode == Mode::kRead) ++primary_reads_;
  return primary_.Begin(mode);
}

}  // namespace sl::db
