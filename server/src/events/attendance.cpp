// Who attended an event: the roll the organizer takes (on a phone at the
// door), a whole list put at once (a sign-in sheet), and the attendee's own
// check-in with the signed code of the event's QR image.

#include <chrono>
#include <map>

#include "audit/audit.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"
#include "events/events.hpp"
#include "events/internal.hpp"
#include "pairing/targets.hpp"
#include "registry/registry.hpp"
#include "store/checks.hpp"

namespace sl::events {

using store::Fields;
using store::Need;

namespace {

constexpr int64_t kCheckInSeconds = 4 * 3600;  // a code is good for a session's length

constexpr const char* kRowSelect =
    "SELECT a.person_id, p.name, p.region_id, r.code, r.name, p.region_path, a.role, a.status, "
    "a.source, a.updated_at, a.id, a.event_id, e.title, e.starts_on FROM event_attendance a JOIN "
    "person p ON p.id = a.person_id JOIN region r ON r.id = p.region_id JOIN event e ON e.id = "
    "a.event_id WHERE ";
constexpr const char* kRowOrder =
    " ORDER BY CASE a.status WHEN 'present' THEN 0 WHEN 'excused' THEN 1 ELSE 2 END, "
    "p.sort_key, p.id";

Attendance RowFrom(const Caller& caller, const db::Row& r) {
  Attendance a;
  a.person_id = r.Int(0);
  a.name = r.Str(1);
  // People outside the caller's view are shown by name only.
  a.in_scope = caller.view.Contains(r.Str(5));
  if (a.in_scope) a.region = RegionRef{r.Int(2), r.Str(3), r.Str(4), r.Str(5)};
  a.role = r.Str(6);
  a.status = r.Str(7);
  a.source = r.Str(8);
  a.updated_at = r.Str(9);
  a.id = r.Int(10);
  a.event_id = r.Int(11);
  a.event_title = r.Str(12);
  a.event_starts_on = r.Str(13);
  return a;
}

// The rows of an event, present first, then by name (pinyin).
Result<std::vector<Attendance>> Rows(db::Tx& tx, const Caller& caller, int64_t event,
                                     int64_t person = 0) {
  std::string sql = std::string(kRowSelect) + "a.event_id = ?";
  db::Params params{event};
  if (person) {
    sql += " AND a.person_id = ?";
    params.push_back(person);
  }
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query(sql + kRowOrder, params));
  std::vector<Attendance> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(RowFrom(caller, r));
  return out;
}

// Where an event's attendees may come from: its town (or its own region when
// it is above a town).
std::string ReachOf(const Event& e) {
  const std::string town = pairing::TownOf(e.region.path);
  return town.empty() ? e.region.path : town;
}

Json RowJson(int64_t person, const std::string& role, const std::string& status) {
  return {{"person_id", person}, {"role", role}, {"status", status}};
}

struct Row {
  std::string role, status, source;
};

Result<std::map<int64_t, Row>> Current(db::Tx& tx, int64_t event) {
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT person_id, role, status, source FROM "
                                          "event_attendance WHERE event_id = ?",
                                          {event}));
  std::map<int64_t, Row> out;
  for (const auto& r : rows) out[r.Int(0)] = {r.Str(1), r.Str(2), r.Str(3)};
  return out;
}

Status Upsert(db::Tx& tx, const Event& e, int64_t person, const Row& row, bool exists) {
  const std::string now = NowUtc();
  if (exists) {
    SL_TRY(tx.Exec(
        "UPDATE event_attendance SET role = ?, status = ?, source = ?, updated_at = ? WHERE "
        "event_id = ? AND person_id = ?",
        {row.role, row.status, row.source, now, e.id, person}));
    return OkStatus();
  }
  SL_TRY(tx.Exec(
      "INSERT INTO event_attendance (event_id, person_id, role, status, source, region_path, "
      "starts_on, kind, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.id, person, row.role, row.status, row.source, e.region.path, e.starts_at.substr(0, 10),
       e.kind, now}));
  return OkStatus();
}

