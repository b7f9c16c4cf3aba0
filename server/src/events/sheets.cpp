// The events ledger in and out of Excel: the events themselves, and the
// attendance of sign-in sheets (签到表), one row per person and event. Each
// row goes through the same operation as the form.

#include "core/date.hpp"
#include "db/scope.hpp"
#include "events/events.hpp"
#include "events/internal.hpp"
#include "regions/regions.hpp"

namespace sl::events {

using namespace sheets;  // NOLINT: this file is the events' sheets

namespace {

const std::vector<Column>& EventColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "", "系统编号；新增活动留空"},
      {"kind", "活动类型", "活動類型", "Kind", true, nullptr, "党委会",
       "党委会、商会骨干座谈会、村民代表会、高素质农民培育、党务培训（支部书记/发展党员）、考察、"
       "公益培训，或管理员新增的类型"},
      {"title", "活动名称", "活動名稱", "Title", true, nullptr, "镇党委会", "必填"},
      {"region", "所属区划", "所屬區劃", "Region", true, nullptr, "", "从下拉列表选择"},
      {"starts_at", "开始时间", "開始時間", "Starts", true, nullptr, "2022-03-10 09:00",
       "日期，或日期和时间（2022-03-10 09:00）"},
      {"ends_at", "结束时间", "結束時間", "Ends", false, nullptr, "", "不早于开始时间"},
      {"place", "地点", "地點", "Place", false, nullptr, "镇政府三楼会议室", ""},
      {"organizers", "主办单位", "主辦單位", "Organizers", false, nullptr, "中共楠市镇委员会",
       "组织名称或“名称（编号）”，多个用“、”分隔"},
      {"partners", "协办单位", "協辦單位", "Partners", false, nullptr, "",
       "组织名称或“名称（编号）”，多个用“、”分隔（如湖南农业大学）"},
      {"agenda", "议题", "議題", "Agenda", false, nullptr, "", ""},
      {"decisions", "决议", "決議", "Decisions", false, nullptr, "", ""},
      {"unregistered_count", "未登记人数", "未登記人數", "Unregistered", false, nullptr, "0",
       "不在人员台账中的参加人数（如学生）"},
  };
  return k;
}

const std::vector<Column>& AttendanceColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "", "系统编号；新增留空"},
      {"event_id", "活动编号", "活動編號", "Event ID", false, nullptr, "",
       "活动的系统编号；留空时按活动名称和日期查找"},
      {"event", "活动名称", "活動名稱", "Event", true, nullptr, "镇党委会", "必填"},
      {"date", "活动日期", "活動日期", "Date", true, nullptr, "2022-03-10", "活动开始的日期"},
      {"person", "姓名", "姓名", "Name", true, nullptr, "",
       "人员姓名（范围内唯一时）或“姓名（编号）”；须先在人员台账中登记"},
      {"role", "角色", "角色", "Role", false, AttendanceRoles, "参加", "主持、主讲、参加"},
      {"status", "出席情况", "出席情況", "Status", false, AttendanceStatuses, "出席",
       "出席、缺席、请假；留空为出席"},
  };
  return k;
}

// A start or an end as a ledger writes it (2022/3/10 9:00, an Excel date
// and time): the API's form, or the cell as it is (the store then says why).
std::string LenientWhen(const std::string& cell) {
  const size_t cut = cell.find_first_of(" T");
  auto day = ParseDate(cell.substr(0, cut));
  if (!day) return cell;
  if (cut == std::string::npos) return *day;
  std::string time = Trim(cell.substr(cut + 1));
  if (time.size() >= 4 && time[1] == ':') time = "0" + time;  // 9:00
  return *day + "T" + time;
}

std::string OrgsCell(const std::vector<OrgRef>& orgs) {
  std::string out;
  for (const OrgRef& o : orgs) {
    if (!out.empty()) out += "、";
    out += RefCell(o.name, std::to_string(o.id));
  }
  return out;
}

std::string WhenCell(const std::string& when) {
  std::string out = when;
  if (out.size() > 10) out[10] = ' ';
  return out;
}

