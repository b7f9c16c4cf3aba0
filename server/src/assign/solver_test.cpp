#include "assign/solver.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>

namespace sl::assign {
namespace {

// The cheapest plan by trying every one: each target picks `demand` distinct
// eligible sources; loads within [min, max]. nullopt when there is none.
std::optional<int64_t> BruteForce(const Instance& in) {
  std::vector<std::vector<int>> arcs_of(in.targets.size());
  for (size_t a = 0; a < in.arcs.size(); ++a) arcs_of[in.arcs[a].target].push_back(a);
  std::vector<int> load(in.sources.size(), 0);
  std::optional<int64_t> best;
  std::function<void(size_t, int64_t)> go = [&](size_t j, int64_t cost) {
    if (j == in.targets.size()) {
      int64_t total = cost;
      for (size_t i = 0; i < in.sources.size(); ++i) {
        if (load[i] < in.sources[i].min || load[i] > in.sources[i].max) return;
        total += LoadCost(in.load_weight, load[i]);
      }
      if (!best || total < *best) best = total;
      return;
    }
    const auto& arcs = arcs_of[j];
    const int d = in.targets[j].demand;
    // Every subset of size d of the target's arcs.
    std::function<void(size_t, int, int64_t)> pick = [&](size_t from, int left, int64_t c) {
      if (left == 0) return go(j + 1, c);
      for (size_t k = from; k < arcs.size(); ++k) {
        const Arc& arc = in.arcs[arcs[k]];
        ++load[arc.source];
        pick(k + 1, left - 1, c + arc.cost);
        --load[arc.source];
      }
    };
    pick(0, d, cost);
  };
  go(0, 0);
  return best;
}

Instance Random(std::mt19937& rng, int sources, int targets) {
  Instance in;
  std::uniform_int_distribution<int> coin(0, 2), cost(0, 40), demand(1, 2), cap(1, 4), low(0, 1);
  for (int i = 0; i < sources; ++i) {
    Source s;
    s.max = cap(rng);
    s.min = std::min(s.max, low(rng));
    in.sources.push_back(s);
  }
  for (int j = 0; j < targets; ++j) in.targets.push_back({demand(rng)});
  for (int i = 0; i < sources; ++i)
    for (int j = 0; j < targets; ++j)
      if (coin(rng) > 0) in.arcs.push_back({i, j, cost(rng)});
  in.load_weight = std::uniform_int_distribution<int>(0, 6)(rng);
  return in;
}

std::vector<std::pair<int, int>> Pairs(const Instance& in, const Solution& s) {
  std::vector<std::pair<int, int>> out;
  for (size_t a = 0; a < in.arcs.size(); ++a)
    if (s.chosen[a]) out.emplace_back(in.arcs[a].source, in.arcs[a].target);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Solver, PicksTheCheapestPlanAndProvesIt) {
  // Two leaders, three entrepreneurs: the near pairs cost 0, the far ones 10.
  Instance in;
  in.sources = {{0, 2}, {0, 2}};
  in.targets = {{1}, {1}, {1}};
  in.arcs = {{0, 0, 0}, {0, 1, 0}, {0, 2, 10}, {1, 0, 10}, {1, 1, 10}, {1, 2, 0}};
  Solution s = Solve(in);
  ASSERT_TRUE(s.feasible);
  EXPECT_EQ(s.cost, 0);
  EXPECT_EQ(Pairs(in, s), (std::vector<std::pair<int, int>>{{0, 0}, {0, 1}, {1, 2}}));
  EXPECT_EQ(Verify(in, s), "");
}

TEST(Solver, ConvexLoadCostEvensTheLoads) {
  // Everything is cheaper with the first leader, but a fourth target on him
  // costs more than the difference.
  Instance in;
  in.sources = {{}, {}};
  for (int j = 0; j < 4; ++j) in.targets.push_back({1});
  for (int j = 0; j < 4; ++j) {
    in.arcs.push_back({0, j, 0});
    in.arcs.push_back({1, j, 3});
  }
  in.load_weight = 5;
  Solution s = Solve(in);
  ASSERT_TRUE(s.feasible);
  EXPECT_EQ(s.load, (std::vector<int>{2, 2}));
  EXPECT_EQ(s.cost, 3 + 3 + LoadCost(5, 2) * 2);
  EXPECT_EQ(Verify(in, s), "");
  in.load_weight = 1;  // now 3 + 1 (cost of a 2nd... ) favours the cheap leader
  Solution t = Solve(in);
  EXPECT_EQ(t.load[0], 3);
  EXPECT_EQ(Verify(in, t), "");
}

TEST(Solver, MinimumLoadsAndDemandsAreMet) {
  Instance in;
  in.sources = {{2, 3}, {0, 3}};
  in.targets = {{2}, {1}, {1}};
  in.arcs = {{0, 0, 5}, {1, 0, 0}, {0, 1, 5}, {1, 1, 0}, {0, 2, 5}, {1, 2, 0}};
  Solution s = Solve(in);
  ASSERT_TRUE(s.feasible);
  EXPECT_EQ(s.load[0], 2);
  EXPECT_EQ(s.covered, (std::vector<int>{2, 1, 1}));
  EXPECT_EQ(Verify(in, s), "");
}

TEST(Solver, AgreesWithBruteForceOnRandomInstances) {
  std::mt19937 rng(20261129);
  int feasible = 0, infeasible = 0;
  for (int round = 0; round < 400; ++round) {
    Instance in = Random(rng, 1 + round % 4, 1 + round % 5);
    Solution s = Solve(in);
    auto best = BruteForce(in);
    ASSERT_EQ(Verify(in, s), "") << "round " << round;
    ASSERT_EQ(s.feasible, best.has_value()) << "round " << round;
    if (best) {
      ++feasible;
      ASSERT_EQ(s.cost, *best) << "round " << round;
    } else {
      ++infeasible;
      // The fixes Diagnose suggests make it feasible.
      Diagnosis d = Diagnose(in);
      ASSERT_FALSE(d.fixes.empty()) << "round " << round;
      Instance fixed = Apply(in, d.fixes);
      ASSERT_TRUE(Solve(fixed).feasible) << "round " << round;
      ASSERT_TRUE(BruteForce(fixed).has_value()) << "round " << round;
    }
  }
  // Both kinds were tried.
  EXPECT_GT(feasible, 100);
  EXPECT_GT(infeasible, 20);
}

TEST(Solver, VerifyCatchesAWorsePlan) {
  Instance in;
  in.sources = {{0, 2}, {0, 2}};
  in.targets = {{1}, {1}};
  in.arcs = {{0, 0, 0}, {1, 0, 9}, {0, 1, 9}, {1, 1, 0}};
  Solution s = Solve(in);
  ASSERT_EQ(Verify(in, s), "");
  // Swap the pairs: still feasible, the cost updated, but not optimal.
  Solution worse = s;
  for (auto& c : worse.chosen) c = !c;
  worse.cost = 18;
  EXPECT_NE(Verify(in, worse), "");
  Solution lying = s;
  lying.cost = 1;
  EXPECT_EQ(Verify(in, lying), "the cost is not the sum of the arcs");
}

TEST(Solver, ComponentsInParallelGiveTheSameAnswer) {
  std::mt19937 rng(7);
  Instance in;
  // 200 towns of 3 leaders and 8 entrepreneurs each.
  for (int town = 0; town < 200; ++town) {
    const int s0 = static_cast<int>(in.sources.size()), t0 = static_cast<int>(in.targets.size());
    for (int i = 0; i < 3; ++i) in.sources.push_back({1, 4});
    for (int j = 0; j < 8; ++j) in.targets.push_back({1});
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 8; ++j)
        in.arcs.push_back({s0 + i, t0 + j, std::uniform_int_distribution<int>(0, 30)(rng)});
  }
  in.load_weight = 2;
  Solution one = Solve(in, 1), many = Solve(in, 4);
  EXPECT_EQ(one.components, 200);
  EXPECT_TRUE(one.feasible);
  EXPECT_EQ(one.cost, many.cost);
  EXPECT_EQ(one.chosen, many.chosen);
  EXPECT_EQ(Verify(in, many), "");
}

TEST(Solver, PricingTheLeftOutPairsReachesTheFullOptimum) {
  // Start with each target's two cheapest pairs, add what MayImprove names,
  // solve again until it names none: the cost is the full instance's.
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    const int sources = 3 + round % 20, targets = 5 + round % 40;
    Instance full;
    std::uniform_int_distribution<int> cost(0, 60), cap(1, 6);
    for (int i = 0; i < sources; ++i) full.sources.push_back({0, cap(rng)});
    for (int j = 0; j < targets; ++j) full.targets.push_back({1 + round % 2});
    for (int i = 0; i < sources; ++i)
      for (int j = 0; j < targets; ++j) full.arcs.push_back({i, j, cost(rng)});
    full.load_weight = round % 7;
    const Solution best = Solve(full);

    Instance part = full;
    part.arcs.clear();
    std::vector<std::vector<Arc>> of(targets);
    for (const Arc& a : full.arcs) of[a.target].push_back(a);
    std::vector<Arc> left;
    for (auto& arcs : of) {
      std::sort(arcs.begin(), arcs.end(),
                [](const Arc& a, const Arc& b) { return a.cost < b.cost; });
      for (size_t k = 0; k < arcs.size(); ++k) (k < 2 ? part.arcs : left).push_back(arcs[k]);
    }
    Solution s = Solve(part);
    for (;;) {
      std::vector<Arc> keep;
      size_t added = 0;
      for (const Arc& a : left) {
        if (!s.feasible || MayImprove(s, a)) {
          part.arcs.push_back(a);
          ++added;
        } else {
          keep.push_back(a);
        }
      }
      left.swap(keep);
      if (added == 0) break;
      s = Solve(part);
    }
    ASSERT_EQ(s.feasible, best.feasible) << "round " << round;
    ASSERT_EQ(s.cost, best.cost) << "round " << round;
    EXPECT_EQ(Verify(part, s), "");
  }
}

