#pragma once
// What a plan is asked for: the level, region and day, the cost weights,
// loads and exceptions. One reader for the request body, the command line
// (which writes its flags as the same JSON) and a stored plan's options.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assign/cost.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace sl::assign {

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

// The options as JSON: {"level", "region", "date", "keep_weight",
// "distance_weight", "load_weight", "industry_weight", "min_load", "max_load",
// "capacities": {"<person>": {"min", "max"}}, "exclude": [person, ...]},
// checked (CheckPlanOptions); 422 per field.
Result<PlanOptions> ReadPlanOptions(const Json& body);
// The options checked, the date defaulted to today; 422 per field.
Result<PlanOptions> CheckPlanOptions(PlanOptions o);
// The options as ReadPlanOptions reads them (what a plan stores).
Json PlanOptionsJson(const PlanOptions& o);

}  // namespace sl::assign
