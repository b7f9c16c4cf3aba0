// 楠市镇's 2022 requests (诉求): about forty from the chamber's entrepreneurs
// across the categories, each owned by the entrepreneur's leader, taken
// through the timeline as it would have gone — most resolved on time and
// rated, a few late, one reopened after 不满意 and resolved again, some still
// open at the year's end — and a few in 所城镇. The figures (on-time and
// satisfaction rates) are computed from these records, never stored.

#include <array>

#include "core/date.hpp"
#include "demo/demo.hpp"
#include "registry/registry.hpp"
#include "requests/requests.hpp"

namespace sl::demo {

namespace {

struct Ask {
  const char* category;
  const char* title;
};

// What the town's entrepreneurs asked for in 2022, in the order raised.
constexpr std::array<Ask, 40> kAsks = {{
    {"finance", "申请创业担保贷款"},
    {"land", "扩建厂房用地报批"},
    {"labour", "招聘季节性采摘工人"},
    {"approval", "食品生产许可证延续"},
    {"policy", "咨询农业产业化补贴政策"},
    {"finance", "贷款贴息申报"},
    {"infrastructure", "厂区道路硬化"},
    {"labour", "返乡青年技能培训"},
    {"land", "晾晒场用地协调"},
    {"approval", "环评手续办理"},
    {"dispute", "与邻户排水纠纷调解"},
    {"finance", "农业保险理赔"},
    {"other", "参加省农博会展位"},
    {"labour", "用工社保补贴申请"},
    {"policy", "咨询返乡创业扶持政策"},
    {"infrastructure", "生产用电增容"},
    {"finance", "申请小额信用贷款"},
    {"land", "林地流转续签协调"},
    {"approval", "建设工程规划许可"},
    {"labour", "招聘技术工人"},
    {"finance", "设备购置补贴申报"},
    {"policy", "咨询税收优惠政策"},
    {"other", "产品进商超对接"},
    {"land", "育苗大棚设施农用地备案"},
    {"approval", "营业执照经营范围变更"},
    {"finance", "申请应急转贷资金"},
    {"labour", "劳务协作对接"},
    {"infrastructure", "冷库建设配套水电"},
    {"dispute", "土地边界纠纷调处"},
    {"policy", "咨询高新技术企业认定"},
    {"finance", "申报产业发展专项资金"},
    {"other", "电商直播基地入驻"},
    {"land", "仓储用地选址"},
    {"labour", "残疾人就业岗位补贴"},
    {"infrastructure", "通组公路修缮"},
    {"approval", "消防验收"},
    {"policy", "咨询稳岗返还政策"},
    {"finance", "申请担保费补助"},
    {"labour", "招聘电商运营人员"},
    {"other", "品牌商标注册指导"},
}};

// The town offices requests are forwarded to.
struct Office {
  const char* name;
  const char* category;  // the requests it takes
};
constexpr std::array<Office, 4> kOffices = {{{"楠市镇自然资源所", "land"},
                                             {"楠市镇财政所", "finance"},
                                             {"楠市镇社会事务综合服务中心", "labour"},
                                             {"楠市镇综合执法队", "dispute"}}};

// Acting as a person of the town (the demo's own user stands behind them).
Caller As(const Caller& demo, const std::string& name) {
  Caller c = demo;
  c.username = name;
  return c;
}

Status Act(db::Tx& tx, const Caller& caller, int64_t id, const std::string& action,
           const std::string& date, const std::string& note,
           std::optional<std::string> rating = std::nullopt, int64_t org = 0) {
  requests::ActionInput in;
  in.action = action;
  in.date = date;
  in.note = note;
  in.rating = std::move(rating);
  if (org) in.handler_org = org;
  auto r = requests::Act(tx, caller, id, in);
  if (!r.ok()) return std::move(r).error();
  return OkStatus();
}

}  // namespace

Status CreateRequestsDemo(db::Tx& tx, const Caller& caller, const TownCast& nanshi,
                          const TownCast& suocheng) {
  std::map<std::string, int64_t> offices;
  for (const Office& o : kOffices) {
    registry::OrganizationInput in;
    in.kind = "government";
    in.name = o.name;
    in.region = nanshi.town;
    in.founded_on = "2015-01-01";
    SL_ASSIGN_OR_RETURN(auto org, registry::CreateOrganization(tx, caller, in));
    offices[o.category] = org.id;
  }
  SL_ASSIGN_OR_RETURN(requests::Calendar cal, requests::LoadCalendar(tx));
  SL_ASSIGN_OR_RETURN(auto categories, requests::ListCategories(tx));
  auto limit_of = [&](const std::string& code) {
    for (const auto& c : categories)
      if (c.code == code) return c.limits.time_limit_days;
    return 15;
  };
  // Each entrepreneur's enterprise (the requester).
  auto enterprise_of = [&](int64_t person) -> Result<int64_t> {
    SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM enterprise WHERE "
                                              "legal_representative_id = ? ORDER BY id",
                                              {person}));
    return row ? row->Int(0) : int64_t{0};
  };
  std::string raised = "2022-03-07";
  for (size_t k = 0; k < kAsks.size(); ++k) {
    const Ask& ask = kAsks[k];
    const auto& who = nanshi.entrepreneurs[k % nanshi.entrepreneurs.size()];
    SL_ASSIGN_OR_RETURN(int64_t firm, enterprise_of(who.person));
    requests::RequestInput in;
    if (firm)
      in.requester_enterprise = firm;
    else
      in.requester_person = who.person;
    in.category = ask.category;
    in.title = ask.title;
    in.detail = std::string(ask.title) + "，请镇里协调办理。";
    in.raised_on = raised;
    in.source = k % 3 == 0 ? "visit" : k % 3 == 1 ? "meeting" : "direct";
    // Registered by the town office (党政办), taken on by the owner.
    SL_ASSIGN_OR_RETURN(auto r, requests::CreateRequest(tx, As(caller, "楠市镇党政办"), in));
    const Caller owner = As(caller, r.owner ? r.owner->name : "楠市镇党政办");
    const int limit = limit_of(ask.category);
    const std::string accepted = AddWorkingDays(cal, raised, 1);
    // The last four, raised in December, are still being handled at the year's end.
    const bool open = k >= kAsks.size() - 4;
    // Three resolved late; one rated 不满意, reopened and resolved again.
    const bool late = k == 9 || k == 17 || k == 29;
    const bool reopened = k == 13;
    SL_TRY(Act(tx, owner, r.id, "accept", accepted, "已受理，联系企业了解详情"));
    if (auto office = offices.find(ask.category); office != offices.end()) {
      SL_TRY(Act(tx, owner, r.id, "forward", accepted, "请协助办理", std::nullopt, office->second));
    }
    if (open) {
      if (k % 2 == 0)
        SL_TRY(Act(tx, owner, r.id, "progress", AddWorkingDays(cal, accepted, 2),
                   "已与相关部门对接，正在办理"));
    } else {
      const int days =
          late ? limit + 4 + static_cast<int>(k % 3) : limit / 2 + static_cast<int>(k % 4);
      const std::string progress = AddWorkingDays(cal, accepted, std::max(1, days / 2));
      const std::string resolved = AddWorkingDays(cal, raised, days);
      SL_TRY(Act(tx, owner, r.id, "progress", progress, "已协调相关部门，按程序推进"));
      SL_TRY(Act(tx, owner, r.id, "resolve", resolved, "已办结：" + std::string(ask.title)));
      const std::string asked = AddWorkingDays(cal, resolved, 2);
      if (reopened) {
        SL_TRY(Act(tx, owner, r.id, "rate", asked, "问题没有真正解决", std::string("unsatisfied")));
        SL_TRY(
            Act(tx, owner, r.id, "progress", AddWorkingDays(cal, asked, 3), "重新协调，补充办理"));
        const std::string again = AddWorkingDays(cal, asked, 8);
        SL_TRY(Act(tx, owner, r.id, "resolve", again, "补充办理完毕"));
        SL_TRY(Act(tx, owner, r.id, "rate", AddWorkingDays(cal, again, 2), "这次解决了",
                   std::string("basic")));
      } else if (k % 11 != 5) {  // a few are still awaiting their rating
        SL_TRY(Act(tx, owner, r.id, "rate", asked, late ? "办得慢了些" : "感谢镇里帮忙",
                   std::string(late || k % 4 == 3 ? "basic" : "satisfied")));
      }
    }
    // The last four come in December, a week apart.
    raised = k + 1 >= kAsks.size() - 4
                 ? "2022-12-" + std::string(k + 1 == kAsks.size() - 4   ? "05"
                                            : k + 1 == kAsks.size() - 3 ? "12"
                                            : k + 1 == kAsks.size() - 2 ? "19"
                                                                        : "26")
                 : AddDays(raised, 7);
  }
  // 所城镇: a few requests from its chamber's entrepreneurs, one still open.
  const std::array<Ask, 3> suocheng_asks = {{{"finance", "申请贴息贷款"},
                                             {"infrastructure", "产业园道路照明"},
                                             {"policy", "咨询惠农补贴"}}};
  for (size_t k = 0; k < suocheng_asks.size() && k < suocheng.entrepreneurs.size(); ++k) {
    requests::RequestInput in;
    in.requester_person = suocheng.entrepreneurs[k].person;
    in.category = suocheng_asks[k].category;
    in.title = suocheng_asks[k].title;
    in.raised_on = "2022-0" + std::to_string(6 + k) + "-15";
    in.source = "direct";
    SL_ASSIGN_OR_RETURN(auto r, requests::CreateRequest(tx, As(caller, "所城镇党政办"), in));
    const Caller owner = As(caller, r.owner ? r.owner->name : "所城镇党政办");
    SL_TRY(Act(tx, owner, r.id, "accept", *in.raised_on, "已受理"));
    if (k == 2) continue;
    const std::string resolved = AddWorkingDays(cal, *in.raised_on, 6);
    SL_TRY(Act(tx, owner, r.id, "resolve", resolved, "已办结"));
    SL_TRY(Act(tx, owner, r.id, "rate", AddWorkingDays(cal, resolved, 2), "满意",
               std::string("satisfied")));
  }
  return OkStatus();
}

}  // namespace sl::demo
