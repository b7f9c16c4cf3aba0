// The requests ledger: reading with visibility, raising, changing and acting
// on requests, each action a timeline row and an audit row.

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "requests/internal.hpp"
#include "store/checks.hpp"
#include "store/write.hpp"

namespace sl::requests {

using store::Fields;
using store::Need;

namespace internal {

std::string DateOr(const std::string& date) { return date.empty() ? TodayInChina() : date; }

const store::RecordQuery<Record>& Requests() {
  static const store::RecordQuery<Record> k{
      "request q JOIN region r ON r.id = q.region_id LEFT JOIN region t ON t.code = "
      "SUBSTR(r.code, 1, 9) LEFT JOIN enterprise e ON e.id = q.requester_enterprise_id LEFT JOIN "
      "person rp ON rp.id = q.requester_person_id LEFT JOIN person op ON op.id = "
      "q.owner_person_id",
      store::RowMap<Record>("q.id, q.region_id, r.code, r.name, q.region_path", &Record::id,
                            &Record::region)
          .Custom("t.id, t.code, t.name, t.path", 4,
                  [](Record& rec, const db::Row& row, size_t i) {
                    if (!row.IsNull(i))
                      rec.town = {row.Int(i), row.Str(i + 1), row.Str(i + 2), row.Str(i + 3)};
                  })
          .Custom("q.requester_enterprise_id, e.name, q.requester_person_id, rp.name", 4,
                  [](Record& rec, const db::Row& row, size_t i) {
                    if (!row.IsNull(i))
                      rec.requester = Party{"enterprise", row.Int(i), row.Str(i + 1)};
                    else if (!row.IsNull(i + 2))
                      rec.requester = Party{"person", row.Int(i + 2), row.Str(i + 3)};
                  })
          .Custom("q.owner_person_id, op.name", 2,
                  [](Record& rec, const db::Row& row, size_t i) {
                    if (!row.IsNull(i)) rec.owner = Party{"person", row.Int(i), row.Str(i + 1)};
                  })
          .Add("q.category, q.title, q.detail, q.source, q.contact_id, q.event_id, q.raised_on",
               &Record::category, &Record::title, &Record::detail, &Record::source,
               &Record::contact_id, &Record::event_id, &Record::raised_on)
          .Add("q.due_on, q.status, q.is_open, q.escalated, q.resolution, q.resolved_on",
               &Record::due_on, &Record::status, &Record::open, &Record::escalated,
               &Record::resolution, &Record::resolved_on)
          .Add("q.rating, q.rating_comment, q.rated_on, q.reopened, COALESCE(q.created_by, 0)",
               &Record::rating, &Record::rating_comment, &Record::rated_on, &Record::reopened,
               &Record::created_by)
          .Stamps("q")};
  return k;
}

void Visible(const Caller& caller, const std::string& today, store::Where& w) {
  db::Params p;
  // The rows of table alias `a` the caller sees by scope.
  const auto by_scope = [&](const std::string& a) -> std::string {
    if (!caller.Can(kRequestsMembers) || caller.Can(kRequestsManage))
      return db::ScopeCondition(caller.view, a + ".region_path", p);
    // The chamber: requests of its members and of their enterprises.
    const std::string scope = db::ScopeCondition(caller.view, "m.region_path", p);
    const std::string scope2 = db::ScopeCondition(caller.view, "m.region_path", p);
    return "(" + a +
           ".requester_person_id IN (SELECT m.person_id FROM chamber_membership m WHERE "
           "m.left_on IS NULL AND " +
           scope + ") OR " + a +
           ".requester_enterprise_id IN (SELECT m.enterprise_id FROM chamber_membership m WHERE "
           "m.left_on IS NULL AND m.enterprise_id IS NOT NULL AND " +
           scope2 + "))";
  };
  if (!caller.person_id) {
    const std::string cond = by_scope("q");  // fills p: before p is moved
    w.And(cond, std::move(p));
    return;
  }
  // Also what the caller owns or handles, wherever it is. Every side of the
  // union is read by its own index: an OR beside the scope (or a correlated
  // EXISTS) would make both databases read every request.
  std::string cond = "q.id IN (SELECT v.id FROM request v WHERE " + by_scope("v") +
                     " UNION SELECT o.id FROM request o WHERE o.owner_person_id = ? UNION "
                     "SELECT h.request_id FROM request_handler h WHERE h.person_id = ? UNION "
                     "SELECT h.request_id FROM request_handler h JOIN org_member g ON "
                     "g.organization_id = h.organization_id WHERE g.person_id = ? AND "
                     "g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?))";
  for (const db::Value& v :
       db::Params{caller.person_id, caller.person_id, caller.person_id, today, today})
    p.push_back(v);
  w.And(cond, std::move(p));
}

Result<std::map<std::string, Category>> CategoryMap(db::Tx& tx) {
  SL_ASSIGN_OR_RETURN(auto list, ListCategories(tx));
  std::map<std::string, Category> out;
  for (auto& c : list) out.emplace(c.code, std::move(c));
  return out;
}

Status Complete(db::Tx& tx, std::vector<Record>& batch, const std::string& date,
                const Calendar& cal, const std::map<std::string, Category>& categories) {
  if (batch.empty()) return OkStatus();
  std::map<int64_t, Record*> by_id;
  for (Record& r : batch) {
    by_id[r.id] = &r;
    auto c = categories.find(r.category);
    const Limits limits = c == categories.end() ? Limits{} : c->second.limits;
    r.overdue = r.open && r.due_on && *r.due_on < date;
    r.days_overdue = r.overdue ? DaysBetween(*r.due_on, date) : 0;
    r.escalation = EscalationOn(cal, limits, r.open, r.due_on, r.escalated, date);
  }
  std::vector<int64_t> ids;
  for (const auto& [id, r] : by_id) ids.push_back(id);
  db::Params p;
  const std::string in = db::InList(ids.begin(), ids.end(), p);
  return tx.ForEach(
      "SELECT h.request_id, h.organization_id, o.name, h.person_id, pp.name, h.added_on, h.note "
      "FROM request_handler h LEFT JOIN organization o ON o.id = h.organization_id LEFT JOIN "
      "person pp ON pp.id = h.person_id WHERE h.request_id IN " +
          in + " ORDER BY h.id",
      p, [&](const db::Row& row) -> Status {
        Handler h;
        h.who = row.IsNull(1) ? Party{"person", row.Int(3), row.Str(4)}
                              : Party{"organization", row.Int(1), row.Str(2)};
        h.added_on = row.Str(5);
        h.note = row.Str(6);
        by_id[row.Int(0)]->handlers.push_back(std::move(h));
        return OkStatus();
      });
}

std::string EscalatedCondition(int level, const std::string& date, const Calendar& cal,
                               const std::map<std::string, Category>& categories,
                               db::Params& params) {
  std::string late;
  for (const auto& [code, c] : categories) {
    const int after = level >= 2 ? c.limits.county_after_days : c.limits.town_after_days;
    if (!late.empty()) late += " OR ";
    late += "(q.category = ? AND q.due_on < ?)";
    params.emplace_back(code);
    params.emplace_back(WorkingCutoff(cal, date, after));
  }
  if (late.empty()) late = "1=0";
  params.emplace_back(static_cast<int64_t>(level));
  return "(q.is_open = 1 AND (" + late + " OR q.escalated >= ?))";
}

Result<bool> MayAct(db::Tx& tx, const Caller& caller, const Record& r, const std::string& today) {
  if (caller.Can(kRequestsManage) && caller.capture.Contains(r.region.path)) return true;
  if (!caller.person_id) return false;
  if (r.owner && r.owner->id == caller.person_id) return true;
  for (const Handler& h : r.handlers) {
    if (h.who.kind == "person" && h.who.id == caller.person_id) return true;
    if (h.who.kind == "organization") {
      SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM org_member WHERE organization_id "
                                                "= ? AND person_id = ? AND valid_from <= ? AND "
                                                "(valid_to IS NULL OR valid_to > ?)",
                                                {h.who.id, caller.person_id, today, today}));
      if (row) return true;
    }
  }
  return false;
}

}  // namespace internal

