// Automatic pairing: the problem read from the database (set-based, indexed by
// place so that a province's level 1 stays linear), solved, explained, stored
// and applied.

#include "assign/plan.hpp"

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <set>
#include <tuple>

#include "audit/audit.hpp"
#include "core/crypto.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "db/scope.hpp"
#include "pairing/pairing.hpp"
#include "pairing/targets.hpp"
#include "regions/regions.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"

namespace sl::assign {

namespace {}  // namespace

int DistanceTier(const std::string& a, const std::string& b) {
  // Whole segments in common (province, city, county, town, village, group),
  // compared in place: a county campaign asks this of ten million pairs.
  size_t common = 0, at = 0;
  for (;;) {
    const size_t ea = a.find('/', at), eb = b.find('/', at);
    if (ea == std::string::npos || ea != eb || a.compare(at, ea - at, b, at, eb - at) != 0) break;
    ++common;
    at = ea + 1;
  }
  if (common >= 5) return 0;
  if (common == 4) return 1;
  if (common == 3) return 2;
  return 3;
}

Industry IndustryFit(const std::set<std::string>& source_industries,
                     const std::string& target_industry) {
  if (source_industries.empty()) return Industry::kNone;
  return source_industries.count(target_industry) ? Industry::kMatch : Industry::kMismatch;
}

int64_t PairCost(const CostWeights& w, int tier, bool existing, std::optional<Industry> fit) {
  return w.distance * tier + (existing ? 0 : w.keep) +
         (fit && *fit != Industry::kMatch ? w.industry : 0);
}

Changes Diff(const std::vector<std::vector<int>>& current,
             const std::vector<std::vector<int>>& planned) {
  Changes out;
  for (size_t j = 0; j < planned.size(); ++j) {
    std::vector<int> gone, come;
    const auto& now = current[j];
    const auto& next = planned[j];
    for (int s : now) {
      if (std::find(next.begin(), next.end(), s) != next.end())
        out.kept.push_back({static_cast<int64_t>(j), s, s});
      else
        gone.push_back(s);
    }
    for (int s : next)
      if (std::find(now.begin(), now.end(), s) == now.end()) come.push_back(s);
    // An old source replaced by a new one is a move; the rest end or start.
    size_t k = 0;
    for (; k < gone.size() && k < come.size(); ++k)
      out.moved.push_back({static_cast<int64_t>(j), gone[k], come[k]});
    for (size_t g = k; g < gone.size(); ++g)
      out.ended.push_back({static_cast<int64_t>(j), gone[g], -1});
    for (size_t c = k; c < come.size(); ++c)
      out.added.push_back({static_cast<int64_t>(j), -1, come[c]});
  }
  return out;
}

namespace {

// A person who may answer for targets of the level (or answers for some today
// and no longer may).
struct Person {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> places;   // the posts (or chambers, or home) that make them eligible
  std::set<std::string> industries;  // the sectors their posts serve (level 6)
  bool eligible = true;
};

// One level under one region on one day, as read from the database.
struct Problem {
  int level = 0;
  regions::Region region;
  std::string date;
  std::vector<Person> sources;
  std::vector<pairing::TargetRef> targets;
  std::vector<std::string> target_places;             // what eligibility looks at
  int not_judged = 0;                                 // targets no coverage rule governs
  std::vector<std::vector<int>> current;              // per target: sources paired today
  std::map<std::pair<int, int>, int64_t> pairing_of;  // (source, target) -> pairing id
  std::vector<int> arc_tier;
  std::vector<char> arc_existing;
  std::vector<std::optional<Industry>> arc_industry;  // level 6
  // Where a target has many eligible sources (a county campaign: every
  // county cadre for every enterprise), the instance starts with its
  // cheapest few and the rest are priced after each solve (AddPriced):
  // per target, every eligible source (empty: all are in the instance), and
  // what a pair's cost is made of.
  std::vector<std::vector<int>> eligible_of;
  std::vector<std::string> home;             // per source: where they live
  std::vector<std::string> target_industry;  // per target (level 6)
  int64_t eligible_pairs = 0;
  Instance instance;
  std::string fingerprint;
};

// The parent of a path ("…/431127103224/" -> "…/431127103/").
std::string ParentPath(const std::string& path) {
  if (path.size() < 2) return path;
  const size_t cut = path.rfind('/', path.size() - 2);
  return cut == std::string::npos ? path : path.substr(0, cut + 1);
}

bool Under(const std::string& ancestor, const std::string& path) {
  return path.compare(0, ancestor.size(), ancestor) == 0;
}

// The people of the level's source kind under [lo, hi) or at an ancestor of
// the region, with the places that make them eligible.
Result<std::vector<Person>> Candidates(db::Tx& tx, int level, const pairing::Subtree& around,
                                       const std::string& region_path, const std::string& date) {
  std::map<int64_t, Person> by_id;
  if (level == 5) {
    // Full party members living in the subtree: their home decides the town.
    SL_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT p.id, p.name, p.region_path FROM person p JOIN party_stage g "
                            "ON g.person_id = p.id WHERE p.region_path >= ? AND p.region_path < ? "
                            "AND p.deleted_at IS NULL AND g.stage = 'full' AND g.valid_from <= ? "
                            "AND (g.valid_to IS NULL OR g.valid_to > ?) ORDER BY p.id",
                            {around.path, around.upper, date, date}));
    for (const auto& r : rows) {
      Person& p = by_id[r.Int(0)];
      p.id = r.Int(0);
      p.name = r.Str(1);
      p.places.push_back(r.Str(2));
    }
  } else if (level == 4) {
    SL_ASSIGN_OR_RETURN(auto members, pairing::LevelTargets(tx, 1, around, date));
    for (const auto& m : members) {
      Person& p = by_id[m.id];
      p.id = m.id;
      p.name = m.name;
      p.places.push_back(m.region_path);
    }
  } else {
    const char* kinds = level == 1   ? "s.kind = 'town_leader' AND s.leadership_team = 1"
                        : level == 2 ? "s.kind = 'resident_cadre'"
                        : level == 6 ? "s.kind = 'county_cadre'"
                                     : "s.kind IN ('village_cadre', 'village_secretary')";
    db::Params params{around.path, around.upper};
    const auto above = db::PathAndAncestors(region_path);
    const std::string in = db::InList(above.begin(), above.end(), params);
    params.emplace_back(date);
    params.emplace_back(date);
    SL_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query(std::string("SELECT s.person_id, p.name, s.region_path, s.industry FROM post s "
                             "JOIN person p "
                             "ON p.id = s.person_id WHERE ((s.region_path >= ? AND s.region_path "
                             "< ?) OR s.region_path IN ") +
                     in + ") AND " + kinds +
                     " AND p.deleted_at IS NULL AND s.valid_from <= ? AND (s.valid_to IS NULL "
                     "OR s.valid_to > ?) ORDER BY s.person_id, s.id",
                 params));
    for (const auto& r : rows) {
      Person& p = by_id[r.Int(0)];
      p.id = r.Int(0);
      p.name = r.Str(1);
      p.places.push_back(r.Str(2));
      if (!r.IsNull(3) && !r.Str(3).empty()) p.industries.insert(r.Str(3));
    }
  }
  std::vector<Person> out;
  for (auto& [id, p] : by_id) out.push_back(std::move(p));
  return out;
}

