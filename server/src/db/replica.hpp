#pragma once
// Reports read from a streaming replica (`shuanglun serve --read-db URL`): a
// Database whose read transactions go to the replica while it keeps up with
// the primary, and whose writes (and reads while the replica lags or cannot
// be reached) go to the primary. A report that stores what it computed (the
// compliance parts) reads on the replica and writes on the primary.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>

#include "db/db.hpp"

namespace sl::db {

struct ReplicaOptions {
  // The most a report may lag behind the primary; past it reads go to the
  // primary until the replica catches up.
  std::chrono::seconds max_lag{30};
  // How often the lag is asked (the answer is kept in between).
  std::chrono::milliseconds check_every{1000};
};

class ReadReplica : public Database {
 public:
  ReadReplica(Database& primary, std::unique_ptr<Database> replica, ReplicaOptions options);

  Result<std::unique_ptr<Tx>> Begin(Mode mode) override;
  Dialect dialect() const override { return primary_.dialect(); }
  Status BackupTo(const std::string& path) override { return primary_.BackupTo(path); }
  Status RestoreFrom(const std::string& path) override { return primary_.RestoreFrom(path); }
  void ReleaseMemory() override { primary_.ReleaseMemory(); }

  // Read transactions begun on each side so far (for /metrics).
  uint64_t replica_reads() const { return replica_reads_.load(); }
  uint64_t primary_reads() const { return primary_reads_.load(); }

 private:
  // Whether the replica is within max_lag, asked at most every check_every.
  bool Fresh();

  Database& primary_;
  std::unique_ptr<Database> replica_;
  ReplicaOptions options_;
  std::mutex mu_;
  std::chrono::steady_clock::time_point checked_{};
  bool fresh_ = false, checking_ = false;
  std::atomic<uint64_t> replica_reads_{0}, primary_reads_{0};
};

// The replica's lag behind its primary in seconds: 0 when it has replayed
// all it received (or is no replica), -1 when it is not streaming.
Result<double> ReplicationLag(Tx& tx);

}  // namespace sl::db
