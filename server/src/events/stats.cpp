// The events' figures under a region for a period: events, person-times
// (present rows, 人次), distinct people (人) and unregistered head-counts, by
// group, by kind and (above a town) by town. Attendance is read from its own
// table alone, which carries each event's place, day and kind.

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "events/events.hpp"
#include "regions/regions.hpp"

namespace sl::events {

namespace {

// The range of region paths of a subtree and a period, as a condition on a
// table with region_path and starts_on.
struct Slice {
  std::string path, upper, from, to;
  std::string Sql(db::Params& p) const {
    p.insert(p.end(), {path, upper, from, to});
    return "region_path >= ? AND region_path < ? AND starts_on >= ? AND starts_on <= ?";
  }
};

// A set of people by id: a bit each, up to the largest id seen (a province's
// 1.5M people take 190 KB), so that distinct people are counted in one pass.
class PersonSet {
 public:
  void Add(int64_t id) {
    if (id < 0) return;
    const size_t word = static_cast<size_t>(id) >> 6;
    if (word >= bits_.size()) bits_.resize(std::max(word + 1, bits_.size() * 2));
    const uint64_t bit = uint64_t{1} << (id & 63);
    if (!(bits_[word] & bit)) {
      bits_[word] |= bit;
      ++count_;
    }
  }
  int64_t count() const { return count_; }

 private:
  std::vector<uint64_t> bits_;
  int64_t count_ = 0;
};

// Every town of a county, city or province, with its events and unregistered
// head-counts: the towns' paths all have one length (their codes do), so a
// prefix of that length names the town. `at`: town path -> index.
Status EventsByTown(db::Tx& tx, const Slice& s, std::map<std::string, size_t>& at,
                    EventStats& out) {
  SL_ASSIGN_OR_RETURN(auto towns, tx.Query("SELECT code, name, path FROM region WHERE path >= ? "
                                           "AND path < ? AND level = 'town' ORDER BY path",
                                           {s.path, s.upper}));
  std::set<size_t> lengths;
  for (const auto& r : towns) {
    at[r.Str(2)] = out.towns.size();
    lengths.insert(r.Str(2).size());
    out.towns.push_back({r.Str(0), r.Str(1), {}});
  }
  for (size_t length : lengths) {
    const std::string town = "SUBSTR(region_path, 1, " + std::to_string(length) + ")";
    db::Params p;
    const std::string where = s.Sql(p);
    SL_TRY(tx.ForEach("SELECT " + town +
                          ", COUNT(*), SUM(unregistered_count) FROM event WHERE deleted_at IS "
                          "NULL AND " +
                          where + " GROUP BY " + town,
                      p, [&](const db::Row& r) -> Status {
                        if (auto hit = at.find(r.Str(0)); hit != at.end()) {
                          out.towns[hit->second].figures.events = r.Int(1);
                          out.towns[hit->second].figures.unregistered = r.Int(2);
                        }
                        return OkStatus();
                      }));
  }
  return OkStatus();
}

}  // namespace

Result<EventStats> Stats(db::Tx& tx, const Caller& caller, const std::string& region,
                         const std::string& from_in, const std::string& to_in) {
  SL_TRY(tx.PlanEachRun());  // a report over a region of any size
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
  const bool by_town =
      place.level == "province" || place.level == "city" || place.level == "county";
  std::map<std::string, size_t> town_at;
  if (by_town) SL_TRY(EventsByTown(tx, s, town_at, out));

  // Attendance in one pass over its covering index, in region order: present
  // rows (人次) per kind and town, distinct people (人) per kind, group, town
  // and in all.
  std::vector<size_t> group_of(out.kinds.size());
  for (size_t k = 0; k < out.kinds.size(); ++k)
    for (size_t g = 0; g < Groups().size(); ++g)
      if (Groups()[g].id == out.kinds[k].group) group_of[k] = g;
  std::vector<PersonSet> kind_people(out.kinds.size()), group_people(Groups().size());
  PersonSet everyone;
  std::string town;  // the town of the rows being read
  EventFigures* town_figures = nullptr;
  std::unordered_set<int64_t> town_people;
  const auto close_town = [&] {
    if (town_figures) town_figures->people = static_cast<int64_t>(town_people.size());
    town_people.clear();
  };
  std::string last_kind;  // rows of one event come together: one lookup each
  std::optional<size_t> kind_index;
  {
    db::Params p;
    const std::string where = s.Sql(p);
    SL_TRY(tx.ForEach(
        "SELECT region_path, kind, person_id FROM event_attendance WHERE status = 'present' AND " +
            where + (by_town ? " ORDER BY region_path" : ""),
        p, [&](const db::Row& r) -> Status {
          const int64_t person = r.Int(2);
          std::string kind = r.Str(1);
          if (kind != last_kind) {
            auto hit = kind_at.find(kind);
            kind_index = hit == kind_at.end() ? std::nullopt : std::optional(hit->second);
            last_kind = std::move(kind);
          }
          if (kind_index) {
            ++out.kinds[*kind_index].figures.attendances;
            kind_people[*kind_index].Add(person);
            group_people[group_of[*kind_index]].Add(person);
          }
          ++out.totals.attendances;
          everyone.Add(person);
          if (!by_town) return OkStatus();
          const std::string path = r.Str(0);
          const std::string_view part = db::TownPart(path);
          if (part != town) {
            close_town();
            town = std::string(part);
            auto hit = town_at.find(town);
            town_figures = hit == town_at.end() ? nullptr : &out.towns[hit->second].figures;
          }
          if (town_figures) {
            ++town_figures->attendances;
            town_people.insert(person);
          }
          return OkStatus();
        }));
  }
  close_town();
  for (size_t k = 0; k < out.kinds.size(); ++k)
    out.kinds[k].figures.people = kind_people[k].count();

  // Groups and totals: events, person-times and head-counts add up; distinct
  // people do not (one person at two kinds of event is one person).
  for (size_t g = 0; g < Groups().size(); ++g) {
    EventStats::Group group{std::string(Groups()[g].id), {}};
    for (const std::string& code : group_kinds[group.group]) {
      const EventFigures& f = out.kinds[kind_at[code]].figures;
      group.figures.events += f.events;
      group.figures.attendances += f.attendances;
      group.figures.unregistered += f.unregistered;
    }
    group.figures.people = group_people[g].count();
    out.totals.events += group.figures.events;
    out.totals.unregistered += group.figures.unregistered;
    out.groups.push_back(std::move(group));
  }
  out.totals.people = everyone.count();
  return out;
}

}  // namespace sl::events