Json OptionsJson(const PlanOptions& o) {
  Json caps = Json::object();
  for (const auto& [id, c] : o.capacities)
    caps[std::to_string(id)] = {{"min", c.first}, {"max", c.second ? Json(*c.second) : Json()}};
  return {{"level", o.level},
          {"region", o.region},
          {"date", o.date},
          {"distance_weight", o.weights.distance},
          {"keep_weight", o.weights.keep},
          {"load_weight", o.weights.load},
          {"industry_weight", o.weights.industry},
          {"min_load", o.min_load},
          {"max_load", o.max_load ? Json(*o.max_load) : Json()},
          {"capacities", std::move(caps)},
          {"exclude", o.exclude}};
}

PlanOptions OptionsFromJson(const Json& j) {
  PlanOptions o;
  o.level = j.at("level").get<int>();
  o.region = j.at("region").get<std::string>();
  o.date = j.at("date").get<std::string>();
  o.weights.distance = j.at("distance_weight").get<int64_t>();
  o.weights.keep = j.at("keep_weight").get<int64_t>();
  o.weights.load = j.at("load_weight").get<int64_t>();
  o.weights.industry = j.value("industry_weight", CostWeights{}.industry);  // older plans
  o.min_load = j.at("min_load").get<int>();
  if (!j.at("max_load").is_null()) o.max_load = j.at("max_load").get<int>();
  for (const auto& [id, c] : j.at("capacities").items()) {
    std::optional<int> max;
    if (!c.at("max").is_null()) max = c.at("max").get<int>();
    o.capacities[std::stoll(id)] = {c.at("min").get<int>(), max};
  }
  o.exclude = j.at("exclude").get<std::vector<int64_t>>();
  return o;
}

// A target with more eligible sources than this starts with kStartArcs of
// them (its cheapest) and has the others priced.
constexpr size_t kDenseTarget = 16;
constexpr size_t kStartArcs = 8;
constexpr size_t kStartArcsOfSource = 2;

// What a pair's cost is made of, and the cost.
struct PairFacts {
  int tier = 0;
  bool existing = false;
  std::optional<Industry> fit;  // level 6
  int64_t cost = 0;
};

PairFacts FactsOf(const Problem& p, const PlanOptions& o, int i, int j) {
  PairFacts f;
  f.existing = p.pairing_of.count({i, j}) > 0;
  f.tier = DistanceTier(p.home[i], p.targets[j].region.path);
  if (o.level == 6) f.fit = IndustryFit(p.sources[i].industries, p.target_industry[j]);
  f.cost = PairCost(o.weights, f.tier, f.existing, f.fit);
  return f;
}

