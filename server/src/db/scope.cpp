#include "db/scope.hpp"

namespace sl::db {

std::string PrefixUpperBound(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    auto& c = reinterpret_cast<unsigned char&>(s.back());
    if (c < 0xFF) {
      ++c;
      return s;
    }
    s.pop_back();
  }
  return std::string(1, '\xFF');
}

std::string ScopeCondition(const Scope& scope, std::string_view path_column, Params& params) {
  if (scope.all) return "(1=1)";
  if (scope.paths.empty()) return "(1=0)";
  std::string sql = "(";
  for (size_t i = 0; i < scope.paths.size(); ++i) {
    if (i) sql += " OR ";
    sql += "(";
    sql += path_column;
    sql += " >= ? AND ";
    sql += path_column;
    sql += " < ?)";
    params.emplace_back(scope.paths[i]);
    params.emplace_back(PrefixUpperBound(scope.paths[i]));
  }
  return sql + ")";
}

std::string LikeEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace sl::db
