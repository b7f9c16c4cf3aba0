// Pairings (包保): who answers for which target, from when to when, and who may.

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "db/scope.hpp"
#include "pairing/pairing.hpp"
#include "pairing/targets.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"

namespace sl::pairing {

using store::Fields;
using store::Need;

namespace {

const store::RecordQuery<PairingRecord>& Pairings() {
  static const store::RecordQuery<PairingRecord> k{
      "pairing g JOIN person sp ON sp.id = g.source_person_id",
      store::RowMap<PairingRecord>("g.id, g.level, g.source_person_id, sp.name, g.region_path",
                                   &PairingRecord::id, &PairingRecord::level,
                                   &PairingRecord::source, &PairingRecord::region_path)
          .Add("g.target_kind, g.target_id", &PairingRecord::target)
          .Add("g.valid_from, g.valid_to, g.origin", &PairingRecord::valid_from,
               &PairingRecord::valid_to, &PairingRecord::origin)
          .Stamps("g")};
  return k;
}

// Rows the caller sees: in the view scope, or paired to the caller's own
// person (pairing access).
void Visible(const Caller& caller, store::Where& w) {
  db::Params params;
  std::string cond = VisibleOrOwn(caller, "g.region_path", "g.source_person_id", params);
  w.And(cond, std::move(params));
}

Result<PairingRecord> Load(db::Tx& tx, const Caller& caller, int64_t id) {
  store::Where w;
  w.And("g.id = ?", {id});
  Visible(caller, w);
  return GetResolved(tx, Pairings(), w, "pairing_not_found");
}

bool Under(const std::string& ancestor, const std::string& path) {
  return path.compare(0, ancestor.size(), ancestor) == 0;
}

// The parent village's path of a group's path ("…/431127103224/431127103224-03/").
std::string ParentPath(const std::string& path) {
  if (path.size() < 2) return path;
  const size_t cut = path.rfind('/', path.size() - 2);
  return cut == std::string::npos ? path : path.substr(0, cut + 1);
}

// Whether `source` may answer for `target` at `level` on `date`; the place of
// the pairing (for scopes and rules) on success.
Result<std::string> CheckEligible(db::Tx& tx, int level, int64_t source, const TargetRef& target,
                                  const std::string& date, Fields& errors) {
  SL_ASSIGN_OR_RETURN(auto posts, OpenPosts(tx, source, date));
  switch (level) {
    case 1: {
      SL_ASSIGN_OR_RETURN(auto chambers, ChamberPaths(tx, target.id, date));
      if (chambers.empty()) {
        errors.emplace("target", Text{"pairing_target_not_entrepreneur", {}});
        return std::string();
      }
      const std::string& place = chambers.front();
      bool ok = false;
      for (const auto& p : posts)
        ok = ok || (p.kind == "town_leader" && p.leadership_team && Under(p.region_path, place));
      if (!ok) errors.emplace("source", Text{"pairing_source_not_leader", {}});
      return place;
    }
    case 2: {
      if (target.kind != "region" || regions::LevelOfCode(target.region.code) != "village") {
        errors.emplace("target", Text{"pairing_target_not_village", {}});
        return std::string();
      }
      bool ok = false;
      for (const auto& p : posts)
        ok = ok ||
             (p.kind == "resident_cadre" && (Under(p.region_path, target.region.path) ||
                                             Under(ParentPath(target.region.path), p.region_path)));
      if (!ok) errors.emplace("source", Text{"pairing_source_not_resident_cadre", {}});
      return target.region.path;
    }
    case 3: {
      if (target.kind != "region" || regions::LevelOfCode(target.region.code) != "group") {
        errors.emplace("target", Text{"pairing_target_not_group", {}});
        return std::string();
      }
      const std::string village = ParentPath(target.region.path);
      bool ok = false;
      for (const auto& p : posts)
        ok = ok || ((p.kind == "village_cadre" || p.kind == "village_secretary") &&
                    p.region_path == village);
      if (!ok) errors.emplace("source", Text{"pairing_source_not_village_cadre", {}});
      return target.region.path;
    }
    case 4: {
      SL_ASSIGN_OR_RETURN(auto chambers, ChamberPaths(tx, source, date));
      bool ok = false;
      for (const auto& c : chambers) ok = ok || Under(c, target.region.path);
      if (!ok) errors.emplace("source", Text{"pairing_source_not_entrepreneur", {}});
      return target.region.path;
    }
    case 5: {  // a full party member of the activist's town mentors them
      SL_ASSIGN_OR_RETURN(auto activist, PartyStageOn(tx, target.id, date));
      if (!activist || (activist->stage != "activist" && activist->stage != "candidate")) {
        errors.emplace("target", Text{"pairing_target_not_activist", {}});
        return std::string();
      }
      SL_ASSIGN_OR_RETURN(auto mentor, PartyStageOn(tx, source, date));
      if (!mentor || mentor->stage != "full" || TownOf(mentor->region_path).empty() ||
          TownOf(mentor->region_path) != TownOf(activist->region_path))
        errors.emplace("source", Text{"pairing_source_not_party_member", {}});
      return activist->region_path;
    }
    case 6: {  // a county cadre posted at the enterprise's county or above
      bool ok = false;
      for (const auto& p : posts)
        ok = ok || (p.kind == "county_cadre" && Under(p.region_path, target.region.path));
      if (!ok) errors.emplace("source", Text{"pairing_source_not_county_cadre", {}});
      return target.region.path;
    }
  }
  return std::string();
}

// Whether `source` already answers for the target on a day of [from, to).
Result<bool> Overlaps(db::Tx& tx, int level, int64_t source, const TargetRef& target,
                      const std::string& from, const std::optional<std::string>& to,
                      int64_t except) {
  db::Params params{int64_t{level}, target.kind, target.id, source, from, except};
  std::string sql =
      "SELECT 1 FROM pairing WHERE level = ? AND target_kind = ? AND target_id = ? AND "
      "source_person_id = ? AND (valid_to IS NULL OR valid_to > ?) AND id <> ?";
  if (to) {
    sql += " AND valid_from < ?";
    params.emplace_back(*to);
  }
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(sql, params));
  return row.has_value();
}

struct Checked {
  int level = 0;
  int64_t source = 0;
  TargetRef target;
  std::string place, valid_from;
  std::optional<std::string> valid_to;
};

// The checks of a new pairing row (also the new row of a re-pairing).
Result<Checked> CheckNew(db::Tx& tx, const Caller& caller, PairingInput in, int64_t except) {
  Fields errors;
  Checked c;
  store::CheckDate(in.valid_from, "valid_from", errors);
  store::CheckDate(in.valid_to, "valid_to", errors);
  c.valid_from = in.valid_from && !in.valid_from->empty() ? *in.valid_from : TodayInChina();
  if (in.valid_to && !in.valid_to->empty()) c.valid_to = in.valid_to;
  if (c.valid_to && *c.valid_to <= c.valid_from)
    errors.emplace("valid_to", Text{"field_date_order", {}});
  if (!in.level || !IsLevel(*in.level)) {
    errors.emplace("level", Text{"pairing_level", {}});
    return Error::Invalid(std::move(errors));
  }
  c.level = *in.level;
  if (!in.source || *in.source <= 0) {
    errors.emplace("source", Text{"field_required", {}});
  } else if (!registry::GetPerson(tx, caller.view, *in.source).ok()) {
    errors.emplace("source", Text{"person_not_found", {}});
  } else {
    c.source = *in.source;
  }
  std::optional<TargetRef> target;
  if (!in.target || in.target->empty()) {
    errors.emplace("target", Text{"field_required", {}});
  } else {
    SL_ASSIGN_OR_RETURN(target, FindTarget(tx, TargetKindOf(c.level), *in.target));
    if (!target) errors.emplace("target", Text{"pairing_target_not_found", {}});
  }
  if (c.source && target && errors.empty()) {
    c.target = *target;
    SL_ASSIGN_OR_RETURN(c.place,
                        CheckEligible(tx, c.level, c.source, c.target, c.valid_from, errors));
    if (errors.empty() && !caller.capture.Contains(c.place))
      errors.emplace("target", Text{"out_of_scope", {}});
    if (errors.empty()) {
      SL_ASSIGN_OR_RETURN(
          bool dup, Overlaps(tx, c.level, c.source, c.target, c.valid_from, c.valid_to, except));
      if (dup) errors.emplace("source", Text{"pairing_duplicate", {}});
    }
  }
  SL_TRY(store::Finish(errors));
  return c;
}

Result<PairingRecord> Insert(db::Tx& tx, const Caller& caller, const Checked& c,
                             const std::string& origin) {
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "pairing",
                                                      {{"level", int64_t{c.level}},
                                                       {"source_person_id", c.source},
                                                       {"target_kind", c.target.kind},
                                                       {"target_id", c.target.id},
                                                       {"region_path", c.place},
                                                       {"valid_from", c.valid_from},
                                                       {"valid_to", store::OrNull(c.valid_to)},
                                                       {"origin", origin}}));
  Caller all = caller;
  all.view = Scope::Everything();
  SL_ASSIGN_OR_RETURN(PairingRecord p, Load(tx, all, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "pairing", id, "create", Json(), ToJson(p),
                       c.place));
  return p;
}

}  // namespace

