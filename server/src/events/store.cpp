// The events ledger: its kinds (data) and its records, with their organizers,
// partners and links, checked and audited like every ledger.

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "db/scope.hpp"
#include "events/events.hpp"
#include "events/internal.hpp"
#include "projects/projects.hpp"
#include "registry/registry.hpp"
#include "store/checks.hpp"
#include "store/write.hpp"

namespace sl::events {

using store::Fields;
using store::Need;

// Kinds ------------------------------------------------------------------------

namespace {

const store::RecordQuery<EventKind>& Kinds() {
  static const store::RecordQuery<EventKind> k{
      "event_kind k",
      store::RowMap<EventKind>(
          "k.id, k.code, k.kind_group, k.name_zh_cn, k.name_zh_tw, k.name_en, k.sort_order, "
          "k.builtin, k.retired",
          &EventKind::id, &EventKind::code, &EventKind::group, &EventKind::name_zh_cn,
          &EventKind::name_zh_tw, &EventKind::name_en, &EventKind::sort_order, &EventKind::builtin,
          &EventKind::retired)
          .Stamps("k")};
  return k;
}

Result<EventKind> LoadKind(db::Tx& tx, int64_t id) {
  store::Where w;
  w.And("k.id = ?", {id});
  return Kinds().Get(tx, w, "event_kind_not_found");
}

}  // namespace

Result<std::vector<EventKind>> ListEventKinds(db::Tx& tx) {
  return Kinds().All(tx, store::Where{}, "k.sort_order, k.id");
}

Result<std::optional<EventKind>> FindEventKind(db::Tx& tx, const std::string& code_or_name) {
  store::Where w;
  w.And("(k.code = ? OR k.name_zh_cn = ? OR k.name_zh_tw = ? OR k.name_en = ?)",
        {code_or_name, code_or_name, code_or_name, code_or_name});
  return Kinds().Find(tx, w);
}

Result<EventKind> CreateEventKind(db::Tx& tx, const Caller& caller, const EventKindInput& input) {
  EventKindInput in = input;
  Fields errors;
  if (!in.code || !store::IsCode(*in.code)) errors.emplace("code", Text{"event_kind_code", {}});
  store::CheckChoice(in.group, Groups(), "group", errors, Need::kRequired);
  store::CheckText(in.name_zh_cn, "name_zh_cn", errors, 50, Need::kRequired);
  store::CheckText(in.name_zh_tw, "name_zh_tw", errors, 50, Need::kRequired);
  store::CheckText(in.name_en, "name_en", errors, 80, Need::kRequired);
  if (errors.empty()) {
    SL_ASSIGN_OR_RETURN(auto taken, FindEventKind(tx, *in.code));
    if (taken) errors.emplace("code", Text{"event_kind_taken", {}});
  }
  SL_TRY(store::Finish(errors));
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "event_kind",
                                                      {{"code", *in.code},
                                                       {"kind_group", *in.group},
                                                       {"name_zh_cn", *in.name_zh_cn},
                                                       {"name_zh_tw", *in.name_zh_tw},
                                                       {"name_en", *in.name_en},
                                                       {"sort_order", in.sort_order.value_or(100)},
                                                       {"builtin", int64_t{0}},
                                                       {"retired", int64_t{0}}}));
  SL_ASSIGN_OR_RETURN(EventKind k, LoadKind(tx, id));
  SL_TRY(
      audit::Record(tx, audit::ActorOf(caller), "event_kind", id, "create", Json(), ToJson(k), ""));
  return k;
}

