#include "pairing/targets.hpp"

#include <algorithm>

#include "core/handler.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"

namespace sl::pairing {

namespace {

// The SELECT of each kind: id, name, region id, code, name, path.
const char* SelectOf(const std::string& kind) {
  if (kind == "person")
    return "SELECT p.id, p.name, r.id, r.code, r.name, r.path FROM person p JOIN region r ON "
           "r.id = p.region_id WHERE p.deleted_at IS NULL AND p.id IN ";
  // A group is named with its village ("朋佳村1组"): "1组" alone names one in
  // every village.
  if (kind == "region")
    return "SELECT r.id, CASE WHEN r.level = 'group' AND v.name IS NOT NULL THEN v.name || r.name "
           "ELSE r.name END, r.id, r.code, r.name, r.path FROM region r LEFT JOIN region v ON "
           "v.code = r.parent_code WHERE r.id IN ";
  if (kind == "project")
    return "SELECT j.id, j.name, r.id, r.code, r.name, r.path FROM project j JOIN region r ON "
           "r.id = j.region_id WHERE j.deleted_at IS NULL AND j.id IN ";
  if (kind == "organization")
    return "SELECT o.id, o.name, r.id, r.code, r.name, r.path FROM organization o JOIN region r "
           "ON r.id = o.region_id WHERE o.deleted_at IS NULL AND o.id IN ";
  if (kind == "enterprise")
    return "SELECT e.id, e.name, r.id, r.code, r.name, r.path FROM enterprise e JOIN region r "
           "ON r.id = e.region_id WHERE e.deleted_at IS NULL AND e.id IN ";
  return nullptr;
}

}  // namespace

Result<std::map<TargetKey, TargetRef>> ResolveTargets(db::Tx& tx, const std::set<TargetKey>& keys) {
  constexpr size_t kChunk = 500;
  std::map<std::string, std::vector<int64_t>> by_kind;
  for (const auto& [kind, id] : keys) by_kind[kind].push_back(id);
  std::map<TargetKey, TargetRef> out;
  for (const auto& [kind, ids] : by_kind) {
    const char* select = SelectOf(kind);
    if (select == nullptr) continue;
    for (size_t at = 0; at < ids.size(); at += kChunk) {
      const size_t n = std::min(kChunk, ids.size() - at);
      db::Params params;
      const std::string in = db::InList(ids.begin() + at, ids.begin() + at + n, params);
      SL_ASSIGN_OR_RETURN(auto rows, tx.Query(select + in, params));
      for (const auto& r : rows) {
        out[{kind, r.Int(0)}] = TargetRef{
            kind, r.Int(0), r.Str(1), registry::RegionRef{r.Int(2), r.Str(3), r.Str(4), r.Str(5)}};
      }
    }
  }
  return out;
}

Result<std::optional<TargetRef>> FindTarget(db::Tx& tx, const std::string& kind,
                                            const std::string& ref) {
  int64_t id = 0;
  if (kind == "region") {
    SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, ref));
    if (!region) return std::optional<TargetRef>();
    id = region->id;
  } else {
    auto n = ParseInt(ref);
    if (!n || *n <= 0) return std::optional<TargetRef>();
    id = *n;
  }
  SL_ASSIGN_OR_RETURN(auto found, ResolveTargets(tx, {{kind, id}}));
  auto hit = found.find({kind, id});
  if (hit == found.end()) return std::optional<TargetRef>();
  return std::optional<TargetRef>(hit->second);
}

std::string VisibleOrOwn(const Caller& caller, const std::string& path_column,
                         const std::string& person_column, db::Params& params) {
  std::string cond = db::ScopeCondition(caller.view, path_column, params);
  if (!caller.person_id) return cond;
  params.emplace_back(caller.person_id);
  return "(" + cond + " OR " + person_column + " = ?)";
}

Result<std::vector<OpenPost>> OpenPosts(db::Tx& tx, int64_t person, const std::string& date) {
  SL_ASSIGN_OR_RETURN(auto rows,
                      tx.Query("SELECT s.kind, r.path, r.level, s.leadership_team FROM post s "
                               "JOIN region r ON r.id = s.region_id WHERE s.person_id = ? AND "
                               "s.valid_from <= ? AND (s.valid_to IS NULL OR s.valid_to > ?)",
                               {person, date, date}));
  std::vector<OpenPost> out;
  for (const auto& r : rows) out.push_back({r.Str(0), r.Str(1), r.Str(2), r.Int(3) != 0});
  return out;
}

Result<std::vector<std::string>> ChamberPaths(db::Tx& tx, int64_t person, const std::string& date) {
  SL_ASSIGN_OR_RETURN(auto rows,
                      tx.Query("SELECT m.region_path FROM chamber_membership m JOIN organization "
                               "c ON c.id = m.chamber_id WHERE m.person_id = ? AND c.deleted_at "
                               "IS NULL AND m.joined_on <= ? AND (m.left_on IS NULL OR m.left_on "
                               "> ?)",
                               {person, date, date}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Str(0));
  return out;
}

Result<std::optional<StageOn>> PartyStageOn(db::Tx& tx, int64_t person, const std::string& date) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT p.region_path, g.stage FROM person p LEFT JOIN "
                                            "party_stage g ON g.person_id = p.id AND g.valid_from "
                                            "<= ? AND (g.valid_to IS NULL OR g.valid_to > ?) "
                                            "WHERE p.id = ? AND p.deleted_at IS NULL",
                                            {date, date, person}));
  if (!row) return std::optional<StageOn>();
  return std::optional<StageOn>(StageOn{row->Str(0), row->IsNull(1) ? "" : row->Str(1)});
}