using namespace internal;  // NOLINT: this file is the feature's own

namespace {

Result<Record> Load(db::Tx& tx, const Caller& caller, int64_t id, const std::string& date,
                    bool everything = false) {
  store::Where w;
  w.And("q.id = ?", {id});
  if (!everything) Visible(caller, DateOr(date), w);
  SL_ASSIGN_OR_RETURN(Record r, Requests().Get(tx, w, "request_not_found"));
  SL_ASSIGN_OR_RETURN(Calendar cal, LoadCalendar(tx));
  SL_ASSIGN_OR_RETURN(auto categories, CategoryMap(tx));
  std::vector<Record> one{std::move(r)};
  SL_TRY(Complete(tx, one, DateOr(date), cal, categories));
  return std::move(one.front());
}

Result<std::vector<Step>> Timeline(db::Tx& tx, int64_t id) {
  SL_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT id, action, from_status, to_status, at, COALESCE(user_id, "
                          "0), actor_name, note, handler_kind, handler_id, handler_name, "
                          "rating, due_on FROM request_action WHERE request_id = ? ORDER BY id",
                          {id}));
  std::vector<Step> out;
  for (const auto& r : rows) {
    Step s;
    s.id = r.Int(0);
    s.action = r.Str(1);
    s.from_status = r.OptStr(2);
    s.to_status = r.Str(3);
    s.at = r.Str(4);
    s.user_id = r.Int(5);
    s.actor_name = r.Str(6);
    s.note = r.Str(7);
    if (!r.IsNull(8)) s.handler = Party{r.Str(8), r.Int(9), r.Str(10)};
    s.rating = r.OptStr(11);
    s.due_on = r.OptStr(12);
    out.push_back(std::move(s));
  }
  return out;
}

