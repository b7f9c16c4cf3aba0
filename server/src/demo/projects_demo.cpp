// The projects, land and collective-income demo, as the seed tells 楠市镇's
// 2022: the three projects brought back from 佛山 (意向投资200万元 in all); the
// small-seed peanut base (近2000亩 with 湖南农业大学, 年产值预计超过1000万元);
// the 楠市十三道面条 workshops (30余家, 600万公斤, 3000万元); 愚公岩旅游区 in
// 甘溪村 (近200亩, 500万元 invested, 近3万 visitors); the 红星学园 free courses
// in 上下村 (近100名青少年); and 朋佳村's 450亩 of idle forest land transferred
// for 5 years from September 2022 to the chamber's herbal grower, 4万元 a year
// to the collective, 30余 jobs. Written through the stores, so it obeys
// their rules; every figure a page shows comes from these records.

#include <string>
#include <vector>

#include "core/date.hpp"
#include "demo/demo.hpp"
#include "land/land.hpp"
#include "projects/projects.hpp"

namespace sl::demo {

namespace {

constexpr const char* kTown = "431127103";
constexpr const char* kPengjia = "431127103224";
constexpr const char* kGanxi = "431127103228";
constexpr const char* kShangxia = "431127103210";

// The chamber members the seed names, by their place in the cast (its
// enterprises are kFirms of nanshi.cpp, in order).
constexpr size_t kNoodles = 0, kYugongyan = 1, kPeanuts = 2, kHerbs = 3, kKangmei = 4,
                 kZhendongNoodles = 9, kHuanlianNoodles = 23;

Result<int64_t> IdOf(db::Tx& tx, const char* sql, const std::string& key) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(sql, {key}));
  if (!row) return Error::Internal("demo: not on file: " + key);
  return row->Int(0);
}

struct Value {
  const char* indicator;
  const char* value;
  bool expected;
  const char* source;
};

struct Item {
  const char* kind;
  const char* name;
  const char* region;
  std::vector<projects::StageStep> stages;
  const char* started_on;
  const char* description;
  std::vector<size_t> owners;  // cast members whose enterprises own it
  std::vector<Value> values;   // of 2022
  size_t answers;              // the cast member who answers for it (level 4)
};

}  // namespace

