#include "pairing/model.hpp"

namespace sl::pairing {

const std::vector<Choice>& Levels() {
  static const std::vector<Choice> k = {
      {"1", "镇领导包保企业家", "鎮領導包保企業家", "Town leader for an entrepreneur"},
      {"2", "驻村干部包保村", "駐村幹部包保村", "Resident cadre for a village"},
      {"3", "村干部包保组", "村幹部包保組", "Village cadre for a group"},
      {"4", "企业家包保项目", "企業家包保項目", "Entrepreneur for a project"},
      {"5", "党员联系培养积极分子", "黨員聯繫培養積極分子", "Party member mentoring an activist"},
      {"6", "县直干部联系企业", "縣直幹部聯繫企業", "County cadre for an enterprise"},
  };
  return k;
}

const char* TargetKindOf(int level) {
  switch (level) {
    case 1:
    case 5:
      return "person";
    case 2:
    case 3:
      return "region";
    case 4:
      return "project";
    case 6:
      return "enterprise";
    default:
      return "";
  }
}

const std::vector<Choice>& SourceTraits() {
  static const std::vector<Choice> k = {
      {"leadership_team", "班子成员", "班子成員", "Leadership-team member"},
      {"town_cadre", "镇干部", "鎮幹部", "Town cadre"},
      {"county_cadre", "县直干部", "縣直幹部", "County cadre"},
      {"resident_cadre", "驻村干部", "駐村幹部", "Resident cadre"},
      {"village_cadre", "村干部", "村幹部", "Village cadre"},
      {"party_member", "党员", "黨員", "Party member"},
      {"full_party_member", "正式党员", "正式黨員", "Full party member"},
      {"entrepreneur", "企业家", "企業家", "Entrepreneur"},
  };
  return k;
}

const std::vector<Choice>& TargetTraits() {
  static const std::vector<Choice> k = {
      {"village_branch", "村党支部", "村黨支部", "Village party branch"},
      {"wealth_creator", "致富能手", "致富能手", "Wealth-creator household"},
      {"activist", "入党积极分子", "入黨積極分子", "Party activist"},
      {"party_member", "党员", "黨員", "Party member"},
      {"entrepreneur", "企业家", "企業家", "Entrepreneur"},
      {"enterprise", "企业", "企業", "Enterprise"},
      {"village", "村", "村", "Village"},
      {"group", "村民小组", "村民小組", "Villager group"},
      {"project", "项目", "項目", "Project"},
      // Events attended (present), by group or by built-in kind: the quota
      // counts distinct events.
      {"event_meeting", "参加会议", "參加會議", "Meetings attended"},
      {"event_training", "参加培训", "參加培訓", "Trainings attended"},
      {"event_trip", "参加考察", "參加考察", "Study trips attended"},
      {"event_activity", "参加公益活动", "參加公益活動", "Welfare activities attended"},
      {"event_party_committee", "参加党委会", "參加黨委會", "Party committee meetings attended"},
      {"event_chamber_symposium", "参加商会骨干座谈会", "參加商會骨幹座談會",
       "Chamber symposiums attended"},
      {"event_villager_representatives", "参加村民代表会", "參加村民代表會",
       "Villager representatives' meetings attended"},
      {"event_farmer_training", "参加高素质农民培育", "參加高素質農民培育",
       "Farmer trainings attended"},
      {"event_party_training", "参加党务培训", "參加黨務培訓", "Party affairs trainings attended"},
      {"event_welfare_course", "参加公益培训", "參加公益培訓", "Welfare courses attended"},
  };
  return k;
}

const std::vector<Choice>& Periods() {
  static const std::vector<Choice> k = {
      {"year", "每年", "每年", "Per year"},
      {"quarter", "每季度", "每季度", "Per quarter"},
      {"month", "每月", "每月", "Per month"},
  };
  return k;
}

const std::vector<Choice>& ContactKinds() {
  static const std::vector<Choice> k = {
      {"visit", "走访", "走訪", "Visit"},
      {"call", "电话", "電話", "Call"},
      {"meeting", "座谈", "座談", "Meeting"},
  };
  return k;
}

const std::vector<Choice>& ContactTargetKinds() {
  static const std::vector<Choice> k = {
      {"person", "人员", "人員", "Person"},
      {"organization", "组织", "組織", "Organization"},
      {"enterprise", "企业", "企業", "Enterprise"},
      {"region", "村/组", "村/組", "Village or group"},
      {"project", "项目", "項目", "Project"},
  };
  return k;
}

namespace {
// A region, or null when unknown (a target that has gone).
// A target's place, or none (null) for a target without one.
std::optional<registry::RegionRef> PlaceOf(const registry::RegionRef& r) {
  return r.id ? std::optional<registry::RegionRef>(r) : std::nullopt;
}
Json PlaceJson(const registry::RegionRef& r) { return JsonOf(PlaceOf(r)); }

template <class Fields>
void Describe(Fields& f, const TargetRef& t) {
  f("id", t.id)("kind", t.kind)("name", t.name)("region", PlaceOf(t.region));
}

}  // namespace

Json ToJson(const TargetRef& t) {
  JsonTreeFields f;
  Describe(f, t);
  return f.Take();
}

void AppendJson(std::string& out, const TargetRef& t) {
  JsonTextFields f(out);
  Describe(f, t);
}

void Set(TargetRef& t, const db::Row& r, size_t i) {
  t.kind = r.Str(i);
  t.id = r.Int(i + 1);
}

Json ToJson(const PairingRecord& p) {
  return {{"id", p.id},
          {"level", p.level},
          {"source", {{"id", p.source.id}, {"name", p.source.name}}},
          {"target", ToJson(p.target)},
          {"valid_from", p.valid_from},
          {"valid_to", OptJson(p.valid_to)},
          {"origin", p.origin},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"version", p.version}};
}