// The whole request as its page shows it: the timeline and what the caller
// may do now.
Result<Record> Full(db::Tx& tx, const Caller& caller, Record r, const std::string& today) {
  SL_ASSIGN_OR_RETURN(r.timeline, Timeline(tx, r.id));
  std::vector<std::string> actions;
  SL_ASSIGN_OR_RETURN(bool may, MayAct(tx, caller, r, today));
  if (may && caller.Can(kRequestsWrite)) actions = ActionsFrom(r.status);
  // A request at the county cannot go higher.
  if (r.escalation >= 2) std::erase(actions, "escalate");
  r.actions = std::move(actions);
  return r;
}

Result<std::string> ActorName(db::Tx& tx, const Caller& caller) {
  if (!caller.user_id) return caller.username;
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT display_name, username FROM app_user WHERE "
                                            "id = ?",
                                            {caller.user_id}));
  if (!row) return caller.username;
  return row->Str(0).empty() ? row->Str(1) : row->Str(0);
}

Status AddStep(db::Tx& tx, const Caller& caller, int64_t id, const std::string& action,
               const std::optional<std::string>& from, const std::string& to,
               const std::string& note, const std::optional<Party>& handler,
               const std::optional<std::string>& rating, const std::optional<std::string>& due_on,
               const std::string& at) {
  SL_ASSIGN_OR_RETURN(std::string actor, ActorName(tx, caller));
  SL_TRY(tx.Exec(
      "INSERT INTO request_action (request_id, action, from_status, to_status, at, user_id, "
      "actor_name, note, handler_kind, handler_id, handler_name, rating, due_on) VALUES (?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, action, store::OrNull(from), to, at,
       caller.user_id ? db::Value(caller.user_id) : db::Value(), actor, note,
       handler ? db::Value(handler->kind) : db::Value(),
       handler ? db::Value(handler->id) : db::Value(),
       handler ? db::Value(handler->name) : db::Value(), store::OrNull(rating),
       store::OrNull(due_on)}));
  return OkStatus();
}

// The request's place and its requester's: the requester must be someone the
// caller sees.
struct Who {
  std::optional<Party> requester;
  std::string region_path;  // the requester's place
};

Result<std::optional<Who>> CheckRequester(db::Tx& tx, const Caller& caller, const RequestInput& in,
                                          Fields& errors) {
  if (in.requester_enterprise && in.requester_person) {
    errors.emplace("requester", Text{"request_one_requester", {}});
    return std::optional<Who>();
  }
  if (in.requester_enterprise) {
    auto e = registry::GetEnterprise(tx, caller.view, *in.requester_enterprise);
    if (!e.ok()) {
      errors.emplace("requester.enterprise_id", Text{"enterprise_not_found", {}});
      return std::optional<Who>();
    }
    return std::optional<Who>(Who{Party{"enterprise", e->id, e->name}, e->region.path});
  }
  if (in.requester_person) {
    auto p = registry::GetPerson(tx, caller.view, *in.requester_person);
    if (!p.ok()) {
      errors.emplace("requester.person_id", Text{"person_not_found", {}});
      return std::optional<Who>();
    }
    return std::optional<Who>(Who{Party{"person", p->id, p->name}, p->region.path});
  }
  return std::optional<Who>();
}

