#include "assign/cost.hpp"

#include <algorithm>

namespace sl::assign {

int DistanceTier(const std::string& a, const std::string& b) {
  // Whole segments in common (province, city, county, town, village, group),
  // compared in place: a county campaign asks this of ten million pairs.
  size_t common = 0, at = 0;
  for (;;) {
    const size_t ea = a.find('/', at), eb = b.find('/', at);
    if (ea == std::string::npos || ea != eb || a.compare(at, ea - at, b, at, eb - at) != 0) break;
    ++common;
    at = ea + 1;
  }
  if (common >= 5) return 0;
  if (common == 4) return 1;
  if (common == 3) return 2;
  return 3;
}

Industry IndustryFit(const std::set<std::string>& source_industries,
                     const std::string& target_industry) {
  if (source_industries.empty()) return Industry::kNone;
  return source_industries.count(target_industry) ? Industry::kMatch : Industry::kMismatch;
}

int64_t PairCost(const CostWeights& w, int tier, bool existing, std::optional<Industry> fit) {
  return w.distance * tier + (existing ? 0 : w.keep) +
         (fit && *fit != Industry::kMatch ? w.industry : 0);
}

Changes Diff(const std::vector<std::vector<int>>& current,
             const std::vector<std::vector<int>>& planned) {
  Changes out;
  for (size_t j = 0; j < planned.size(); ++j) {
    std::vector<int> gone, come;
    const auto& now = current[j];
    const auto& next = planned[j];
    for (int s : now) {
      if (std::find(next.begin(), next.end(), s) != next.end())
        out.kept.push_back({static_cast<int64_t>(j), s, s});
      else
        gone.push_back(s);
    }
    for (int s : next)
      if (std::find(now.begin(), now.end(), s) == now.end()) come.push_back(s);
    // An old source replaced by a new one is a move; the rest end or start.
    size_t k = 0;
    for (; k < gone.size() && k < come.size(); ++k)
      out.moved.push_back({static_cast<int64_t>(j), gone[k], come[k]});
    for (size_t g = k; g < gone.size(); ++g)
      out.ended.push_back({static_cast<int64_t>(j), gone[g], -1});
    for (size_t c = k; c < come.size(); ++c)
      out.added.push_back({static_cast<int64_t>(j), -1, come[c]});
  }
  return out;
}

}  // namespace sl::assign
