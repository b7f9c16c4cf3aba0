#include "core/decimal.hpp"

#include <algorithm>

namespace sl {

int64_t PowerOfTen(int scale) {
  int64_t p = 1;
  for (int i = 0; i < scale; ++i) p *= 10;
  return p;
}

std::optional<int64_t> ParseDecimal(std::string_view s, int scale, int64_t max) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty() || scale < 0 || scale > 6) return std::nullopt;
  int64_t whole = 0, fraction = 0;
  int decimals = 0, digits = 0;
  bool point = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ',' && !point && digits > 0) continue;
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (point) {
      if (++decimals > scale) {
        if (c != '0') return std::nullopt;  // "450.250" is 450.25
        continue;
      }
      fraction = fraction * 10 + (c - '0');
    } else {
      if (whole > (max / 10) + 1) return std::nullopt;
      whole = whole * 10 + (c - '0');
      ++digits;
    }
  }
  if (digits == 0 || (point && decimals == 0)) return std::nullopt;
  const int64_t unit = PowerOfTen(scale);
  for (int d = std::min(decimals, scale); d < scale; ++d) fraction *= 10;
  if (whole > max / unit) return std::nullopt;
  const int64_t value = whole * unit + fraction;
  if (value > max) return std::nullopt;
  return value;
}

std::string FormatDecimal(int64_t value, int scale) {
  if (scale <= 0) return std::to_string(value);
  const bool negative = value < 0;
  const uint64_t v = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  const uint64_t unit = static_cast<uint64_t>(PowerOfTen(scale));
  std::string fraction = std::to_string(v % unit);
  fraction.insert(0, static_cast<size_t>(scale) - fraction.size(), '0');
  return (negative ? "-" : "") + std::to_string(v / unit) + "." + fraction;
}

}  // namespace sl
