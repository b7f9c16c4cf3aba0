#pragma once
// The cost model of automatic pairing, as plain rules: how far apart two
// places are, whether a cadre's sector fits an enterprise's, what a pair
// costs, and what a plan changes against today's pairings.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sl::assign {

// How far apart two places are in the region tree: 0 same village (or
// below), 1 same town, 2 same county, 3 farther.
int DistanceTier(const std::string& a_path, const std::string& b_path);

struct CostWeights {
  int64_t distance = 10;  // per tier
  int64_t keep = 100;     // what leaving an existing pair costs
  int64_t load = 10;      // the k-th target of a source costs load * k more
  // Level 6: a cadre whose sector is not the enterprise's. Below the load
  // step by default, so that sectors choose among equally even plans only.
  int64_t industry = 5;
};

// How a level-6 pair's sectors compare: the cadre's posts serve the
// enterprise's industry, serve others, or name none.
enum class Industry { kNone, kMatch, kMismatch };
Industry IndustryFit(const std::set<std::string>& source_industries,
                     const std::string& target_industry);

// An eligible pair's cost: its distance, plus `keep` unless it exists today,
// plus `industry` unless the sectors match. `fit` is given at level 6 only;
// without it sectors cost nothing.
int64_t PairCost(const CostWeights& w, int tier, bool existing,
                 std::optional<Industry> fit = std::nullopt);

// What a plan changes against the pairings of today, per target: pairs kept,
// moved (an old source replaced by a new one), new (added), ended (dropped).
struct Change {
  int64_t target = 0;          // index into the plan's targets
  int64_t from = -1, to = -1;  // source indexes (-1: none)
};
struct Changes {
  std::vector<Change> kept, moved, added, ended;
};
// `current[j]` and `planned[j]`: the sources of target j today and in the plan.
Changes Diff(const std::vector<std::vector<int>>& current,
             const std::vector<std::vector<int>>& planned);

}  // namespace sl::assign
