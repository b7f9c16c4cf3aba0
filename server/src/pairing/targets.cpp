#include "pairing/targets.hpp"

#include "core/handler.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"

namespace sl::pairing::internal {

namespace {

// The SELECT of each kind: id, name, region id, code, name, path.
const char* SelectOf(const std::string& kind) {
  if (kind == "person")
    return "SELECT p.id, p.name, r.id, r.code, r.name, r.path FROM person p JOIN region r ON "
           "r.id = p.region_id WHERE p.deleted_at IS NULL AND p.id IN ";
  if (kind == "region")
    return "SELECT r.id, r.name, r.id, r.code, r.name, r.path FROM region r WHERE r.id IN ";
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

Result<std::map<Key, TargetRef>> ResolveTargets(db::Tx& tx, const std::set<Key>& keys) {
  constexpr size_t kChunk = 500;
  std::map<std::string, std::vector<int64_t>> by_kind;
  for (const auto& [kind, id] : keys) by_kind[kind].push_back(id);
  std::map<Key, TargetRef> out;
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

}  // namespace sl::pairing::internal
