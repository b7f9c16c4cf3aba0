// The definitions of the figures: fixed ones, and those that follow the data
// (event kinds and groups, project kinds, stages and indicators, income
// sources, people's tags), in the order pages and sheets show them.

#include <array>

#include "events/events.hpp"
#include "figures/figures.hpp"
#include "land/land.hpp"
#include "projects/projects.hpp"
#include "registry/model.hpp"

namespace sl::figures {

std::string Definition::Name(Lang lang) const {
  switch (lang) {
    case Lang::kZhTW:
      return name_zh_tw;
    case Lang::kEn:
      return name_en;
    default:
      return name_zh_cn;
  }
}

std::string Definition::Unit(Lang lang) const {
  if (lang != Lang::kEn) return unit_zh;
  return unit_en;
}

namespace {

struct Unit {
  const char* zh;
  const char* en;
};
constexpr Unit kPeople{"人", "people"}, kTimes{"次", "times"}, kHeads{"人次", "attendances"},
    kCases{"件", "requests"}, kFirms{"家", "enterprises"}, kItems{"个", ""}, kYuan{"元", "yuan"},
    kMu{"亩", "mu"}, kPairs{"对", "pairings"}, kPercent{"%", "%"};

Definition Fixed(std::string code, std::string section, std::string ledger, Choice name, Unit unit,
                 Rollup rollup, bool approximate, int scale, std::string query) {
  Definition d;
  d.code = std::move(code);
  d.section = std::move(section);
  d.ledger = std::move(ledger);
  d.name_zh_cn = name.zh_cn;
  d.name_zh_tw = name.zh_tw;
  d.name_en = name.en;
  d.unit_zh = unit.zh;
  d.unit_en = unit.en;
  d.rollup = rollup;
  d.approximate = approximate;
  d.scale = scale;
  d.query = std::move(query);
  return d;
}

Definition Ratio(std::string code, std::string section, std::string ledger, Choice name,
                 std::string numerator, std::string denominator) {
  Definition d = Fixed(std::move(code), std::move(section), std::move(ledger), name, kPercent,
                       Rollup::kSum, false, 0, "");
  d.query = numerator + " / " + denominator;
  d.numerator = std::move(numerator);
  d.denominator = std::move(denominator);
  return d;
}

std::string Joined(std::string_view a, std::string_view b) {
  return std::string(a) + std::string(b);
}

constexpr std::array<Choice, 4> kLevelNames = {{
    {"1", "一级包保（镇领导包企业家）", "一級包保（鎮領導包企業家）", "Level 1 (leaders)"},
    {"2", "二级包保（驻村干部包村）", "二級包保（駐村幹部包村）", "Level 2 (resident cadres)"},
    {"3", "三级包保（村干部包组包片）", "三級包保（村幹部包組包片）", "Level 3 (village cadres)"},
    {"4", "四级包保（企业家包项目）", "四級包保（企業家包項目）", "Level 4 (entrepreneurs)"},
}};

}  // namespace

Result<std::vector<Definition>> Catalog(db::Tx& tx) {
  std::vector<Definition> out;
  const auto add = [&](Definition d) { out.push_back(std::move(d)); };

  // The chamber, at the period's end.
  add(Fixed("chamber.members", "chamber", "chamber",
            {"", "商会会员", "商會會員", "Chamber members"}, kPeople, Rollup::kLatest, false, 0,
            "chamber members at the period's end"));
  add(Fixed("chamber.party_members", "chamber", "chamber",
            {"", "会员中的党员", "會員中的黨員", "Members in the party"}, kPeople, Rollup::kLatest,
            false, 0, "chamber members who are party members at the period's end"));
  add(Fixed("chamber.enterprises", "chamber", "chamber",
            {"", "会员企业", "會員企業", "Member enterprises"}, kFirms, Rollup::kLatest, false, 0,
            "enterprises of chamber members at the period's end"));
  add(Fixed("chamber.registered_capital", "chamber", "chamber",
            {"", "会员企业注册资本", "會員企業註冊資本", "Registered capital of members' firms"},
            kYuan, Rollup::kLatest, true, 2, "registered capital of those enterprises"));

  // People in the registry, at the period's end.
  add(Fixed("people.total", "people", "people", {"", "在册人员", "在冊人員", "People on file"},
            kPeople, Rollup::kLatest, false, 0, "people on file"));
  add(Fixed("people.party_members", "people", "people", {"", "党员", "黨員", "Party members"},
            kPeople, Rollup::kLatest, false, 0,
            "probationary and full members at the period's end"));
  add(Fixed("people.activists", "people", "people",
            {"", "入党积极分子", "入黨積極分子", "Party activists"}, kPeople, Rollup::kLatest,
            false, 0, "activists at the period's end"));
  for (const Choice& t : registry::Tags())
    add(Fixed(Joined("people.tag.", t.id), "people", "people", t, kPeople, Rollup::kLatest, false,
              0, Joined("people tagged ", t.id) + " at the period's end"));
  add(Fixed("regions.groups", "people", "groups", {"", "村民小组", "村民小組", "Villager groups"},
            kItems, Rollup::kLatest, false, 0, "groups in use at the period's end"));

  // The four-level pairing, at the period's end.
  for (size_t i = 0; i < kLevelNames.size(); ++i) {
    const std::string level = "pairing.level" + std::to_string(i + 1);
    const Choice& n = kLevelNames[i];
    add(Fixed(level + ".pairings", "pairing", "pairing", n, kPairs, Rollup::kLatest, false, 0,
              "pairings of level " + std::to_string(i + 1) + " in force at the period's end"));
    add(Fixed(level + ".targets", "pairing", "coverage",
              {"", "应包保对象", "應包保對象", "Targets to cover"}, kItems, Rollup::kLatest, false,
              0, "targets of the coverage rule of level " + std::to_string(i + 1)));
    add(Fixed(level + ".covered", "pairing", "coverage",
              {"", "已包保对象", "已包保對象", "Covered"}, kItems, Rollup::kLatest, false, 0,
              "targets covered as the rule asks, level " + std::to_string(i + 1)));
    add(Ratio(level + ".coverage", "pairing", "coverage",
              {"", "包保覆盖率", "包保覆蓋率", "Coverage"}, level + ".covered",
              level + ".targets"));
  }
  add(Fixed("pairing.quotas_failing", "pairing", "quota",
            {"", "联系任务未完成人数", "聯繫任務未完成人數", "People behind on their quotas"},
            kPeople, Rollup::kLatest, false, 0, "people short of a quota rule's contacts"));
  add(Fixed("pairing.contacts", "pairing", "contacts", {"", "走访联系", "走訪聯繫", "Visits"},
            kTimes, Rollup::kSum, false, 0, "visits made in the period"));

  // Events of the period: in all, by group, by kind.
  add(Fixed("events.count", "events", "events", {"", "活动", "活動", "Events"}, kTimes,
            Rollup::kSum, false, 0, "events starting in the period"));
  add(Fixed("events.attendances", "events", "events", {"", "参加人次", "參加人次", "Attendances"},
            kHeads, Rollup::kSum, true, 0, "present attendance and unregistered head-counts"));
  add(Fixed("events.people", "events", "events", {"", "参加人数", "參加人數", "People attending"},
            kPeople, Rollup::kDistinct, true, 0, "distinct people present, per town"));
  for (const Choice& g : events::Groups()) {
    const std::string p = Joined("events.group.", g.id);
    add(Fixed(p + ".count", "events", "events", g, kTimes, Rollup::kSum, false, 0,
              Joined("events of group ", g.id) + " starting in the period"));
    add(Fixed(p + ".attendances", "events", "events", g, kHeads, Rollup::kSum, true, 0,
              Joined("attendance at events of group ", g.id)));
    out.back().name_zh_cn = Joined(g.zh_cn, "参加人次");
    out.back().name_zh_tw = Joined(g.zh_tw, "參加人次");
    out.back().name_en = Joined(g.en, ": attendances");
    add(Fixed(p + ".people", "events", "events", g, kPeople, Rollup::kDistinct, true, 0,
              Joined("distinct people present at events of group ", g.id)));
    out.back().name_zh_cn = Joined(g.zh_cn, "参加人数");
    out.back().name_zh_tw = Joined(g.zh_tw, "參加人數");
    out.back().name_en = Joined(g.en, ": people");
  }
  SL_ASSIGN_OR_RETURN(auto kinds, events::ListEventKinds(tx));
  for (const events::EventKind& k : kinds) {
    const std::string p = "events.kind." + k.code;
    const auto named = [&](Definition d, const char* zh, const char* tw, const char* en) {
      d.name_zh_cn = k.name_zh_cn + zh;
      d.name_zh_tw = k.name_zh_tw + tw;
      d.name_en = k.name_en + en;
      return d;
    };
    add(named(Fixed(p + ".count", "events", "events", {}, kTimes, Rollup::kSum, false, 0,
                    "events of kind " + k.code + " starting in the period"),
              "", "", ""));
    add(named(Fixed(p + ".attendances", "events", "events", {}, kHeads, Rollup::kSum, true, 0,
                    "present attendance and unregistered head-counts at events of kind " + k.code),
              "参加人次", "參加人次", ": attendances"));
    add(named(Fixed(p + ".people", "events", "events", {}, kPeople, Rollup::kDistinct, true, 0,
                    "distinct people present at events of kind " + k.code + ", per town"),
              "参加人数", "參加人數", ": people"));
  }

  // Projects: by kind (in being at the period's end, and started in it), by
  // stage at the period's end, and the indicators' values of the period.
  for (const Choice& k : projects::Kinds()) {
    const std::string p = Joined("projects.kind.", k.id);
    add(Fixed(p + ".count", "projects", "projects", k, kItems, Rollup::kLatest, false, 0,
              Joined("projects of kind ", k.id) + " started by the period's end"));
    add(Fixed(p + ".new", "projects", "projects", k, kItems, Rollup::kSum, false, 0,
              Joined("projects of kind ", k.id) + " started in the period"));
    out.back().name_zh_cn = Joined("新增", k.zh_cn);
    out.back().name_zh_tw = Joined("新增", k.zh_tw);
    out.back().name_en = Joined("New: ", k.en);
  }
  for (const Choice& s : projects::Stages())
    add(Fixed(Joined("projects.stage.", s.id), "projects", "projects", s, kItems, Rollup::kLatest,
              false, 0, Joined("projects at stage ", s.id) + " at the period's end"));
  SL_ASSIGN_OR_RETURN(auto indicators, projects::ListIndicators(tx));
  for (const projects::Indicator& i : indicators) {
    for (bool expected : {false, true}) {
      Definition d;
      d.code = "projects.indicator." + i.code + (expected ? ".expected" : "");
      d.section = "projects";
      d.ledger = "projects";
      d.name_zh_cn = (expected ? "预计" : "") + i.name_zh_cn;
      d.name_zh_tw = (expected ? "預計" : "") + i.name_zh_tw;
      d.name_en = (expected ? "Expected " : "") + i.name_en;
      const bool fen = i.unit_zh_cn == "分";
      d.unit_zh = fen ? "元" : i.unit_zh_cn;
      d.unit_en = fen ? "yuan" : i.unit_en;
      d.scale = i.scale + (fen ? 2 : 0);
      d.rollup = i.sum_periods ? Rollup::kSum : Rollup::kLatest;
      d.approximate = true;
      d.query = std::string(expected ? "expected" : "actual") + " values of indicator " + i.code +
                " for periods starting in the period" +
                (i.sum_periods ? " (added up)" : " (each project's latest)");
      add(std::move(d));
    }
  }

  // Land and the collectives' income.
  add(Fixed("land.contracts", "land", "land",
            {"", "土地流转合同", "土地流轉合同", "Land contracts"}, kItems, Rollup::kSum, false, 0,
            "contracts in force during the period"));
  add(Fixed("land.area", "land", "land", {"", "流转面积", "流轉面積", "Area transferred"}, kMu,
            Rollup::kSum, false, 2, "area of those contracts"));
  add(Fixed("land.jobs", "land", "land", {"", "带动就业", "帶動就業", "Jobs"}, kPeople,
            Rollup::kSum, true, 0, "jobs of those contracts"));
  add(Fixed("land.new_contracts", "land", "land",
            {"", "新签流转合同", "新簽流轉合同", "New land contracts"}, kItems, Rollup::kSum, false,
            0, "contracts starting in the period"));
  add(Fixed("land.new_area", "land", "land",
            {"", "新增流转面积", "新增流轉面積", "Area newly transferred"}, kMu, Rollup::kSum,
            false, 2, "area of contracts starting in the period"));
  add(Fixed("land.new_rent", "land", "land", {"", "新增年租金", "新增年租金", "New yearly rent"},
            kYuan, Rollup::kSum, false, 2, "first-year rent of contracts starting in the period"));
  add(Fixed("land.new_jobs", "land", "land", {"", "新增就业", "新增就業", "New jobs"}, kPeople,
            Rollup::kSum, true, 0, "jobs of contracts starting in the period"));
  add(Fixed("land.rent_due", "land", "land", {"", "应收租金", "應收租金", "Rent due"}, kYuan,
            Rollup::kSum, false, 2, "payments due in the period"));
  add(Fixed("land.rent_received", "land", "land", {"", "实收租金", "實收租金", "Rent received"},
            kYuan, Rollup::kSum, false, 2, "receipts in the period"));
  add(Fixed("land.rent_overdue", "land", "land",
            {"", "逾期未收租金", "逾期未收租金", "Rent overdue"}, kYuan, Rollup::kSum, false, 2,
            "payments due in the period, unpaid when judged"));
  add(Fixed("income.total", "land", "income", {"", "村集体收入", "村集體收入", "Collective income"},
            kYuan, Rollup::kSum, true, 2,
            "rent received by collectives in the period and income entered for its years"));
  for (const Choice& s : land::IncomeSources())
    add(Fixed(Joined("income.source.", s.id), "land", "income", s, kYuan, Rollup::kSum, true, 2,
              Joined("collective income from ", s.id)));

  // Requests raised in the period.
  add(Fixed("requests.total", "requests", "requests",
            {"", "企业诉求", "企業訴求", "Requests raised"}, kCases, Rollup::kSum, false, 0,
            "requests raised in the period"));
  add(Fixed("requests.open", "requests", "requests", {"", "办理中", "辦理中", "Still open"}, kCases,
            Rollup::kSum, false, 0, "of those, still open"));
  add(Fixed("requests.overdue", "requests", "requests", {"", "逾期未办结", "逾期未辦結", "Overdue"},
            kCases, Rollup::kSum, false, 0, "of those, open past their due date when judged"));
  add(Fixed("requests.resolved", "requests", "requests", {"", "已办结", "已辦結", "Resolved"},
            kCases, Rollup::kSum, false, 0, "of those, resolved"));
  add(Fixed("requests.on_time", "requests", "requests",
            {"", "按期办结", "按期辦結", "Resolved on time"}, kCases, Rollup::kSum, false, 0,
            "of those, resolved by their due date"));
  add(Fixed("requests.rated", "requests", "requests", {"", "已评价", "已評價", "Rated"}, kCases,
            Rollup::kSum, false, 0, "of those, rated"));
  add(Fixed("requests.satisfied", "requests", "requests", {"", "满意", "滿意", "Satisfied"}, kCases,
            Rollup::kSum, false, 0, "of those, rated satisfied or better"));
  add(Ratio("requests.on_time_rate", "requests", "requests",
            {"", "按期办结率", "按期辦結率", "On-time rate"}, "requests.on_time",
            "requests.resolved"));
  add(Ratio("requests.satisfaction_rate", "requests", "requests",
            {"", "满意率", "滿意率", "Satisfaction rate"}, "requests.satisfied", "requests.rated"));
  return out;
}

}  // namespace sl::figures