// Every query below is limited to the subtree [path, upper).
db::Params Join(db::Params a, const db::Params& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Result<std::vector<Target>> LevelTargets(db::Tx& tx, int level, const Subtree& s,
                                         const std::string& date) {
  std::vector<Target> out;
  if (level == 1) {
    // Entrepreneurs: members of a chamber on the date, placed at the chamber.
    SL_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT m.person_id, p.name, MIN(m.region_path) FROM "
                            "chamber_membership m JOIN organization c ON c.id = m.chamber_id JOIN "
                            "person p ON p.id = m.person_id WHERE m.region_path >= ? AND "
                            "m.region_path < ? AND c.deleted_at IS NULL AND p.deleted_at IS NULL "
                            "AND m.joined_on <= ? AND (m.left_on IS NULL OR m.left_on > ?) GROUP "
                            "BY m.person_id, p.name",
                            Join(s.Bounds(), {date, date})));
    for (const auto& r : rows) out.push_back({"person", r.Int(0), r.Str(1), r.Str(2)});
  } else if (level == 2 || level == 3) {
    SL_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT id, name, path FROM region WHERE path >= ? AND path < ? "
                 "AND level = ? AND (established_on IS NULL OR established_on <= ?) AND "
                 "(retired_on IS NULL OR retired_on > ?)",
                 Join(s.Bounds(), {std::string(level == 2 ? "village" : "group"), date, date})));
    for (const auto& r : rows) out.push_back({"region", r.Int(0), r.Str(1), r.Str(2)});
  } else if (level == 5) {
    SL_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT p.id, p.name, p.region_path FROM person p JOIN party_stage g "
                            "ON g.person_id = p.id WHERE p.region_path >= ? AND p.region_path < ? "
                            "AND p.deleted_at IS NULL AND g.stage IN ('activist', 'candidate') "
                            "AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?)",
                            Join(s.Bounds(), {date, date})));
    for (const auto& r : rows) out.push_back({"person", r.Int(0), r.Str(1), r.Str(2)});
  } else if (level == 6) {
    SL_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT id, name, region_path FROM enterprise WHERE region_path >= ? "
                            "AND region_path < ? AND deleted_at IS NULL AND (founded_on IS NULL "
                            "OR founded_on <= ?)",
                            Join(s.Bounds(), {date})));
    for (const auto& r : rows) out.push_back({"enterprise", r.Int(0), r.Str(1), r.Str(2)});
  } else {
    SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, name, region_path FROM project WHERE "
                                            "region_path >= ? AND region_path < ? AND deleted_at "
                                            "IS NULL AND started_on <= ?",
                                            Join(s.Bounds(), {date})));
    for (const auto& r : rows) out.push_back({"project", r.Int(0), r.Str(1), r.Str(2)});
  }
  return out;
}

Result<std::vector<Pairing>> PairingsOn(db::Tx& tx, const Subtree& s, const std::string& date,
                                        std::optional<int> level) {
  db::Params params = Join(s.Bounds(), {date, date});
  if (level) params.emplace_back(int64_t{*level});
  SL_ASSIGN_OR_RETURN(auto rows,
                      tx.Query(std::string("SELECT id, level, source_person_id, target_kind, "
                                           "target_id, valid_from, valid_to FROM pairing WHERE "
                                           "region_path >= ? AND region_path < ? AND valid_from "
                                           "<= ? AND (valid_to IS NULL OR valid_to > ?)") +
                                   (level ? " AND level = ?" : ""),
                               params));
  std::vector<Pairing> out;
  for (const auto& r : rows)
    out.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.Int(2), r.Str(3), r.Int(4), r.Str(5),
                   r.OptStr(6)});
  return out;
}

// The rules of the subtree, its own and its ancestors'.
Status LoadRules(db::Tx& tx, const Subtree& s, std::vector<CoverageRule>& coverage,
                 std::vector<QuotaRule>& quota) {
  db::Params params;
  const std::vector<std::string> above = db::PathAndAncestors(s.path);
  const std::string ancestors = db::InList(above.begin(), above.end(), params);
  params.emplace_back(s.path);
  params.emplace_back(s.upper);
  const std::string where = " WHERE deleted_at IS NULL AND (region_path IN " + ancestors +
                            " OR (region_path >= ? AND region_path < ?))";
  SL_ASSIGN_OR_RETURN(auto c, tx.Query("SELECT id, region_path, level, min_sources, max_sources, "
                                       "valid_from, valid_to FROM coverage_rule" +
                                           where,
                                       params));
  for (const auto& r : c) {
    CoverageRule rule{
        r.Int(0), r.Str(1),   static_cast<int>(r.Int(2)), static_cast<int>(r.Int(3)), std::nullopt,
        r.Str(5), r.OptStr(6)};
    if (!r.IsNull(4)) rule.max_sources = static_cast<int>(r.Int(4));
    coverage.push_back(std::move(rule));
  }
  SL_ASSIGN_OR_RETURN(auto q, tx.Query("SELECT id, region_path, source_filter, target_filter, "
                                       "min_contacts, period, valid_from, valid_to FROM "
                                       "quota_rule" +
                                           where,
                                       params));
  for (const auto& r : q)
    quota.push_back({r.Int(0), r.Str(1), r.Str(2), r.Str(3), static_cast<int>(r.Int(4)), r.Str(5),
                     r.Str(6), r.OptStr(7)});
  return OkStatus();
}

// The town part of a path ("43/4311/431127/431127103/…" -> its first four
// segments), or "" above town level.
std::string TownOf(const std::string& path) {
  const std::string_view town = db::TownPart(path);
  return std::count(town.begin(), town.end(), '/') == 4 ? std::string(town) : std::string();
}

}  // namespace sl::pairing
