#include "store/query.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"
#include "text/text.hpp"

namespace sl::store {

void Where::And(const std::string& condition, db::Params p) {
  sql += " AND " + condition;
  params.insert(params.end(), p.begin(), p.end());
}

void Where::ScopeOrPaired(const sl::Scope& view, const std::string& path_column,
                          const std::string& id_column, const char* kind) {
  sql += " AND " + db::PairedCondition(view, path_column, id_column, kind, TodayInChina(), params);
}

void Where::Scope(const sl::Scope& view, const std::string& path_column) {
  sql += " AND " + db::ScopeCondition(view, path_column, params);
}

Status Where::UnderRegion(db::Tx& tx, const std::string& code, const std::string& path_column) {
  SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, code));
  if (!region) return Error::BadRequest("bad_query", {"region"});
  Scope(sl::Scope::Subtree(region->path), path_column);
  return OkStatus();
}

void Where::Search(const std::string& q, SearchKind kind, const std::string& alias) {
  const size_t sql_at = sql.size(), param_at = params.size();
  std::string condition = SearchCondition(q, kind, alias + ".id", alias + ".search_text", params);
  if (condition.empty()) return;
  sql += " AND " + condition;
  search = SearchPart{kind,   text::FoldQuery(q),  alias + ".id", alias + ".search_text",
                      sql_at, sql.size() - sql_at, param_at,      params.size() - param_at};
}

Where Where::WithoutSearch() const {
  Where rest = *this;
  if (!search) return rest;
  rest.sql.erase(search->sql_at, search->sql_size);
  const auto at = rest.params.begin() + static_cast<std::ptrdiff_t>(search->param_at);
  rest.params.erase(at, at + static_cast<std::ptrdiff_t>(search->param_count));
  rest.search.reset();
  return rest;
}

void Where::Equals(const std::string& column, const std::string& value) {
  if (!value.empty()) And(column + " = ?", {value});
}

void Where::Equals(const std::string& column, int64_t value) {
  if (value != 0) And(column + " = ?", {value});
}

namespace {

// The page's rows by key, in the keys' order. The IN list always has the
// page's size (the last key repeated): one statement text per page size.
Result<std::vector<db::Row>> RowsByKey(db::Tx& tx, std::string_view columns, std::string_view from,
                                       std::string_view key_column,
                                       const std::vector<int64_t>& found, const Page& page,
                                       const db::Params& select_params) {
  std::vector<db::Row> rows;
  if (found.empty()) return rows;
  std::string sql = std::string("SELECT ").append(columns).append(" FROM ").append(from);
  sql.append(" WHERE ").append(key_column).append(" IN (");
  db::Params params = select_params;
  const size_t slots = std::max<size_t>(found.size(), static_cast<size_t>(page.size));
  for (size_t i = 0; i < slots; ++i) {
    sql.append(i ? ",?" : "?");
    params.emplace_back(found[std::min(i, found.size() - 1)]);
  }
  sql += ')';
  SL_ASSIGN_OR_RETURN(auto unordered, tx.Query(sql, params));
  std::unordered_map<int64_t, size_t> at;
  at.reserve(found.size());
  for (size_t i = 0; i < found.size(); ++i) at.emplace(found[i], i);
  rows.resize(found.size());
  size_t placed = 0;
  for (auto& row : unordered) {
    auto it = at.find(row.Int(0));
    if (it == at.end()) continue;
    rows[it->second] = std::move(row);
    ++placed;
  }
  // A key whose row the joins drop (none should: the joins are to parents).
  if (placed != found.size())
    return Error::Internal("a listed key has no row in " + std::string(from));
  return rows;
}

Result<bool> IsBroad(db::Tx& tx, const Where::SearchPart& s) {
  if (s.folded.size() > text::kSearchStartBytes) return false;
  return IndexRowsAtLeast(tx, s.kind, s.folded, BroadSearch().index_rows);
}

// A broad search's page, read along the list's order: the ids shown, and
// how many hits the list has when the walk reached its end.
struct Walked {
  std::vector<int64_t> ids;
  std::optional<int64_t> total;
};

// Nullopt when the first walk_rows records in order do not fill the page
// (the hits lie elsewhere in the order, as a surname's do).
Result<std::optional<Walked>> WalkPage(db::Tx& tx, std::string_view from, const Where& rest,
                                       const Where::SearchPart& s, std::string_view order,
                                       const Page& page) {
  db::Params params = rest.params;
  const int64_t walk_rows = BroadSearch().walk_rows;
  params.emplace_back(walk_rows);
  Walked out;
  int64_t seen = 0, hits = 0;
  const Status walked =
      tx.ForEach(std::string("SELECT ")
                     .append(s.id_column)
                     .append(", ")
                     .append(s.search_column)
                     .append(" FROM ")
                     .append(from)
                     .append(" WHERE ")
                     .append(rest.sql)
                     .append(" ORDER BY ")
                     .append(order)
                     .append(" LIMIT ?"),
                 params, [&](const db::Row& r) -> Status {
                   ++seen;
                   const auto* text = std::get_if<std::string>(&r.at(1));
                   if (!text || !HasSearchStart(*text, s.folded) || hits++ < page.offset())
                     return OkStatus();
                   out.ids.push_back(r.Int(0));
                   // Stops the walk: the page is full.
                   if (static_cast<int64_t>(out.ids.size()) == page.size)
                     return Error::Gone("walked");
                   return OkStatus();
                 });
  if (static_cast<int64_t>(out.ids.size()) == page.size) return std::optional<Walked>(out);
  SL_TRY(walked);
  if (seen < walk_rows) {
    out.total = hits;
    return std::optional<Walked>(out);
  }
  return std::optional<Walked>();
}

// A broad search's count from testing the list's first scan_rows records (in
// no order), stopping at the first kCountCap + 1 hits: that many when they
// are found; exact when the list is shorter; otherwise nullopt.
Result<std::optional<int64_t>> ScanCount(db::Tx& tx, std::string_view from, const Where& rest,
                                         const Where::SearchPart& s) {
  const std::string rows =
      std::string(" FROM ").append(from).append(" WHERE ").append(rest.sql).append(" LIMIT ?");
  const int64_t scan_rows = BroadSearch().scan_rows;
  db::Params params = rest.params;
  params.emplace_back(scan_rows);
  params.emplace_back(SearchStartPattern(s.folded));
  params.emplace_back(kCountCap + 1);
  SL_ASSIGN_OR_RETURN(auto hits,
                      tx.QueryOne(std::string("SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT ")
                                      .append(s.search_column)
                                      .append(" AS t")
                                      .append(rows)
                                      .append(") x WHERE x.t LIKE ? ESCAPE '\\' LIMIT ?) h"),
                                  params));
  const int64_t found = hits ? hits->Int(0) : 0;
  if (found > kCountCap) return std::optional<int64_t>(found);
  db::Params rest_params = rest.params;
  rest_params.emplace_back(scan_rows);
  SL_ASSIGN_OR_RETURN(auto scanned,
                      tx.QueryOne("SELECT COUNT(*) FROM (SELECT 1" + rows + ") x", rest_params));
  if (scanned && scanned->Int(0) < scan_rows) return std::optional<int64_t>(found);
  return std::optional<int64_t>();
}

}  // namespace

