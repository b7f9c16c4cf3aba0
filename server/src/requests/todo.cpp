// The to-do list (待办): what the signed-in user owes on a date. Requests they
// own or handle (and, for the town office and the county, those that came up
// to them), ratings to ask for, their own quota shortfalls, targets no one
// covers in their capture scope, and land rent late or contracts ending.

#include <algorithm>
#include <chrono>
#include <mutex>
#include <unordered_map>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "land/land.hpp"
#include "pairing/pairing.hpp"
#include "pairing/rules.hpp"
#include "requests/internal.hpp"

namespace sl::requests {

using namespace internal;  // NOLINT: the feature's own

namespace {

constexpr int kSoonDays = 3;            // working days: "due soon"
constexpr int kListLimit = 100;         // items of one kind at most
constexpr size_t kUncoveredItems = 20;  // then one item counts the rest
constexpr int kAllGaps = 100000;
constexpr int kRentLateDays = 30;
constexpr int kEndingDays = 90;

// The code of the region a scope path names ("43/4311/431127/431127103/").
std::string CodeOf(const std::string& path) {
  std::string p = path;
  if (!p.empty() && p.back() == '/') p.pop_back();
  const size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

// The caller's own region: the first subtree of the capture scope (else of
// the view); "" for everything or nothing.
std::string HomeRegion(const Scope& s) {
  if (s.all || s.paths.empty()) return "";
  return CodeOf(s.paths.front());
}

std::string Severity(const std::optional<std::string>& due, const std::string& date,
                     const std::string& soon) {
  if (!due) return "normal";
  if (*due < date) return "late";
  return *due <= soon ? "soon" : "normal";
}

// The request groups of the to-do list, each a condition on `request q`.
struct Group {
  std::string cond;
  db::Params params;
  bool escalated = false;  // "came up to you": every one, late or not
};

Result<std::vector<Group>> RequestGroups(const Caller& caller, const std::string& date,
                                         const Calendar& cal,
                                         const std::map<std::string, Category>& categories) {
  std::vector<Group> out;
  const std::string soon = AddWorkingDays(cal, date, kSoonDays);
  if (caller.person_id) {
    // Owned, or handled by the person or an organization they hold a post in:
    // each side read by its own index (an OR with EXISTS would scan every
    // open request of the database).
    out.push_back(
        {"q.is_open = 1 AND q.due_on <= ? AND q.id IN (SELECT o.id FROM request o WHERE "
         "o.owner_person_id = ? AND o.is_open = 1 AND o.due_on <= ? UNION SELECT "
         "h.request_id FROM request_handler h WHERE h.person_id = ? UNION SELECT "
         "h.request_id FROM request_handler h JOIN org_member g ON g.organization_id = "
         "h.organization_id WHERE g.person_id = ? AND g.valid_from <= ? AND "
         "(g.valid_to IS NULL OR g.valid_to > ?))",
         {soon, caller.person_id, soon, caller.person_id, caller.person_id, date, date}});
  }
  if (caller.Can(kRequestsManage) && !caller.capture.paths.empty() && !caller.capture.all) {
    Group office;
    const std::string scope = db::ScopeCondition(caller.capture, "q.region_path", office.params);
    office.cond = "q.is_open = 1 AND q.owner_person_id IS NULL AND q.due_on <= ? AND " + scope;
    office.params.insert(office.params.begin(), soon);
    out.push_back(std::move(office));
    Group up;
    up.escalated = true;
    const std::string esc = EscalatedCondition(1, date, cal, categories, up.params);
    const std::string scope2 = db::ScopeCondition(caller.capture, "q.region_path", up.params);
    up.cond = esc + " AND q.owner_person_id IS NOT NULL AND " + scope2;
    out.push_back(std::move(up));
  }
  if (caller.Can("requests.oversee") && !caller.view.paths.empty() && !caller.view.all) {
    Group up;
    up.escalated = true;
    const std::string esc = EscalatedCondition(2, date, cal, categories, up.params);
    const std::string scope = db::ScopeCondition(caller.view, "q.region_path", up.params);
    up.cond = esc + " AND " + scope;
    out.push_back(std::move(up));
  }
  return out;
}

// The part of the list that comes from the pairing rules and the land
// ledger (heavier to compute than the requests' counts).
Status OtherItems(db::Tx& tx, const Caller& caller, const std::string& date, Lang lang,
                  std::vector<TodoItem>& items) {
  // Quotas of the caller's own person; targets no one covers in the capture scope.
  const bool quotas = caller.person_id && caller.Can("compliance.read");
  const bool uncovered = caller.Can("pairing.write") || caller.Can("memberships.write");
  const std::string home = HomeRegion(quotas && !uncovered ? caller.view : caller.capture);
  if ((quotas || uncovered) && !home.empty()) {
    // Every gap (a town has hundreds at most), so that the newest targets —
    // a member who joined last week — come first.
    auto report = pairing::Compliance(tx, caller, home, date, kAllGaps);
    if (report.ok()) {
      const std::string link = "/compliance?region=" + home;
      for (const auto& q : report->quotas) {
        if (!quotas || q.person.id != caller.person_id || q.missing <= 0) continue;
        const std::string unit_key = "todo_quota_unit_" + q.target_filter;
        const std::string unit = HasMessage(unit_key)
                                     ? Say({unit_key, {}}, lang)
                                     : Say({"todo_quota_unit_other", {q.target_filter}}, lang);
        const std::string due = AddDays(pairing::PeriodOf(q.period, date).to, -1);
        const int left = DaysBetween(date, due);
        items.push_back({"quota", Say({"todo_quota", {std::to_string(q.missing), unit}}, lang), due,
                         left <= 30 ? "soon" : "normal", link});
      }
      if (uncovered) {
        const bool chamber_only = !caller.Can("pairing.write");
        std::vector<const pairing::ComplianceReport::Gap*> gaps;
        int64_t total = 0;
        for (const auto& level : report->levels) {
          if (chamber_only && level.level != 1) continue;
          for (const auto& gap : level.uncovered) gaps.push_back(&gap);
          total += level.uncovered_total;
        }
        std::stable_sort(gaps.begin(), gaps.end(),
                         [](const auto* a, const auto* b) { return a->target.id > b->target.id; });
        if (gaps.size() > kUncoveredItems) gaps.resize(kUncoveredItems);
        for (const auto* gap : gaps)
          items.push_back({"uncovered", Say({"todo_uncovered", {gap->target.name}}, lang),
                           std::nullopt, "normal", link});
        const int64_t more = total - static_cast<int64_t>(gaps.size());
        if (more > 0)
          items.push_back({"uncovered", Say({"todo_uncovered_more", {std::to_string(more)}}, lang),
                           std::nullopt, "normal", link});
      }
    }
  }
  // Land rent late by a month or more, contracts ending within 90 days.
  if (caller.Can(land::kLandWrite)) {
    land::ContractFilter f;
    f.date = date;
    f.overdue = true;
    f.overdue_days = kRentLateDays;
    SL_ASSIGN_OR_RETURN(auto late, land::ListContracts(tx, caller, f, Page{1, kListLimit}));
    for (const auto& c : late.items) {
      if (!c.next_due) continue;
      items.push_back({"rent_overdue",
                       Say({"todo_rent_overdue",
                            {land::Label(c), std::to_string(c.next_due->n),
                             std::to_string(DaysBetween(c.next_due->due_on, date))}},
                           lang),
                       c.next_due->due_on, "late", "/land/" + std::to_string(c.id)});
    }
    land::ContractFilter e;
    e.date = date;
    e.ending_within = kEndingDays;
    SL_ASSIGN_OR_RETURN(auto ending, land::ListContracts(tx, caller, e, Page{1, kListLimit}));
    for (const auto& c : ending.items) {
      items.push_back({"contract_ending",
                       Say({"todo_contract_ending", {land::Label(c), c.ends_on}}, lang), c.ends_on,
                       DaysBetween(date, c.ends_on) <= 30 ? "soon" : "normal",
                       "/land/" + std::to_string(c.id)});
    }
  }
  return OkStatus();
}

// Resolved requests the caller owns (or the office owns) awaiting a rating
// for kSoonDays working days or more: ask the requester (回访).
Group FollowUps(const Caller& caller, const std::string& date, const Calendar& cal) {
  Group g;
  const std::string cutoff = WorkingCutoff(cal, date, kSoonDays);
  std::string who;
  if (caller.person_id) {
    who = "q.owner_person_id = ?";
    g.params.push_back(caller.person_id);
  }
  if (caller.Can(kRequestsManage) && !caller.capture.paths.empty() && !caller.capture.all) {
    db::Params p;
    const std::string scope = db::ScopeCondition(caller.capture, "q.region_path", p);
    who = (who.empty() ? "" : who + " OR ") + "(q.owner_person_id IS NULL AND " + scope + ")";
    g.params.insert(g.params.end(), p.begin(), p.end());
  }
  if (who.empty()) return g;
  g.cond = "q.status = 'resolved' AND q.resolved_on < ? AND (" + who + ")";
  g.params.insert(g.params.begin(), cutoff);
  return g;
}

bool Earlier(const TodoItem& a, const TodoItem& b) {
  auto rank = [](const std::string& s) { return s == "late" ? 0 : s == "soon" ? 1 : 2; };
  if (rank(a.severity) != rank(b.severity)) return rank(a.severity) < rank(b.severity);
  if (a.due != b.due) return !b.due || (a.due && *a.due < *b.due);
  return a.title < b.title;
}

struct Cached {
  std::chrono::steady_clock::time_point expires;
  TodoCount other;
};

}  // namespace

Result<std::vector<TodoItem>> Todo(db::Tx& tx, const Caller& caller, const std::string& date,
                                   Lang lang) {
  std::vector<TodoItem> items;
  SL_ASSIGN_OR_RETURN(Calendar cal, LoadCalendar(tx));
  SL_ASSIGN_OR_RETURN(auto categories, CategoryMap(tx));
  const std::string soon = AddWorkingDays(cal, date, kSoonDays);
  std::map<std::string, std::string> category_names;
  for (const auto& [code, c] : categories) category_names[code] = NameOf(c, lang);
  SL_ASSIGN_OR_RETURN(auto groups, RequestGroups(caller, date, cal, categories));
  std::set<int64_t> seen;
  for (const Group& g : groups) {
    store::Where w;
    w.And(g.cond, g.params);
    SL_ASSIGN_OR_RETURN(auto found, Requests().List(tx, w, "q.due_on, q.id", Page{1, kListLimit}));
    for (const Record& r : found.items) {
      if (!seen.insert(r.id).second) continue;
      const std::string what = category_names[r.category];
      items.push_back(
          {"request",
           Say({g.escalated ? "todo_request_escalated" : "todo_request", {r.title, what}}, lang),
           r.due_on, g.escalated ? "late" : Severity(r.due_on, date, soon),
           "/requests/" + std::to_string(r.id)});
    }
  }
  if (Group f = FollowUps(caller, date, cal); !f.cond.empty()) {
    store::Where w;
    w.And(f.cond, f.params);
    SL_ASSIGN_OR_RETURN(auto found,
                        Requests().List(tx, w, "q.resolved_on, q.id", Page{1, kListLimit}));
    for (const Record& r : found.items)
      items.push_back({"follow_up", Say({"todo_follow_up", {r.title}}, lang),
                       AddWorkingDays(cal, *r.resolved_on, kSoonDays), "soon",
                       "/requests/" + std::to_string(r.id)});
  }
  SL_TRY(OtherItems(tx, caller, date, lang, items));
  std::stable_sort(items.begin(), items.end(), Earlier);
  return items;
}

Result<TodoCount> CountTodo(db::Tx& tx, const Caller& caller, const std::string& date) {
  TodoCount out;
  SL_ASSIGN_OR_RETURN(Calendar cal, LoadCalendar(tx));
  SL_ASSIGN_OR_RETURN(auto categories, CategoryMap(tx));
  SL_ASSIGN_OR_RETURN(auto groups, RequestGroups(caller, date, cal, categories));
  // Requests: counted exactly on every call (a request in two groups counts once).
  if (!groups.empty()) {
    std::string cond;
    db::Params params;
    std::string late_cond;
    db::Params late_params;
    for (const Group& g : groups) {
      cond += (cond.empty() ? "(" : " OR (") + g.cond + ")";
      params.insert(params.end(), g.params.begin(), g.params.end());
      late_cond += (late_cond.empty() ? "(" : " OR (") + g.cond +
                   (g.escalated ? std::string(")") : std::string(" AND q.due_on < ?)"));
      late_params.insert(late_params.end(), g.params.begin(), g.params.end());
      if (!g.escalated) late_params.push_back(date);
    }
    SL_ASSIGN_OR_RETURN(auto all,
                        tx.QueryOne("SELECT COUNT(*) FROM request q WHERE " + cond, params));
    SL_ASSIGN_OR_RETURN(
        auto late, tx.QueryOne("SELECT COUNT(*) FROM request q WHERE " + late_cond, late_params));
    out.count += all->Int(0);
    out.late += late->Int(0);
  }
  if (Group f = FollowUps(caller, date, cal); !f.cond.empty()) {
    SL_ASSIGN_OR_RETURN(auto n,
                        tx.QueryOne("SELECT COUNT(*) FROM request q WHERE " + f.cond, f.params));
    out.count += n->Int(0);
  }
  // The rest (compliance, land) is kept a minute per user and day: the bell
  // polls every minute; the 待办 page itself always computes afresh.
  static std::mutex mu;
  static std::unordered_map<std::string, Cached> cache;
  const std::string key = std::to_string(caller.user_id) + "/" + date;
  const auto now = std::chrono::steady_clock::now();
  TodoCount other;
  bool hit = false;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find(key); it != cache.end() && it->second.expires > now) {
      other = it->second.other;
      hit = true;
    }
  }
  if (!hit || caller.user_id == 0) {
    std::vector<TodoItem> items;
    SL_TRY(OtherItems(tx, caller, date, Lang::kZhCN, items));
    other.count = static_cast<int64_t>(items.size());
    other.late = std::count_if(items.begin(), items.end(),
                               [](const TodoItem& i) { return i.severity == "late"; });
    std::lock_guard<std::mutex> lock(mu);
    if (cache.size() > 10000) cache.clear();
    cache[key] = {now + std::chrono::seconds(60), other};
  }
  out.count += other.count;
  out.late += other.late;
  return out;
}

}  // namespace sl::requests