// A leader raises a request for an entrepreneur paired to them (pairing
// access), wherever the caller's capture scope is.
Result<bool> PairedToCaller(db::Tx& tx, const Caller& caller, const Party& requester,
                            const std::string& date) {
  if (!caller.person_id) return false;
  std::string sql =
      "SELECT 1 FROM pairing WHERE source_person_id = ? AND level = 1 AND target_kind = "
      "'person' AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) AND target_id ";
  db::Params p{caller.person_id, date, date};
  if (requester.kind == "person") {
    sql += "= ?";
    p.emplace_back(requester.id);
  } else {
    sql +=
        "IN (SELECT legal_representative_id FROM enterprise WHERE id = ? AND "
        "legal_representative_id IS NOT NULL UNION SELECT person_id FROM chamber_membership "
        "WHERE enterprise_id = ? AND left_on IS NULL)";
    p.emplace_back(requester.id);
    p.emplace_back(requester.id);
  }
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(sql, p));
  return row.has_value();
}

Result<std::optional<Party>> OwnerGiven(db::Tx& tx, const Caller& caller, int64_t person,
                                        Fields& errors) {
  auto p = registry::GetPerson(tx, caller.view, person);
  if (!p.ok()) {
    errors.emplace("owner_person_id", Text{"person_not_found", {}});
    return std::optional<Party>();
  }
  return std::optional<Party>(Party{"person", p->id, p->name});
}

// A request as the audit keeps it: without what depends on the day read.
Json Snapshot(const Record& r) {
  Json j = ToJson(r);
  for (const char* volatile_key : {"overdue", "days_overdue", "escalation"}) j.erase(volatile_key);
  return j;
}

}  // namespace

Result<Calendar> LoadCalendar(db::Tx& tx) {
  Calendar c;
  SL_TRY(tx.ForEach("SELECT day, kind FROM holiday", {}, [&](const db::Row& r) -> Status {
    (r.Str(1) == "workday" ? c.workdays : c.holidays).insert(r.Str(0));
    return OkStatus();
  }));
  return c;
}

Result<std::optional<Party>> DefaultOwner(db::Tx& tx, std::optional<int64_t> enterprise,
                                          std::optional<int64_t> person, const std::string& date) {
  // The level-1 leader of the entrepreneur: the person, or the enterprise's
  // representative or a chamber member with it.
  std::string who;
  db::Params p{date, date};
  if (person) {
    who = "?";
    p.emplace_back(*person);
  } else if (enterprise) {
    who =
        "(SELECT legal_representative_id FROM enterprise WHERE id = ? AND "
        "legal_representative_id IS NOT NULL UNION SELECT person_id FROM chamber_membership "
        "WHERE enterprise_id = ? AND left_on IS NULL)";
    p.emplace_back(*enterprise);
    p.emplace_back(*enterprise);
  }
  if (!who.empty()) {
    SL_ASSIGN_OR_RETURN(
        auto row,
        tx.QueryOne("SELECT s.id, s.name FROM pairing g JOIN person s ON s.id = "
                    "g.source_person_id WHERE g.level = 1 AND g.target_kind = 'person' AND "
                    "g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?) AND "
                    "g.target_id IN " +
                        (who == "?" ? std::string("(?)") : who) + " ORDER BY g.valid_from, g.id",
                    p));
    if (row) return std::optional<Party>(Party{"person", row->Int(0), row->Str(1)});
  }
  // A villager: the village's resident cadre (level 2).
  if (person) {
    SL_ASSIGN_OR_RETURN(
        auto row,
        tx.QueryOne("SELECT s.id, s.name FROM person v JOIN region vr ON vr.id = v.region_id "
                    "JOIN region village ON village.code = SUBSTR(vr.code, 1, 12) AND "
                    "village.level = 'village' JOIN pairing g ON g.level = 2 AND g.target_kind = "
                    "'region' AND g.target_id = village.id JOIN person s ON s.id = "
                    "g.source_person_id WHERE v.id = ? AND g.valid_from <= ? AND (g.valid_to IS "
                    "NULL OR g.valid_to > ?) ORDER BY g.valid_from, g.id",
                    {*person, date, date}));
    if (row) return std::optional<Party>(Party{"person", row->Int(0), row->Str(1)});
  }
  return std::optional<Party>();
}

