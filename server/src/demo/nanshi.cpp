// The 楠市镇 registry demo: every registry fact of PRODUCT.md's demo table holds
// (31 chamber members, 13 of them party members, 31 enterprises with capital a
// little under 10,000,000 yuan, the leadership team, resident cadres for every
// village, village cadres and groups, wealth creators, activists, the chamber's
// party branch and the village branches). People and enterprises are
// fictional; places are real. Everything goes through the registry's own
// operations, so the demo obeys the same rules as a user's input.

#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "demo/demo.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "registry/validators.hpp"

namespace sl::demo {

namespace {

constexpr const char* kTown = "431127103";
constexpr const char* kTownCommunity = "431127103003";  // 镇东社区, the town seat

// Surnames common in southern Hunan, and given-name characters.
constexpr std::array<const char*, 24> kSurnames = {
    "陈",   "李", "黄", "曾", "谭", "刘", "周", "王", "张", "雷", "邓", "唐",
    "欧阳", "蒋", "何", "胡", "廖", "彭", "罗", "梁", "邹", "肖", "钟", "盘"};
constexpr std::array<const char*, 40> kGiven = {
    "文", "辉", "进", "龙", "凌", "曲", "家", "鑫", "金", "发", "勤", "锋", "建", "华",
    "志", "强", "春", "梅", "秀", "英", "国", "平", "海", "军", "小", "红", "桂", "芳",
    "德", "明", "永", "清", "新", "民", "丽", "娟", "杰", "峰", "成", "兰"};

class Names {
 public:
  explicit Names(uint32_t seed) : rng_(seed) {}
  std::string Next() {
    std::string name = kSurnames[Pick(kSurnames.size())];
    name += kGiven[Pick(kGiven.size())];
    if (Pick(3) != 0) name += kGiven[Pick(kGiven.size())];
    return name;
  }
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

 private:
  std::mt19937 rng_;
};

struct Builder {
  db::Tx& tx;
  const Caller& caller;
  Names names{20221020};
  int serial = 0;

  // A person with a valid ID-card number born in `year`.
  Result<registry::Person> Person(const std::string& region, int year,
                                  const std::vector<std::string>& tags = {},
                                  const std::string& stage = "", const std::string& since = "",
                                  const std::string& tags_since = "2020-01-01") {
    ++serial;
    char birth[40];
    std::snprintf(birth, sizeof birth, "%04d%02d%02d", year, 1 + serial % 12, 1 + serial % 28);
    char seq[40];
    std::snprintf(seq, sizeof seq, "%03d", serial % 1000);
    registry::PersonInput in;
    in.name = names.Next();
    in.region = region;
    in.id_card = registry::MakeIdCard("431127", birth, seq);
    char phone[40];
    std::snprintf(phone, sizeof phone, "1397462%04d", serial);
    in.phone = phone;
    in.tags = tags;
    in.tags_since = tags_since;
    if (!stage.empty()) {
      in.stage = stage;
      in.stage_since = since;
    }
    return registry::CreatePerson(tx, caller, in);
  }

  Status Post(int64_t person, const std::string& kind, const std::string& region,
              const std::string& title, bool leadership, const std::string& from,
              const std::string& industry = "") {
    registry::PostInput in;
    in.kind = kind;
    in.region = region;
    in.title = title;
    in.leadership_team = leadership;
    in.valid_from = from;
    if (!industry.empty()) in.industry = industry;
    auto r = registry::AddPost(tx, caller, person, in);
    if (!r.ok()) return std::move(r).error();
    return OkStatus();
  }

  Result<registry::Organization> Organization(const std::string& kind, const std::string& name,
                                              const std::string& region, int64_t parent,
                                              const std::string& founded) {
    registry::OrganizationInput in;
    in.kind = kind;
    in.name = name;
    in.region = region;
    in.parent = parent;
    in.founded_on = founded;
    return registry::CreateOrganization(tx, caller, in);
  }

