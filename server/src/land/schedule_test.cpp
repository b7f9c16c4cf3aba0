#include <gtest/gtest.h>

#include <numeric>

#include "land/land.hpp"

namespace sl::land {
namespace {

Terms Yearly(const char* from, const char* to, int64_t rent, int per_year = 1) {
  Terms t;
  t.starts_on = from;
  t.ends_on = to;
  t.rent_fen_per_year = rent;
  t.periods_per_year = per_year;
  return t;
}

int64_t Sum(const std::vector<Due>& dues) {
  return std::accumulate(dues.begin(), dues.end(), int64_t{0},
                         [](int64_t s, const Due& d) { return s + d.amount_fen; });
}

TEST(Schedule, FiveYearsFromSeptemberPayEachAnniversary) {
  const auto dues = Schedule(Yearly("2022-09-01", "2027-08-31", 4000000));
  ASSERT_EQ(dues.size(), 5u);
  EXPECT_EQ(dues[0].due_on, "2022-09-01");
  EXPECT_EQ(dues[4].due_on, "2026-09-01");
  EXPECT_EQ(dues[4].n, 5);
  EXPECT_EQ(Sum(dues), 20000000);
}

TEST(Schedule, PeriodsFromThe31stFallOnMonthEndsAndAddUpToTheFen) {
  const auto dues = Schedule(Yearly("2022-01-31", "2023-01-30", 1000001, 4));
  ASSERT_EQ(dues.size(), 4u);
  EXPECT_EQ(dues[1].due_on, "2022-04-30");
  EXPECT_EQ(dues[2].due_on, "2022-07-31");
  EXPECT_EQ(dues[3].amount_fen, 250001);
  EXPECT_EQ(Sum(dues), 1000001);
  const auto monthly = Schedule(Yearly("2022-01-31", "2023-01-30", 120000, 12));
  ASSERT_EQ(monthly.size(), 12u);
  EXPECT_EQ(monthly[1].due_on, "2022-02-28");
  EXPECT_EQ(monthly[2].due_on, "2022-03-31");
}

TEST(Schedule, ALeapDayStartFallsOnTheLast28February) {
  const auto dues = Schedule(Yearly("2024-02-29", "2028-02-28", 100000));
  ASSERT_EQ(dues.size(), 4u);
  EXPECT_EQ(dues[1].due_on, "2025-02-28");
  EXPECT_EQ(dues[3].due_on, "2027-02-28");
}

TEST(Schedule, AShortLastPeriodPaysItsDays) {
  const auto dues = Schedule(Yearly("2022-01-01", "2022-06-30", 365000));
  ASSERT_EQ(dues.size(), 1u);
  EXPECT_EQ(dues[0].amount_fen, 181000);
  // Half a year paid quarterly: two whole quarters.
  EXPECT_EQ(Sum(Schedule(Yearly("2022-01-01", "2022-06-30", 400000, 4))), 200000);
}

TEST(Schedule, RentIncreasesEveryNYearsCompoundedToTheFen) {
  Terms t = Yearly("2022-01-01", "2027-12-31", 100001);
  t.increase_percent = 5;
  t.increase_every = 2;
  EXPECT_EQ(RentOfYear(t, 0), 100001);
  EXPECT_EQ(RentOfYear(t, 1), 100001);
  EXPECT_EQ(RentOfYear(t, 2), 105001);  // 105001.05, half up
  EXPECT_EQ(RentOfYear(t, 4), 110251);  // 110251.05
  const auto dues = Schedule(t);
  ASSERT_EQ(dues.size(), 6u);
  EXPECT_EQ(dues[5].amount_fen, 110251);
}

TEST(Schedule, StatusOnADate) {
  EXPECT_EQ(StatusOn("2022-09-01", 100, 0, "2022-09-01"), "due");
  EXPECT_EQ(StatusOn("2022-09-01", 100, 0, "2022-09-02"), "overdue");
  EXPECT_EQ(StatusOn("2022-09-01", 100, 40, "2022-08-01"), "partial");
  EXPECT_EQ(StatusOn("2022-09-01", 100, 40, "2022-10-01"), "overdue");
  EXPECT_EQ(StatusOn("2022-09-01", 100, 100, "2030-01-01"), "paid");
}

}  // namespace
}  // namespace sl::land
