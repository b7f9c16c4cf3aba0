// SQLite backend: one writer connection shared by kWrite transactions in turn
// (SQLite allows one writer anyway; queueing in-process is cheaper and fairer
// than busy retries) and a pool of reader connections, which WAL lets run
// beside the writer on their own snapshots.

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "db/internal.hpp"

namespace sl::db::internal {

namespace {

constexpr size_t kStatementCacheSize = 256;

Error MapError(sqlite3* db, int rc, std::string_view sql) {
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: {
      Error e = Error::Conflict("db_unique");
      e.detail = msg;
      return e;
    }
    case SQLITE_CONSTRAINT_FOREIGNKEY: {
      Error e = Error::Conflict("db_foreign_key");
      e.detail = msg;
      return e;
    }
    default:
      break;
  }
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_CANTOPEN) {
    Error e = Error::Unavailable("unavailable");
    e.detail = "sqlite: " + msg;
    return e;
  }
  std::string detail = "sqlite: " + msg;
  if (!sql.empty()) detail += " in: " + std::string(sql);
  return Error::Internal(std::move(detail));
}

// Whether the text after a prepared statement holds nothing but separators and
// comments: Exec and Query run exactly one statement and must not silently
// drop the rest.
bool OnlyNoise(const char* p) {
  while (*p) {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ';') {
      ++p;
    } else if (p[0] == '-' && p[1] == '-') {
      while (*p && *p != '\n') ++p;
    } else if (p[0] == '/' && p[1] == '*') {
      p += 2;
      while (*p && !(p[0] == '*' && p[1] == '/')) ++p;
      if (*p) p += 2;
    } else {
      return false;
    }
  }
  return true;
}

Row ReadRow(sqlite3_stmt* s) {
  const int n = sqlite3_column_count(s);
  std::vector<Value> values;
  values.reserve(n);
  for (int i = 0; i < n; ++i) {
    switch (sqlite3_column_type(s, i)) {
      case SQLITE_INTEGER:
        values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(s, i)));
        break;
      case SQLITE_FLOAT:
        values.emplace_back(sqlite3_column_double(s, i));
        break;
      case SQLITE_NULL:
        values.emplace_back(std::monostate{});
        break;
      default: {  // TEXT and BLOB both come back as bytes.
        const void* p = sqlite3_column_blob(s, i);
        const int len = sqlite3_column_bytes(s, i);
        values.emplace_back(std::string(static_cast<const char*>(p), p ? len : 0));
      }
    }
  }
  return Row(std::move(values));
}

class Conn;

// A prepared statement lent by a Conn; resets (or finalizes) it when dropped so
// that no statement stays active past its call.
class Stmt {
 public:
  Stmt(sqlite3_stmt* s, bool* busy) : s_(s), busy_(busy) {}
  Stmt(Stmt&& o) noexcept : s_(o.s_), busy_(o.busy_) { o.s_ = nullptr; }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& operator=(Stmt&&) = delete;
  ~Stmt() {
    if (!s_) return;
    if (busy_) {
      sqlite3_reset(s_);
      sqlite3_clear_bindings(s_);
      *busy_ = false;
    } else {
      sqlite3_finalize(s_);
    }
  }
  sqlite3_stmt* get() const { return s_; }

 private:
  sqlite3_stmt* s_;
  bool* busy_;  // the cache entry's flag, or null for an uncached statement
};

class Conn {
 public:
  explicit Conn(sqlite3* db) : db_(db) {}
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn() {
    for (auto& [sql, entry] : cache_) sqlite3_finalize(entry->stmt);
    sqlite3_close_v2(db_);
  }

