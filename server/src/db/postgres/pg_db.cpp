// PostgreSQL backend on libpq: a pool of connections, each with its own cache
// of named prepared statements. Preparing first lets the server tell us each
// parameter's type, so that bytea parameters can travel as raw bytes while
// everything else goes as text and PostgreSQL converts it, as SQLite would.

#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "db/internal.hpp"
#include "db/postgres/pg_conn.hpp"

namespace sl::db::internal {

namespace {

using namespace pg;  // NOLINT: the backend is made of its connection

class PgDatabase;

class PgTx : public Tx {
 public:
  // `begun`: BEGIN was sent. A read transaction sends it only before its
  // first cursor: READ COMMITTED gives each statement its own snapshot
  // either way, and a request's list then costs two round trips fewer. The
  // connection's default_transaction_read_only keeps its statements reads.
  PgTx(PgDatabase* owner, PgConn* conn, bool begun) : owner_(owner), conn_(conn), begun_(begun) {}
  ~PgTx() override {
    if (!state_.finished()) Finish();
  }

  Result<int64_t> Exec(std::string_view sql, const Params& params) override {
    SL_TRY(state_.Check());
    SL_ASSIGN_OR_RETURN(PgResult r, Run(sql, params));
    // Like SQLite, a SELECT changes no rows (PostgreSQL would count them).
    if (std::strncmp(PQcmdStatus(r.get()), "SELECT", 6) == 0) return int64_t{0};
    int64_t n = 0;
    const char* tuples = PQcmdTuples(r.get());
    std::from_chars(tuples, tuples + std::strlen(tuples), n);
    return n;
  }

  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) override {
    SL_TRY(state_.Check());
    SL_ASSIGN_OR_RETURN(PgResult r, Run(sql, params));
    return ReadRows(r.get());
  }

