#include "pairing/rules.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace sl::pairing {

namespace {

bool Contains(std::string_view ancestor_path, std::string_view path) {
  return path.substr(0, ancestor_path.size()) == ancestor_path;
}

// The deepest valid rule containing `path` among those `key` accepts.
template <class Rule, class Key>
const Rule* Deepest(const std::vector<Rule>& rules, Key&& key, std::string_view path,
                    std::string_view date) {
  const Rule* best = nullptr;
  for (const Rule& r : rules) {
    if (!key(r) || !ValidOn(r.valid_from, r.valid_to, date) || !Contains(r.region_path, path))
      continue;
    // Deeper wins; on the same region the later start (the newer rule) wins.
    if (best == nullptr || r.region_path.size() > best->region_path.size() ||
        (r.region_path.size() == best->region_path.size() && r.valid_from > best->valid_from))
      best = &r;
  }
  return best;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string Date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

bool ValidOn(std::string_view from, const std::optional<std::string>& to, std::string_view date) {
  return from <= date && (!to || date < *to);
}

const CoverageRule* GoverningCoverage(const std::vector<CoverageRule>& rules, int level,
                                      std::string_view path, std::string_view date) {
  return Deepest(
      rules, [&](const CoverageRule& r) { return r.level == level; }, path, date);
}

const QuotaRule* GoverningQuota(const std::vector<QuotaRule>& rules, std::string_view source_filter,
                                std::string_view target_filter, std::string_view path,
                                std::string_view date) {
  return Deepest(
      rules,
      [&](const QuotaRule& r) {
        return r.source_filter == source_filter && r.target_filter == target_filter;
      },
      path, date);
}

Period PeriodOf(std::string_view kind, std::string_view date) {
  int y = 0, m = 0, d = 0;
  std::sscanf(std::string(date).c_str(), "%d-%d-%d", &y, &m, &d);
  if (kind == "month") return {Date(y, m, 1), m == 12 ? Date(y + 1, 1, 1) : Date(y, m + 1, 1)};
  if (kind == "quarter") {
    const int first = (m - 1) / 3 * 3 + 1;
    return {Date(y, first, 1), first == 10 ? Date(y + 1, 1, 1) : Date(y, first + 3, 1)};
  }
  return {Date(y, 1, 1), Date(y + 1, 1, 1)};
}

Coverage EvaluateCoverage(int level, const std::vector<Target>& targets,
                          const std::vector<Pairing>& pairings,
                          const std::vector<CoverageRule>& rules, std::string_view date) {
  std::map<std::pair<std::string, int64_t>, std::set<int64_t>> sources;
  for (const Pairing& p : pairings) {
    if (p.level != level || !ValidOn(p.valid_from, p.valid_to, date)) continue;
    sources[{p.target_kind, p.target_id}].insert(p.source);
  }
  Coverage out;
  out.level = level;
  for (size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    const CoverageRule* rule = GoverningCoverage(rules, level, t.region_path, date);
    if (rule == nullptr) continue;  // nothing asked of it: not judged
    ++out.targets;
    out.judged.push_back(i);
    const int min = rule->min_sources;
    const std::optional<int> max = rule->max_sources;
    auto hit = sources.find({t.kind, t.id});
    const int n = hit == sources.end() ? 0 : static_cast<int>(hit->second.size());
    if (n < min) {
      out.uncovered.push_back({t, n, min, max});
    } else {
      ++out.covered;
      if (max && n > *max) out.over.push_back({t, n, min, max});
    }
  }
  return out;
}

bool MatchesFilter(const std::set<std::string>& traits, std::string_view filter) {
  for (std::string_view w : Words(filter))
    if (!traits.count(std::string(w))) return false;
  return true;
}

std::vector<QuotaStatus> EvaluateQuotas(const std::vector<Source>& sources,
                                        const std::vector<Contact>& contacts,
                                        const std::vector<QuotaRule>& rules,
                                        std::string_view date) {
  // The rule keys; each source answers to the governing rule of every key it matches.
  std::set<std::pair<std::string, std::string>> keys;
  for (const QuotaRule& r : rules) keys.insert({r.source_filter, r.target_filter});
  std::map<int64_t, std::vector<const Contact*>> by_person;
  for (const Contact& c : contacts) by_person[c.person_id].push_back(&c);

  std::vector<QuotaStatus> out;
  for (const Source& s : sources) {
    for (const auto& [source_filter, target_filter] : keys) {
      if (!MatchesFilter(s.traits, source_filter)) continue;
      const QuotaRule* rule =
          GoverningQuota(rules, source_filter, target_filter, s.region_path, date);
      if (rule == nullptr || rule->min_contacts <= 0) continue;
      QuotaStatus q;
      q.rule_id = rule->id;
      q.source_filter = source_filter;
      q.target_filter = target_filter;
      q.period = rule->period;
      q.person = s;
      q.required = rule->min_contacts;
      q.window = PeriodOf(rule->period, date);
      std::set<Target> seen;
      for (const Contact* c : by_person[s.person_id]) {
        if (c->occurred_on < q.window.from || c->occurred_on > date) continue;
        if (!MatchesFilter(c->target_traits, target_filter)) continue;
        seen.insert(c->target);
      }
      q.actual = static_cast<int>(seen.size());
      q.missing = std::max(0, q.required - q.actual);
      out.push_back(std::move(q));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const QuotaStatus& a, const QuotaStatus& b) {
    return std::tie(b.missing, a.person.person_id, a.rule_id) <
           std::tie(a.missing, b.person.person_id, b.rule_id);
  });
  return out;
}

}  // namespace sl::pairing