Result<Record> GetRequest(db::Tx& tx, const Caller& caller, int64_t id, const std::string& date) {
  SL_ASSIGN_OR_RETURN(Record r, Load(tx, caller, id, date));
  return Full(tx, caller, std::move(r), DateOr(date));
}

namespace {

Status FilterWhere(db::Tx& tx, const Caller& caller, const Filter& f, const std::string& date,
                   const Calendar& cal, const std::map<std::string, Category>& categories,
                   store::Where& w) {
  Visible(caller, date, w);
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "q.region_path"));
  if (f.status == "open" || f.status == "closed") {
    w.And("q.is_open = ?", {int64_t{f.status == "open" ? 1 : 0}});
  } else {
    w.Equals("q.status", f.status);
  }
  w.Equals("q.category", f.category);
  w.Equals("q.requester_enterprise_id", f.requester_enterprise);
  w.Equals("q.requester_person_id", f.requester_person);
  w.Equals("q.contact_id", f.contact);
  if (f.owner == "me") {
    if (caller.person_id) {
      w.And("q.owner_person_id = ?", {caller.person_id});
    } else if (caller.Can(kRequestsManage)) {
      db::Params p;
      const std::string scope = db::ScopeCondition(caller.capture, "q.region_path", p);
      w.And("q.owner_person_id IS NULL AND " + scope, std::move(p));
    } else {
      w.And("1=0");
    }
  } else if (!f.owner.empty()) {
    auto id = ParseInt(f.owner);
    w.And("q.owner_person_id = ?", {id.value_or(0)});
  }
  if (f.overdue) w.And("q.is_open = 1 AND q.due_on < ?", {date});
  if (!f.escalation.empty()) {
    db::Params p;
    const std::string cond =
        EscalatedCondition(f.escalation == "county" ? 2 : 1, date, cal, categories, p);
    w.And(cond, std::move(p));
  }
  if (!f.from.empty()) w.And("q.raised_on >= ?", {f.from});
  if (!f.to.empty()) w.And("q.raised_on <= ?", {f.to});
  if (!f.q.empty()) {
    db::Params p;
    std::string cond =
        store::SearchCondition(f.q, store::SearchKind::kRequest, "q.id", "q.search_text", p);
    if (!cond.empty()) {
      db::Params pe;
      const std::string ce = store::SearchCondition(
          f.q, store::SearchKind::kEnterprise, "q.requester_enterprise_id", "e.search_text", pe);
      db::Params pp;
      const std::string cp = store::SearchCondition(f.q, store::SearchKind::kPerson,
                                                    "q.requester_person_id", "rp.search_text", pp);
      p.insert(p.end(), pe.begin(), pe.end());
      p.insert(p.end(), pp.begin(), pp.end());
      w.And("(" + cond + " OR " + ce + " OR " + cp + ")", std::move(p));
    }
  }
  return OkStatus();
}

// Late first (by due date), then open by due date, then the newest closed.
constexpr const char* kOrder =
    "q.is_open DESC, CASE WHEN q.due_on IS NULL THEN 1 ELSE 0 END, q.due_on, q.raised_on DESC, "
    "q.id DESC";

}  // namespace

Result<Paged<Record>> ListRequests(db::Tx& tx, const Caller& caller, const Filter& f,
                                   const Page& page) {
  const std::string date = DateOr(f.date);
  SL_ASSIGN_OR_RETURN(Calendar cal, LoadCalendar(tx));
  SL_ASSIGN_OR_RETURN(auto categories, CategoryMap(tx));
  store::Where w;
  SL_TRY(FilterWhere(tx, caller, f, date, cal, categories, w));
  SL_ASSIGN_OR_RETURN(auto found, Requests().List(tx, w, kOrder, page));
  SL_TRY(Complete(tx, found.items, date, cal, categories));
  return found;
}

