#pragma once
// Events: meetings, trainings, study trips and welfare courses a town keeps
// as a ledger, with who organized them, what they decided, and who attended
// (taken as a roll by the organizer, or checked in by the attendee with a
// signed code). Their figures (人次, 人, unregistered head-counts) roll up
// from a village to the province.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/caller.hpp"
#include "core/choice.hpp"
#include "core/handler.hpp"
#include "core/json.hpp"
#include "db/db.hpp"
#include "sheets/sheets.hpp"
#include "store/query.hpp"

namespace sl::events {

using store::Paged;

inline constexpr const char* kEventsRead = "events.read";
inline constexpr const char* kEventsWrite = "events.write";
// Writes any event in the capture scope; without it (the chamber's
// secretary) only events the chamber organizes.
inline constexpr const char* kEventsManage = "events.manage";
inline constexpr const char* kEventKinds = "events.kinds";

const std::vector<Choice>& Groups();              // meeting, training, trip, activity
const std::vector<Choice>& AttendanceRoles();     // host, speaker, participant
const std::vector<Choice>& AttendanceStatuses();  // present, absent, excused
const std::vector<Choice>& AttendanceSources();   // roll, check_in, import

// Kinds ------------------------------------------------------------------------

struct EventKind {
  int64_t id = 0;
  std::string code, group, name_zh_cn, name_zh_tw, name_en;
  int sort_order = 0;
  bool builtin = false, retired = false;
  std::string created_at, updated_at;
  int64_t version = 0;
};
Json ToJson(const EventKind& k);

struct EventKindInput {
  std::optional<std::string> code, group, name_zh_cn, name_zh_tw, name_en;
  std::optional<int64_t> sort_order;
  std::optional<bool> retired;
  std::optional<int64_t> version;
};

Result<std::vector<EventKind>> ListEventKinds(db::Tx& tx);
// The kind with this code or any of its names (imports accept 党委会), or nullopt.
Result<std::optional<EventKind>> FindEventKind(db::Tx& tx, const std::string& code_or_name);
Result<EventKind> CreateEventKind(db::Tx& tx, const Caller& caller, const EventKindInput& in);
Result<EventKind> UpdateEventKind(db::Tx& tx, const Caller& caller, int64_t id,
                                  const EventKindInput& in);

// Events -----------------------------------------------------------------------

struct OrgRef {
  int64_t id = 0;
  std::string name, kind;
};

struct AttendanceCounts {
  int64_t present = 0, absent = 0, excused = 0;
};

struct Event {
  int64_t id = 0;
  std::string kind, group, title;
  std::string kind_name;  // its Simplified Chinese name (sheets write it)
  RegionRef region;
  std::string starts_at;  // YYYY-MM-DD or YYYY-MM-DDTHH:MM
  std::optional<std::string> ends_at;
  std::string place, agenda, decisions;
  std::vector<OrgRef> organizers, partners;
  std::vector<Ref> projects, enterprises;
  int64_t unregistered_count = 0;
  AttendanceCounts attendance;
  std::string created_at, updated_at;
  int64_t version = 0;
};
Json ToJson(const Event& e);

struct EventInput {
  std::optional<std::string> kind, title, region, starts_at, ends_at, place, agenda, decisions;
  std::optional<std::vector<int64_t>> organizers, partners, project_ids, enterprise_ids;
  std::optional<int64_t> unregistered_count;
  std::optional<int64_t> version;
};

struct EventFilter {
  std::string region;  // a code: its subtree
  std::string kind, group, from, to, q;
  int64_t person = 0;   // events this person attended (any status)
  int64_t project = 0;  // events linked to this project
  int64_t event = 0;    // one event (attendance exports)
};

Result<Event> GetEvent(db::Tx& tx, const Scope& view, int64_t id);
Result<Paged<Event>> ListEvents(db::Tx& tx, const Caller& caller, const EventFilter& f,
                                const Page& page);
Status ForEachEvent(db::Tx& tx, const Caller& caller, const EventFilter& f,
                    const std::function<Status(const Event&)>& fn);
Result<Event> CreateEvent(db::Tx& tx, const Caller& caller, const EventInput& in);
// `changed` (when given): whether the event changed (an import row may change nothing).
Result<Event> UpdateEvent(db::Tx& tx, const Caller& caller, int64_t id, const EventInput& in,
                          bool* changed = nullptr);
Status DeleteEvent(db::Tx& tx, const Caller& caller, int64_t id);
// The event, if the caller may change it (its capture scope and, without
// events.manage, organized by a chamber): what attendance writes check.
Result<Event> EventForWrite(db::Tx& tx, const Caller& caller, int64_t id);
// The event with this kind, title and start day at this region, or 0 (what an import matches on).
Result<int64_t> FindEvent(db::Tx& tx, const std::string& kind, const std::string& title,
                          const std::string& starts_on, int64_t region_id);

// Attendance -------------------------------------------------------------------

struct Attendance {
  int64_t id = 0;  // the row's (a sheet names it)
  int64_t event_id = 0;
  std::string event_title, event_starts_on;
  int64_t person_id = 0;
  std::string name;
  std::optional<RegionRef> region;  // none when the person is outside the caller's view
  bool in_scope = false;
  std::string role, status, source, updated_at;
};
Json ToJson(const Attendance& a);

struct AttendanceInput {
  std::optional<int64_t> person_id;
  std::optional<std::string> role, status;
};

Result<std::vector<Attendance>> ListAttendance(db::Tx& tx, const Caller& caller, int64_t event);
// Replaces the whole list (rows of one person merged; the last one wins).
Result<std::vector<Attendance>> PutAttendance(db::Tx& tx, const Caller& caller, int64_t event,
                                              const std::vector<AttendanceInput>& rows);
// Adds or changes one row (role participant and status present by default).
Result<Attendance> MarkAttendance(db::Tx& tx, const Caller& caller, int64_t event,
                                  const AttendanceInput& row, const std::string& source = "roll");
Status RemoveAttendance(db::Tx& tx, const Caller& caller, int64_t event, int64_t person);
// One row by its id, if the caller sees its event; and its removal (an
// import's undo).
Result<Attendance> GetAttendance(db::Tx& tx, const Caller& caller, int64_t id);
Status DeleteAttendance(db::Tx& tx, const Caller& caller, int64_t id);
// The rows of the events of a filter (an export), event by event.
Status ForEachAttendance(db::Tx& tx, const Caller& caller, const EventFilter& f,
                         const std::function<Status(const Attendance&)>& fn);

// The events' sheet kinds: events, and attendance (sign-in sheets).
std::vector<sheets::SheetKind> EventSheetKinds();

// Check-in ---------------------------------------------------------------------

// A check-in code: "<event>.<expires, Unix seconds>.<signature>", signed with
// a key derived from the key file's (so every app server of a database
// accepts it and a copy of the database alone cannot forge one).
struct CheckInCode {
  std::string code, expires_at;  // expires_at: ISO 8601 UTC
};
// The code of an event valid for `seconds` from `now_s`.
std::string SignCheckIn(const std::string& key, int64_t event, int64_t expires_s);
// Why a code is refused, or nullopt when it is good for `event` at `now_s`.
enum class CodeProblem { kInvalid, kExpired };
std::optional<CodeProblem> VerifyCheckIn(const std::string& key, const std::string& code,
                                         int64_t event, int64_t now_s);

Result<CheckInCode> MakeCheckInCode(db::Tx& tx, const Caller& caller, int64_t event);
// Marks the caller's own person present (source check_in).
Result<Event> CheckIn(db::Tx& tx, const Caller& caller, int64_t event, const std::string& code);

// Figures ----------------------------------------------------------------------

struct EventFigures {
  int64_t events = 0, attendances = 0, people = 0, unregistered = 0;
};
struct EventStats {
  std::string region_code, region_name, region_level, from, to;
  EventFigures totals;
  struct Group {
    std::string group;
    EventFigures figures;
  };
  std::vector<Group> groups;
  struct Kind {
    std::string kind, group;
    EventFigures figures;
  };
  std::vector<Kind> kinds;
  struct Town {
    std::string code, name;
    EventFigures figures;
  };
  std::vector<Town> towns;  // above town level
};
Json ToJson(const EventStats& s);
Result<EventStats> Stats(db::Tx& tx, const Caller& caller, const std::string& region,
                         const std::string& from, const std::string& to);

// Handlers ---------------------------------------------------------------------

Result<Response> HandleEventKindsList(db::Database& db, const Request& r);
Result<Response> HandleEventKindCreate(db::Database& db, const Request& r);
Result<Response> HandleEventKindUpdate(db::Database& db, const Request& r);
Result<Response> HandleEventsList(db::Database& db, const Request& r);
Result<Response> HandleEventCreate(db::Database& db, const Request& r);
Result<Response> HandleEventGet(db::Database& db, const Request& r);
Result<Response> HandleEventUpdate(db::Database& db, const Request& r);
Result<Response> HandleEventDelete(db::Database& db, const Request& r);
Result<Response> HandleAttendanceList(db::Database& db, const Request& r);
Result<Response> HandleAttendancePut(db::Database& db, const Request& r);
Result<Response> HandleAttendanceMark(db::Database& db, const Request& r);
Result<Response> HandleAttendanceRemove(db::Database& db, const Request& r);
Result<Response> HandleCheckInCode(db::Database& db, const Request& r);
Result<Response> HandleCheckIn(db::Database& db, const Request& r);
Result<Response> HandleEventStats(db::Database& db, const Request& r);
Result<EventFilter> ParseEventFilter(const Request& r);
// The forms of the routes (fuzzed with every JSON body).
Result<EventInput> ReadEvent(const Json& body);
Result<AttendanceInput> ReadAttendance(const Json& body);
Result<std::vector<AttendanceInput>> ReadAttendanceList(const Json& body);
// The events' filter and `event` (one event's roll), for attendance exports.
Result<EventFilter> ParseAttendanceFilter(const Request& r);

}  // namespace sl::events
