// 楠市镇's 2022 events as the seed tells them: 14 meetings (党委会, 商会骨干座谈会,
// 村民代表会); four 高素质农民培育 courses with 湖南农业大学 whose trainees are
// "15余" (17 people); eight party-affairs trainings, "200余人次" (208 present);
// the July study trip to 佛山 that brought back three projects; and the free
// courses at 红星学园 run by the 康美 member with 市军分区, "近100名青少年" (96,
// not in the registry). Every figure is counted from these records.

#include <cstdio>

#include "demo/demo.hpp"
#include "events/events.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"

namespace sl::demo {

namespace {

constexpr const char* kTown = "431127103";
constexpr const char* kHongxing = "431127103210";  // 上下村, where 红星学园 is

std::string At(int month, int day, const char* time = nullptr) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "2022-%02d-%02d%s%s", month, day, time ? "T" : "",
                time ? time : "");
  return buf;
}

struct Attendee {
  int64_t person;
  const char* role;
};

struct EventWriter {
  db::Tx& tx;
  const Caller& caller;

  Status Add(const char* kind, const std::string& title, const std::string& region,
             const std::string& starts, const std::string& place, std::vector<int64_t> organizers,
             std::vector<int64_t> partners, const std::string& agenda, const std::string& decisions,
             const std::vector<Attendee>& attendees, int64_t unregistered = 0,
             std::vector<int64_t> projects = {}) {
    events::EventInput in;
    in.kind = kind;
    in.title = title;
    in.region = region;
    in.starts_at = starts;
    in.place = place;
    in.organizers = std::move(organizers);
    in.partners = std::move(partners);
    in.agenda = agenda;
    in.decisions = decisions;
    in.unregistered_count = unregistered;
    in.project_ids = std::move(projects);
    SL_ASSIGN_OR_RETURN(events::Event e, events::CreateEvent(tx, caller, in));
    std::vector<events::AttendanceInput> rows;
    for (const Attendee& a : attendees)
      rows.push_back({a.person, std::string(a.role), std::string("present")});
    if (!rows.empty()) {
      auto put = events::PutAttendance(tx, caller, e.id, rows);
      if (!put.ok()) return std::move(put).error();
    }
    return OkStatus();
  }
};

Result<int64_t> OrgId(db::Tx& tx, const std::string& kind, const std::string& name,
                      const std::string& region) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT o.id FROM organization o JOIN region r ON r.id "
                                            "= o.region_id WHERE o.kind = ? AND o.name = ? AND "
                                            "r.code = ? AND o.deleted_at IS NULL",
                                            {kind, name, region}));
  if (!row) return Error::Internal("demo: no organization " + name);
  return row->Int(0);
}

Result<int64_t> External(db::Tx& tx, const Caller& caller, const char* name) {
  registry::OrganizationInput in;
  in.kind = "external";
  in.name = name;
  in.region = kTown;
  SL_ASSIGN_OR_RETURN(auto org, registry::CreateOrganization(tx, caller, in));
  return org.id;
}

}  // namespace

