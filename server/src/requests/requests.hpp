#pragma once
// Requests (诉求): what an entrepreneur or a villager asks of the town, owned
// by the person who answers for them, forwarded to handlers, due on a date
// counted in working days, escalated when late, resolved and rated. Also the
// to-do list (待办) every user reads: what they owe today, from requests,
// quotas, uncovered targets and land rent.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/caller.hpp"
#include "core/choice.hpp"
#include "core/handler.hpp"
#include "core/json.hpp"
#include "db/db.hpp"
#include "sheets/sheets.hpp"
#include "store/query.hpp"

namespace sl::requests {

using store::Paged;

inline constexpr const char* kRequestsRead = "requests.read";
inline constexpr const char* kRequestsWrite = "requests.write";
inline constexpr const char* kRequestsManage = "requests.manage";
inline constexpr const char* kRequestsMembers = "requests.members";
inline constexpr const char* kRequestsCategories = "requests.categories";
inline constexpr const char* kHolidaysWrite = "holidays.write";

const std::vector<Choice>& Sources();  // visit meeting direct
// The built-in statuses as the request_status table names them (migration 17).
const std::vector<Choice>& Statuses();
const std::vector<Choice>& Ratings();  // satisfied basic unsatisfied
const std::vector<Choice>&
Actions();  // accept forward progress resolve rate reopen escalate withdraw

// The working-day calendar (rules, no I/O) -------------------------------------

// Days off (holidays) and weekend days worked instead (workdays, 调休).
struct Calendar {
  std::set<std::string> holidays, workdays;
};
bool IsWorkingDay(const Calendar& c, std::string_view date);
// The n-th working day after `date` (n >= 1); `date` itself when n is 0.
std::string AddWorkingDays(const Calendar& c, std::string_view date, int n);
// How many working days lie in (from, to]; 0 when to <= from.
int WorkingDaysBetween(const Calendar& c, std::string_view from, std::string_view to);
// The day d such that WorkingDaysBetween(due, date) >= n exactly when due < d
// (for n = 0: `date`).
std::string WorkingCutoff(const Calendar& c, std::string_view date, int n);

// The flow (rules, no I/O) -------------------------------------------------------

// The status `action` leads to from `status` (with the rating of `rate`), or
// nullopt when it does not fit. `escalate` keeps the status.
std::optional<std::string> NextStatus(std::string_view status, std::string_view action,
                                      std::string_view rating = {});
bool IsOpenStatus(std::string_view status);
// The actions that fit a status, in Actions() order.
std::vector<std::string> ActionsFrom(std::string_view status);

// Escalation levels: 0 none, 1 the town, 2 the county.
struct Limits {
  int time_limit_days = 15, town_after_days = 0, county_after_days = 10;
};
// Derived from the dates (late by the category's limits, in working days on
// `date`) and raised by manual escalations; none once closed.
int EscalationOn(const Calendar& c, const Limits& l, bool open,
                 const std::optional<std::string>& due_on, int manual, std::string_view date);
const char* EscalationName(int level);  // none town county

// Records ------------------------------------------------------------------------------

struct Party {
  std::string kind;  // enterprise person organization
  int64_t id = 0;
  std::string name;
};

struct Handler {
  Party who;
  std::string added_on, note;
};

struct Step {
  int64_t id = 0;
  std::string action;
  std::optional<std::string> from_status;
  std::string to_status, at;
  int64_t user_id = 0;
  std::string actor_name, note;
  std::optional<Party> handler;
  std::optional<std::string> rating, due_on;
};

struct Record {
  int64_t id = 0;
  RegionRef region;
  RegionRef town;  // the region's town (the office that owns what no person does)
  std::optional<Party> requester;
  std::string category, title, detail, source;
  std::optional<int64_t> contact_id, event_id;
  std::string raised_on;
  std::optional<Party> owner;  // none: the town office
  std::vector<Handler> handlers;
  std::optional<std::string> due_on;
  std::string status;
  bool open = true;
  int escalated = 0;  // manual escalations
  std::string resolution;
  std::optional<std::string> resolved_on, rating, rated_on;
  std::string rating_comment;
  int reopened = 0;
  int64_t created_by = 0;
  std::string created_at, updated_at;
  int64_t version = 1;
  // On the date asked.
  bool overdue = false;
  int days_overdue = 0;
  int escalation = 0;
  // On a single request: what the caller may do, and the timeline.
  std::optional<std::vector<std::string>> actions;
  std::optional<std::vector<Step>> timeline;
};
Json ToJson(const Record& r);

struct Category {
  std::string code, name_zh_cn, name_zh_tw, name_en;
  Limits limits;
  int sort_order = 0;
  bool builtin = false;
  int64_t version = 1;
};
Json ToJson(const Category& c);
std::string NameOf(const Category& c, Lang lang);

// Inputs -------------------------------------------------------------------------------

struct RequestInput {
  std::optional<int64_t> requester_enterprise, requester_person;
  std::optional<std::string> region, category, title, detail, raised_on, source, due_on;
  std::optional<int64_t> contact_id, event_id, owner_person, version;
};

struct ActionInput {
  std::string action;
  std::optional<std::string> note, rating;
  std::optional<int64_t> handler_org, handler_person, version;
  std::string date;  // the day it is taken (tests, imports): default today
};

struct Filter {
  std::string region, status, category, q, from, to, date, escalation;
  std::string owner;  // "me", a person id, or ""
  int64_t requester_enterprise = 0, requester_person = 0, contact = 0;
  bool overdue = false;
};

// Operations (each in the caller's transaction, audited) --------------------------------

Result<Record> GetRequest(db::Tx& tx, const Caller& caller, int64_t id,
                          const std::string& date = "");
Result<Paged<Record>> ListRequests(db::Tx& tx, const Caller& caller, const Filter& f,
                                   const Page& page);
Status ForEachRequest(db::Tx& tx, const Caller& caller, const Filter& f,
                      const std::function<Status(const Record&)>& fn);
Result<Record> CreateRequest(db::Tx& tx, const Caller& caller, const RequestInput& in);
Result<Record> UpdateRequest(db::Tx& tx, const Caller& caller, int64_t id, const RequestInput& in);
Result<Record> Act(db::Tx& tx, const Caller& caller, int64_t id, const ActionInput& in);

// The default owner of a requester's request on a date: the level-1 leader of
// the entrepreneur (or of the enterprise's representative or member), the
// village's level-2 resident cadre for a villager; nullopt: the town office.
Result<std::optional<Party>> DefaultOwner(db::Tx& tx, std::optional<int64_t> enterprise,
                                          std::optional<int64_t> person, const std::string& date);

Result<std::vector<Category>> ListCategories(db::Tx& tx);
struct CategoryInput {
  std::optional<std::string> code, name_zh_cn, name_zh_tw, name_en;
  std::optional<int64_t> time_limit_days, town_after_days, county_after_days, sort_order, version;
};
Result<Category> CreateCategory(db::Tx& tx, const Caller& caller, const CategoryInput& in);
Result<Category> UpdateCategory(db::Tx& tx, const Caller& caller, const std::string& code,
                                const CategoryInput& in);

Result<Calendar> LoadCalendar(db::Tx& tx);

// Figures ------------------------------------------------------------------------------

struct Counts {
  int64_t total = 0, open = 0, overdue = 0, resolved = 0, on_time = 0, rated = 0, satisfied = 0;
  std::vector<int> days_to_resolve;  // calendar days, for the median
};
struct Stats {
  Json region;
  std::string from, to;
  Counts whole;
  std::vector<std::pair<std::string, Counts>> by_category;
  std::vector<std::pair<Json, Counts>> by_child;
};
Json ToJson(const Stats& s);
Result<Stats> Figures(db::Tx& tx, const Caller& caller, const std::string& region,
                      const std::string& from, const std::string& to, const std::string& date);

// To-do ------------------------------------------------------------------------------

struct TodoItem {
  std::string kind, title;
  std::optional<std::string> due;
  std::string severity;  // late soon normal
  std::string link;
};
Result<std::vector<TodoItem>> Todo(db::Tx& tx, const Caller& caller, const std::string& date,
                                   Lang lang);
struct TodoCount {
  int64_t count = 0, late = 0;
};
Result<TodoCount> CountTodo(db::Tx& tx, const Caller& caller, const std::string& date);

// Sheets -------------------------------------------------------------------------------

sheets::SheetKind RequestsSheetKind();

// Forms and handlers ---------------------------------------------------------------------

// The filters of the list (GET /requests) and of its export.
Result<Filter> ParseRequestFilter(const Request& r);
Result<RequestInput> ReadRequest(const Json& body);
Result<ActionInput> ReadAction(const Json& body);

Result<Response> HandleList(db::Database& db, const Request& r);
Result<Response> HandleCreate(db::Database& db, const Request& r);
Result<Response> HandleGet(db::Database& db, const Request& r);
Result<Response> HandleUpdate(db::Database& db, const Request& r);
Result<Response> HandleAction(db::Database& db, const Request& r);
Result<Response> HandleCategories(db::Database& db, const Request& r);
Result<Response> HandleCategoryCreate(db::Database& db, const Request& r);
Result<Response> HandleCategoryUpdate(db::Database& db, const Request& r);
Result<Response> HandleStatuses(db::Database& db, const Request& r);
Result<Response> HandleHolidays(db::Database& db, const Request& r);
Result<Response> HandleHolidayPut(db::Database& db, const Request& r);
Result<Response> HandleHolidayDelete(db::Database& db, const Request& r);
Result<Response> HandleStats(db::Database& db, const Request& r);
Result<Response> HandleTodo(db::Database& db, const Request& r);
Result<Response> HandleTodoCount(db::Database& db, const Request& r);
// POST /contacts: the visit, and the request raised on it, in one transaction.
Result<Response> HandleVisitCreate(db::Database& db, const Request& r);

}  // namespace sl::requests
