// The compliance view: the store gathers targets, pairings, rules, sources and
// contacts under a region on a date with set-based queries; rules.cpp judges.

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "pairing/pairing.hpp"
#include "pairing/targets.hpp"
#include "regions/regions.hpp"
#include "store/unit_cache.hpp"

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

// A report is assembled from parts, one per unit (a town, or a region above
// town level for what is placed there; store/unit_cache.hpp): the unit's
// counts, and its list items each with an order key, so that parts computed
// at different times merge into a region's lists in one order — gaps by
// place, quotas most missing first, overdue requests by due date.
constexpr size_t kLists = 2 * kLevelCount + 2;
constexpr size_t kQuotaList = 2 * kLevelCount, kOverdueList = 2 * kLevelCount + 1;
constexpr size_t kCounts = 4 * kLevelCount + 3;
size_t UncoveredList(int level) { return static_cast<size_t>(level - 1); }
size_t OverList(int level) { return static_cast<size_t>(kLevelCount + level - 1); }

std::string Padded(int64_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(n));
  return buf;
}
std::string GapKey(const Target& t) {
  return t.region_path + " " + t.kind + " " + Padded(t.id, 20);
}
std::string QuotaKey(const QuotaStatus& q) {
  return Padded(1000000000 - q.missing, 10) + Padded(q.person.person_id, 20) +
         Padded(q.rule_id, 20);
}
std::string OverdueKey(const ComplianceReport::Overdue& o) {
  return o.due_on + " " + Padded(o.id, 20);
}

// One unit's share while it is computed.
struct Part {
  std::array<int64_t, kLevelCount> targets{}, covered{}, uncovered{}, over{};
  int64_t quotas_total = 0, quotas_failing = 0, overdue = 0;
  std::array<std::vector<std::pair<std::string, Coverage::Gap>>, 2 * kLevelCount> gaps;
  std::vector<std::pair<std::string, QuotaStatus>> quotas;
  std::vector<std::pair<std::string, ComplianceReport::Overdue>> late;
};

template <class Item>
void KeepFirst(std::vector<std::pair<std::string, Item>>& items, size_t cap) {
  const auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (items.size() > cap) {
    std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(cap), items.end(),
                      by_key);
    items.resize(cap);
  } else {
    std::sort(items.begin(), items.end(), by_key);
  }
}

Json RefJson(const TargetRef& t) {
  return Json::array(
      {t.kind, t.id, t.name, t.region.id, t.region.code, t.region.name, t.region.path});
}
TargetRef RefOf(const Json& j) {
  return {j[0].get<std::string>(), j[1].get<int64_t>(), j[2].get<std::string>(),
          registry::RegionRef{j[3].get<int64_t>(), j[4].get<std::string>(), j[5].get<std::string>(),
                              j[6].get<std::string>()}};
}

// A part as stored: a line of counts, then a line per item — its list, its
// key and the item as compact JSON (which escapes tabs and newlines).
std::string Encode(const Part& p, const std::map<TargetKey, TargetRef>& names,
                   const std::map<std::string, ComplianceReport::Place>& towns) {
  std::string out;
  for (const auto* counts : {&p.targets, &p.covered, &p.uncovered, &p.over})
    for (int64_t n : *counts) out.append(std::to_string(n)).push_back(' ');
  for (int64_t n : {p.quotas_total, p.quotas_failing, p.overdue})
    out.append(std::to_string(n)).push_back(' ');
  out.back() = '\n';
  const auto line = [&](size_t list, const std::string& key, const Json& item) {
    out.append(std::to_string(list)).append("\t").append(key).append("\t");
    out.append(item.dump()).push_back('\n');
  };
  const auto named = [&](const std::string& kind, int64_t id, const std::string& name) {
    auto hit = names.find({kind, id});
    return hit != names.end() ? hit->second : TargetRef{kind, id, name, {}};
  };
  for (size_t list = 0; list < p.gaps.size(); ++list)
    for (const auto& [key, g] : p.gaps[list])
      line(list, key,
           Json::array({RefJson(named(g.target.kind, g.target.id, g.target.name)), g.sources, g.min,
                        g.max ? Json(*g.max) : Json()}));
  for (const auto& [key, q] : p.quotas) {
    Json town;
    if (auto hit = towns.find(TownOf(q.person.region_path)); hit != towns.end())
      town = Json::array({hit->second.code, hit->second.name, hit->second.level});
    line(kQuotaList, key,
         Json::array({q.rule_id, q.source_filter, q.target_filter, q.period, q.window.from,
                      q.person.person_id, q.person.name, town, q.required, q.actual, q.missing}));
  }
  for (const auto& [key, o] : p.late) {
    Json owner = o.owner ? Json::array({o.owner->id, o.owner->name}) : Json();
    Json requester = o.requester ? RefJson(named(o.requester->kind, o.requester->id, "")) : Json();
    line(kOverdueList, key,
         Json::array(
             {o.id, owner, requester, o.category, o.title, o.raised_on, o.due_on, o.days_overdue}));
  }
  return out;
}

