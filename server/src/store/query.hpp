#pragma once
// The query kit every feature's store uses: a WHERE clause built up with its
// parameters (scopes, regions, search), and the reading of a ledger's records
// one at a time, a page at a time or streamed in batches. Stores speak records;
// handlers turn them into JSON.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/caller.hpp"
#include "core/handler.hpp"
#include "db/db.hpp"
#include "store/row_map.hpp"
#include "store/search_index.hpp"

namespace sl::store {

// A WHERE clause under construction.
struct Where {
  std::string sql = "1=1";
  db::Params params;
  void And(const std::string& condition, db::Params p = {});
  // Rows whose `path_column` lies in the scope.
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
  // `column` = value, when the value is given (not empty, not 0).
  void Equals(const std::string& column, const std::string& value);
  void Equals(const std::string& column, int64_t value);

  // What Search added (the list's count then stops at kCountCap): the query
  // folded, the kind, the record's id and search_text columns, and where the
  // condition and its parameters sit in `sql` and `params`, so that a broad
  // search can read the list without it (PageRows).
  struct SearchPart {
    SearchKind kind;
    std::string folded, id_column, search_column;
    size_t sql_at, sql_size, param_at, param_count;
  };
  std::optional<SearchPart> search;
  // This clause without the search's condition.
  Where WithoutSearch() const;
};

// When a search is broad, and how far a broad search reads before it falls
// back to the index (PageRows): a search is broad when its query starts at
// least `index_rows` index rows (gathering them and reading each record would
// cost more than walking the list); its page reads at most `walk_rows`
// records in the list's order, its count tests at most `scan_rows`. The
// values are the server's; tests make them small to take every path.
struct BroadSearchLimits {
  int64_t index_rows = 40000;
  int64_t walk_rows = 2000;
  int64_t scan_rows = 120000;
};
BroadSearchLimits& BroadSearch();

// A search's count stops here: "10,000+" says enough, and counting a
// one-letter search over a province would cost more than its page.
inline constexpr int64_t kCountCap = 10000;

// One page of a list and how many rows the whole list has.
template <class T>
struct Paged {
  std::vector<T> items;
  int64_t total = 0;
  // The list is a search that matched more than kCountCap rows: `total` is
  // kCountCap, a lower bound.
  bool capped = false;
};

// A ledger's own table, when its list's WHERE and order name no other
// (`from` "enterprise e", `column` "e.id", the first column of its records).
struct Keys {
  std::string from;
  std::string column;
};

// Runs the page of `SELECT <columns> FROM <from> WHERE ... ORDER BY <order>
// LIMIT/OFFSET` and, unless a page that is not full says how many rows there
// are, `SELECT COUNT(*) FROM <from> WHERE ...` (up to kCountCap + 1 rows for
// a search); `select_params` are the values of placeholders in `columns`.
// With `keys`, the page's keys are read from the table alone and then its
// rows by key, and the count reads the table alone: the sort carries keys,
// not whole rows, and no joined row is read for a row not shown.
// A broad search (a letter, a surname: more index rows than gathering them
// is worth) reads the list's order and tests each record's search_text
// (text::SearchStarts) until its page is full, and counts by testing the
// list's first rows; either falls back to the index when the hits are too
// sparse or too clustered for that.
Result<Paged<db::Row>> PageRows(db::Tx& tx, std::string_view columns, std::string_view from,
                                const Where& where, std::string_view order, const Page& page,
                                const db::Params& select_params = {}, const Keys* keys = nullptr);

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

// How a ledger's records are read: `SELECT <columns> FROM <from>` (the table
// and its joins), each row made a record by the map (which names the
// columns). `select_params` are the values of placeholders in the columns (a
// count on a date).
template <class T>
struct RecordQuery {
  std::string from;
  RowMap<T> map;
  db::Params select_params = {};
  // The table the list's WHERE and order need, if one (see PageRows).
  std::optional<Keys> keys = std::nullopt;