  Status ForEach(std::string_view sql, const Params& params,
                 const std::function<Status(const Row&)>& fn) override {
    SL_TRY(state_.Check());
    if (!CursorFriendly(sql)) {
      SL_ASSIGN_OR_RETURN(std::vector<Row> rows, Query(sql, params));
      for (const Row& row : rows) SL_TRY(fn(row));
      return OkStatus();
    }
    // A cursor streams in batches and leaves the connection free between them,
    // so `fn` may run statements of its own; nesting gets its own cursor name.
    SL_TRY(Begun());
    const std::string cursor = "sl_cursor_" + std::to_string(cursor_depth_);
    const std::string rewritten = RewritePlaceholders(sql);
    std::vector<Oid> types;
    if (!params.empty()) {
      auto prepared = conn_->Prepare(rewritten, sql);
      if (!prepared.ok()) return state_.Fail(std::move(prepared).error());
      types = (*prepared)->param_types;
      SL_TRY(CheckParamCount(types.size(), params.size(), sql));
    }
    const std::string declare = "DECLARE " + cursor + " NO SCROLL CURSOR FOR " + rewritten;
    EncodedParams enc(params, types);
    PgResult d = Wrap(PQexecParams(conn_->get(), declare.c_str(), static_cast<int>(params.size()),
                                   types.empty() ? nullptr : types.data(), enc.values.data(),
                                   enc.lengths.data(), enc.formats.data(), 0));
    if (!ResultOk(d.get())) return state_.Fail(MapError(conn_->get(), d.get(), sql));
    ++cursor_depth_;
    struct Depth {
      int& d;
      ~Depth() { --d; }
    } depth{cursor_depth_};
    const std::string fetch = "FETCH " + std::to_string(kFetchRows) + " FROM " + cursor;
    for (;;) {
      PgResult r = Wrap(PQexec(conn_->get(), fetch.c_str()));
      if (!ResultOk(r.get())) return state_.Fail(MapError(conn_->get(), r.get(), sql));
      const int n = PQntuples(r.get());
      const int cols = PQnfields(r.get());
      for (int i = 0; i < n; ++i) {
        std::vector<Value> values;
        values.reserve(cols);
        for (int c = 0; c < cols; ++c) values.push_back(Decode(r.get(), i, c));
        Status s = fn(Row(std::move(values)));
        if (!s.ok()) {
          SL_TRY(Close(cursor));
          return s;
        }
      }
      if (n < kFetchRows) break;
    }
    return Close(cursor);
  }

  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<Params>& rows) override {
    SL_TRY(state_.Check());
    SL_ASSIGN_OR_RETURN(std::string list, BulkColumnList(table, columns));
    if (rows.empty()) return OkStatus();
    for (const Params& row : rows) {
      if (row.size() != columns.size()) {
        return Error::Internal("BulkInsert: a row of " + std::to_string(row.size()) +
                               " values for " + std::to_string(columns.size()) + " columns");
      }
    }
    if (rows.empty()) return OkStatus();
    SL_TRY(Begun());
    // The column types tell which values are bytea and need hex.
    const std::string probe = "SELECT " + list + " FROM \"" + std::string(table) + "\" LIMIT 0";
    auto prepared = conn_->Prepare(probe, probe);
    if (!prepared.ok()) return state_.Fail(std::move(prepared).error());
    const std::vector<Oid> types = (*prepared)->column_types;

    const std::string copy = "COPY \"" + std::string(table) + "\" (" + list + ") FROM STDIN";
    PGconn* c = conn_->get();
    PgResult start = Wrap(PQexec(c, copy.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) {
      return state_.Fail(MapError(c, start.get(), copy));
    }
    std::string buf;
    bool sent = true;
    for (const Params& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) buf += '\t';
        AppendCopyField(buf, row[i], types[i]);
      }
      buf += '\n';
      if (buf.size() >= (1u << 20)) {
        sent = PQputCopyData(c, buf.data(), static_cast<int>(buf.size())) == 1;
        buf.clear();
        if (!sent) break;
      }
    }
    if (sent && !buf.empty())
      sent = PQputCopyData(c, buf.data(), static_cast<int>(buf.size())) == 1;
    if (PQputCopyEnd(c, sent ? nullptr : "send failed") != 1) {
      return state_.Fail(Unavailable(PQerrorMessage(c)));
    }
    // The COPY's outcome (a unique violation shows here), then nothing more.
    PgResult end = Wrap(PQgetResult(c));
    Status status = OkStatus();
    if (!ResultOk(end.get())) status = state_.Fail(MapError(c, end.get(), copy));
    while (PGresult* extra = PQgetResult(c)) PQclear(extra);
    return status;
  }

  Status ExecScript(std::string_view sql) override {
    SL_TRY(state_.Check());
    SL_TRY(Begun());
    const std::string text(sql);
    PgResult r = Wrap(PQexec(conn_->get(), text.c_str()));
    if (!ResultOk(r.get())) return state_.Fail(MapError(conn_->get(), r.get(), ""));
    Status dropped = conn_->DropPrepared();
    if (!dropped.ok()) return state_.Fail(std::move(dropped).error());
    BumpSchemaGeneration();
    return OkStatus();
  }

  Status DoCommit() override;
  Dialect dialect() const override { return Dialect::kPostgres; }

  Status PlanEachRun() override {
    SL_TRY(state_.Check());
    // SET LOCAL lasts as long as the transaction (BEGIN goes with it).
    return Begun("SET LOCAL plan_cache_mode = force_custom_plan");
  }

 private:
  Status CheckParamCount(size_t want, size_t given, std::string_view sql) {
    if (want == given) return OkStatus();
    return state_.Fail(Error::Internal("postgres: " + std::to_string(want) +
                                       " parameters expected, " + std::to_string(given) +
                                       " given, in: " + std::string(sql)));
  }

  // Sends BEGIN READ ONLY unless BEGIN was sent, with `also` (statements for
  // the transaction) in the same round trip.
  Status Begun(const std::string& also = {}) {
    const std::string sql = begun_         ? also
                            : also.empty() ? "BEGIN READ ONLY"
                                           : "BEGIN READ ONLY; " + also;
    if (sql.empty()) return OkStatus();
    Status s = Contact([&] { return conn_->Exec(sql.c_str()); });
    if (!s.ok()) return state_.Fail(std::move(s).error());
    begun_ = true;
    return OkStatus();
  }

  // Runs `talk` (which goes to the server). An idle pooled connection learns
  // of a server restart only when used: when this is a read transaction's
  // first contact (no BEGIN before it) and the connection is gone, it
  // reconnects and runs `talk` again once.
  template <class Talk>
  auto Contact(Talk&& talk) -> decltype(talk()) {
    const bool first = !begun_ && !ran_;
    ran_ = true;
    auto result = talk();
    if (!result.ok() && first && PQstatus(conn_->get()) == CONNECTION_BAD && conn_->Reset().ok()) {
      state_ = TxState();
      return talk();
    }
    return result;
  }

  // Runs one statement; statements with parameters go through the cache of
  // prepared statements, others (often one-off DDL) are sent unnamed.
  Result<PgResult> Run(std::string_view sql, const Params& params) {
    return Contact([&] { return RunOnce(sql, params); });
  }

  Result<PgResult> RunOnce(std::string_view sql, const Params& params) {
    const std::string rewritten = RewritePlaceholders(sql);
    PGconn* c = conn_->get();
    PgResult r = Wrap(nullptr);
    if (params.empty()) {
      r = Wrap(PQexecParams(c, rewritten.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0));
    } else {
      // Behind a pooler a statement's types are asked once per text, inside
      // a transaction; it then goes unnamed, parsed, bound and run in one
      // message.
      if (conn_->pooled() && !conn_->Knows(rewritten)) SL_TRY(Begun());
      auto prepared = conn_->Prepare(rewritten, sql);
      if (!prepared.ok()) return state_.Fail(std::move(prepared).error());
      const Prepared& p = **prepared;
      SL_TRY(CheckParamCount(p.param_types.size(), params.size(), sql));
      EncodedParams enc(params, p.param_types);
      const int n = static_cast<int>(params.size());
      r = Wrap(conn_->pooled()
                   ? PQexecParams(c, rewritten.c_str(), n, p.param_types.data(), enc.values.data(),
                                  enc.lengths.data(), enc.formats.data(), 0)
                   : PQexecPrepared(c, p.name.c_str(), n, enc.values.data(), enc.lengths.data(),
                                    enc.formats.data(), 0));
    }
    if (!ResultOk(r.get())) {
      const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
      if (state && std::strcmp(state, "0A000") == 0 && !params.empty()) {
        // "cached plan must not change result type": another process changed
        // the schema. Drop this connection's statements at the next Begin;
        // a retry then succeeds.
        conn_->generation = ~uint64_t{0};
        Error e = Unavailable(PQresultErrorMessage(r.get()));
        return state_.Fail(std::move(e));
      }
      return state_.Fail(MapError(c, r.get(), sql));
    }
    return r;
  }

  Status Close(const std::string& cursor) {
    Status s = conn_->Exec(("CLOSE " + cursor).c_str());
    if (!s.ok()) return state_.Fail(std::move(s).error());
    return OkStatus();
  }

  void BumpSchemaGeneration();
  void Finish();

  PgDatabase* owner_;
  PgConn* conn_;
  TxState state_;
  bool begun_, ran_ = false;
  int cursor_depth_ = 0;
};