  static Result<std::unique_ptr<Conn>> Open(const std::string& path, const OpenOptions& options,
                                            bool writer) {
    // SQLite's memory statistics take one process-wide mutex around every
    // allocation: the server's threads queued on it. Nothing reads them. Set
    // once, before SQLite initializes (after that the call is refused, which
    // is harmless).
    static const int kNoMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)kNoMemoryStatistics;
    sqlite3* db = nullptr;
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (writer ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
      Error e = MapError(db, rc, "");
      e.detail += " (" + path + ")";
      sqlite3_close_v2(db);
      return e;
    }
    auto conn = std::make_unique<Conn>(db);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, options.busy_timeout_ms);
    if (writer) {
      // WAL is a property of the file; the writer sets it before any reader opens.
      SL_TRY(conn->ExecScript("PRAGMA journal_mode=WAL"));
      SL_TRY(conn->ExecScript("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON"));
    } else {
      // A kRead transaction that tries to write is a bug; make it an error.
      SL_TRY(conn->ExecScript("PRAGMA foreign_keys=ON; PRAGMA query_only=1"));
    }
    return conn;
  }

  sqlite3* db() const { return db_; }

  Status ExecScript(std::string_view sql) {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return MapError(db_, rc, "");
    return OkStatus();
  }

  // One statement of no parameters and no rows (BEGIN, COMMIT, ROLLBACK),
  // prepared once: every request begins and ends a transaction.
  Status Run(std::string_view sql) {
    SL_ASSIGN_OR_RETURN(Stmt stmt, Prepare(sql));
    const int rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return MapError(db_, rc, sql);
    return OkStatus();
  }

  // A statement for `sql`: the cached one when it is free, else a fresh one (a
  // ForEach callback may run the same SQL while the outer statement steps).
  // An empty statement (only comments) yields a null statement.
  Result<Stmt> Prepare(std::string_view sql) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end() && !it->second->busy) {
      it->second->busy = true;
      return Stmt(it->second->stmt, &it->second->busy);
    }
    sqlite3_stmt* s = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()) + 1,
                                SQLITE_PREPARE_PERSISTENT, &s, &tail);
    if (rc != SQLITE_OK) return MapError(db_, rc, sql);
    if (tail && !OnlyNoise(tail)) {
      sqlite3_finalize(s);
      return Error::Internal("sqlite: one statement per call (use ExecScript) in: " + key);
    }
    if (!s || it != cache_.end()) return Stmt(s, nullptr);
    if (cache_.size() >= kStatementCacheSize) Evict();
    auto entry = std::make_unique<Entry>(Entry{s, true});
    bool* busy = &entry->busy;
    cache_.emplace(std::move(key), std::move(entry));
    return Stmt(s, busy);
  }

 private:
  struct Entry {
    sqlite3_stmt* stmt;
    bool busy;
  };

  // Drops every idle statement; crude but rare, since an application has a
  // bounded set of SQL texts.
  void Evict() {
    for (auto it = cache_.begin(); it != cache_.end();) {
      if (it->second->busy) {
        ++it;
      } else {
        sqlite3_finalize(it->second->stmt);
        it = cache_.erase(it);
      }
    }
  }

  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> cache_;
};

