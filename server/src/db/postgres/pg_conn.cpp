#include "db/postgres/pg_conn.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace sl::db::internal::pg {

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

}  // namespace sl::db::internal::pg
