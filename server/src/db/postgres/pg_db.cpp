// PostgreSQL backend on libpq: a pool of connections, each with its own cache
// of named prepared statements. Preparing first lets the server tell us each
// parameter's type, so that bytea parameters can travel as raw bytes while
// everything else goes as text and PostgreSQL converts it, as SQLite would.

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "db/internal.hpp"

namespace sl::db::internal {

namespace {

// Type OIDs from pg_type.h, which libpq-dev does not ship.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

constexpr size_t kStatementCacheSize = 256;
constexpr int kFetchRows = 1000;

using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

PgResult Wrap(PGresult* r) { return PgResult(r, &PQclear); }

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

Error Unavailable(std::string detail) {
  Error e = Error::Unavailable("unavailable");
  e.detail = "postgres: " + Trim(std::move(detail));
  return e;
}

// Maps a failed result (or a null one: the connection broke) to our errors.
Error MapError(PGconn* conn, const PGresult* res, std::string_view sql) {
  std::string msg = Trim(res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  if (msg.empty()) msg = Trim(PQerrorMessage(conn));
  const char* state_c = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view state = state_c ? state_c : "";
  if (state == "23505" || state == "23503") {
    Error e = Error::Conflict(state == "23505" ? "db_unique" : "db_foreign_key");
    const char* constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    e.detail = std::string(constraint ? constraint : "") + ": " + msg;
    return e;
  }
  // Connection loss, server shutdown, too many connections, and transient
  // conflicts a caller may retry (serialization, deadlock, lock timeout).
  if (PQstatus(conn) == CONNECTION_BAD || state.empty() || state.substr(0, 2) == "08" ||
      state == "57P01" || state == "57P02" || state == "57P03" || state == "53300" ||
      state == "40001" || state == "40P01" || state == "55P03") {
    return Unavailable(msg);
  }
  std::string detail = "postgres: " + msg;
  if (!sql.empty()) detail += " in: " + std::string(sql);
  return Error::Internal(std::move(detail));
}

bool ResultOk(const PGresult* r) {
  const ExecStatusType s = PQresultStatus(r);
  return r && (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

Value Decode(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return std::monostate{};
  const char* s = PQgetvalue(r, row, col);
  const int len = PQgetlength(r, row, col);
  const std::string_view text(s, len);
  switch (PQftype(r, col)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      int64_t n = 0;
      std::from_chars(s, s + len, n);
      return n;
    }
    case kBoolOid:  // SQLite has no booleans: comparisons yield 0 and 1 there.
      return int64_t{text == "t" ? 1 : 0};
    case kNumericOid: {
      // SUM over integers is numeric in PostgreSQL and an integer in SQLite.
      int64_t n = 0;
      auto [p, ec] = std::from_chars(s, s + len, n);
      if (ec == std::errc() && p == s + len) return n;
      [[fallthrough]];
    }
    case kFloat4Oid:
    case kFloat8Oid: {
      double d = 0;
      std::from_chars(s, s + len, d);
      return d;
    }
    case kByteaOid: {
      // bytea_output is hex (set on connect): "\x" then two digits a byte.
      std::string bytes;
      if (len >= 2 && s[0] == '\\' && s[1] == 'x') {
        bytes.reserve((len - 2) / 2);
        for (int i = 2; i + 1 < len; i += 2) {
          bytes += static_cast<char>(HexDigit(s[i]) * 16 + HexDigit(s[i + 1]));
        }
      }
      return bytes;
    }
    default:
      return std::string(text);
  }
}

std::vector<Row> ReadRows(const PGresult* r) {
  const int rows = PQntuples(r);
  const int cols = PQnfields(r);
  std::vector<Row> out;
  out.reserve(rows);
  for (int i = 0; i < rows; ++i) {
    std::vector<Value> values;
    values.reserve(cols);
    for (int c = 0; c < cols; ++c) values.push_back(Decode(r, i, c));
    out.emplace_back(std::move(values));
  }
  return out;
}

void IgnoreNotice(void*, const char*) {}

std::string HexBytes(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// Whether `sql` can be the query of a cursor (a plain read): DECLARE refuses
// data-modifying statements, which ForEach then runs whole instead.
bool CursorFriendly(std::string_view sql) {
  std::string lower;
  lower.reserve(sql.size());
  for (char c : sql) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  auto is_word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  };
  size_t start = lower.find_first_not_of(" \t\r\n(");
  if (start == std::string::npos) return false;
  bool first = true;
  for (size_t i = start; i < lower.size();) {
    if (!is_word(lower[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < lower.size() && is_word(lower[j])) ++j;
    std::string_view w(lower.data() + i, j - i);
    if (first && w != "select" && w != "with" && w != "values" && w != "table") return false;
    first = false;
    if (w == "insert" || w == "update" || w == "delete" || w == "merge") return false;
    i = j;
  }
  return true;
}

struct Prepared {
  std::string name;
  std::vector<Oid> param_types;
  std::vector<Oid> column_types;
};

// One pooled connection and its prepared statements.
class PgConn {
 public:
  explicit PgConn(PGconn* conn) : conn_(conn) {}
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;
  ~PgConn() { PQfinish(conn_); }

  PGconn* get() const { return conn_; }
  uint64_t generation = 0;  // the Database's schema generation the cache is valid for

  static Result<std::unique_ptr<PgConn>> Connect(const std::string& conninfo,
                                                 const OpenOptions& options) {
    // connect_timeout comes before the URL (which may override it); the
    // encoding after it, because everything here assumes UTF-8.
    const std::string timeout = std::to_string(std::max(2, options.busy_timeout_ms / 1000));
    const char* keys[] = {"connect_timeout", "dbname", "client_encoding", nullptr};
    const char* values[] = {timeout.c_str(), conninfo.c_str(), "UTF8", nullptr};
    auto conn = std::make_unique<PgConn>(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
    if (!conn->conn_) return Unavailable("out of memory");
    if (PQstatus(conn->conn_) != CONNECTION_OK) return Unavailable(PQerrorMessage(conn->conn_));
    SL_TRY(conn->Setup());
    return conn;
  }

  // Reconnects a broken connection with the same parameters.
  Status Reset() {
    cache_.clear();
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) return Unavailable(PQerrorMessage(conn_));
    return Setup();
  }

  Status Exec(const char* sql) {
    PgResult r = Wrap(PQexec(conn_, sql));
    if (!ResultOk(r.get())) return MapError(conn_, r.get(), sql);
    return OkStatus();
  }

  // Server-side prepared statements do not follow later DDL in every case
  // ("cached plan must not change result type"), so DDL drops them all.
  Status DropPrepared() {
    if (cache_.empty()) return OkStatus();
    cache_.clear();
    return Exec("DEALLOCATE ALL");
  }

  // The prepared statement for `sql` (already in $n form), with its parameter
  // and column types as the server inferred them.
  Result<const Prepared*> Prepare(const std::string& sql, std::string_view original) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return &it->second;
    if (cache_.size() >= kStatementCacheSize) SL_TRY(DropPrepared());
    Prepared p;
    p.name = "sl_" + std::to_string(++counter_);
    PgResult r = Wrap(PQprepare(conn_, p.name.c_str(), sql.c_str(), 0, nullptr));
    if (!ResultOk(r.get())) return MapError(conn_, r.get(), original);
    PgResult d = Wrap(PQdescribePrepared(conn_, p.name.c_str()));
    if (!ResultOk(d.get())) return MapError(conn_, d.get(), original);
    for (int i = 0; i < PQnparams(d.get()); ++i) p.param_types.push_back(PQparamtype(d.get(), i));
    for (int i = 0; i < PQnfields(d.get()); ++i) p.column_types.push_back(PQftype(d.get(), i));
    return &cache_.emplace(sql, std::move(p)).first->second;
  }

 private:
  Status Setup() {
    PQsetNoticeProcessor(conn_, &IgnoreNotice, nullptr);
    // Statements are prepared once per connection; after five runs PostgreSQL
    // may switch to a generic plan, which for a region-prefix range guesses
    // a few rows where a province has hundreds of thousands (a province's
    // compliance took twice as long). Plan every execution for its values.
    return Exec(
        "SET TimeZone = 'UTC'; SET bytea_output = 'hex'; SET plan_cache_mode = "
        "force_custom_plan");
  }

  PGconn* conn_;
  std::unordered_map<std::string, Prepared> cache_;
  uint64_t counter_ = 0;
};

// Parameters in libpq's arrays; bytea ones binary, the rest text.
struct EncodedParams {
  std::vector<std::string> storage;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;

  EncodedParams(const Params& params, const std::vector<Oid>& types) {
    storage.resize(params.size());
    values.resize(params.size());
    lengths.resize(params.size());
    formats.resize(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        values[i] = nullptr;
        continue;
      }
      if (auto* t = std::get_if<std::string>(&v)) {
        // Text parameters are read up to their NUL, so c_str(); no copy needed.
        values[i] = t->c_str();
        lengths[i] = static_cast<int>(t->size());
        if (i < types.size() && types[i] == kByteaOid) formats[i] = 1;
        continue;
      }
      if (auto* n = std::get_if<int64_t>(&v)) {
        storage[i] = std::to_string(*n);
      } else {
        storage[i] = FormatDouble(std::get<double>(v));
      }
      values[i] = storage[i].c_str();
      lengths[i] = static_cast<int>(storage[i].size());
    }
  }
};

// One field of a COPY text-format row.
void AppendCopyField(std::string& out, const Value& v, Oid type) {
  if (std::holds_alternative<std::monostate>(v)) {
    out += "\\N";
  } else if (auto* n = std::get_if<int64_t>(&v)) {
    out += std::to_string(*n);
  } else if (auto* d = std::get_if<double>(&v)) {
    out += FormatDouble(*d);
  } else if (type == kByteaOid) {
    out += "\\\\x";  // bytea's hex input, its backslash escaped for COPY
    out += HexBytes(std::get<std::string>(v));
  } else {
    for (char c : std::get<std::string>(v)) {
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          out += c;
      }
    }
  }
}

class PgDatabase;

class PgTx : public Tx {
 public:
  PgTx(PgDatabase* owner, PgConn* conn) : owner_(owner), conn_(conn) {}
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
    if (!IsPlainIdentifier(table) || columns.empty()) {
      return Error::Internal("BulkInsert: bad table or no columns: " + std::string(table));
    }
    if (rows.empty()) return OkStatus();
    std::string list;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (!IsPlainIdentifier(columns[i])) {
        return Error::Internal("BulkInsert: bad column name: " + columns[i]);
      }
      list += (i ? ", \"" : "\"") + columns[i] + "\"";
    }
    for (const Params& row : rows) {
      if (row.size() != columns.size()) {
        return Error::Internal("BulkInsert: a row of " + std::to_string(row.size()) +
                               " values for " + std::to_string(columns.size()) + " columns");
      }
    }
    if (rows.empty()) return OkStatus();
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

 private:
  Status CheckParamCount(size_t want, size_t given, std::string_view sql) {
    if (want == given) return OkStatus();
    return state_.Fail(Error::Internal("postgres: " + std::to_string(want) +
                                       " parameters expected, " + std::to_string(given) +
                                       " given, in: " + std::string(sql)));
  }

  // Runs one statement; statements with parameters go through the cache of
  // prepared statements, others (often one-off DDL) are sent unnamed.
  Result<PgResult> Run(std::string_view sql, const Params& params) {
    const std::string rewritten = RewritePlaceholders(sql);
    PGconn* c = conn_->get();
    PgResult r = Wrap(nullptr);
    if (params.empty()) {
      r = Wrap(PQexecParams(c, rewritten.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0));
    } else {
      auto prepared = conn_->Prepare(rewritten, sql);
      if (!prepared.ok()) return state_.Fail(std::move(prepared).error());
      const Prepared& p = **prepared;
      SL_TRY(CheckParamCount(p.param_types.size(), params.size(), sql));
      EncodedParams enc(params, p.param_types);
      r = Wrap(PQexecPrepared(c, p.name.c_str(), static_cast<int>(params.size()), enc.values.data(),
                              enc.lengths.data(), enc.formats.data(), 0));
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
  int cursor_depth_ = 0;
};

class PgDatabase : public Database {
 public:
  PgDatabase(std::string conninfo, const OpenOptions& options, std::unique_ptr<PgConn> first)
      : conninfo_(std::move(conninfo)), options_(options) {
    idle_.push_back(std::move(first));
    open_ = 1;
  }

  Result<std::unique_ptr<Tx>> Begin(Mode mode) override {
    SL_ASSIGN_OR_RETURN(PgConn * conn, Acquire());
    auto tx = std::make_unique<PgTx>(this, conn);  // gives the connection back when destroyed
    auto begin = [&]() -> Status {
      const uint64_t generation = generation_.load();
      if (conn->generation != generation) {
        SL_TRY(conn->DropPrepared());
        conn->generation = generation;
      }
      return conn->Exec(mode == Mode::kRead ? "BEGIN READ ONLY" : "BEGIN");
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
    auto conn = PgConn::Connect(conninfo_, options_);
    if (!conn.ok()) {
      std::lock_guard relock(mu_);
      --open_;
      cv_.notify_one();
      return std::move(conn).error();
    }
    (*conn)->generation = generation_.load();
    return conn->release();
  }

  std::string conninfo_;
  OpenOptions options_;
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
  if (state_.finished()) return Error::Internal("transaction already finished");
  if (state_.failed()) {
    Status s = state_.Check();
    Finish();
    return s;
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

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& conninfo,
                                               const OpenOptions& options) {
  char* err = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &err);
  PQfreemem(err);
  if (!parsed) return Error::BadRequest("bad_db_url");
  PQconninfoFree(parsed);
  SL_ASSIGN_OR_RETURN(auto first, PgConn::Connect(conninfo, options));
  return std::unique_ptr<Database>(
      std::make_unique<PgDatabase>(conninfo, options, std::move(first)));
}

}  // namespace sl::db::internal