class PgDatabase : public Database {
 public:
  PgDatabase(std::string conninfo, const OpenOptions& options, bool pooled,
             std::unique_ptr<PgConn> first)
      : conninfo_(std::move(conninfo)), options_(options), pooled_(pooled) {
    idle_.push_back(std::move(first));
    open_ = 1;
  }

  Result<std::unique_ptr<Tx>> Begin(Mode mode) override {
    SL_ASSIGN_OR_RETURN(PgConn * conn, Acquire());
    // Gives the connection back when destroyed.
    auto tx = std::make_unique<PgTx>(this, conn, /*begun=*/mode == Mode::kWrite);
    auto begin = [&]() -> Status {
      const uint64_t generation = generation_.load();
      if (conn->generation != generation) {
        SL_TRY(conn->DropPrepared());
        conn->generation = generation;
      }
      return mode == Mode::kRead ? OkStatus() : conn->Exec("BEGIN READ WRITE");
    };
    Status s = begin();
    if (!s.ok() && PQstatus(conn->get()) == CONNECTION_BAD) {
      // An idle pooled connection learns of a server restart only now.
      SL_TRY(conn->Reset());
      s = begin();
    }
    if (!s.ok()) return std::move(s).error();
    return std::unique_ptr<Tx>(std::move(tx));
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  // pg_dump takes its copy in one repeatable-read snapshot; writers go on.
  Status BackupTo(const std::string& path) override {
    if (std::filesystem::exists(path)) return Error::Internal(path + " exists already");
    return RunTool("pg_dump", {"--format=custom", "--no-owner", "--file=" + path});
  }

  Status RestoreFrom(const std::string& path) override {
    if (!std::filesystem::exists(path)) return Error::Internal(path + " does not exist");
    SL_TRY(RunTool("pg_restore", {"--clean", "--if-exists", "--no-owner", "--single-transaction",
                                  "--exit-on-error", path}));
    BumpGeneration();  // statements prepared on the old tables
    return OkStatus();
  }

  void BumpGeneration() { ++generation_; }

  // Takes back a connection; one left inside a transaction (a failed
  // ROLLBACK) or broken is closed rather than handed to the next caller.
  void Release(PgConn* conn) {
    std::unique_ptr<PgConn> owned(conn);
    const bool reusable =
        PQstatus(conn->get()) == CONNECTION_OK && PQtransactionStatus(conn->get()) == PQTRANS_IDLE;
    std::lock_guard lock(mu_);
    if (reusable) {
      idle_.push_back(std::move(owned));
    } else {
      --open_;
    }
    cv_.notify_one();
  }

 private:
  Result<PgConn*> Acquire() {
    const int max_open = options_.pool_size > 0 ? options_.pool_size : 1;
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                      [&] { return !idle_.empty() || open_ < max_open; })) {
      return Unavailable("timed out waiting for a pooled connection");
    }
    if (!idle_.empty()) {
      PgConn* conn = idle_.back().release();
      idle_.pop_back();
      lock.unlock();
      if (PQstatus(conn->get()) != CONNECTION_OK) {
        Status s = conn->Reset();
        if (!s.ok()) {
          Release(conn);
          return std::move(s).error();
        }
      }
      return conn;
    }
    ++open_;
    lock.unlock();
    auto conn = PgConn::Connect(conninfo_, options_, pooled_);
    if (!conn.ok()) {
      std::lock_guard relock(mu_);
      --open_;
      cv_.notify_one();
      return std::move(conn).error();
    }
    (*conn)->generation = generation_.load();
    return conn->release();
  }

  // Runs pg_dump or pg_restore (PATH's) with `args` and the database.
  Status RunTool(const char* tool, std::vector<std::string> args) const {
    args.insert(args.begin(), tool);
    args.push_back("--dbname=" + conninfo_);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, tool, nullptr, nullptr, argv.data(), environ) != 0)
      return Error::Internal(std::string("cannot run ") + tool + " (is it installed?)");
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      return Error::Internal(std::string(tool) + " failed (its message is above)");
    return OkStatus();
  }

  std::string conninfo_;
  OpenOptions options_;
  bool pooled_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConn>> idle_;
  int open_ = 0;
  std::atomic<uint64_t> generation_{0};
};

