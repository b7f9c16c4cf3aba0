// The pairing demo: the seed's rules, 楠市镇's complete four-level pairing and
// 2022 contacts that meet every quota (compliance on 2022-10-20 is ok, level 1
// covering 31 of 31), and 所城镇 with a few gaps for the county view. Written
// through the pairing operations, so it obeys their eligibility rules.

#include <cstdio>
#include <tuple>

#include "demo/demo.hpp"
#include "pairing/pairing.hpp"

namespace sl::demo {

namespace {

constexpr const char* kCounty = "431127";
constexpr const char* kNanshi = "431127103";

struct Writer {
  db::Tx& tx;
  const Caller& caller;

  Status Pair(int level, int64_t source, const std::string& target, const std::string& from) {
    pairing::PairingInput in;
    in.level = level;
    in.source = source;
    in.target = target;
    in.valid_from = from;
    in.origin = "import";
    auto r = pairing::CreatePairing(tx, caller, in);
    if (!r.ok()) return std::move(r).error();
    return OkStatus();
  }

  Status Contact(int64_t person, const std::string& kind, int64_t target, const std::string& on,
                 const std::string& how, const std::string& notes) {
    pairing::ContactInput in;
    in.person = person;
    in.target_kind = kind;
    in.target = std::to_string(target);
    in.occurred_on = on;
    in.kind = how;
    in.notes = notes;
    auto r = pairing::CreateContact(tx, caller, in);
    if (!r.ok()) return std::move(r).error();
    return OkStatus();
  }
};

std::string Day(int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "2022-%02d-%02d", month, day);
  return buf;
}

Status CoverageRule(db::Tx& tx, const Caller& caller, const std::string& region, int level, int min,
                    std::optional<int> max, const std::string& notes) {
  pairing::CoverageRuleInput in;
  in.region = region;
  in.level = level;
  in.min_sources = min;
  in.max_sources = max;
  in.valid_from = "2022-01-01";
  in.notes = notes;
  auto r = pairing::CreateCoverageRule(tx, caller, in);
  if (!r.ok()) return std::move(r).error();
  return OkStatus();
}

Status QuotaRule(db::Tx& tx, const Caller& caller, const std::string& source,
                 const std::string& target, int min, const std::string& notes) {
  pairing::QuotaRuleInput in;
  in.region = kNanshi;
  in.source_filter = source;
  in.target_filter = target;
  in.min_contacts = min;
  in.period = "year";
  in.valid_from = "2022-01-01";
  in.notes = notes;
  auto r = pairing::CreateQuotaRule(tx, caller, in);
  if (!r.ok()) return std::move(r).error();
  return OkStatus();
}

}  // namespace

