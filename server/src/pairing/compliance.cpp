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

using internal::Join;
using internal::LevelTargets;
using internal::LoadRules;
using internal::PairingsOn;
using internal::Subtree;
using internal::TownOf;

namespace {

// The people who may owe contacts: post holders under the subtree and the
// chambers' members, with their traits on the date.
// `members`: the chambers' members on the date (level 1's targets, already read).
Result<std::vector<Source>> Sources(db::Tx& tx, const Subtree& s, const std::string& date,
                                    const std::vector<Target>& members) {
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
      tx.Query("SELECT DISTINCT g.person_id FROM party_stage g WHERE g.stage IN ('probationary', "
               "'full') AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?) AND "
               "g.person_id IN (SELECT s.person_id FROM post s WHERE s.region_path >= ? AND "
               "s.region_path < ? UNION SELECT m.person_id FROM chamber_membership m WHERE "
               "m.region_path >= ? AND m.region_path < ?)",
               {date, date, s.path, s.upper, s.path, s.upper}));
  for (const auto& r : party) {
    auto hit = by_id.find(r.Int(0));
    if (hit != by_id.end()) hit->second.traits.insert("party_member");
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

struct TownTally {
  std::array<int64_t, kLevelCount> targets{}, covered{};
  int64_t over = 0, quota_failing = 0, overdue = 0;
  int64_t gaps() const {
    int64_t n = over + quota_failing + overdue;
    for (size_t i = 0; i < targets.size(); ++i) n += targets[i] - covered[i];
    return n;
  }
};

}  // namespace

Result<Json> Compliance(db::Tx& tx, const Caller& caller, const std::string& region,
                        const std::string& date_in, int limit) {
  const std::string date = date_in.empty() ? TodayInChina() : date_in;
  if (!IsIsoDate(date)) return Error::BadRequest("bad_query", {"date"});
  if (region.empty()) return Error::BadRequest("bad_query", {"region"});
  SL_ASSIGN_OR_RETURN(regions::Region place, regions::Get(tx, caller.view, region));
  const Subtree s{place.path, db::PrefixUpperBound(place.path)};
  // A caller who sees only part of the subtree gets only that part judged.
  if (!caller.view.Covers(Scope::Subtree(place.path))) return Error::Forbidden("out_of_scope");

  std::vector<CoverageRule> coverage_rules;
  std::vector<QuotaRule> quota_rules;
  SL_TRY(LoadRules(tx, s, coverage_rules, quota_rules));
  SL_ASSIGN_OR_RETURN(auto pairings, PairingsOn(tx, s, date));

  const bool by_town =
      place.level == "province" || place.level == "city" || place.level == "county";
  std::map<std::string, TownTally> towns;
  bool ok = true;
  Json levels = Json::array();
  std::set<internal::Key> shown;  // targets to name in the answer
  std::vector<Target> entrepreneurs;
  for (int level = 1; level <= kLevelCount; ++level) {
    // A level no rule of the subtree asks about judges nothing: its targets
    // (a province's activists or enterprises) are not read.
    const bool ruled = std::any_of(coverage_rules.begin(), coverage_rules.end(),
                                   [&](const CoverageRule& r) { return r.level == level; });
    std::vector<Target> targets;
    if (ruled || level == 1) {
      SL_ASSIGN_OR_RETURN(targets, LevelTargets(tx, level, s, date));
    }
    if (level == 1) entrepreneurs = targets;  // the quota sources need them too
    Coverage c = EvaluateCoverage(level, targets, pairings, coverage_rules, date);
    ok = ok && c.uncovered.empty() && c.over.empty();
    if (by_town) {
      for (size_t i : c.judged) {
        TownTally& town = towns[TownOf(targets[i].region_path)];
        ++town.targets[level - 1];
        ++town.covered[level - 1];
      }
      for (const auto& g : c.uncovered) --towns[TownOf(g.target.region_path)].covered[level - 1];
      for (const auto& g : c.over) ++towns[TownOf(g.target.region_path)].over;
    }
    auto gap_json = [&](const std::vector<Coverage::Gap>& gaps) {
      Json out = Json::array();
      for (size_t i = 0; i < gaps.size() && i < static_cast<size_t>(limit); ++i) {
        const auto& g = gaps[i];
        out.push_back(
            {{"target", {{"kind", g.target.kind}, {"id", g.target.id}, {"name", g.target.name}}},
             {"sources", g.sources},
             {"min", g.min},
             {"max", g.max ? Json(*g.max) : Json()}});
        shown.insert({g.target.kind, g.target.id});
      }
      return out;
    };
    levels.push_back({{"level", level},
                      {"targets", c.targets},
                      {"covered", c.covered},
                      {"uncovered", gap_json(c.uncovered)},
                      {"uncovered_total", c.uncovered.size()},
                      {"over", gap_json(c.over)},
                      {"over_total", c.over.size()}});
  }
  // Places of the targets named, for display.
  SL_ASSIGN_OR_RETURN(auto names, internal::ResolveTargets(tx, shown));
  for (auto& level : levels) {
    for (const char* list : {"uncovered", "over"}) {
      for (auto& gap : level[list]) {
        auto hit = names.find({gap["target"]["kind"], gap["target"]["id"].get<int64_t>()});
        if (hit != names.end()) gap["target"] = ToJson(hit->second);
      }
    }
  }

  // Quotas.
  std::set<std::string> traits;
  std::string from = date;
  for (const QuotaRule& r : quota_rules) {
    traits.insert(r.target_filter);
    from = std::min(from, PeriodOf(r.period, date).from);
  }
  std::vector<QuotaStatus> quotas;
  if (!quota_rules.empty()) {
    SL_ASSIGN_OR_RETURN(auto sources, Sources(tx, s, date, entrepreneurs));
    SL_ASSIGN_OR_RETURN(auto contacts, Contacts(tx, s, from, date, traits));
    quotas = EvaluateQuotas(sources, contacts, quota_rules, date);
  }
  Json quota_json = Json::array();
  int64_t failing = 0;
  for (const auto& q : quotas) {
    if (q.missing > 0) {
      ++failing;
      if (by_town) ++towns[TownOf(q.person.region_path)].quota_failing;
    }
    if (quota_json.size() < static_cast<size_t>(limit)) {
      quota_json.push_back({{"rule", q.rule_id},
                            {"source_filter", q.source_filter},
                            {"target_filter", q.target_filter},
                            {"period", q.period},
                            {"from", q.window.from},
                            {"person", {{"id", q.person.person_id}, {"name", q.person.name}}},
                            {"required", q.required},
                            {"actual", q.actual},
                            {"missing", q.missing}});
    }
  }
  ok = ok && failing == 0;

  // Follow-ups due before the date and not done by it.
  SL_ASSIGN_OR_RETURN(
      auto overdue_rows,
      tx.Query("SELECT k.id, k.person_id, p.name, k.target_kind, k.target_id, k.occurred_on, "
               "k.follow_up, k.follow_up_due, k.region_path FROM contact k JOIN person p ON p.id "
               "= k.person_id WHERE k.region_path >= ? AND k.region_path < ? AND k.deleted_at IS "
               "NULL AND k.follow_up_due IS NOT NULL AND k.follow_up_due < ? AND "
               "(k.follow_up_done_on IS NULL OR k.follow_up_done_on > ?) ORDER BY "
               "k.follow_up_due, k.id",
               Join(s.Bounds(), {date, date})));
  Json overdue = Json::array();
  std::set<internal::Key> overdue_targets;
  for (const auto& r : overdue_rows) {
    if (by_town) ++towns[TownOf(r.Str(8))].overdue;
    if (overdue.size() >= static_cast<size_t>(limit)) continue;
    overdue_targets.insert({r.Str(3), r.Int(4)});
    overdue.push_back({{"id", r.Int(0)},
                       {"person", {{"id", r.Int(1)}, {"name", r.Str(2)}}},
                       {"target", {{"kind", r.Str(3)}, {"id", r.Int(4)}}},
                       {"occurred_on", r.Str(5)},
                       {"follow_up", r.Str(6)},
                       {"follow_up_due", r.Str(7)}});
  }
  // Named and placed, like the gaps.
  SL_ASSIGN_OR_RETURN(auto overdue_names, internal::ResolveTargets(tx, overdue_targets));
  for (auto& item : overdue) {
    auto hit = overdue_names.find({item["target"]["kind"], item["target"]["id"].get<int64_t>()});
    if (hit != overdue_names.end()) item["target"] = ToJson(hit->second);
  }
  ok = ok && overdue_rows.empty();

  Json out = {{"region", {{"code", place.code}, {"name", place.name}, {"level", place.level}}},
              {"date", date},
              {"ok", ok},
              {"levels", std::move(levels)},
              {"quotas", std::move(quota_json)},
              {"quotas_total", quotas.size()},
              {"quotas_failing", failing},
              {"overdue", std::move(overdue)},
              {"overdue_total", overdue_rows.size()}};
  if (by_town) {
    // Every town of the subtree, even one with nothing to judge.
    SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT code, name, path FROM region WHERE path >= ? "
                                            "AND path < ? AND level = 'town'",
                                            s.Bounds()));
    struct Row {
      std::string code, name, path;
      TownTally tally;
    };
    std::vector<Row> list;
    for (const auto& r : rows) list.push_back({r.Str(0), r.Str(1), r.Str(2), towns[r.Str(2)]});
    std::sort(list.begin(), list.end(), [](const Row& a, const Row& b) {
      if (a.tally.gaps() != b.tally.gaps()) return a.tally.gaps() > b.tally.gaps();
      return a.path < b.path;
    });
    Json town_json = Json::array();
    for (const Row& t : list) {
      Json lv = Json::array();
      for (int i = 0; i < kLevelCount; ++i)
        lv.push_back(
            {{"level", i + 1}, {"targets", t.tally.targets[i]}, {"covered", t.tally.covered[i]}});
      town_json.push_back({{"region", {{"code", t.code}, {"name", t.name}}},
                           {"ok", t.tally.gaps() == 0},
                           {"gaps", t.tally.gaps()},
                           {"levels", std::move(lv)},
                           {"over", t.tally.over},
                           {"quotas_failing", t.tally.quota_failing},
                           {"overdue", t.tally.overdue}});
    }
    out["towns"] = std::move(town_json);
  }
  return out;
}

}  // namespace sl::pairing