// A row of a form: the person inside the caller's view and the event's reach;
// role and status known. Messages under `prefix` (items.3.person_id).
Status CheckRow(db::Tx& tx, const Caller& caller, const Event& e, AttendanceInput& in,
                const std::string& prefix, Fields& errors) {
  std::optional<std::string> role = in.role, status = in.status;
  if (role && role->empty()) role.reset();
  if (status && status->empty()) status.reset();
  store::CheckChoice(role, AttendanceRoles(), (prefix + "role").c_str(), errors);
  store::CheckChoice(status, AttendanceStatuses(), (prefix + "status").c_str(), errors);
  in.role = role;
  in.status = status;
  const std::string field = prefix + "person_id";
  if (!in.person_id || *in.person_id <= 0) {
    errors.emplace(field, Text{"field_required", {}});
    return OkStatus();
  }
  auto person = registry::GetPerson(tx, caller.view, *in.person_id);
  if (!person.ok()) {
    if (person.error().code != ErrorCode::kNotFound) return std::move(person).error();
    errors.emplace(field, Text{"person_not_found", {}});
    return OkStatus();
  }
  if (person->region.path.rfind(ReachOf(e), 0) != 0)
    errors.emplace(field, Text{"event_person_out_of_reach", {}});
  return OkStatus();
}

Status Audit(db::Tx& tx, const Caller& caller, const Event& e, Json before, Json after) {
  return audit::Record(tx, audit::ActorOf(caller), "event", e.id, "attendance", before, after,
                       e.region.path);
}

}  // namespace

Result<std::vector<Attendance>> ListAttendance(db::Tx& tx, const Caller& caller, int64_t event) {
  SL_ASSIGN_OR_RETURN(Event e, GetEvent(tx, caller.view, event));
  return Rows(tx, caller, e.id);
}

Result<std::vector<Attendance>> PutAttendance(db::Tx& tx, const Caller& caller, int64_t event,
                                              const std::vector<AttendanceInput>& input) {
  SL_ASSIGN_OR_RETURN(Event e, EventForWrite(tx, caller, event));
  Fields errors;
  // One row per person: a duplicate is merged (the last one wins).
  std::map<int64_t, AttendanceInput> wanted;
  for (size_t i = 0; i < input.size(); ++i) {
    AttendanceInput in = input[i];
    SL_TRY(CheckRow(tx, caller, e, in, "items." + std::to_string(i) + ".", errors));
    if (in.person_id && *in.person_id > 0) wanted[*in.person_id] = in;
  }
  SL_TRY(store::Finish(errors));
  SL_ASSIGN_OR_RETURN(auto current, Current(tx, event));
  Json before = Json::array(), after = Json::array();
  for (const auto& [person, row] : current) before.push_back(RowJson(person, row.role, row.status));
  for (const auto& [person, row] : current)
    if (!wanted.count(person))
      SL_TRY(tx.Exec("DELETE FROM event_attendance WHERE event_id = ? AND person_id = ?",
                     {event, person}));
  for (const auto& [person, in] : wanted) {
    auto had = current.find(person);
    Row row{in.role.value_or(had != current.end() ? had->second.role : "participant"),
            in.status.value_or(had != current.end() ? had->second.status : "present"),
            had != current.end() ? had->second.source : "roll"};
    after.push_back(RowJson(person, row.role, row.status));
    if (had != current.end() && had->second.role == row.role && had->second.status == row.status)
      continue;
    SL_TRY(Upsert(tx, e, person, row, had != current.end()));
  }
  if (before != after) SL_TRY(Audit(tx, caller, e, std::move(before), std::move(after)));
  return Rows(tx, caller, event);
}

Result<Attendance> MarkAttendance(db::Tx& tx, const Caller& caller, int64_t event,
                                  const AttendanceInput& input, const std::string& source) {
  SL_ASSIGN_OR_RETURN(Event e, EventForWrite(tx, caller, event));
  Fields errors;
  AttendanceInput in = input;
  SL_TRY(CheckRow(tx, caller, e, in, "", errors));
  SL_TRY(store::Finish(errors));
  const int64_t person = *in.person_id;
  SL_ASSIGN_OR_RETURN(auto current, Current(tx, event));
  auto had = current.find(person);
  const bool exists = had != current.end();
  Row row{in.role.value_or(exists ? had->second.role : "participant"),
          in.status.value_or(exists ? had->second.status : "present"), source};
  if (!exists || had->second.role != row.role || had->second.status != row.status) {
    SL_TRY(Upsert(tx, e, person, row, exists));
    SL_TRY(Audit(tx, caller, e,
                 exists ? RowJson(person, had->second.role, had->second.status) : Json(),
                 RowJson(person, row.role, row.status)));
  }
  SL_ASSIGN_OR_RETURN(auto rows, Rows(tx, caller, event, person));
  if (rows.empty()) return Error::Internal("attendance row vanished");
  return rows.front();
}

