#include "assign/solver.hpp"

#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>
#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <numeric>
#include <thread>

namespace sl::assign {

int64_t LoadCost(int64_t load_weight, int64_t load) {
  return load <= 1 ? 0 : load_weight * load * (load - 1) / 2;
}

namespace {

// The sources and targets of one independent component, and their arcs.
struct Component {
  std::vector<int> sources, targets, arcs;
};

int Find(std::vector<int>& parent, int x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

// Groups sources and targets connected by arcs; nodes 0..S-1 are sources,
// S..S+T-1 targets.
std::vector<Component> Components(const Instance& in, std::vector<int>& source_component,
                                  std::vector<int>& target_component) {
  const int ns = static_cast<int>(in.sources.size()), nt = static_cast<int>(in.targets.size());
  std::vector<int> parent(ns + nt);
  std::iota(parent.begin(), parent.end(), 0);
  for (const Arc& a : in.arcs) {
    const int x = Find(parent, a.source), y = Find(parent, ns + a.target);
    if (x != y) parent[x] = y;
  }
  std::vector<int> index(ns + nt, -1);
  std::vector<Component> out;
  auto component_of = [&](int node) {
    int& c = index[Find(parent, node)];
    if (c < 0) {
      c = static_cast<int>(out.size());
      out.emplace_back();
    }
    return c;
  };
  source_component.assign(ns, 0);
  target_component.assign(nt, 0);
  for (int i = 0; i < ns; ++i) out[source_component[i] = component_of(i)].sources.push_back(i);
  for (int j = 0; j < nt; ++j) out[target_component[j] = component_of(ns + j)].targets.push_back(j);
  for (int a = 0; a < static_cast<int>(in.arcs.size()); ++a)
    out[source_component[in.arcs[a].source]].arcs.push_back(a);
  return out;
}

// A source's usable capacity: no more than its eligible targets.
std::vector<int> Capacities(const Instance& in) {
  std::vector<int> degree(in.sources.size(), 0);
  for (const Arc& a : in.arcs) ++degree[a.source];
  std::vector<int> cap(in.sources.size());
  for (size_t i = 0; i < cap.size(); ++i) cap[i] = std::min(in.sources[i].max, degree[i]);
  return cap;
}

using Graph = lemon::SmartDigraph;
using Simplex = lemon::NetworkSimplex<Graph, int64_t, int64_t>;

// Where each source and target stands in its component's lists.
struct Positions {
  std::vector<int> source, target;
};

Positions PositionsOf(const Instance& in, const std::vector<Component>& components) {
  Positions p{std::vector<int>(in.sources.size()), std::vector<int>(in.targets.size())};
  for (const Component& c : components) {
    for (size_t k = 0; k < c.sources.size(); ++k) p.source[c.sources[k]] = static_cast<int>(k);
    for (size_t j = 0; j < c.targets.size(); ++j) p.target[c.targets[j]] = static_cast<int>(j);
  }
  return p;
}

// Solves one component into `out` (its own entries only). `mins` false drops
// the minimum loads (when they cannot all be met).
bool SolveComponent(const Instance& in, const Component& c, const std::vector<int>& cap,
                    const Positions& at, int component, bool mins, Solution& out) {
  Graph g;
  const Graph::Node s = g.addNode(), t = g.addNode();
  std::vector<Graph::Node> src(c.sources.size()), tgt(c.targets.size());
  for (auto& n : src) n = g.addNode();
  for (auto& n : tgt) n = g.addNode();
  std::vector<int64_t> lower, upper, cost;
  auto add = [&](Graph::Node u, Graph::Node v, int64_t lo, int64_t up, int64_t co) {
    g.addArc(u, v);
    lower.push_back(lo);
    upper.push_back(up);
    cost.push_back(co);
    return static_cast<int>(lower.size()) - 1;
  };
  // Source units.
  std::vector<int> first_unit(c.sources.size());
  int64_t big = 1;
  for (size_t k = 0; k < c.sources.size(); ++k) {
    const int i = c.sources[k];
    const int lo = mins ? std::min(in.sources[i].min, cap[i]) : 0;
    first_unit[k] = static_cast<int>(lower.size());
    if (in.load_weight == 0) {
      add(s, src[k], lo, cap[i], 0);
    } else {
      for (int u = 0; u < cap[i]; ++u) add(s, src[k], u < lo ? 1 : 0, 1, in.load_weight * u);
    }
    big += LoadCost(in.load_weight, cap[i]);
  }
  // Pairs.
  const int first_pair = static_cast<int>(lower.size());
  for (int a : c.arcs) {
    const Arc& arc = in.arcs[a];
    add(src[at.source[arc.source]], tgt[at.target[arc.target]], 0, 1, arc.cost);
    big += arc.cost < 0 ? -arc.cost : arc.cost;
  }
  // Coverage and slack.
  int64_t demand = 0;
  for (size_t j = 0; j < c.targets.size(); ++j) {
    const int d = in.targets[c.targets[j]].demand;
    add(tgt[j], t, d, d, 0);
    demand += d;
  }
  const int first_slack = static_cast<int>(lower.size());
  for (size_t j = 0; j < c.targets.size(); ++j)
    add(s, tgt[j], 0, in.targets[c.targets[j]].demand, big);

  Graph::ArcMap<int64_t> lo(g), up(g), co(g);
  for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) {
    const int id = g.id(a);
    lo[a] = lower[id];
    up[a] = upper[id];
    co[a] = cost[id];
  }
  Simplex ns(g);
  ns.lowerMap(lo).upperMap(up).costMap(co).stSupply(s, t, demand);
  if (ns.run() != Simplex::OPTIMAL) return false;

  for (size_t k = 0; k < c.sources.size(); ++k) {
    const int i = c.sources[k];
    int64_t load = 0;
    const int units = in.load_weight == 0 ? 1 : cap[i];
    for (int u = 0; u < units; ++u) load += ns.flow(g.arcFromId(first_unit[k] + u));
    out.load[i] = static_cast<int>(load);
    out.source_potential[i] = ns.potential(src[k]);
  }
  for (size_t x = 0; x < c.arcs.size(); ++x)
    out.chosen[c.arcs[x]] = ns.flow(g.arcFromId(first_pair + static_cast<int>(x))) > 0;
  for (size_t j = 0; j < c.targets.size(); ++j) {
    const int64_t slack = ns.flow(g.arcFromId(first_slack + static_cast<int>(j)));
    out.covered[c.targets[j]] = static_cast<int>(in.targets[c.targets[j]].demand - slack);
    out.target_potential[c.targets[j]] = ns.potential(tgt[j]);
  }
  out.s_potential[component] = ns.potential(s);
  out.t_potential[component] = ns.potential(t);
  out.slack_cost[component] = big;
  return true;
}

}  // namespace

Solution Solve(const Instance& in, int threads) {
  Solution out;
  const auto components = Components(in, out.source_component, out.target_component);
  const auto cap = Capacities(in);
  const Positions at = PositionsOf(in, components);
  out.components = static_cast<int>(components.size());
  out.chosen.assign(in.arcs.size(), 0);
  out.load.assign(in.sources.size(), 0);
  out.covered.assign(in.targets.size(), 0);
  out.source_potential.assign(in.sources.size(), 0);
  out.target_potential.assign(in.targets.size(), 0);
  out.s_potential.assign(components.size(), 0);
  out.t_potential.assign(components.size(), 0);
  out.slack_cost.assign(components.size(), 0);
  out.mins_kept.assign(components.size(), 1);
  std::vector<char> mins_met(components.size(), 1);

  // Components share nothing: each thread takes the next one and writes only
  // its own entries.
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t c; (c = next.fetch_add(1)) < components.size();) {
      bool met = SolveComponent(in, components[c], cap, at, static_cast<int>(c), true, out);
      if (!met) SolveComponent(in, components[c], cap, at, static_cast<int>(c), false, out);
      out.mins_kept[c] = met;
      for (int i : components[c].sources) met = met && in.sources[i].min <= cap[i];
      mins_met[c] = met;
    }
  };
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<size_t>(threads, components.size()));
  if (threads <= 1 || components.size() < 64) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int k = 0; k < threads; ++k) pool.emplace_back(work);
    for (auto& th : pool) th.join();
  }
  out.min_loads_met = std::all_of(mins_met.begin(), mins_met.end(), [](char m) { return m != 0; });

  out.cost = 0;
  for (size_t a = 0; a < in.arcs.size(); ++a)
    if (out.chosen[a]) out.cost += in.arcs[a].cost;
  for (size_t i = 0; i < in.sources.size(); ++i) out.cost += LoadCost(in.load_weight, out.load[i]);
  bool covered = true;
  for (size_t j = 0; j < in.targets.size(); ++j)
    covered = covered && out.covered[j] == in.targets[j].demand;
  out.feasible = covered && out.min_loads_met;
  return out;
}

