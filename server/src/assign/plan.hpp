#pragma once
// Automatic pairing (自动分配): for one level under one region on a date, the
// plan that covers every target as its rule says at the least cost — near
// pairs, even loads, existing pairs kept — with why each pair was chosen and
// what changes; or, when the rules cannot be met, which targets fall short,
// who could cover them and what to change. Plans are stored and applied as
// they were shown, in one transaction, unless the data changed meanwhile.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "assign/solver.hpp"
#include "core/caller.hpp"
#include "core/handler.hpp"
#include "db/db.hpp"

namespace sl::assign {

// Plain rules of the cost model -------------------------------------------------

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

// Plans -----------------------------------------------------------------------

struct PlanOptions {
  int level = 0;
  std::string region;  // code
  std::string date;    // the day the plan applies from (default today)
  CostWeights weights;
  int min_load = 0;
  std::optional<int> max_load;
  // Per person: {min, max} overriding the defaults.
  std::map<int64_t, std::pair<int, std::optional<int>>> capacities;
  // People left out of the plan (as if they had left their post).
  std::vector<int64_t> exclude;
};

// The options of a request body: {"level", "region", "date", "keep_weight",
// "distance_weight", "load_weight", "industry_weight", "min_load", "max_load", "capacities":
// {"<person>": {"min", "max"}}, "exclude": [person, ...]}; 422 per field.
Result<PlanOptions> ReadPlanOptions(const Json& body);

// A plan as stored and sent: its JSON text. It is written item by item and
// never held as a JSON tree: a province's level 1 is 35 MB of text, and was
// several times that as a tree.
struct PlanText {
  int64_t id = 0;
  std::string json;
};

// Makes and stores a plan (pairing.write; the region within the caller's
// capture scope). The answer is the stored plan's JSON.
Result<PlanText> CreatePlan(db::Tx& tx, const Caller& caller, const PlanOptions& options);
Result<PlanText> GetPlan(db::Tx& tx, const Caller& caller, int64_t id);
// Applies an optimal plan: ends, moves and adds pairings from its date, in
// the caller's transaction, audited; Conflict ("plan_stale") when what the
// plan was made from has changed, Conflict ("plan_applied") the second time.
// The answer is the plan with "applied": {"ended", "moved", "new"}.
Result<PlanText> ApplyPlan(db::Tx& tx, const Caller& caller, int64_t id);

// A plan's JSON without the lists that grow with it (assignments,
// explanations, sources, the kept pairs; "counts" has their sizes): what the
// command line prints and applying reads.
Json PlanSummary(std::string_view json);

// Handlers.
Result<Response> HandlePlanCreate(db::Database& db, const Request& r);
Result<Response> HandlePlanGet(db::Database& db, const Request& r);
Result<Response> HandlePlanApply(db::Database& db, const Request& r);

}  // namespace sl::assign