Result<EventKind> UpdateEventKind(db::Tx& tx, const Caller& caller, int64_t id,
                                  const EventKindInput& input) {
  SL_ASSIGN_OR_RETURN(EventKind before, LoadKind(tx, id));
  SL_TRY(store::CheckVersion(input.version, before.version));
  EventKindInput in = input;
  Fields errors;
  if (in.code && *in.code != before.code) errors.emplace("code", Text{"event_kind_code_fixed", {}});
  store::CheckChoice(in.group, Groups(), "group", errors, Need::kNotEmpty);
  store::CheckText(in.name_zh_cn, "name_zh_cn", errors, 50, Need::kNotEmpty);
  store::CheckText(in.name_zh_tw, "name_zh_tw", errors, 50, Need::kNotEmpty);
  store::CheckText(in.name_en, "name_en", errors, 80, Need::kNotEmpty);
  SL_TRY(store::Finish(errors));
  const std::string group = in.group.value_or(before.group);
  SL_TRY(store::UpdateRecord(tx, "event_kind", id,
                             {{"kind_group", group},
                              {"name_zh_cn", in.name_zh_cn.value_or(before.name_zh_cn)},
                              {"name_zh_tw", in.name_zh_tw.value_or(before.name_zh_tw)},
                              {"name_en", in.name_en.value_or(before.name_en)},
                              {"sort_order", in.sort_order.value_or(before.sort_order)},
                              {"retired", int64_t{in.retired.value_or(before.retired) ? 1 : 0}}}));
  // The events of the kind move with it to its new group.
  if (group != before.group)
    SL_TRY(tx.Exec("UPDATE event SET kind_group = ? WHERE kind = ?", {group, before.code}));
  SL_ASSIGN_OR_RETURN(EventKind after, LoadKind(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "event_kind", id, "update", ToJson(before),
                       ToJson(after), ""));
  return after;
}

// Events -----------------------------------------------------------------------

namespace {

const store::RecordQuery<Event>& Events() {
  static const store::RecordQuery<Event> k{
      "event e JOIN region r ON r.id = e.region_id LEFT JOIN event_kind k ON k.code = e.kind",
      store::RowMap<Event>("e.id, e.kind, e.kind_group, e.title, k.name_zh_cn", &Event::id,
                           &Event::kind, &Event::group, &Event::title, &Event::kind_name)
          .Add("e.region_id, r.code, r.name, e.region_path", &Event::region)
          .Add("e.starts_at, e.ends_at, e.place, e.agenda, e.decisions, e.unregistered_count",
               &Event::starts_at, &Event::ends_at, &Event::place, &Event::agenda, &Event::decisions,
               &Event::unregistered_count)
          .Stamps("e")};
  return k;
}

// What a page or a batch of events needs beside their rows: organizations,
// links and attendance counts, three queries for them all.
Status Complete(db::Tx& tx, std::vector<Event>& events) {
  if (events.empty()) return OkStatus();
  std::map<int64_t, Event*> by_id;
  for (Event& e : events) by_id[e.id] = &e;
  std::vector<int64_t> ids;
  for (const auto& [id, e] : by_id) ids.push_back(id);
  {
    db::Params p;
    const std::string in = db::InList(ids.begin(), ids.end(), p);
    SL_TRY(
        tx.ForEach("SELECT g.event_id, g.role, o.id, o.name, o.kind FROM event_org g JOIN "
                   "organization o ON o.id = g.organization_id WHERE g.event_id IN " +
                       in + " ORDER BY o.sort_key, o.id",
                   p, [&](const db::Row& r) -> Status {
                     Event* e = by_id[r.Int(0)];
                     (r.Str(1) == "partner" ? e->partners : e->organizers)
                         .push_back({r.Int(2), r.Str(3), r.Str(4)});
                     return OkStatus();
                   }));
  }
  {
    db::Params p;
    const std::string in = db::InList(ids.begin(), ids.end(), p);
    SL_TRY(tx.ForEach(
        "SELECT l.event_id, l.target_kind, l.target_id, j.name, n.name FROM event_link l LEFT "
        "JOIN project j ON l.target_kind = 'project' AND j.id = l.target_id LEFT JOIN enterprise "
        "n ON l.target_kind = 'enterprise' AND n.id = l.target_id WHERE l.event_id IN " +
            in + " ORDER BY l.target_kind, l.target_id",
        p, [&](const db::Row& r) -> Status {
          Event* e = by_id[r.Int(0)];
          if (r.Str(1) == "project")
            e->projects.push_back({r.Int(2), r.Str(3)});
          else
            e->enterprises.push_back({r.Int(2), r.Str(4)});
          return OkStatus();
        }));
  }
  {
    db::Params p;
    const std::string in = db::InList(ids.begin(), ids.end(), p);
    SL_TRY(tx.ForEach(
        "SELECT event_id, status, COUNT(*) FROM event_attendance WHERE event_id IN " + in +
            " GROUP BY event_id, status",
        p, [&](const db::Row& r) -> Status {
          AttendanceCounts& c = by_id[r.Int(0)]->attendance;
          const std::string status = r.Str(1);
          (status == "present" ? c.present : status == "absent" ? c.absent : c.excused) = r.Int(2);
          return OkStatus();
        }));
  }
  return OkStatus();
}

Result<Event> Load(db::Tx& tx, const Scope& view, int64_t id) {
  store::Where w;
  w.And("e.id = ? AND e.deleted_at IS NULL", {id});
  w.Scope(view, "e.region_path");
  SL_ASSIGN_OR_RETURN(Event e, Events().Get(tx, w, "event_not_found"));
  std::vector<Event> one{std::move(e)};
  SL_TRY(Complete(tx, one));
  return std::move(one.front());
}

Status EventWhere(db::Tx& tx, const Caller& caller, const EventFilter& f, store::Where& w) {
  w.And("e.deleted_at IS NULL");
  w.Scope(caller.view, "e.region_path");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "e.region_path"));
  w.Equals("e.kind", f.kind);
  w.Equals("e.kind_group", f.group);
  w.Equals("e.id", f.event);
  if (!f.from.empty()) w.And("e.starts_on >= ?", {f.from});
  if (!f.to.empty()) w.And("e.starts_on <= ?", {f.to});
  if (f.person)
    w.And("e.id IN (SELECT a.event_id FROM event_attendance a WHERE a.person_id = ?)", {f.person});
  if (f.project)
    w.And(
        "e.id IN (SELECT l.event_id FROM event_link l WHERE l.target_kind = 'project' AND "
        "l.target_id = ?)",
        {f.project});
  w.Search(f.q, store::SearchKind::kEvent, "e");
  return OkStatus();
}