// A stored part, read in place: counts parsed, items left as text until a
// report shows them.
struct PartView {
  std::array<int64_t, kCounts> counts{};
  std::array<std::vector<std::pair<std::string_view, std::string_view>>, kLists> lists;
  int64_t Count(size_t which, int level) const {
    return counts[which * kLevelCount + static_cast<size_t>(level - 1)];
  }
  int64_t Tail(size_t i) const { return counts[4 * kLevelCount + i]; }
};
PartView Decode(std::string_view body) {
  PartView v;
  size_t end = body.find('\n');
  std::string_view head = body.substr(0, end);
  for (size_t i = 0; i < kCounts && !head.empty(); ++i) {
    const size_t space = head.find(' ');
    const std::string_view n = head.substr(0, space);
    std::from_chars(n.data(), n.data() + n.size(), v.counts[i]);
    head.remove_prefix(space == std::string_view::npos ? head.size() : space + 1);
  }
  while (end != std::string_view::npos) {
    body.remove_prefix(end + 1);
    end = body.find('\n');
    const std::string_view line = body.substr(0, end);
    const size_t tab = line.find('\t'), tab2 = line.find('\t', tab + 1);
    if (tab == std::string_view::npos || tab2 == std::string_view::npos) continue;
    size_t list = kLists;
    std::from_chars(line.data(), line.data() + tab, list);
    if (list < kLists)
      v.lists[list].emplace_back(line.substr(tab + 1, tab2 - tab - 1), line.substr(tab2 + 1));
  }
  return v;
}

// The first `limit` items of one list over every part, parsed.
using Units = std::vector<std::pair<std::string, PartView>>;  // by unit path
std::vector<Json> FirstOf(const Units& units, size_t list, int limit) {
  std::vector<std::pair<std::string_view, std::string_view>> all;
  for (const auto& [path, p] : units)
    all.insert(all.end(), p.lists[list].begin(), p.lists[list].end());
  const size_t n = std::min(all.size(), static_cast<size_t>(std::max(limit, 0)));
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end());
  std::vector<Json> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(Json::parse(all[i].second));
  return out;
}

