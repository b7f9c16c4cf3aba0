#include "store/unit_cache.hpp"

#include <algorithm>

#include "db/scope.hpp"

namespace sl::store {

namespace {

// Beyond this many stale units one pass over the whole place is cheaper than
// one computation per unit.
constexpr size_t kPerUnitLimit = 8;

// The last code of a unit's path ("43/4311/431127/" -> "431127").
std::string CodeOfUnit(std::string_view path) {
  path.remove_suffix(1);
  const size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// A unit's stamp: the sum of its version, its ancestors' and that of the
// records without a place. Versions only grow, so any write that can change
// the unit's aggregates changes its stamp.
int64_t Stamp(const std::unordered_map<std::string, int64_t>& versions, const std::string& path) {
  const auto of = [&](const std::string& p) {
    const auto it = versions.find(p);
    return it == versions.end() ? int64_t{0} : it->second;
  };
  int64_t stamp = of("");
  for (size_t at = path.find('/'); at != std::string::npos; at = path.find('/', at + 1))
    stamp += of(path.substr(0, at + 1));
  return stamp;
}

}  // namespace

Result<CachedUnits> LoadUnits(db::Database& db, const regions::Region& place,
                              const std::string& key, const std::string& empty,
                              const ComputeUnits& compute) {
  const std::string lo = place.path, hi = db::PrefixUpperBound(place.path);
  std::vector<std::string> expected, stale;
  std::unordered_map<std::string, int64_t> versions;
  CachedUnits out;
  UnitBodies fresh;
  {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
    // Versions first: an aggregate computed after them is tagged with a
    // stamp no newer than the data it saw. Those of the place's ancestors
    // and of records without a place ("") count for every unit below them.
    db::Params above{std::string()};
    std::string in = "?";
    for (size_t at = place.path.find('/'); at != std::string::npos && at + 1 < place.path.size();
         at = place.path.find('/', at + 1)) {
      above.push_back(place.path.substr(0, at + 1));
      in += ", ?";
    }
    above.push_back(lo);
    above.push_back(hi);
    SL_TRY(tx->ForEach("SELECT path, version FROM figure_version WHERE path IN (" + in +
                           ") OR (path >= ? AND path < ?)",
                       above, [&](const db::Row& r) -> Status {
                         versions[r.Str(0)] = r.Int(1);
                         return OkStatus();
                       }));
    SL_TRY(
        tx->ForEach("SELECT path FROM region WHERE path >= ? AND path < ? AND level IN "
                    "('province', 'city', 'county', 'town')",
                    {lo, hi}, [&](const db::Row& r) -> Status {
                      expected.push_back(r.Str(0));
                      return OkStatus();
                    }));
    SL_TRY(
        tx->ForEach("SELECT path, version, body FROM figure_cache WHERE period = ? AND path >= ? "
                    "AND path < ?",
                    {key, lo, hi}, [&](const db::Row& r) -> Status {
                      if (r.Int(1) == Stamp(versions, r.Str(0))) out.bodies[r.Str(0)] = r.Str(2);
                      return OkStatus();
                    }));
    for (const std::string& path : expected)
      if (!out.bodies.count(path)) stale.push_back(path);
    out.read = static_cast<int64_t>(out.bodies.size());
    if (stale.empty()) return out;
    if (stale.size() > kPerUnitLimit) {
      SL_ASSIGN_OR_RETURN(fresh, compute(*tx, place));
    } else {
      for (const std::string& path : stale) {
        regions::Region r;
        r.code = CodeOfUnit(path);
        r.level = std::string(regions::LevelOfCode(r.code));
        r.path = path;
        SL_ASSIGN_OR_RETURN(UnitBodies one, compute(*tx, r));
        if (auto it = one.find(path); it != one.end()) fresh[path] = std::move(it->second);
      }
    }
  }
  std::vector<db::Params> rows;
  for (const std::string& path : stale) {
    auto it = fresh.find(path);
    std::string body = it == fresh.end() ? empty : std::move(it->second);
    rows.push_back({key, path, Stamp(versions, path), body});
    out.bodies[path] = std::move(body);
  }
  out.computed = static_cast<int64_t>(stale.size());
  // Upserts, a few hundred rows a statement: two readers that computed the
  // same units store them one after the other, the later one winning.
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  constexpr size_t kRowsPerStatement = 200;
  for (size_t first = 0; first < rows.size(); first += kRowsPerStatement) {
    const size_t n = std::min(kRowsPerStatement, rows.size() - first);
    std::string sql = "INSERT INTO figure_cache (period, path, version, body) VALUES ";
    db::Params p;
    for (size_t i = 0; i < n; ++i) {
      sql += i ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)";
      p.insert(p.end(), rows[first + i].begin(), rows[first + i].end());
    }
    sql +=
        " ON CONFLICT (period, path) DO UPDATE SET version = excluded.version, body = "
        "excluded.body";
    SL_TRY(tx->Exec(sql, p));
  }
  SL_TRY(tx->Commit());
  return out;
}

Result<std::vector<std::string>> DropUnits(db::Database& db) {
  std::vector<std::string> keys;
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_TRY(tx->ForEach("SELECT DISTINCT period FROM figure_cache ORDER BY period", {},
                     [&](const db::Row& r) -> Status {
                       keys.push_back(r.Str(0));
                       return OkStatus();
                     }));
  SL_TRY(tx->Exec("DELETE FROM figure_cache"));
  SL_TRY(tx->Commit());
  return keys;
}

Result<std::vector<regions::Region>> Provinces(db::Database& db) {
  std::vector<regions::Region> out;
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_TRY(tx->ForEach("SELECT code, path FROM region WHERE level = 'province' ORDER BY code", {},
                     [&](const db::Row& r) -> Status {
                       regions::Region p;
                       p.code = r.Str(0);
                       p.path = r.Str(1);
                       p.level = "province";
                       out.push_back(std::move(p));
                       return OkStatus();
                     }));
  return out;
}

}  // namespace sl::store
