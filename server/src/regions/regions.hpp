#pragma once
// The region tree: official statistical codes (province 2 digits, city 4,
// county 6, town 9, village 12), each row with its materialized path
// ("43/4311/431127/431127103/") so that a subtree is one range scan.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/caller.hpp"
#include "core/handler.hpp"
#include "core/json.hpp"
#include "db/db.hpp"

namespace sl::regions {

struct Region {
  int64_t id = 0;
  std::string code;
  std::string name;           // the everyday name: 朋佳村
  std::string official_name;  // as in the code list: 朋佳村委会
  std::string level;          // province city county town village group
  std::string parent_code;    // "" for a province
  std::string path;
  bool has_children = false;
  std::optional<std::string> retired_on;  // a group no longer in use, from that day
};

Json ToJson(const Region& region);

// Rules (no I/O) -----------------------------------------------------------

// The level of an official code by its length, or "" when it is not one.
std::string_view LevelOfCode(std::string_view code);
// The parent code of an official code ("431127103224" -> "431127103").
std::string ParentCode(std::string_view code);
// The materialized path of a code: every ancestor's code and its own, each
// followed by '/'.
std::string PathOfCode(std::string_view code);
// The everyday name of an official village-level name: 朋佳村委会 -> 朋佳村,
// 镇东社区居委会 -> 镇东社区, 某某村民委员会 -> 某某村.
std::string EverydayName(std::string_view official_name);

// Store (SQL, scoped) --------------------------------------------------------

// Adds (or renames) group `number` of a village (村民小组, below the official
// list): code "431127103224-03". The caller checks the village is theirs.
Result<Region> AddGroup(db::Tx& tx, std::string_view village_code, int number,
                        const std::string& name);

// The groups of a village inside the caller's view, retired ones too, by number.
Result<std::vector<Region>> ListGroups(db::Tx& tx, const Caller& caller, std::string_view village);
// A group's form: its name; `retired` retires it today (true) or brings it back.
struct GroupInput {
  std::optional<std::string> name;
  std::optional<bool> retired;
};
// Adds a group to a village in the caller's capture scope, numbered after the
// village's last (retired numbers are never reused); a name taken by another
// group of the village in use is refused (422 on name).
Result<Region> CreateGroup(db::Tx& tx, const Caller& caller, std::string_view village,
                           const GroupInput& in);
// Renames, retires or brings back a group (official regions are not edited).
Result<Region> UpdateGroup(db::Tx& tx, const Caller& caller, std::string_view code,
                           const GroupInput& in);

// Removes a group nothing refers to (people, records, pairings): what an
// import that added it takes back when it fails (409 group_in_use otherwise).
Status RemoveNewGroup(db::Tx& tx, const Caller& caller, int64_t id);

// Unscoped lookup for internal use (checking a code given in a form).
Result<std::optional<Region>> FindByCode(db::Tx& tx, std::string_view code);
// Drops what FindByCode remembered in this transaction; for writers of regions.
void ForgetRegions(db::Tx& tx);
// A region inside `view`, or NotFound.
Result<Region> Get(db::Tx& tx, const Scope& view, std::string_view code);
// The ancestors of a region from the root down (not scoped: a village
// secretary may see the names of the county above them).
Result<std::vector<Region>> Ancestors(db::Tx& tx, const Region& region);
// The children of `parent` inside `view`, in pinyin order.
Result<std::vector<Region>> Children(db::Tx& tx, const Scope& view, std::string_view parent);
// The top regions of `view`: provinces for everything, else each scope root.
Result<std::vector<Region>> Roots(db::Tx& tx, const Scope& view);
// Regions inside `view` whose name matches `query` (Simplified, Traditional,
// full pinyin or initials), best first: exact, then prefix, then contains;
// then by level and pinyin.
Result<std::pair<std::vector<Region>, int64_t>> Search(db::Tx& tx, const Scope& view,
                                                       std::string_view query, const Page& page);

// Handlers -------------------------------------------------------------------

Result<Response> HandleList(db::Database& db, const Request& request);
Result<Response> HandleGet(db::Database& db, const Request& request);
Result<Response> HandleGroupsList(db::Database& db, const Request& request);
Result<Response> HandleGroupCreate(db::Database& db, const Request& request);
Result<Response> HandleRegionUpdate(db::Database& db, const Request& request);
// Adding, renaming and retiring villager groups.
inline constexpr const char* kGroupsWrite = "groups.write";

}  // namespace sl::regions