Status RemoveAttendance(db::Tx& tx, const Caller& caller, int64_t event, int64_t person) {
  SL_ASSIGN_OR_RETURN(Event e, EventForWrite(tx, caller, event));
  SL_ASSIGN_OR_RETURN(auto current, Current(tx, event));
  auto had = current.find(person);
  if (had == current.end()) return Error::NotFound("attendance_not_found");
  SL_TRY(tx.Exec("DELETE FROM event_attendance WHERE event_id = ? AND person_id = ?",
                 {event, person}));
  return Audit(tx, caller, e, RowJson(person, had->second.role, had->second.status), Json());
}

Result<Attendance> GetAttendance(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string(kRowSelect) + "a.id = ?", {id}));
  if (!row) return Error::NotFound("attendance_not_found");
  Attendance a = RowFrom(caller, *row);
  // Seen through its event.
  auto seen = GetEvent(tx, caller.view, a.event_id);
  if (!seen.ok()) return std::move(seen).error();
  return a;
}

Status DeleteAttendance(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Attendance a, GetAttendance(tx, caller, id));
  return RemoveAttendance(tx, caller, a.event_id, a.person_id);
}

Status ForEachAttendance(db::Tx& tx, const Caller& caller, const EventFilter& f,
                         const std::function<Status(const Attendance&)>& fn) {
  std::vector<int64_t> events;
  SL_TRY(ForEachEvent(tx, caller, f, [&](const Event& e) {
    events.push_back(e.id);
    return OkStatus();
  }));
  for (int64_t event : events) {
    SL_ASSIGN_OR_RETURN(auto rows, Rows(tx, caller, event));
    for (const Attendance& a : rows) SL_TRY(fn(a));
  }
  return OkStatus();
}

// Check-in ---------------------------------------------------------------------

std::string SignCheckIn(const std::string& key, int64_t event, int64_t expires_s) {
  const std::string body = std::to_string(event) + "." + std::to_string(expires_s);
  // 128 bits of the HMAC: enough against guessing, short enough for a small QR image.
  return body + "." + HmacSha256Hex(key, "check-in:" + body).substr(0, 32);
}

std::optional<CodeProblem> VerifyCheckIn(const std::string& key, const std::string& code,
                                         int64_t event, int64_t now_s) {
  const size_t a = code.find('.');
  const size_t b = a == std::string::npos ? a : code.find('.', a + 1);
  if (b == std::string::npos || code.size() > 100) return CodeProblem::kInvalid;
  const auto id = ParseInt(std::string_view(code).substr(0, a));
  const auto expires = ParseInt(std::string_view(code).substr(a + 1, b - a - 1));
  if (!id || !expires || *id != event) return CodeProblem::kInvalid;
  if (!ConstantTimeEqual(SignCheckIn(key, *id, *expires), code)) return CodeProblem::kInvalid;
  if (now_s >= *expires) return CodeProblem::kExpired;
  return std::nullopt;
}

Result<CheckInCode> MakeCheckInCode(db::Tx& tx, const Caller& caller, int64_t event) {
  SL_ASSIGN_OR_RETURN(Event e, EventForWrite(tx, caller, event));
  SL_ASSIGN_OR_RETURN(std::string key, registry::DerivedSecret(tx, "check-in"));
  const int64_t expires = NowSeconds() + kCheckInSeconds;
  return CheckInCode{SignCheckIn(key, e.id, expires),
                     FormatUtc(Clock::time_point(std::chrono::seconds(expires)))};
}

Result<Event> CheckIn(db::Tx& tx, const Caller& caller, int64_t event, const std::string& code) {
  SL_ASSIGN_OR_RETURN(std::string key, registry::DerivedSecret(tx, "check-in"));
  if (auto problem = VerifyCheckIn(key, code, event, NowSeconds()))
    return *problem == CodeProblem::kExpired ? Error::Gone("check_in_expired")
                                             : Error::Forbidden("check_in_invalid");
  if (caller.person_id == 0) return Error::Forbidden("check_in_no_person");
  // The code stands for being there: the event need not be in the caller's view.
  SL_ASSIGN_OR_RETURN(Event e, GetEvent(tx, Scope::Everything(), event));
  SL_ASSIGN_OR_RETURN(auto current, Current(tx, event));
  auto had = current.find(caller.person_id);
  const bool exists = had != current.end();
  if (!exists || had->second.status != "present") {
    Row row{exists ? had->second.role : "participant", "present", "check_in"};
    SL_TRY(Upsert(tx, e, caller.person_id, row, exists));
    SL_TRY(Audit(tx, caller, e,
                 exists ? RowJson(caller.person_id, had->second.role, had->second.status) : Json(),
                 RowJson(caller.person_id, row.role, row.status)));
  }
  return GetEvent(tx, Scope::Everything(), event);
}

}  // namespace sl::events