// The parts of every unit under the subtree with anything to judge, each
// keeping the first `cap` items of a list (named and placed).
Result<store::UnitBodies> ComputeParts(db::Tx& tx, const Subtree& s, const std::string& date,
                                       int cap) {
  std::vector<CoverageRule> coverage_rules;
  std::vector<QuotaRule> quota_rules;
  SL_TRY(LoadRules(tx, s, coverage_rules, quota_rules));
  SL_ASSIGN_OR_RETURN(auto pairings, PairingsOn(tx, s, date));
  std::map<std::string, Part> parts;
  const auto unit = [&](const std::string& path) -> Part& {
    return parts[std::string(db::TownPart(path))];
  };

  // Coverage per level. A level no rule of the subtree asks about judges
  // nothing: its targets (a province's activists or enterprises) are not read.
  std::vector<Target> entrepreneurs;  // level 1's targets: the quota sources need them too
  for (int level = 1; level <= kLevelCount; ++level) {
    const bool ruled = std::any_of(coverage_rules.begin(), coverage_rules.end(),
                                   [&](const CoverageRule& r) { return r.level == level; });
    std::vector<Target> targets;
    if (ruled || level == 1) {
      SL_ASSIGN_OR_RETURN(targets, LevelTargets(tx, level, s, date));
    }
    const size_t at = static_cast<size_t>(level - 1);
    Coverage c = EvaluateCoverage(level, targets, pairings, coverage_rules, date);
    for (size_t i : c.judged) {
      Part& p = unit(targets[i].region_path);
      ++p.targets[at];
      ++p.covered[at];
    }
    for (auto& g : c.uncovered) {
      Part& p = unit(g.target.region_path);
      --p.covered[at];
      ++p.uncovered[at];
      std::string key = GapKey(g.target);
      p.gaps[UncoveredList(level)].emplace_back(std::move(key), std::move(g));
    }
    for (auto& g : c.over) {
      Part& p = unit(g.target.region_path);
      ++p.over[at];
      std::string key = GapKey(g.target);
      p.gaps[OverList(level)].emplace_back(std::move(key), std::move(g));
    }
    if (level == 1) entrepreneurs = std::move(targets);
  }

  // Every quota rule's people and what they owe.
  if (!quota_rules.empty()) {
    std::set<std::string> traits;
    std::string from = date;
    bool all_party = false;
    for (const QuotaRule& r : quota_rules) {
      traits.insert(r.target_filter);
      from = std::min(from, PeriodOf(r.period, date).from);
      for (const char* trait : {"party_member", "full_party_member"})
        all_party = all_party || MatchesFilter({trait}, r.source_filter);
    }
    SL_ASSIGN_OR_RETURN(auto sources, Sources(tx, s, date, entrepreneurs, all_party));
    SL_ASSIGN_OR_RETURN(auto contacts, Contacts(tx, s, from, date, traits));
    SL_ASSIGN_OR_RETURN(auto attended, Attendances(tx, s, from, date, traits));
    contacts.insert(contacts.end(), attended.begin(), attended.end());
    for (auto& q : EvaluateQuotas(sources, contacts, quota_rules, date)) {
      Part& p = unit(q.person.region_path);
      ++p.quotas_total;
      if (q.missing > 0) ++p.quotas_failing;
      std::string key = QuotaKey(q);
      p.quotas.emplace_back(std::move(key), std::move(q));
    }
  }

  // Requests (诉求) open and past their due date on the date.
  SL_TRY(tx.ForEach(
      "SELECT q.id, q.owner_person_id, p.name, q.requester_enterprise_id, "
      "q.requester_person_id, q.category, q.title, q.raised_on, q.due_on, q.region_path "
      "FROM request q LEFT JOIN person p ON p.id = q.owner_person_id WHERE q.is_open = 1 "
      "AND q.region_path >= ? AND q.region_path < ? AND q.due_on < ?",
      Join(s.Bounds(), {date}), [&](const db::Row& r) -> Status {
        Part& p = unit(r.Str(9));
        ++p.overdue;
        ComplianceReport::Overdue o;
        o.id = r.Int(0);
        if (!r.IsNull(1)) o.owner = Ref{r.Int(1), r.Str(2)};
        if (!r.IsNull(3)) o.requester = TargetRef{"enterprise", r.Int(3), "", {}};
        if (!r.IsNull(4)) o.requester = TargetRef{"person", r.Int(4), "", {}};
        o.category = r.Str(5);
        o.title = r.Str(6);
        o.raised_on = r.Str(7);
        o.due_on = r.Str(8);
        o.days_overdue = DaysBetween(o.due_on, date);
        std::string key = OverdueKey(o);
        p.late.emplace_back(std::move(key), std::move(o));
        return OkStatus();
      }));

  // Each unit keeps its first `cap` items of a list; those are named and placed.
  const size_t keep = static_cast<size_t>(std::max(cap, 0));
  std::set<TargetKey> shown;
  std::set<std::string> town_paths;
  for (auto& [path, p] : parts) {
    for (auto& list : p.gaps) {
      KeepFirst(list, keep);
      for (const auto& [key, g] : list) shown.insert({g.target.kind, g.target.id});
    }
    KeepFirst(p.quotas, keep);
    for (const auto& [key, q] : p.quotas) town_paths.insert(TownOf(q.person.region_path));
    KeepFirst(p.late, keep);
    for (const auto& [key, o] : p.late)
      if (o.requester) shown.insert({o.requester->kind, o.requester->id});
  }
  town_paths.erase("");
  SL_ASSIGN_OR_RETURN(auto names, ResolveTargets(tx, shown));
  SL_ASSIGN_OR_RETURN(auto towns, PlacesAt(tx, town_paths));
  store::UnitBodies out;
  for (const auto& [path, p] : parts) out[path] = Encode(p, names, towns);
  return out;
}

ComplianceReport::Gap GapOf(const Json& j) {
  ComplianceReport::Gap g;
  g.target = RefOf(j[0]);
  g.sources = j[1].get<int>();
  g.min = j[2].get<int>();
  if (!j[3].is_null()) g.max = j[3].get<int>();
  return g;
}

