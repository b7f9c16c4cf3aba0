#pragma once
// Per-unit aggregates that the writes keep honest (figure_cache, figure_version):
// a unit is a town, or a region above town level for the records placed there
// (its path cut at town depth, db::TownPart). Every audited write bumps the
// version of the units it touched, in its own transaction (audit.cpp); an
// aggregate serves only while it carries its unit's stamp, so a report over a
// province reads one stored row per town and recomputes only the towns written
// since. The figures summary (figures/summary.cpp) and the compliance report
// (pairing/compliance.cpp) both keep theirs here, under keys of their own.

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/db.hpp"
#include "regions/regions.hpp"

namespace sl::store {

// Encoded aggregates by unit path.
using UnitBodies = std::unordered_map<std::string, std::string>;

// Computes the encoded aggregates of the units under `region` (its subtree,
// in the caller's read transaction). A unit with nothing may be left out.
using ComputeUnits = std::function<Result<UnitBodies>(db::Tx&, const regions::Region&)>;

struct CachedUnits {
  UnitBodies bodies;  // every unit of the place (province, city, county or town level)
  int64_t read = 0, computed = 0;
};

// The aggregates stored under `key` for every unit of `place` (a region at
// town level or above): those current are read, stale or missing ones
// computed — one pass over the place when many are, else unit by unit — and
// stored in a write transaction of their own. `empty` is the body of a unit
// with nothing.
Result<CachedUnits> LoadUnits(db::Database& db, const regions::Region& place,
                              const std::string& key, const std::string& empty,
                              const ComputeUnits& compute);

// Drops every stored aggregate; answers the keys that had some, in order.
Result<std::vector<std::string>> DropUnits(db::Database& db);

// The provinces, as places to rebuild from.
Result<std::vector<regions::Region>> Provinces(db::Database& db);

}  // namespace sl::store