const store::Listing<Event, EventFilter>& EventList() {
  static const store::Listing<Event, EventFilter> k{
      [](const EventFilter&) { return Events(); }, EventWhere,
      [](const EventFilter&) { return std::string("e.starts_at DESC, e.id DESC"); },
      [](db::Tx& tx, const EventFilter&, std::vector<Event>& batch) {
        return Complete(tx, batch);
      }};
  return k;
}

// An event as the audit log keeps it: without the attendance counts, which
// change with attendance (audited on its own).
Json Snapshot(const Event& e) {
  Json j = ToJson(e);
  j.erase("attendance");
  return j;
}

// The organizations of an event's form: each must be on file in the caller's
// view; answered with their kinds.
Result<std::vector<OrgRef>> CheckOrgs(db::Tx& tx, const Caller& caller,
                                      const std::optional<std::vector<int64_t>>& ids,
                                      const char* field, Fields& errors) {
  std::vector<OrgRef> out;
  if (!ids) return out;
  std::set<int64_t> seen;
  for (int64_t id : *ids) {
    if (!seen.insert(id).second) continue;
    auto org = registry::GetOrganization(tx, caller.view, id);
    if (!org.ok()) {
      if (org.error().code != ErrorCode::kNotFound) return std::move(org).error();
      errors.emplace(field, Text{"organization_not_found", {}});
      continue;
    }
    out.push_back({org->id, org->name, org->kind});
  }
  return out;
}

struct Checked {
  EventInput in;
  std::optional<RegionRef> region;
  std::optional<EventKind> kind;
  std::optional<std::vector<OrgRef>> organizers, partners;
};

