#include "text/phrase.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace sl::text {
namespace {

// The magnitude words, largest first.
struct Magnitude {
  std::uint64_t base;
  std::string_view word;
};
constexpr std::array<Magnitude, 3> kMagnitudes{{
    {1'000'000'000'000, "万亿"},
    {100'000'000, "亿"},
    {10'000, "万"},
}};

// From here on (一万万亿) a figure is no ledger's and a double no longer holds
// hundredths: it is written in whole 万亿, without qualifier.
constexpr double kLargest = 1e16;

// Units of things counted one by one: an estimate of them takes 余 after the
// number (30余人); every other unit is a measure and takes 超过 (超过2000亩).
constexpr std::array<std::string_view, 17> kCountedUnits{
    "人", "人次", "次", "家", "个", "名", "户", "位", "项",
    "场", "期",   "批", "件", "所", "座", "支", "处",
};

// An estimate at most 1/kNearlyPer (5%) below the next round figure is "nearly"
// it (近2000亩 for 1,900 to 1,999).
constexpr std::uint64_t kNearlyPer = 20;

bool IsCounted(std::string_view unit) {
  return std::find(kCountedUnits.begin(), kCountedUnits.end(), unit) != kCountedUnits.end();
}

void AppendUint(std::string& out, std::uint64_t n) {
  std::array<char, 24> buf;
  out.append(buf.data(), std::to_chars(buf.data(), buf.data() + buf.size(), n).ptr);
}

// A number of hundredths: 1200 -> "12", 1250 -> "12.5", 1234 -> "12.34".
void AppendHundredths(std::string& out, std::uint64_t hundredths) {
  AppendUint(out, hundredths / 100);
  const std::uint64_t cents = hundredths % 100;
  if (cents == 0) return;
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  if (cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
}

// The figure in the largest magnitude (万亿, 亿, 万) in which it needs at most
// 2 decimals and is at least 1, else in plain digits: no hundredth is lost.
void AppendNumber(std::string& out, std::uint64_t hundredths) {
  for (const Magnitude& m : kMagnitudes) {
    if (hundredths >= m.base * 100 && hundredths % m.base == 0) {
      AppendHundredths(out, hundredths / m.base);
      out += m.word;
      return;
    }
  }
  AppendHundredths(out, hundredths);
}

// value in [0, kLargest). The whole part apart, so that large values stay exact.
std::uint64_t ToHundredths(double value) {
  const double whole = std::floor(value);
  return static_cast<std::uint64_t>(whole) * 100 +
         static_cast<std::uint64_t>(std::llround((value - whole) * 100));
}

// What goes before the unit, for a figure in hundredths of it.
std::string Words(std::uint64_t figure, bool counted, Precision precision) {
  std::string out;
  // Exact figures and estimates below 10 are stated as they are.
  if (precision == Precision::kExact || figure < 10 * 100) {
    AppendNumber(out, figure);
    return out;
  }
  std::uint64_t power = 10 * 100;  // 10^k <= figure < 10^(k+1)
  while (power * 10 <= figure) power *= 10;
  const std::uint64_t step = power / 2;  // round figures are the multiples of 5 * 10^(k-1)
  if (figure % step == 0) {
    AppendNumber(out, figure);
    return out;
  }
  const std::uint64_t up = figure - figure % power + power;
  if ((up - figure) * kNearlyPer <= up) {
    out += "近";
    if (up == 10'000'000 * 100ULL) {
      out += "千万";
    } else if (up == 100'000'000 * 100ULL) {
      out += "亿";
    } else {
      AppendNumber(out, up);
    }
    return out;
  }
  const std::uint64_t down = figure - figure % step;
  if (counted) {
    AppendNumber(out, down);
    out += "余";  // after 万 and 亿 too: 1万余人
  } else {
    out += "超过";
    AppendNumber(out, down);
  }
  return out;
}

std::string PhraseNonNegative(double value, std::string_view unit, Precision precision) {
  // Past kLargest: whole 万亿, rounded by std::to_chars, without qualifier.
  if (value >= kLargest) {
    std::array<char, 400> buf;  // the 297 integer digits of the largest double / 10^12 fit
    char* end = std::to_chars(buf.data(), buf.data() + buf.size(), value / 1e12,
                              std::chars_format::fixed, 0)
                    .ptr;
    return std::string(buf.data(), end) + "万亿" + std::string(unit);
  }
  return Words(ToHundredths(value), IsCounted(unit), precision) + std::string(unit);
}

}  // namespace

std::string PhraseFigure(double value, std::string_view unit, Precision precision) {
  if (!std::isfinite(value)) return {};
  const std::string body = PhraseNonNegative(std::fabs(value), unit, precision);
  // -0 and values that round to 0.00 get no sign.
  if (value >= 0 || (body.starts_with('0') && body.size() == 1 + unit.size())) return body;
  return "-" + body;
}

}  // namespace sl::text
