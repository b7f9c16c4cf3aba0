#include "assign/problem.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

#include "core/crypto.hpp"
#include "db/scope.hpp"
#include "pairing/rules.hpp"
#include "pairing/targets.hpp"

namespace sl::assign {

namespace {

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
Result<std::vector<Candidate>> Candidates(db::Tx& tx, int level, const pairing::Subtree& around,
                                          const std::string& region_path, const std::string& date) {
  std::map<int64_t, Candidate> by_id;
  if (level == 5) {
    // Full party members living in the subtree: their home decides the town.
    SL_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT p.id, p.name, p.region_path FROM person p JOIN party_stage g "
                            "ON g.person_id = p.id WHERE p.region_path >= ? AND p.region_path < ? "
                            "AND p.deleted_at IS NULL AND g.stage = 'full' AND g.valid_from <= ? "
                            "AND (g.valid_to IS NULL OR g.valid_to > ?) ORDER BY p.id",
                            {around.path, around.upper, date, date}));
    for (const auto& r : rows) {
      Candidate& p = by_id[r.Int(0)];
      p.id = r.Int(0);
      p.name = r.Str(1);
      p.places.push_back(r.Str(2));
    }
  } else if (level == 4) {
    SL_ASSIGN_OR_RETURN(auto members, pairing::LevelTargets(tx, 1, around, date));
    for (const auto& m : members) {
      Candidate& p = by_id[m.id];
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
      Candidate& p = by_id[r.Int(0)];
      p.id = r.Int(0);
      p.name = r.Str(1);
      p.places.push_back(r.Str(2));
      if (!r.IsNull(3) && !r.Str(3).empty()) p.industries.insert(r.Str(3));
    }
  }
  std::vector<Candidate> out;
  for (auto& [id, p] : by_id) out.push_back(std::move(p));
  return out;
}

}  // namespace

namespace {

// A target with more eligible sources than this starts with kStartArcs of
// them (its cheapest) and has the others priced.
constexpr size_t kDenseTarget = 16;
constexpr size_t kStartArcs = 8;
constexpr size_t kStartArcsOfSource = 2;
// At most this many of a target's priced pairs join the instance per round:
// adding every pair with a negative reduced cost took half of a county
// campaign's 10 M pairs into the network (1.4 GB), most of them never used.
constexpr size_t kPricedPerRound = 16;

}  // namespace

PairFacts FactsOf(const Problem& p, const PlanOptions& o, int i, int j) {
  PairFacts f;
  f.existing = p.pairing_of.count({i, j}) > 0;
  f.tier = DistanceTier(p.home[i], p.targets[j].region.path);
  if (o.level == 6) f.fit = IndustryFit(p.sources[i].industries, p.target_industry[j]);
  f.cost = PairCost(o.weights, f.tier, f.existing, f.fit);
  return f;
}

namespace {

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

}  // namespace

size_t AddPriced(Problem& p, const PlanOptions& o, const Solution& s, bool all) {
  std::vector<std::vector<int>> in(p.targets.size());
  for (const Arc& a : p.instance.arcs)
    if (!p.eligible_of[a.target].empty()) in[a.target].push_back(a.source);
  size_t added = 0;
  for (size_t j = 0; j < p.targets.size(); ++j) {
    if (p.eligible_of[j].empty()) continue;
    std::sort(in[j].begin(), in[j].end());
    const int t = static_cast<int>(j);
    // The target's pairs that could lower the cost, most promising first:
    // one joining two components, then by reduced cost. Only the first few
    // join per round; the rest are priced again against the next solution.
    std::vector<std::pair<int64_t, int>> better;
    for (int i : p.eligible_of[j]) {
      if (std::binary_search(in[j].begin(), in[j].end(), i)) continue;
      const int64_t cost = PairCostOf(p, o, i, t);
      if (all) {
        better.emplace_back(0, i);
      } else if (MayImprove(s, Arc{i, t, cost})) {
        const bool joins = s.source_component[i] != s.target_component[t];
        better.emplace_back(joins ? std::numeric_limits<int64_t>::min()
                                  : cost + s.source_potential[i] - s.target_potential[t],
                            i);
      }
    }
    if (!all && better.size() > kPricedPerRound) {
      std::partial_sort(better.begin(), better.begin() + kPricedPerRound, better.end());
      better.resize(kPricedPerRound);
    }
    for (const auto& [reduced, i] : better) AddArc(p, o, i, t);
    added += better.size();
  }
  return added;
}

