// Handlers of the events ledger: parse, one operation in one transaction, serialize.

#include "events/events.hpp"
#include "http/handlers.hpp"

namespace sl::events {

namespace {

using http::CreateHandler;
using http::DeleteHandler;
using http::FetchHandler;
using http::ListHandler;
using http::UpdateHandler;

using http::Plain;

Json Items(const std::vector<Attendance>& rows) {
  Json items = Json::array();
  for (const auto& a : rows) items.push_back(ToJson(a));
  return Json{{"items", std::move(items)}, {"total", static_cast<int64_t>(rows.size())}};
}

Result<EventKindInput> ReadKind(const Json& body) {
  FieldReader in(body);
  EventKindInput k;
  k.code = in.Str("code", false, 40);
  k.group = in.Str("group", false);
  k.name_zh_cn = in.Str("name_zh_cn", false, 50);
  k.name_zh_tw = in.Str("name_zh_tw", false, 50);
  k.name_en = in.Str("name_en", false, 80);
  k.sort_order = in.Int("sort_order", false);
  k.retired = in.Bool("retired", false);
  k.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return k;
}

// The {person_id} of /events/{id}/attendance/{person_id}.
Result<int64_t> PersonParam(const Request& r) {
  auto it = r.params.find("person_id");
  auto id = it == r.params.end() ? std::nullopt : ParseInt(it->second);
  if (!id || *id <= 0) return Error::NotFound("attendance_not_found");
  return *id;
}

}  // namespace

Result<EventInput> ReadEvent(const Json& body) {
  FieldReader in(body);
  EventInput e;
  e.kind = in.Str("kind", false, 40);
  e.title = in.Str("title", false, 200);
  e.region = in.Str("region", false, 20);
  e.starts_at = in.Str("starts_at", false, 30);
  e.ends_at = in.NullableStr("ends_at", 30);
  e.place = in.NullableStr("place", 200);
  e.agenda = in.NullableStr("agenda", 5000);
  e.decisions = in.NullableStr("decisions", 5000);
  e.organizers = in.IntList("organizers", false);
  e.partners = in.IntList("partners", false);
  e.project_ids = in.IntList("project_ids", false);
  e.enterprise_ids = in.IntList("enterprise_ids", false);
  e.unregistered_count = in.Int("unregistered_count", false);
  e.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return e;
}

namespace {
AttendanceInput ReadRow(FieldReader& in) {
  AttendanceInput a;
  a.person_id = in.Int("person_id", true);
  a.role = in.Str("role", false);
  a.status = in.Str("status", false);
  return a;
}

}  // namespace

Result<AttendanceInput> ReadAttendance(const Json& body) {
  FieldReader in(body);
  AttendanceInput a = ReadRow(in);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return a;
}

// {"items": [{"person_id", "role", "status"}]}: every row's mistakes at once,
// named items.N.field.
Result<std::vector<AttendanceInput>> ReadAttendanceList(const Json& body) {
  FieldReader in(body);
  std::optional<Json> items;
  if (!body.contains("items") || !body.at("items").is_array())
    in.Fail("items", {"field_list", {}});
  else
    items = body.at("items");
  (void)in.Has("items");
  std::vector<AttendanceInput> out;
  std::map<std::string, Text> errors;
  if (items) {
    if (items->size() > 10000) return Error::Invalid({{"items", Text{"field_too_large", {}}}});
    for (size_t i = 0; i < items->size(); ++i) {
      const Json& item = (*items)[i];
      if (!item.is_object()) {
        errors.emplace("items." + std::to_string(i), Text{"expected_object", {}});
        continue;
      }
      FieldReader row(item);
      out.push_back(ReadRow(row));
      row.RejectUnknown();
      if (auto st = row.Finish(); !st.ok())
        for (auto& [field, text] : st.error().fields)
          errors.emplace("items." + std::to_string(i) + "." + field, text);
    }
  }
  Status rest = in.Finish();
  if (!rest.ok()) {
    for (auto& [field, text] : rest.error().fields) errors.emplace(field, text);
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return out;
}

Result<EventFilter> ParseEventFilter(const Request& r) {
  EventFilter f;
  f.region = QueryText(r, "region");
  f.kind = QueryText(r, "kind");
  SL_ASSIGN_OR_RETURN(f.group, QueryChoice(r, "group", Groups()));
  SL_ASSIGN_OR_RETURN(f.from, QueryDate(r, "from"));
  SL_ASSIGN_OR_RETURN(f.to, QueryDate(r, "to"));
  f.q = QueryText(r, "q");
  SL_ASSIGN_OR_RETURN(f.person, QueryId(r, "person"));
  SL_ASSIGN_OR_RETURN(f.project, QueryId(r, "project"));
  return f;
}

Result<Response> HandleEventKindsList(db::Database& db, const Request&) {
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto kinds, ListEventKinds(tx));
    Json items = Json::array();
    for (const auto& k : kinds) items.push_back(ToJson(k));
    return Json{{"items", std::move(items)}, {"total", static_cast<int64_t>(kinds.size())}};
  });
}

