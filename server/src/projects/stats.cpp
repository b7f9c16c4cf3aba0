// The projects' figures of a region subtree for a year: projects by kind and
// stage (as on the year's last day), and the indicators summed over projects,
// expected and actual apart. Three streamed queries; each row is added to the
// whole and to the child region it lies under.

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/date.hpp"
#include "projects/projects.hpp"
#include "store/subtree.hpp"

namespace sl::projects {

namespace {

struct Tally {
  std::map<std::string, std::map<std::string, int64_t, std::less<>>, std::less<>>
      stages;                                              // kind -> stage -> n
  std::map<std::string, int64_t, std::less<>> projects;    // kind -> n
  std::map<std::pair<std::string, bool>, int64_t> values;  // (indicator, expected) -> sum
};

struct Known {
  std::string kind, stage, stage_on;
  int child = -1;
};

ProjectFigures FiguresOf(const Tally& t, const std::vector<Indicator>& indicators) {
  ProjectFigures f;
  for (const auto& kind : Kinds()) {
    auto n = t.projects.find(kind.id);
    if (n == t.projects.end()) continue;
    ProjectFigures::Kind k{std::string(kind.id), n->second, {}};
    if (auto st = t.stages.find(kind.id); st != t.stages.end())
      for (const auto& stage : Stages())
        if (auto c = st->second.find(stage.id); c != st->second.end())
          k.by_stage.emplace_back(stage.id, c->second);
    f.kinds.push_back(std::move(k));
  }
  for (const auto& i : indicators)
    for (bool expected : {false, true})
      if (auto v = t.values.find({i.code, expected}); v != t.values.end())
        f.indicators.push_back({i.code, i.scale, v->second, expected});
  return f;
}

}  // namespace

Result<ProjectStats> Stats(db::Tx& tx, const Caller& caller, const std::string& region, int year,
                           bool by_child) {
  SL_TRY(tx.PlanEachRun());  // a report over a region of any size
  SL_ASSIGN_OR_RETURN(store::Subtree s, store::Subtree::Of(tx, caller, region, by_child));
  if (year == 0) year = std::stoi(TodayInChina().substr(0, 4));
  const std::string first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  SL_ASSIGN_OR_RETURN(auto indicators, ListIndicators(tx));
  std::unordered_map<std::string, const Indicator*> by_code;
  for (const auto& i : indicators) by_code[i.code] = &i;

  // The projects started by the year's end, and their stage on its last day.
  std::unordered_map<int64_t, Known> known;
  {
    db::Params p;
    const std::string range = s.Range("region_path", p);
    p.push_back(last);
    SL_TRY(tx.ForEach("SELECT id, kind, region_path FROM project WHERE " + range +
                          " AND deleted_at IS NULL AND started_on <= ?",
                      p, [&](const db::Row& r) -> Status {
                        known[r.Int(0)] = Known{r.Str(1), "", "", s.ChildOf(r.Str(2))};
                        return OkStatus();
                      }));
  }
  {
    db::Params p;
    const std::string range = s.Range("j.region_path", p);
    p.push_back(last);
    SL_TRY(tx.ForEach(
        "SELECT ps.project_id, ps.stage, ps.on_date FROM project_stage ps JOIN project j ON j.id "
        "= ps.project_id WHERE " +
            range + " AND j.deleted_at IS NULL AND ps.on_date <= ?",
        p, [&](const db::Row& r) -> Status {
          auto it = known.find(r.Int(0));
          if (it == known.end()) return OkStatus();
          const std::string on = r.Str(2);
          if (on >= it->second.stage_on) {
            it->second.stage = r.Str(1);
            it->second.stage_on = on;
          }
          return OkStatus();
        }));
  }
  // Projects terminated before the year are not the year's.
  for (auto it = known.begin(); it != known.end();)
    it = it->second.stage == "terminated" && it->second.stage_on < first ? known.erase(it)
                                                                         : std::next(it);

  Tally whole;
  std::vector<Tally> parts(s.children.size());
  for (const auto& [id, k] : known) {
    for (Tally* t : {&whole, k.child >= 0 ? &parts[k.child] : nullptr}) {
      if (!t) continue;
      ++t->projects[k.kind];
      if (!k.stage.empty()) ++t->stages[k.kind][k.stage];
    }
  }

  // Values of periods starting in the year: flows add up; of a stock, each
  // project's latest period counts.
  {
    db::Params p;
    const std::string range = s.Range("region_path", p);
    p.push_back(first);
    p.push_back(last);
    struct Pending {
      int64_t project = 0;
      std::string indicator;
      bool expected = false;
      int64_t value = 0;
      bool open = false;
    } stock;
    const auto add = [&](int64_t project, const std::string& indicator, bool expected,
                         int64_t value) {
      const auto it = known.find(project);
      if (it == known.end()) return;
      whole.values[{indicator, expected}] += value;
      if (it->second.child >= 0) parts[it->second.child].values[{indicator, expected}] += value;
    };
    const auto flush = [&] {
      if (stock.open) add(stock.project, stock.indicator, stock.expected, stock.value);
      stock.open = false;
    };
    SL_TRY(tx.ForEach(
        "SELECT project_id, indicator, expected, value FROM project_value WHERE " + range +
            " AND period_from >= ? AND period_from <= ? ORDER BY project_id, indicator, "
            "expected, period_to, period_from",
        p, [&](const db::Row& r) -> Status {
          const int64_t project = r.Int(0);
          const std::string indicator = r.Str(1);
          const bool expected = r.Int(2) != 0;
          const auto def = by_code.find(indicator);
          if (def == by_code.end() || !def->second->sum_projects) return OkStatus();
          if (def->second->sum_periods) {
            add(project, indicator, expected, r.Int(3));
            return OkStatus();
          }
          if (stock.open && (stock.project != project || stock.indicator != indicator ||
                             stock.expected != expected))
            flush();
          stock = {project, indicator, expected, r.Int(3), true};
          return OkStatus();
        }));
    flush();
  }

  ProjectStats out;
  out.region = {s.place.id, s.place.code, s.place.name, s.place.path};
  out.level = s.place.level;
  out.year = year;
  out.figures = FiguresOf(whole, indicators);
  if (by_child) {
    out.children.emplace();
    for (size_t i = 0; i < s.children.size(); ++i) {
      const auto& c = s.children[i];
      out.children->push_back(
          {{c.id, c.code, c.name, c.path}, c.level, FiguresOf(parts[i], indicators)});
    }
  }
  return out;
}

}  // namespace sl::projects
