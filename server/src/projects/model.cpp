// The projects' choices and how their records are written as JSON.

#include "core/decimal.hpp"
#include "projects/projects.hpp"

namespace sl::projects {

const std::vector<Choice>& Kinds() {
  static const std::vector<Choice> k = {
      {"investment", "招商引资", "招商引資", "Investment attraction"},
      {"industry", "产业项目", "產業項目", "Industry project"},
      {"tourism", "乡村旅游", "鄉村旅遊", "Rural tourism"},
      {"welfare", "公益项目", "公益項目", "Public-welfare project"},
      {"infrastructure", "基础设施", "基礎設施", "Infrastructure"},
      {"other", "其他", "其他", "Other"},
  };
  return k;
}

const std::vector<Choice>& Stages() {
  static const std::vector<Choice> k = {
      {"negotiating", "洽谈", "洽談", "Negotiating"},
      {"signed", "签约", "簽約", "Signed"},
      {"building", "在建", "在建", "Under construction"},
      {"producing", "投产运营", "投產運營", "In operation"},
      {"terminated", "终止", "終止", "Terminated"},
  };
  return k;
}

namespace {
Json RefsJson(const std::vector<Ref>& refs) {
  Json out = Json::array();
  for (const auto& r : refs) out.push_back({{"id", r.id}, {"name", r.name}});
  return out;
}
Json Figures(const ProjectFigures& f) {
  Json kinds = Json::array();
  for (const auto& k : f.kinds) {
    Json by_stage = Json::object();
    for (const auto& [stage, n] : k.by_stage) by_stage[stage] = n;
    kinds.push_back({{"kind", k.kind}, {"projects", k.projects}, {"by_stage", by_stage}});
  }
  Json totals = Json::array();
  for (const auto& t : f.indicators)
    totals.push_back({{"indicator", t.indicator},
                      {"value", FormatDecimal(t.value, t.scale)},
                      {"expected", t.expected}});
  return {{"kinds", kinds}, {"indicators", totals}};
}
Json Place(const RegionRef& r, const std::string& level) {
  return {{"code", r.code}, {"name", r.name}, {"level", level}};
}
}  // namespace

Json ToJson(const Project& p) {
  Json stages = Json::array();
  for (const auto& s : p.stages) stages.push_back({{"stage", s.stage}, {"on", s.on}});
  Json latest = Json::array();
  for (const auto& l : p.latest)
    latest.push_back({{"indicator", l.indicator},
                      {"value", l.value},
                      {"from", l.from},
                      {"to", l.to},
                      {"expected", l.expected}});
  return {{"id", p.id},
          {"kind", p.kind},
          {"name", p.name},
          {"region", RegionJson(p.region)},
          {"stage", OptJson(p.stage)},
          {"stage_on", OptJson(p.stage_on)},
          {"stages", stages},
          {"description", p.description},
          {"started_on", p.started_on},
          {"enterprises", RefsJson(p.enterprises)},
          {"latest", latest},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"version", p.version}};
}

Json ToJson(const Indicator& i) {
  return {{"id", i.id},
          {"code", i.code},
          {"names", {{"zh-CN", i.name_zh_cn}, {"zh-TW", i.name_zh_tw}, {"en", i.name_en}}},
          {"unit", {{"zh-CN", i.unit_zh_cn}, {"zh-TW", i.unit_zh_tw}, {"en", i.unit_en}}},
          {"scale", i.scale},
          {"sum_projects", i.sum_projects},
          {"sum_periods", i.sum_periods},
          {"sort_order", i.sort_order},
          {"builtin", i.builtin},
          {"version", i.version}};
}

Json ToJson(const Value& v) {
  return {{"id", v.id},
          {"project", {{"id", v.project_id}, {"name", v.project_name}}},
          {"indicator", v.indicator},
          {"value", v.value},
          {"from", v.from},
          {"to", v.to},
          {"expected", v.expected},
          {"source", v.source},
          {"updated_at", v.updated_at},
          {"version", v.version}};
}

Json ToJson(const ProjectStats& s) {
  Json out = Figures(s.figures);
  out["region"] = Place(s.region, s.level);
  out["year"] = s.year;
  if (s.children) {
    Json children = Json::array();
    for (const auto& c : *s.children) {
      Json row = Figures(c.figures);
      row["region"] = Place(c.region, c.level);
      children.push_back(std::move(row));
    }
    out["children"] = std::move(children);
  }
  return out;
}

}  // namespace sl::projects