Status ForEachRequest(db::Tx& tx, const Caller& caller, const Filter& f,
                      const std::function<Status(const Record&)>& fn) {
  const std::string date = DateOr(f.date);
  SL_ASSIGN_OR_RETURN(Calendar cal, LoadCalendar(tx));
  SL_ASSIGN_OR_RETURN(auto categories, CategoryMap(tx));
  store::Where w;
  SL_TRY(FilterWhere(tx, caller, f, date, cal, categories, w));
  return Requests().ForEachInBatches(
      tx, w, kOrder,
      [&](std::vector<Record>& batch) { return Complete(tx, batch, date, cal, categories); }, fn);
}

Result<Record> CreateRequest(db::Tx& tx, const Caller& caller, const RequestInput& input) {
  RequestInput in = input;
  Fields errors;
  const std::string today = TodayInChina();
  store::CheckText(in.title, "title", errors, 100, Need::kRequired);
  store::CheckNotes(in.detail, "detail", errors, 4000);
  store::CheckDate(in.raised_on, "raised_on", errors);
  if (in.raised_on && !in.raised_on->empty() && *in.raised_on > today)
    errors.emplace("raised_on", Text{"field_date_future", {}});
  const std::string raised = in.raised_on && !in.raised_on->empty() ? *in.raised_on : today;
  if (!in.source || in.source->empty()) in.source = in.contact_id ? "visit" : "direct";
  store::CheckChoice(in.source, Sources(), "source", errors);
  SL_ASSIGN_OR_RETURN(auto categories, CategoryMap(tx));
  if (!in.category || in.category->empty())
    errors.emplace("category", Text{"field_required", {}});
  else if (!categories.count(*in.category))
    errors.emplace("category", Text{"request_category_unknown", {}});
  if (!in.requester_enterprise && !in.requester_person)
    errors.emplace("requester", Text{"request_requester", {}});
  SL_ASSIGN_OR_RETURN(std::optional<Who> who, CheckRequester(tx, caller, in, errors));
  // The place: given (a region the caller may write in), or the requester's.
  RegionRef region;
  if (in.region && !in.region->empty()) {
    SL_ASSIGN_OR_RETURN(auto r, regions::FindByCode(tx, *in.region));
    if (!r)
      errors.emplace("region", Text{"field_region_unknown", {}});
    else
      region = {r->id, r->code, r->name, r->path};
  } else if (who) {
    SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id, code, name, path FROM region WHERE "
                                              "path = ?",
                                              {who->region_path}));
    if (row) region = {row->Int(0), row->Str(1), row->Str(2), row->Str(3)};
  }
  if (who && region.id && !caller.capture.Contains(region.path)) {
    SL_ASSIGN_OR_RETURN(bool paired, PairedToCaller(tx, caller, *who->requester, raised));
    if (!paired) errors.emplace(in.region ? "region" : "requester", Text{"out_of_scope", {}});
  }
  if (in.contact_id) {
    SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM contact WHERE id = ? AND "
                                              "deleted_at IS NULL",
                                              {*in.contact_id}));
    if (!row) errors.emplace("contact_id", Text{"contact_not_found", {}});
  }
  if (in.event_id) {
    SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM event WHERE id = ? AND deleted_at "
                                              "IS NULL",
                                              {*in.event_id}));
    if (!row) errors.emplace("event_id", Text{"event_not_found", {}});
  }
  std::optional<Party> owner;
  if (in.owner_person) {
    SL_ASSIGN_OR_RETURN(owner, OwnerGiven(tx, caller, *in.owner_person, errors));
  }
  SL_TRY(store::Finish(errors));
  if (!in.owner_person) {
    SL_ASSIGN_OR_RETURN(owner,
                        DefaultOwner(tx, in.requester_enterprise, in.requester_person, raised));
  }
  SL_ASSIGN_OR_RETURN(Calendar cal, LoadCalendar(tx));
  const Category& category = categories.at(*in.category);
  const std::string due = AddWorkingDays(cal, raised, category.limits.time_limit_days);
  store::Values values = {{"region_id", region.id},
                          {"region_path", region.path},
                          {"requester_enterprise_id", store::OrNull(in.requester_enterprise)},
                          {"requester_person_id", store::OrNull(in.requester_person)},
                          {"category", *in.category},
                          {"title", *in.title},
                          {"detail", in.detail.value_or("")},
                          {"source", *in.source},
                          {"contact_id", store::OrNull(in.contact_id)},
                          {"event_id", store::OrNull(in.event_id)},
                          {"raised_on", raised},
                          {"owner_person_id", owner ? db::Value(owner->id) : db::Value()},
                          {"due_on", due},
                          {"status", "registered"},
                          {"is_open", int64_t{1}},
                          {"created_by", caller.user_id ? db::Value(caller.user_id) : db::Value()}};
  for (auto& v : store::NameColumns(*in.title)) values.push_back(std::move(v));
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "request", values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kRequest, id, "", "", *in.title));
  // A request taken on paper is stamped on the day it was raised.
  SL_TRY(AddStep(tx, caller, id, "create", std::nullopt, "registered", "", std::nullopt,
                 std::nullopt, due, raised < today ? ChinaDayStartUtc(raised) : NowUtc()));
  SL_ASSIGN_OR_RETURN(Record r, Load(tx, caller, id, "", true));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "request", id, "create", Json(), Snapshot(r),
                       region.path));
  return Full(tx, caller, std::move(r), today);
}

