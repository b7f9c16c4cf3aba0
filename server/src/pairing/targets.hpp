#pragma once
// What pairings and contacts point at — people, regions, projects,
// organizations, enterprises — resolved by kind and id for display, and the
// facts the rules look at (posts, party stages, tags, memberships) on a date:
// the set-based readers of compliance, which automatic pairing (assign/)
// reads its problems with too.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/caller.hpp"
#include "db/db.hpp"
#include "pairing/model.hpp"
#include "pairing/rules.hpp"
#include "store/query.hpp"

namespace sl::pairing {

using TargetKey = std::pair<std::string, int64_t>;  // kind, id

// Names and places of the given targets; unknown ones are left out.
Result<std::map<TargetKey, TargetRef>> ResolveTargets(db::Tx& tx, const std::set<TargetKey>& keys);

// Fills in the names and places of records' targets (their member `target`,
// read as kind and id), in one lookup for them all.
template <class Record>
Status ResolveTargetsOf(db::Tx& tx, std::vector<Record>& records) {
  std::set<TargetKey> keys;
  for (const auto& r : records) keys.insert({r.target.kind, r.target.id});
  SL_ASSIGN_OR_RETURN(auto found, ResolveTargets(tx, keys));
  for (auto& r : records) {
    auto hit = found.find({r.target.kind, r.target.id});
    if (hit != found.end()) r.target = hit->second;
  }
  return OkStatus();
}

// The record of `w` with its target named and placed, or NotFound(not_found).
template <class Record>
Result<Record> GetResolved(db::Tx& tx, const store::RecordQuery<Record>& query,
                           const store::Where& w, const char* not_found) {
  SL_ASSIGN_OR_RETURN(Record found, query.Get(tx, w, not_found));
  std::vector<Record> one{std::move(found)};
  SL_TRY(ResolveTargetsOf(tx, one));
  return std::move(one.front());
}

// One target named in a form: a person or project id, or a region code, or an
// organization / enterprise id; NotFound-style field errors are the caller's.
Result<std::optional<TargetRef>> FindTarget(db::Tx& tx, const std::string& kind,
                                            const std::string& ref);

// A person's open posts on a date: kind, region path, leadership-team flag.
struct OpenPost {
  std::string kind, region_path, region_level;
  bool leadership_team = false;
};
Result<std::vector<OpenPost>> OpenPosts(db::Tx& tx, int64_t person, const std::string& date);

// A person's home place and party stage on a date ("" when none); nullopt
// when there is no such person.
struct StageOn {
  std::string region_path, stage;
};
Result<std::optional<StageOn>> PartyStageOn(db::Tx& tx, int64_t person, const std::string& date);

// The region paths of the chambers a person is a member of on a date.
Result<std::vector<std::string>> ChamberPaths(db::Tx& tx, int64_t person, const std::string& date);

// The condition "in the caller's view scope (`path_column`), or the caller's
// own (`person_column` is the caller's person)": pairing access. Appends its
// parameters.
std::string VisibleOrOwn(const Caller& caller, const std::string& path_column,
                         const std::string& person_column, db::Params& params);

// The set-based readers of the compliance view (and of automatic pairing):
// every query is limited to the subtree [path, upper).
struct Subtree {
  std::string path, upper;
  db::Params Bounds() const { return {path, upper}; }
};
db::Params Join(db::Params a, const db::Params& b);
// The targets of a level under the subtree on a date: chamber members placed
// at their chamber (1), villages (2), groups (3), projects started (4),
// activists and candidates at their home (5), enterprises founded (6).
Result<std::vector<Target>> LevelTargets(db::Tx& tx, int level, const Subtree& s,
                                         const std::string& date);
// The pairings under the subtree valid on the date: of every level, or of one.
Result<std::vector<Pairing>> PairingsOn(db::Tx& tx, const Subtree& s, const std::string& date,
                                        std::optional<int> level = std::nullopt);
// The rules of the subtree, its own and its ancestors'.
Status LoadRules(db::Tx& tx, const Subtree& s, std::vector<CoverageRule>& coverage,
                 std::vector<QuotaRule>& quota);
// The town part of a path ("43/4311/431127/431127103/…" -> its first four
// segments), or "" above town level.
std::string TownOf(const std::string& path);

}  // namespace sl::pairing
