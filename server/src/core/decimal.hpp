#pragma once
// Exact decimals kept as integers: an area of "450.25" 亩 is 45025 hundredths,
// an indicator value with `scale` decimals is stored times 10^scale. No
// floating point anywhere between the text and the stored integer.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sl {

// "450", "450.2", "450.25", "1,200.5" -> the value times 10^scale; nullopt for
// anything else: a sign, more than `scale` decimals, or more than `max`
// (a stored integer). Spaces around are ignored.
std::optional<int64_t> ParseDecimal(std::string_view text, int scale, int64_t max);
// The text of a stored value: 45025 with scale 2 -> "450.25"; scale 0 -> "45025".
std::string FormatDecimal(int64_t value, int scale);
// 10^scale (scale 0..6).
int64_t PowerOfTen(int scale);

}  // namespace sl
