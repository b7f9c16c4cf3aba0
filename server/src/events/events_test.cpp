// The events' rules that need no database: the date-or-time field, the
// order of a start and an end, the chamber rule, and check-in codes.

#include <gtest/gtest.h>

#include "events/events.hpp"
#include "events/internal.hpp"

namespace sl::events {
namespace {

using internal::Before;
using internal::NormalizeWhen;

TEST(When, AcceptsADayOrADayAndTime) {
  EXPECT_EQ(NormalizeWhen("2022-03-10"), "2022-03-10");
  EXPECT_EQ(NormalizeWhen("2022-03-10T09:00"), "2022-03-10T09:00");
  EXPECT_EQ(NormalizeWhen("2022-03-10 09:00"), "2022-03-10T09:00");
  EXPECT_EQ(NormalizeWhen("2022-03-10T09:00:59"), "2022-03-10T09:00");
}

TEST(When, RefusesWhatIsNotADayOrATime) {
  for (const char* bad : {"", "2022-3-10", "2022/03/10", "2022-02-30", "2022-03-10T24:00",
                          "2022-03-10T09:60", "2022-03-10T9:00", "2022-03-10T09:00Z",
                          "2022-03-10X09:00", "2022-03-10T09:00:61", "2022-03-10T"})
    EXPECT_EQ(NormalizeWhen(bad), std::nullopt) << bad;
}

TEST(When, ADayAloneComparesByDay) {
  EXPECT_TRUE(Before("2022-03-09", "2022-03-10T09:00"));
  EXPECT_FALSE(Before("2022-03-10", "2022-03-10T09:00"));  // the same day: not before
  EXPECT_TRUE(Before("2022-03-10T08:59", "2022-03-10T09:00"));
  EXPECT_FALSE(Before("2022-03-10T09:00", "2022-03-10T09:00"));
}

TEST(Chamber, OrganizesWhenAChamberIsAmongTheOrganizers) {
  EXPECT_FALSE(internal::ByChamber({}));
  EXPECT_FALSE(internal::ByChamber({{1, "中共楠市镇委员会", "party_committee"}}));
  EXPECT_TRUE(internal::ByChamber(
      {{1, "中共楠市镇委员会", "party_committee"}, {2, "楠市镇商会", "chamber"}}));
}

TEST(CheckIn, AGoodCodeIsGoodUntilItExpires) {
  const std::string key(64, 'a');
  const std::string code = SignCheckIn(key, 42, 1000);
  EXPECT_EQ(code.rfind("42.1000.", 0), 0u);
  EXPECT_EQ(VerifyCheckIn(key, code, 42, 999), std::nullopt);
  EXPECT_EQ(VerifyCheckIn(key, code, 42, 1000), CodeProblem::kExpired);
}

TEST(CheckIn, ForgedOrOtherCodesAreInvalid) {
  const std::string key(64, 'a');
  const std::string code = SignCheckIn(key, 42, 1000);
  EXPECT_EQ(VerifyCheckIn(key, code, 43, 1), CodeProblem::kInvalid);  // another event
  EXPECT_EQ(VerifyCheckIn(std::string(64, 'b'), code, 42, 1),
            CodeProblem::kInvalid);  // another key
  EXPECT_EQ(VerifyCheckIn(key, "42.2000." + code.substr(8), 42, 1),
            CodeProblem::kInvalid);  // expiry moved
  // An expired forgery is invalid, not expired: the signature is checked first.
  EXPECT_EQ(VerifyCheckIn(key, "42.5." + std::string(32, '0'), 42, 10), CodeProblem::kInvalid);
  for (const char* bad : {"", "42", "42.1000", "42..x", "-42.1000.x", "42.1000.x.y"})
    EXPECT_EQ(VerifyCheckIn(key, bad, 42, 1), CodeProblem::kInvalid) << bad;
}

}  // namespace
}  // namespace sl::events
