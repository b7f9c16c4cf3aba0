// The compliance view: the store gathers targets, pairings, rules, sources and
// contacts under a region on a date with set-based queries; rules.cpp judges.

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "pairing/pairing.hpp"
#include "pairing/targets.hpp"
#include "regions/regions.hpp"

namespace sl::pairing {

namespace {

// The people who may owe contacts: post holders under the subtree and the
// chambers' members, with their traits on the date.
// `members`: the chambers' members on the date (level 1's targets, already read).
// `all_party`: every party member living under the subtree is a source too
// (a rule for 每名正式党员), not only those holding posts.
Result<std::vector<Source>> Sources(db::Tx& tx, const Subtree& s, const std::string& date,
                                    const std::vector<Target>& members, bool all_party) {
  std::map<int64_t, Source> by_id;
  SL_ASSIGN_OR_RETURN(
      auto posts, tx.Query("SELECT s.person_id, p.name, s.kind, s.leadership_team, s.region_path "
                           "FROM post s JOIN person p ON p.id = s.person_id WHERE s.region_path "
                           ">= ? AND s.region_path < ? AND p.deleted_at IS NULL AND s.valid_from "
                           "<= ? AND (s.valid_to IS NULL OR s.valid_to > ?) ORDER BY s.id",
                           Join(s.Bounds(), {date, date})));
  for (const auto& r : posts) {
    Source& src = by_id[r.Int(0)];
    if (src.person_id == 0) {
      src.person_id = r.Int(0);
      src.name = r.Str(1);
      src.region_path = r.Str(4);
    }
    const std::string kind = r.Str(2);
    if (kind == "town_leader") {
      src.traits.insert("town_leader");
      if (r.Int(3)) src.traits.insert("leadership_team");
    } else if (kind == "village_secretary") {
      src.traits.insert("village_cadre");
    } else {
      src.traits.insert(kind);
    }
  }
  for (const Target& t : members) {
    Source& src = by_id[t.id];
    if (src.person_id == 0) {
      src.person_id = t.id;
      src.name = t.name;
      src.region_path = t.region_path;
    }
    src.traits.insert("entrepreneur");
  }
  SL_ASSIGN_OR_RETURN(
      auto party,
      tx.Query(all_party
                   ? "SELECT g.person_id, g.stage, p.name, p.region_path FROM party_stage g JOIN "
                     "person p ON p.id = g.person_id WHERE g.stage IN ('probationary', 'full') AND "
                     "g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?) AND "
                     "p.deleted_at IS NULL AND ((p.region_path >= ? AND p.region_path < ?) OR "
                     "g.person_id IN (SELECT s.person_id FROM post s WHERE s.region_path >= ? AND "
                     "s.region_path < ? UNION SELECT m.person_id FROM chamber_membership m WHERE "
                     "m.region_path >= ? AND m.region_path < ?))"
                   : "SELECT g.person_id, g.stage, '', '' FROM party_stage g WHERE g.stage IN "
                     "('probationary', 'full') AND g.valid_from <= ? AND (g.valid_to IS NULL OR "
                     "g.valid_to > ?) AND g.person_id IN (SELECT s.person_id FROM post s WHERE "
                     "s.region_path >= ? AND s.region_path < ? UNION SELECT m.person_id FROM "
                     "chamber_membership m WHERE m.region_path >= ? AND m.region_path < ?)",
               all_party ? db::Params{date, date, s.path, s.upper, s.path, s.upper, s.path, s.upper}
                         : db::Params{date, date, s.path, s.upper, s.path, s.upper}));
  for (const auto& r : party) {
    auto hit = by_id.find(r.Int(0));
    if (hit == by_id.end()) {
      if (!all_party) continue;
      Source& src = by_id[r.Int(0)];
      src.person_id = r.Int(0);
      src.name = r.Str(2);
      src.region_path = r.Str(3);
      hit = by_id.find(r.Int(0));
    }
    hit->second.traits.insert("party_member");
    if (r.Str(1) == "full") hit->second.traits.insert("full_party_member");
  }
  std::vector<Source> out;
  out.reserve(by_id.size());
  for (auto& [id, src] : by_id) out.push_back(std::move(src));
  return out;
}

// How each target trait is recognized on a contact's date: the contact's
// target kind, and what else must hold of contact k (none: the kind is all).
struct TraitSql {
  const char* kind;
  const char* also;
};
const std::map<std::string, TraitSql>& TraitConditions() {
  static const std::map<std::string, TraitSql> k = {
      {"wealth_creator",
       {"person",
        "EXISTS (SELECT 1 FROM person_tag t WHERE t.person_id = k.target_id AND t.tag = "
        "'wealth_creator' AND t.valid_from <= k.occurred_on AND (t.valid_to IS NULL OR "
        "t.valid_to > k.occurred_on))"}},
      {"activist",
       {"person",
        "EXISTS (SELECT 1 FROM party_stage g WHERE g.person_id = k.target_id AND g.stage = "
        "'activist' AND g.valid_from <= k.occurred_on AND (g.valid_to IS NULL OR g.valid_to > "
        "k.occurred_on))"}},
      {"party_member",
       {"person",
        "EXISTS (SELECT 1 FROM party_stage g WHERE g.person_id = k.target_id AND g.stage IN "
        "('probationary', 'full') AND g.valid_from <= k.occurred_on AND (g.valid_to IS NULL OR "
        "g.valid_to > k.occurred_on))"}},
      {"entrepreneur",
       {"person",
        "EXISTS (SELECT 1 FROM chamber_membership m WHERE m.person_id = k.target_id AND "
        "m.joined_on <= k.occurred_on AND (m.left_on IS NULL OR m.left_on > k.occurred_on))"}},
      {"village_branch",
       {"organization",
        "EXISTS (SELECT 1 FROM organization o JOIN region r ON r.id = o.region_id WHERE o.id = "
        "k.target_id AND o.kind = 'party_branch' AND r.level = 'village')"}},
      {"enterprise", {"enterprise", nullptr}},
      {"village",
       {"region",
        "EXISTS (SELECT 1 FROM region r WHERE r.id = k.target_id AND r.level = 'village')"}},
      {"group",
       {"region",
        "EXISTS (SELECT 1 FROM region r WHERE r.id = k.target_id AND r.level = 'group')"}},
      {"project", {"project", nullptr}},
  };
  return k;
}

// What the quotas need of the contacts the sources made from `from` through
// `date`: per trait a rule asks about, each (source, target) pair with its
// latest contact made while the target had the trait. A quota counts the
// distinct targets with a contact in its period, and every period ends on
// `date`, so the latest contact decides. One pass over the contacts serves
// every trait (a column each); contacts of kinds no trait asks about are
// never read.
Result<std::vector<Contact>> Contacts(db::Tx& tx, const Subtree& s, const std::string& from,
                                      const std::string& date,
                                      const std::set<std::string>& traits) {
  std::vector<std::string> wanted;
  std::set<std::string> kinds;
  std::string latest;
  for (const std::string& trait : traits) {
    auto sql = TraitConditions().find(trait);
    if (sql == TraitConditions().end()) continue;
    const TraitSql& t = sql->second;
    wanted.push_back(trait);
    kinds.insert(t.kind);
    latest += std::string(", MAX(CASE WHEN k.target_kind = '") + t.kind + "'" +
              (t.also ? std::string(" AND ") + t.also : std::string()) + " THEN k.occurred_on END)";
  }
  std::vector<Contact> out;
  if (wanted.empty()) return out;
  db::Params params{from, date, s.path, s.upper, s.path, s.upper};
  const std::string kind_in = db::InList(kinds.begin(), kinds.end(), params);
  SL_TRY(tx.ForEach(
      "SELECT k.person_id, k.target_kind, k.target_id" + latest +
          " FROM contact k WHERE k.deleted_at IS NULL AND k.occurred_on >= ? AND k.occurred_on "
          "<= ? AND k.person_id IN (SELECT s.person_id FROM post s WHERE s.region_path >= ? AND "
          "s.region_path < ? UNION SELECT m.person_id FROM chamber_membership m WHERE "
          "m.region_path >= ? AND m.region_path < ?) AND k.target_kind IN " +
          kind_in + " GROUP BY k.person_id, k.target_kind, k.target_id",
      params, [&](const db::Row& r) -> Status {
        for (size_t i = 0; i < wanted.size(); ++i) {
          const int column = 3 + static_cast<int>(i);
          if (!r.IsNull(column))
            out.push_back(
                Contact{r.Int(0), Target{r.Str(1), r.Int(2), "", ""}, r.Str(column), {wanted[i]}});
        }
        return OkStatus();
      }));
  return out;
}

// What quotas on events (target traits event_<group> and event_<kind>) need:
// each person's events attended (present) from `from` through `date`, one
// entry per trait the event has, for the people living under the subtree or
// holding posts or chamber seats there.
Result<std::vector<Contact>> Attendances(db::Tx& tx, const Subtree& s, const std::string& from,
                                         const std::string& date,
                                         const std::set<std::string>& traits) {
  std::vector<Contact> out;
  std::vector<std::string> wanted;
  for (const std::string& t : traits)
    if (t.rfind("event_", 0) == 0) wanted.push_back(t);
  if (wanted.empty()) return out;
  std::map<std::string, std::string> group_of;  // kind code -> group
  SL_TRY(tx.ForEach("SELECT code, kind_group FROM event_kind", {}, [&](const db::Row& r) -> Status {
    group_of[r.Str(0)] = r.Str(1);
    return OkStatus();
  }));
  std::set<std::string> kinds;
  for (const std::string& t : wanted) {
    const std::string what = t.substr(6);
    for (const auto& [code, group] : group_of)
      if (code == what || group == what) kinds.insert(code);
  }
  if (kinds.empty()) return out;
  db::Params params{from, date};
  const std::string kind_in = db::InList(kinds.begin(), kinds.end(), params);
  for (const auto& v : {s.path, s.upper, s.path, s.upper, s.path, s.upper}) params.push_back(v);
  SL_TRY(tx.ForEach(
      "SELECT a.person_id, a.event_id, a.starts_on, a.kind FROM event_attendance a WHERE "
      "a.status = 'present' AND a.starts_on >= ? AND a.starts_on <= ? AND a.kind IN " +
          kind_in +
          " AND a.person_id IN (SELECT p.id FROM person p WHERE p.region_path >= ? AND "
          "p.region_path < ? UNION SELECT t.person_id FROM post t WHERE t.region_path >= ? AND "
          "t.region_path < ? UNION SELECT m.person_id FROM chamber_membership m WHERE "
          "m.region_path >= ? AND m.region_path < ?)",
      params, [&](const db::Row& r) -> Status {
        const std::string kind = r.Str(3);
        std::set<std::string> has;
        for (const std::string& t : wanted)
          if (t.substr(6) == kind || t.substr(6) == group_of[kind]) has.insert(t);
        out.push_back(Contact{r.Int(0), Target{"event", r.Int(1), "", ""}, r.Str(2), has});
        return OkStatus();
      }));
  return out;
}

// The regions at these paths, by path.
Result<std::map<std::string, ComplianceReport::Place>> PlacesAt(
    db::Tx& tx, const std::set<std::string>& paths) {
  std::map<std::string, ComplianceReport::Place> out;
  if (paths.empty()) return out;
  db::Params params;
  const std::string in = db::InList(paths.begin(), paths.end(), params);
  SL_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT path, code, name, level FROM region WHERE path IN " + in, params));
  for (const auto& r : rows) out[r.Str(0)] = {r.Str(1), r.Str(2), r.Str(3)};
  return out;
}

// The towns of a report above town level, by path, as they are tallied.
using Towns = std::map<std::string, ComplianceReport::Town>;

// Coverage per level, the gaps named (up to `limit` a list) and tallied per town.
Status JudgeCoverage(db::Tx& tx, const Subtree& s, const std::string& date, int limit,
                     const std::vector<CoverageRule>& rules, const std::vector<Pairing>& pairings,
                     ComplianceReport& report, Towns* towns, std::vector<Target>& entrepreneurs) {
  std::set<TargetKey> shown;               // targets to name in the answer
  std::map<int, std::string> rule_places;  // level -> where its governing rule sits
  for (int level = 1; level <= kLevelCount; ++level) {
    // A level no rule of the subtree asks about judges nothing: its targets
    // (a province's activists or enterprises) are not read.
    const bool ruled = std::any_of(rules.begin(), rules.end(),
                                   [&](const CoverageRule& r) { return r.level == level; });
    std::vector<Target> targets;
    if (ruled || level == 1) {
      SL_ASSIGN_OR_RETURN(targets, LevelTargets(tx, level, s, date));
    }
    if (level == 1) entrepreneurs = targets;  // the quota sources need them too
    Coverage c = EvaluateCoverage(level, targets, pairings, rules, date);
    report.ok = report.ok && c.uncovered.empty() && c.over.empty();
    if (towns) {
      for (size_t i : c.judged) {
        auto& town = (*towns)[TownOf(targets[i].region_path)];
        ++town.targets[level - 1];
        ++town.covered[level - 1];
      }
      for (const auto& g : c.uncovered) --(*towns)[TownOf(g.target.region_path)].covered[level - 1];
      for (const auto& g : c.over) ++(*towns)[TownOf(g.target.region_path)].over;
    }
    auto gaps = [&](const std::vector<Coverage::Gap>& all) {
      std::vector<ComplianceReport::Gap> out;
      for (size_t i = 0; i < all.size() && i < static_cast<size_t>(limit); ++i) {
        const auto& g = all[i];
        out.push_back(
            {TargetRef{g.target.kind, g.target.id, g.target.name, {}}, g.sources, g.min, g.max});
        shown.insert({g.target.kind, g.target.id});
      }
      return out;
    };
    std::optional<ComplianceReport::Rule> governing;
    if (const CoverageRule* r = GoverningCoverage(rules, level, s.path, date)) {
      governing = ComplianceReport::Rule{r->id, {}, r->min_sources, r->max_sources};
      rule_places[level] = r->region_path;
    }
    report.levels.push_back({level, governing, c.targets, c.covered, gaps(c.uncovered),
                             gaps(c.over), static_cast<int64_t>(c.uncovered.size()),
                             static_cast<int64_t>(c.over.size())});
  }
  // Where the rules sit.
  std::set<std::string> paths;
  for (const auto& [level, path] : rule_places) paths.insert(path);
  SL_ASSIGN_OR_RETURN(auto places, PlacesAt(tx, paths));
  for (auto& level : report.levels)
    if (level.rule) level.rule->region = places[rule_places[level.level]];
  // Places of the targets named, for display.
  SL_ASSIGN_OR_RETURN(auto names, ResolveTargets(tx, shown));
  for (auto& level : report.levels)
    for (auto* list : {&level.uncovered, &level.over})
      for (auto& gap : *list) {
        auto hit = names.find({gap.target.kind, gap.target.id});
        if (hit != names.end()) gap.target = hit->second;
      }
  return OkStatus();
}

// Every quota rule's people and what they owe, the failing ones tallied per town.
Status JudgeQuotas(db::Tx& tx, const Subtree& s, const std::string& date, int limit,
                   const std::vector<QuotaRule>& rules, const std::vector<Target>& entrepreneurs,
                   ComplianceReport& report, Towns* towns) {
  if (rules.empty()) return OkStatus();
  std::set<std::string> traits;
  std::string from = date;
  for (const QuotaRule& r : rules) {
    traits.insert(r.target_filter);
    from = std::min(from, PeriodOf(r.period, date).from);
  }
  bool all_party = false;
  for (const QuotaRule& r : rules)
    for (const char* trait : {"party_member", "full_party_member"})
      all_party = all_party || MatchesFilter({trait}, r.source_filter);
  SL_ASSIGN_OR_RETURN(auto sources, Sources(tx, s, date, entrepreneurs, all_party));
  SL_ASSIGN_OR_RETURN(auto contacts, Contacts(tx, s, from, date, traits));
  SL_ASSIGN_OR_RETURN(auto attended, Attendances(tx, s, from, date, traits));
  contacts.insert(contacts.end(), attended.begin(), attended.end());
  const std::vector<QuotaStatus> quotas = EvaluateQuotas(sources, contacts, rules, date);
  report.quotas_total = static_cast<int64_t>(quotas.size());
  std::vector<std::string> town_of;  // per quota line shown: the person's town's path
  for (const auto& q : quotas) {
    if (q.missing > 0) {
      ++report.quotas_failing;
      if (towns) ++(*towns)[TownOf(q.person.region_path)].quotas_failing;
    }
    if (report.quotas.size() >= static_cast<size_t>(limit)) continue;
    ComplianceReport::Quota line;
    line.rule = q.rule_id;
    line.source_filter = q.source_filter;
    line.target_filter = q.target_filter;
    line.period = q.period;
    line.from = q.window.from;
    line.person = Ref{q.person.person_id, q.person.name};
    line.required = q.required;
    line.actual = q.actual;
    line.missing = q.missing;
    report.quotas.push_back(std::move(line));
    town_of.push_back(TownOf(q.person.region_path));
  }
  // Each person's town, by name (a county's list is read town by town).
  std::set<std::string> paths(town_of.begin(), town_of.end());
  paths.erase("");
  SL_ASSIGN_OR_RETURN(auto places, PlacesAt(tx, paths));
  for (size_t i = 0; i < report.quotas.size(); ++i)
    if (auto hit = places.find(town_of[i]); hit != places.end())
      report.quotas[i].town = hit->second;
  report.ok = report.ok && report.quotas_failing == 0;
  return OkStatus();
}

// Requests (诉求) open and past their due date on the date.
Status ListOverdue(db::Tx& tx, const Subtree& s, const std::string& date, int limit,
                   ComplianceReport& report, Towns* towns) {
  SL_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT q.id, q.owner_person_id, p.name, q.requester_enterprise_id, "
               "q.requester_person_id, q.category, q.title, q.raised_on, q.due_on, q.region_path "
               "FROM request q LEFT JOIN person p ON p.id = q.owner_person_id WHERE q.is_open = 1 "
               "AND q.region_path >= ? AND q.region_path < ? AND q.due_on < ? ORDER BY q.due_on, "
               "q.id",
               Join(s.Bounds(), {date})));
  std::set<TargetKey> targets;
  for (const auto& r : rows) {
    if (towns) ++(*towns)[TownOf(r.Str(9))].overdue;
    if (report.overdue.size() >= static_cast<size_t>(limit)) continue;
    ComplianceReport::Overdue o;
    o.id = r.Int(0);
    if (!r.IsNull(1)) o.owner = Ref{r.Int(1), r.Str(2)};
    if (!r.IsNull(3)) o.requester = TargetRef{"enterprise", r.Int(3), "", {}};
    if (!r.IsNull(4)) o.requester = TargetRef{"person", r.Int(4), "", {}};
    if (o.requester) targets.insert({o.requester->kind, o.requester->id});
    o.category = r.Str(5);
    o.title = r.Str(6);
    o.raised_on = r.Str(7);
    o.due_on = r.Str(8);
    o.days_overdue = DaysBetween(o.due_on, date);
    report.overdue.push_back(std::move(o));
  }
  // Named and placed, like the gaps.
  SL_ASSIGN_OR_RETURN(auto names, ResolveTargets(tx, targets));
  for (auto& item : report.overdue) {
    if (!item.requester) continue;
    auto hit = names.find({item.requester->kind, item.requester->id});
    if (hit != names.end()) item.requester = hit->second;
  }
  report.overdue_total = static_cast<int64_t>(rows.size());
  report.ok = report.ok && rows.empty();
  return OkStatus();
}

