// The requests ledger's choices and how its records are written as JSON.

#include "requests/requests.hpp"

namespace sl::requests {

const std::vector<Choice>& Sources() {
  static const std::vector<Choice> k = {
      {"visit", "走访", "走訪", "Visit"},
      {"meeting", "座谈", "座談", "Meeting"},
      {"direct", "直接反映", "直接反映", "Direct"},
  };
  return k;
}

const std::vector<Choice>& Statuses() {
  static const std::vector<Choice> k = {
      {"registered", "登记", "登記", "Registered"},       {"accepted", "受理", "受理", "Accepted"},
      {"in_progress", "办理中", "辦理中", "In progress"}, {"reopened", "重办", "重辦", "Reopened"},
      {"resolved", "办结", "辦結", "Resolved"},           {"rated", "已评价", "已評價", "Rated"},
      {"withdrawn", "已撤回", "已撤回", "Withdrawn"},
  };
  return k;
}

const std::vector<Choice>& Ratings() {
  static const std::vector<Choice> k = {
      {"satisfied", "满意", "滿意", "Satisfied"},
      {"basic", "基本满意", "基本滿意", "Fairly satisfied"},
      {"unsatisfied", "不满意", "不滿意", "Unsatisfied"},
  };
  return k;
}

const std::vector<Choice>& Actions() {
  static const std::vector<Choice> k = {
      {"accept", "受理", "受理", "Accept"},     {"forward", "转办", "轉辦", "Forward"},
      {"progress", "进展", "進展", "Progress"}, {"resolve", "办结", "辦結", "Resolve"},
      {"rate", "评价", "評價", "Rate"},         {"reopen", "重办", "重辦", "Reopen"},
      {"escalate", "升级", "升級", "Escalate"}, {"withdraw", "撤回", "撤回", "Withdraw"},
  };
  return k;
}

namespace {

Json PartyJson(const std::optional<Party>& p) {
  if (!p) return Json();
  return Json{{"kind", p->kind}, {"id", p->id}, {"name", p->name}};
}

Json StepJson(const Step& s) {
  return {{"id", s.id},
          {"action", s.action},
          {"from_status", OptJson(s.from_status)},
          {"to_status", s.to_status},
          {"at", s.at},
          {"actor", {{"user", s.user_id ? Json(s.user_id) : Json()}, {"name", s.actor_name}}},
          {"note", s.note},
          {"handler", PartyJson(s.handler)},
          {"rating", OptJson(s.rating)},
          {"due_on", OptJson(s.due_on)}};
}

}  // namespace

Json ToJson(const Record& r) {
  Json handlers = Json::array();
  for (const Handler& h : r.handlers) {
    Json j = PartyJson(h.who);
    j["added_on"] = h.added_on;
    j["note"] = h.note;
    handlers.push_back(std::move(j));
  }
  Json owner =
      r.owner ? PartyJson(r.owner) : Json{{"kind", "office"}, {"region", RegionJson(r.town)}};
  Json out = {
      {"id", r.id},
      {"region", {{"code", r.region.code}, {"name", r.region.name}, {"path", r.region.path}}},
      {"requester", PartyJson(r.requester)},
      {"category", r.category},
      {"title", r.title},
      {"detail", r.detail},
      {"source", r.source},
      {"contact_id", r.contact_id ? Json(*r.contact_id) : Json()},
      {"event_id", r.event_id ? Json(*r.event_id) : Json()},
      {"raised_on", r.raised_on},
      {"owner", std::move(owner)},
      {"handlers", std::move(handlers)},
      {"due_on", OptJson(r.due_on)},
      {"status", r.status},
      {"status_type", r.open ? "open" : "closed"},
      {"overdue", r.overdue},
      {"days_overdue", r.days_overdue},
      {"escalation", EscalationName(r.escalation)},
      {"resolution", r.resolution},
      {"resolved_on", OptJson(r.resolved_on)},
      {"rating", OptJson(r.rating)},
      {"rating_comment", r.rating_comment},
      {"rated_on", OptJson(r.rated_on)},
      {"reopened", r.reopened},
      {"created_at", r.created_at},
      {"updated_at", r.updated_at},
      {"version", r.version}};
  if (r.actions) out["actions"] = *r.actions;
  if (r.timeline) {
    Json steps = Json::array();
    for (const Step& s : *r.timeline) steps.push_back(StepJson(s));
    out["timeline"] = std::move(steps);
  }
  return out;
}

Json ToJson(const Category& c) {
  return {{"code", c.code},
          {"names", {{"zh-CN", c.name_zh_cn}, {"zh-TW", c.name_zh_tw}, {"en", c.name_en}}},
          {"time_limit_days", c.limits.time_limit_days},
          {"town_after_days", c.limits.town_after_days},
          {"county_after_days", c.limits.county_after_days},
          {"sort_order", c.sort_order},
          {"builtin", c.builtin},
          {"version", c.version}};
}

std::string NameOf(const Category& c, Lang lang) {
  return lang == Lang::kEn ? c.name_en : lang == Lang::kZhTW ? c.name_zh_tw : c.name_zh_cn;
}

}  // namespace sl::requests
