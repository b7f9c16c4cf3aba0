// The payment schedule of a land contract, made from its terms (rules only).

#include "core/date.hpp"
#include "land/land.hpp"

namespace sl::land {

int64_t RentOfYear(const Terms& t, int year) {
  int64_t rent = t.rent_fen_per_year;
  if (t.increase_percent <= 0 || t.increase_every <= 0) return rent;
  for (int step = 0; step < year / t.increase_every; ++step)
    rent = (rent * (100 + t.increase_percent) + 50) / 100;
  return rent;
}

std::vector<Due> Schedule(const Terms& t) {
  std::vector<Due> out;
  const int per_year = t.periods_per_year > 0 ? t.periods_per_year : 1;
  const int months = 12 / per_year;
  for (int k = 0;; ++k) {
    const std::string year_start = AddMonths(t.starts_on, 12 * k);
    if (year_start > t.ends_on || k > 100) break;
    const int64_t rent = RentOfYear(t, k);
    for (int j = 0; j < per_year; ++j) {
      const std::string from = AddMonths(t.starts_on, 12 * k + j * months);
      if (from > t.ends_on) break;
      // Floors of the running total: the year's periods add up to its rent.
      int64_t amount = rent * (j + 1) / per_year - rent * j / per_year;
      const std::string to = AddDays(AddMonths(t.starts_on, 12 * k + (j + 1) * months), -1);
      if (to > t.ends_on) {
        const int64_t full = DaysBetween(from, to) + 1;
        const int64_t held = DaysBetween(from, t.ends_on) + 1;
        amount = (amount * held * 2 + full) / (full * 2);  // half up
      }
      out.push_back({static_cast<int>(out.size()) + 1, from, amount});
    }
  }
  return out;
}

std::string StatusOn(const std::string& due_on, int64_t amount, int64_t received,
                     const std::string& date) {
  if (received >= amount) return "paid";
  if (due_on < date) return "overdue";
  if (received > 0) return "partial";
  return "due";
}

}  // namespace sl::land