Status Bind(sqlite3* db, sqlite3_stmt* s, const Params& params, std::string_view sql) {
  const int want = sqlite3_bind_parameter_count(s);
  if (want != static_cast<int>(params.size())) {
    return Error::Internal("sqlite: " + std::to_string(want) + " parameters expected, " +
                           std::to_string(params.size()) + " given, in: " + std::string(sql));
  }
  for (int i = 0; i < want; ++i) {
    const Value& v = params[i];
    int rc = SQLITE_OK;
    if (auto* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(s, i + 1, *n);
    } else if (auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(s, i + 1, *d);
    } else if (auto* t = std::get_if<std::string>(&v)) {
      // Params outlive the statement's use (it is reset before we return).
      rc = sqlite3_bind_text64(s, i + 1, t->data(), t->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(s, i + 1);
    }
    if (rc != SQLITE_OK) return MapError(db, rc, sql);
  }
  return OkStatus();
}

class SqliteDatabase;

class SqliteTx : public Tx {
 public:
  SqliteTx(SqliteDatabase* owner, Conn* conn, Mode mode)
      : owner_(owner), conn_(conn), mode_(mode) {}
  ~SqliteTx() override;

  Result<int64_t> Exec(std::string_view sql, const Params& params) override {
    SL_TRY(state_.Check());
    SL_ASSIGN_OR_RETURN(Stmt stmt, Run(sql, params));
    if (!stmt.get()) return int64_t{0};
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) return state_.Fail(MapError(conn_->db(), rc, sql));
    if (sqlite3_stmt_readonly(stmt.get())) return int64_t{0};
    return static_cast<int64_t>(sqlite3_changes64(conn_->db()));
  }

  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) override {
    std::vector<Row> rows;
    SL_TRY(ForEach(sql, params, [&rows](const Row& r) -> Status {
      rows.push_back(r);
      return OkStatus();
    }));
    return rows;
  }

  Status ForEach(std::string_view sql, const Params& params,
                 const std::function<Status(const Row&)>& fn) override {
    SL_TRY(state_.Check());
    SL_ASSIGN_OR_RETURN(Stmt stmt, Run(sql, params));
    if (!stmt.get()) return OkStatus();
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      SL_TRY(fn(ReadRow(stmt.get())));
    }
    if (rc != SQLITE_DONE) return state_.Fail(MapError(conn_->db(), rc, sql));
    return OkStatus();
  }

  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<Params>& rows) override {
    SL_TRY(state_.Check());
    SL_ASSIGN_OR_RETURN(std::string list, BulkColumnList(table, columns));
    if (rows.empty()) return OkStatus();
    std::string marks;
    for (size_t i = 0; i < columns.size(); ++i) marks += i ? ", ?" : "?";
    const std::string sql =
        "INSERT INTO \"" + std::string(table) + "\" (" + list + ") VALUES (" + marks + ")";
    SL_ASSIGN_OR_RETURN(Stmt stmt, conn_->Prepare(sql));
    for (const Params& row : rows) {
      SL_TRY(Bind(conn_->db(), stmt.get(), row, sql));
      int rc = sqlite3_step(stmt.get());
      if (rc != SQLITE_DONE) return state_.Fail(MapError(conn_->db(), rc, sql));
      sqlite3_reset(stmt.get());
    }
    return OkStatus();
  }

  Status ExecScript(std::string_view sql) override {
    SL_TRY(state_.Check());
    Status s = conn_->ExecScript(sql);
    if (!s.ok()) return state_.Fail(std::move(s).error());
    return OkStatus();
  }

  Status DoCommit() override;
  Dialect dialect() const override { return Dialect::kSqlite; }

  Status ForBulkWrites() override {
    if (mode_ != Mode::kWrite || bulk_) return OkStatus();
    // Statement journals (each insert's, which could fail halfway) in memory
    // too, not in temporary files written page by page: 254 pwrite calls a
    // row before. Not for every transaction: a migration's statement over a
    // whole table would journal all of it in memory.
    SL_ASSIGN_OR_RETURN(auto cache, QueryOne("PRAGMA cache_size"));
    cache_before_ = cache ? cache->Int(0) : -2000;  // restored by Finish
    SL_TRY(ExecScript("PRAGMA cache_size=-" + std::to_string(kBulkCacheKiB) +
                      "; PRAGMA temp_store=MEMORY"));
    bulk_ = true;
    return OkStatus();
  }

 private:
  // Prepares and binds; a binding error is the caller's bug and does not poison
  // the transaction, a prepare error does (PostgreSQL would abort).
  Result<Stmt> Run(std::string_view sql, const Params& params) {
    auto stmt = conn_->Prepare(sql);
    if (!stmt.ok()) return state_.Fail(std::move(stmt).error());
    if (!stmt->get()) {
      if (!params.empty()) return Error::Internal("sqlite: parameters for an empty statement");
      return stmt;
    }
    Status b = Bind(conn_->db(), stmt->get(), params, sql);
    if (!b.ok()) return state_.Fail(std::move(b).error());
    return stmt;
  }

  void Finish();
  bool bulk_ = false;         // the writer's page cache widened (ForBulkWrites)
  int64_t cache_before_ = 0;  // its size before, to put back

  SqliteDatabase* owner_;
  Conn* conn_;
  Mode mode_;
  TxState state_;
};