TEST(Solver, KeepingPairsMakesReplanningStable) {
  // Existing pairs cost 0, any other pair costs the keep penalty more.
  const int64_t keep = 1000;
  Instance in;
  in.sources = {{}, {}, {}};
  for (int j = 0; j < 9; ++j) in.targets.push_back({1});
  std::vector<int> current = {0, 0, 0, 1, 1, 1, 2, 2, 2};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 9; ++j)
      in.arcs.push_back({i, j, (i == current[j] ? 0 : keep) + (i + j) % 3});
  in.load_weight = 10;
  Solution s = Solve(in);
  for (size_t a = 0; a < in.arcs.size(); ++a)
    EXPECT_EQ(s.chosen[a] != 0, in.arcs[a].source == current[in.arcs[a].target]);
  // Without the third leader only his three targets move.
  Instance fewer = in;
  fewer.sources[2].max = 0;
  Solution t = Solve(fewer);
  ASSERT_TRUE(t.feasible);
  for (size_t a = 0; a < fewer.arcs.size(); ++a) {
    const Arc& arc = fewer.arcs[a];
    if (current[arc.target] != 2) {
      EXPECT_EQ(t.chosen[a] != 0, arc.source == current[arc.target]) << "target " << arc.target;
    }
  }
  EXPECT_EQ(Verify(fewer, t), "");
}