Result<PairingRecord> GetPairing(db::Tx& tx, const Caller& caller, int64_t id) {
  return Load(tx, caller, id);
}

namespace {

constexpr const char* kOrder = "g.level, g.region_path, sp.sort_key, g.valid_from, g.id";

Status PairingWhere(db::Tx& tx, const Caller& caller, const PairingFilter& f, store::Where& w) {
  Visible(caller, w);
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "g.region_path"));
  w.Equals("g.level", int64_t{f.level});
  w.Equals("g.source_person_id", f.source);
  if (!f.target_kind.empty())
    w.And("g.target_kind = ? AND g.target_id = ?", {f.target_kind, f.target_id});
  if (!f.all) {
    const std::string date = f.date.empty() ? TodayInChina() : f.date;
    w.And("g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?)", {date, date});
  }
  return OkStatus();
}

// Pairings of a filter with their targets named, a batch at a time.
const store::Listing<PairingRecord, PairingFilter>& PairingList() {
  static const store::Listing<PairingRecord, PairingFilter> k{
      [](const PairingFilter&) { return Pairings(); }, PairingWhere,
      [](const PairingFilter&) { return std::string(kOrder); },
      [](db::Tx& tx, const PairingFilter&, std::vector<PairingRecord>& batch) {
        return ResolveTargetsOf(tx, batch);
      }};
  return k;
}

}  // namespace

