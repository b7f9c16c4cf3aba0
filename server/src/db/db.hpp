#pragma once
// Our thin database layer over the SQLite and libpq C APIs. Every feature's
// store.cpp talks to a Tx; SQL is the common subset of SQLite 3.40 and
// PostgreSQL 15 with `?` placeholders (rewritten to $n for PostgreSQL) and every
// value bound as a parameter.

#include <any>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace sl::db {

// A bound or returned value. std::monostate is SQL NULL.
using Value = std::variant<std::monostate, int64_t, double, std::string>;
using Params = std::vector<Value>;

// Helpers to bind optionals as NULL.
Value Nullable(const std::optional<std::string>& v);
Value Nullable(const std::optional<int64_t>& v);

// One result row; columns by position, in the order of the SELECT list.
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const;
  int64_t Int(size_t i) const;      // NULL reads as 0; text is parsed
  double Real(size_t i) const;      // NULL reads as 0
  std::string Str(size_t i) const;  // NULL reads as ""; numbers are formatted
  std::optional<int64_t> OptInt(size_t i) const;
  std::optional<std::string> OptStr(size_t i) const;
  const Value& at(size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

enum class Dialect { kSqlite, kPostgres };
enum class Mode { kRead, kWrite };

// A transaction. Destroying a Tx that was not committed rolls it back.
// Errors: a unique or foreign-key violation is ErrorCode::kConflict with key
// "db_unique" or "db_foreign_key" (detail names the constraint); a busy or
// unreachable database is kUnavailable; anything else kInternal.
// After a statement fails the Tx is unusable: every later call returns that
// error again and Commit rolls back (PostgreSQL aborts the transaction on any
// error; SQLite is made to behave the same). A Tx is used by one thread at a
// time and must be destroyed before its Database.
class Tx {
 public:
  virtual ~Tx() = default;

  // Runs a statement; returns the number of rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a query and returns all rows.
  virtual Result<std::vector<Row>> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a query and calls `fn` for each row without holding them all; stops at
  // the first error `fn` returns (and returns it; the Tx stays usable). `fn` may
  // run other statements on the same Tx.
  virtual Status ForEach(std::string_view sql, const Params& params,
                         const std::function<Status(const Row&)>& fn) = 0;
  // Inserts many rows into table(columns) quickly: a reused prepared statement
  // on SQLite, COPY on PostgreSQL. Values are bound, never spliced.
  virtual Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                            const std::vector<Params>& rows) = 0;
  // `n` new ids for rows of `table` (an {{id}} column named id) that the caller
  // then inserts with BulkInsert, so that many rows and the rows pointing to
  // them go out in bulk. PostgreSQL draws them from the column's sequence;
  // SQLite (one writer) continues after the largest id in the table or
  // reserved before in this transaction.
  Result<std::vector<int64_t>> ReserveIds(std::string_view table, size_t n);
  // Brings the planner's statistics of `table` up to date inside this
  // transaction: PostgreSQL plans a long import's lookups from statistics
  // that predate its own rows (ANALYZE in the transaction counts them);
  // SQLite's planner prefers indexes without statistics, so it does nothing.
  Status RefreshStatistics(std::string_view table);
  // Says this transaction writes many rows (an import's chunk): SQLite gives
  // the writer a page cache of kBulkCacheKiB and in-memory statement
  // journals for its length, so that the growing indexes stay in memory
  // instead of being re-read and re-written through the kernel, and gives
  // the memory back when it ends. PostgreSQL: nothing.
  virtual Status ForBulkWrites() { return OkStatus(); }
  // Says this transaction reads a report over a region of any size (a
  // province's compliance, figures, statistics): PostgreSQL plans each of
  // its statements for their values. Elsewhere a cached statement may run
  // a generic plan (planning a small lookup cost more than running it), but
  // a generic plan made for a town's range is the wrong one for a
  // province's. SQLite: nothing.
  virtual Status PlanEachRun() { return OkStatus(); }
  static constexpr int kBulkCacheKiB = 32 * 1024;
  // Runs the BeforeCommit work in order, then commits. When that work fails,
  // returns its error and commits nothing (the Tx rolls back when destroyed).
  Status Commit();
  virtual Dialect dialect() const = 0;
  // Runs several `;`-separated statements without parameters (migrations,
  // maintenance). Never pass text that came from outside.
  virtual Status ExecScript(std::string_view sql);

  // The first row, or nullopt when there is none.
  Result<std::optional<Row>> QueryOne(std::string_view sql, const Params& params = {});
  // Runs an INSERT ... RETURNING id and returns the id.
  Result<int64_t> InsertId(std::string_view sql, const Params& params = {});

  // Values a feature keeps for the length of this transaction (a key read
  // once, a chain head updated in memory, regions looked up by code), by a
  // key of the feature's choosing ("audit.head"). A feature that writes what
  // it memoizes erases its entry.
  std::map<std::string, std::any, std::less<>>& memo() { return memo_; }
  // Work to run just before this transaction commits: writing back what was
  // kept in memo() instead of once per statement.
  void BeforeCommit(std::function<Status()> fn) { before_commit_.push_back(std::move(fn)); }

 protected:
  virtual Status DoCommit() = 0;

 private:
  std::map<std::string, std::any, std::less<>> memo_;
  std::vector<std::function<Status()>> before_commit_;
};