// Copies the database of `live` into the file at `path`, or the file into
// `live`, with SQLite's backup API in one step.
Status Copy(sqlite3* live, const std::string& path, bool into_file) {
  sqlite3* file = nullptr;
  const int flags = into_file ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  int rc = sqlite3_open_v2(path.c_str(), &file, flags, nullptr);
  if (rc == SQLITE_OK && !into_file) {
    // Not an SQLite file, or a damaged one: refuse before touching `live`.
    sqlite3_stmt* check = nullptr;
    rc = sqlite3_prepare_v2(file, "PRAGMA quick_check", -1, &check, nullptr);
    if (rc == SQLITE_OK) {
      rc = sqlite3_step(check);
      const auto* verdict = rc == SQLITE_ROW ? sqlite3_column_text(check, 0) : nullptr;
      rc = verdict && std::string_view(reinterpret_cast<const char*>(verdict)) == "ok"
               ? SQLITE_OK
               : SQLITE_CORRUPT;
    }
    sqlite3_finalize(check);
  }
  if (rc != SQLITE_OK) {
    Error e = MapError(file, rc, "");
    e.detail += " (" + path + ")";
    sqlite3_close_v2(file);
    return e;
  }
  sqlite3* to = into_file ? file : live;
  sqlite3* from = into_file ? live : file;
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (b == nullptr) {
    Error e = MapError(to, sqlite3_errcode(to), "backup");
    sqlite3_close_v2(file);
    return e;
  }
  do {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  Status st = OkStatus();
  if (rc != SQLITE_DONE) st = MapError(to, rc, "backup");
  sqlite3_close_v2(file);
  return st;
}

class SqliteDatabase : public Database {
 public:
  SqliteDatabase(std::string path, const OpenOptions& options, std::unique_ptr<Conn> writer)
      : path_(std::move(path)), options_(options), writer_(std::move(writer)) {}

  ~SqliteDatabase() override {
    // Readers first: the last connection to close checkpoints the WAL.
    idle_readers_.clear();
    writer_.reset();
  }

  Result<std::unique_ptr<Tx>> Begin(Mode mode) override {
    const auto timeout = std::chrono::milliseconds(options_.acquire_timeout_ms);
    Conn* conn = nullptr;
    if (mode == Mode::kWrite) {
      std::unique_lock lock(mu_);
      SL_TRY(AcquireWriter(lock));
      conn = writer_.get();
    } else {
      const int max_readers = options_.pool_size > 0 ? options_.pool_size : 1;
      std::unique_lock lock(mu_);
      if (!cv_.wait_for(lock, timeout,
                        [&] { return !idle_readers_.empty() || readers_open_ < max_readers; })) {
        return Timeout("a reader");
      }
      if (!idle_readers_.empty()) {
        conn = idle_readers_.back().release();
        idle_readers_.pop_back();
      } else {
        ++readers_open_;
        lock.unlock();
        auto opened = Conn::Open(path_, options_, /*writer=*/false);
        if (!opened.ok()) {
          std::lock_guard relock(mu_);
          --readers_open_;
          cv_.notify_all();
          return std::move(opened).error();
        }
        conn = opened->release();
      }
    }
    // From here the Tx owns the connection and gives it back when destroyed.
    auto tx = std::make_unique<SqliteTx>(this, conn, mode);
    Status begun = conn->Run(mode == Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
    if (!begun.ok()) return std::move(begun).error();  // ~SqliteTx releases
    return std::unique_ptr<Tx>(std::move(tx));
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  void ReleaseMemory() override {
    std::lock_guard lock(mu_);
    for (auto& reader : idle_readers_) sqlite3_db_release_memory(reader->db());
    if (!writer_busy_) sqlite3_db_release_memory(writer_->db());
  }

  Status BackupTo(const std::string& path) override {
    if (std::filesystem::exists(path)) return Error::Internal(path + " exists already");
    // A reader of its own: the whole copy in one step is one snapshot, and
    // writers go on meanwhile (WAL).
    SL_ASSIGN_OR_RETURN(auto source, Conn::Open(path_, options_, /*writer=*/false));
    return Copy(source->db(), path, /*into_file=*/true);
  }

  Status RestoreFrom(const std::string& path) override {
    if (!std::filesystem::exists(path)) return Error::Internal(path + " does not exist");
    std::unique_lock lock(mu_);
    SL_TRY(AcquireWriter(lock));
    lock.unlock();
    Status st = Copy(writer_->db(), path, /*into_file=*/false);
    Release(writer_.get(), Mode::kWrite);
    return st;
  }

  void Release(Conn* conn, Mode mode) {
    std::lock_guard lock(mu_);
    if (mode == Mode::kWrite) {
      writer_busy_ = false;
    } else {
      idle_readers_.emplace_back(conn);
    }
    cv_.notify_all();
  }

 private:
  // Takes the writer in turn: first come, first served, so that a long run of
  // short transactions (an import job's chunks) does not take it again and
  // again ahead of a request that was waiting (a mutex is not fair).
  Status AcquireWriter(std::unique_lock<std::mutex>& lock) {
    const uint64_t me = next_ticket_++;
    write_queue_.push_back(me);
    if (!cv_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                      [&] { return !writer_busy_ && write_queue_.front() == me; })) {
      write_queue_.erase(std::find(write_queue_.begin(), write_queue_.end(), me));
      cv_.notify_all();
      return Timeout("the writer");
    }
    write_queue_.pop_front();
    writer_busy_ = true;
    return OkStatus();
  }

  Error Timeout(const char* what) const {
    Error e = Error::Unavailable("unavailable");
    e.detail = std::string("sqlite: timed out waiting for ") + what;
    return e;
  }

  std::string path_;
  OpenOptions options_;
  std::unique_ptr<Conn> writer_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool writer_busy_ = false;
  std::deque<uint64_t> write_queue_;  // tickets of the writers waiting, in order
  uint64_t next_ticket_ = 0;
  std::vector<std::unique_ptr<Conn>> idle_readers_;
  int readers_open_ = 0;
};

SqliteTx::~SqliteTx() {
  if (!state_.finished()) Finish();
}

void SqliteTx::Finish() {
  // Some errors (I/O, a full disk) already rolled SQLite back; it tells.
  if (!sqlite3_get_autocommit(conn_->db())) (void)conn_->Run("ROLLBACK");
  if (bulk_) {  // the default cache again, and its pages given back
    (void)conn_->ExecScript("PRAGMA cache_size=" + std::to_string(cache_before_) +
                            "; PRAGMA temp_store=DEFAULT");
    sqlite3_db_release_memory(conn_->db());
  }
  state_.Finish();
  owner_->Release(conn_, mode_);
}

Status SqliteTx::DoCommit() {
  if (auto refused = state_.CommitRefused([this] { Finish(); })) return *refused;
  Status s = conn_->Run("COMMIT");
  Finish();
  return s;
}

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const OpenOptions& options) {
  SL_ASSIGN_OR_RETURN(auto writer, Conn::Open(path, options, /*writer=*/true));
  return std::unique_ptr<Database>(
      std::make_unique<SqliteDatabase>(path, options, std::move(writer)));
}

}  // namespace sl::db::internal
