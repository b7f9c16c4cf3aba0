#pragma once
// The 楠市镇 demo: the 蓝山县 region extract and one user per persona, all with
// the password "shuanglun". Later features add their demo data here.

#include <string>
#include <vector>

#include "core/caller.hpp"
#include "core/result.hpp"
#include "db/db.hpp"

namespace sl::demo {

inline constexpr const char* kPassword = "shuanglun";

struct Persona {
  const char* username;
  const char* role;
  const char* region;  // "" for every region
  const char* display_name;
  const char* description;  // shown by `make run`
};
const std::vector<Persona>& Personas();

// Fills an empty, migrated database. `data_dir` holds regions/*.csv.
Status Create(db::Database& db, const std::string& data_dir);

// Who is who in a demo town: what the pairing demo pairs.
struct TownCast {
  std::string town;              // its code
  std::vector<int64_t> leaders;  // the leadership team, 书记 and 镇长 first
  struct Village {
    std::string code;
    int64_t branch = 0;    // its party branch (an organization)
    int64_t resident = 0;  // the resident cadre stationed there, or 0
    bool resident_party = false;
    std::vector<int64_t> cadres;      // secretary first
    std::vector<std::string> groups;  // region codes
    std::vector<int64_t> wealth_creators;
    int64_t activist = 0;
  };
  std::vector<Village> villages;
  struct Member {
    int64_t person = 0;
    std::string joined_on;
    bool party = false;
  };
  std::vector<Member> entrepreneurs;
};

// The 楠市镇 registry (people, organizations, enterprises, the chamber), written
// in `tx` by `caller`, who must see and change 楠市镇.
Result<TownCast> CreateNanshiRegistry(db::Tx& tx, const Caller& caller);
// A smaller second town of 蓝山县 (所城镇), for the county view.
Result<TownCast> CreateSuochengRegistry(db::Tx& tx, const Caller& caller);

// Six county cadres of 蓝山县 (县直干部, posted at the county, each with the
// sector their department serves): the people of a county campaign such as
// 百名干部联百企 (level 6). The demo has no level-6 rule: the county starts a
// campaign by adding one.
Status CreateCountyCadres(db::Tx& tx, const Caller& caller);

// The seed's rules (county coverage rules, 楠市镇's contact quotas), the
// projects, and each town's pairings and 2022 contacts: 楠市镇 complete and
// compliant on 2022-10-20; 所城镇 with gaps.
Status CreatePairingDemo(db::Tx& tx, const Caller& caller, const TownCast& nanshi,
                         const TownCast& suocheng);

// 楠市镇's 2022 events (meetings, trainings, the 佛山 study trip, the 红星学园
// courses) with their attendance, as the seed counts them.
// 楠市镇's projects with their 2022 figures, 朋佳村's land contract with the
// rent received, and for each project the person who answers for it (level 4).
Result<std::vector<std::pair<int64_t, int64_t>>> CreateProjectsDemo(db::Tx& tx,
                                                                    const Caller& caller,
                                                                    const TownCast& nanshi);
Status CreateEventsDemo(db::Tx& tx, const Caller& caller, const TownCast& nanshi);
// 楠市镇's 2022 requests (诉求) from its entrepreneurs, forwarded to the town's
// offices, resolved and rated (a few late, one reopened, some open), and a
// few in 所城镇.
Status CreateRequestsDemo(db::Tx& tx, const Caller& caller, const TownCast& nanshi,
                          const TownCast& suocheng);

}  // namespace sl::demo