  Status Member(int64_t org, int64_t person, const std::string& post, const std::string& from) {
    registry::OrgMemberInput in;
    in.person = person;
    in.post = post;
    in.valid_from = from;
    auto r = registry::AddOrgMember(tx, caller, org, in);
    if (!r.ok()) return std::move(r).error();
    return OkStatus();
  }
};

// Registered capital of the 31 chamber enterprises, in 万元: 986 in all.
constexpr std::array<int, 31> kCapitalWan = {150, 130, 100, 60, 50, 50, 50, 40, 30, 30, 30,
                                             30,  25,  20,  20, 20, 20, 20, 15, 15, 10, 10,
                                             10,  10,  10,  10, 5,  5,  5,  3,  3};

struct Firm {
  const char* name;
  const char* industry;
};
constexpr std::array<Firm, 31> kFirms = {{
    {"蓝山县楠市十三道面条食品有限公司", "manufacturing"},
    {"蓝山县愚公岩生态旅游开发有限公司", "culture"},
    {"蓝山县楠市小籽花生种植专业合作社", "agriculture"},
    {"蓝山县朋佳中草药种植有限公司", "agriculture"},
    {"蓝山县康美艺术培训有限公司", "education"},
    {"蓝山县楠市建筑工程有限公司", "construction"},
    {"蓝山县楠丰农机服务有限公司", "leasing_business"},
    {"蓝山县甘溪生态养殖有限公司", "agriculture"},
    {"蓝山县楠市商贸有限公司", "wholesale_retail"},
    {"蓝山县镇东面条加工厂", "manufacturing"},
    {"蓝山县上下村油茶种植专业合作社", "agriculture"},
    {"蓝山县楠市物流有限公司", "transport"},
    {"蓝山县楠市农家乐餐饮有限公司", "hospitality"},
    {"蓝山县竹岭竹木制品有限公司", "manufacturing"},
    {"蓝山县塘泉水产养殖有限公司", "agriculture"},
    {"蓝山县芹菜村蔬菜种植专业合作社", "agriculture"},
    {"蓝山县楠市电子商务有限公司", "it"},
    {"蓝山县福兴茶叶有限公司", "agriculture"},
    {"蓝山县熊家米业有限公司", "manufacturing"},
    {"蓝山县正市五金建材经营部", "wholesale_retail"},
    {"蓝山县兰后果蔬种植有限公司", "agriculture"},
    {"蓝山县梁家生猪养殖场", "agriculture"},
    {"蓝山县楠市汽车修理厂", "resident_services"},
    {"蓝山县环连粉面加工厂", "manufacturing"},
    {"蓝山县大元井民宿有限公司", "hospitality"},
    {"蓝山县元竹烤烟种植专业合作社", "agriculture"},
    {"蓝山县下洞服装加工厂", "manufacturing"},
    {"蓝山县朱家家政服务有限公司", "resident_services"},
    {"蓝山县镇西印刷店", "manufacturing"},
    {"蓝山县楠市通讯器材店", "wholesale_retail"},
    {"蓝山县楠市文化传媒工作室", "culture"},
}};

// A village: its groups, party branch, secretary and cadres, a collective, a
// resident cadre from the town, wealth creators and an activist.
Status AddVillage(Builder& b, const regions::Region& v, int index, int64_t committee,
                  TownCast& cast) {
  TownCast::Village& place = cast.villages.emplace_back();
  place.code = v.code;
  const int groups = 4 + index % 5;
  for (int g = 1; g <= groups; ++g) {
    SL_ASSIGN_OR_RETURN(auto group, regions::AddGroup(b.tx, v.code, g, std::to_string(g) + "组"));
    place.groups.push_back(group.code);
  }
  SL_ASSIGN_OR_RETURN(auto branch, b.Organization("party_branch", v.name + "党支部", v.code,
                                                  committee, "1958-01-01"));
  place.branch = branch.id;
  SL_TRY(b.Organization("collective", v.name + "股份经济合作社", v.code, 0, "2020-06-01"));
  SL_ASSIGN_OR_RETURN(auto secretary,
                      b.Person(v.code, 1968 + index % 10, {}, "full", "1995-07-01"));
  SL_TRY(b.Post(secretary.id, "village_secretary", v.code, "党支部书记、村委会主任", false,
                "2021-01-01"));
  SL_TRY(b.Member(branch.id, secretary.id, "secretary", "2021-01-01"));
  place.cadres.push_back(secretary.id);
  for (int c = 0; c < 3; ++c) {
    const bool member = c != 2;
    SL_ASSIGN_OR_RETURN(auto cadre, b.Person(v.code, 1975 + c * 5, {}, member ? "full" : "",
                                             member ? "2008-07-01" : ""));
    SL_TRY(b.Post(cadre.id, "village_cadre", v.code, c == 0 ? "村委副主任" : "村委委员", false,
                  "2021-01-01"));
    place.cadres.push_back(cadre.id);
    if (member) SL_TRY(b.Member(branch.id, cadre.id, "committee_member", "2021-01-01"));
  }
  // The resident cadre stationed here: a party member in two villages of three.
  const bool party = index % 3 != 0;
  SL_ASSIGN_OR_RETURN(auto resident, b.Person(kTownCommunity, 1985 + index % 8, {},
                                              party ? "full" : "", party ? "2012-07-01" : ""));
  SL_TRY(b.Post(resident.id, "resident_cadre", v.code, "驻村干部", false, "2021-09-01"));
  place.resident = resident.id;
  place.resident_party = party;
  for (int w = 0; w < 3 + index % 2; ++w) {
    SL_ASSIGN_OR_RETURN(auto household, b.Person(v.code, 1970 + w * 4, {"wealth_creator"}));
    place.wealth_creators.push_back(household.id);
  }
  SL_ASSIGN_OR_RETURN(auto activist, b.Person(v.code, 1992 + index % 6, {"skilled_farmer"},
                                              "activist", "2022-03-01"));
  place.activist = activist.id;
  if (index % 2 == 0) SL_TRY(b.Person(v.code, 1995, {}, "applicant", "2022-05-01"));
  return OkStatus();
}

// Where a firm sits: the village its name names (朋佳中草药 in 朋佳村, 镇东面条
// in 镇东社区; 愚公岩 is in 甘溪村), else the villages in turn.
const std::string& HomeOf(std::string_view firm, const std::vector<regions::Region>& villages,
                          size_t i) {
  const std::string_view place = firm.find("愚公岩") != std::string_view::npos ? "甘溪" : firm;
  for (const auto& v : villages) {
    std::string_view name = v.name;
    for (std::string_view suffix : {std::string_view("社区"), std::string_view("村")})
      if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
        name.remove_suffix(suffix.size());
        break;
      }
    if (place.find(name) != std::string_view::npos) return v.code;
  }
  return villages[i % villages.size()].code;
}

// The chamber, its party branch and its 31 members with their enterprises.
Status AddChamber(Builder& b, const std::vector<regions::Region>& villages, int64_t committee,
                  TownCast& cast) {
  SL_ASSIGN_OR_RETURN(auto chamber,
                      b.Organization("chamber", "楠市镇商会", kTown, 0, "2022-03-18"));
  SL_ASSIGN_OR_RETURN(auto chamber_branch, b.Organization("party_branch", "楠市镇商会党支部", kTown,
                                                          committee, "2022-03-18"));
  int party_members = 0;
  for (size_t i = 0; i < kFirms.size(); ++i) {
    const std::string& home = HomeOf(kFirms[i].name, villages, i);
    // 13 of the 31 are party members: 11 full members, 2 probationary.
    const bool party = i < 13;
    const std::string stage = !party ? "" : i < 11 ? "full" : "probationary";
    SL_ASSIGN_OR_RETURN(auto entrepreneur,
                        b.Person(home, 1972 + static_cast<int>(i % 20), {"entrepreneur"}, stage,
                                 i < 11 ? "2010-07-01" : "2021-10-01"));
    party_members += party;
    registry::EnterpriseInput e;
    e.name = kFirms[i].name;
    e.industry = kFirms[i].industry;
    e.region = home;
    e.legal_representative = entrepreneur.id;
    e.registered_capital_fen = int64_t{kCapitalWan[i]} * 10000 * 100;
    char org8[40];
    std::snprintf(org8, sizeof org8, "MA4L%04d", static_cast<int>(i) + 1);
    e.uscc = registry::MakeUscc("91", "431127", org8);
    char founded[40];
    std::snprintf(founded, sizeof founded, "%04d-%02d-15", 2010 + static_cast<int>(i % 12),
                  1 + static_cast<int>(i % 12));
    e.founded_on = founded;
    SL_ASSIGN_OR_RETURN(auto enterprise, registry::CreateEnterprise(b.tx, b.caller, e));
    registry::MembershipInput m;
    m.chamber = chamber.id;
    m.person = entrepreneur.id;
    m.enterprise = enterprise.id;
    m.post = i == 0 ? "president" : i < 4 ? "vice_president" : i < 11 ? "director" : "member";
    char joined[40];
    const int month = 3 + static_cast<int>(i % 7);  // after the chamber's founding on 03-18
    std::snprintf(joined, sizeof joined, "2022-%02d-%02d", month,
                  month == 3 ? 18 + static_cast<int>(i % 10) : 1 + static_cast<int>(i % 28));
    m.joined_on = joined;
    m.dues_status = i % 9 == 8 ? "unpaid" : "paid";
    SL_TRY(registry::CreateMembership(b.tx, b.caller, m));
    cast.entrepreneurs.push_back({entrepreneur.id, joined, party});
    if (party)
      SL_TRY(b.Member(chamber_branch.id, entrepreneur.id, i == 1 ? "secretary" : "member",
                      "2022-03-18"));
  }
  if (party_members != 13) return Error::Internal("demo: party members miscounted");
  return OkStatus();
}

}  // namespace