BroadSearchLimits& BroadSearch() {
  static BroadSearchLimits limits;
  return limits;
}

Result<Paged<db::Row>> PageRows(db::Tx& tx, std::string_view columns, std::string_view from,
                                const Where& where, std::string_view order, const Page& page,
                                const db::Params& select_params, const Keys* keys) {
  const std::string_view own = keys ? std::string_view(keys->from) : from;
  std::vector<db::Row> rows;
  std::optional<int64_t> counted;
  bool read = false;
  if (where.search) {
    SL_ASSIGN_OR_RETURN(bool broad, IsBroad(tx, *where.search));
    if (broad) {
      const Where rest = where.WithoutSearch();
      SL_ASSIGN_OR_RETURN(auto walked, WalkPage(tx, own, rest, *where.search, order, page));
      if (walked) {
        SL_ASSIGN_OR_RETURN(rows, RowsByKey(tx, columns, from, where.search->id_column, walked->ids,
                                            page, select_params));
        read = true;
        counted = walked->total;
      }
      if (!counted && (!read || static_cast<int64_t>(rows.size()) == page.size)) {
        SL_ASSIGN_OR_RETURN(counted, ScanCount(tx, own, rest, *where.search));
      }
    }
  }
  const std::string tail = std::string(" FROM ").append(own).append(" WHERE ").append(where.sql);
  if (!read) {
    // With keys, the page is its keys (the records' first column) and the
    // SELECT list's placeholders wait for RowsByKey.
    db::Params params = keys ? db::Params() : select_params;
    params.insert(params.end(), where.params.begin(), where.params.end());
    params.emplace_back(page.size);
    params.emplace_back(page.offset());
    SL_ASSIGN_OR_RETURN(rows, tx.Query(std::string("SELECT ")
                                           .append(keys ? std::string_view(keys->column) : columns)
                                           .append(tail)
                                           .append(" ORDER BY ")
                                           .append(order)
                                           .append(" LIMIT ? OFFSET ?"),
                                       params));
    if (keys) {
      std::vector<int64_t> ids;
      ids.reserve(rows.size());
      for (const db::Row& r : rows) ids.push_back(r.Int(0));
      SL_ASSIGN_OR_RETURN(rows,
                          RowsByKey(tx, columns, from, keys->column, ids, page, select_params));
    }
  }
  // A page that is not full is the list's last: its rows say how many there
  // are, and most lists of a town or a village fit on one page.
  const auto size = static_cast<int64_t>(rows.size());
  int64_t total = page.offset() + size;
  if (counted) {
    total = *counted;
  } else if (size == page.size || (size == 0 && page.offset() > 0)) {
    std::optional<db::Row> count;
    if (where.search) {
      db::Params count_params = where.params;
      count_params.emplace_back(kCountCap + 1);
      SL_ASSIGN_OR_RETURN(
          count,
          tx.QueryOne("SELECT COUNT(*) FROM (SELECT 1" + tail + " LIMIT ?) hits", count_params));
    } else {
      SL_ASSIGN_OR_RETURN(count, tx.QueryOne("SELECT COUNT(*)" + tail, where.params));
    }
    total = count ? count->Int(0) : 0;
  }
  const bool capped = where.search && total > kCountCap;
  return Paged<db::Row>{std::move(rows), capped ? kCountCap : total, capped};
}

db::Value OrNull(const std::optional<std::string>& s) {
  return s && !s->empty() ? db::Value(*s) : db::Value();
}

db::Value OrNull(const std::optional<int64_t>& n) { return n ? db::Value(*n) : db::Value(); }

}  // namespace sl::store