std::vector<io::XlsxCell> EventCells(const Event& e) {
  return {io::XlsxCell::Integer(e.id),
          io::XlsxCell::Text(e.kind_name.empty() ? e.kind : e.kind_name),
          io::XlsxCell::Text(e.title),
          RegionCell(e.region),
          io::XlsxCell::Text(WhenCell(e.starts_at)),
          io::XlsxCell::Text(e.ends_at ? WhenCell(*e.ends_at) : ""),
          io::XlsxCell::Text(e.place),
          io::XlsxCell::Text(OrgsCell(e.organizers)),
          io::XlsxCell::Text(OrgsCell(e.partners)),
          io::XlsxCell::Text(e.agenda),
          io::XlsxCell::Text(e.decisions),
          io::XlsxCell::Integer(e.unregistered_count)};
}

std::vector<io::XlsxCell> AttendanceCells(const Attendance& a) {
  return {io::XlsxCell::Integer(a.id),
          io::XlsxCell::Integer(a.event_id),
          io::XlsxCell::Text(a.event_title),
          DateCell(a.event_starts_on),
          io::XlsxCell::Text(RefCell(a.name, std::to_string(a.person_id))),
          ChoiceCell(AttendanceRoles(), a.role),
          ChoiceCell(AttendanceStatuses(), a.status)};
}

const RowOf& EventRowOf() {
  static const RowOf k = [](db::Tx& tx, const Caller& caller, int64_t id) -> Result<RowCells> {
    SL_ASSIGN_OR_RETURN(Event e, GetEvent(tx, caller.view, id));
    return CellTexts(EventCells(e));
  };
  return k;
}

const RowOf& AttendanceRowOf() {
  static const RowOf k = [](db::Tx& tx, const Caller& caller, int64_t id) -> Result<RowCells> {
    SL_ASSIGN_OR_RETURN(Attendance a, GetAttendance(tx, caller, id));
    return CellTexts(AttendanceCells(a));
  };
  return k;
}

// A list of organizations ("中共楠市镇委员会、湖南农业大学（90）"): their ids,
// or a problem for the column. A blank cell leaves the list as it is.
Status OrgsColumn(Resolver& resolve, const RowView& row, const char* key,
                  std::optional<std::vector<int64_t>>& ids, Problems& problems) {
  auto cell = row.Get(key);
  if (!cell) return OkStatus();
  ids.emplace();
  for (const std::string& name : SplitList(*cell)) {
    Text problem;
    SL_ASSIGN_OR_RETURN(auto id, resolve.Record("organization", "", name, problem));
    if (id)
      ids->push_back(*id);
    else
      problems.emplace_back(key, problem);
  }
  return OkStatus();
}

Result<std::optional<RowOutcome>> ApplyEvent(db::Tx& tx, const Caller& caller, Resolver& resolve,
                                             const RowView& row, Problems& problems) {
  EventInput in;
  in.kind = row.Get("kind");
  in.title = row.Get("title");
  in.place = row.Get("place");
  in.agenda = row.Get("agenda");
  in.decisions = row.Get("decisions");
  if (auto starts = row.Get("starts_at")) in.starts_at = LenientWhen(*starts);
  if (auto ends = row.Get("ends_at")) in.ends_at = LenientWhen(*ends);
  for (const char* key : {"kind", "title", "starts_at"})
    if (!row.Get(key)) problems.emplace_back(key, Text{"field_required", {}});
  if (auto count = row.Get("unregistered_count")) {
    in.unregistered_count = ParseInt(*count);
    if (!in.unregistered_count)
      problems.emplace_back("unregistered_count", Text{"event_count", {}});
  }
  SL_TRY(RegionColumn(resolve, row, in.region, problems));
  SL_TRY(OrgsColumn(resolve, row, "organizers", in.organizers, problems));
  SL_TRY(OrgsColumn(resolve, row, "partners", in.partners, problems));
  if (!problems.empty()) return std::optional<RowOutcome>();
  std::optional<int64_t> existing;
  if (!ById(
          row, [&](int64_t id) { return GetEvent(tx, caller.view, id).ok(); }, existing, problems))
    return std::optional<RowOutcome>();
  // The same kind, title, day and place is the same event.
  if (!existing) {
    SL_ASSIGN_OR_RETURN(auto kind, FindEventKind(tx, *in.kind));
    SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, *in.region));
    auto day = internal::NormalizeWhen(*in.starts_at);
    if (kind && region && day) {
      SL_ASSIGN_OR_RETURN(int64_t id,
                          FindEvent(tx, kind->code, *in.title, day->substr(0, 10), region->id));
      if (id) existing = id;
    }
  }
  return Upsert(
      tx, caller, EventColumns(), EventRowOf(), existing, *in.title,
      [&] { return CreateEvent(tx, caller, in); },
      [&](int64_t id, bool* changed) { return UpdateEvent(tx, caller, id, in, changed); },
      problems);
}

