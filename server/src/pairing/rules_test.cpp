#include "pairing/rules.hpp"

#include <gtest/gtest.h>

namespace sl::pairing {
namespace {

const std::string kCounty = "43/4311/431127/";
const std::string kTown = "43/4311/431127/431127103/";
const std::string kVillage = "43/4311/431127/431127103/431127103224/";

Target Entrepreneur(int64_t id) { return {"person", id, "企业家" + std::to_string(id), kVillage}; }

Pairing Pair(int level, int64_t source, int64_t target, std::string from,
             std::optional<std::string> to = std::nullopt) {
  return {0, level, source, "person", target, std::move(from), std::move(to)};
}

TEST(ValidOn, IsHalfOpen) {
  EXPECT_TRUE(ValidOn("2022-01-01", std::nullopt, "2022-01-01"));
  EXPECT_FALSE(ValidOn("2022-01-02", std::nullopt, "2022-01-01"));
  EXPECT_TRUE(ValidOn("2022-01-01", std::string("2022-10-20"), "2022-10-19"));
  EXPECT_FALSE(ValidOn("2022-01-01", std::string("2022-10-20"), "2022-10-20"));
}

TEST(Coverage, ExactlyOneLeaderPerEntrepreneur) {
  const std::vector<CoverageRule> rules = {{1, kTown, 1, 1, 1, "2022-01-01", std::nullopt}};
  const std::vector<Target> targets = {Entrepreneur(1), Entrepreneur(2), Entrepreneur(3)};
  const std::vector<Pairing> pairings = {
      Pair(1, 100, 1, "2022-01-01"), Pair(1, 100, 2, "2022-01-01"), Pair(1, 101, 2, "2022-03-01")};
  Coverage c = EvaluateCoverage(1, targets, pairings, rules, "2022-10-20");
  EXPECT_EQ(c.targets, 3);
  EXPECT_EQ(c.covered, 2);
  ASSERT_EQ(c.uncovered.size(), 1u);
  EXPECT_EQ(c.uncovered[0].target.id, 3);
  EXPECT_EQ(c.uncovered[0].sources, 0);
  ASSERT_EQ(c.over.size(), 1u);  // two leaders where the rule says exactly one
  EXPECT_EQ(c.over[0].target.id, 2);
  EXPECT_EQ(c.over[0].sources, 2);
  // Before the second leader was paired, nobody is over.
  EXPECT_TRUE(EvaluateCoverage(1, targets, pairings, rules, "2022-02-01").over.empty());
}

TEST(Coverage, AtLeastNAndOtherLevelsIgnored) {
  const std::vector<CoverageRule> rules = {{1, kTown, 2, 2, std::nullopt, "2022-01-01", {}}};
  const std::vector<Target> villages = {{"region", 7, "朋佳村", kVillage}};
  std::vector<Pairing> pairings = {{0, 2, 100, "region", 7, "2022-01-01", {}},
                                   {0, 3, 101, "region", 7, "2022-01-01", {}}};
  Coverage c = EvaluateCoverage(2, villages, pairings, rules, "2022-06-01");
  ASSERT_EQ(c.uncovered.size(), 1u);
  EXPECT_EQ(c.uncovered[0].sources, 1);  // the level-3 pairing does not count
  EXPECT_EQ(c.uncovered[0].min, 2);
  pairings.push_back({0, 2, 102, "region", 7, "2022-05-01", {}});
  pairings.push_back({0, 2, 103, "region", 7, "2022-05-01", {}});
  c = EvaluateCoverage(2, villages, pairings, rules, "2022-06-01");
  EXPECT_EQ(c.covered, 1);
  EXPECT_TRUE(c.over.empty());  // no maximum
}

TEST(Coverage, APairingEndedYesterdayDoesNotCountToday) {
  const std::vector<CoverageRule> rules = {{1, kTown, 1, 1, 1, "2022-01-01", std::nullopt}};
  const std::vector<Target> targets = {Entrepreneur(1)};
  const std::vector<Pairing> pairings = {Pair(1, 100, 1, "2022-01-01", "2022-10-20")};
  EXPECT_EQ(EvaluateCoverage(1, targets, pairings, rules, "2022-10-19").covered, 1);
  EXPECT_EQ(EvaluateCoverage(1, targets, pairings, rules, "2022-10-20").covered, 0);
  // Not started yet either.
  EXPECT_EQ(
      EvaluateCoverage(1, targets, {Pair(1, 100, 1, "2022-11-01")}, rules, "2022-10-20").covered,
      0);
}

TEST(Coverage, TargetsNoRuleGovernsAreNotJudged) {
  const std::vector<CoverageRule> rules = {{1, kTown, 1, 1, 1, "2022-01-01", std::nullopt}};
  const std::vector<Target> targets = {Entrepreneur(1),
                                       {"person", 2, "别镇企业家", "43/4311/431127/431127102/"}};
  Coverage c = EvaluateCoverage(1, targets, {}, rules, "2022-10-20");
  EXPECT_EQ(c.targets, 1);
  ASSERT_EQ(c.uncovered.size(), 1u);
  EXPECT_EQ(c.uncovered[0].target.id, 1);
  EXPECT_EQ(EvaluateCoverage(1, targets, {}, rules, "2021-10-20").targets, 0);  // before the rule
}

TEST(Coverage, TheTownOverridesTheCountyAndRulesHaveDates) {
  const std::vector<CoverageRule> rules = {
      {1, kCounty, 1, 2, std::nullopt, "2020-01-01", std::nullopt},  // county: two leaders
      {2, kTown, 1, 1, 1, "2022-01-01", std::string("2023-01-01")},  // the town: one, in 2022
  };
  EXPECT_EQ(GoverningCoverage(rules, 1, kVillage, "2022-10-20")->id, 2);
  EXPECT_EQ(GoverningCoverage(rules, 1, kVillage, "2021-10-20")->id, 1);
  EXPECT_EQ(GoverningCoverage(rules, 1, kVillage, "2023-01-01")->id, 1);  // the town's ended
  EXPECT_EQ(GoverningCoverage(rules, 1, "43/4311/431127/431127102/", "2022-10-20")->id, 1);
  EXPECT_EQ(GoverningCoverage(rules, 2, kVillage, "2022-10-20"), nullptr);
  EXPECT_EQ(GoverningCoverage(rules, 1, "44/", "2022-10-20"), nullptr);
  const std::vector<Target> targets = {Entrepreneur(1)};
  const std::vector<Pairing> one = {Pair(1, 100, 1, "2020-01-01")};
  EXPECT_EQ(EvaluateCoverage(1, targets, one, rules, "2022-10-20").covered, 1);  // the town's: 1
  EXPECT_EQ(EvaluateCoverage(1, targets, one, rules, "2021-10-20").covered, 0);  // county's: 2
}

TEST(Periods, YearQuarterMonth) {
  EXPECT_EQ(PeriodOf("year", "2022-10-20").from, "2022-01-01");
  EXPECT_EQ(PeriodOf("year", "2022-10-20").to, "2023-01-01");
  EXPECT_EQ(PeriodOf("quarter", "2022-10-20").from, "2022-10-01");
  EXPECT_EQ(PeriodOf("quarter", "2022-10-20").to, "2023-01-01");
  EXPECT_EQ(PeriodOf("quarter", "2022-05-31").from, "2022-04-01");
  EXPECT_EQ(PeriodOf("quarter", "2022-05-31").to, "2022-07-01");
  EXPECT_EQ(PeriodOf("month", "2022-12-05").to, "2023-01-01");
  EXPECT_EQ(PeriodOf("month", "2022-02-28").from, "2022-02-01");
}

Contact Visit(int64_t person, std::string kind, int64_t target, std::string on,
              std::set<std::string> traits) {
  return {person, {std::move(kind), target, "", kVillage}, std::move(on), std::move(traits)};
}

TEST(Quotas, DistinctTargetsInThePeriodThroughTheDate) {
  const std::vector<QuotaRule> rules = {
      {1, kTown, "leadership_team", "village_branch", 2, "year", "2022-01-01", std::nullopt},
      {2, kTown, "leadership_team", "wealth_creator", 3, "year", "2022-01-01", std::nullopt},
      {3, kTown, "party_member resident_cadre", "activist", 1, "year", "2022-01-01", {}}};
  const std::vector<Source> sources = {
      {100, "镇长", kTown, {"leadership_team", "party_member"}},
      {200, "驻村干部甲", kVillage, {"resident_cadre", "party_member"}},
      {201, "驻村干部乙", kVillage, {"resident_cadre"}},  // not a party member: no quota
  };
  const std::vector<Contact> contacts = {
      Visit(100, "organization", 1, "2022-03-01", {"village_branch"}),
      Visit(100, "organization", 1, "2022-04-01", {"village_branch"}),  // the same branch again
      Visit(100, "organization", 2, "2021-12-31", {"village_branch"}),  // last year
      Visit(100, "person", 5, "2022-05-01", {"wealth_creator"}),
      Visit(100, "person", 6, "2022-05-02", {"wealth_creator", "activist"}),
      Visit(100, "person", 7, "2022-11-01", {"wealth_creator"}),  // after the date
      Visit(200, "person", 6, "2022-06-01", {"activist"}),
  };
  auto status = EvaluateQuotas(sources, contacts, rules, "2022-10-20");
  ASSERT_EQ(status.size(), 3u);
  // Most missing first; then by person and rule.
  EXPECT_EQ(status[0].person.person_id, 100);
  EXPECT_EQ(status[0].target_filter, "village_branch");
  EXPECT_EQ(status[0].required, 2);
  EXPECT_EQ(status[0].actual, 1);
  EXPECT_EQ(status[0].missing, 1);
  EXPECT_EQ(status[1].target_filter, "wealth_creator");
  EXPECT_EQ(status[1].required, 3);
  EXPECT_EQ(status[1].actual, 2);
  EXPECT_EQ(status[1].missing, 1);
  EXPECT_EQ(status[2].person.person_id, 200);
  EXPECT_EQ(status[2].missing, 0);
  EXPECT_EQ(status[2].window.from, "2022-01-01");
  // By the end of the year the third household counts.
  auto december = EvaluateQuotas(sources, contacts, rules, "2022-12-31");
  EXPECT_EQ(december[0].target_filter, "village_branch");
  // In 2023 the year starts again.
  auto next = EvaluateQuotas(sources, contacts, rules, "2023-01-02");
  for (const auto& q : next) EXPECT_EQ(q.actual, 0) << q.target_filter;
}

TEST(Quotas, OverridesAndRulesWithoutObligation) {
  const std::vector<QuotaRule> rules = {
      {1, kCounty, "leadership_team", "village_branch", 2, "year", "2022-01-01", std::nullopt},
      {2, kTown, "leadership_team", "village_branch", 4, "quarter", "2022-07-01", std::nullopt},
      // Another town waives it.
      {3, "43/4311/431127/431127102/", "leadership_team", "village_branch", 0, "year", "2022-01-01",
       std::nullopt}};
  const std::vector<Source> sources = {
      {100, "甲", kTown, {"leadership_team"}},
      {101, "乙", "43/4311/431127/431127102/", {"leadership_team"}}};
  auto june = EvaluateQuotas(sources, {}, rules, "2022-06-30");
  ASSERT_EQ(june.size(), 1u);
  EXPECT_EQ(june[0].rule_id, 1);
  EXPECT_EQ(june[0].required, 2);
  auto october = EvaluateQuotas(sources, {}, rules, "2022-10-20");
  ASSERT_EQ(october.size(), 1u);
  EXPECT_EQ(october[0].rule_id, 2);
  EXPECT_EQ(october[0].required, 4);
  EXPECT_EQ(october[0].window.from, "2022-10-01");
}

TEST(Filters, AllWordsRequired) {
  EXPECT_TRUE(MatchesFilter({"party_member", "resident_cadre"}, "party_member resident_cadre"));
  EXPECT_FALSE(MatchesFilter({"resident_cadre"}, "party_member resident_cadre"));
  EXPECT_TRUE(MatchesFilter({"resident_cadre"}, "resident_cadre"));
  EXPECT_TRUE(MatchesFilter({}, ""));
}

}  // namespace
}  // namespace sl::pairing
