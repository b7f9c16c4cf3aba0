// The figures of land and of the collectives for a region subtree and a
// year: each read from one ledger table by its place (payments, receipts,
// manual income), each row added to the whole and to its child region.

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "land/land.hpp"
#include "store/subtree.hpp"

namespace sl::land {

namespace {

int YearOr(int year) { return year ? year : std::stoi(TodayInChina().substr(0, 4)); }

using Sums = std::map<std::string, int64_t, std::less<>>;  // source -> fen

BySource Ordered(const Sums& sums) {
  BySource out;
  for (const auto& s : IncomeSources())
    if (auto it = sums.find(s.id); it != sums.end() && it->second != 0) {
      out.amounts.emplace_back(std::string(s.id), it->second);
      out.total += it->second;
    }
  return out;
}

}  // namespace

Result<IncomeStats> IncomeFigures(db::Tx& tx, const Caller& caller, const std::string& region,
                                  int year_in, bool by_child) {
  SL_TRY(tx.PlanEachRun());  // a report over a region of any size
  SL_ASSIGN_OR_RETURN(store::Subtree s, store::Subtree::Of(tx, caller, region, by_child));
  const int year = YearOr(year_in);
  const std::string first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  Sums whole;
  std::vector<Sums> parts(s.children.size());
  struct Org {
    Ref ref;
    RegionRef region;
    Sums sums;
  };
  std::unordered_map<int64_t, Org> orgs;
  const auto add = [&](int64_t org, const std::string& path, const std::string& source,
                       int64_t amount) {
    whole[source] += amount;
    if (int child = s.ChildOf(path); child >= 0) parts[child][source] += amount;
    orgs[org].sums[source] += amount;
  };
  // Rent received in the year by a collective.
  {
    db::Params p;
    const std::string range = s.Range("region_path", p);
    p.push_back(first);
    p.push_back(last);
    SL_TRY(tx.ForEach("SELECT collective_org_id, region_path, amount_fen FROM land_receipt WHERE " +
                          range +
                          " AND received_on >= ? AND received_on <= ? AND collective_org_id IS "
                          "NOT NULL",
                      p, [&](const db::Row& r) -> Status {
                        add(r.Int(0), r.Str(1), "rent", r.Int(2));
                        return OkStatus();
                      }));
  }
  // The entries made by hand.
  {
    db::Params p;
    const std::string range = s.Range("region_path", p);
    p.push_back(int64_t{year});
    SL_TRY(
        tx.ForEach("SELECT organization_id, region_path, source, amount_fen FROM "
                   "collective_income WHERE " +
                       range + " AND year = ? AND deleted_at IS NULL",
                   p, [&](const db::Row& r) -> Status {
                     add(r.Int(0), r.Str(1), r.Str(2), r.Int(3));
                     return OkStatus();
                   }));
  }
  // The collectives' names and places.
  std::vector<int64_t> ids;
  for (const auto& [id, o] : orgs) ids.push_back(id);
  for (size_t at = 0; at < ids.size(); at += 500) {
    db::Params p;
    const auto end = ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), at + 500));
    const std::string in = db::InList(ids.begin() + static_cast<std::ptrdiff_t>(at), end, p);
    SL_TRY(
        tx.ForEach("SELECT o.id, o.name, r.id, r.code, r.name, r.path FROM organization o JOIN "
                   "region r ON r.id = o.region_id WHERE o.id IN " +
                       in,
                   p, [&](const db::Row& r) -> Status {
                     Org& o = orgs[r.Int(0)];
                     o.ref = {r.Int(0), r.Str(1)};
                     o.region = {r.Int(2), r.Str(3), r.Str(4), r.Str(5)};
                     return OkStatus();
                   }));
  }
  IncomeStats out;
  out.region = store::PlaceJson(s.place);
  out.year = year;
  out.whole = Ordered(whole);
  for (const auto& [id, o] : orgs) out.collectives.push_back({o.ref, o.region, Ordered(o.sums)});
  std::sort(out.collectives.begin(), out.collectives.end(),
            [](const IncomeStats::Collective& a, const IncomeStats::Collective& b) {
              if (a.income.total != b.income.total) return a.income.total > b.income.total;
              return a.region.code < b.region.code;
            });
  if (by_child) {
    out.children.emplace();
    for (size_t i = 0; i < s.children.size(); ++i)
      out.children->push_back({store::PlaceJson(s.children[i]), Ordered(parts[i])});
  }
  return out;
}

