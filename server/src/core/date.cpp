#include "core/date.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace sl {

namespace {
bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
bool Valid(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && Leap(y) ? 1 : 0);
}
std::string Format(int y, int m, int d) {
  char buf[40];  // room for any int, so the compiler can prove no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}
}  // namespace

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  auto num = [&](size_t at, size_t len) {
    int n = 0;
    for (size_t i = at; i < at + len; ++i) n = n * 10 + (s[i] - '0');
    return n;
  };
  return Valid(num(0, 4), num(5, 2), num(8, 2));
}

std::optional<std::string> ParseDate(std::string_view s) {
  // Split into runs of ASCII digits; anything else separates.
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      cur.push_back(c);
    } else if (!cur.empty()) {
      parts.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  int y = 0, m = 0, d = 0;
  if (parts.size() == 1 && parts[0].size() == 8) {
    y = std::stoi(parts[0].substr(0, 4));
    m = std::stoi(parts[0].substr(4, 2));
    d = std::stoi(parts[0].substr(6, 2));
  } else if (parts.size() == 3 && parts[0].size() == 4 && parts[1].size() <= 2 &&
             parts[2].size() <= 2) {
    y = std::stoi(parts[0]);
    m = std::stoi(parts[1]);
    d = std::stoi(parts[2]);
  } else {
    return std::nullopt;
  }
  if (!Valid(y, m, d)) return std::nullopt;
  return Format(y, m, d);
}

std::optional<int> AgeOn(std::string_view birth, std::string_view day) {
  if (!IsIsoDate(birth) || !IsIsoDate(day) || day < birth) return std::nullopt;
  const int years =
      std::stoi(std::string(day.substr(0, 4))) - std::stoi(std::string(birth.substr(0, 4)));
  // Not yet had this year's birthday: the month-day text compares as dates.
  return day.substr(5) < birth.substr(5) ? years - 1 : years;
}

std::string AddDays(std::string_view date, int days) {
  using namespace std::chrono;
  const year_month_day ymd{year{std::stoi(std::string(date.substr(0, 4)))},
                           month{static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))))},
                           day{static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))))}};
  const year_month_day out{sys_days{ymd} + std::chrono::days{days}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()),
                static_cast<unsigned>(out.month()), static_cast<unsigned>(out.day()));
  return buf;
}

std::string AddMonths(std::string_view date, int months) {
  const int y = std::stoi(std::string(date.substr(0, 4)));
  const int m = std::stoi(std::string(date.substr(5, 2)));
  const int d = std::stoi(std::string(date.substr(8, 2)));
  const int total = y * 12 + (m - 1) + months;
  const int ny = total / 12, nm = total % 12 + 1;
  int nd = d;
  while (nd > 28 && !Valid(ny, nm, nd)) --nd;
  return Format(ny, nm, nd);
}

int DaysBetween(std::string_view from, std::string_view to) {
  using namespace std::chrono;
  const auto days_of = [](std::string_view s) {
    const year_month_day ymd{year{std::stoi(std::string(s.substr(0, 4)))},
                             month{static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))))},
                             day{static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))))}};
    return sys_days{ymd};
  };
  return static_cast<int>((days_of(to) - days_of(from)).count());
}

std::string ChinaDayStartUtc(std::string_view date) {
  return AddDays(date, -1) + "T16:00:00Z";  // UTC+8
}

std::string TodayInChina() {
  const std::time_t t =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return Format(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

}  // namespace sl
