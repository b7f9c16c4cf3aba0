#include "db/db.hpp"

#include <algorithm>
#include <any>
#include <charconv>
#include <cmath>
#include <limits>

#include "db/internal.hpp"

namespace sl::db {

namespace {

bool ParseInt(std::string_view s, int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool ParseDouble(std::string_view s, double& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

// Truncates toward zero, saturating, so that a stray real never invokes UB.
int64_t DoubleToInt(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  if (d <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

Value Nullable(const std::optional<std::string>& v) {
  if (!v) return std::monostate{};
  return *v;
}

Value Nullable(const std::optional<int64_t>& v) {
  if (!v) return std::monostate{};
  return *v;
}

bool Row::IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }

int64_t Row::Int(size_t i) const {
  const Value& v = values_.at(i);
  if (auto* n = std::get_if<int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v)) return DoubleToInt(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    int64_t n = 0;
    if (ParseInt(*s, n)) return n;
    double d = 0;
    if (ParseDouble(*s, d)) return DoubleToInt(d);
  }
  return 0;
}

double Row::Real(size_t i) const {
  const Value& v = values_.at(i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  if (auto* s = std::get_if<std::string>(&v)) {
    double d = 0;
    if (ParseDouble(*s, d)) return d;
  }
  return 0;
}

std::string Row::Str(size_t i) const {
  const Value& v = values_.at(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (auto* d = std::get_if<double>(&v)) return internal::FormatDouble(*d);
  return "";
}

std::optional<int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptStr(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Str(i);
}

Result<std::optional<Row>> Tx::QueryOne(std::string_view sql, const Params& params) {
  SL_ASSIGN_OR_RETURN(std::vector<Row> rows, Query(sql, params));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows.front()));
}

Result<int64_t> Tx::InsertId(std::string_view sql, const Params& params) {
  SL_ASSIGN_OR_RETURN(std::vector<Row> rows, Query(sql, params));
  if (rows.size() != 1 || rows[0].size() < 1 || rows[0].IsNull(0)) {
    return Error::Internal("InsertId: expected one row with an id from: " + std::string(sql));
  }
  return rows[0].Int(0);
}

Result<std::vector<int64_t>> Tx::ReserveIds(std::string_view table, size_t n) {
  if (!internal::IsPlainIdentifier(table))
    return Error::Internal("ReserveIds: bad table " + std::string(table));
  std::vector<int64_t> ids;
  ids.reserve(n);
  if (n == 0) return ids;
  const std::string name(table);
  if (dialect() == Dialect::kPostgres) {
    SL_ASSIGN_OR_RETURN(auto rows, Query("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM "
                                         "generate_series(1, ?) ORDER BY 1",
                                         {name, static_cast<int64_t>(n)}));
    for (const Row& r : rows) ids.push_back(r.Int(0));
    if (ids.size() != n) return Error::Internal("ReserveIds: the sequence gave too few ids");
    return ids;
  }
  SL_ASSIGN_OR_RETURN(auto max, QueryOne("SELECT COALESCE(MAX(id), 0) FROM \"" + name + "\""));
  int64_t next = max ? max->Int(0) : 0;
  std::any& reserved = memo()["db.reserved." + name];
  if (reserved.has_value()) next = std::max(next, std::any_cast<int64_t>(reserved));
  for (size_t i = 0; i < n; ++i) ids.push_back(++next);
  reserved = next;
  return ids;
}

Status Tx::RefreshStatistics(std::string_view table) {
  if (!internal::IsPlainIdentifier(table))
    return Error::Internal("RefreshStatistics: bad table " + std::string(table));
  if (dialect() != Dialect::kPostgres) return OkStatus();
  SL_TRY(Exec("ANALYZE \"" + std::string(table) + "\""));
  return OkStatus();
}

Status RefreshAllStatistics(Database& db) {
  if (db.dialect() != Dialect::kSqlite) return OkStatus();  // autovacuum does it
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(Mode::kWrite));
  // Sampled: a bounded cost whatever the size of the file.
  SL_TRY(tx->Exec("PRAGMA analysis_limit = 1000"));
  SL_TRY(tx->Exec("ANALYZE"));
  return tx->Commit();
}

Status Tx::Commit() {
  // A hook may add another (it writes through a feature that registers one).
  for (size_t i = 0; i < before_commit_.size(); ++i) {
    std::function<Status()> fn = std::move(before_commit_[i]);
    SL_TRY(fn());
  }
  before_commit_.clear();
  return DoCommit();
}

Status Tx::ExecScript(std::string_view) {
  return Error::Internal("ExecScript is not supported by this Tx");
}

Result<std::unique_ptr<Database>> Database::Open(std::string_view url, const OpenOptions& options) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.substr(0, kSqlite.size()) == kSqlite) {
    std::string path(url.substr(kSqlite.size()));
    // ":memory:" would give every pooled connection its own empty database.
    if (path.empty() || path == ":memory:") return Error::BadRequest("bad_db_url");
    return internal::OpenSqlite(path, options);
  }
  if (url.substr(0, 13) == "postgresql://" || url.substr(0, 11) == "postgres://") {
    return internal::OpenPostgres(std::string(url), options);
  }
  return Error::BadRequest("bad_db_url");
}

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  size_t i = 0;
  const size_t len = sql.size();
  // Copies sql[i, end) verbatim and moves i to end.
  auto copy_to = [&](size_t end) {
    if (end > len) end = len;
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < len) {
    const char c = sql[i];
    const char next = i + 1 < len ? sql[i + 1] : '\0';
    const bool after_ident = i > 0 && IsIdentChar(sql[i - 1]);
    if (c == '\'') {
      // E'...' strings also take backslash escapes.
      const bool escapes =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && !(i > 1 && IsIdentChar(sql[i - 2]));
      size_t j = i + 1;
      while (j < len) {
        if (escapes && sql[j] == '\\') {
          j += 2;
        } else if (sql[j] == '\'') {
          if (j + 1 < len && sql[j + 1] == '\'') {
            j += 2;
          } else {
            break;
          }
        } else {
          ++j;
        }
      }
      copy_to(j + 1);
    } else if (c == '"') {
      size_t j = i + 1;
      while (j < len) {
        if (sql[j] == '"' && j + 1 < len && sql[j + 1] == '"') {
          j += 2;
        } else if (sql[j] == '"') {
          break;
        } else {
          ++j;
        }
      }
      copy_to(j + 1);
    } else if (c == '-' && next == '-') {
      size_t j = sql.find('\n', i);
      copy_to(j == std::string_view::npos ? len : j);
    } else if (c == '/' && next == '*') {
      // PostgreSQL nests block comments.
      size_t j = i + 2;
      int depth = 1;
      while (j < len && depth > 0) {
        if (sql[j] == '/' && j + 1 < len && sql[j + 1] == '*') {
          ++depth;
          j += 2;
        } else if (sql[j] == '*' && j + 1 < len && sql[j + 1] == '/') {
          --depth;
          j += 2;
        } else {
          ++j;
        }
      }
      copy_to(j);
    } else if (c == '$' && !after_ident) {
      // A dollar quote $tag$ ... $tag$ (the tag may be empty).
      size_t j = i + 1;
      while (j < len && IsIdentChar(sql[j]) && !(j == i + 1 && sql[j] >= '0' && sql[j] <= '9')) ++j;
      if (j < len && sql[j] == '$') {
        std::string_view tag = sql.substr(i, j - i + 1);
        size_t close = sql.find(tag, j + 1);
        copy_to(close == std::string_view::npos ? len : close + tag.size());
      } else {
        copy_to(i + 1);
      }
    } else if (c == '?') {
      if (next == '?') {
        out += '?';
        i += 2;
      } else {
        out += '$';
        out += std::to_string(++n);
        ++i;
      }
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

namespace internal {

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

Result<std::string> BulkColumnList(std::string_view table,
                                   const std::vector<std::string>& columns) {
  if (!IsPlainIdentifier(table) || columns.empty())
    return Error::Internal("BulkInsert: bad table or no columns: " + std::string(table));
  std::string list;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!IsPlainIdentifier(columns[i]))
      return Error::Internal("BulkInsert: bad column name: " + columns[i]);
    list += (i ? ", \"" : "\"") + columns[i] + "\"";
  }
  return list;
}

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, ec == std::errc() ? p : buf);
}

Status TxState::Check() const {
  if (finished_) return Error::Internal("transaction already finished");
  if (failed_) return error_;
  return OkStatus();
}

Error TxState::Fail(Error e) {
  if (!failed_) {
    failed_ = true;
    error_ = e;
  }
  return e;
}

}  // namespace internal

}  // namespace sl::db
