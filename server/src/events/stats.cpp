// The events' figures under a region for a period: events, person-times
// (present rows, 人次), distinct people (人) and unregistered head-counts, by
// group, by kind and (above a town) by town. Attendance is read from its own
// table alone, which carries each event's place, day and kind.

#include <map>
#include <set>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "events/events.hpp"
#include "regions/regions.hpp"

namespace sl::events {

namespace {

// The range of region paths of a subtree, a period and (optionally) the kinds
// of one group, as a condition on a table with region_path and starts_on.
struct Slice {
  std::string path, upper, from, to;
  std::string Sql(db::Params& p, const std::vector<std::string>* kinds = nullptr,
                  const char* kind_column = "kind") const {
    p.insert(p.end(), {path, upper, from, to});
    std::string sql = "region_path >= ? AND region_path < ? AND starts_on >= ? AND starts_on <= ?";
    if (kinds)
      sql +=
          std::string(" AND ") + kind_column + " IN " + db::InList(kinds->begin(), kinds->end(), p);
    return sql;
  }
};

Result<int64_t> DistinctPeople(db::Tx& tx, const Slice& s,
                               const std::vector<std::string>* kinds = nullptr) {
  db::Params p;
  const std::string where = s.Sql(p, kinds);
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT COUNT(DISTINCT person_id) FROM "
                                            "event_attendance WHERE status = 'present' AND " +
                                                where,
                                            p));
  return row ? row->Int(0) : 0;
}

// Per town of a county, city or province: the towns' paths all have one
// length (their codes do), so a prefix of that length names the town.
Status ByTown(db::Tx& tx, const Slice& s, EventStats& out) {
  SL_ASSIGN_OR_RETURN(auto towns, tx.Query("SELECT code, name, path FROM region WHERE path >= ? "
                                           "AND path < ? AND level = 'town' ORDER BY path",
                                           {s.path, s.upper}));
  if (towns.empty()) return OkStatus();
  std::map<std::string, size_t> at;  // path -> index in out.towns
  std::set<size_t> lengths;
  for (const auto& r : towns) {
    at[r.Str(2)] = out.towns.size();
    lengths.insert(r.Str(2).size());
    out.towns.push_back({r.Str(0), r.Str(1), {}});
  }
  const auto town_of = [&](const std::string& prefix) -> EventFigures* {
    auto hit = at.find(prefix);
    return hit == at.end() ? nullptr : &out.towns[hit->second].figures;
  };
  for (size_t length : lengths) {
    const std::string town = "SUBSTR(region_path, 1, " + std::to_string(length) + ")";
    {
      db::Params p;
      const std::string where = s.Sql(p);
      SL_TRY(tx.ForEach("SELECT " + town +
                            ", COUNT(*), SUM(unregistered_count) FROM event WHERE deleted_at IS "
                            "NULL AND " +
                            where + " GROUP BY " + town,
                        p, [&](const db::Row& r) -> Status {
                          if (EventFigures* f = town_of(r.Str(0))) {
                            f->events = r.Int(1);
                            f->unregistered = r.Int(2);
                          }
                          return OkStatus();
                        }));
    }
    db::Params p;
    const std::string where = s.Sql(p);
    SL_TRY(tx.ForEach("SELECT " + town +
                          ", COUNT(*), COUNT(DISTINCT person_id) FROM event_attendance WHERE "
                          "status = 'present' AND " +
                          where + " GROUP BY " + town,
                      p, [&](const db::Row& r) -> Status {
                        if (EventFigures* f = town_of(r.Str(0))) {
                          f->attendances = r.Int(1);
                          f->people = r.Int(2);
                        }
                        return OkStatus();
                      }));
  }
  return OkStatus();
}

}  // namespace