int64_t PairCostOf(const Problem& p, const PlanOptions& o, int i, int j) {
  return FactsOf(p, o, i, j).cost;
}

void AddArc(Problem& p, const PlanOptions& o, int i, int j) {
  const PairFacts f = FactsOf(p, o, i, j);
  p.instance.arcs.push_back({i, j, f.cost});
  p.arc_tier.push_back(f.tier);
  p.arc_existing.push_back(f.existing);
  p.arc_industry.push_back(f.fit);
}

// Adds the eligible pairs left out of the instance that could make the plan
// cheaper (MayImprove); with none added the solution is optimal among all
// eligible pairs. `all`: add every one left out. Returns how many were added.
size_t AddPriced(Problem& p, const PlanOptions& o, const Solution& s, bool all) {
  std::vector<std::vector<int>> in(p.targets.size());
  for (const Arc& a : p.instance.arcs)
    if (!p.eligible_of[a.target].empty()) in[a.target].push_back(a.source);
  size_t added = 0;
  for (size_t j = 0; j < p.targets.size(); ++j) {
    if (p.eligible_of[j].empty()) continue;
    std::sort(in[j].begin(), in[j].end());
    const int t = static_cast<int>(j);
    for (int i : p.eligible_of[j]) {
      if (std::binary_search(in[j].begin(), in[j].end(), i)) continue;
      if (all || MayImprove(s, Arc{i, t, PairCostOf(p, o, i, t)})) {
        AddArc(p, o, i, t);
        ++added;
      }
    }
  }
  return added;
}