Result<TownCast> CreateNanshiRegistry(db::Tx& tx, const Caller& caller) {
  Builder b{tx, caller};
  TownCast cast;
  cast.town = kTown;

  // The town party committee and its leadership team (班子成员).
  SL_ASSIGN_OR_RETURN(auto committee, b.Organization("party_committee", "中共楠市镇委员会", kTown,
                                                     0, "1956-01-01"));
  const std::array<const char*, 9> titles = {"党委书记", "党委副书记、镇长", "党委副书记",
                                             "人大主席", "纪委书记",         "组织委员",
                                             "宣传委员", "副镇长",           "副镇长"};
  for (size_t i = 0; i < titles.size(); ++i) {
    SL_ASSIGN_OR_RETURN(
        auto p, b.Person(kTownCommunity, 1970 + static_cast<int>(i), {}, "full", "2000-07-01"));
    SL_TRY(b.Post(p.id, "town_leader", kTown, titles[i], true, "2021-09-01"));
    cast.leaders.push_back(p.id);
    SL_TRY(b.Member(committee.id, p.id,
                    i == 0  ? "secretary"
                    : i < 3 ? "deputy_secretary"
                            : "committee_member",
                    "2021-09-01"));
  }

  SL_ASSIGN_OR_RETURN(auto villages, regions::Children(tx, Scope::Everything(), kTown));
  int index = 0;
  for (const auto& v : villages) SL_TRY(AddVillage(b, v, ++index, committee.id, cast));
  SL_TRY(AddChamber(b, villages, committee.id, cast));
  return cast;
}

