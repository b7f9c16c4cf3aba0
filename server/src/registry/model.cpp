#include "registry/model.hpp"

#include "core/date.hpp"
#include "registry/validators.hpp"

namespace sl::registry {

const std::vector<Choice>& Genders() {
  static const std::vector<Choice> k = {{"male", "男", "男", "Male"},
                                        {"female", "女", "女", "Female"}};
  return k;
}

const std::vector<Choice>& PostKinds() {
  static const std::vector<Choice> k = {
      {"town_leader", "镇领导", "鎮領導", "Town leader"},
      {"town_cadre", "镇干部", "鎮幹部", "Town cadre"},
      {"county_cadre", "县直干部", "縣直幹部", "County cadre"},
      {"resident_cadre", "驻村干部", "駐村幹部", "Resident village cadre"},
      {"village_secretary", "村支书", "村支書", "Village party secretary"},
      {"village_cadre", "村干部", "村幹部", "Village cadre"},
  };
  return k;
}

const std::vector<Choice>& Tags() {
  static const std::vector<Choice> k = {
      {"wealth_creator", "致富能手", "致富能手", "Wealth creator"},
      {"skilled_farmer", "种养殖能人", "種養殖能人", "Skilled grower or breeder"},
      {"returnee", "返乡创业", "返鄉創業", "Returned entrepreneur"},
      {"entrepreneur", "企业家", "企業家", "Entrepreneur"},
  };
  return k;
}

const std::vector<Choice>& PartyStages() {
  static const std::vector<Choice> k = {
      {"applicant", "入党申请人", "入黨申請人", "Applicant"},
      {"activist", "入党积极分子", "入黨積極分子", "Activist"},
      {"candidate", "发展对象", "發展對象", "Candidate"},
      {"probationary", "预备党员", "預備黨員", "Probationary member"},
      {"full", "正式党员", "正式黨員", "Full member"},
  };
  return k;
}

const std::vector<Choice>& OrganizationKinds() {
  static const std::vector<Choice> k = {
      {"party_committee", "党委", "黨委", "Party committee"},
      {"party_branch", "党支部", "黨支部", "Party branch"},
      {"chamber", "商会", "商會", "Chamber of commerce"},
      {"collective", "村集体经济组织", "村集體經濟組織", "Village collective"},
      // Bodies outside the town's own organizations that partner in events
      // (湖南农业大学, 市军分区).
      {"external", "外部单位", "外部單位", "External body"},
      // The town government's offices (自然资源所, 财政所): requests are
      // forwarded to them.
      {"government", "政府部门", "政府部門", "Government office"},
  };
  return k;
}

const std::vector<Choice>& MemberPosts() {
  static const std::vector<Choice> k = {
      {"secretary", "书记", "書記", "Secretary"},
      {"deputy_secretary", "副书记", "副書記", "Deputy secretary"},
      {"committee_member", "委员", "委員", "Committee member"},
      {"member", "成员", "成員", "Member"},
  };
  return k;
}

const std::vector<Choice>& Industries() {
  static const std::vector<Choice> k = {
      {"agriculture", "农、林、牧、渔业", "農、林、牧、漁業", "Agriculture, forestry, fishing"},
      {"mining", "采矿业", "採礦業", "Mining"},
      {"manufacturing", "制造业", "製造業", "Manufacturing"},
      {"utilities", "电力、热力、燃气及水生产和供应业", "電力、熱力、燃氣及水生產和供應業",
       "Utilities"},
      {"construction", "建筑业", "建築業", "Construction"},
      {"wholesale_retail", "批发和零售业", "批發和零售業", "Wholesale and retail"},
      {"transport", "交通运输、仓储和邮政业", "交通運輸、倉儲和郵政業", "Transport and storage"},
      {"hospitality", "住宿和餐饮业", "住宿和餐飲業", "Accommodation and catering"},
      {"it", "信息传输、软件和信息技术服务业", "資訊傳輸、軟體和資訊技術服務業",
       "Information technology"},
      {"finance", "金融业", "金融業", "Finance"},
      {"real_estate", "房地产业", "房地產業", "Real estate"},
      {"leasing_business", "租赁和商务服务业", "租賃和商務服務業", "Leasing and business services"},
      {"research", "科学研究和技术服务业", "科學研究和技術服務業",
       "Research and technical services"},
      {"environment", "水利、环境和公共设施管理业", "水利、環境和公共設施管理業",
       "Water, environment, public facilities"},
      {"resident_services", "居民服务、修理和其他服务业", "居民服務、修理和其他服務業",
       "Resident services and repair"},
      {"education", "教育", "教育", "Education"},
      {"health", "卫生和社会工作", "衛生和社會工作", "Health and social work"},
      {"culture", "文化、体育和娱乐业", "文化、體育和娛樂業", "Culture, sports, entertainment"},
      {"other", "其他", "其他", "Other"},
  };
  return k;
}

const std::vector<Choice>& ChamberPosts() {
  static const std::vector<Choice> k = {
      {"president", "会长", "會長", "President"},
      {"vice_president", "副会长", "副會長", "Vice president"},
      {"director", "理事", "理事", "Director"},
      {"member", "会员", "會員", "Member"},
  };
  return k;
}

const std::vector<Choice>& DuesStatuses() {
  static const std::vector<Choice> k = {{"paid", "已缴", "已繳", "Paid"},
                                        {"unpaid", "未缴", "未繳", "Unpaid"},
                                        {"exempt", "免缴", "免繳", "Exempt"}};
  return k;
}

Json ToJson(const PersonFile& f, bool sensitive) {
  Json j = ToJson(f.person, sensitive);
  Json stages = Json::array(), posts = Json::array(), orgs = Json::array(), members = Json::array(),
       firms = Json::array();
  for (const auto& s : f.party_stages) stages.push_back(ToJson(s));
  for (const auto& p : f.post_history) posts.push_back(ToJson(p));
  for (const auto& o : f.organizations)
    orgs.push_back({{"id", o.id},
                    {"organization",
                     {{"id", o.organization.id}, {"name", o.organization.name}, {"kind", o.kind}}},
                    {"post", o.post},
                    {"valid_from", o.valid_from},
                    {"valid_to", OptJson(o.valid_to)}});
  for (const auto& m : f.memberships)
    members.push_back({{"id", m.id},
                       {"chamber", RefJson(m.chamber)},
                       {"enterprise", RefJson(m.enterprise)},
                       {"post", m.post},
                       {"joined_on", m.joined_on},
                       {"left_on", OptJson(m.left_on)},
                       {"dues_status", m.dues_status}});
  for (const auto& e : f.enterprises)
    firms.push_back({{"id", e.id}, {"name", e.name}, {"uscc", e.uscc}});
  j["party_stages"] = std::move(stages);
  j["post_history"] = std::move(posts);
  j["organizations"] = std::move(orgs);
  j["memberships"] = std::move(members);
  j["enterprises"] = std::move(firms);
  return j;
}

Json ToJson(const Post& p) {
  return Json{{"id", p.id},
              {"kind", p.kind},
              {"region", RegionJson(p.region)},
              {"title", p.title},
              {"leadership_team", p.leadership_team},
              {"valid_from", p.valid_from},
              {"valid_to", OptJson(p.valid_to)},
              {"industry", OptJson(p.industry)}};
}

Json ToJson(const StageRecord& s) {
  return Json{{"id", s.id},
              {"stage", s.stage},
              {"organization", RefJson(s.organization)},
              {"since", s.valid_from},
              {"valid_from", s.valid_from},
              {"valid_to", OptJson(s.valid_to)}};
}

Json ToJson(const Person& p, bool sensitive) {
  Json posts = Json::array();
  for (const auto& post : p.posts) posts.push_back(ToJson(post));
  Json stage;
  if (p.party_stage)
    stage = Json{{"stage", p.party_stage->stage}, {"since", p.party_stage->valid_from}};
  const std::optional<int> age = p.birth_date ? AgeOn(*p.birth_date, TodayInChina()) : std::nullopt;
  Json j{{"id", p.id},
         {"name", p.name},
         {"gender", OptJson(p.gender)},
         {"birth_date", sensitive ? OptJson(p.birth_date) : Json()},
         {"age", age ? Json(*age) : Json()},
         {"phone", p.phone ? Json(sensitive ? *p.phone : MaskPhone(*p.phone)) : Json()},
         {"id_card_masked", OptJson(p.id_card_masked)},
         {"region", RegionJson(p.region)},
         {"notes", p.notes},
         {"tags", p.tags},
         {"party_stage", stage},
         {"posts", std::move(posts)},
         {"created_at", p.created_at},
         {"updated_at", p.updated_at},
         {"version", p.version}};
  if (sensitive) j["id_card_conflict"] = p.id_card_conflict;
  return j;
}

Json ToJson(const Organization& o) {
  return Json{{"id", o.id},
              {"kind", o.kind},
              {"name", o.name},
              {"region", RegionJson(o.region)},
              {"parent", RefJson(o.parent)},
              {"founded_on", OptJson(o.founded_on)},
              {"members", o.members},
              {"created_at", o.created_at},
              {"updated_at", o.updated_at},
              {"version", o.version}};
}

Json ToJson(const OrgMember& m) {
  return Json{
      {"id", m.id},
      {"organization",
       {{"id", m.organization.id}, {"name", m.organization.name}, {"kind", m.organization_kind}}},
      {"person", RefJson(m.person)},
      {"post", m.post},
      {"valid_from", m.valid_from},
      {"valid_to", OptJson(m.valid_to)}};
}

namespace {

template <class Fields>
void Describe(Fields& f, const Enterprise& e) {
  f("created_at", e.created_at)("founded_on", e.founded_on)("id", e.id)("industry", e.industry)(
      "legal_representative", e.legal_representative)("name", e.name)("region", e.region)(
      "registered_capital_fen", e.registered_capital_fen)("updated_at", e.updated_at)(
      "uscc", e.uscc)("version", e.version);
}

}  // namespace

Json ToJson(const Enterprise& e) {
  JsonTreeFields f;
  Describe(f, e);
  return f.Take();
}

void AppendJson(std::string& out, const Enterprise& e) {
  JsonTextFields f(out);
  Describe(f, e);
}

Json ToJson(const Membership& m) {
  return Json{{"id", m.id},
              {"chamber", RefJson(m.chamber)},
              {"person", RefJson(m.person)},
              {"enterprise", RefJson(m.enterprise)},
              {"post", m.post},
              {"joined_on", m.joined_on},
              {"left_on", OptJson(m.left_on)},
              {"dues_status", m.dues_status},
              {"party_member", m.party_member},
              {"created_at", m.created_at},
              {"updated_at", m.updated_at},
              {"version", m.version}};
}

}  // namespace sl::registry