// Reads the problem of the options' level, region and date.
Result<Problem> Read(db::Tx& tx, const Caller& caller, const PlanOptions& o) {
  Problem p;
  p.level = o.level;
  p.date = o.date;
  SL_ASSIGN_OR_RETURN(p.region, regions::Get(tx, caller.view, o.region));
  const pairing::Subtree s{p.region.path, db::PrefixUpperBound(p.region.path)};
  // Sources may sit anywhere in the region's town (a resident cadre posted at
  // the town answers for its villages) or above it.
  const std::string town = pairing::TownOf(p.region.path);
  const std::string around_path =
      town.empty() || town.size() > p.region.path.size() ? p.region.path : town;
  const pairing::Subtree around{around_path, db::PrefixUpperBound(around_path)};

  std::vector<pairing::CoverageRule> coverage;
  std::vector<pairing::QuotaRule> quota;
  SL_TRY(pairing::LoadRules(tx, s, coverage, quota));
  SL_ASSIGN_OR_RETURN(auto all_targets, pairing::LevelTargets(tx, o.level, s, o.date));
  std::vector<pairing::Target> targets;
  std::vector<int> demand;
  for (const auto& t : all_targets) {
    const auto* rule = pairing::GoverningCoverage(coverage, o.level, t.region_path, o.date);
    if (!rule) {
      ++p.not_judged;
      continue;
    }
    targets.push_back(t);
    demand.push_back(rule->min_sources);
  }
  // Names and home places (people: where they live; regions and projects:
  // where they are).
  std::set<pairing::TargetKey> keys;
  for (const auto& t : targets) keys.insert({t.kind, t.id});
  SL_ASSIGN_OR_RETURN(auto candidates, Candidates(tx, o.level, around, p.region.path, o.date));
  const std::set<int64_t> excluded(o.exclude.begin(), o.exclude.end());
  std::erase_if(candidates, [&](const Person& c) { return excluded.count(c.id) > 0; });

  // Today's pairings of the level under the region.
  SL_ASSIGN_OR_RETURN(auto pairings, pairing::PairingsOn(tx, s, o.date, o.level));
  std::map<int64_t, int> source_index;
  for (auto& c : candidates) {
    source_index[c.id] = static_cast<int>(p.sources.size());
    p.sources.push_back(std::move(c));
  }
  // People paired today who may no longer answer: sources with no capacity.
  for (const auto& g : pairings) {
    if (source_index.count(g.source)) continue;
    source_index[g.source] = static_cast<int>(p.sources.size());
    Person former;
    former.id = g.source;
    former.eligible = false;
    p.sources.push_back(std::move(former));
  }
  for (const auto& src : p.sources) keys.insert({"person", src.id});
  SL_ASSIGN_OR_RETURN(auto refs, pairing::ResolveTargets(tx, keys));

  std::map<pairing::TargetKey, int> target_index;
  for (size_t j = 0; j < targets.size(); ++j) {
    auto hit = refs.find({targets[j].kind, targets[j].id});
    pairing::TargetRef ref =
        hit != refs.end() ? hit->second
                          : pairing::TargetRef{targets[j].kind, targets[j].id, targets[j].name, {}};
    target_index[{targets[j].kind, targets[j].id}] = static_cast<int>(j);
    p.targets.push_back(std::move(ref));
    p.target_places.push_back(targets[j].region_path);
    p.instance.targets.push_back({demand[j]});
  }
  p.current.assign(targets.size(), {});
  for (const auto& g : pairings) {
    auto t = target_index.find({g.target_kind, g.target_id});
    if (t == target_index.end()) continue;  // a target no rule governs: left alone
    const int i = source_index[g.source];
    p.current[t->second].push_back(i);
    p.pairing_of[{i, t->second}] = g.id;
  }
  std::vector<std::string> home(p.sources.size());
  for (size_t i = 0; i < p.sources.size(); ++i) {
    auto hit = refs.find({"person", p.sources[i].id});
    if (hit != refs.end()) {
      home[i] = hit->second.region.path;
      if (p.sources[i].name.empty()) p.sources[i].name = hit->second.name;
    }
  }

  // Level 6 matches sectors: each enterprise's industry.
  std::map<int64_t, std::string> industry_of;
  if (o.level == 6) {
    SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, industry FROM enterprise WHERE "
                                            "region_path >= ? AND region_path < ? AND "
                                            "deleted_at IS NULL",
                                            s.Bounds()));
    for (const auto& r : rows) industry_of[r.Int(0)] = r.Str(1);
  }

  // Eligibility, indexed by place: a target looks up the sources posted at
  // its place's ancestors (and, at level 2, anywhere in its town; at level 5,
  // the party members living in its town).
  std::map<std::string, std::vector<int>> at_place, in_town;
  for (size_t i = 0; i < p.sources.size(); ++i) {
    if (!p.sources[i].eligible) continue;
    for (const auto& place : p.sources[i].places) {
      at_place[place].push_back(static_cast<int>(i));
      in_town[pairing::TownOf(place)].push_back(static_cast<int>(i));
    }
  }
  p.home = std::move(home);
  p.target_industry.resize(p.targets.size());
  for (size_t j = 0; j < p.targets.size(); ++j)
    if (o.level == 6) p.target_industry[j] = industry_of[p.targets[j].id];
  p.eligible_of.assign(p.targets.size(), {});
  // Pricing needs no minimum loads: with them the instance may be infeasible
  // only for want of arcs, and its solution would not price the others.
  bool prune = o.min_load == 0;
  for (const auto& [id, c] : o.capacities) prune = prune && c.first == 0;
  for (size_t j = 0; j < p.targets.size(); ++j) {
    const std::string& place = p.target_places[j];
    std::set<int> eligible;
    auto add_at = [&](const std::string& path) {
      auto hit = at_place.find(path);
      if (hit != at_place.end()) eligible.insert(hit->second.begin(), hit->second.end());
    };
    switch (o.level) {
      case 1:  // leaders posted at the chamber's town or above
      case 4:  // entrepreneurs of a chamber at or above the project's place
        for (const auto& a : db::PathAndAncestors(place)) add_at(a);
        break;
      case 2: {  // resident cadres above the village or anywhere in its town
        for (const auto& a : db::PathAndAncestors(place)) add_at(a);
        const std::string town_of_village = ParentPath(place);
        auto hit = in_town.find(pairing::TownOf(place));
        if (hit != in_town.end())
          for (int i : hit->second)
            for (const auto& post : p.sources[i].places)
              if (Under(town_of_village, post)) eligible.insert(i);
        break;
      }
      case 3:  // cadres of the group's own village
        add_at(ParentPath(place));
        break;
      case 5: {  // full party members living in the activist's town
        auto hit = in_town.find(pairing::TownOf(place));
        if (hit != in_town.end() && !hit->first.empty())
          eligible.insert(hit->second.begin(), hit->second.end());
        break;
      }
      case 6:  // county cadres posted at the enterprise's county or above
        for (const auto& a : db::PathAndAncestors(place)) add_at(a);
        break;
    }
    p.eligible_pairs += static_cast<int64_t>(eligible.size());
    if (!prune || eligible.size() <= kDenseTarget) {
      for (int i : eligible) AddArc(p, o, i, static_cast<int>(j));
      continue;
    }
    // The cheapest few (and today's pairs) now; the others are priced
    // against the solution's potentials. Ties are spread over the sources
    // (by a hash of the pair), so that every source starts with some.
    std::vector<std::tuple<int64_t, uint64_t, int>> ranked;
    for (int i : eligible) {
      const uint64_t h = (static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ULL) ^
                         (static_cast<uint64_t>(j) * 0xC2B2AE3D27D4EB4FULL);
      ranked.emplace_back(PairCostOf(p, o, i, static_cast<int>(j)), h, i);
    }
    std::sort(ranked.begin(), ranked.end());
    for (size_t k = 0; k < ranked.size(); ++k) {
      const int i = std::get<2>(ranked[k]);
      if (k < kStartArcs || p.pairing_of.count({i, static_cast<int>(j)}))
        AddArc(p, o, i, static_cast<int>(j));
    }
    p.eligible_of[j].assign(eligible.begin(), eligible.end());
  }
  // Every source starts with a few pairs of its own (its cheapest among the
  // targets left to pricing): a source with none is a group of its own, and
  // pricing would add every pair it has at once.
  std::vector<char> has_arc(p.sources.size(), 0);
  for (const Arc& a : p.instance.arcs) has_arc[a.source] = 1;
  std::vector<std::vector<std::pair<int64_t, int>>> own(p.sources.size());
  for (size_t j = 0; j < p.targets.size(); ++j)
    for (int i : p.eligible_of[j])
      if (!has_arc[i])
        own[i].push_back({PairCostOf(p, o, i, static_cast<int>(j)), static_cast<int>(j)});
  for (size_t i = 0; i < own.size(); ++i) {
    const size_t n = std::min(own[i].size(), kStartArcsOfSource);
    std::partial_sort(own[i].begin(), own[i].begin() + static_cast<std::ptrdiff_t>(n),
                      own[i].end());
    for (size_t k = 0; k < n; ++k) AddArc(p, o, static_cast<int>(i), own[i][k].second);
  }
  p.instance.load_weight = o.weights.load;
  for (const auto& src : p.sources) {
    Source cap;
    if (!src.eligible) {
      cap.max = 0;
    } else {
      cap.min = o.min_load;
      if (o.max_load) cap.max = *o.max_load;
      auto over = o.capacities.find(src.id);
      if (over != o.capacities.end()) {
        cap.min = over->second.first;
        cap.max = over->second.second.value_or(std::numeric_limits<int>::max());
      }
    }
    p.instance.sources.push_back(cap);
  }

  // What the plan depends on, in a canonical order.
  std::string digest = std::to_string(o.level) + "|" + p.region.path + "|" + o.date + "\n";
  for (size_t j = 0; j < p.targets.size(); ++j)
    digest += p.targets[j].kind + ":" + std::to_string(p.targets[j].id) + ":" +
              std::to_string(p.instance.targets[j].demand) + ":" +
              std::to_string(p.eligible_of[j].size()) + ";";
  digest += "\n";
  for (size_t i = 0; i < p.sources.size(); ++i)
    digest += std::to_string(p.sources[i].id) + ":" + std::to_string(p.instance.sources[i].min) +
              ":" + std::to_string(p.instance.sources[i].max) + ";";
  digest += "\n";
  for (const Arc& a : p.instance.arcs)
    digest += std::to_string(a.source) + "," + std::to_string(a.target) + ";";
  digest += "\n";
  for (const auto& [key, id] : p.pairing_of)
    digest += std::to_string(id) + ":" + std::to_string(key.first) + ":" +
              std::to_string(key.second) + ";";
  p.fingerprint = Sha256Hex(digest);
  return p;
}

