#pragma once
// The PostgreSQL backend's connection: libpq results and errors, values
// decoded from text, a connection with its cache of prepared statements, and
// parameters and COPY rows encoded for libpq. Used by pg_db.cpp alone.

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "db/internal.hpp"

namespace sl::db::internal::pg {

// Type OIDs from pg_type.h, which libpq-dev does not ship.
inline constexpr Oid kBoolOid = 16;
inline constexpr Oid kByteaOid = 17;
inline constexpr Oid kInt8Oid = 20;
inline constexpr Oid kInt2Oid = 21;
inline constexpr Oid kInt4Oid = 23;
inline constexpr Oid kOidOid = 26;
inline constexpr Oid kFloat4Oid = 700;
inline constexpr Oid kFloat8Oid = 701;
inline constexpr Oid kNumericOid = 1700;

inline constexpr size_t kStatementCacheSize = 256;
inline constexpr int kFetchRows = 1000;

using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

inline PgResult Wrap(PGresult* r) { return PgResult(r, &PQclear); }

std::string Trim(std::string s);
Error Unavailable(std::string detail);
// Maps a failed result (or a null one: the connection broke) to our errors.
Error MapError(PGconn* conn, const PGresult* res, std::string_view sql);
bool ResultOk(const PGresult* r);
int HexDigit(char c);
Value Decode(const PGresult* r, int row, int col);
std::vector<Row> ReadRows(const PGresult* r);
void IgnoreNotice(void*, const char*);
std::string HexBytes(std::string_view bytes);
// Whether `sql` can be the query of a cursor (a plain read): DECLARE refuses
// data-modifying statements, which ForEach then runs whole instead.
bool CursorFriendly(std::string_view sql);
// One field of a COPY text-format row.
void AppendCopyField(std::string& out, const Value& v, Oid type);

// Takes `pooler=transaction` out of a postgresql:// URL's query (libpq would
// refuse it) and answers whether it was there: the URL names a pooler in
// transaction mode (pgbouncer), which hands each transaction, and each
// statement outside one, to any of its server connections, so neither named
// prepared statements nor session settings last from one to the next.
bool TakePoolerParam(std::string& url);

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
  // Behind a transaction pooler: statements go unnamed, with their
  // parameters, in one message each (PQexecParams), and nothing is set for
  // the session.
  bool pooled() const { return pooled_; }

  static Result<std::unique_ptr<PgConn>> Connect(const std::string& conninfo,
                                                 const OpenOptions& options, bool pooled) {
    // connect_timeout comes before the URL (which may override it); the
    // encoding after it, because everything here assumes UTF-8.
    const std::string timeout = std::to_string(std::max(2, options.busy_timeout_ms / 1000));
    const char* keys[] = {"connect_timeout", "dbname", "client_encoding", nullptr};
    const char* values[] = {timeout.c_str(), conninfo.c_str(), "UTF8", nullptr};
    auto conn = std::make_unique<PgConn>(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
    if (!conn->conn_) return Unavailable("out of memory");
    conn->pooled_ = pooled;
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
    return pooled_ ? OkStatus() : Exec("DEALLOCATE ALL");
  }

  // Whether Prepare knows `sql` already (behind a pooler: its types).
  bool Knows(const std::string& sql) const { return cache_.count(sql) != 0; }

  // The prepared statement for `sql` (already in $n form), with its parameter
  // and column types as the server inferred them. Behind a pooler the
  // statement is the unnamed one, and only its types are kept: it must be
  // asked inside a transaction (the same server connection answers both
  // messages), and the statement is then run with PQexecParams and the types.
  Result<const Prepared*> Prepare(const std::string& sql, std::string_view original) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return &it->second;
    if (cache_.size() >= kStatementCacheSize) SL_TRY(DropPrepared());
    Prepared p;
    if (!pooled_) p.name = "sl_" + std::to_string(++counter_);
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
    // Behind a pooler a session setting would reach whichever server
    // connection took it, and other clients' transactions after it. Nothing
    // here needs the time zone (times are written as text by the program)
    // or bytea (no column has it); read transactions then go without the
    // read-only default.
    if (pooled_) return OkStatus();
    // Statements are prepared once per connection; after five runs PostgreSQL
    // may switch to a generic plan, which saves planning a small lookup each
    // time (a record: 2,600 -> 10,000 req/s) but for a region-prefix range
    // guesses a few rows where a province has hundreds of thousands: reports
    // plan each run (Tx::PlanEachRun). Reads run outside BEGIN (PgTx):
    // read-only by default, writes say BEGIN READ WRITE.
    return Exec(
        "SET TimeZone = 'UTC'; SET bytea_output = 'hex'; SET default_transaction_read_only = on");
  }

  PGconn* conn_;
  bool pooled_ = false;
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

}  // namespace sl::db::internal::pg