Result<Response> HandleEventKindCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadKind, CreateEventKind, Plain<EventKind>);
}

Result<Response> HandleEventKindUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "event_kind_not_found", ReadKind, UpdateEventKind, Plain<EventKind>);
}

Result<Response> HandleEventsList(db::Database& db, const Request& r) {
  return ListHandler(db, r, ParseEventFilter, ListEvents, Plain<Event>);
}

Result<Response> HandleEventCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadEvent, CreateEvent, Plain<Event>);
}

Result<Response> HandleEventGet(db::Database& db, const Request& r) {
  return FetchHandler(
      db, r, "event_not_found",
      [](db::Tx& tx, const Caller& caller, int64_t id) { return GetEvent(tx, caller.view, id); },
      Plain<Event>);
}

Result<Response> HandleEventUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(
      db, r, "event_not_found", ReadEvent,
      [](db::Tx& tx, const Caller& caller, int64_t id, const EventInput& in) {
        return UpdateEvent(tx, caller, id, in);
      },
      Plain<Event>);
}

Result<Response> HandleEventDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "event_not_found", DeleteEvent);
}

Result<Response> HandleAttendanceList(db::Database& db, const Request& r) {
  return FetchHandler(db, r, "event_not_found", ListAttendance, Items);
}

Result<Response> HandleAttendancePut(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "event_not_found", ReadAttendanceList, PutAttendance, Items);
}

Result<Response> HandleAttendanceMark(db::Database& db, const Request& r) {
  return UpdateHandler(
      db, r, "event_not_found", ReadAttendance,
      [](db::Tx& tx, const Caller& caller, int64_t id, const AttendanceInput& in) {
        return MarkAttendance(tx, caller, id, in);
      },
      Plain<Attendance>);
}

Result<Response> HandleAttendanceRemove(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t person, PersonParam(r));
  return DeleteHandler(db, r, "event_not_found",
                       [person](db::Tx& tx, const Caller& caller, int64_t id) {
                         return RemoveAttendance(tx, caller, id, person);
                       });
}

Result<Response> HandleCheckInCode(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "event_not_found"));
  // A write: the signing key may be derived for the first time.
  return http::Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(CheckInCode c, MakeCheckInCode(tx, *r.caller, id));
    return Json{
        {"code", c.code}, {"expires_at", c.expires_at}, {"path", "/check-in?code=" + c.code}};
  });
}

Result<Response> HandleCheckIn(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "event_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  FieldReader in(body);
  const std::string code = in.Str("code", true, 100).value_or("");
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return http::Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Event e, CheckIn(tx, *r.caller, id, code));
    return Json{{"event",
                 {{"id", e.id},
                  {"title", e.title},
                  {"kind", e.kind},
                  {"starts_at", e.starts_at},
                  {"place", e.place},
                  {"region", RegionJson(e.region)}}},
                {"status", "present"}};
  });
}

Result<Response> HandleEventStats(db::Database& db, const Request& r) {
  const std::string region = QueryText(r, "region");
  SL_ASSIGN_OR_RETURN(std::string from, QueryDate(r, "from"));
  SL_ASSIGN_OR_RETURN(std::string to, QueryDate(r, "to"));
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(EventStats s, Stats(tx, *r.caller, region, from, to));
    return ToJson(s);
  });
}

}  // namespace sl::events