Result<TownCast> CreateSuochengRegistry(db::Tx& tx, const Caller& caller) {
  constexpr const char* kSuocheng = "431127104";
  Builder b{tx, caller};
  b.names = Names{20221021};
  b.serial = 600;
  TownCast cast;
  cast.town = kSuocheng;
  SL_ASSIGN_OR_RETURN(auto villages, regions::Children(tx, Scope::Everything(), kSuocheng));
  if (villages.size() < 4) return Error::Internal("demo: 所城镇 has too few villages");
  const std::string seat = villages.front().code;
  SL_ASSIGN_OR_RETURN(auto committee, b.Organization("party_committee", "中共所城镇委员会",
                                                     kSuocheng, 0, "1956-01-01"));
  for (const char* title : {"党委书记", "党委副书记、镇长", "副镇长"}) {
    SL_ASSIGN_OR_RETURN(auto p, b.Person(seat, 1972, {}, "full", "2000-07-01"));
    SL_TRY(b.Post(p.id, "town_leader", kSuocheng, title, true, "2021-09-01"));
    cast.leaders.push_back(p.id);
  }
  // Four villages: two groups each, a secretary, a resident cadre in three.
  for (size_t i = 0; i < 4; ++i) {
    const auto& v = villages[i];
    TownCast::Village& place = cast.villages.emplace_back();
    place.code = v.code;
    for (int g = 1; g <= 2; ++g) {
      SL_ASSIGN_OR_RETURN(auto group, regions::AddGroup(tx, v.code, g, std::to_string(g) + "组"));
      place.groups.push_back(group.code);
    }
    SL_ASSIGN_OR_RETURN(auto branch, b.Organization("party_branch", v.name + "党支部", v.code,
                                                    committee.id, "1958-01-01"));
    place.branch = branch.id;
    SL_ASSIGN_OR_RETURN(auto secretary, b.Person(v.code, 1970, {}, "full", "1995-07-01"));
    SL_TRY(b.Post(secretary.id, "village_secretary", v.code, "党支部书记、村委会主任", false,
                  "2021-01-01"));
    place.cadres.push_back(secretary.id);
    if (i < 3) {
      SL_ASSIGN_OR_RETURN(auto resident, b.Person(seat, 1988, {}, "full", "2012-07-01"));
      SL_TRY(b.Post(resident.id, "resident_cadre", v.code, "驻村干部", false, "2021-09-01"));
      place.resident = resident.id;
      place.resident_party = true;
    }
    SL_ASSIGN_OR_RETURN(auto household, b.Person(v.code, 1975, {"wealth_creator"}));
    place.wealth_creators.push_back(household.id);
  }
  // A young chamber of six members.
  SL_ASSIGN_OR_RETURN(auto chamber,
                      b.Organization("chamber", "所城镇商会", kSuocheng, 0, "2022-05-01"));
  for (int i = 0; i < 6; ++i) {
    SL_ASSIGN_OR_RETURN(auto entrepreneur,
                        b.Person(villages[i % 4].code, 1978 + i, {"entrepreneur"}));
    registry::MembershipInput m;
    m.chamber = chamber.id;
    m.person = entrepreneur.id;
    m.post = i == 0 ? "president" : "member";
    m.joined_on = "2022-05-01";
    m.dues_status = "paid";
    SL_TRY(registry::CreateMembership(tx, caller, m));
    cast.entrepreneurs.push_back({entrepreneur.id, "2022-05-01", false});
  }
  return cast;
}

Status CreateCountyCadres(db::Tx& tx, const Caller& caller) {
  constexpr const char* kCounty = "431127";
  Builder b{tx, caller};
  b.names = Names{20221022};
  b.serial = 800;
  struct Cadre {
    const char* title;
    const char* industry;
  };
  static constexpr std::array<Cadre, 6> kCadres = {{
      {"县农业农村局局长", "agriculture"},
      {"县工业和信息化局局长", "manufacturing"},
      {"县商务局副局长", "wholesale_retail"},
      {"县文化旅游广电体育局副局长", "culture"},
      {"县住房和城乡建设局副局长", "construction"},
      {"县交通运输局副局长", "transport"},
  }};
  for (size_t i = 0; i < kCadres.size(); ++i) {
    SL_ASSIGN_OR_RETURN(
        auto p, b.Person(kCounty, 1970 + static_cast<int>(i) * 2, {}, "full", "1998-07-01"));
    SL_TRY(b.Post(p.id, "county_cadre", kCounty, kCadres[i].title, false, "2021-06-01",
                  kCadres[i].industry));
  }
  return OkStatus();
}

}  // namespace sl::demo
