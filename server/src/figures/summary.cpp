// A region's figures for a period: above a village, the sum of its units'
// aggregates (store/unit_cache.hpp: valid while they carry their unit's
// current version, which every audited write bumps); stale or missing
// aggregates are computed from the ledgers and stored. A village (and the breakdown of a town into
// villages) is computed from the ledgers directly: it is small.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "figures/figures.hpp"
#include "pairing/pairing.hpp"
#include "regions/regions.hpp"
#include "store/subtree.hpp"
#include "store/unit_cache.hpp"
#include "text/phrase.hpp"

namespace sl::figures {

namespace {

using Units = std::unordered_map<std::string, Values>;

bool AboveVillage(const std::string& level) {
  return level == "province" || level == "city" || level == "county" || level == "town";
}

std::string Encode(const Values& v) {
  std::string out;
  for (const auto& [code, value] : v)
    out.append(code).append("=").append(std::to_string(value)).append(";");
  return out;
}

// Adds an encoded unit's values to `into`, without a map of its own: a
// province's summary adds up two thousand of them.
void AddBody(Values& into, std::string_view body) {
  while (!body.empty()) {
    const size_t end = body.find(';');
    const std::string_view item = body.substr(0, end);
    if (const size_t eq = item.find('='); eq != std::string_view::npos) {
      int64_t value = 0;
      const std::string_view digits = item.substr(eq + 1);
      std::from_chars(digits.data(), digits.data() + digits.size(), value);
      const std::string_view code = item.substr(0, eq);
      if (auto it = into.find(code); it != into.end())
        it->second += value;
      else
        into.emplace(std::string(code), value);
    }
    if (end == std::string_view::npos) break;
    body.remove_prefix(end + 1);
  }
}

void AddTo(Values& into, const Values& from) {
  for (const auto& [code, value] : from) into[code] += value;
}

struct Period {
  std::string from, to, as_of;
  std::string Key() const { return from + ".." + to + "@" + as_of; }
};

Result<Period> PeriodOf(const std::string& from_in, const std::string& to_in) {
  const std::string year = (!from_in.empty() ? from_in
                            : !to_in.empty() ? to_in
                                             : TodayInChina())
                               .substr(0, 4);
  Period p{from_in.empty() ? year + "-01-01" : from_in, to_in.empty() ? year + "-12-31" : to_in,
           ""};
  if (p.to < p.from) return Error::BadRequest("bad_query", {"to"});
  p.as_of = std::min(p.to, TodayInChina());
  if (p.as_of < p.from) p.as_of = p.to;  // a period wholly to come: its states at its end
  return p;
}

Span SpanOf(const regions::Region& r, const Period& p, size_t key_length) {
  return {r.code, r.level, r.path, db::PrefixUpperBound(r.path), key_length, p.from, p.to, p.as_of};
}

// The units of a region above village level, with their aggregates: read,
// and those stale or missing computed and stored. Answers each unit's
// encoded values.
Result<store::UnitBodies> UnitsOf(db::Database& db, const regions::Region& place,
                                  const Period& period, Summary& out) {
  SL_ASSIGN_OR_RETURN(
      store::CachedUnits units,
      store::LoadUnits(db, place, period.Key(), std::string(),
                       [&](db::Tx& tx, const regions::Region& r) -> Result<store::UnitBodies> {
                         SL_ASSIGN_OR_RETURN(Units values,
                                             Compute(tx, SpanOf(r, period, kTownKeyLength)));
                         store::UnitBodies bodies;
                         for (const auto& [path, v] : values) bodies[path] = Encode(v);
                         return bodies;
                       }));
  out.units_read = units.read;
  out.units_computed = units.computed;
  return std::move(units.bodies);
}

Result<Summary> SummarizeWith(db::Database& db, const Caller& caller, const std::string& code,
                              const std::string& from, const std::string& to, bool by_child,
                              bool cached) {
  SL_ASSIGN_OR_RETURN(Period period, PeriodOf(from, to));
  store::Subtree s;
  {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
    SL_ASSIGN_OR_RETURN(s, store::Subtree::Of(*tx, caller, code, by_child));
  }
  Summary out;
  out.region = store::PlaceJson(s.place);
  out.from = period.from;
  out.to = period.to;
  out.as_of = period.as_of;
  if (by_child) out.children.emplace();
  for (const auto& c : s.children) out.children->push_back({store::PlaceJson(c), {}});
  const bool above_village = AboveVillage(s.place.level);
  if (above_village) {
    const auto child_of = [&](const std::string& path) {
      return s.place.level == "town" ? -1 : s.ChildOf(path);
    };
    if (cached) {
      SL_ASSIGN_OR_RETURN(store::UnitBodies units, UnitsOf(db, s.place, period, out));
      for (const auto& [path, body] : units) {
        AddBody(out.whole, body);
        if (int child = child_of(path); child >= 0) AddBody((*out.children)[child].values, body);
      }
    } else {
      SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
      SL_ASSIGN_OR_RETURN(Units units, Compute(*tx, SpanOf(s.place, period, kTownKeyLength)));
      for (const auto& [path, values] : units) {
        AddTo(out.whole, values);
        if (int child = child_of(path); child >= 0) AddTo((*out.children)[child].values, values);
      }
    }
  }
  // A village, or a town's villages: from the ledgers, one pass per length of
  // the children's paths.
  if (!above_village || (by_child && s.place.level == "town")) {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
    if (!above_village) {
      SL_ASSIGN_OR_RETURN(Units whole, Compute(*tx, SpanOf(s.place, period, s.place.path.size())));
      for (const auto& [path, values] : whole) AddTo(out.whole, values);
    }
    std::set<size_t> lengths;
    for (const auto& c : s.children) lengths.insert(c.path.size());
    for (size_t length : lengths) {
      SL_ASSIGN_OR_RETURN(Units parts, Compute(*tx, SpanOf(s.place, period, length)));
      for (const auto& [path, values] : parts)
        if (int child = s.ChildOf(path); child >= 0) AddTo((*out.children)[child].values, values);
    }
  }
  return out;
}

}  // namespace

// Which permission shows the figures of a ledger.
bool MaySee(const Caller& caller, const std::string& ledger) {
  static const std::map<std::string, std::string, std::less<>> kNeeds = {
      {"chamber", "memberships.read"}, {"people", "people.read"},
      {"groups", "people.read"},       {"pairing", "pairing.read"},
      {"coverage", "compliance.read"}, {"quota", "compliance.read"},
      {"contacts", "contacts.read"},   {"events", "events.read"},
      {"projects", "projects.read"},   {"land", "land.read"},
      {"income", "income.read"},       {"requests", "requests.read"}};
  const auto it = kNeeds.find(ledger);
  if (it == kNeeds.end() || !caller.Can(it->second)) return false;
  // The chamber reads its members' requests only, not a region's.
  return ledger != "requests" || !caller.Can("requests.members");
}

Values VisibleTo(const Caller& caller, const std::vector<Definition>& catalog, const Values& v) {
  std::map<std::string_view, const Definition*> by_code;
  for (const auto& d : catalog) by_code[d.code] = &d;
  Values out;
  for (const auto& [code, value] : v)
    if (auto it = by_code.find(code); it != by_code.end() && MaySee(caller, it->second->ledger))
      out.emplace(code, value);
  return out;
}

Result<Summary> Summarize(db::Database& db, const Caller& caller, const std::string& code,
                          const std::string& from, const std::string& to, bool by_child) {
  return SummarizeWith(db, caller, code, from, to, by_child, true);
}

Result<Summary> SummarizeFresh(db::Database& db, const Caller& caller, const std::string& code,
                               const std::string& from, const std::string& to, bool by_child) {
  return SummarizeWith(db, caller, code, from, to, by_child, false);
}

std::optional<double> ValueOf(const Definition& d, const Values& values,
                              const std::vector<Definition>& catalog) {
  const auto scaled = [&](const std::string& code) -> std::optional<double> {
    const auto it = values.find(code);
    if (it == values.end()) return std::nullopt;
    int scale = 0;
    for (const auto& c : catalog)
      if (c.code == code) scale = c.scale;
    return static_cast<double>(it->second) / std::pow(10.0, scale);
  };
  if (d.numerator.empty()) return scaled(d.code);
  const auto num = scaled(d.numerator), den = scaled(d.denominator);
  if (!den || *den == 0) return std::nullopt;
  return std::round(1000.0 * num.value_or(0) / *den) / 10.0;
}

Json FiguresJson(const std::vector<Definition>& catalog, const Values& values, Lang lang) {
  Json out = Json::array();
  for (const Definition& d : catalog) {
    const auto v = ValueOf(d, values, catalog);
    if (!v) continue;
    const bool whole = *v == std::floor(*v) && std::fabs(*v) < 1e15;
    out.push_back({{"code", d.code},
                   {"name", d.Name(lang)},
                   {"unit", d.Unit(lang)},
                   {"value", whole ? Json(static_cast<int64_t>(*v)) : Json(*v)},
                   {"section", d.section},
                   {"phrase", d.unit_zh == "%"
                                  ? text::PhraseFigure(*v, "%", text::Precision::kExact)
                                  : text::PhraseFigure(*v, d.unit_zh,
                                                       d.approximate ? text::Precision::kApproximate
                                                                     : text::Precision::kExact)}});
  }
  return out;
}

Result<int64_t> Rebuild(db::Database& db) {
  SL_ASSIGN_OR_RETURN(auto keys, store::DropUnits(db));
  SL_ASSIGN_OR_RETURN(auto roots, store::Provinces(db));
  int64_t stored = 0;
  for (const std::string& key : keys) {
    if (key.rfind(pairing::kComplianceKey, 0) == 0) {
      const std::string date = key.substr(std::string_view(pairing::kComplianceKey).size());
      for (const auto& root : roots) {
        SL_ASSIGN_OR_RETURN(int64_t n, pairing::StoreCompliance(db, root, date));
        stored += n;
      }
      continue;
    }
    // "from..to@as_of"
    const size_t dots = key.find(".."), at = key.find('@');
    if (dots == std::string::npos || at == std::string::npos) continue;
    Period period{key.substr(0, dots), key.substr(dots + 2, at - dots - 2), key.substr(at + 1)};
    for (const auto& root : roots) {
      Summary out;
      SL_ASSIGN_OR_RETURN(store::UnitBodies units, UnitsOf(db, root, period, out));
      (void)units;
      stored += out.units_computed;
    }
  }
  return stored;
}

Result<Response> HandleSummary(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string from, QueryDate(r, "from"));
  SL_ASSIGN_OR_RETURN(std::string to, QueryDate(r, "to"));
  const std::string by = QueryText(r, "by");
  if (!by.empty() && by != "child") return Error::BadRequest("bad_query", {"by"});
  SL_ASSIGN_OR_RETURN(Summary s,
                      Summarize(db, *r.caller, QueryText(r, "region"), from, to, by == "child"));
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(auto catalog, Catalog(*tx));
  const Lang lang = r.lang;
  Json out = {{"region", s.region},
              {"from", s.from},
              {"to", s.to},
              {"as_of", s.as_of},
              {"aggregates", {{"read", s.units_read}, {"computed", s.units_computed}}},
              {"figures", FiguresJson(catalog, VisibleTo(*r.caller, catalog, s.whole), lang)}};
  if (s.children) {
    Json children = Json::array();
    for (const auto& c : *s.children)
      children.push_back(
          {{"region", c.region},
           {"figures", FiguresJson(catalog, VisibleTo(*r.caller, catalog, c.values), lang)}});
    out["children"] = std::move(children);
  }
  return Response::Ok(std::move(out));
}

Result<Response> HandleCatalog(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(auto catalog, Catalog(*tx));
  Json out = Json::array();
  for (const Definition& d : catalog) {
    if (!MaySee(*r.caller, d.ledger)) continue;
    static constexpr const char* kRollups[] = {"sum", "latest", "distinct"};
    Json j = {{"code", d.code},
              {"section", d.section},
              {"ledger", d.ledger},
              {"name", d.Name(r.lang)},
              {"unit", d.Unit(r.lang)},
              {"rollup", kRollups[static_cast<int>(d.rollup)]},
              {"approximate", d.approximate},
              {"query", d.query}};
    out.push_back(std::move(j));
  }
  return Response::Ok({{"figures", std::move(out)}});
}

}  // namespace sl::figures
