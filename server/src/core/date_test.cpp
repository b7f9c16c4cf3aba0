#include "core/date.hpp"

#include <gtest/gtest.h>
#include "testing/expect.hpp"

namespace sl {
namespace {

using sl::testing::ExpectAll;

TEST(Dates, IsoDatesAreRealCalendarDays) {
  ExpectAll(IsIsoDate, true, {"2022-10-20", "2024-02-29"});
  ExpectAll(IsIsoDate, false, {"2023-02-29", "2022-13-01", "2022-1-5", "20221020", ""});
}

TEST(Dates, AgeCountsWholeYearsUpToTheBirthday) {
  EXPECT_EQ(AgeOn("1980-05-02", "2022-05-01"), 41);
  EXPECT_EQ(AgeOn("1980-05-02", "2022-05-02"), 42);
  EXPECT_EQ(AgeOn("2000-02-29", "2001-02-28"), 0);
  EXPECT_EQ(AgeOn("2000-02-29", "2001-03-01"), 1);
  EXPECT_EQ(AgeOn("2022-05-02", "2022-05-01"), std::nullopt);
  EXPECT_EQ(AgeOn("1980-13-02", "2022-05-01"), std::nullopt);
}

TEST(Dates, DaysAddAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(AddDays("2022-12-31", 1), "2023-01-01");
  EXPECT_EQ(AddDays("2024-03-01", -1), "2024-02-29");
  EXPECT_EQ(AddDays("2022-03-10", 0), "2022-03-10");
  EXPECT_EQ(ChinaDayStartUtc("2022-03-10"), "2022-03-09T16:00:00Z");
}

TEST(Dates, MonthsKeepTheDayOrFallOnTheMonthsLastDay) {
  EXPECT_EQ(AddMonths("2022-01-31", 1), "2022-02-28");
  EXPECT_EQ(AddMonths("2022-01-31", 3), "2022-04-30");
  EXPECT_EQ(AddMonths("2022-01-31", 6), "2022-07-31");
  EXPECT_EQ(AddMonths("2024-02-29", 12), "2025-02-28");
  EXPECT_EQ(AddMonths("2024-02-29", 48), "2028-02-29");
  EXPECT_EQ(AddMonths("2022-09-01", 60), "2027-09-01");
  EXPECT_EQ(AddMonths("2022-12-15", 1), "2023-01-15");
  EXPECT_EQ(DaysBetween("2022-09-01", "2023-09-01"), 365);
  EXPECT_EQ(DaysBetween("2024-03-01", "2024-02-28"), -2);
}

TEST(Dates, LedgerSpellingsParse) {
  for (const char* s :
       {"2022-10-20", "2022/10/20", "2022.10.20", "20221020", "2022年10月20日", " 2022-10-20 "})
    EXPECT_EQ(ParseDate(s), "2022-10-20") << s;
  EXPECT_EQ(ParseDate("2022-1-5"), "2022-01-05");
  EXPECT_EQ(ParseDate("2022-02-30"), std::nullopt);
  EXPECT_EQ(ParseDate("10/20/2022"), std::nullopt);  // ambiguous order: refused
  EXPECT_EQ(ParseDate("yesterday"), std::nullopt);
  EXPECT_EQ(ParseDate("99999999999999"), std::nullopt);
  EXPECT_TRUE(IsIsoDate(TodayInChina()));
}

}  // namespace
}  // namespace sl
