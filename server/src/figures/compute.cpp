// The figures of every unit of a span, read from the ledgers: each query
// groups its rows by the first characters of their path (a town, or a region
// above town level for the records placed there), so that one pass over a
// ledger serves a town, a county or a province alike.

#include <algorithm>

#include "events/events.hpp"
#include "figures/figures.hpp"
#include "pairing/pairing.hpp"
#include "projects/projects.hpp"

namespace sl::figures {

std::string_view KeyOf(std::string_view path, size_t key_length) {
  return path.size() <= key_length ? path : path.substr(0, key_length);
}

namespace {

using Units = std::unordered_map<std::string, Values>;

// "SUBSTR(<column>, 1, <n>)": the unit of a row (n is ours, not the caller's).
std::string Key(const Span& s, const std::string& column) {
  return "SUBSTR(" + column + ", 1, " + std::to_string(s.key_length) + ")";
}

// "<column> >= ? AND <column> < ?" with its two values.
std::string Range(const Span& s, const std::string& column, db::Params& p) {
  p.push_back(s.lo);
  p.push_back(s.hi);
  return column + " >= ? AND " + column + " < ?";
}

// The span's rows whose `day` lies in the period: "<path> >= ? AND <path> <
// ? AND <day> >= ? AND <day> <= ?" with its four values.
std::string InPeriod(const Span& s, const std::string& path, const std::string& day,
                     db::Params& p) {
  const std::string range = Range(s, path, p);
  p.push_back(s.from);
  p.push_back(s.to);
  return range + " AND " + day + " >= ? AND " + day + " <= ?";
}

void Add(Units& units, const std::string& key, const std::string& code, int64_t value) {
  if (value != 0) units[key][code] += value;
}

// Runs `sql` (its first column the unit) and adds column i + 1 to codes[i].
Status Grouped(db::Tx& tx, Units& units, const std::string& sql, const db::Params& p,
               const std::vector<std::string>& codes) {
  return tx.ForEach(sql, p, [&](const db::Row& r) -> Status {
    const std::string key = r.Str(0);
    for (size_t i = 0; i < codes.size(); ++i)
      if (!r.IsNull(i + 1)) Add(units, key, codes[i], r.Int(i + 1));
    return OkStatus();
  });
}

Status Chamber(db::Tx& tx, const Span& s, Units& units) {
  const std::string key = Key(s, "m.region_path");
  const auto where = [&](db::Params& p, const std::string& join) {
    return " FROM chamber_membership m JOIN organization c ON c.id = m.chamber_id JOIN person p "
           "ON p.id = m.person_id" +
           join +
           " WHERE c.kind = 'chamber' AND c.deleted_at IS NULL AND "
           "p.deleted_at IS NULL AND " +
           Range(s, "m.region_path", p) + " AND m.joined_on <= ? AND (m.left_on IS NULL OR " +
           "m.left_on > ?)";
  };
  {
    db::Params p{s.as_of, s.as_of};
    std::string from = where(p, "");
    p.push_back(s.as_of);
    p.push_back(s.as_of);
    SL_TRY(Grouped(tx, units,
                   "SELECT " + key +
                       ", COUNT(DISTINCT m.person_id), COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 "
                       "FROM party_stage s WHERE s.person_id = m.person_id AND s.stage IN "
                       "('probationary', 'full') AND s.valid_from <= ? AND (s.valid_to IS NULL OR "
                       "s.valid_to > ?)) THEN m.person_id END), COUNT(DISTINCT m.enterprise_id)" +
                       from + " GROUP BY " + key,
                   p, {"chamber.members", "chamber.party_members", "chamber.enterprises"}));
  }
  db::Params p;
  std::string from = where(p, " JOIN enterprise e ON e.id = m.enterprise_id");
  p.push_back(s.as_of);
  p.push_back(s.as_of);
  // Each enterprise's capital once per unit, however many members it has.
  return Grouped(tx, units,
                 "SELECT t.k, SUM(t.capital) FROM (SELECT DISTINCT " + key +
                     " AS k, e.id, e.registered_capital_fen AS capital" + from +
                     " AND e.deleted_at IS NULL) t GROUP BY t.k",
                 p, {"chamber.registered_capital"});
}

Status People(db::Tx& tx, const Span& s, Units& units) {
  const std::string key = Key(s, "p.region_path");
  {
    db::Params p;
    const std::string range = Range(s, "p.region_path", p);
    SL_TRY(Grouped(tx, units,
                   "SELECT " + key + ", COUNT(*) FROM person p WHERE p.deleted_at IS NULL AND " +
                       range + " GROUP BY " + key,
                   p, {"people.total"}));
  }
  {
    db::Params p;
    const std::string range = Range(s, "p.region_path", p);
    p.push_back(s.as_of);
    p.push_back(s.as_of);
    SL_TRY(tx.ForEach(
        "SELECT " + key +
            ", t.stage, COUNT(DISTINCT p.id) FROM party_stage t JOIN person p ON p.id = "
            "t.person_id WHERE p.deleted_at IS NULL AND " +
            range + " AND t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to > ?) GROUP BY " +
            key + ", t.stage",
        p, [&](const db::Row& r) -> Status {
          const std::string stage = r.Str(1);
          if (stage == "probationary" || stage == "full")
            Add(units, r.Str(0), "people.party_members", r.Int(2));
          else if (stage == "activist")
            Add(units, r.Str(0), "people.activists", r.Int(2));
          return OkStatus();
        }));
  }
  {
    db::Params p;
    const std::string range = Range(s, "p.region_path", p);
    p.push_back(s.as_of);
    p.push_back(s.as_of);
    SL_TRY(tx.ForEach("SELECT " + key +
                          ", t.tag, COUNT(DISTINCT p.id) FROM person_tag t JOIN person p ON p.id "
                          "= t.person_id WHERE p.deleted_at IS NULL AND " +
                          range +
                          " AND t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to > ?) "
                          "GROUP BY " +
                          key + ", t.tag",
                      p, [&](const db::Row& r) -> Status {
                        Add(units, r.Str(0), "people.tag." + r.Str(1), r.Int(2));
                        return OkStatus();
                      }));
  }
  db::Params p;
  const std::string range = Range(s, "path", p);
  p.push_back(s.as_of);
  return Grouped(tx, units,
                 "SELECT " + Key(s, "path") + ", COUNT(*) FROM region WHERE level = 'group' AND " +
                     range + " AND (retired_on IS NULL OR retired_on > ?) GROUP BY " +
                     Key(s, "path"),
                 p, {"regions.groups"});
}

// Coverage and quotas come from the compliance report, which knows the rules:
// per town above town level, or the town itself. Below a town (villages)
// there is no such figure.
Status Coverage(db::Tx& tx, const Span& s, Units& units) {
  if (s.level == "village" || s.level == "group" || s.key_length > kTownKeyLength)
    return OkStatus();
  Caller system;
  system.view = Scope::Everything();
  system.capture = Scope::Everything();
  SL_ASSIGN_OR_RETURN(auto report, pairing::Compliance(tx, system, s.code, s.as_of, 0));
  const auto level_codes = [](size_t i) {
    const std::string l = "pairing.level" + std::to_string(i + 1);
    return std::make_pair(l + ".targets", l + ".covered");
  };
  if (report.towns) {
    for (const auto& t : *report.towns) {
      const std::string key(KeyOf(t.path, s.key_length));
      for (size_t i = 0; i < t.targets.size(); ++i) {
        const auto [targets, covered] = level_codes(i);
        Add(units, key, targets, t.targets[i]);
        Add(units, key, covered, t.covered[i]);
      }
      Add(units, key, "pairing.quotas_failing", t.quotas_failing);
    }
    return OkStatus();
  }
  const std::string key(KeyOf(s.lo, s.key_length));
  for (const auto& l : report.levels) {
    if (l.level < 1 || l.level > 4) continue;
    const auto [targets, covered] = level_codes(static_cast<size_t>(l.level - 1));
    Add(units, key, targets, l.targets);
    Add(units, key, covered, l.covered);
  }
  Add(units, key, "pairing.quotas_failing", report.quotas_failing);
  return OkStatus();
}

Status Pairing(db::Tx& tx, const Span& s, Units& units) {
  const std::string key = Key(s, "region_path");
  {
    db::Params p;
    const std::string range = Range(s, "region_path", p);
    p.push_back(s.as_of);
    p.push_back(s.as_of);
    SL_TRY(tx.ForEach("SELECT " + key + ", level, COUNT(*) FROM pairing WHERE " + range +
                          " AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) GROUP BY " +
                          key + ", level",
                      p, [&](const db::Row& r) -> Status {
                        Add(units, r.Str(0),
                            "pairing.level" + std::to_string(r.Int(1)) + ".pairings", r.Int(2));
                        return OkStatus();
                      }));
  }
  db::Params p;
  const std::string where = InPeriod(s, "region_path", "occurred_on", p);
  SL_TRY(Grouped(tx, units,
                 "SELECT " + key + ", COUNT(*) FROM contact WHERE deleted_at IS NULL AND " + where +
                     " GROUP BY " + key,
                 p, {"pairing.contacts"}));
  return Coverage(tx, s, units);
}

Status Events(db::Tx& tx, const Span& s, Units& units) {
  const std::string key = Key(s, "region_path");
  const auto period = [&](db::Params& p, const std::string& column) {
    return InPeriod(s, column, "starts_on", p);
  };
  SL_ASSIGN_OR_RETURN(auto kinds, events::ListEventKinds(tx));
  std::map<std::string, std::string, std::less<>> group_of;
  for (const auto& k : kinds) group_of[k.code] = k.group;
  const auto group = [&](const std::string& kind) {
    auto it = group_of.find(kind);
    return it == group_of.end() ? std::string() : it->second;
  };
  {
    db::Params p;
    const std::string where = period(p, "region_path");
    SL_TRY(tx.ForEach("SELECT " + key +
                          ", kind, COUNT(*), SUM(unregistered_count) FROM event WHERE deleted_at "
                          "IS NULL AND " +
                          where + " GROUP BY " + key + ", kind",
                      p, [&](const db::Row& r) -> Status {
                        const std::string unit = r.Str(0), kind = r.Str(1), g = group(kind);
                        const int64_t n = r.Int(2), heads = r.Int(3);
                        for (const std::string& prefix :
                             {std::string("events"), "events.kind." + kind, "events.group." + g}) {
                          if (prefix == "events.group.") continue;
                          Add(units, unit, prefix + ".count", n);
                          Add(units, unit, prefix + ".attendances", heads);
                        }
                        return OkStatus();
                      }));
  }
  {
    db::Params p;
    const std::string where = period(p, "region_path");
    SL_TRY(tx.ForEach("SELECT " + key +
                          ", kind, COUNT(*), COUNT(DISTINCT person_id) FROM event_attendance "
                          "WHERE status = 'present' AND " +
                          where + " GROUP BY " + key + ", kind",
                      p, [&](const db::Row& r) -> Status {
                        const std::string unit = r.Str(0), kind = r.Str(1), g = group(kind);
                        Add(units, unit, "events.attendances", r.Int(2));
                        Add(units, unit, "events.kind." + kind + ".attendances", r.Int(2));
                        Add(units, unit, "events.kind." + kind + ".people", r.Int(3));
                        if (!g.empty())
                          Add(units, unit, "events.group." + g + ".attendances", r.Int(2));
                        return OkStatus();
                      }));
  }
  // Distinct people per group and in all: the attendance rows carry the
  // kind, the kinds their group.
  {
    db::Params p;
    const std::string where = period(p, "a.region_path");
    SL_TRY(tx.ForEach("SELECT " + Key(s, "a.region_path") +
                          ", k.kind_group, COUNT(DISTINCT a.person_id) FROM event_attendance a "
                          "JOIN event_kind k ON k.code = a.kind WHERE a.status = 'present' AND " +
                          where + " GROUP BY " + Key(s, "a.region_path") + ", k.kind_group",
                      p, [&](const db::Row& r) -> Status {
                        Add(units, r.Str(0), "events.group." + r.Str(1) + ".people", r.Int(2));
                        return OkStatus();
                      }));
  }
  db::Params p;
  const std::string where = period(p, "region_path");
  return Grouped(tx, units,
                 "SELECT " + key +
                     ", COUNT(DISTINCT person_id) FROM event_attendance WHERE status = 'present' "
                     "AND " +
                     where + " GROUP BY " + key,
                 p, {"events.people"});
}

Status Projects(db::Tx& tx, const Span& s, Units& units) {
  const std::string key = Key(s, "j.region_path");
  {
    // Each project's kind, its unit, whether it started in the period, and
    // its stage at the period's end (the latest step on or before it).
    // The join's day comes before the range's two values.
    db::Params p{s.as_of};
    const std::string range = Range(s, "j.region_path", p);
    p.push_back(s.as_of);
    struct Project {
      std::string unit, kind, stage, stage_on;
      bool fresh = false;
    };
    std::unordered_map<int64_t, Project> projects;
    SL_TRY(tx.ForEach("SELECT j.id, " + key +
                          ", j.kind, j.started_on, ps.stage, ps.on_date FROM project j LEFT JOIN "
                          "project_stage ps ON ps.project_id = j.id AND ps.on_date <= ? WHERE " +
                          range + " AND j.deleted_at IS NULL AND j.started_on <= ?",
                      p, [&](const db::Row& r) -> Status {
                        Project& pr = projects[r.Int(0)];
                        pr.unit = r.Str(1);
                        pr.kind = r.Str(2);
                        pr.fresh = r.Str(3) >= s.from && r.Str(3) <= s.to;
                        if (!r.IsNull(4) && r.Str(5) >= pr.stage_on) {
                          pr.stage = r.Str(4);
                          pr.stage_on = r.Str(5);
                        }
                        return OkStatus();
                      }));
    for (const auto& [id, pr] : projects) {
      Add(units, pr.unit, "projects.kind." + pr.kind + ".count", 1);
      if (pr.fresh) Add(units, pr.unit, "projects.kind." + pr.kind + ".new", 1);
      if (!pr.stage.empty()) Add(units, pr.unit, "projects.stage." + pr.stage, 1);
    }
  }
  // Values of periods starting in the period: flows add up; of a stock, each
  // project's latest period counts (as /stats/projects counts them).
  SL_ASSIGN_OR_RETURN(auto indicators, projects::ListIndicators(tx));
  std::map<std::string, const projects::Indicator*, std::less<>> by_code;
  for (const auto& i : indicators) by_code[i.code] = &i;
  struct Stock {
    int64_t project = 0;
    std::string unit, code;
    int64_t value = 0;
    bool open = false;
  } stock;
  const auto flush = [&] {
    if (stock.open) Add(units, stock.unit, stock.code, stock.value);
    stock.open = false;
  };
  db::Params p;
  const std::string where = InPeriod(s, "v.region_path", "v.period_from", p);
  SL_TRY(tx.ForEach(
      "SELECT v.project_id, " + Key(s, "v.region_path") +
          ", v.indicator, v.expected, v.value FROM project_value v JOIN project j ON j.id = "
          "v.project_id WHERE j.deleted_at IS NULL AND " +
          where + " ORDER BY v.project_id, v.indicator, v.expected, v.period_to, v.period_from",
      p, [&](const db::Row& r) -> Status {
        const int64_t project = r.Int(0);
        const std::string indicator = r.Str(2);
        const auto def = by_code.find(indicator);
        if (def == by_code.end() || !def->second->sum_projects) return OkStatus();
        const std::string code =
            "projects.indicator." + indicator + (r.Int(3) != 0 ? ".expected" : "");
        if (def->second->sum_periods) {
          Add(units, r.Str(1), code, r.Int(4));
          return OkStatus();
        }
        if (stock.open && (stock.project != project || stock.code != code)) flush();
        stock = {project, r.Str(1), code, r.Int(4), true};
        return OkStatus();
      }));
  flush();
  return OkStatus();
}

Status Land(db::Tx& tx, const Span& s, Units& units) {
  const std::string key = Key(s, "region_path");
  {
    db::Params p;
    const std::string range = Range(s, "region_path", p);
    p.push_back(s.from);
    p.push_back(s.to);
    SL_TRY(tx.ForEach(
        "SELECT " + key +
            ", starts_on, area_hundredths, jobs, rent_fen_per_year, rent_fen_per_mu_year FROM "
            "land_contract WHERE " +
            range + " AND ends_on >= ? AND starts_on <= ? AND deleted_at IS NULL",
        p, [&](const db::Row& r) -> Status {
          const std::string unit = r.Str(0), starts = r.Str(1);
          const int64_t area = r.Int(2), jobs = r.Int(3);
          Add(units, unit, "land.contracts", 1);
          Add(units, unit, "land.area", area);
          Add(units, unit, "land.jobs", jobs);
          if (starts >= s.from && starts <= s.to) {
            Add(units, unit, "land.new_contracts", 1);
            Add(units, unit, "land.new_area", area);
            Add(units, unit, "land.new_jobs", jobs);
            const int64_t rent = !r.IsNull(4) ? r.Int(4) : !r.IsNull(5) ? r.Int(5) * area / 100 : 0;
            Add(units, unit, "land.new_rent", rent);
          }
          return OkStatus();
        }));
  }
  {
    db::Params p{s.as_of};
    const std::string where = InPeriod(s, "region_path", "due_on", p);
    SL_TRY(Grouped(tx, units,
                   "SELECT " + key +
                       ", SUM(amount_fen), SUM(CASE WHEN due_on < ? AND received_fen < amount_fen "
                       "THEN amount_fen - received_fen ELSE 0 END) FROM land_payment WHERE " +
                       where + " AND deleted = 0 GROUP BY " + key,
                   p, {"land.rent_due", "land.rent_overdue"}));
  }
  {
    db::Params p;
    const std::string where = InPeriod(s, "region_path", "received_on", p);
    SL_TRY(Grouped(tx, units,
                   "SELECT " + key +
                       ", SUM(amount_fen), SUM(CASE WHEN collective_org_id IS NOT NULL THEN "
                       "amount_fen ELSE 0 END) FROM land_receipt WHERE " +
                       where + " GROUP BY " + key,
                   p, {"land.rent_received", "income.source.rent"}));
  }
  // The collectives' income entered by hand, for the years the period touches.
  db::Params p;
  const std::string range = Range(s, "region_path", p);
  p.push_back(int64_t{std::stoi(s.from.substr(0, 4))});
  p.push_back(int64_t{std::stoi(s.to.substr(0, 4))});
  SL_TRY(tx.ForEach("SELECT " + key + ", source, SUM(amount_fen) FROM collective_income WHERE " +
                        range + " AND year >= ? AND year <= ? AND deleted_at IS NULL GROUP BY " +
                        key + ", source",
                    p, [&](const db::Row& r) -> Status {
                      Add(units, r.Str(0), "income.source." + r.Str(1), r.Int(2));
                      return OkStatus();
                    }));
  for (auto& [unit, values] : units) {
    int64_t total = 0;
    for (auto it = values.lower_bound("income.source.");
         it != values.end() && it->first.rfind("income.source.", 0) == 0; ++it)
      total += it->second;
    if (total != 0) values["income.total"] = total;
  }
  return OkStatus();
}

Status Requests(db::Tx& tx, const Span& s, Units& units) {
  const std::string key = Key(s, "region_path");
  db::Params p{s.as_of};
  const std::string where = InPeriod(s, "region_path", "raised_on", p);
  return Grouped(
      tx, units,
      "SELECT " + key +
          ", COUNT(*), SUM(is_open), SUM(CASE WHEN is_open = 1 AND due_on < ? THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN resolved_on IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN resolved_on IS "
          "NOT NULL AND (due_on IS NULL OR resolved_on <= due_on) THEN 1 ELSE 0 END), SUM(CASE "
          "WHEN rating IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN rating IS NOT NULL AND "
          "rating <> 'unsatisfied' THEN 1 ELSE 0 END) FROM request WHERE " +
          where + " GROUP BY " + key,
      p,
      {"requests.total", "requests.open", "requests.overdue", "requests.resolved",
       "requests.on_time", "requests.rated", "requests.satisfied"});
}

}  // namespace

Result<std::unordered_map<std::string, Values>> Compute(db::Tx& tx, const Span& span) {
  Units units;
  for (auto* source : {&Chamber, &People, &Pairing, &Events, &Projects, &Land, &Requests})
    SL_TRY(source(tx, span, units));
  return units;
}

}  // namespace sl::figures