// Every town of the subtree, even one with nothing to judge, worst first.
Result<std::vector<ComplianceReport::Town>> TownList(db::Tx& tx, const Subtree& s, Towns& towns) {
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT code, name, path FROM region WHERE path >= ? "
                                          "AND path < ? AND level = 'town'",
                                          s.Bounds()));
  std::vector<ComplianceReport::Town> list;
  for (const auto& r : rows) {
    ComplianceReport::Town t = towns[r.Str(2)];
    t.code = r.Str(0);
    t.name = r.Str(1);
    t.path = r.Str(2);
    list.push_back(std::move(t));
  }
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
    if (a.gaps() != b.gaps()) return a.gaps() > b.gaps();
    return a.path < b.path;
  });
  return list;
}

}  // namespace

Result<ComplianceReport> Compliance(db::Tx& tx, const Caller& caller, const std::string& region,
                                    const std::string& date_in, int limit) {
  SL_TRY(tx.PlanEachRun());  // a report over a region of any size
  const std::string date = date_in.empty() ? TodayInChina() : date_in;
  if (region.empty()) return Error::BadRequest("bad_query", {"region"});
  SL_ASSIGN_OR_RETURN(regions::Region place, regions::Get(tx, caller.view, region));
  const Subtree s{place.path, db::PrefixUpperBound(place.path)};
  // A caller who sees only part of the subtree gets only that part judged.
  if (!caller.view.Covers(Scope::Subtree(place.path))) return Error::Forbidden("out_of_scope");

  std::vector<CoverageRule> coverage_rules;
  std::vector<QuotaRule> quota_rules;
  SL_TRY(LoadRules(tx, s, coverage_rules, quota_rules));
  SL_ASSIGN_OR_RETURN(auto pairings, PairingsOn(tx, s, date));

  ComplianceReport report;
  report.region = {place.code, place.name, place.level};
  report.date = date;
  const bool by_town =
      place.level == "province" || place.level == "city" || place.level == "county";
  Towns tally;
  Towns* towns = by_town ? &tally : nullptr;
  std::vector<Target> entrepreneurs;
  SL_TRY(JudgeCoverage(tx, s, date, limit, coverage_rules, pairings, report, towns, entrepreneurs));
  SL_TRY(JudgeQuotas(tx, s, date, limit, quota_rules, entrepreneurs, report, towns));
  SL_TRY(ListOverdue(tx, s, date, limit, report, towns));
  if (by_town) {
    SL_ASSIGN_OR_RETURN(report.towns, TownList(tx, s, tally));
  }
  return report;
}

}  // namespace sl::pairing
