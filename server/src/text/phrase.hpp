#pragma once
// A figure written the way a township work brief (工作简报) writes it: 4万元,
// 近2000亩, 30余人, 超过1000万元, 近千万元. The rules, with examples, are in
// docs/phrasing.md.

#include <string>
#include <string_view>

namespace sl::text {

// How well the figure is known. Exact: counted in a register, stated without a
// qualifier and without losing a digit (31人, 12345人). Approximate: an estimate
// (jobs, attendances, output, visitors), stated as a round figure with
// 近/余/超过.
enum class Precision { kExact, kApproximate };

// `value` is in the unit's base quantity (yuan, not fen; 亩 may have decimals,
// kept to 2); `unit` is a plain Chinese unit ("人", "人次", "家", "亩", "元",
// "公斤", "元/年"). Counted units (人, 家, 个, ...) take 余, all others 超过.
// Pure: no locale, no I/O. Negative values get a leading "-"; NaN and infinity
// give "".
std::string PhraseFigure(double value, std::string_view unit, Precision precision);

}  // namespace sl::text
