#pragma once
// The problem of a plan: one level under one region on one day as read from
// the database — the sources with their capacities, the targets with their
// demand, today's pairs and the eligible pairs with their costs — set-based
// and indexed by place, so that a province's level 1 stays linear.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "assign/cost.hpp"
#include "assign/options.hpp"
#include "assign/solver.hpp"
#include "core/caller.hpp"
#include "db/db.hpp"
#include "pairing/model.hpp"
#include "regions/regions.hpp"

namespace sl::assign {

// A person who may answer for targets of the level (or answers for some today
// and no longer may).
struct Candidate {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> places;   // the posts (or chambers, or home) that make them eligible
  std::set<std::string> industries;  // the sectors their posts serve (level 6)
  bool eligible = true;
};

// One level under one region on one day, as read from the database.
struct Problem {
  int level = 0;
  regions::Region region;
  std::string date;
  std::vector<Candidate> sources;
  std::vector<pairing::TargetRef> targets;
  std::vector<std::string> target_places;             // what eligibility looks at
  int not_judged = 0;                                 // targets no coverage rule governs
  std::vector<std::vector<int>> current;              // per target: sources paired today
  std::map<std::pair<int, int>, int64_t> pairing_of;  // (source, target) -> pairing id
  std::vector<int> arc_tier;
  std::vector<char> arc_existing;
  std::vector<std::optional<Industry>> arc_industry;  // level 6
  // Where a target has many eligible sources (a county campaign: every
  // county cadre for every enterprise), the instance starts with its
  // cheapest few and the rest are priced after each solve (AddPriced):
  // per target, every eligible source (empty: all are in the instance), and
  // what a pair's cost is made of.
  std::vector<std::vector<int>> eligible_of;
  std::vector<std::string> home;             // per source: where they live
  std::vector<std::string> target_industry;  // per target (level 6)
  int64_t eligible_pairs = 0;
  Instance instance;
  std::string fingerprint;
};

// Reads the problem of the options' level, region and date. The instance
// starts with the eligible pairs a plan most likely uses; AddPriced adds the
// others that could lower its cost.
Result<Problem> ReadProblem(db::Tx& tx, const Caller& caller, const PlanOptions& o);

// What a pair's cost is made of, and the cost.
struct PairFacts {
  int tier = 0;
  bool existing = false;
  std::optional<Industry> fit;  // level 6
  int64_t cost = 0;
};
PairFacts FactsOf(const Problem& p, const PlanOptions& o, int i, int j);

// Adds eligible pairs left out of the instance that could make the plan
// cheaper (MayImprove; per target the few most promising, the others wait
// for the next round); with none added the solution is optimal among all
// eligible pairs. `all`: add every one left out. Returns how many were added.
size_t AddPriced(Problem& p, const PlanOptions& o, const Solution& s, bool all);

}  // namespace sl::assign