// `existing`: the event as it is (an update), or null (a new one).
Result<Checked> Check(db::Tx& tx, const Caller& caller, EventInput in, const Event* existing) {
  Fields errors;
  Checked c;
  const bool create = existing == nullptr;
  const Need needed = create ? Need::kRequired : Need::kOptional;
  if (in.kind && !(existing && *in.kind == existing->kind)) {
    SL_ASSIGN_OR_RETURN(c.kind, FindEventKind(tx, *in.kind));
    if (!c.kind || c.kind->retired) errors.emplace("kind", Text{"event_kind_unknown", {}});
  } else if (create) {
    errors.emplace("kind", Text{"field_required", {}});
  }
  store::CheckText(in.title, "title", errors, 200, store::RequiredOnCreate(create));
  SL_ASSIGN_OR_RETURN(c.region,
                      store::CheckRegion(tx, caller, in.region, "region", errors, needed));
  internal::CheckWhen(in.starts_at, "starts_at", errors, store::RequiredOnCreate(create));
  internal::CheckWhen(in.ends_at, "ends_at", errors, Need::kOptional);
  const std::string starts = in.starts_at.value_or(existing ? existing->starts_at : "");
  const std::optional<std::string> ends = in.ends_at
                                              ? (in.ends_at->empty() ? std::nullopt : in.ends_at)
                                              : (existing ? existing->ends_at : std::nullopt);
  if (!errors.count("starts_at") && !errors.count("ends_at") && ends &&
      internal::Before(*ends, starts))
    errors.emplace("ends_at", Text{"event_ends_before", {}});
  store::CheckText(in.place, "place", errors, 200);
  store::CheckNotes(in.agenda, "agenda", errors, 5000);
  store::CheckNotes(in.decisions, "decisions", errors, 5000);
  store::CheckNotNegative(in.unregistered_count, "unregistered_count", errors);
  if (in.unregistered_count && *in.unregistered_count > 1000000)
    errors.emplace("unregistered_count", Text{"field_too_large", {}});
  if (in.organizers) {
    SL_ASSIGN_OR_RETURN(c.organizers, CheckOrgs(tx, caller, in.organizers, "organizers", errors));
  }
  if (in.partners) {
    SL_ASSIGN_OR_RETURN(c.partners, CheckOrgs(tx, caller, in.partners, "partners", errors));
  }
  if (in.project_ids)
    for (int64_t id : *in.project_ids) {
      auto p = projects::GetProject(tx, caller.view, id);
      if (!p.ok()) errors.emplace("project_ids", Text{"project_not_found", {}});
    }
  if (in.enterprise_ids)
    for (int64_t id : *in.enterprise_ids) {
      auto e = registry::GetEnterprise(tx, caller.view, id);
      if (!e.ok()) errors.emplace("enterprise_ids", Text{"enterprise_not_found", {}});
    }
  // Without events.manage (the chamber), an event is the chamber's to write
  // only when the chamber organizes it.
  if (!caller.Can(kEventsManage) && !errors.count("organizers")) {
    const std::vector<OrgRef>& orgs =
        c.organizers ? *c.organizers : (existing ? existing->organizers : std::vector<OrgRef>{});
    if (!internal::ByChamber(orgs)) errors.emplace("organizers", Text{"event_chamber_only", {}});
  }
  SL_TRY(store::Finish(errors));
  c.in = std::move(in);
  return c;
}

Status WriteOrgs(db::Tx& tx, int64_t id, const char* role,
                 const std::optional<std::vector<OrgRef>>& orgs) {
  if (!orgs) return OkStatus();
  SL_TRY(tx.Exec("DELETE FROM event_org WHERE event_id = ? AND role = ?", {id, role}));
  for (const OrgRef& o : *orgs)
    SL_TRY(tx.Exec("INSERT INTO event_org (event_id, organization_id, role) VALUES (?, ?, ?)",
                   {id, o.id, role}));
  return OkStatus();
}

Status WriteLinks(db::Tx& tx, int64_t id, const char* kind,
                  const std::optional<std::vector<int64_t>>& targets) {
  if (!targets) return OkStatus();
  SL_TRY(tx.Exec("DELETE FROM event_link WHERE event_id = ? AND target_kind = ?", {id, kind}));
  std::set<int64_t> seen;
  for (int64_t target : *targets)
    if (seen.insert(target).second)
      SL_TRY(tx.Exec("INSERT INTO event_link (event_id, target_kind, target_id) VALUES (?, ?, ?)",
                     {id, kind, target}));
  return OkStatus();
}

Status WriteRelations(db::Tx& tx, int64_t id, const Checked& c) {
  SL_TRY(WriteOrgs(tx, id, "organizer", c.organizers));
  SL_TRY(WriteOrgs(tx, id, "partner", c.partners));
  SL_TRY(WriteLinks(tx, id, "project", c.in.project_ids));
  return WriteLinks(tx, id, "enterprise", c.in.enterprise_ids);
}

// Whether two lists name the same records, in any order.
template <class A, class B>
bool SameIds(const std::vector<A>& a, const std::vector<B>& b) {
  const auto id = [](const auto& x) {
    if constexpr (std::is_same_v<std::decay_t<decltype(x)>, int64_t>)
      return x;
    else
      return x.id;
  };
  std::set<int64_t> left, right;
  for (const auto& x : a) left.insert(id(x));
  for (const auto& x : b) right.insert(id(x));
  return left == right;
}

