// How well a region serves its requesters: requests raised in a period under a
// region, open, late, resolved on time, rated satisfied, and the median days
// to resolve; by category and by child region. One pass over the rows.

#include <algorithm>
#include <cmath>

#include "core/date.hpp"
#include "requests/requests.hpp"
#include "store/subtree.hpp"

namespace sl::requests {

namespace {

void Add(Counts& c, bool open, bool overdue, const std::optional<std::string>& resolved_on,
         const std::optional<std::string>& due_on, const std::optional<std::string>& rating,
         const std::string& raised_on) {
  ++c.total;
  if (open) ++c.open;
  if (overdue) ++c.overdue;
  if (resolved_on) {
    ++c.resolved;
    if (!due_on || *resolved_on <= *due_on) ++c.on_time;
    c.days_to_resolve.push_back(DaysBetween(raised_on, *resolved_on));
  }
  if (rating) {
    ++c.rated;
    if (*rating != "unsatisfied") ++c.satisfied;
  }
}

Json Rate(int64_t part, int64_t whole) {
  if (whole == 0) return Json();
  return std::round(10000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10000.0;
}

Json Median(std::vector<int> days) {
  if (days.empty()) return Json();
  std::sort(days.begin(), days.end());
  const size_t n = days.size();
  if (n % 2 == 1) return days[n / 2];
  const double m = (days[n / 2 - 1] + days[n / 2]) / 2.0;
  return m == std::floor(m) ? Json(static_cast<int64_t>(m)) : Json(m);
}

Json CountsJson(const Counts& c) {
  return {{"total", c.total},
          {"open", c.open},
          {"overdue", c.overdue},
          {"resolved", c.resolved},
          {"on_time", c.on_time},
          {"on_time_rate", Rate(c.on_time, c.resolved)},
          {"rated", c.rated},
          {"satisfied", c.satisfied},
          {"satisfaction_rate", Rate(c.satisfied, c.rated)},
          {"median_days_to_resolve", Median(c.days_to_resolve)}};
}

}  // namespace

Json ToJson(const Stats& s) {
  Json out = CountsJson(s.whole);
  out["region"] = s.region;
  out["from"] = s.from;
  out["to"] = s.to;
  Json cats = Json::array();
  for (const auto& [code, c] : s.by_category) {
    Json j = CountsJson(c);
    j["category"] = code;
    cats.push_back(std::move(j));
  }
  out["by_category"] = std::move(cats);
  Json children = Json::array();
  for (const auto& [region, c] : s.by_child) {
    Json j = CountsJson(c);
    j["region"] = region;
    children.push_back(std::move(j));
  }
  out["by_child"] = std::move(children);
  return out;
}

Result<Stats> Figures(db::Tx& tx, const Caller& caller, const std::string& region,
                      const std::string& from_in, const std::string& to_in,
                      const std::string& date_in) {
  SL_TRY(tx.PlanEachRun());  // a report over a region of any size
  SL_ASSIGN_OR_RETURN(store::Subtree s, store::Subtree::Of(tx, caller, region, true));
  const std::string date = date_in.empty() ? TodayInChina() : date_in;
  Stats out;
  out.region = store::PlaceJson(s.place);
  out.from = from_in.empty() ? date.substr(0, 4) + "-01-01" : from_in;
  out.to = to_in.empty() ? date.substr(0, 4) + "-12-31" : to_in;
  SL_ASSIGN_OR_RETURN(auto categories, ListCategories(tx));
  std::vector<Counts> by_cat(categories.size()), by_child(s.children.size());
  db::Params p;
  const std::string range = s.Range("region_path", p);
  p.push_back(out.from);
  p.push_back(out.to);
  SL_TRY(tx.ForEach(
      "SELECT region_path, category, is_open, due_on, resolved_on, rating, raised_on FROM request "
      "WHERE " +
          range + " AND raised_on >= ? AND raised_on <= ?",
      p, [&](const db::Row& r) -> Status {
        const bool open = r.Int(2) != 0;
        const auto due = r.OptStr(3), resolved = r.OptStr(4), rating = r.OptStr(5);
        const std::string raised = r.Str(6);
        const bool overdue = open && due && *due < date;
        Add(out.whole, open, overdue, resolved, due, rating, raised);
        const std::string category = r.Str(1);
        for (size_t i = 0; i < categories.size(); ++i)
          if (categories[i].code == category)
            Add(by_cat[i], open, overdue, resolved, due, rating, raised);
        if (int child = s.ChildOf(r.Str(0)); child >= 0)
          Add(by_child[child], open, overdue, resolved, due, rating, raised);
        return OkStatus();
      }));
  for (size_t i = 0; i < categories.size(); ++i)
    if (by_cat[i].total > 0) out.by_category.emplace_back(categories[i].code, std::move(by_cat[i]));
  for (size_t i = 0; i < s.children.size(); ++i)
    out.by_child.emplace_back(store::PlaceJson(s.children[i]), std::move(by_child[i]));
  return out;
}

}  // namespace sl::requests