bool MayImprove(const Solution& s, const Arc& a) {
  if (s.source_component[a.source] != s.target_component[a.target]) return true;
  return a.cost + s.source_potential[a.source] - s.target_potential[a.target] < 0;
}

std::string Verify(const Instance& in, const Solution& s) {
  const auto cap = Capacities(in);
  std::vector<int> load(in.sources.size(), 0), covered(in.targets.size(), 0);
  int64_t cost = 0;
  if (s.chosen.size() != in.arcs.size()) return "chosen has the wrong size";
  for (size_t a = 0; a < in.arcs.size(); ++a) {
    if (!s.chosen[a]) continue;
    ++load[in.arcs[a].source];
    ++covered[in.arcs[a].target];
    cost += in.arcs[a].cost;
  }
  for (size_t i = 0; i < in.sources.size(); ++i) {
    if (load[i] != s.load[i]) return "source " + std::to_string(i) + ": load does not add up";
    if (load[i] > in.sources[i].max) return "source " + std::to_string(i) + ": above its max";
    if (s.feasible && load[i] < in.sources[i].min)
      return "source " + std::to_string(i) + ": below its min";
    cost += LoadCost(in.load_weight, load[i]);
  }
  for (size_t j = 0; j < in.targets.size(); ++j) {
    if (covered[j] != s.covered[j])
      return "target " + std::to_string(j) + ": cover does not add up";
    if (covered[j] > in.targets[j].demand)
      return "target " + std::to_string(j) + ": covered more than it demands";
    if (s.feasible && covered[j] != in.targets[j].demand)
      return "target " + std::to_string(j) + ": not covered as it demands";
  }
  if (cost != s.cost) return "the cost is not the sum of the arcs";

  // Complementary slackness: with reduced cost rc = cost + π(u) − π(v), an
  // arc with room left has rc ≥ 0 and an arc carrying flow above its lower
  // bound has rc ≤ 0. Then no residual cycle has negative cost.
  auto check = [](int64_t rc, int64_t flow, int64_t lo, int64_t up) {
    return (flow >= up || rc >= 0) && (flow <= lo || rc <= 0);
  };
  for (size_t a = 0; a < in.arcs.size(); ++a) {
    const Arc& arc = in.arcs[a];
    const int64_t rc = arc.cost + s.source_potential[arc.source] - s.target_potential[arc.target];
    if (!check(rc, s.chosen[a], 0, 1)) return "arc " + std::to_string(a) + ": reduced cost";
  }
  for (size_t i = 0; i < in.sources.size(); ++i) {
    const int c = s.source_component[i];
    const int lo = s.mins_kept[c] ? std::min(in.sources[i].min, cap[i]) : 0;
    if (in.load_weight == 0) {
      const int64_t rc = s.s_potential[c] - s.source_potential[i];
      if (!check(rc, load[i], lo, cap[i])) return "source " + std::to_string(i) + ": reduced cost";
      continue;
    }
    for (int u = 0; u < cap[i]; ++u) {
      const int64_t rc = in.load_weight * u + s.s_potential[c] - s.source_potential[i];
      const int unit_lo = u < lo ? 1 : 0;
      if (!check(rc, u < load[i] ? 1 : 0, unit_lo, 1))
        return "source " + std::to_string(i) + " unit " + std::to_string(u) + ": reduced cost";
    }
  }
  for (size_t j = 0; j < in.targets.size(); ++j) {
    const int c = s.target_component[j];
    const int64_t slack = in.targets[j].demand - covered[j];
    const int64_t rc = s.slack_cost[c] + s.s_potential[c] - s.target_potential[j];
    if (!check(rc, slack, 0, in.targets[j].demand))
      return "target " + std::to_string(j) + ": slack reduced cost";
  }
  return "";
}