// The event a sign-in row names: by its 编号, else by its title and day
// within the caller's view (one only).
Result<std::optional<int64_t>> EventOfRow(db::Tx& tx, const Caller& caller, const RowView& row,
                                          Problems& problems) {
  if (auto id = row.Get("event_id")) {
    auto n = ParseInt(*id);
    if (!n || !GetEvent(tx, caller.view, *n).ok()) {
      problems.emplace_back("event_id", Text{"sheet_not_found", {*id}});
      return std::optional<int64_t>();
    }
    return std::optional<int64_t>(*n);
  }
  auto title = row.Get("event");
  auto date = row.Get("date");
  if (!title) problems.emplace_back("event", Text{"field_required", {}});
  if (!date) problems.emplace_back("date", Text{"field_required", {}});
  if (!title || !date) return std::optional<int64_t>();
  auto day = ParseDate(*date);
  if (!day) {
    problems.emplace_back("date", Text{"field_date", {}});
    return std::optional<int64_t>();
  }
  db::Params params{*title, *day};
  const std::string scope = db::ScopeCondition(caller.view, "region_path", params);
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM event WHERE title = ? AND starts_on = ? "
                                          "AND deleted_at IS NULL AND " +
                                              scope + " ORDER BY id LIMIT 2",
                                          params));
  if (rows.size() == 1) return std::optional<int64_t>(rows[0].Int(0));
  const std::string named = *title + " " + *day;
  problems.emplace_back("event",
                        Text{rows.empty() ? "sheet_not_found" : "sheet_ambiguous", {named}});
  return std::optional<int64_t>();
}

Result<std::optional<RowOutcome>> ApplyAttendance(db::Tx& tx, const Caller& caller,
                                                  Resolver& resolve, const RowView& row,
                                                  Problems& problems) {
  AttendanceInput in;
  in.role = row.Get("role");
  in.status = row.Get("status");
  SL_ASSIGN_OR_RETURN(auto event, EventOfRow(tx, caller, row, problems));
  if (!row.Get("person")) problems.emplace_back("person", Text{"field_required", {}});
  SL_TRY(RecordColumn(resolve, row, "person", "person", "", in.person_id, problems));
  if (!problems.empty() || !event) return std::optional<RowOutcome>();
  std::optional<int64_t> existing;
  if (!ById(
          row, [&](int64_t id) { return GetAttendance(tx, caller, id).ok(); }, existing, problems))
    return std::optional<RowOutcome>();
  if (!existing) {
    SL_ASSIGN_OR_RETURN(auto had, tx.QueryOne("SELECT id FROM event_attendance WHERE event_id = ? "
                                              "AND person_id = ?",
                                              {*event, *in.person_id}));
    if (had) existing = had->Int(0);
  }
  return Upsert(
      tx, caller, AttendanceColumns(), AttendanceRowOf(), existing, *row.Get("person"),
      [&] { return MarkAttendance(tx, caller, *event, in, "import"); },
      [&](int64_t id, bool* changed) -> Result<Attendance> {
        SL_ASSIGN_OR_RETURN(Attendance before, GetAttendance(tx, caller, id));
        SL_ASSIGN_OR_RETURN(Attendance after,
                            MarkAttendance(tx, caller, *event, in, before.source));
        *changed = after.role != before.role || after.status != before.status;
        return after;
      },
      problems);
}

}  // namespace

Result<EventFilter> ParseAttendanceFilter(const Request& r) {
  SL_ASSIGN_OR_RETURN(EventFilter f, ParseEventFilter(r));
  SL_ASSIGN_OR_RETURN(f.event, QueryId(r, "event"));
  return f;
}

std::vector<SheetKind> EventSheetKinds() {
  return {
      {"events",
       kEventsRead,
       kEventsWrite,
       EventColumns,
       {{"project_ids", "id"}, {"enterprise_ids", "id"}},
       EachRow(ApplyEvent),
       DeleteEvent,
       WriteList(ParseEventFilter, ForEachEvent, EventCells)},
      {"attendance",
       kEventsRead,
       kEventsWrite,
       AttendanceColumns,
       {{"person_id", "person"}},
       EachRow(ApplyAttendance),
       DeleteAttendance,
       WriteList(ParseAttendanceFilter, ForEachAttendance, AttendanceCells)},
  };
}

}  // namespace sl::events