// Whether the caller may change this event: its capture scope, and without
// events.manage, the chamber among its organizers.
Status MayChange(const Caller& caller, const Event& e) {
  SL_TRY(store::CheckCapture(caller, e.region.path));
  if (!caller.Can(kEventsManage) && !internal::ByChamber(e.organizers))
    return Error::Forbidden("event_chamber_only");
  return OkStatus();
}

}  // namespace

namespace internal {

void CheckWhen(std::optional<std::string>& value, const char* field, Fields& errors, Need need) {
  if (!value) {
    if (need == Need::kRequired) errors.emplace(field, Text{"field_required", {}});
    return;
  }
  std::string v = *value;
  if (v.empty()) {
    if (need != Need::kOptional) errors.emplace(field, Text{"field_required", {}});
    return;
  }
  auto normal = NormalizeWhen(v);
  if (!normal) {
    errors.emplace(field, Text{"event_when", {}});
    return;
  }
  *value = *normal;
}

std::optional<std::string> NormalizeWhen(std::string_view s) {
  if (s.size() < 10 || !IsIsoDate(s.substr(0, 10))) return std::nullopt;
  std::string out(s.substr(0, 10));
  if (s.size() == 10) return out;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  const std::string_view t = s.substr(11);
  // HH:MM, or HH:MM:SS (the seconds dropped).
  if (t.size() != 5 && t.size() != 8) return std::nullopt;
  auto digits = [&](size_t i) {
    return t[i] >= '0' && t[i] <= '9' && t[i + 1] >= '0' && t[i + 1] <= '9';
  };
  if (!digits(0) || t[2] != ':' || !digits(3)) return std::nullopt;
  if (t.size() == 8 && (t[5] != ':' || !digits(6))) return std::nullopt;
  const int hh = (t[0] - '0') * 10 + (t[1] - '0'), mm = (t[3] - '0') * 10 + (t[4] - '0');
  if (hh > 23 || mm > 59) return std::nullopt;
  if (t.size() == 8 && (t[6] - '0') * 10 + (t[7] - '0') > 59) return std::nullopt;
  out += 'T';
  out += t.substr(0, 5);
  return out;
}

bool Before(std::string_view a, std::string_view b) {
  // A day alone is compared with the other's day.
  if (a.size() == 10 || b.size() == 10) return a.substr(0, 10) < b.substr(0, 10);
  return a < b;
}

bool ByChamber(const std::vector<OrgRef>& organizers) {
  return std::any_of(organizers.begin(), organizers.end(),
                     [](const OrgRef& o) { return o.kind == "chamber"; });
}

}  // namespace internal

Result<Event> GetEvent(db::Tx& tx, const Scope& view, int64_t id) { return Load(tx, view, id); }

Result<Event> EventForWrite(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Event e, Load(tx, caller.view, id));
  SL_TRY(MayChange(caller, e));
  return e;
}

Result<Paged<Event>> ListEvents(db::Tx& tx, const Caller& caller, const EventFilter& f,
                                const Page& page) {
  return EventList().Page(tx, caller, f, page);
}

Status ForEachEvent(db::Tx& tx, const Caller& caller, const EventFilter& f,
                    const std::function<Status(const Event&)>& fn) {
  return EventList().ForEach(tx, caller, f, fn);
}

Result<Event> CreateEvent(db::Tx& tx, const Caller& caller, const EventInput& input) {
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, nullptr));
  const std::string& title = *c.in.title;
  store::Values values = {{"kind", c.kind->code},
                          {"kind_group", c.kind->group},
                          {"title", title},
                          {"region_id", c.region->id},
                          {"region_path", c.region->path},
                          {"starts_at", *c.in.starts_at},
                          {"starts_on", c.in.starts_at->substr(0, 10)},
                          {"ends_at", store::OrNull(c.in.ends_at)},
                          {"place", c.in.place.value_or("")},
                          {"agenda", c.in.agenda.value_or("")},
                          {"decisions", c.in.decisions.value_or("")},
                          {"unregistered_count", c.in.unregistered_count.value_or(0)},
                          {"created_by", caller.user_id ? db::Value(caller.user_id) : db::Value()}};
  for (auto& v : store::NameColumns(title)) values.push_back(std::move(v));
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "event", values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kEvent, id, {}, {}, title));
  SL_TRY(WriteRelations(tx, id, c));
  SL_ASSIGN_OR_RETURN(Event e, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "event", id, "create", Json(), Snapshot(e),
                       e.region.path));
  return e;
}