Result<LandStats> Figures(db::Tx& tx, const Caller& caller, const std::string& region, int year_in,
                          bool by_child) {
  SL_TRY(tx.PlanEachRun());  // a report over a region of any size
  SL_ASSIGN_OR_RETURN(store::Subtree s, store::Subtree::Of(tx, caller, region, by_child));
  const int year = YearOr(year_in);
  const std::string first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  const std::string today = TodayInChina();
  // What is overdue is judged on the year's last day, or today within the year.
  const std::string judged = std::min(last, today);
  LandFigures whole;
  std::vector<LandFigures> parts(s.children.size());
  struct Types {
    std::map<std::string, std::pair<int64_t, int64_t>> by;  // contracts, area
  };
  Types whole_types;
  std::vector<Types> part_types(s.children.size());
  const auto each = [&](const std::string& path, auto&& fn) {
    fn(whole);
    if (int child = s.ChildOf(path); child >= 0) fn(parts[child]);
  };
  // Contracts in force some day of the year.
  {
    db::Params p;
    const std::string range = s.Range("region_path", p);
    p.push_back(first);
    p.push_back(last);
    SL_TRY(
        tx.ForEach("SELECT region_path, land_type, area_hundredths, jobs FROM land_contract "
                   "WHERE " +
                       range + " AND ends_on >= ? AND starts_on <= ? AND deleted_at IS NULL",
                   p, [&](const db::Row& r) -> Status {
                     const std::string path = r.Str(0), type = r.Str(1);
                     const int64_t area = r.Int(2), jobs = r.Int(3);
                     each(path, [&](LandFigures& f) {
                       ++f.contracts;
                       f.area_hundredths += area;
                       f.jobs += jobs;
                     });
                     auto& t = whole_types.by[type];
                     ++t.first;
                     t.second += area;
                     if (int child = s.ChildOf(path); child >= 0) {
                       auto& c = part_types[child].by[type];
                       ++c.first;
                       c.second += area;
                     }
                     return OkStatus();
                   }));
  }
  // Rent falling due in the year, and what is overdue on the day judged.
  {
    db::Params p;
    const std::string range = s.Range("region_path", p);
    p.push_back(first);
    p.push_back(last);
    SL_TRY(
        tx.ForEach("SELECT region_path, due_on, amount_fen, received_fen FROM land_payment "
                   "WHERE " +
                       range + " AND due_on >= ? AND due_on <= ? AND deleted = 0",
                   p, [&](const db::Row& r) -> Status {
                     const int64_t amount = r.Int(2), received = r.Int(3);
                     const bool overdue = r.Str(1) < judged && received < amount;
                     each(r.Str(0), [&](LandFigures& f) {
                       f.rent_due_fen += amount;
                       if (overdue) f.overdue_fen += amount - received;
                     });
                     return OkStatus();
                   }));
  }
  // Rent received in the year.
  {
    db::Params p;
    const std::string range = s.Range("region_path", p);
    p.push_back(first);
    p.push_back(last);
    SL_TRY(tx.ForEach("SELECT region_path, amount_fen FROM land_receipt WHERE " + range +
                          " AND received_on >= ? AND received_on <= ?",
                      p, [&](const db::Row& r) -> Status {
                        const int64_t amount = r.Int(1);
                        each(r.Str(0), [&](LandFigures& f) { f.rent_received_fen += amount; });
                        return OkStatus();
                      }));
  }
  const auto types = [](const Types& t, LandFigures& f) {
    for (const auto& choice : LandTypes())
      if (auto it = t.by.find(std::string(choice.id)); it != t.by.end())
        f.by_type.emplace_back(std::string(choice.id), it->second.first, it->second.second);
  };
  LandStats out;
  out.region = store::PlaceJson(s.place);
  out.year = year;
  types(whole_types, whole);
  out.whole = std::move(whole);
  if (by_child) {
    out.children.emplace();
    for (size_t i = 0; i < s.children.size(); ++i) {
      types(part_types[i], parts[i]);
      out.children->push_back({store::PlaceJson(s.children[i]), std::move(parts[i])});
    }
  }
  return out;
}

}  // namespace sl::land