const char* TierName(int tier) {
  switch (tier) {
    case 0:
      return "village";
    case 1:
      return "town";
    case 2:
      return "county";
  }
  return "farther";
}

Json PersonJson(const Person& p) { return {{"id", p.id}, {"name", p.name}}; }

// "match", "mismatch", or null (not level 6, or the cadre names no sector).
Json IndustryJson(const std::optional<Industry>& fit) {
  if (!fit || *fit == Industry::kNone) return Json();
  return *fit == Industry::kMatch ? "match" : "mismatch";
}

// A JSON array written item by item: a province's plan has tens of thousands
// of items, which as one JSON tree took several times the memory of the text.
class ArrayText {
 public:
  // `expected`: about how many items will come (the text is sized from the
  // first, rather than doubled again and again: each doubling briefly holds
  // both copies).
  explicit ArrayText(size_t expected) : expected_(expected) {}
  void Add(const Json& item) {
    const std::string one = item.dump();
    if (text_.empty()) text_.reserve((one.size() + 1) * expected_ * 5 / 4 + 2);
    text_ += text_.empty() ? '[' : ',';
    text_ += one;
    ++size_;
  }
  size_t size() const { return size_; }
  std::string Take() { return text_.empty() ? "[]" : std::move(text_) + "]"; }

 private:
  size_t expected_ = 0;
  std::string text_;
  size_t size_ = 0;
};

// `head` (an object) with more members whose values are JSON texts.
std::string Compose(const Json& head, std::vector<std::pair<const char*, std::string>> parts) {
  std::string out = head.dump();
  out.pop_back();
  size_t size = out.size() + 1;
  for (const auto& [key, text] : parts) size += std::strlen(key) + text.size() + 4;
  out.reserve(size);
  for (auto& [key, text] : parts) {
    if (out.size() > 1) out += ',';
    out += '"';
    out += key;
    out += "\":";
    out += text;
    std::string().swap(text);
  }
  out += '}';
  return out;
}

// A stored answer with its record: id, when made and applied (and, after
// applying, what was done).
std::string WithRecord(std::string text, int64_t id, const std::string& created_at,
                       const std::optional<std::string>& applied_at, Json applied = Json()) {
  Json record = {{"id", id},
                 {"created_at", created_at},
                 {"applied_at", applied_at ? Json(*applied_at) : Json()}};
  if (!applied.is_null()) record["applied"] = std::move(applied);
  std::string tail = record.dump();
  text.pop_back();  // the answer's closing brace
  text += ',';
  text.append(tail, 1, std::string::npos);
  return text;
}

