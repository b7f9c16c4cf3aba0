#pragma once
// Pieces the registry's stores share: resolving regions for writes, building
// scoped list queries, dates and the audit snapshot of a record.

#include <map>
#include <optional>
#include <string>

#include "core/caller.hpp"
#include "core/handler.hpp"
#include "db/db.hpp"
#include "registry/model.hpp"
#include "registry/search_index.hpp"

namespace sl::registry::internal {

using Fields = std::map<std::string, Text>;

// A region named by code in a form: must exist and lie inside the caller's
// capture scope; otherwise a message for `field` and nullopt.
Result<std::optional<RegionRef>> RegionForWrite(db::Tx& tx, const Caller& caller,
                                                const std::string& code, const char* field,
                                                Fields& errors);
// Forbidden unless the caller may change records at `path`.
Status CheckCapture(const Caller& caller, const std::string& path);
// Validates an optional date field in place (normalizing ledger spellings).
void CheckDate(std::optional<std::string>& value, const char* field, Fields& errors,
               bool required = false);
// Validates a choice field in place (ids or labels accepted).
void CheckChoice(std::optional<std::string>& value, const std::vector<Choice>& choices,
                 const char* field, Fields& errors, bool required = false);
// A required, trimmed text of at most `max` characters.
void CheckText(std::optional<std::string>& value, const char* field, Fields& errors, size_t max,
               bool required);

// A WHERE clause under construction.
struct Where {
  std::string sql = "1=1";
  db::Params params;
  void And(const std::string& condition, db::Params p = {});
  // Rows whose `path_column` lies in the caller's view scope.
  void Scope(const sl::Scope& view, const std::string& path_column);
  // The same, with pairing access for people ("person") and enterprises
  // ("enterprise") identified by `id_column`.
  void ScopeOrPaired(const sl::Scope& view, const std::string& path_column,
                     const std::string& id_column, const char* kind);
  // Rows under the region with this code (a bad_query error for an unknown code).
  Status UnderRegion(db::Tx& tx, const std::string& code, const std::string& path_column);
  // Rows (table alias `alias`, of this kind) whose name contains the query:
  // Simplified/Traditional-insensitive, full pinyin, initials (search_index).
  void Search(const std::string& q, SearchKind kind, const std::string& alias);
};

// Runs `SELECT COUNT(*) FROM <from> WHERE ...` and the page of `SELECT <columns>
// FROM <from> WHERE ... ORDER BY <order> LIMIT/OFFSET`.
Result<std::pair<std::vector<db::Row>, int64_t>> PageRows(db::Tx& tx, const std::string& columns,
                                                          const std::string& from,
                                                          const Where& where,
                                                          const std::string& order,
                                                          const Page& page);

// Audit region path and JSON helpers.
std::string Now();
std::optional<std::string> OptStr(const db::Row& r, size_t i);
db::Value OrNull(const std::optional<std::string>& s);
// The id of a path parameter ("/people/{id}"), or NotFound with `what`.
Result<int64_t> PathId(const Request& request, const char* what);

// Handlers: one operation in one transaction, answered as JSON (Write with
// `status`, Read) or 204 (Remove).
template <class F>
Result<Response> Write(db::Database& db, int status, F&& f) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_ASSIGN_OR_RETURN(Json out, f(*tx));
  SL_TRY(tx->Commit());
  Response r = Response::Ok(std::move(out));
  r.status = status;
  return r;
}

template <class F>
Result<Response> Remove(db::Database& db, F&& f) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_TRY(f(*tx));
  SL_TRY(tx->Commit());
  return Response::NoContent();
}

template <class F>
Result<Response> Read(db::Database& db, F&& f) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(Json out, f(*tx));
  return Response::Ok(std::move(out));
}

// Streams the rows of `sql` as records (`from_row`) a thousand at a time:
// `complete(batch)` fills in what the records need with a query or a few per
// batch (tags, target names), then `fn` sees each record in order.
template <class T, class FromRow, class Complete, class Fn>
Status ForEachInBatches(db::Tx& tx, const std::string& sql, const db::Params& params,
                        FromRow&& from_row, Complete&& complete, Fn&& fn) {
  constexpr size_t kBatch = 1000;
  std::vector<T> batch;
  const auto flush = [&]() -> Status {
    SL_TRY(complete(batch));
    for (const T& record : batch) SL_TRY(fn(record));
    batch.clear();
    return OkStatus();
  };
  SL_TRY(tx.ForEach(sql, params, [&](const db::Row& row) -> Status {
    batch.push_back(from_row(row));
    return batch.size() >= kBatch ? flush() : OkStatus();
  }));
  return flush();
}

// A query parameter, "" when absent.
inline std::string Q(const Request& r, const char* name) { return r.Query(name).value_or(""); }

// An id query parameter: 0 when absent, bad_query when not a whole number.
inline Result<int64_t> QueryId(const Request& r, const char* name) {
  auto v = r.Query(name);
  if (!v || v->empty()) return int64_t{0};
  auto id = ParseInt(*v);
  if (!id || *id < 0) return Error::BadRequest("bad_query", {name});
  return *id;
}

}  // namespace sl::registry::internal