Result<Event> UpdateEvent(db::Tx& tx, const Caller& caller, int64_t id, const EventInput& input,
                          bool* changed) {
  SL_ASSIGN_OR_RETURN(Event before, EventForWrite(tx, caller, id));
  SL_TRY(store::CheckVersion(input.version, before.version));
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, &before));
  const std::string title = c.in.title.value_or(before.title);
  const RegionRef region = c.region.value_or(before.region);
  const std::string kind = c.kind ? c.kind->code : before.kind;
  const std::string group = c.kind ? c.kind->group : before.group;
  const std::string starts = c.in.starts_at.value_or(before.starts_at);
  std::optional<std::string> ends = before.ends_at;
  if (c.in.ends_at) ends = c.in.ends_at->empty() ? std::nullopt : c.in.ends_at;
  const bool same =
      kind == before.kind && title == before.title && region.id == before.region.id &&
      starts == before.starts_at && ends == before.ends_at &&
      c.in.place.value_or(before.place) == before.place &&
      c.in.agenda.value_or(before.agenda) == before.agenda &&
      c.in.decisions.value_or(before.decisions) == before.decisions &&
      c.in.unregistered_count.value_or(before.unregistered_count) == before.unregistered_count &&
      (!c.organizers || SameIds(*c.organizers, before.organizers)) &&
      (!c.partners || SameIds(*c.partners, before.partners)) &&
      (!c.in.project_ids || SameIds(*c.in.project_ids, before.projects)) &&
      (!c.in.enterprise_ids || SameIds(*c.in.enterprise_ids, before.enterprises));
  if (changed) *changed = !same;
  if (same) return before;
  store::Values values = {
      {"kind", kind},
      {"kind_group", group},
      {"title", title},
      {"region_id", region.id},
      {"region_path", region.path},
      {"starts_at", starts},
      {"starts_on", starts.substr(0, 10)},
      {"ends_at", store::OrNull(ends)},
      {"place", c.in.place.value_or(before.place)},
      {"agenda", c.in.agenda.value_or(before.agenda)},
      {"decisions", c.in.decisions.value_or(before.decisions)},
      {"unregistered_count", c.in.unregistered_count.value_or(before.unregistered_count)}};
  for (auto& v : store::NameColumns(title)) values.push_back(std::move(v));
  SL_TRY(store::UpdateRecord(tx, "event", id, values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kEvent, id, before.title, {}, title));
  SL_TRY(WriteRelations(tx, id, c));
  // The attendance rows carry the event's place, day and kind for the figures.
  if (region.path != before.region.path || starts.substr(0, 10) != before.starts_at.substr(0, 10) ||
      kind != before.kind)
    SL_TRY(tx.Exec(
        "UPDATE event_attendance SET region_path = ?, starts_on = ?, kind = ? WHERE event_id = ?",
        {region.path, starts.substr(0, 10), kind, id}));
  SL_ASSIGN_OR_RETURN(Event after, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "event", id, "update", Snapshot(before),
                       Snapshot(after), after.region.path));
  return after;
}

Status DeleteEvent(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Event before, EventForWrite(tx, caller, id));
  // The audit entry keeps who attended; the figures stop counting them.
  Json snapshot = Snapshot(before);
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT person_id, role, status, source FROM "
                                          "event_attendance WHERE event_id = ? ORDER BY person_id",
                                          {id}));
  Json attendance = Json::array();
  for (const auto& r : rows)
    attendance.push_back(
        {{"person_id", r.Int(0)}, {"role", r.Str(1)}, {"status", r.Str(2)}, {"source", r.Str(3)}});
  snapshot["attendance"] = std::move(attendance);
  SL_TRY(tx.Exec("DELETE FROM event_attendance WHERE event_id = ?", {id}));
  SL_TRY(store::IndexName(tx, store::SearchKind::kEvent, id, before.title, {}, ""));
  return store::SoftDelete(tx, caller, "event", "event", id, snapshot, before.region.path);
}

Result<int64_t> FindEvent(db::Tx& tx, const std::string& kind, const std::string& title,
                          const std::string& starts_on, int64_t region_id) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM event WHERE kind = ? AND title = ? AND "
                                            "starts_on = ? AND region_id = ? AND deleted_at IS "
                                            "NULL ORDER BY id",
                                            {kind, title, starts_on, region_id}));
  return row ? row->Int(0) : int64_t{0};
}

}  // namespace sl::events