// The plan's answer: assignments, changes, explanations, or the diagnosis.
std::string Answer(const Problem& p, const PlanOptions& o, const Solution& s, int64_t solve_us) {
  const int nt = static_cast<int>(p.targets.size());
  std::vector<std::vector<int>> planned(nt);
  std::vector<std::vector<int>> arcs_of(nt);
  for (size_t a = 0; a < p.instance.arcs.size(); ++a) {
    arcs_of[p.instance.arcs[a].target].push_back(static_cast<int>(a));
    if (s.chosen[a]) planned[p.instance.arcs[a].target].push_back(p.instance.arcs[a].source);
  }
  auto target = [&](int64_t j) { return pairing::ToJson(p.targets[j]); };
  auto person = [&](int64_t i) { return PersonJson(p.sources[i]); };
  auto pairing_id = [&](int64_t i, int64_t j) {
    auto hit = p.pairing_of.find({static_cast<int>(i), static_cast<int>(j)});
    return hit == p.pairing_of.end() ? Json() : Json(hit->second);
  };

  size_t chosen = 0;
  for (const auto& v : planned) chosen += v.size();
  ArrayText assignments(chosen), explanations(chosen);
  for (int j = 0; j < nt; ++j) {
    for (int a : arcs_of[j]) {
      if (!s.chosen[a]) continue;
      const int i = p.instance.arcs[a].source;
      assignments.Add({{"target", target(j)},
                       {"source", person(i)},
                       {"pairing", pairing_id(i, j)},
                       {"kept", p.arc_existing[a] != 0}});
      // The cheapest other eligible source, for the reader's comparison.
      Json alternative;
      int best = -1;
      for (int b : arcs_of[j]) {
        if (b == a || s.chosen[b]) continue;
        if (best < 0 || p.instance.arcs[b].cost < p.instance.arcs[best].cost) best = b;
      }
      if (best >= 0) {
        const int k = p.instance.arcs[best].source;
        alternative = {{"source", person(k)},
                       {"distance", TierName(p.arc_tier[best])},
                       {"industry", IndustryJson(p.arc_industry[best])},
                       {"kept", p.arc_existing[best] != 0},
                       {"load", s.load[k]},
                       {"extra", p.instance.arcs[best].cost - p.instance.arcs[a].cost}};
      }
      explanations.Add({{"target", p.targets[j].id},
                        {"target_kind", p.targets[j].kind},
                        {"source", p.sources[i].id},
                        {"distance", TierName(p.arc_tier[a])},
                        {"industry", IndustryJson(p.arc_industry[a])},
                        {"kept", p.arc_existing[a] != 0},
                        {"load", s.load[i]},
                        {"cost", p.instance.arcs[a].cost},
                        {"alternative", std::move(alternative)}});
    }
  }
  const Changes changes = Diff(p.current, planned);
  ArrayText kept(changes.kept.size()), moved(changes.moved.size()), added(changes.added.size()),
      ended(changes.ended.size());
  for (const auto& c : changes.kept)
    kept.Add({{"target", target(c.target)},
              {"source", person(c.to)},
              {"pairing", pairing_id(c.to, c.target)}});
  for (const auto& c : changes.moved)
    moved.Add({{"target", target(c.target)},
               {"from", person(c.from)},
               {"to", person(c.to)},
               {"pairing", pairing_id(c.from, c.target)}});
  for (const auto& c : changes.added)
    added.Add({{"target", target(c.target)}, {"source", person(c.to)}});
  for (const auto& c : changes.ended)
    ended.Add({{"target", target(c.target)},
               {"source", person(c.from)},
               {"pairing", pairing_id(c.from, c.target)}});
  const Json counts = {{"kept", kept.size()},
                       {"moved", moved.size()},
                       {"new", added.size()},
                       {"ended", ended.size()}};
  const std::string changes_text = Compose(Json::object(), {{"kept", kept.Take()},
                                                            {"moved", moved.Take()},
                                                            {"new", added.Take()},
                                                            {"ended", ended.Take()}});

  ArrayText sources(p.sources.size());
  for (size_t i = 0; i < p.sources.size(); ++i) {
    const Source& cap = p.instance.sources[i];
    sources.Add({{"person", person(static_cast<int64_t>(i))},
                 {"eligible", p.sources[i].eligible},
                 {"load", s.load[i]},
                 {"min", cap.min},
                 {"max", cap.max == std::numeric_limits<int>::max() ? Json() : Json(cap.max)}});
  }
  Json head = {
      {"level", o.level},
      {"region", {{"code", p.region.code}, {"name", p.region.name}}},
      {"date", o.date},
      {"status", s.feasible ? "optimal" : "infeasible"},
      {"cost", s.cost},
      {"options", OptionsJson(o)},
      {"counts", counts},
      {"stats",
       {{"sources", p.sources.size()},
        {"targets", p.targets.size()},
        {"arcs", p.eligible_pairs},
        {"arcs_solved", p.instance.arcs.size()},
        // Groups with targets: a person left out (no eligible
        // target) is no group of the plan.
        {"components", std::set<int>(s.target_component.begin(), s.target_component.end()).size()},
        {"not_judged", p.not_judged},
        {"solve_ms", static_cast<double>(solve_us) / 1000.0}}}};
  if (!s.feasible) {
    Diagnosis d = Diagnose(p.instance);
    Json shortages = Json::array();
    for (const auto& sh : d.shortages) {
      Json ts = Json::array(), ss = Json::array();
      for (int j : sh.targets)
        ts.push_back({{"target", target(j)},
                      {"demand", p.instance.targets[j].demand},
                      {"covered", s.covered[j]}});
      for (int i : sh.sources) {
        const Source& cap = p.instance.sources[i];
        ss.push_back(
            {{"person", person(i)},
             {"load", s.load[i]},
             {"max", cap.max == std::numeric_limits<int>::max() ? Json() : Json(cap.max)}});
      }
      shortages.push_back({{"targets", std::move(ts)},
                           {"sources", std::move(ss)},
                           {"needed", sh.needed},
                           {"available", sh.available},
                           {"shortfall", sh.shortfall}});
    }
    Json fixes = Json::array();
    for (const auto& f : d.fixes) {
      switch (f.kind) {
        case Fix::kRaiseMax:
          fixes.push_back({{"kind", "raise_max"},
                           {"person", person(f.index)},
                           {"max", p.instance.sources[f.index].max + f.amount},
                           {"amount", f.amount}});
          break;
        case Fix::kAddSource:
          fixes.push_back(
              {{"kind", "add_source"}, {"target", target(f.index)}, {"amount", f.amount}});
          break;
        case Fix::kLowerMin:
          fixes.push_back({{"kind", "lower_min"},
                           {"person", person(f.index)},
                           {"min", p.instance.sources[f.index].min - f.amount},
                           {"amount", f.amount}});
          break;
      }
    }
    Json below = Json::array();
    for (int i : d.sources_below_min) below.push_back(person(i));
    int64_t uncovered = 0;
    for (int j = 0; j < nt; ++j) uncovered += p.instance.targets[j].demand - s.covered[j];
    head["diagnosis"] = {{"shortages", std::move(shortages)},
                         {"below_min", std::move(below)},
                         {"fixes", std::move(fixes)},
                         {"uncovered", uncovered}};
  }
  return Compose(head, {{"sources", sources.Take()},
                        {"assignments", assignments.Take()},
                        {"changes", changes_text},
                        {"explanations", explanations.Take()}});
}