  T FromRow(const db::Row& r) const { return map.Read(r); }
  // The parameters of a query: those of the SELECT list, then the WHERE's.
  db::Params Params(const Where& w) const {
    if (select_params.empty()) return w.params;
    db::Params p = select_params;
    p.insert(p.end(), w.params.begin(), w.params.end());
    return p;
  }
  std::string Sql(const Where& w, std::string_view order = {}) const {
    std::string sql = "SELECT ";
    sql.append(map.columns()).append(" FROM ").append(from).append(" WHERE ").append(w.sql);
    if (!order.empty()) sql.append(" ORDER BY ").append(order);
    return sql;
  }
  Result<std::optional<T>> Find(db::Tx& tx, const Where& w) const {
    SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(Sql(w), Params(w)));
    if (!row) return std::optional<T>();
    return std::optional<T>(FromRow(*row));
  }
  // The record of `w`, or NotFound(not_found).
  Result<T> Get(db::Tx& tx, const Where& w, const char* not_found) const {
    SL_ASSIGN_OR_RETURN(auto found, Find(tx, w));
    if (!found) return Error::NotFound(not_found);
    return std::move(*found);
  }
  Result<std::vector<T>> All(db::Tx& tx, const Where& w, std::string_view order) const {
    SL_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql(w, order), Params(w)));
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
  }
  Result<Paged<T>> List(db::Tx& tx, const Where& w, std::string_view order,
                        const Page& page) const {
    SL_ASSIGN_OR_RETURN(auto found, PageRows(tx, map.columns(), from, w, order, page, select_params,
                                             keys ? &*keys : nullptr));
    Paged<T> out;
    out.total = found.total;
    out.capped = found.capped;
    out.items.reserve(found.items.size());
    for (const auto& r : found.items) out.items.push_back(FromRow(r));
    return out;
  }
  Status ForEach(db::Tx& tx, const Where& w, std::string_view order,
                 const std::function<Status(const T&)>& fn) const {
    return tx.ForEach(Sql(w, order), Params(w), [&](const db::Row& r) { return fn(FromRow(r)); });
  }
  // In batches of a thousand: `complete(batch)` fills in what the records
  // need with a query or a few per batch, then `fn` sees each in order.
  template <class Complete, class Fn>
  Status ForEachInBatches(db::Tx& tx, const Where& w, std::string_view order, Complete&& complete,
                          Fn&& fn) const {
    return store::ForEachInBatches<T>(
        tx, Sql(w, order), Params(w), [this](const db::Row& r) { return FromRow(r); },
        std::forward<Complete>(complete), std::forward<Fn>(fn));
  }
};

// How a ledger's list is read for a filter: the records' query (which may
// depend on the filter, such as the day it is judged on), the WHERE the
// filter makes, the order, and what each batch of records needs filled in
// with a query or a few (names of targets, tags). One listing serves the
// list route's page and the export's stream alike.
template <class T, class Filter>
struct Listing {
  std::function<RecordQuery<T>(const Filter&)> query;
  std::function<Status(db::Tx&, const Caller&, const Filter&, Where&)> where;
  std::function<std::string(const Filter&)> order;
  std::function<Status(db::Tx&, const Filter&, std::vector<T>&)> complete = nullptr;

  Result<Paged<T>> Page(db::Tx& tx, const Caller& caller, const Filter& f,
                        const sl::Page& page) const {
    Where w;
    SL_TRY(where(tx, caller, f, w));
    SL_ASSIGN_OR_RETURN(Paged<T> found, query(f).List(tx, w, order(f), page));
    if (complete) SL_TRY(complete(tx, f, found.items));
    return found;
  }
  Status ForEach(db::Tx& tx, const Caller& caller, const Filter& f,
                 const std::function<Status(const T&)>& fn) const {
    Where w;
    SL_TRY(where(tx, caller, f, w));
    const RecordQuery<T> q = query(f);
    if (!complete) return q.ForEach(tx, w, order(f), fn);
    return q.ForEachInBatches(
        tx, w, order(f), [&](std::vector<T>& batch) { return complete(tx, f, batch); }, fn);
  }
};

// A value, or SQL NULL for an absent or empty text.
db::Value OrNull(const std::optional<std::string>& s);
db::Value OrNull(const std::optional<int64_t>& n);

}  // namespace sl::store
