#include "regions/regions.hpp"

namespace sl::regions {

namespace {
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}
}  // namespace

Json ToJson(const Region& r) {
  return Json{{"id", r.id},
              {"code", r.code},
              {"name", r.name},
              {"official_name", r.official_name},
              {"level", r.level},
              {"parent", r.parent_code.empty() ? Json() : Json(r.parent_code)},
              {"path", r.path},
              {"has_children", r.has_children},
              {"retired_on", r.retired_on ? Json(*r.retired_on) : Json()}};
}

std::string_view LevelOfCode(std::string_view code) {
  // Groups (村民小组) are below the official list: village code + '-' + number.
  const size_t dash = code.find('-');
  if (dash != std::string_view::npos)
    return dash == 12 && AllDigits(code.substr(0, 12)) && AllDigits(code.substr(13)) &&
                   code.size() <= 16
               ? "group"
               : "";
  if (!AllDigits(code)) return "";
  switch (code.size()) {
    case 2:
      return "province";
    case 4:
      return "city";
    case 6:
      return "county";
    case 9:
      return "town";
    case 12:
      return "village";
    default:
      return "";
  }
}

std::string ParentCode(std::string_view code) {
  if (code.find('-') != std::string_view::npos) return std::string(code.substr(0, code.find('-')));
  switch (code.size()) {
    case 4:
      return std::string(code.substr(0, 2));
    case 6:
      return std::string(code.substr(0, 4));
    case 9:
      return std::string(code.substr(0, 6));
    case 12:
      return std::string(code.substr(0, 9));
    default:
      return "";
  }
}

std::string PathOfCode(std::string_view code) {
  if (code.find('-') != std::string_view::npos)
    return PathOfCode(code.substr(0, code.find('-'))) + std::string(code) + "/";
  std::string path;
  for (size_t len : {2, 4, 6, 9, 12}) {
    if (len > code.size()) break;
    path.append(code.substr(0, len)).push_back('/');
  }
  return path;
}

std::string EverydayName(std::string_view n) {
  struct Rule {
    std::string_view suffix, replacement;
  };
  // Longest suffixes first.
  static constexpr Rule kRules[] = {
      {"社区居民委员会", "社区"}, {"社区居委会", "社区"}, {"村民委员会", "村"},
      {"居民委员会", "居委会"},   {"村委会", "村"},
  };
  for (const auto& rule : kRules)
    if (EndsWith(n, rule.suffix) && n.size() > rule.suffix.size())
      return std::string(n.substr(0, n.size() - rule.suffix.size())).append(rule.replacement);
  return std::string(n);
}

}  // namespace sl::regions