Status CreatePairingDemo(db::Tx& tx, const Caller& caller, const TownCast& nanshi,
                         const TownCast& suocheng) {
  Writer w{tx, caller};

  // The rules. The county's: every entrepreneur one leader, every group a
  // cadre, every project an entrepreneur (towns without a chamber, groups or
  // projects on file have nothing to judge). The towns that run the four-level
  // system also ask for a resident cadre in every village. 楠市镇's quotas are
  // the seed's.
  SL_TRY(CoverageRule(tx, caller, kCounty, 1, 1, 1, "每位企业家由一名班子成员点对点服务"));
  SL_TRY(CoverageRule(tx, caller, kCounty, 3, 1, std::nullopt, "每个村民小组有村干部包保"));
  SL_TRY(CoverageRule(tx, caller, kCounty, 4, 1, std::nullopt, "每个项目有企业家负责"));
  for (const TownCast* town : {&nanshi, &suocheng})
    SL_TRY(CoverageRule(tx, caller, town->town, 2, 1, std::nullopt, "每个村有驻村干部"));
  SL_TRY(QuotaRule(tx, caller, "leadership_team", "village_branch", 2,
                   "班子成员每年至少联系2个村党支部"));
  SL_TRY(QuotaRule(tx, caller, "leadership_team", "wealth_creator", 3,
                   "班子成员每年至少联系3户致富能手"));
  SL_TRY(QuotaRule(tx, caller, "party_member resident_cadre", "activist", 1,
                   "党员驻村干部至少联系1名入党积极分子"));

  // 楠市镇's projects, each with the entrepreneur the seed has answer for it.
  SL_ASSIGN_OR_RETURN(auto projects, CreateProjectsDemo(tx, caller, nanshi));

  // Level 1: every entrepreneur has one leader, from the day they joined, in
  // turn; the herbal grower's (朋佳中草药, the fourth firm) is the mayor's,
  // who raises its request for drying sheds, and the second firm's takes the
  // turn the grower's would have had.
  for (size_t i = 0; i < nanshi.entrepreneurs.size(); ++i) {
    const auto& m = nanshi.entrepreneurs[i];
    const size_t turn = i == 3 ? 1 : i == 1 ? 3 : i;
    SL_TRY(w.Pair(1, nanshi.leaders[turn % nanshi.leaders.size()], std::to_string(m.person),
                  m.joined_on));
  }
  // Level 2: each village its resident cadre; level 3: each group a cadre of
  // its village.
  for (const auto& v : nanshi.villages) {
    SL_TRY(w.Pair(2, v.resident, v.code, "2021-09-01"));
    for (size_t g = 0; g < v.groups.size(); ++g)
      SL_TRY(w.Pair(3, v.cadres[g % v.cadres.size()], v.groups[g], "2021-09-01"));
  }
  // Level 4: each project the entrepreneur the seed implies (the 康美 member
  // for 红星学园, the herbal grower for the forest land, ...).
  for (const auto& [project, person] : projects)
    SL_TRY(w.Pair(4, person, std::to_string(project), "2022-10-01"));

  // 2022 contacts: each leader visits two village branches and three
  // wealth-creator households; each party-member resident cadre talks with
  // their village's activist.
  const size_t n = nanshi.villages.size();
  for (size_t i = 0; i < nanshi.leaders.size(); ++i) {
    const int64_t leader = nanshi.leaders[i];
    for (size_t k = 0; k < 2; ++k) {
      const auto& v = nanshi.villages[(2 * i + k) % n];
      SL_TRY(w.Contact(leader, "organization", v.branch, Day(4 + static_cast<int>(k), 10 + i),
                       "meeting", "支部主题党日，听取村级发展情况汇报"));
    }
    for (size_t k = 0; k < 3; ++k) {
      const auto& v = nanshi.villages[(3 * i + k) % n];
      SL_TRY(w.Contact(leader, "person", v.wealth_creators[k % v.wealth_creators.size()],
                       Day(6 + static_cast<int>(k), 5 + i), "visit",
                       "走访致富能手，了解种养规模和带动农户情况"));
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const auto& v = nanshi.villages[i];
    if (!v.resident_party) continue;
    SL_TRY(w.Contact(v.resident, "person", v.activist, Day(9, 1 + static_cast<int>(i)), "visit",
                     "与入党积极分子谈心谈话"));
  }

  // 所城镇: a leader for five of its six entrepreneurs, resident cadres where
  // there are any, one group without a cadre.
  for (size_t i = 0; i + 1 < suocheng.entrepreneurs.size(); ++i)
    SL_TRY(w.Pair(1, suocheng.leaders[i % suocheng.leaders.size()],
                  std::to_string(suocheng.entrepreneurs[i].person), "2022-05-01"));
  for (size_t i = 0; i < suocheng.villages.size(); ++i) {
    const auto& v = suocheng.villages[i];
    if (v.resident) SL_TRY(w.Pair(2, v.resident, v.code, "2021-09-01"));
    for (size_t g = 0; g < v.groups.size(); ++g) {
      if (i == 0 && g == 1) continue;
      SL_TRY(w.Pair(3, v.cadres.front(), v.groups[g], "2021-09-01"));
    }
  }
  return OkStatus();
}

}  // namespace sl::demo