namespace {

// The targets a coverage rule governs, with the sources each must have.
struct Governed {
  std::vector<pairing::Target> targets;
  std::vector<int> demand;
};
Result<Governed> ReadTargets(db::Tx& tx, const pairing::Subtree& s, const PlanOptions& o,
                             Problem& p) {
  std::vector<pairing::CoverageRule> coverage;
  std::vector<pairing::QuotaRule> quota;
  SL_TRY(pairing::LoadRules(tx, s, coverage, quota));
  SL_ASSIGN_OR_RETURN(auto all_targets, pairing::LevelTargets(tx, o.level, s, o.date));
  Governed g;
  for (const auto& t : all_targets) {
    const auto* rule = pairing::GoverningCoverage(coverage, o.level, t.region_path, o.date);
    if (!rule) {
      ++p.not_judged;
      continue;
    }
    g.targets.push_back(t);
    g.demand.push_back(rule->min_sources);
  }
  return g;
}

// The sources: the level's candidates (less those left out), then the people
// paired today who may no longer answer (sources with no capacity); their
// index by person.
std::map<int64_t, int> AddSources(Problem& p, std::vector<Candidate> candidates,
                                  const std::vector<pairing::Pairing>& pairings) {
  std::map<int64_t, int> index;
  for (auto& c : candidates) {
    index[c.id] = static_cast<int>(p.sources.size());
    p.sources.push_back(std::move(c));
  }
  for (const auto& g : pairings) {
    if (index.count(g.source)) continue;
    index[g.source] = static_cast<int>(p.sources.size());
    Candidate former;
    former.id = g.source;
    former.eligible = false;
    p.sources.push_back(std::move(former));
  }
  return index;
}

// Names and home places of targets and sources (people: where they live;
// regions and projects: where they are), today's pairs, and at level 6 each
// enterprise's industry.
Status PlaceEveryone(db::Tx& tx, const pairing::Subtree& s, const PlanOptions& o, const Governed& g,
                     const std::vector<pairing::Pairing>& pairings,
                     const std::map<int64_t, int>& source_index, Problem& p) {
  std::set<pairing::TargetKey> keys;
  for (const auto& t : g.targets) keys.insert({t.kind, t.id});
  for (const auto& src : p.sources) keys.insert({"person", src.id});
  SL_ASSIGN_OR_RETURN(auto refs, pairing::ResolveTargets(tx, keys));
  std::map<pairing::TargetKey, int> target_index;
  for (size_t j = 0; j < g.targets.size(); ++j) {
    const auto& t = g.targets[j];
    auto hit = refs.find({t.kind, t.id});
    target_index[{t.kind, t.id}] = static_cast<int>(j);
    p.targets.push_back(hit != refs.end() ? hit->second
                                          : pairing::TargetRef{t.kind, t.id, t.name, {}});
    p.target_places.push_back(t.region_path);
    p.instance.targets.push_back({g.demand[j]});
  }
  p.current.assign(g.targets.size(), {});
  for (const auto& pg : pairings) {
    auto t = target_index.find({pg.target_kind, pg.target_id});
    if (t == target_index.end()) continue;  // a target no rule governs: left alone
    const int i = source_index.at(pg.source);
    p.current[t->second].push_back(i);
    p.pairing_of[{i, t->second}] = pg.id;
  }
  p.home.assign(p.sources.size(), "");
  for (size_t i = 0; i < p.sources.size(); ++i) {
    auto hit = refs.find({"person", p.sources[i].id});
    if (hit == refs.end()) continue;
    p.home[i] = hit->second.region.path;
    if (p.sources[i].name.empty()) p.sources[i].name = hit->second.name;
  }
  p.target_industry.assign(p.targets.size(), "");
  if (o.level != 6) return OkStatus();
  std::map<int64_t, std::string> industry_of;
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, industry FROM enterprise WHERE "
                                          "region_path >= ? AND region_path < ? AND "
                                          "deleted_at IS NULL",
                                          s.Bounds()));
  for (const auto& r : rows) industry_of[r.Int(0)] = r.Str(1);
  for (size_t j = 0; j < p.targets.size(); ++j) p.target_industry[j] = industry_of[p.targets[j].id];
  return OkStatus();
}