Result<PlanOptions> Checked(PlanOptions o) {
  store::Fields errors;
  if (!pairing::IsLevel(o.level)) errors.emplace("level", Text{"pairing_level", {}});
  if (o.region.empty()) errors.emplace("region", Text{"field_required", {}});
  if (o.date.empty()) o.date = TodayInChina();
  if (!IsIsoDate(o.date)) errors.emplace("date", Text{"field_date", {}});
  for (auto [name, v] : {std::pair<const char*, int64_t>{"distance_weight", o.weights.distance},
                         {"keep_weight", o.weights.keep},
                         {"load_weight", o.weights.load},
                         {"industry_weight", o.weights.industry}})
    if (v < 0 || v > 100000) errors.emplace(name, Text{"field_range", {}});
  if (o.min_load < 0 || o.min_load > 10000) errors.emplace("min_load", Text{"field_range", {}});
  if (o.max_load && (*o.max_load < o.min_load || *o.max_load > 10000))
    errors.emplace("max_load", Text{"field_range", {}});
  for (const auto& [id, c] : o.capacities)
    if (c.first < 0 || (c.second && *c.second < c.first))
      errors.emplace("capacities", Text{"field_range", {}});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return o;
}

Status CheckRegionWrite(const Caller& caller, const regions::Region& region) {
  if (!caller.capture.Covers(Scope::Subtree(region.path))) return Error::Forbidden("out_of_scope");
  return OkStatus();
}

}  // namespace

