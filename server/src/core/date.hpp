#pragma once
// Calendar dates as ISO text ("2022-10-20"). The product's users are in China:
// "today" is the date in Asia/Shanghai (UTC+8, no daylight saving).

#include <optional>
#include <string>
#include <string_view>

namespace sl {

// Whether `s` is a real calendar date written YYYY-MM-DD (1900..2199).
bool IsIsoDate(std::string_view s);
// Accepts the ways people write dates in ledgers: 2022-10-20, 2022/10/20,
// 2022.10.20, 20221020, 2022年10月20日, 2022-1-5; answers the ISO form.
std::optional<std::string> ParseDate(std::string_view s);
// Age in whole years on `day` of someone born on `birth` (both ISO dates);
// nothing when either is not a date or `day` comes before `birth`.
std::optional<int> AgeOn(std::string_view birth, std::string_view day);
// The ISO date `days` after `date` (an ISO date; negative goes back).
std::string AddDays(std::string_view date, int days);
// The ISO date `months` whole months after `date`, on the same day of the
// month or, past the end of a shorter month, its last day (2022-01-31 + 1 ->
// 2022-02-28; 2024-02-29 + 12 -> 2025-02-28).
std::string AddMonths(std::string_view date, int months);
// The days from `from` to `to` (both ISO dates; negative when `to` is earlier).
int DaysBetween(std::string_view from, std::string_view to);
// The UTC instant (ISO-8601, as stored) at which a day in China begins.
std::string ChinaDayStartUtc(std::string_view date);
// Today's date in Asia/Shanghai.
std::string TodayInChina();

}  // namespace sl