Result<Record> UpdateRequest(db::Tx& tx, const Caller& caller, int64_t id,
                             const RequestInput& input) {
  const std::string today = TodayInChina();
  SL_ASSIGN_OR_RETURN(Record before, Load(tx, caller, id, today));
  SL_ASSIGN_OR_RETURN(bool may, MayAct(tx, caller, before, today));
  if (!may) return Error::Forbidden("request_not_yours");
  SL_TRY(store::CheckVersion(input.version, before.version));
  RequestInput in = input;
  Fields errors;
  store::CheckText(in.title, "title", errors, 100, Need::kNotEmpty);
  store::CheckNotes(in.detail, "detail", errors, 4000);
  store::CheckDate(in.due_on, "due_on", errors);
  if (in.due_on && !in.due_on->empty() && *in.due_on < before.raised_on)
    errors.emplace("due_on", Text{"request_due_before_raised", {}});
  SL_ASSIGN_OR_RETURN(auto categories, CategoryMap(tx));
  if (in.category && !categories.count(*in.category))
    errors.emplace("category", Text{"request_category_unknown", {}});
  std::optional<Who> who;
  if (in.requester_enterprise || in.requester_person) {
    SL_ASSIGN_OR_RETURN(who, CheckRequester(tx, caller, in, errors));
  }
  if (in.region) errors.emplace("region", Text{"request_region_fixed", {}});
  SL_TRY(store::Finish(errors));
  store::Values values = {
      {"category", in.category.value_or(before.category)},
      {"title", in.title.value_or(before.title)},
      {"detail", in.detail.value_or(before.detail)},
      {"due_on", in.due_on ? store::OrNull(in.due_on) : store::OrNull(before.due_on)}};
  if (who) {
    values.push_back({"requester_enterprise_id", store::OrNull(in.requester_enterprise)});
    values.push_back({"requester_person_id", store::OrNull(in.requester_person)});
  }
  if (in.title) {
    for (auto& v : store::NameColumns(*in.title)) values.push_back(std::move(v));
    SL_TRY(store::IndexName(tx, store::SearchKind::kRequest, id, before.title, "", *in.title));
  }
  SL_TRY(store::UpdateRecord(tx, "request", id, values));
  SL_ASSIGN_OR_RETURN(Record r, Load(tx, caller, id, today, true));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "request", id, "update", Snapshot(before),
                       Snapshot(r), before.region.path));
  return Full(tx, caller, std::move(r), today);
}

