#include "text/phrase.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sl::text {
namespace {

constexpr Precision kExact = Precision::kExact;
constexpr Precision kAbout = Precision::kApproximate;

struct Case {
  double value;
  std::string_view unit;
  Precision precision;
  std::string_view expected;
};

void ExpectCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(PhraseFigure(c.value, c.unit, c.precision), c.expected)
        << "value " << std::to_string(c.value) << " unit " << c.unit
        << (c.precision == kExact ? " exact" : " approximate");
  }
}

TEST(PhraseFigure, WritesTheSeedBriefsFigures) {
  ExpectCases({
      {31, "人", kExact, "31人"},
      {13, "人", kExact, "13人"},
      {31, "家", kExact, "31家"},
      {9'860'000, "元", kAbout, "近千万元"},
      {14, "次", kExact, "14次"},
      {3, "个", kExact, "3个"},
      {2'000'000, "元", kAbout, "200万元"},
      {2'000'000, "元", kExact, "200万元"},
      {4, "次", kExact, "4次"},
      {17, "人", kAbout, "15余人"},
      {8, "次", kExact, "8次"},
      {208, "人次", kAbout, "200余人次"},
      {450, "亩", kAbout, "450亩"},
      {40'000, "元", kExact, "4万元"},
      {33, "人", kAbout, "30余人"},
      {1'950, "亩", kAbout, "近2000亩"},
      {10'500'000, "元", kAbout, "超过1000万元"},
      {32, "家", kAbout, "30余家"},
      {6'000'000, "公斤", kAbout, "600万公斤"},
      {30'000'000, "元", kAbout, "3000万元"},
      {196, "亩", kAbout, "近200亩"},
      {5'000'000, "元", kAbout, "500万元"},
      {29'000, "人", kAbout, "近3万人"},
      {96, "名", kAbout, "近100名"},
  });
}

TEST(PhraseFigure, ExactFiguresLoseNoDigit) {
  ExpectCases({
      {450, "亩", kExact, "450亩"},
      {2'000, "亩", kExact, "2000亩"},
      {45'000, "元", kExact, "4.5万元"},
      {45'600, "元", kExact, "4.56万元"},
      {2'345'600, "元", kExact, "234.56万元"},
      // 万 would need 4 decimals: plain digits instead of a rounded 234.57万元.
      {2'345'678, "元", kExact, "2345678元"},
      {12'345, "人", kExact, "12345人"},
      {120'000'000, "元", kExact, "1.2亿元"},
      {123'456'700, "元", kExact, "12345.67万元"},
      {1'000'000'000'000, "元", kExact, "1万亿元"},
      {17, "人", kExact, "17人"},
      {1'950, "亩", kExact, "1950亩"},
  });
}

TEST(PhraseFigure, RoundFiguresAreStatedPlainly) {
  ExpectCases({
      {2'000, "亩", kAbout, "2000亩"},
      {1'500, "亩", kAbout, "1500亩"},
      {95, "人", kAbout, "95人"},
      {10, "人", kAbout, "10人"},
      // A round figure wins over 近: 950万 is 5% below 千万 but says more.
      {9'500'000, "元", kAbout, "950万元"},
      {10'000'000, "元", kAbout, "1000万元"},  // 千万 only after 近
      {45'000, "元", kAbout, "4.5万元"},
  });
}

TEST(PhraseFigure, NearlyReachesFivePercentBelowTheNextRoundFigure) {
  ExpectCases({
      {1'999, "亩", kAbout, "近2000亩"},      // 1 below
      {1'900, "亩", kAbout, "近2000亩"},      // exactly 5% below
      {1'899.8, "亩", kAbout, "超过1500亩"},  // 5.01% below
      {1'899, "亩", kAbout, "超过1500亩"},
      {1'800, "亩", kAbout, "超过1500亩"},  // 10% below, and 1800 is no multiple of 500
      {19, "人", kAbout, "近20人"},
      {18, "人", kAbout, "15余人"},
      {199'000'000, "元", kAbout, "近2亿元"},
      {96'000'000, "元", kAbout, "近亿元"},
      {9'600, "人", kAbout, "近1万人"},  // the idiom is only 千万 and 亿
  });
}

TEST(PhraseFigure, AboveARoundFigureCountsTakeYuAndMeasuresChaoguo) {
  ExpectCases({
      {201, "人", kAbout, "200余人"},
      {1'001, "亩", kAbout, "超过1000亩"},
      {11, "人", kAbout, "10余人"},
      {2'100, "亩", kAbout, "超过2000亩"},
      {1'230, "户", kAbout, "1000余户"},
      {9'400, "人", kAbout, "9000余人"},
      {10'500, "元/年", kAbout, "超过1万元/年"},
      {1'950, "", kAbout, "近2000"},
  });
}

TEST(PhraseFigure, YuFollowsTheMagnitudeWord) {
  ExpectCases({
      {12'300, "人", kAbout, "1万余人"},
      {15'500, "人", kAbout, "1.5万余人"},
      {100'000'001, "人", kAbout, "1亿余人"},
      {1'234'000'000'000'000, "人次", kAbout, "1000万亿余人次"},
  });
}

TEST(PhraseFigure, CrossesTheWanAndYiBoundaries) {
  ExpectCases({
      {9'999, "元", kExact, "9999元"},
      {9'999, "元", kAbout, "近1万元"},
      {10'000, "元", kExact, "1万元"},
      {10'000, "元", kAbout, "1万元"},
      {10'001, "元", kExact, "10001元"},
      {10'001, "元", kAbout, "超过1万元"},
      {10'001, "人", kAbout, "1万余人"},
      {99'999'999, "元", kExact, "99999999元"},
      {99'999'999, "元", kAbout, "近亿元"},
      {100'000'000, "元", kExact, "1亿元"},
      {100'000'000, "元", kAbout, "1亿元"},
      {100'000'001, "元", kExact, "100000001元"},
      {100'000'001, "元", kAbout, "超过1亿元"},
      {9'999.996, "元", kExact, "1万元"},  // rounds to 10000.00
  });
}

TEST(PhraseFigure, KeepsTwoDecimals) {
  ExpectCases({
      {12.5, "亩", kExact, "12.5亩"},
      {12.5, "亩", kAbout, "超过10亩"},
      {0.5, "亩", kExact, "0.5亩"},
      {12.3456, "亩", kExact, "12.35亩"},
      {7.25, "亩", kAbout, "7.25亩"},
      {7, "人", kAbout, "7人"},  // estimates below 10 are stated as they are
      {9.999, "亩", kAbout, "10亩"},
  });
}

TEST(PhraseFigure, ZeroNegativeHugeAndNotANumber) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  ExpectCases({
      {0, "人", kExact, "0人"},
      {0, "人", kAbout, "0人"},
      {-0.0, "人", kExact, "0人"},
      {0.001, "亩", kExact, "0亩"},
      {-0.001, "亩", kExact, "0亩"},
      {-31, "人", kExact, "-31人"},
      {-40'000, "元", kExact, "-4万元"},
      {-1'950, "亩", kAbout, "-近2000亩"},
      {-12.5, "亩", kExact, "-12.5亩"},
      {1e15, "元", kExact, "1000万亿元"},
      {1e15, "元", kAbout, "1000万亿元"},
      {1.234e15, "元", kAbout, "超过1000万亿元"},
      {1e16, "元", kExact, "10000万亿元"},
      {std::nan(""), "元", kExact, ""},
      {kInf, "元", kAbout, ""},
      {-kInf, "元", kExact, ""},
  });
  const std::string max = PhraseFigure(std::numeric_limits<double>::max(), "元", kAbout);
  EXPECT_TRUE(max.starts_with("1797693134862315")) << max;
  EXPECT_EQ(max.size(), 297 + std::string_view("万亿元").size());
  EXPECT_TRUE(max.ends_with("万亿元")) << max;
  EXPECT_EQ(PhraseFigure(std::numeric_limits<double>::lowest(), "元", kExact), "-" + max);
}

// What a phrase says: its qualifier and its figure in hundredths of the unit.
struct Said {
  std::string_view qualifier;  // "", "近", "余", "超过"
  std::uint64_t hundredths = 0;
};

std::optional<Said> Read(std::string_view phrase, std::string_view unit) {
  if (!phrase.ends_with(unit)) return std::nullopt;
  phrase.remove_suffix(unit.size());
  Said said;
  for (std::string_view q : {"近", "超过"}) {
    if (phrase.starts_with(q)) {
      said.qualifier = q;
      phrase.remove_prefix(q.size());
    }
  }
  if (phrase.ends_with("余")) {
    said.qualifier = "余";
    phrase.remove_suffix(std::string_view("余").size());
  }
  std::uint64_t base = 1;
  for (const auto& [word, word_base] :
       {std::pair<std::string_view, std::uint64_t>{"万亿", 1'000'000'000'000},
        {"亿", 100'000'000},
        {"万", 10'000}}) {
    if (phrase.ends_with(word)) {
      phrase.remove_suffix(word.size());
      base = word_base;
      break;
    }
  }
  std::uint64_t whole = 0, cents = 0;
  std::size_t i = 0;
  for (; i < phrase.size() && phrase[i] >= '0' && phrase[i] <= '9'; ++i) {
    whole = whole * 10 + static_cast<std::uint64_t>(phrase[i] - '0');
  }
  if (i == 0) return std::nullopt;
  if (i < phrase.size()) {
    if (phrase[i] != '.' || phrase.size() - i < 2 || phrase.size() - i > 3) return std::nullopt;
    for (std::size_t j = i + 1; j < i + 3; ++j) {
      const char c = j < phrase.size() ? phrase[j] : '0';
      if (c < '0' || c > '9') return std::nullopt;
      cents = cents * 10 + static_cast<std::uint64_t>(c - '0');
    }
  }
  said.hundredths = (whole * 100 + cents) * base;
  return said;
}

// A round figure has one or two significant digits, the second a 5.
bool IsRound(std::uint64_t hundredths) {
  std::uint64_t n = hundredths;
  if (n == 0) return true;
  while (n % 10 == 0) n /= 10;
  return n < 10 || (n < 100 && n % 10 == 5);
}

std::vector<std::uint64_t> SweepValues() {
  std::vector<std::uint64_t> values;
  for (std::uint64_t v = 0; v <= 120'000; ++v) values.push_back(v);
  for (std::uint64_t power = 100'000; power <= 100'000'000'000'000; power *= 10) {
    for (std::uint64_t lead = 1; lead <= 10; ++lead) {
      const std::uint64_t round = lead * power;
      for (std::uint64_t delta : {std::uint64_t{1}, std::uint64_t{7}, round / 100, round / 20,
                                  round / 20 + 1, round / 10, round / 3, power / 2}) {
        values.push_back(round - delta);
        values.push_back(round);
        values.push_back(round + delta);
      }
    }
  }
  return values;
}

// Proof by reading back: exact phrases state the value; an estimate's figure is
// round, 近 is at most 5% above the value, 余/超过 below it by less than a step.
TEST(PhraseFigure, SaysWhatTheValueIs) {
  for (const std::uint64_t v : SweepValues()) {
    const double value = static_cast<double>(v);
    const std::uint64_t h = v * 100;
    for (std::string_view unit : {"人", "亩"}) {
      const std::string exact = PhraseFigure(value, unit, kExact);
      const std::optional<Said> e = Read(exact, unit);
      ASSERT_TRUE(e) << exact;
      EXPECT_EQ(e->qualifier, "") << exact;
      EXPECT_EQ(e->hundredths, h) << exact;

      const std::string about = PhraseFigure(value, unit, kAbout);
      std::optional<Said> a = Read(about, unit);
      if (about.starts_with("近千万") || about.starts_with("近亿")) {
        a = Said{"近", about.starts_with("近亿") ? 100'000'000ULL * 100 : 10'000'000ULL * 100};
      }
      ASSERT_TRUE(a) << about;
      if (v < 10 || a->qualifier.empty()) {
        EXPECT_EQ(a->qualifier, "") << about;
        EXPECT_EQ(a->hundredths, h) << about;
        EXPECT_TRUE(v < 10 || IsRound(h)) << about;
        continue;
      }
      EXPECT_TRUE(IsRound(a->hundredths)) << about;
      if (a->qualifier == "近") {
        EXPECT_GT(a->hundredths, h) << about;
        EXPECT_LE((a->hundredths - h) * 20, a->hundredths) << about;
      } else {
        EXPECT_EQ(a->qualifier, unit == "人" ? "余" : "超过") << about;
        EXPECT_LT(a->hundredths, h) << about;
        EXPECT_LT(h - a->hundredths, a->hundredths / 2) << about;
      }
    }
  }
}

}  // namespace
}  // namespace sl::text