Result<std::vector<std::pair<int64_t, int64_t>>> CreateProjectsDemo(db::Tx& tx,
                                                                    const Caller& caller,
                                                                    const TownCast& nanshi) {
  const std::vector<Item> items = {
      {"investment",
       "佛山考察招商：五金加工项目",
       kTown,
       {{"negotiating", "2022-07-20"}},
       "2022-07-20",
       "7月赴广东佛山考察引回，商会会长对接",
       {},
       {{"investment_intended_fen", "80000000", false, "考察组报告"}},
       kNoodles},
      {"investment",
       "佛山考察招商：服装辅料项目",
       kTown,
       {{"negotiating", "2022-07-20"}},
       "2022-07-20",
       "7月赴广东佛山考察引回",
       {},
       {{"investment_intended_fen", "70000000", false, "考察组报告"}},
       kYugongyan},
      {"investment",
       "佛山考察招商：电子配件项目",
       kTown,
       {{"negotiating", "2022-07-20"}, {"signed", "2022-09-28"}},
       "2022-07-20",
       "7月赴广东佛山考察引回，9月签约",
       {},
       {{"investment_intended_fen", "50000000", false, "意向协议"}},
       kPeanuts},
      {"industry",
       "小籽花生种植基地",
       kTown,
       {{"signed", "2020-03-01"}, {"producing", "2020-04-01"}},
       "2020-03-01",
       "依托湖南农业大学的技术，种植红皮、黑皮小籽等特色花生，规模化、标准化种植",
       {kPeanuts},
       {{"area_mu", "1980.00", false, "镇农业综合服务中心统计"},
        {"output_value_fen", "1050000000", true, "合作社预计"}},
       kPeanuts},
      {"industry",
       "楠市十三道面条作坊集群",
       kTown,
       {{"producing", "2019-01-01"}},
       "2019-01-01",
       "改良机器设备、加大金融扶持，面条小作坊市场化转型，打造“楠市十三道面条”品牌",
       {kNoodles, kZhendongNoodles, kHuanlianNoodles},
       {{"workshops", "32", false, "市场监管所登记"},
        {"output_kg", "6000000", false, "作坊产量汇总"},
        {"output_value_fen", "3000000000", false, "作坊产值汇总"}},
       kZhendongNoodles},
      {"tourism",
       "愚公岩旅游区",
       kGanxi,
       {{"building", "2020-03-01"}, {"producing", "2021-05-01"}},
       "2020-03-01",
       "引入民间资本，集种植养殖、生态旅游、户外拓展于一体",
       {kYugongyan},
       {{"area_mu", "196.00", false, "景区规划"},
        {"investment_actual_fen", "500000000", false, "企业投资台账"},
        {"visitors", "29000", false, "景区售票统计"}},
       kYugongyan},
      {"welfare",
       "红星学园公益课堂",
       kShangxia,
       {{"producing", "2022-03-01"}},
       "2022-03-01",
       "上下村农村留守儿童教育工程；免费开设军体拳、舞狮等文艺培训",
       {kKangmei},
       {{"beneficiaries", "96", false, "课堂签到"}},
       kKangmei},
      {"industry",
       "朋佳村闲置林地流转（中草药种植）",
       kPengjia,
       {{"signed", "2022-09-01"}, {"producing", "2022-09-01"}},
       "2022-09-01",
       "450亩闲置林地流转给镇商会中草药种植能人，流转5年",
       {kHerbs},
       {{"area_mu", "450.00", false, "流转合同"},
        {"collective_income_fen", "4000000", false, "村集体账"},
        {"jobs", "32", false, "村委会统计"}},
       kHerbs},
  };
  std::vector<std::pair<int64_t, int64_t>> answers;
  for (const Item& item : items) {
    projects::ProjectInput in;
    in.kind = item.kind;
    in.name = item.name;
    in.region = item.region;
    in.started_on = item.started_on;
    in.description = item.description;
    in.stages = item.stages;
    std::vector<int64_t> owners;
    for (size_t who : item.owners) {
      SL_ASSIGN_OR_RETURN(
          int64_t firm, IdOf(tx, "SELECT enterprise_id FROM chamber_membership WHERE person_id = ?",
                             std::to_string(nanshi.entrepreneurs.at(who).person)));
      owners.push_back(firm);
    }
    in.enterprise_ids = owners;
    SL_ASSIGN_OR_RETURN(projects::Project p, projects::CreateProject(tx, caller, in));
    for (const Value& v : item.values) {
      projects::ValueInput value;
      value.indicator = v.indicator;
      value.value = v.value;
      value.year = 2022;
      value.expected = v.expected;
      value.source = v.source;
      SL_TRY(projects::PutValue(tx, caller, p.id, value));
    }
    answers.emplace_back(p.id, nanshi.entrepreneurs.at(item.answers).person);
  }

  // 朋佳村's forest land: the contract, and the rent as it came in — every
  // payment due so far but the latest, which the village still has to collect.
  land::ContractInput c;
  c.region = kPengjia;
  SL_ASSIGN_OR_RETURN(c.transferor_org,
                      IdOf(tx,
                           "SELECT o.id FROM organization o JOIN region r ON r.id = o.region_id "
                           "WHERE o.kind = 'collective' AND r.code = ?",
                           kPengjia));
  SL_ASSIGN_OR_RETURN(c.transferee_enterprise,
                      IdOf(tx, "SELECT enterprise_id FROM chamber_membership WHERE person_id = ?",
                           std::to_string(nanshi.entrepreneurs.at(kHerbs).person)));
  c.land_type = "forest";
  c.area_mu = "450.00";
  c.purpose = "中草药种植";
  c.starts_on = "2022-09-01";
  c.years = 5;
  c.rent_fen_per_year = 4000000;
  c.payment_frequency = "yearly";
  c.jobs = 32;
  c.note = "镇党委协调，与镇商会中草药种植能人签订";
  SL_ASSIGN_OR_RETURN(land::Contract contract, land::CreateContract(tx, caller, c));
  SL_ASSIGN_OR_RETURN(land::Payments schedule, land::ListPayments(tx, caller, contract.id, ""));
  const std::string today = TodayInChina();
  size_t due = 0;
  while (due < schedule.items.size() && schedule.items[due].due_on <= today) ++due;
  for (size_t i = 0; i < schedule.items.size() && (i == 0 || i + 1 < due); ++i) {
    land::ReceiptInput r;
    r.received_on = AddDays(schedule.items[i].due_on, 14);
    if (*r.received_on > today) r.received_on = today;
    r.amount_fen = schedule.items[i].amount_fen;
    r.payer = "蓝山县朋佳中草药种植有限公司";
    r.note = i == 0 ? "首年租金" : "年度租金";
    SL_TRY(land::AddReceipt(tx, caller, contract.id, schedule.items[i].n, r));
  }
  return answers;
}

}  // namespace sl::demo
