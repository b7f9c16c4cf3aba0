#include "db/scope.hpp"

namespace sl::db {

std::string_view TownPart(std::string_view path) {
  size_t at = 0;
  for (int i = 0; i < 4; ++i) {
    at = path.find('/', at);
    if (at == std::string_view::npos) return path;
    ++at;
  }
  return path.substr(0, at);
}

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

std::string PairedCondition(const Scope& scope, std::string_view path_column,
                            std::string_view id_column, std::string_view kind,
                            const std::string& today, Params& params) {
  std::string cond = ScopeCondition(scope, path_column, params);
  if (scope.all || scope.paired_to == 0) return cond;
  const char* paired =
      "SELECT g.target_id FROM pairing g WHERE g.target_kind = 'person' AND "
      "g.source_person_id = ? AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?)";
  std::string ids = kind == "enterprise"
                        ? std::string(
                              "SELECT m.enterprise_id FROM chamber_membership m WHERE "
                              "m.enterprise_id IS NOT NULL AND m.person_id IN (") +
                              paired + ")"
                        : std::string(paired);
  params.emplace_back(scope.paired_to);
  params.emplace_back(today);
  params.emplace_back(today);
  return "(" + cond + " OR " + std::string(id_column) + " IN (" + ids + "))";
}

std::vector<std::string> PathAndAncestors(std::string_view path) {
  std::vector<std::string> out;
  for (size_t i = path.find('/'); i != std::string_view::npos; i = path.find('/', i + 1))
    out.emplace_back(path.substr(0, i + 1));
  return out;
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
