#pragma once
// The one place a caller's Scope becomes SQL: a condition on a column holding
// region paths, as index-friendly range tests.

#include <string>
#include <string_view>
#include <vector>

#include "core/caller.hpp"
#include "db/db.hpp"

namespace sl::db {

// The smallest string greater than every string starting with `prefix`
// ("43/4311/" -> "43/43110"): a subtree is the range [prefix, upper).
std::string PrefixUpperBound(std::string_view prefix);

// The town part of a region path ("43/4311/431127/431127103/"), or the path
// itself above a town: the unit the figures and the towns' tables group by.
std::string_view TownPart(std::string_view path);

// A parenthesized SQL condition that is true when `path_column` lies in the
// scope; appends its parameters to `params`. Everything: "(1=1)"; nothing:
// "(1=0)" (default deny).
std::string ScopeCondition(const Scope& scope, std::string_view path_column, Params& params);

// ScopeCondition, widened by pairing access (Scope::paired_to): rows whose
// `id_column` is a person the scope's person answers for today (`kind`
// "person") or an enterprise of such a person's chamber membership (`kind`
// "enterprise"). Without paired_to it is ScopeCondition.
std::string PairedCondition(const Scope& scope, std::string_view path_column,
                            std::string_view id_column, std::string_view kind,
                            const std::string& today, Params& params);

// "(?, ?, ?)" for the values [first, last), which are appended to `params`:
// an IN list with every value bound. The range must not be empty.
template <class It>
std::string InList(It first, It last, Params& params) {
  std::string sql = "(";
  for (It it = first; it != last; ++it) {
    sql += it == first ? "?" : ", ?";
    params.emplace_back(*it);
  }
  return sql + ")";
}

// A region path and every path above it: "43/4311/" -> "43/", "43/4311/".
std::vector<std::string> PathAndAncestors(std::string_view path);

// Escapes LIKE wildcards (% _ \) so that a user's text matches itself; use
// with `LIKE ? ESCAPE '\'`.
std::string LikeEscape(std::string_view text);

}  // namespace sl::db
