#include "core/decimal.hpp"

#include <gtest/gtest.h>

namespace sl {
namespace {

TEST(Decimals, ParseExactlyWithinTheScale) {
  EXPECT_EQ(ParseDecimal("450.00", 2, 100000000), 45000);
  EXPECT_EQ(ParseDecimal("450", 2, 100000000), 45000);
  EXPECT_EQ(ParseDecimal("450.2", 2, 100000000), 45020);
  EXPECT_EQ(ParseDecimal(" 1,200.35 ", 2, 100000000), 120035);
  EXPECT_EQ(ParseDecimal("0.01", 2, 100000000), 1);
  EXPECT_EQ(ParseDecimal("29000", 0, 1000000000000000), 29000);
  EXPECT_EQ(ParseDecimal("450.250", 2, 100000000), 45025);  // trailing zeros are fine
}

TEST(Decimals, RefuseWhatIsNotAnExactNonNegativeNumber) {
  for (const char* bad :
       {"", "-1", "+1", "1.234", "1e3", "abc", "1.2.3", ".5", "5.", ",5", "NaN", "0x10", "１２"})
    EXPECT_EQ(ParseDecimal(bad, 2, 100000000), std::nullopt) << bad;
  EXPECT_EQ(ParseDecimal("1.5", 0, 1000), std::nullopt);
  EXPECT_EQ(ParseDecimal("1000001", 0, 1000000), std::nullopt);
  EXPECT_EQ(ParseDecimal("99999999999999999999999", 0, 1000000000000000), std::nullopt);
  EXPECT_EQ(ParseDecimal("1000000.01", 2, 100000000), std::nullopt);
}

TEST(Decimals, FormatWithTheScale) {
  EXPECT_EQ(FormatDecimal(45025, 2), "450.25");
  EXPECT_EQ(FormatDecimal(5, 2), "0.05");
  EXPECT_EQ(FormatDecimal(29000, 0), "29000");
  EXPECT_EQ(FormatDecimal(0, 2), "0.00");
}

}  // namespace
}  // namespace sl