Status CreateEventsDemo(db::Tx& tx, const Caller& caller, const TownCast& nanshi) {
  EventWriter w{tx, caller};
  SL_ASSIGN_OR_RETURN(int64_t committee, OrgId(tx, "party_committee", "中共楠市镇委员会", kTown));
  SL_ASSIGN_OR_RETURN(int64_t chamber, OrgId(tx, "chamber", "楠市镇商会", kTown));
  SL_ASSIGN_OR_RETURN(int64_t university, External(tx, caller, "湖南农业大学"));
  SL_ASSIGN_OR_RETURN(int64_t garrison, External(tx, caller, "永州市军分区"));

  const auto& leaders = nanshi.leaders;
  const auto& members = nanshi.entrepreneurs;
  std::vector<Attendee> team;
  for (size_t i = 0; i < leaders.size(); ++i)
    team.push_back({leaders[i], i == 0 ? "host" : "participant"});

  // Meetings: six of the party committee, four with the chamber's core
  // members, four of villagers' representatives — 14 in all.
  const std::vector<std::tuple<int, int, const char*, const char*>> committee_meetings = {
      {1, 18, "研究全年党建工作要点和乡村振兴重点任务", "通过《2022年党建工作要点》"},
      {3, 10, "研究成立楠市镇商会及商会党支部，确定“党建+商会”双轮驱动工作机制",
       "同意成立楠市镇商会和商会党支部；建立班子成员联系商会企业家制度"},
      {5, 16, "研究四级包保制度落实和驻村干部安排", "明确四级包保责任清单，每月调度一次"},
      {7, 5, "研究赴佛山考察招商方案", "由党委书记带队，商会会长、副会长随行"},
      {9, 8, "研究朋佳村闲置林地流转和中草药种植项目", "支持朋佳村将450亩林地流转给商会会员企业"},
      {11, 22, "研究年度工作总结和来年工作思路", "形成年度工作总结，部署来年重点工作"},
  };
  for (const auto& [month, day, agenda, decision] : committee_meetings)
    SL_TRY(w.Add("party_committee", "镇党委会", kTown, At(month, day, "09:00"), "镇政府三楼会议室",
                 {committee}, {}, agenda, decision, team));
  std::vector<Attendee> core{{leaders[0], "host"}, {leaders[1], "speaker"}};
  for (size_t i = 0; i < 11 && i < members.size(); ++i)
    core.push_back({members[i].person, "participant"});
  const std::vector<std::tuple<int, int, const char*>> symposiums = {
      {4, 12, "商会发展和企业经营中的现实困境"},
      {6, 20, "企业用工、用地和融资需求"},
      {8, 25, "外出考察项目落地和配套服务"},
      {12, 6, "商会会员企业参与乡村振兴和公益事业"},
  };
  for (const auto& [month, day, agenda] : symposiums)
    SL_TRY(w.Add("chamber_symposium", "商会骨干座谈会", kTown, At(month, day, "15:00"),
                 "楠市镇商会会议室", {committee, chamber}, {}, agenda,
                 "梳理企业诉求，明确责任领导和办理时限", core));
  for (size_t k = 0; k < 4; ++k) {
    const auto& v = nanshi.villages[(3 * k + 5) % nanshi.villages.size()];
    std::vector<Attendee> reps;
    for (size_t c = 0; c < v.cadres.size(); ++c)
      reps.push_back({v.cadres[c], c == 0 ? "host" : "participant"});
    for (int64_t h : v.wealth_creators) reps.push_back({h, "participant"});
    SL_ASSIGN_OR_RETURN(auto region, regions::Get(tx, Scope::Everything(), v.code));
    SL_TRY(w.Add("villager_representatives", region.name + "村民代表会", v.code,
                 At(3 + static_cast<int>(k) * 2, 15, "14:30"), region.name + "村部", {v.branch}, {},
                 "审议村级重大事项和集体经济发展项目", "表决通过，按程序公示", reps));
  }

  // 高素质农民培育: four courses with 湖南农业大学; 17 trainees in all
  // (each village's activist, then wealth-creator households).
  std::vector<int64_t> trainees;
  for (const auto& v : nanshi.villages) trainees.push_back(v.activist);
  for (size_t i = 0; trainees.size() < 17; ++i)
    trainees.push_back(nanshi.villages[i % nanshi.villages.size()].wealth_creators.at(0));
  trainees.resize(17);
  const std::vector<std::tuple<int, int, const char*>> courses = {
      {3, 22, "小籽花生高产栽培技术"},
      {5, 10, "中草药规范化种植与病虫害防治"},
      {8, 16, "农产品电商与品牌营销"},
      {10, 18, "油茶低产林改造与生态养殖"},
  };
  for (size_t c = 0; c < courses.size(); ++c) {
    const auto& [month, day, topic] = courses[c];
    std::vector<Attendee> rows;
    for (size_t i = 0; i < 12; ++i)
      rows.push_back({trainees[(c * 5 + i) % trainees.size()], "participant"});
    SL_TRY(w.Add("farmer_training", std::string("高素质农民培育：") + topic, kTown,
                 At(month, day, "09:00"), "镇农技站培训室", {committee}, {university},
                 std::string("湖南农业大学专家授课：") + topic, "", rows));
  }

  // Party-affairs trainings: four for branch secretaries, four for party
  // development; 26 present at each, 208 person-times.
  std::vector<int64_t> cadres;
  for (const auto& v : nanshi.villages)
    for (size_t c = 0; c < 3 && c < v.cadres.size(); ++c) cadres.push_back(v.cadres[c]);
  for (int s = 0; s < 8; ++s) {
    const bool secretaries = s % 2 == 0;
    std::vector<Attendee> rows{{leaders[5], "speaker"}};  // 组织委员
    for (size_t i = 0; rows.size() < 26; ++i)
      rows.push_back({cadres[(static_cast<size_t>(s) * 7 + i) % cadres.size()], "participant"});
    SL_TRY(
        w.Add("party_training", secretaries ? "支部书记党建培训会" : "发展党员培训会", kTown,
              At(2 + s + (s > 3 ? 1 : 0), 26, "09:00"), "镇党校", {committee}, {},
              secretaries ? "党支部标准化规范化建设、“三会一课”" : "发展党员工作程序和党员教育管理",
              "", rows));
  }

  // The July study trip to 佛山 with the chamber: the three projects it brought back.
  SL_ASSIGN_OR_RETURN(auto found, tx.Query("SELECT id FROM project WHERE name LIKE ? AND "
                                           "deleted_at IS NULL ORDER BY id",
                                           {std::string("佛山考察招商%")}));
  std::vector<int64_t> projects;
  for (const auto& r : found) projects.push_back(r.Int(0));
  std::vector<Attendee> travellers{{leaders[0], "host"}, {leaders[1], "participant"}};
  for (size_t i = 0; i < 6 && i < members.size(); ++i)
    travellers.push_back({members[i].person, "participant"});
  SL_TRY(w.Add("study_trip", "赴广东佛山考察招商", kTown, At(7, 18), "广东省佛山市",
               {committee, chamber}, {}, "考察五金、服装辅料、电子配件企业，对接在外乡贤",
               "带回项目3个，意向投资200万元", travellers, 0, projects));

  // 红星学园: six free courses run by the 康美 member, with 市军分区.
  const int64_t kangmei = members.at(4).person;  // 蓝山县康美艺术培训有限公司
  const std::vector<std::tuple<int, int, int>> lessons = {{3, 12, 15}, {4, 16, 16}, {5, 21, 17},
                                                          {7, 9, 16},  {8, 13, 16}, {10, 15, 16}};
  for (const auto& [month, day, children] : lessons)
    SL_TRY(w.Add("welfare_course", "红星学园公益课堂", kHongxing, At(month, day, "14:00"),
                 "红星学园", {chamber}, {garrison}, "免费开设美术、舞蹈和国防教育课程", "",
                 {{kangmei, "host"}}, children));
  return OkStatus();
}

}  // namespace sl::demo