void PgTx::BumpSchemaGeneration() {
  owner_->BumpGeneration();
  // This connection's cache is already empty.
}

void PgTx::Finish() {
  if (PQtransactionStatus(conn_->get()) != PQTRANS_IDLE) (void)conn_->Exec("ROLLBACK");
  state_.Finish();
  owner_->Release(conn_);
}

Status PgTx::DoCommit() {
  if (auto refused = state_.CommitRefused([this] { Finish(); })) return *refused;
  if (!begun_) {  // a read that ran its statements on their own
    Finish();
    return OkStatus();
  }
  PGconn* c = conn_->get();
  PgResult r = Wrap(PQexec(c, "COMMIT"));
  Status s = OkStatus();
  if (!ResultOk(r.get())) {
    s = MapError(c, r.get(), "COMMIT");
  } else if (std::strcmp(PQcmdStatus(r.get()), "COMMIT") != 0) {
    s = Error::Internal(std::string("postgres: COMMIT answered ") + PQcmdStatus(r.get()));
  }
  Finish();
  return s;
}

}  // namespace

namespace pg {

bool TakePoolerParam(std::string& url) {
  const size_t query = url.find('?');
  if (query == std::string::npos) return false;
  std::string kept;
  bool pooled = false;
  size_t at = query + 1;
  while (at <= url.size()) {
    size_t end = url.find('&', at);
    if (end == std::string::npos) end = url.size();
    const std::string_view param(url.data() + at, end - at);
    if (param == "pooler=transaction") {
      pooled = true;
    } else if (!param.empty()) {
      kept.append(kept.empty() ? "" : "&").append(param);
    }
    at = end + 1;
  }
  if (!pooled) return false;
  url.resize(query);
  if (!kept.empty()) url.append("?").append(kept);
  return true;
}

}  // namespace pg

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const OpenOptions& options) {
  std::string conninfo = url;
  const bool pooled = TakePoolerParam(conninfo);
  char* err = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &err);
  PQfreemem(err);
  if (!parsed) return Error::BadRequest("bad_db_url");
  PQconninfoFree(parsed);
  SL_ASSIGN_OR_RETURN(auto first, PgConn::Connect(conninfo, options, pooled));
  return std::unique_ptr<Database>(
      std::make_unique<PgDatabase>(conninfo, options, pooled, std::move(first)));
}

}  // namespace sl::db::internal
