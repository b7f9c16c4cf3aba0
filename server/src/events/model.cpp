// The events' choices and their JSON.

#include "events/events.hpp"

namespace sl::events {

const std::vector<Choice>& Groups() {
  static const std::vector<Choice> k = {
      {"meeting", "会议", "會議", "Meeting"},
      {"training", "培训", "培訓", "Training"},
      {"trip", "考察", "考察", "Study trip"},
      {"activity", "公益活动", "公益活動", "Welfare activity"},
  };
  return k;
}

const std::vector<Choice>& AttendanceRoles() {
  static const std::vector<Choice> k = {
      {"host", "主持", "主持", "Host"},
      {"speaker", "主讲", "主講", "Speaker"},
      {"participant", "参加", "參加", "Participant"},
  };
  return k;
}

const std::vector<Choice>& AttendanceStatuses() {
  static const std::vector<Choice> k = {
      {"present", "出席", "出席", "Present"},
      {"absent", "缺席", "缺席", "Absent"},
      {"excused", "请假", "請假", "Excused"},
  };
  return k;
}

const std::vector<Choice>& AttendanceSources() {
  static const std::vector<Choice> k = {
      {"roll", "点名", "點名", "Roll call"},
      {"check_in", "扫码签到", "掃碼簽到", "Checked in"},
      {"import", "导入", "導入", "Imported"},
  };
  return k;
}

Json ToJson(const EventKind& k) {
  return {{"id", k.id},
          {"code", k.code},
          {"group", k.group},
          {"names", {{"zh-CN", k.name_zh_cn}, {"zh-TW", k.name_zh_tw}, {"en", k.name_en}}},
          {"sort_order", k.sort_order},
          {"builtin", k.builtin},
          {"retired", k.retired},
          {"version", k.version}};
}

namespace {
Json OrgsJson(const std::vector<OrgRef>& orgs) {
  Json out = Json::array();
  for (const auto& o : orgs) out.push_back({{"id", o.id}, {"name", o.name}, {"kind", o.kind}});
  return out;
}
Json RefsJson(const std::vector<Ref>& refs) {
  Json out = Json::array();
  for (const auto& r : refs) out.push_back({{"id", r.id}, {"name", r.name}});
  return out;
}
}  // namespace

Json ToJson(const Event& e) {
  return {{"id", e.id},
          {"kind", e.kind},
          {"group", e.group},
          {"title", e.title},
          {"region", RegionJson(e.region)},
          {"starts_at", e.starts_at},
          {"ends_at", OptJson(e.ends_at)},
          {"place", e.place},
          {"organizers", OrgsJson(e.organizers)},
          {"partners", OrgsJson(e.partners)},
          {"agenda", e.agenda},
          {"decisions", e.decisions},
          {"projects", RefsJson(e.projects)},
          {"enterprises", RefsJson(e.enterprises)},
          {"unregistered_count", e.unregistered_count},
          {"attendance",
           {{"present", e.attendance.present},
            {"absent", e.attendance.absent},
            {"excused", e.attendance.excused}}},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at},
          {"version", e.version}};
}

Json ToJson(const Attendance& a) {
  Json person = {{"id", a.person_id}, {"name", a.name}, {"in_scope", a.in_scope}};
  if (a.region) person["region"] = RegionJson(*a.region);
  return {{"person", std::move(person)},
          {"role", a.role},
          {"status", a.status},
          {"source", a.source},
          {"updated_at", a.updated_at}};
}

namespace {
Json FiguresJson(const EventFigures& f) {
  return {{"events", f.events},
          {"attendances", f.attendances},
          {"people", f.people},
          {"unregistered", f.unregistered}};
}
}  // namespace

Json ToJson(const EventStats& s) {
  Json groups = Json::array(), kinds = Json::array(), towns = Json::array();
  for (const auto& g : s.groups) {
    Json j = FiguresJson(g.figures);
    j["group"] = g.group;
    groups.push_back(std::move(j));
  }
  for (const auto& k : s.kinds) {
    Json j = FiguresJson(k.figures);
    j["kind"] = k.kind;
    j["group"] = k.group;
    kinds.push_back(std::move(j));
  }
  for (const auto& t : s.towns) {
    Json j = FiguresJson(t.figures);
    j["code"] = t.code;
    j["name"] = t.name;
    towns.push_back(std::move(j));
  }
  return {{"region", {{"code", s.region_code}, {"name", s.region_name}, {"level", s.region_level}}},
          {"from", s.from},
          {"to", s.to},
          {"totals", FiguresJson(s.totals)},
          {"groups", std::move(groups)},
          {"kinds", std::move(kinds)},
          {"towns", std::move(towns)}};
}

}  // namespace sl::events