Json ToJson(const CoverageRuleRecord& r) {
  return {{"id", r.id},
          {"region", PlaceJson(r.region)},
          {"level", r.level},
          {"min_sources", r.min_sources},
          {"max_sources", r.max_sources ? Json(*r.max_sources) : Json()},
          {"valid_from", r.valid_from},
          {"valid_to", OptJson(r.valid_to)},
          {"notes", r.notes},
          {"version", r.version}};
}

Json ToJson(const QuotaRuleRecord& r) {
  return {{"id", r.id},
          {"region", PlaceJson(r.region)},
          {"source_filter", r.source_filter},
          {"target_filter", r.target_filter},
          {"min_contacts", r.min_contacts},
          {"period", r.period},
          {"valid_from", r.valid_from},
          {"valid_to", OptJson(r.valid_to)},
          {"notes", r.notes},
          {"version", r.version}};
}

namespace {
Json RaisedJson(const std::vector<ContactRecord::Raised>& list) {
  Json out = Json::array();
  for (const auto& r : list)
    out.push_back({{"id", r.id}, {"title", r.title}, {"status", r.status}});
  return out;
}
}  // namespace

Json ToJson(const ContactRecord& c) {
  return {{"id", c.id},
          {"person", {{"id", c.person.id}, {"name", c.person.name}}},
          {"target", ToJson(c.target)},
          {"occurred_on", c.occurred_on},
          {"kind", c.kind},
          {"place", c.place},
          {"notes", c.notes},
          {"requests", RaisedJson(c.requests)},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"version", c.version}};
}

int64_t ComplianceReport::Town::gaps() const {
  int64_t n = over + quotas_failing + overdue;
  for (size_t i = 0; i < targets.size(); ++i) n += targets[i] - covered[i];
  return n;
}

namespace {

Json PlaceJson(const ComplianceReport::Place& p) { return {{"code", p.code}, {"name", p.name}}; }

Json GapsJson(const std::vector<ComplianceReport::Gap>& gaps) {
  Json out = Json::array();
  for (const auto& g : gaps)
    out.push_back({{"target", ToJson(g.target)},
                   {"sources", g.sources},
                   {"min", g.min},
                   {"max", g.max ? Json(*g.max) : Json()}});
  return out;
}

Json TownJson(const ComplianceReport::Town& t) {
  Json levels = Json::array();
  for (int i = 0; i < kLevelCount; ++i)
    levels.push_back({{"level", i + 1}, {"targets", t.targets[i]}, {"covered", t.covered[i]}});
  return {{"region", {{"code", t.code}, {"name", t.name}}},
          {"ok", t.gaps() == 0},
          {"gaps", t.gaps()},
          {"levels", std::move(levels)},
          {"over", t.over},
          {"quotas_failing", t.quotas_failing},
          {"overdue", t.overdue}};
}

}  // namespace

Json ToJson(const ComplianceReport& r) {
  Json levels = Json::array(), quotas = Json::array(), overdue = Json::array();
  for (const auto& l : r.levels)
    levels.push_back({{"level", l.level},
                      {"rule", l.rule ? Json{{"id", l.rule->id},
                                             {"region", PlaceJson(l.rule->region)},
                                             {"min", l.rule->min},
                                             {"max", l.rule->max ? Json(*l.rule->max) : Json()}}
                                      : Json()},
                      {"targets", l.targets},
                      {"covered", l.covered},
                      {"uncovered", GapsJson(l.uncovered)},
                      {"uncovered_total", l.uncovered_total},
                      {"over", GapsJson(l.over)},
                      {"over_total", l.over_total}});
  for (const auto& q : r.quotas)
    quotas.push_back({{"rule", q.rule},
                      {"source_filter", q.source_filter},
                      {"target_filter", q.target_filter},
                      {"period", q.period},
                      {"from", q.from},
                      {"person", RefJson(q.person)},
                      {"town", q.town ? PlaceJson(*q.town) : Json()},
                      {"required", q.required},
                      {"actual", q.actual},
                      {"missing", q.missing}});
  for (const auto& o : r.overdue)
    overdue.push_back(
        {{"id", o.id},
         {"owner", o.owner ? Json{{"kind", "person"}, {"id", o.owner->id}, {"name", o.owner->name}}
                           : Json{{"kind", "office"}}},
         {"requester", o.requester ? ToJson(*o.requester) : Json()},
         {"category", o.category},
         {"title", o.title},
         {"raised_on", o.raised_on},
         {"due_on", o.due_on},
         {"days_overdue", o.days_overdue}});
  Json out = {
      {"region", {{"code", r.region.code}, {"name", r.region.name}, {"level", r.region.level}}},
      {"date", r.date},
      {"ok", r.ok},
      {"levels", std::move(levels)},
      {"quotas", std::move(quotas)},
      {"quotas_total", r.quotas_total},
      {"quotas_failing", r.quotas_failing},
      {"overdue", std::move(overdue)},
      {"overdue_total", r.overdue_total},
      {"aggregates", {{"read", r.parts_read}, {"computed", r.parts_computed}}}};
  if (r.towns) {
    Json towns = Json::array();
    for (const auto& t : *r.towns) towns.push_back(TownJson(t));
    out["towns"] = std::move(towns);
  }
  return out;
}

}  // namespace sl::pairing
