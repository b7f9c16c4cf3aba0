#include "store/query.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"

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
  std::string condition = SearchCondition(q, kind, alias + ".id", alias + ".search_text", params);
  if (condition.empty()) return;
  sql += " AND " + condition;
  searched = true;
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
                                       const Keys& keys, const std::vector<db::Row>& found,
                                       const Page& page, const db::Params& select_params) {
  std::vector<db::Row> rows;
  if (found.empty()) return rows;
  std::string sql = std::string("SELECT ").append(columns).append(" FROM ").append(from);
  sql.append(" WHERE ").append(keys.column).append(" IN (");
  db::Params params = select_params;
  const size_t slots = std::max<size_t>(found.size(), static_cast<size_t>(page.size));
  for (size_t i = 0; i < slots; ++i) {
    sql.append(i ? ",?" : "?");
    params.emplace_back(found[std::min(i, found.size() - 1)].Int(0));
  }
  sql += ')';
  SL_ASSIGN_OR_RETURN(auto unordered, tx.Query(sql, params));
  std::unordered_map<int64_t, size_t> at;
  at.reserve(found.size());
  for (size_t i = 0; i < found.size(); ++i) at.emplace(found[i].Int(0), i);
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

}  // namespace

Result<Paged<db::Row>> PageRows(db::Tx& tx, std::string_view columns, std::string_view from,
                                const Where& where, std::string_view order, const Page& page,
                                const db::Params& select_params, const Keys* keys) {
  const std::string tail = std::string(" FROM ")
                               .append(keys ? std::string_view(keys->from) : from)
                               .append(" WHERE ")
                               .append(where.sql);
  // With keys, the page is its keys (the records' first column) and the
  // SELECT list's placeholders wait for RowsByKey.
  db::Params params = keys ? db::Params() : select_params;
  params.insert(params.end(), where.params.begin(), where.params.end());
  params.emplace_back(page.size);
  params.emplace_back(page.offset());
  SL_ASSIGN_OR_RETURN(auto rows,
                      tx.Query(std::string("SELECT ")
                                   .append(keys ? std::string_view(keys->column) : columns)
                                   .append(tail)
                                   .append(" ORDER BY ")
                                   .append(order)
                                   .append(" LIMIT ? OFFSET ?"),
                               params));
  if (keys) {
    SL_ASSIGN_OR_RETURN(rows, RowsByKey(tx, columns, from, *keys, rows, page, select_params));
  }
  // A page that is not full is the list's last: its rows say how many there
  // are, and most lists of a town or a village fit on one page.
  const auto size = static_cast<int64_t>(rows.size());
  int64_t total = page.offset() + size;
  if (size == page.size || (size == 0 && page.offset() > 0)) {
    std::optional<db::Row> count;
    if (where.searched) {
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
  const bool capped = where.searched && total > kCountCap;
  return Paged<db::Row>{std::move(rows), capped ? kCountCap : total, capped};
}

db::Value OrNull(const std::optional<std::string>& s) {
  return s && !s->empty() ? db::Value(*s) : db::Value();
}

db::Value OrNull(const std::optional<int64_t>& n) { return n ? db::Value(*n) : db::Value(); }

}  // namespace sl::store
