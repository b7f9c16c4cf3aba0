#include "assign/answer.hpp"

#include <cstring>
#include <limits>
#include <set>

namespace sl::assign {

namespace {

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

// The items a plan has one of per pair (assignments, explanations, kept
// pairs: 60,000 each for a province) are written as text directly
// (JsonTextFields, core/json.hpp); a tree per item was a quarter of a
// province's plan.
// "match", "mismatch", or none (not level 6, or the cadre names no sector).
std::optional<std::string> IndustryName(const std::optional<Industry>& fit) {
  if (!fit || *fit == Industry::kNone) return std::nullopt;
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
  void Add(const Json& item) { AddText(item.dump()); }
  void AddText(std::string_view one) {
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

// A solved problem as the answer speaks of it: people, targets and pairings
// by index, and per target the pairs of the instance and those chosen.
class Solved {
 public:
  Solved(const Problem& p, const Solution& s)
      : p(p), s(s), planned(p.targets.size()), arcs_of(p.targets.size()) {
    for (size_t a = 0; a < p.instance.arcs.size(); ++a) {
      const Arc& arc = p.instance.arcs[a];
      arcs_of[arc.target].push_back(static_cast<int>(a));
      if (s.chosen[a]) planned[arc.target].push_back(arc.source);
    }
  }
  Json Target(int64_t j) const { return pairing::ToJson(p.targets[j]); }
  Json Person(int64_t i) const { return {{"id", p.sources[i].id}, {"name", p.sources[i].name}}; }
  Json PairingId(int64_t i, int64_t j) const {
    auto hit = p.pairing_of.find({static_cast<int>(i), static_cast<int>(j)});
    return hit == p.pairing_of.end() ? Json() : Json(hit->second);
  }
  // The same as text.
  auto PersonText(int64_t i) const {
    return [this, i](std::string& out) {
      JsonTextFields f(out);
      f("id", p.sources[i].id)("name", p.sources[i].name);
    };
  }
  std::optional<int64_t> PairingIdOf(int64_t i, int64_t j) const {
    auto hit = p.pairing_of.find({static_cast<int>(i), static_cast<int>(j)});
    if (hit == p.pairing_of.end()) return std::nullopt;
    return hit->second;
  }
  Json Max(int i) const {
    const int max = p.instance.sources[i].max;
    return max == std::numeric_limits<int>::max() ? Json() : Json(max);
  }

  const Problem& p;
  const Solution& s;
  std::vector<std::vector<int>> planned, arcs_of;
};

// Why arc `a` was chosen: its distance, sector, whether it is kept and the
// load; and the cheapest other eligible source, for the reader's comparison.
void ExplanationText(std::string& out, const Solved& v, int a) {
  const Problem& p = v.p;
  const Arc& arc = p.instance.arcs[a];
  int best = -1;
  for (int b : v.arcs_of[arc.target]) {
    if (b == a || v.s.chosen[b]) continue;
    if (best < 0 || p.instance.arcs[b].cost < p.instance.arcs[best].cost) best = b;
  }
  const auto alternative = [&](std::string& o) {
    if (best < 0) {
      o += "null";
      return;
    }
    const int k = p.instance.arcs[best].source;
    JsonTextFields f(o);
    f("distance", TierName(p.arc_tier[best]))("extra", p.instance.arcs[best].cost - arc.cost)(
        "industry", IndustryName(p.arc_industry[best]))("kept", p.arc_existing[best] != 0)(
        "load", v.s.load[k])("source", v.PersonText(k));
  };
  JsonTextFields f(out);
  f("alternative", alternative)("cost", arc.cost)("distance", TierName(p.arc_tier[a]))(
      "industry", IndustryName(p.arc_industry[a]))("kept", p.arc_existing[a] != 0)(
      "load", v.s.load[arc.source])("source", p.sources[arc.source].id)(
      "target", p.targets[arc.target].id)("target_kind", p.targets[arc.target].kind);
}

// The chosen pairs and, in the same order, their explanations.
std::pair<std::string, std::string> Assignments(const Solved& v) {
  size_t chosen = 0;
  for (const auto& t : v.planned) chosen += t.size();
  ArrayText assignments(chosen), explanations(chosen);
  std::string item;
  for (size_t j = 0; j < v.arcs_of.size(); ++j) {
    for (int a : v.arcs_of[j]) {
      if (!v.s.chosen[a]) continue;
      const int i = v.p.instance.arcs[a].source;
      item.clear();
      {
        JsonTextFields f(item);
        f("kept", v.p.arc_existing[a] != 0)("pairing", v.PairingIdOf(i, static_cast<int64_t>(j)))(
            "source", v.PersonText(i))("target", v.p.targets[j]);
      }
      assignments.AddText(item);
      item.clear();
      ExplanationText(item, v, a);
      explanations.AddText(item);
    }
  }
  return {assignments.Take(), explanations.Take()};
}

// What changes against today's pairs, and how many of each; `summary` gets
// the changes but the kept pairs (a plan's summary: few).
std::string ChangesText(const Solved& v, Json& counts, Json& summary) {
  const Changes changes = Diff(v.p.current, v.planned);
  ArrayText kept(changes.kept.size()), moved(changes.moved.size()), added(changes.added.size()),
      ended(changes.ended.size());
  std::string item;
  for (const auto& c : changes.kept) {
    item.clear();
    {
      JsonTextFields f(item);
      f("pairing", v.PairingIdOf(c.to, c.target))("source", v.PersonText(c.to))(
          "target", v.p.targets[c.target]);
    }
    kept.AddText(item);
  }
  summary = {{"moved", Json::array()}, {"new", Json::array()}, {"ended", Json::array()}};
  const auto add = [&](ArrayText& list, const char* key, Json item) {
    list.Add(item);
    summary[key].push_back(std::move(item));
  };
  for (const auto& c : changes.moved)
    add(moved, "moved",
        {{"target", v.Target(c.target)},
         {"from", v.Person(c.from)},
         {"to", v.Person(c.to)},
         {"pairing", v.PairingId(c.from, c.target)}});
  for (const auto& c : changes.added)
    add(added, "new", {{"target", v.Target(c.target)}, {"source", v.Person(c.to)}});
  for (const auto& c : changes.ended)
    add(ended, "ended",
        {{"target", v.Target(c.target)},
         {"source", v.Person(c.from)},
         {"pairing", v.PairingId(c.from, c.target)}});
  counts = {{"kept", kept.size()},
            {"moved", moved.size()},
            {"new", added.size()},
            {"ended", ended.size()}};
  return Compose(Json::object(), {{"kept", kept.Take()},
                                  {"moved", moved.Take()},
                                  {"new", added.Take()},
                                  {"ended", ended.Take()}});
}

// Each source's load against its bounds.
std::string SourcesText(const Solved& v) {
  ArrayText sources(v.p.sources.size());
  for (size_t i = 0; i < v.p.sources.size(); ++i) {
    const int n = static_cast<int>(i);
    sources.Add({{"person", v.Person(n)},
                 {"eligible", v.p.sources[i].eligible},
                 {"load", v.s.load[i]},
                 {"min", v.p.instance.sources[i].min},
                 {"max", v.Max(n)}});
  }
  return sources.Take();
}

Json FixJson(const Solved& v, const Fix& f) {
  const auto& caps = v.p.instance.sources;
  switch (f.kind) {
    case Fix::kRaiseMax:
      return {{"kind", "raise_max"},
              {"person", v.Person(f.index)},
              {"max", caps[f.index].max + f.amount},
              {"amount", f.amount}};
    case Fix::kAddSource:
      return {{"kind", "add_source"}, {"target", v.Target(f.index)}, {"amount", f.amount}};
    case Fix::kLowerMin:
      break;
  }
  return {{"kind", "lower_min"},
          {"person", v.Person(f.index)},
          {"min", caps[f.index].min - f.amount},
          {"amount", f.amount}};
}

// Why no plan meets the rules: the smallest groups of targets short of
// sources, who could cover them, and what would fix it.
Json DiagnosisJson(const Solved& v) {
  const Problem& p = v.p;
  Diagnosis d = Diagnose(p.instance);
  Json shortages = Json::array(), fixes = Json::array(), below = Json::array();
  for (const auto& sh : d.shortages) {
    Json ts = Json::array(), ss = Json::array();
    for (int j : sh.targets)
      ts.push_back({{"target", v.Target(j)},
                    {"demand", p.instance.targets[j].demand},
                    {"covered", v.s.covered[j]}});
    for (int i : sh.sources)
      ss.push_back({{"person", v.Person(i)}, {"load", v.s.load[i]}, {"max", v.Max(i)}});
    shortages.push_back({{"targets", std::move(ts)},
                         {"sources", std::move(ss)},
                         {"needed", sh.needed},
                         {"available", sh.available},
                         {"shortfall", sh.shortfall}});
  }
  for (const auto& f : d.fixes) fixes.push_back(FixJson(v, f));
  for (int i : d.sources_below_min) below.push_back(v.Person(i));
  int64_t uncovered = 0;
  for (size_t j = 0; j < p.targets.size(); ++j)
    uncovered += p.instance.targets[j].demand - v.s.covered[j];
  return {{"shortages", std::move(shortages)},
          {"below_min", std::move(below)},
          {"fixes", std::move(fixes)},
          {"uncovered", uncovered}};
}

}  // namespace

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

std::string WithRecord(std::string text, int64_t id, const std::string& created_at,
                       const std::optional<std::string>& applied_at, Json applied) {
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

std::string Answer(const Problem& p, const PlanOptions& o, const Solution& s, int64_t solve_us,
                   Json* summary) {
  const Solved v(p, s);
  auto [assignments, explanations] = Assignments(v);
  Json counts, few;
  std::string changes = ChangesText(v, counts, few);
  Json head = {
      {"level", o.level},
      {"region", {{"code", p.region.code}, {"name", p.region.name}}},
      {"date", o.date},
      {"status", s.feasible ? "optimal" : "infeasible"},
      {"cost", s.cost},
      {"options", PlanOptionsJson(o)},
      {"counts", counts},
      {"stats",
       {{"sources", p.sources.size()},
        {"targets", p.targets.size()},
        {"arcs", p.eligible_pairs},
        {"arcs_solved", p.instance.arcs.size()},
        // Groups with targets: a person left out (no eligible target) is no
        // group of the plan.
        {"components", std::set<int>(s.target_component.begin(), s.target_component.end()).size()},
        {"not_judged", p.not_judged},
        {"solve_ms", static_cast<double>(solve_us) / 1000.0}}}};
  if (!s.feasible) head["diagnosis"] = DiagnosisJson(v);
  if (summary) {
    *summary = head;
    (*summary)["changes"] = std::move(few);
  }
  return Compose(head, {{"sources", SourcesText(v)},
                        {"assignments", std::move(assignments)},
                        {"changes", std::move(changes)},
                        {"explanations", std::move(explanations)}});
}

}  // namespace sl::assign