// The report of `place` from its units' parts (in any order).
Result<ComplianceReport> Assemble(db::Tx& tx, const regions::Region& place, const Subtree& s,
                                  const std::string& date, int limit, const Units& units) {
  ComplianceReport report;
  report.region = {place.code, place.name, place.level};
  report.date = date;
  const auto sum = [&](auto&& of) {
    int64_t n = 0;
    for (const auto& [path, p] : units) n += of(p);
    return n;
  };

  // Coverage, with the rule that governs the place at each level.
  std::vector<CoverageRule> coverage_rules;
  std::vector<QuotaRule> quota_rules;
  SL_TRY(LoadRules(tx, s, coverage_rules, quota_rules));
  std::map<int, std::string> rule_places;  // level -> where its governing rule sits
  for (int level = 1; level <= kLevelCount; ++level) {
    ComplianceReport::Level l;
    l.level = level;
    if (const CoverageRule* r = GoverningCoverage(coverage_rules, level, s.path, date)) {
      l.rule = ComplianceReport::Rule{r->id, {}, r->min_sources, r->max_sources};
      rule_places[level] = r->region_path;
    }
    l.targets = sum([&](const PartView& p) { return p.Count(0, level); });
    l.covered = sum([&](const PartView& p) { return p.Count(1, level); });
    l.uncovered_total = sum([&](const PartView& p) { return p.Count(2, level); });
    l.over_total = sum([&](const PartView& p) { return p.Count(3, level); });
    for (const Json& j : FirstOf(units, UncoveredList(level), limit))
      l.uncovered.push_back(GapOf(j));
    for (const Json& j : FirstOf(units, OverList(level), limit)) l.over.push_back(GapOf(j));
    report.ok = report.ok && l.uncovered_total == 0 && l.over_total == 0;
    report.levels.push_back(std::move(l));
  }
  std::set<std::string> paths;
  for (const auto& [level, path] : rule_places) paths.insert(path);
  SL_ASSIGN_OR_RETURN(auto places, PlacesAt(tx, paths));
  for (auto& level : report.levels)
    if (level.rule) level.rule->region = places[rule_places[level.level]];

  // Quotas.
  report.quotas_total = sum([](const PartView& p) { return p.Tail(0); });
  report.quotas_failing = sum([](const PartView& p) { return p.Tail(1); });
  for (const Json& j : FirstOf(units, kQuotaList, limit)) {
    ComplianceReport::Quota q;
    q.rule = j[0].get<int64_t>();
    q.source_filter = j[1].get<std::string>();
    q.target_filter = j[2].get<std::string>();
    q.period = j[3].get<std::string>();
    q.from = j[4].get<std::string>();
    q.person = Ref{j[5].get<int64_t>(), j[6].get<std::string>()};
    if (!j[7].is_null())
      q.town = ComplianceReport::Place{j[7][0].get<std::string>(), j[7][1].get<std::string>(),
                                       j[7][2].get<std::string>()};
    q.required = j[8].get<int>();
    q.actual = j[9].get<int>();
    q.missing = j[10].get<int>();
    report.quotas.push_back(std::move(q));
  }
  report.ok = report.ok && report.quotas_failing == 0;

  // Overdue requests.
  report.overdue_total = sum([](const PartView& p) { return p.Tail(2); });
  for (const Json& j : FirstOf(units, kOverdueList, limit)) {
    ComplianceReport::Overdue o;
    o.id = j[0].get<int64_t>();
    if (!j[1].is_null()) o.owner = Ref{j[1][0].get<int64_t>(), j[1][1].get<std::string>()};
    if (!j[2].is_null()) o.requester = RefOf(j[2]);
    o.category = j[3].get<std::string>();
    o.title = j[4].get<std::string>();
    o.raised_on = j[5].get<std::string>();
    o.due_on = j[6].get<std::string>();
    o.days_overdue = j[7].get<int>();
    report.overdue.push_back(std::move(o));
  }
  report.ok = report.ok && report.overdue_total == 0;

  // Above a town, every town of the subtree, even one with nothing to judge, worst first.
  if (place.level == "province" || place.level == "city" || place.level == "county") {
    std::map<std::string_view, const PartView*> by_path;
    for (const auto& [path, p] : units) by_path[path] = &p;
    std::vector<ComplianceReport::Town> list;
    SL_TRY(
        tx.ForEach("SELECT code, name, path FROM region WHERE path >= ? AND path < ? AND "
                   "level = 'town'",
                   s.Bounds(), [&](const db::Row& r) -> Status {
                     ComplianceReport::Town t;
                     t.code = r.Str(0);
                     t.name = r.Str(1);
                     t.path = r.Str(2);
                     if (auto hit = by_path.find(t.path); hit != by_path.end()) {
                       const PartView& p = *hit->second;
                       for (int level = 1; level <= kLevelCount; ++level) {
                         t.targets[level - 1] = p.Count(0, level);
                         t.covered[level - 1] = p.Count(1, level);
                         t.over += p.Count(3, level);
                       }
                       t.quotas_failing = p.Tail(1);
                       t.overdue = p.Tail(2);
                     }
                     list.push_back(std::move(t));
                     return OkStatus();
                   }));
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      if (a.gaps() != b.gaps()) return a.gaps() > b.gaps();
      return a.path < b.path;
    });
    report.towns = std::move(list);
  }
  return report;
}