Instance Apply(const Instance& in, const std::vector<Fix>& fixes) {
  Instance out = in;
  for (const Fix& f : fixes) {
    switch (f.kind) {
      case Fix::kRaiseMax:
        out.sources[f.index].max += f.amount;
        break;
      case Fix::kLowerMin:
        out.sources[f.index].min = std::max(0, out.sources[f.index].min - f.amount);
        break;
      case Fix::kAddSource:
        for (int k = 0; k < f.amount; ++k) {
          out.arcs.push_back({static_cast<int>(out.sources.size()), f.index, 0});
          out.sources.push_back({0, 1});
        }
        break;
    }
  }
  return out;
}

namespace {

// The coverage of an instance as a max flow (no minimum loads): the flow on
// each pair and, per target, how much it got.
struct Coverage {
  int64_t flow = 0, demand = 0;
  std::vector<char> pair_flow;  // per arc
  std::vector<int64_t> unit;    // per source: flow s -> source
  std::vector<int64_t> got;     // per target
  std::vector<char> reaches_t;  // per node of the residual: 0..S-1 sources, S.. targets
};

// `cap`: each source's capacity in this flow.
Coverage MaxCoverage(const Instance& in, const std::vector<int>& cap) {
  const int ns = static_cast<int>(in.sources.size()), nt = static_cast<int>(in.targets.size());
  Graph g;
  const Graph::Node s = g.addNode(), t = g.addNode();
  std::vector<Graph::Node> node(ns + nt);
  for (auto& n : node) n = g.addNode();
  Graph::ArcMap<int64_t> capacity(g);
  std::vector<Graph::Arc> unit(ns), pair(in.arcs.size()), cover(nt);
  for (int i = 0; i < ns; ++i) capacity[unit[i] = g.addArc(s, node[i])] = cap[i];
  for (size_t a = 0; a < in.arcs.size(); ++a)
    capacity[pair[a] = g.addArc(node[in.arcs[a].source], node[ns + in.arcs[a].target])] = 1;
  Coverage c;
  for (int j = 0; j < nt; ++j) {
    capacity[cover[j] = g.addArc(node[ns + j], t)] = in.targets[j].demand;
    c.demand += in.targets[j].demand;
  }
  lemon::Preflow<Graph, Graph::ArcMap<int64_t>> preflow(g, capacity, s, t);
  preflow.run();
  c.flow = preflow.flowValue();
  c.pair_flow.resize(in.arcs.size());
  for (size_t a = 0; a < in.arcs.size(); ++a) c.pair_flow[a] = preflow.flow(pair[a]) > 0;
  c.unit.resize(ns);
  for (int i = 0; i < ns; ++i) c.unit[i] = preflow.flow(unit[i]);
  c.got.resize(nt);
  for (int j = 0; j < nt; ++j) c.got[j] = preflow.flow(cover[j]);
  // The nodes that still reach t in the residual network: the sink side of
  // the minimum cut closest to t (the smallest deficient set).
  c.reaches_t.assign(ns + nt, 0);
  std::vector<std::vector<int>> pairs_of_target(nt), pairs_of_source(ns);
  for (size_t a = 0; a < in.arcs.size(); ++a) {
    pairs_of_target[in.arcs[a].target].push_back(static_cast<int>(a));
    pairs_of_source[in.arcs[a].source].push_back(static_cast<int>(a));
  }
  std::deque<int> queue;
  for (int j = 0; j < nt; ++j) {
    if (c.got[j] < in.targets[j].demand) {  // residual target -> t
      c.reaches_t[ns + j] = 1;
      queue.push_back(ns + j);
    }
  }
  while (!queue.empty()) {
    const int v = queue.front();
    queue.pop_front();
    if (v >= ns) {
      // Residual source -> target where the pair has room.
      for (int a : pairs_of_target[v - ns]) {
        const int u = in.arcs[a].source;
        if (!c.pair_flow[a] && !c.reaches_t[u]) {
          c.reaches_t[u] = 1;
          queue.push_back(u);
        }
      }
    } else {
      // Residual target -> source where the pair carries flow.
      for (int a : pairs_of_source[v]) {
        const int w = ns + in.arcs[a].target;
        if (c.pair_flow[a] && !c.reaches_t[w]) {
          c.reaches_t[w] = 1;
          queue.push_back(w);
        }
      }
    }
  }
  return c;
}

}  // namespace