TEST(Diagnose, NamesTheSmallestShortGroupAndAFixThatWorks) {
  // Targets 0..2 may only be paired with sources 0 and 1 (one each at most):
  // three need two. Targets 3..5 have source 2 with room to spare.
  Instance in;
  in.sources = {{0, 1}, {0, 1}, {0, 5}};
  for (int j = 0; j < 6; ++j) in.targets.push_back({1});
  for (int j = 0; j < 3; ++j) {
    in.arcs.push_back({0, j, 0});
    in.arcs.push_back({1, j, 0});
  }
  for (int j = 3; j < 6; ++j) in.arcs.push_back({2, j, 0});
  Solution s = Solve(in);
  EXPECT_FALSE(s.feasible);
  EXPECT_EQ(Verify(in, s), "");
  // The best partial plan covers five of six.
  int covered = 0;
  for (int c : s.covered) covered += c;
  EXPECT_EQ(covered, 5);

  Diagnosis d = Diagnose(in);
  ASSERT_EQ(d.shortages.size(), 1u);
  EXPECT_EQ(d.shortages[0].targets, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(d.shortages[0].sources, (std::vector<int>{0, 1}));
  EXPECT_EQ(d.shortages[0].needed, 3);
  EXPECT_EQ(d.shortages[0].available, 2);
  EXPECT_EQ(d.shortages[0].shortfall, 1);
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].kind, Fix::kRaiseMax);
  EXPECT_LT(d.fixes[0].index, 2);
  EXPECT_EQ(d.fixes[0].amount, 1);
  EXPECT_TRUE(Solve(Apply(in, d.fixes)).feasible);
}

TEST(Diagnose, ATargetNobodyMayTakeNeedsANewSource) {
  Instance in;
  in.sources = {{0, 5}};
  in.targets = {{1}, {2}};
  in.arcs = {{0, 0, 0}, {0, 1, 0}};
  Diagnosis d = Diagnose(in);
  ASSERT_EQ(d.shortages.size(), 1u);
  EXPECT_EQ(d.shortages[0].targets, (std::vector<int>{1}));
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].kind, Fix::kAddSource);
  EXPECT_EQ(d.fixes[0].index, 1);
  EXPECT_EQ(d.fixes[0].amount, 1);
  EXPECT_TRUE(Solve(Apply(in, d.fixes)).feasible);
}

TEST(Diagnose, AMinimumLoadThatCannotBeMetIsLowered) {
  Instance in;
  in.sources = {{3, 5}, {0, 5}};
  in.targets = {{1}, {1}};
  in.arcs = {{0, 0, 0}, {0, 1, 0}, {1, 0, 0}, {1, 1, 0}};
  Solution s = Solve(in);
  EXPECT_FALSE(s.feasible);
  EXPECT_FALSE(s.min_loads_met);
  Diagnosis d = Diagnose(in);
  EXPECT_TRUE(d.shortages.empty());
  EXPECT_EQ(d.sources_below_min, (std::vector<int>{0}));
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].kind, Fix::kLowerMin);
  EXPECT_EQ(d.fixes[0].amount, 1);
  EXPECT_TRUE(Solve(Apply(in, d.fixes)).feasible);
}

}  // namespace
}  // namespace sl::assign
