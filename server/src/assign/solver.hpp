#pragma once
// The assignment problem of automatic pairing, solved exactly as a min-cost
// flow (LEMON's network simplex), with a certificate of optimality and, when
// the rules cannot all be met, the smallest group of targets whose eligible
// sources lack the capacity (a Hall violator) and the fixes that make it
// feasible. Plain data in, plain data out: no database, no HTTP.
//
// The network of one independent component:
//   s -> source i    one arc per unit of load: the k-th (0-based) costs
//                    load_weight * k, the first `min` of them carry a lower
//                    bound of 1 (a convex load cost with a minimum load);
//   source -> target one arc per eligible pair, capacity 1, its cost;
//   target -> t      lower = upper = demand (covered exactly as its rule says);
//   s -> target      slack, capacity demand, cost above every real cost: used
//                    only where no assignment covers the target (infeasible),
//                    so that the answer is then the best partial plan.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace sl::assign {

struct Source {
  int min = 0;                                // fewest targets it must take
  int max = std::numeric_limits<int>::max();  // most targets it may take
};

struct Target {
  int demand = 1;  // the number of sources it needs
};

// An eligible pair and its cost.
struct Arc {
  int source = 0, target = 0;
  int64_t cost = 0;
};

struct Instance {
  std::vector<Source> sources;
  std::vector<Target> targets;
  std::vector<Arc> arcs;
  // The k-th target a source takes costs load_weight * k more than its first
  // (k from 0): a load of L costs load_weight * L * (L - 1) / 2.
  int64_t load_weight = 0;
};

// The cost of a load of `load` targets.
int64_t LoadCost(int64_t load_weight, int64_t load);

struct Solution {
  // Every target covered as it demands and every load within [min, max].
  bool feasible = false;
  // Σ the chosen arcs' costs + Σ LoadCost of the loads (the slack not counted).
  int64_t cost = 0;
  std::vector<char> chosen;  // per arc
  std::vector<int> load;     // per source
  std::vector<int> covered;  // per target: sources assigned (< demand where infeasible)
  // The components solved (independent groups of sources and targets) and
  // each node's component.
  int components = 0;
  std::vector<int> source_component, target_component;
  // The dual certificate: node potentials of each component's network.
  std::vector<int64_t> source_potential, target_potential;
  std::vector<int64_t> s_potential, t_potential;  // per component
  std::vector<int64_t> slack_cost;                // per component
  // Per component: whether its network kept the minimum loads (false where
  // they could not all be met and the plan was made without them).
  std::vector<char> mins_kept;
  // Loads below min that could not be met (infeasible for that reason).
  bool min_loads_met = true;
};

// Solves every component (in parallel on up to `threads` threads; 0: the
// machine's cores). Where no plan covers everything, the solution is the
// partial plan that covers the most (then the cheapest) with feasible = false.
Solution Solve(const Instance& in, int threads = 0);

// Whether an eligible pair left out of a solved instance could lower its
// cost: its reduced cost against the solution's potentials is negative, or it
// joins two components (whose potentials are not comparable). When no pair
// left out may, the solution is optimal with them all (column generation:
// big instances start with each target's cheapest pairs and add these).
bool MayImprove(const Solution& s, const Arc& left_out);

// Checks a solution against its instance without trusting the solver:
// chosen arcs are eligible pairs, loads and coverage add up and respect the
// bounds, the cost is the sum of the arcs, and the potentials satisfy
// complementary slackness on every arc of the network (no cycle of negative
// reduced cost remains, so no cheaper plan exists). "" when it holds, else
// what is wrong.
std::string Verify(const Instance& in, const Solution& s);

// Why an instance is infeasible.
struct Shortage {
  std::vector<int> targets;  // the smallest set of targets that cannot all be covered
  std::vector<int> sources;  // every source eligible for one of them
  int64_t needed = 0;        // Σ their demand
  int64_t available = 0;     // the most their sources can give them
  int64_t shortfall = 0;     // needed - available
};

struct Fix {
  enum Kind {
    kRaiseMax,   // raise source `index`'s max by `amount`
    kAddSource,  // add `amount` new sources eligible for target `index`
    kLowerMin,   // lower source `index`'s min by `amount`
  };
  Kind kind = kRaiseMax;
  int index = 0;
  int amount = 0;
};

struct Diagnosis {
  std::vector<Shortage> shortages;  // one per component that falls short
  // Sources whose minimum load cannot be met however targets are shared.
  std::vector<int> sources_below_min;
  // Changes that together make the instance feasible (checked by solving
  // the changed instance).
  std::vector<Fix> fixes;
};

Diagnosis Diagnose(const Instance& in);

// The instance with the fixes applied (new sources appended, eligible at
// cost 0 for their target).
Instance Apply(const Instance& in, const std::vector<Fix>& fixes);

}  // namespace sl::assign