struct OpenOptions {
  int pool_size = 4;           // PostgreSQL connections; SQLite reader connections
  int busy_timeout_ms = 5000;  // SQLite busy timeout; PostgreSQL connect timeout
  // How long Begin waits for the SQLite writer or a free PostgreSQL connection
  // before kUnavailable: a bounded wait turns a nested Begin on an exhausted
  // pool into an error instead of a hang.
  int acquire_timeout_ms = 30000;
};

class Database {
 public:
  virtual ~Database() = default;

  // `url` is sqlite:PATH or postgresql://... (postgres:// too). The SQLite file
  // is created when missing; its folder must exist.
  static Result<std::unique_ptr<Database>> Open(std::string_view url,
                                                const OpenOptions& options = {});

  // Starts a transaction. SQLite has one writer (kWrite transactions wait for
  // each other, first come first served) and many readers; PostgreSQL draws
  // from a connection pool.
  virtual Result<std::unique_ptr<Tx>> Begin(Mode mode) = 0;
  virtual Dialect dialect() const = 0;

  // A consistent copy of the whole database taken while others write, into
  // `path` (which must not exist): SQLite's online backup API makes a plain
  // SQLite file; PostgreSQL's pg_dump its custom format (docs/operations.md).
  virtual Status BackupTo(const std::string& path) = 0;
  // Replaces everything in this database with the backup at `path` (of this
  // backend's format); the caller migrates and checks it afterwards.
  virtual Status RestoreFrom(const std::string& path) = 0;
  // Gives back what the connections not in use keep cached (SQLite's page
  // caches), after a large answer: the server's memory at rest.
  virtual void ReleaseMemory() {}
};

// Rewrites `?` placeholders to $1, $2, ... outside string literals ('...',
// E'...', $tag$...$tag$), quoted identifiers and comments. `??` stands for a
// literal `?` (PostgreSQL's jsonb operators), as in JDBC.
std::string RewritePlaceholders(std::string_view sql);

// Schema migrations: numbered, forward-only, embedded in the binary from
// server/src/db/migrations/NNNN_name.sql. In a migration, {{id}} is the
// surrogate key column type, {{text_c}} text compared bytewise (for paths and
// codes) and {{blob}} binary data; each backend substitutes its own.
int LatestSchemaVersion();
Result<int> SchemaVersion(Database& db);  // 0 for an empty database
// Work a migration needs beyond its SQL (filling a derived table from code),
// by migration version; runs in the migration's transaction, after its SQL.
using DataSteps = std::map<int, std::function<Status(Tx&)>>;
// Applies what is missing, each in its own Tx. A new, empty database needs no
// data steps; `shuanglun init` passes the features' steps for upgrades.
Status Migrate(Database& db, const DataSteps& steps = {});
// An error unless the database is at LatestSchemaVersion(): serve refuses to
// start on an old or newer schema.
Status CheckSchema(Database& db);

// Refreshes the query planner's statistics of every table on SQLite (sampled,
// so bounded in time); a no-op on PostgreSQL, whose autovacuum keeps them.
// `serve` runs it at start and the importers after a load: without them
// SQLite may pick an index that scans a million contacts for one town.
Status RefreshAllStatistics(Database& db);

}  // namespace sl::db