// The place a caller asks about, which it must see whole.
Result<regions::Region> PlaceFor(db::Tx& tx, const Caller& caller, const std::string& region) {
  if (region.empty()) return Error::BadRequest("bad_query", {"region"});
  SL_ASSIGN_OR_RETURN(regions::Region place, regions::Get(tx, caller.view, region));
  // A caller who sees only part of the subtree gets only that part judged.
  if (!caller.view.Covers(Scope::Subtree(place.path))) return Error::Forbidden("out_of_scope");
  return place;
}

Subtree SubtreeOf(const regions::Region& r) { return {r.path, db::PrefixUpperBound(r.path)}; }

bool Stored(const regions::Region& r) {
  return r.level == "province" || r.level == "city" || r.level == "county" || r.level == "town";
}

// Stored parts keep this many items of a list: the most a page asks for
// (the pairing board's 2,000).
constexpr int kStoredItems = 2000;

Result<store::CachedUnits> LoadParts(db::Database& db, const regions::Region& place,
                                     const std::string& date) {
  static const std::string empty = Encode(Part{}, {}, {});
  return store::LoadUnits(db, place, kComplianceKey + date, empty,
                          [&](db::Tx& tx, const regions::Region& r) -> Result<store::UnitBodies> {
                            SL_TRY(tx.PlanEachRun());  // a report over a region of any size
                            return ComputeParts(tx, SubtreeOf(r), date, kStoredItems);
                          });
}

}  // namespace

Result<ComplianceReport> Compliance(db::Tx& tx, const Caller& caller, const std::string& region,
                                    const std::string& date_in, int limit) {
  SL_TRY(tx.PlanEachRun());  // a report over a region of any size
  const std::string date = date_in.empty() ? TodayInChina() : date_in;
  SL_ASSIGN_OR_RETURN(regions::Region place, PlaceFor(tx, caller, region));
  const Subtree s = SubtreeOf(place);
  SL_ASSIGN_OR_RETURN(store::UnitBodies bodies, ComputeParts(tx, s, date, limit));
  Units units;
  for (const auto& [path, body] : bodies) units.emplace_back(path, Decode(body));
  return Assemble(tx, place, s, date, limit, units);
}

Result<ComplianceReport> StoredCompliance(db::Database& db, const Caller& caller,
                                          const std::string& region, const std::string& date_in,
                                          int limit) {
  const std::string date = date_in.empty() ? TodayInChina() : date_in;
  regions::Region place;
  {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
    SL_ASSIGN_OR_RETURN(place, PlaceFor(*tx, caller, region));
    if (!Stored(place) || limit > kStoredItems) return Compliance(*tx, caller, region, date, limit);
  }
  SL_ASSIGN_OR_RETURN(store::CachedUnits stored, LoadParts(db, place, date));
  Units units;
  units.reserve(stored.bodies.size());
  for (const auto& [path, body] : stored.bodies) units.emplace_back(path, Decode(body));
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(ComplianceReport report,
                      Assemble(*tx, place, SubtreeOf(place), date, limit, units));
  report.parts_read = stored.read;
  report.parts_computed = stored.computed;
  return report;
}

Result<int64_t> StoreCompliance(db::Database& db, const regions::Region& place,
                                const std::string& date) {
  SL_ASSIGN_OR_RETURN(store::CachedUnits stored, LoadParts(db, place, date));
  return stored.computed;
}

}  // namespace sl::pairing