// Eligibility, indexed by place: a target looks up the sources posted at its
// place's ancestors (and, at level 2, anywhere in its town; at level 5, the
// party members living in its town).
class Eligibility {
 public:
  explicit Eligibility(const Problem& p) : p_(p) {
    for (size_t i = 0; i < p.sources.size(); ++i) {
      if (!p.sources[i].eligible) continue;
      for (const auto& place : p.sources[i].places) {
        at_place_[place].push_back(static_cast<int>(i));
        in_town_[pairing::TownOf(place)].push_back(static_cast<int>(i));
      }
    }
  }

  std::set<int> Of(int level, const std::string& place) const {
    std::set<int> eligible;
    auto add_at = [&](const std::string& path) {
      auto hit = at_place_.find(path);
      if (hit != at_place_.end()) eligible.insert(hit->second.begin(), hit->second.end());
    };
    switch (level) {
      case 1:  // leaders posted at the chamber's town or above
      case 4:  // entrepreneurs of a chamber at or above the project's place
      case 6:  // county cadres posted at the enterprise's county or above
        for (const auto& a : db::PathAndAncestors(place)) add_at(a);
        break;
      case 2: {  // resident cadres above the village or anywhere in its town
        for (const auto& a : db::PathAndAncestors(place)) add_at(a);
        const std::string town_of_village = ParentPath(place);
        auto hit = in_town_.find(pairing::TownOf(place));
        if (hit != in_town_.end())
          for (int i : hit->second)
            for (const auto& post : p_.sources[i].places)
              if (Under(town_of_village, post)) eligible.insert(i);
        break;
      }
      case 3:  // cadres of the group's own village
        add_at(ParentPath(place));
        break;
      case 5: {  // full party members living in the activist's town
        auto hit = in_town_.find(pairing::TownOf(place));
        if (hit != in_town_.end() && !hit->first.empty())
          eligible.insert(hit->second.begin(), hit->second.end());
        break;
      }
    }
    return eligible;
  }

 private:
  const Problem& p_;
  std::map<std::string, std::vector<int>> at_place_, in_town_;
};

// The pairs the instance starts with: every eligible pair of a target with a
// few eligible sources; of a dense one its cheapest few and today's pairs
// (the others priced against the solution's potentials); and for every
// source a few pairs of its own.
void AddArcs(Problem& p, const PlanOptions& o) {
  const Eligibility eligibility(p);
  p.eligible_of.assign(p.targets.size(), {});
  // Pricing needs no minimum loads: with them the instance may be infeasible
  // only for want of arcs, and its solution would not price the others.
  bool prune = o.min_load == 0;
  for (const auto& [id, c] : o.capacities) prune = prune && c.first == 0;
  for (size_t j = 0; j < p.targets.size(); ++j) {
    const std::set<int> eligible = eligibility.Of(o.level, p.target_places[j]);
    p.eligible_pairs += static_cast<int64_t>(eligible.size());
    if (!prune || eligible.size() <= kDenseTarget) {
      for (int i : eligible) AddArc(p, o, i, static_cast<int>(j));
      continue;
    }
    // Ties are spread over the sources (by a hash of the pair), so that every
    // source starts with some.
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
}

void SetCapacities(Problem& p, const PlanOptions& o) {
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
}

// What the plan depends on, in a canonical order.
std::string Fingerprint(const Problem& p, const PlanOptions& o) {
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
  return Sha256Hex(digest);
}

}  // namespace

Result<Problem> ReadProblem(db::Tx& tx, const Caller& caller, const PlanOptions& o) {
  SL_TRY(tx.PlanEachRun());  // a report over a region of any size
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
  SL_ASSIGN_OR_RETURN(Governed governed, ReadTargets(tx, s, o, p));
  SL_ASSIGN_OR_RETURN(auto candidates, Candidates(tx, o.level, around, p.region.path, o.date));
  const std::set<int64_t> excluded(o.exclude.begin(), o.exclude.end());
  std::erase_if(candidates, [&](const Candidate& c) { return excluded.count(c.id) > 0; });
  // Today's pairings of the level under the region.
  SL_ASSIGN_OR_RETURN(auto pairings, pairing::PairingsOn(tx, s, o.date, o.level));
  const auto source_index = AddSources(p, std::move(candidates), pairings);
  SL_TRY(PlaceEveryone(tx, s, o, governed, pairings, source_index, p));
  AddArcs(p, o);
  SetCapacities(p, o);
  p.fingerprint = Fingerprint(p, o);
  return p;
}

}  // namespace sl::assign