Diagnosis Diagnose(const Instance& in) {
  Diagnosis d;
  const int ns = static_cast<int>(in.sources.size()), nt = static_cast<int>(in.targets.size());
  std::vector<int> source_component, target_component;
  Components(in, source_component, target_component);
  Coverage cov = MaxCoverage(in, Capacities(in));
  if (cov.flow < cov.demand) {
    // The deficient targets and their sources, by component.
    const auto cap = Capacities(in);
    std::map<int, Shortage> by_component;
    for (int j = 0; j < nt; ++j)
      if (cov.reaches_t[ns + j]) by_component[target_component[j]].targets.push_back(j);
    std::vector<char> in_x(nt, 0);
    for (auto& [c, sh] : by_component)
      for (int j : sh.targets) in_x[j] = 1;
    std::vector<char> listed(ns, 0);
    for (const Arc& a : in.arcs) {
      if (!in_x[a.target]) continue;
      Shortage& sh = by_component[target_component[a.target]];
      if (!listed[a.source]) {
        listed[a.source] = 1;
        sh.sources.push_back(a.source);
        if (cov.reaches_t[a.source]) sh.available += cap[a.source];
      }
      if (!cov.reaches_t[a.source]) sh.available += 1;
    }
    for (auto& [c, sh] : by_component) {
      for (int j : sh.targets) sh.needed += in.targets[j].demand;
      sh.shortfall = sh.needed - sh.available;
      std::sort(sh.sources.begin(), sh.sources.end());
      if (sh.shortfall > 0) d.shortages.push_back(std::move(sh));
    }

    // Fixes: first the targets with fewer eligible sources than they need,
    // then one unit of capacity at a time on the least loaded source that
    // can still take one of the short targets, else a new source.
    std::vector<int> degree(nt, 0);
    for (const Arc& a : in.arcs) ++degree[a.target];
    for (int j = 0; j < nt; ++j)
      if (degree[j] < in.targets[j].demand)
        d.fixes.push_back({Fix::kAddSource, j, in.targets[j].demand - degree[j]});
    for (int guard = 0; guard < 100000; ++guard) {
      Instance fixed = Apply(in, d.fixes);
      Coverage now = MaxCoverage(fixed, Capacities(fixed));
      if (now.flow >= now.demand) break;
      const auto fcap = Capacities(fixed);
      std::vector<int> fdegree(fixed.sources.size(), 0);
      for (const Arc& a : fixed.arcs) ++fdegree[a.source];
      int best = -1;
      for (int i = 0; i < ns; ++i) {
        if (!now.reaches_t[i] || fixed.sources[i].max >= fdegree[i]) continue;
        if (best < 0 || fcap[i] < fcap[best]) best = i;
      }
      if (best >= 0) {
        bool merged = false;
        for (Fix& f : d.fixes)
          if (f.kind == Fix::kRaiseMax && f.index == best) merged = (++f.amount, true);
        if (!merged) d.fixes.push_back({Fix::kRaiseMax, best, 1});
        continue;
      }
      // No eligible source can take more: a new one for a short target.
      int short_target = -1;
      for (int j = 0; j < nt && short_target < 0; ++j)
        if (now.got[j] < fixed.targets[j].demand) short_target = j;
      if (short_target < 0) break;
      d.fixes.push_back({Fix::kAddSource, short_target, 1});
    }
  }
  // Minimum loads: the most of them that can be met at once (a max flow with
  // each source's minimum as its capacity); the rest is lowered. A full
  // coverage grows from that flow by augmenting paths, which never take load
  // from a source, so the lowered minimums and the coverage hold together.
  Instance fixed = Apply(in, d.fixes);
  std::vector<int> mins(fixed.sources.size());
  const auto fcap = Capacities(fixed);
  for (size_t i = 0; i < mins.size(); ++i) mins[i] = std::min(fixed.sources[i].min, fcap[i]);
  Coverage most = MaxCoverage(fixed, mins);
  for (int i = 0; i < ns; ++i) {
    if (most.unit[i] < in.sources[i].min) {
      d.sources_below_min.push_back(i);
      d.fixes.push_back({Fix::kLowerMin, i, static_cast<int>(in.sources[i].min - most.unit[i])});
    }
  }
  return d;
}

}  // namespace sl::assign