Result<Paged<PairingRecord>> ListPairings(db::Tx& tx, const Caller& caller, const PairingFilter& f,
                                          const Page& page) {
  return PairingList().Page(tx, caller, f, page);
}

Status ForEachPairing(db::Tx& tx, const Caller& caller, const PairingFilter& f,
                      const std::function<Status(const PairingRecord&)>& fn) {
  return PairingList().ForEach(tx, caller, f, fn);
}

Result<std::optional<int64_t>> FindPairing(db::Tx& tx, int level, int64_t source,
                                           const TargetRef& target, const std::string& valid_from) {
  SL_ASSIGN_OR_RETURN(
      auto row, tx.QueryOne("SELECT id FROM pairing WHERE level = ? AND source_person_id = ? AND "
                            "target_kind = ? AND target_id = ? AND valid_from = ?",
                            {int64_t{level}, source, target.kind, target.id, valid_from}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

Result<PairingRecord> CreatePairing(db::Tx& tx, const Caller& caller, const PairingInput& in) {
  SL_ASSIGN_OR_RETURN(Checked c, CheckNew(tx, caller, in, 0));
  return Insert(tx, caller, c, in.origin && !in.origin->empty() ? *in.origin : "manual");
}

Result<PairingRecord> UpdatePairing(db::Tx& tx, const Caller& caller, int64_t id,
                                    const PairingInput& in) {
  SL_ASSIGN_OR_RETURN(PairingRecord before, Load(tx, caller, id));
  SL_TRY(store::CheckCapture(caller, before.region_path));
  SL_TRY(store::CheckVersion(in.version, before.version));
  if (in.source && *in.source != before.source.id) {
    // Re-pairing: the old row ends where the new one starts.
    PairingInput next;
    next.level = before.level;
    next.source = in.source;
    next.target = before.target.kind == "region" ? before.target.region.code
                                                 : std::to_string(before.target.id);
    next.valid_from = in.valid_from && !in.valid_from->empty() ? *in.valid_from : TodayInChina();
    next.valid_to = before.valid_to;
    if (*next.valid_from < before.valid_from)
      return Error::Invalid({{"valid_from", Text{"pairing_before_start", {before.valid_from}}}});
    if (before.valid_to && *next.valid_from >= *before.valid_to)
      return Error::Invalid({{"valid_from", Text{"pairing_after_end", {*before.valid_to}}}});
    SL_ASSIGN_OR_RETURN(Checked c, CheckNew(tx, caller, next, id));
    if (c.valid_from == before.valid_from) {
      // Corrected on its first day: nothing to keep of the old row.
      SL_TRY(tx.Exec("DELETE FROM pairing WHERE id = ?", {id}));
      SL_TRY(audit::Record(tx, audit::ActorOf(caller), "pairing", id, "delete", ToJson(before),
                           Json(), before.region_path));
    } else {
      SL_TRY(store::UpdateRecord(tx, "pairing", id, {{"valid_to", c.valid_from}}));
      SL_ASSIGN_OR_RETURN(PairingRecord ended, Load(tx, caller, id));
      SL_TRY(audit::Record(tx, audit::ActorOf(caller), "pairing", id, "update", ToJson(before),
                           ToJson(ended), before.region_path));
    }
    return Insert(tx, caller, c, in.origin && !in.origin->empty() ? *in.origin : "manual");
  }
  // Ending it (or reopening: an empty valid_to).
  Fields errors;
  std::optional<std::string> to = in.valid_to;
  store::CheckDate(to, "valid_to", errors);
  if (in.valid_from && *in.valid_from != before.valid_from)
    errors.emplace("valid_from", Text{"pairing_start_fixed", {}});
  if (to && !to->empty() && *to <= before.valid_from)
    errors.emplace("valid_to", Text{"field_date_order", {}});
  SL_TRY(store::Finish(errors));
  if (!to || *to == before.valid_to.value_or("")) return before;
  SL_TRY(store::UpdateRecord(tx, "pairing", id, {{"valid_to", store::OrNull(to)}}));
  SL_ASSIGN_OR_RETURN(PairingRecord after, Load(tx, caller, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "pairing", id, "update", ToJson(before),
                       ToJson(after), before.region_path));
  return after;
}

Status DeletePairing(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(PairingRecord before, Load(tx, caller, id));
  SL_TRY(store::CheckCapture(caller, before.region_path));
  SL_TRY(tx.Exec("DELETE FROM pairing WHERE id = ?", {id}));
  return audit::Record(tx, audit::ActorOf(caller), "pairing", id, "delete", ToJson(before), Json(),
                       before.region_path);
}

}  // namespace sl::pairing
