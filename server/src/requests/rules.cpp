// The rules of requests, with no I/O: working days, the flow of statuses, and
// escalation by dates.

#include <algorithm>
#include <array>

#include "core/date.hpp"
#include "requests/requests.hpp"

namespace sl::requests {

namespace {

// 0 Monday ... 6 Sunday (1970-01-01 was a Thursday).
int Weekday(std::string_view date) {
  const int d = DaysBetween("1970-01-01", date);
  return ((d + 3) % 7 + 7) % 7;
}

struct Move {
  std::string_view action;
  std::array<std::string_view, 4> from;
  std::string_view to;  // "" keeps the status
};

// The built-in flow: 登记 → 受理 → 办理中 → 办结 → 已评价 / 重办.
constexpr std::array<Move, 8> kFlow = {{
    {"accept", {"registered", "reopened"}, "accepted"},
    {"forward", {"registered", "accepted", "in_progress", "reopened"}, "in_progress"},
    {"progress", {"accepted", "in_progress", "reopened"}, "in_progress"},
    {"resolve", {"registered", "accepted", "in_progress", "reopened"}, "resolved"},
    {"rate", {"resolved"}, "rated"},
    {"reopen", {"resolved", "rated"}, "reopened"},
    {"escalate", {"registered", "accepted", "in_progress", "reopened"}, ""},
    {"withdraw", {"registered", "accepted", "in_progress", "reopened"}, "withdrawn"},
}};

bool From(const Move& m, std::string_view status) {
  return std::find(m.from.begin(), m.from.end(), status) != m.from.end();
}

}  // namespace

bool IsWorkingDay(const Calendar& c, std::string_view date) {
  const std::string d(date);
  if (c.workdays.count(d)) return true;
  if (c.holidays.count(d)) return false;
  return Weekday(date) < 5;
}

std::string AddWorkingDays(const Calendar& c, std::string_view date, int n) {
  std::string d(date);
  while (n > 0) {
    d = AddDays(d, 1);
    if (IsWorkingDay(c, d)) --n;
  }
  return d;
}

int WorkingDaysBetween(const Calendar& c, std::string_view from, std::string_view to) {
  int n = 0;
  for (std::string d = AddDays(from, 1); d <= to; d = AddDays(d, 1))
    if (IsWorkingDay(c, d)) ++n;
  return n;
}

std::string WorkingCutoff(const Calendar& c, std::string_view date, int n) {
  std::string d(date);
  if (n <= 0) return d;
  // The n-th working day counting back from `date` (itself included).
  for (int seen = 0;; d = AddDays(d, -1)) {
    if (IsWorkingDay(c, d) && ++seen == n) return d;
  }
}

std::optional<std::string> NextStatus(std::string_view status, std::string_view action,
                                      std::string_view rating) {
  for (const Move& m : kFlow) {
    if (m.action != action || !From(m, status)) continue;
    if (action == "rate" && rating == "unsatisfied") return "reopened";
    return std::string(m.to.empty() ? status : m.to);
  }
  return std::nullopt;
}

bool IsOpenStatus(std::string_view status) {
  return status == "registered" || status == "accepted" || status == "in_progress" ||
         status == "reopened";
}

std::vector<std::string> ActionsFrom(std::string_view status) {
  std::vector<std::string> out;
  for (const Move& m : kFlow)
    if (From(m, status)) out.emplace_back(m.action);
  return out;
}

int EscalationOn(const Calendar& c, const Limits& l, bool open,
                 const std::optional<std::string>& due_on, int manual, std::string_view date) {
  if (!open) return 0;
  int level = 0;
  if (due_on && *due_on < date) {
    const int late = WorkingDaysBetween(c, *due_on, date);
    level = late >= l.county_after_days ? 2 : late >= l.town_after_days ? 1 : 0;
  }
  return std::min(2, std::max(level, manual));
}

const char* EscalationName(int level) {
  return level >= 2 ? "county" : level == 1 ? "town" : "none";
}

}  // namespace sl::requests