Result<Record> Act(db::Tx& tx, const Caller& caller, int64_t id, const ActionInput& in) {
  const std::string date = DateOr(in.date);
  SL_ASSIGN_OR_RETURN(Record before, Load(tx, caller, id, date));
  SL_ASSIGN_OR_RETURN(bool may, MayAct(tx, caller, before, date));
  if (!may) return Error::Forbidden("request_not_yours");
  SL_TRY(store::CheckVersion(in.version, before.version));
  Fields errors;
  std::optional<std::string> note = in.note, rating = in.rating;
  store::CheckNotes(note, "note", errors, 2000);
  if (!std::any_of(Actions().begin(), Actions().end(),
                   [&](const Choice& c) { return c.id == in.action; }))
    errors.emplace("action", Text{"request_action_unknown", {}});
  if (in.action == "rate") {
    store::CheckChoice(rating, Ratings(), "rating", errors, Need::kRequired);
  } else if (rating) {
    errors.emplace("rating", Text{"request_rating_only", {}});
  }
  SL_TRY(store::Finish(errors));
  const std::optional<std::string> next = NextStatus(before.status, in.action, rating.value_or(""));
  if (!next || (in.action == "escalate" && before.escalation >= 2))
    return Error::Conflict("invalid_transition", {before.status, in.action});
  const bool needs_note =
      in.action == "progress" || in.action == "resolve" || in.action == "reopen";
  if (needs_note && (!note || note->empty())) errors.emplace("note", Text{"field_required", {}});
  std::optional<Party> handler;
  if (in.action == "forward") {
    if (in.handler_org && in.handler_person) {
      errors.emplace("handler", Text{"request_one_handler", {}});
    } else if (in.handler_org) {
      auto o = registry::GetOrganization(tx, Scope::Everything(), *in.handler_org);
      if (!o.ok())
        errors.emplace("handler.organization_id", Text{"organization_not_found", {}});
      else
        handler = Party{"organization", o->id, o->name};
    } else if (in.handler_person) {
      auto p = registry::GetPerson(tx, Scope::Everything(), *in.handler_person);
      if (!p.ok())
        errors.emplace("handler.person_id", Text{"person_not_found", {}});
      else
        handler = Party{"person", p->id, p->name};
    } else {
      errors.emplace("handler", Text{"field_required", {}});
    }
  }
  SL_TRY(store::Finish(errors));
  const std::string text = note.value_or("");
  store::Values values = {{"status", *next}, {"is_open", int64_t{IsOpenStatus(*next) ? 1 : 0}}};
  std::optional<std::string> new_due;
  // Reopening (by hand, or by an unsatisfied rating) starts a new due date;
  // an escalation of a reopened request keeps it.
  if (*next == "reopened" && in.action != "escalate") {
    SL_ASSIGN_OR_RETURN(Calendar cal, LoadCalendar(tx));
    SL_ASSIGN_OR_RETURN(auto categories, CategoryMap(tx));
    auto c = categories.find(before.category);
    new_due = AddWorkingDays(
        cal, date,
        c == categories.end() ? Limits{}.time_limit_days : c->second.limits.time_limit_days);
    values.push_back({"due_on", *new_due});
    values.push_back({"reopened", int64_t{before.reopened + 1}});
    values.push_back({"resolved_on", db::Value()});
    values.push_back({"escalated", int64_t{0}});
  }
  if (in.action == "resolve") {
    values.push_back({"resolution", text});
    values.push_back({"resolved_on", date});
  } else if (in.action == "rate") {
    values.push_back({"rating", *rating});
    values.push_back({"rating_comment", text});
    values.push_back({"rated_on", date});
  } else if (in.action == "escalate") {
    values.push_back({"escalated", int64_t{std::min(2, before.escalation + 1)}});
  }
  SL_TRY(store::UpdateRecord(tx, "request", id, values));
  if (handler) {
    SL_TRY(
        tx.Exec("INSERT INTO request_handler (request_id, organization_id, person_id, "
                "added_on, note) VALUES (?, ?, ?, ?, ?)",
                {id, handler->kind == "organization" ? db::Value(handler->id) : db::Value(),
                 handler->kind == "person" ? db::Value(handler->id) : db::Value(), date, text}));
  }
  SL_TRY(AddStep(tx, caller, id, in.action, before.status, *next, text, handler, rating, new_due,
                 in.date.empty() ? NowUtc() : ChinaDayStartUtc(in.date)));
  SL_ASSIGN_OR_RETURN(Record r, Load(tx, caller, id, date, true));
  Json after = Snapshot(r);
  after["action"] = in.action;
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "request", id, "update", Snapshot(before), after,
                       before.region.path));
  return Full(tx, caller, std::move(r), date);
}

}  // namespace sl::requests