Result<PlanText> CreatePlan(db::Tx& tx, const Caller& caller, const PlanOptions& options) {
  SL_ASSIGN_OR_RETURN(PlanOptions o, Checked(options));
  SL_ASSIGN_OR_RETURN(Problem p, Read(tx, caller, o));
  SL_TRY(CheckRegionWrite(caller, p.region));
  // Reading a big problem went through far more memory (query rows, names
  // resolved in chunks) than the problem keeps: give the pages back before
  // the answer is written, or they add to its peak.
  if (p.instance.arcs.size() > 100000) malloc_trim(0);
  const auto started = std::chrono::steady_clock::now();
  Solution s = Solve(p.instance);
  // Pairs left out are priced until none would lower the cost; an
  // infeasible plan is solved with all of them, so that its diagnosis
  // speaks of every eligible pair.
  while (AddPriced(p, o, s, !s.feasible) > 0) s = Solve(p.instance);
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  const std::string now = NowUtc();
  // The text goes into the statement's parameters and comes back out: one
  // copy of a province's plan, not three. The problem and its solution are
  // let go before the statement copies it.
  db::Params params{int64_t{o.level},
                    p.region.id,
                    p.region.path,
                    o.date,
                    OptionsJson(o).dump(),
                    std::string(s.feasible ? "optimal" : "infeasible"),
                    s.cost,
                    p.fingerprint,
                    Answer(p, o, s, us),
                    caller.username,
                    now};
  p = Problem();
  s = Solution();
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId("INSERT INTO assignment_plan (level, region_id, region_path, plan_date, options, "
                  "status, cost, fingerprint, result, created_by, created_at) VALUES (?, ?, ?, ?, "
                  "?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  params));
  std::string text = std::move(std::get<std::string>(params[8]));
  return PlanText{id, WithRecord(std::move(text), id, now, std::nullopt)};
}

namespace {

struct StoredPlan {
  int64_t id = 0;
  std::string region_path, status, fingerprint, created_at;
  std::optional<std::string> applied_at;
  PlanOptions options;
  std::string result;  // the answer's text
};

Result<StoredPlan> LoadPlan(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto row,
                      tx.QueryOne("SELECT id, region_path, status, fingerprint, options, result, "
                                  "created_at, applied_at FROM assignment_plan WHERE id = ?",
                                  {id}));
  if (!row || !caller.view.Contains(row->Str(1))) return Error::NotFound("plan_not_found");
  StoredPlan p;
  p.id = row->Int(0);
  p.region_path = row->Str(1);
  p.status = row->Str(2);
  p.fingerprint = row->Str(3);
  p.options = OptionsFromJson(Json::parse(row->Str(4)));
  p.result = row->Str(5);
  p.created_at = row->Str(6);
  p.applied_at = row->OptStr(7);
  return p;
}

}  // namespace

Json PlanSummary(std::string_view text) {
  // Leaves out, while parsing, the lists that grow with the plan.
  std::string member;  // the top-level member being read
  return Json::parse(text, [&member](int depth, Json::parse_event_t event, Json& parsed) {
    if (event != Json::parse_event_t::key) return true;
    const std::string& key = parsed.get_ref<const std::string&>();
    if (depth == 1) {
      member = key;
      return key != "assignments" && key != "explanations" && key != "sources";
    }
    return !(depth == 2 && member == "changes" && key == "kept");
  });
}

Result<PlanText> GetPlan(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(StoredPlan p, LoadPlan(tx, caller, id));
  return PlanText{p.id, WithRecord(std::move(p.result), p.id, p.created_at, p.applied_at)};
}

Result<PlanText> ApplyPlan(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(StoredPlan stored, LoadPlan(tx, caller, id));
  if (!caller.capture.Covers(Scope::Subtree(stored.region_path)))
    return Error::Forbidden("out_of_scope");
  if (stored.applied_at) return Error::Conflict("plan_applied");
  if (stored.status != "optimal") return Error::Invalid({{"plan", Text{"plan_infeasible", {}}}});
  SL_ASSIGN_OR_RETURN(Problem now, Read(tx, caller, stored.options));
  if (now.fingerprint != stored.fingerprint) return Error::Conflict("plan_stale");

  const std::string& date = stored.options.date;
  const Json summary = PlanSummary(stored.result);
  const Json& changes = summary.at("changes");
  int64_t ended = 0, moved = 0, added = 0;
  for (const auto& c : changes.at("ended")) {
    const int64_t pid = c.at("pairing").get<int64_t>();
    SL_ASSIGN_OR_RETURN(auto before, pairing::GetPairing(tx, caller, pid));
    if (before.valid_from >= date) {
      SL_TRY(pairing::DeletePairing(tx, caller, pid));
    } else {
      pairing::PairingInput in;
      in.valid_to = date;
      SL_TRY(pairing::UpdatePairing(tx, caller, pid, in));
    }
    ++ended;
  }
  for (const auto& c : changes.at("moved")) {
    pairing::PairingInput in;
    in.source = c.at("to").at("id").get<int64_t>();
    in.valid_from = date;
    in.origin = "auto";
    SL_TRY(pairing::UpdatePairing(tx, caller, c.at("pairing").get<int64_t>(), in));
    ++moved;
  }
  for (const auto& c : changes.at("new")) {
    const Json& t = c.at("target");
    pairing::PairingInput in;
    in.level = stored.options.level;
    in.source = c.at("source").at("id").get<int64_t>();
    in.target = t.at("kind") == "region" ? t.at("region").at("code").get<std::string>()
                                         : std::to_string(t.at("id").get<int64_t>());
    in.valid_from = date;
    in.origin = "auto";
    SL_TRY(pairing::CreatePairing(tx, caller, in));
    ++added;
  }
  const std::string at = NowUtc();
  SL_TRY(tx.Exec("UPDATE assignment_plan SET applied_at = ?, applied_by = ? WHERE id = ?",
                 {at, caller.username, id}));
  return PlanText{id, WithRecord(std::move(stored.result), id, stored.created_at, at,
                                 Json{{"ended", ended}, {"moved", moved}, {"new", added}})};
}

}  // namespace sl::assign
