#include <gtest/gtest.h>

#include "requests/requests.hpp"

namespace sl::requests {
namespace {

// 2022's 国庆节: 10-01..10-07 off, Saturday 10-08 and Sunday 10-09 worked.
Calendar National() {
  Calendar c;
  for (int d = 1; d <= 7; ++d) c.holidays.insert("2022-10-0" + std::to_string(d));
  c.workdays = {"2022-10-08", "2022-10-09"};
  return c;
}

TEST(WorkingDays, SkipWeekends) {
  const Calendar none;
  EXPECT_FALSE(IsWorkingDay(none, "2022-03-05"));  // a Saturday
  EXPECT_TRUE(IsWorkingDay(none, "2022-03-07"));   // a Monday
  // Raised on a Friday, one working day: the Monday.
  EXPECT_EQ(AddWorkingDays(none, "2022-03-04", 1), "2022-03-07");
  EXPECT_EQ(AddWorkingDays(none, "2022-03-04", 5), "2022-03-11");
  EXPECT_EQ(AddWorkingDays(none, "2022-03-04", 0), "2022-03-04");
  EXPECT_EQ(WorkingDaysBetween(none, "2022-03-04", "2022-03-07"), 1);
  EXPECT_EQ(WorkingDaysBetween(none, "2022-03-07", "2022-03-04"), 0);
}

TEST(WorkingDays, HolidaysAndWorkedWeekends) {
  const Calendar c = National();
  // Friday 09-30 + 1: the holiday week is skipped, Saturday 10-08 is worked.
  EXPECT_EQ(AddWorkingDays(c, "2022-09-30", 1), "2022-10-08");
  EXPECT_EQ(AddWorkingDays(c, "2022-09-30", 3), "2022-10-10");
  EXPECT_EQ(WorkingDaysBetween(c, "2022-09-30", "2022-10-10"), 3);
}

TEST(WorkingDays, CutoffAgreesWithCounting) {
  const Calendar c = National();
  for (const char* date : {"2022-10-10", "2022-10-08", "2022-10-03", "2022-03-07"}) {
    for (int n = 0; n <= 6; ++n) {
      const std::string cut = WorkingCutoff(c, date, n);
      for (std::string due = "2022-09-20"; due < date; due = AddWorkingDays({}, due, 1)) {
        const bool late_enough = n == 0 ? due < date : WorkingDaysBetween(c, due, date) >= n;
        EXPECT_EQ(due < cut, late_enough) << date << " n=" << n << " due=" << due;
      }
    }
  }
}

TEST(Flow, EveryAllowedMove) {
  EXPECT_EQ(NextStatus("registered", "accept"), "accepted");
  EXPECT_EQ(NextStatus("registered", "forward"), "in_progress");
  EXPECT_EQ(NextStatus("accepted", "progress"), "in_progress");
  EXPECT_EQ(NextStatus("in_progress", "resolve"), "resolved");
  EXPECT_EQ(NextStatus("resolved", "rate", "basic"), "rated");
  EXPECT_EQ(NextStatus("resolved", "rate", "unsatisfied"), "reopened");
  EXPECT_EQ(NextStatus("rated", "reopen"), "reopened");
  EXPECT_EQ(NextStatus("reopened", "accept"), "accepted");
  EXPECT_EQ(NextStatus("accepted", "escalate"), "accepted");
  EXPECT_EQ(NextStatus("in_progress", "withdraw"), "withdrawn");
}

TEST(Flow, MovesThatDoNotFit) {
  EXPECT_FALSE(NextStatus("registered", "rate", "satisfied"));
  EXPECT_FALSE(NextStatus("registered", "progress"));
  EXPECT_FALSE(NextStatus("rated", "resolve"));
  EXPECT_FALSE(NextStatus("withdrawn", "reopen"));
  EXPECT_FALSE(NextStatus("resolved", "escalate"));
  EXPECT_FALSE(NextStatus("accepted", "fly"));
  EXPECT_TRUE(ActionsFrom("withdrawn").empty());
  EXPECT_EQ(ActionsFrom("resolved"), (std::vector<std::string>{"rate", "reopen"}));
}

TEST(Escalation, ByDatesAndByHand) {
  const Calendar none;
  const Limits l{15, 0, 5};
  const std::optional<std::string> due = "2022-03-04";               // a Friday
  EXPECT_EQ(EscalationOn(none, l, true, due, 0, "2022-03-04"), 0);   // due today
  EXPECT_EQ(EscalationOn(none, l, true, due, 0, "2022-03-05"), 1);   // late: the town
  EXPECT_EQ(EscalationOn(none, l, true, due, 0, "2022-03-10"), 1);   // 4 working days
  EXPECT_EQ(EscalationOn(none, l, true, due, 0, "2022-03-11"), 2);   // 5: the county
  EXPECT_EQ(EscalationOn(none, l, false, due, 0, "2022-03-11"), 0);  // closed
  EXPECT_EQ(EscalationOn(none, l, true, std::nullopt, 1, "2022-03-11"), 1);
  EXPECT_EQ(EscalationOn(none, l, true, due, 5, "2022-03-01"), 2);
  EXPECT_STREQ(EscalationName(2), "county");
}

}  // namespace
}  // namespace sl::requests
