#include "assign/plan.hpp"

#include <gtest/gtest.h>

namespace sl::assign {
namespace {

TEST(CostModel, DistanceFollowsTheRegionTree) {
  const std::string village = "43/4311/431127/431127103/431127103224/";
  EXPECT_EQ(DistanceTier(village, village), 0);
  EXPECT_EQ(DistanceTier(village, village + "431127103224-03/"), 0);
  EXPECT_EQ(DistanceTier(village, "43/4311/431127/431127103/431127103228/"), 1);
  EXPECT_EQ(DistanceTier(village, "43/4311/431127/431127103/"), 1);
  EXPECT_EQ(DistanceTier(village, "43/4311/431127/431127104/431127104204/"), 2);
  EXPECT_EQ(DistanceTier(village, "43/4311/431126/"), 3);
  EXPECT_EQ(DistanceTier("", village), 3);
}

TEST(CostModel, KeepingAPairIsCheaperThanAnyDistance) {
  CostWeights w;
  EXPECT_EQ(PairCost(w, 0, true), 0);
  EXPECT_EQ(PairCost(w, 1, true), 10);
  EXPECT_EQ(PairCost(w, 0, false), 100);
  EXPECT_LT(PairCost(w, 3, true), PairCost(w, 0, false));
}

TEST(CostModel, SectorsCountAtLevelSixOnlyAndBelowOneLoadStep) {
  EXPECT_EQ(IndustryFit({}, "agriculture"), Industry::kNone);
  EXPECT_EQ(IndustryFit({"agriculture", "manufacturing"}, "agriculture"), Industry::kMatch);
  EXPECT_EQ(IndustryFit({"manufacturing"}, "agriculture"), Industry::kMismatch);
  CostWeights w;
  // A cadre serving the enterprise's sector is cheaper than one serving
  // another, or none; elsewhere sectors cost nothing.
  EXPECT_EQ(PairCost(w, 2, false, Industry::kMatch), PairCost(w, 2, false));
  EXPECT_EQ(PairCost(w, 2, false, Industry::kMismatch), PairCost(w, 2, false) + w.industry);
  EXPECT_EQ(PairCost(w, 2, false, Industry::kNone), PairCost(w, 2, false) + w.industry);
  // By default a match never outweighs one step of load imbalance.
  EXPECT_LT(w.industry, w.load);
}

TEST(Changes, KeptMovedAddedEnded) {
  // Target 0 keeps 1; target 1 moves 2 -> 3; target 2 gains 4; target 3
  // loses 5; target 4 keeps 6 and swaps 7 for 8 and gains 9.
  const std::vector<std::vector<int>> now = {{1}, {2}, {}, {5}, {6, 7}};
  const std::vector<std::vector<int>> next = {{1}, {3}, {4}, {}, {6, 8, 9}};
  Changes c = Diff(now, next);
  ASSERT_EQ(c.kept.size(), 2u);
  EXPECT_EQ(c.kept[0].target, 0);
  EXPECT_EQ(c.kept[1].to, 6);
  ASSERT_EQ(c.moved.size(), 2u);
  EXPECT_EQ(c.moved[0].from, 2);
  EXPECT_EQ(c.moved[0].to, 3);
  EXPECT_EQ(c.moved[1].from, 7);
  EXPECT_EQ(c.moved[1].to, 8);
  ASSERT_EQ(c.added.size(), 2u);
  EXPECT_EQ(c.added[0].target, 2);
  EXPECT_EQ(c.added[1].to, 9);
  ASSERT_EQ(c.ended.size(), 1u);
  EXPECT_EQ(c.ended[0].target, 3);
  EXPECT_EQ(c.ended[0].from, 5);
}

TEST(Summary, LeavesOutTheListsThatGrowWithThePlan) {
  const Json plan = {
      {"status", "optimal"},
      {"counts", {{"kept", 2}, {"moved", 1}, {"new", 0}, {"ended", 0}}},
      {"assignments", Json::array({{{"kept", true}}, {{"kept", true}}, {{"kept", false}}})},
      {"explanations", Json::array({{{"kept", true}}})},
      {"sources", Json::array({{{"load", 3}}})},
      {"changes",
       {{"kept", Json::array({1, 2})},
        {"moved", Json::array({{{"pairing", 7}, {"kept", false}}})},
        {"new", Json::array()},
        {"ended", Json::array()}}}};
  const Json s = PlanSummary(plan.dump());
  EXPECT_FALSE(s.contains("assignments"));
  EXPECT_FALSE(s.contains("explanations"));
  EXPECT_FALSE(s.contains("sources"));
  EXPECT_FALSE(s["changes"].contains("kept"));
  EXPECT_EQ(s["counts"]["kept"], 2);  // a "kept" elsewhere stays
  EXPECT_EQ(s["changes"]["moved"], plan["changes"]["moved"]);
  EXPECT_EQ(s["status"], "optimal");
}

}  // namespace
}  // namespace sl::assign