Result<EventStats> Stats(db::Tx& tx, const Caller& caller, const std::string& region,
                         const std::string& from_in, const std::string& to_in) {
  if (region.empty()) return Error::BadRequest("bad_query", {"region"});
  SL_ASSIGN_OR_RETURN(regions::Region place, regions::Get(tx, caller.view, region));
  // A caller who sees only part of the subtree does not get its figures.
  if (!caller.view.Covers(Scope::Subtree(place.path))) return Error::Forbidden("out_of_scope");
  // The year of whichever end is given, or this year.
  const std::string year = (!from_in.empty() ? from_in
                            : !to_in.empty() ? to_in
                                             : TodayInChina())
                               .substr(0, 4);
  const Slice s{place.path, db::PrefixUpperBound(place.path),
                from_in.empty() ? year + "-01-01" : from_in,
                to_in.empty() ? year + "-12-31" : to_in};
  if (s.to < s.from) return Error::BadRequest("bad_query", {"to"});

  EventStats out;
  out.region_code = place.code;
  out.region_name = place.name;
  out.region_level = place.level;
  out.from = s.from;
  out.to = s.to;

  // Every kind, so that a kind with nothing shows a zero; by group.
  SL_ASSIGN_OR_RETURN(auto kinds, ListEventKinds(tx));
  std::map<std::string, size_t> kind_at;
  std::map<std::string, std::vector<std::string>> group_kinds;
  for (const EventKind& k : kinds) {
    kind_at[k.code] = out.kinds.size();
    out.kinds.push_back({k.code, k.group, {}});
    group_kinds[k.group].push_back(k.code);
  }
  {
    db::Params p;
    const std::string where = s.Sql(p);
    SL_TRY(
        tx.ForEach("SELECT kind, COUNT(*), SUM(unregistered_count) FROM event WHERE "
                   "deleted_at IS NULL AND " +
                       where + " GROUP BY kind",
                   p, [&](const db::Row& r) -> Status {
                     auto hit = kind_at.find(r.Str(0));
                     if (hit == kind_at.end()) return OkStatus();
                     EventFigures& f = out.kinds[hit->second].figures;
                     f.events = r.Int(1);
                     f.unregistered = r.Int(2);
                     return OkStatus();
                   }));
  }
  {
    db::Params p;
    const std::string where = s.Sql(p);
    SL_TRY(
        tx.ForEach("SELECT kind, COUNT(*), COUNT(DISTINCT person_id) FROM event_attendance "
                   "WHERE status = 'present' AND " +
                       where + " GROUP BY kind",
                   p, [&](const db::Row& r) -> Status {
                     auto hit = kind_at.find(r.Str(0));
                     if (hit == kind_at.end()) return OkStatus();
                     EventFigures& f = out.kinds[hit->second].figures;
                     f.attendances = r.Int(1);
                     f.people = r.Int(2);
                     return OkStatus();
                   }));
  }
  // Groups and totals: events and person-times add up; distinct people do
  // not (one person at two kinds of event is one person), so they are counted.
  for (const Choice& g : Groups()) {
    EventStats::Group group{std::string(g.id), {}};
    const auto& codes = group_kinds[group.group];
    for (const std::string& code : codes) {
      const EventFigures& f = out.kinds[kind_at[code]].figures;
      group.figures.events += f.events;
      group.figures.attendances += f.attendances;
      group.figures.unregistered += f.unregistered;
    }
    if (group.figures.attendances > 0) {
      SL_ASSIGN_OR_RETURN(group.figures.people, DistinctPeople(tx, s, &codes));
    }
    out.totals.events += group.figures.events;
    out.totals.attendances += group.figures.attendances;
    out.totals.unregistered += group.figures.unregistered;
    out.groups.push_back(std::move(group));
  }
  if (out.totals.attendances > 0) {
    SL_ASSIGN_OR_RETURN(out.totals.people, DistinctPeople(tx, s));
  }
  if (place.level == "province" || place.level == "city" || place.level == "county")
    SL_TRY(ByTown(tx, s, out));
  return out;
}

}  // namespace sl::events
