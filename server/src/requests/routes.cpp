// Handlers of requests, their categories and calendar, their figures and the
// to-do list: parse, one operation in one transaction, serialize.

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "http/handlers.hpp"
#include "pairing/pairing.hpp"
#include "requests/requests.hpp"

namespace sl::requests {

namespace {

using http::Plain;

// {"enterprise_id"} or {"person_id"}.
void ReadRequester(FieldReader& in, RequestInput& q) {
  if (auto t = in.Object("requester", false)) {
    FieldReader side(*t);
    q.requester_enterprise = side.Int("enterprise_id", false);
    q.requester_person = side.Int("person_id", false);
    side.RejectUnknown();
    if (auto st = side.Finish(); !st.ok())
      for (auto& [field, text] : st.error().fields) in.Fail("requester." + field, text);
    if (!q.requester_enterprise && !q.requester_person)
      in.Fail("requester", {"request_requester", {}});
  }
}

Result<CategoryInput> ReadCategory(const Json& body) {
  FieldReader in(body);
  CategoryInput c;
  c.code = in.Str("code", false, 40);
  c.name_zh_cn = in.Str("name_zh_cn", false, 20);
  c.name_zh_tw = in.Str("name_zh_tw", false, 20);
  c.name_en = in.Str("name_en", false, 40);
  c.time_limit_days = in.Int("time_limit_days", false);
  c.town_after_days = in.Int("town_after_days", false);
  c.county_after_days = in.Int("county_after_days", false);
  c.sort_order = in.Int("sort_order", false);
  c.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return c;
}

Result<std::string> PathText(const Request& r, const char* name, const char* not_found) {
  auto it = r.params.find(name);
  if (it == r.params.end() || it->second.empty() || it->second.size() > 40)
    return Error::NotFound(not_found);
  return it->second;
}

}  // namespace

Result<Filter> ParseRequestFilter(const Request& r) {
  Filter f;
  f.region = QueryText(r, "region");
  f.status = QueryText(r, "status");
  if (!f.status.empty() && f.status != "open" && f.status != "closed" &&
      !IsChoice(Statuses(), f.status))
    return Error::BadRequest("bad_query", {"status"});
  f.category = QueryText(r, "category");
  f.q = QueryText(r, "q");
  f.owner = QueryText(r, "owner");
  if (!f.owner.empty() && f.owner != "me" && !ParseInt(f.owner))
    return Error::BadRequest("bad_query", {"owner"});
  f.escalation = QueryText(r, "escalation");
  if (!f.escalation.empty() && f.escalation != "town" && f.escalation != "county")
    return Error::BadRequest("bad_query", {"escalation"});
  SL_ASSIGN_OR_RETURN(f.requester_enterprise, QueryId(r, "requester_enterprise"));
  SL_ASSIGN_OR_RETURN(f.requester_person, QueryId(r, "requester_person"));
  SL_ASSIGN_OR_RETURN(f.contact, QueryId(r, "contact"));
  SL_ASSIGN_OR_RETURN(f.from, QueryDate(r, "from"));
  SL_ASSIGN_OR_RETURN(f.to, QueryDate(r, "to"));
  SL_ASSIGN_OR_RETURN(f.date, QueryDate(r, "date"));
  f.overdue = QueryFlag(r, "overdue");
  return f;
}

Result<RequestInput> ReadRequest(const Json& body) {
  FieldReader in(body);
  RequestInput q;
  ReadRequester(in, q);
  q.region = in.Str("region", false, 20);
  q.category = in.Str("category", false, 40);
  q.title = in.Str("title", false, 100);
  q.detail = in.NullableStr("detail", 4000);
  q.raised_on = in.Date("raised_on", false);
  q.source = in.Str("source", false, 20);
  q.due_on = in.Date("due_on", false);
  q.contact_id = in.Int("contact_id", false);
  q.event_id = in.Int("event_id", false);
  q.owner_person = in.Int("owner_person_id", false);
  q.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return q;
}

Result<ActionInput> ReadAction(const Json& body) {
  FieldReader in(body);
  ActionInput a;
  a.action = in.Str("action", true, 20).value_or("");
  a.note = in.NullableStr("note", 2000);
  a.rating = in.Str("rating", false, 20);
  if (auto h = in.Object("handler", false)) {
    FieldReader side(*h);
    a.handler_org = side.Int("organization_id", false);
    a.handler_person = side.Int("person_id", false);
    side.RejectUnknown();
    if (auto st = side.Finish(); !st.ok())
      for (auto& [field, text] : st.error().fields) in.Fail("handler." + field, text);
  }
  a.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return a;
}

Result<Response> HandleList(db::Database& db, const Request& r) {
  return http::ListHandler(db, r, ParseRequestFilter, ListRequests, Plain<Record>);
}

Result<Response> HandleCreate(db::Database& db, const Request& r) {
  return http::CreateHandler(db, r, ReadRequest, CreateRequest, Plain<Record>);
}

Result<Response> HandleGet(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string date, QueryDate(r, "date"));
  return http::FetchHandler(
      db, r, "request_not_found",
      [&](db::Tx& tx, const Caller& caller, int64_t id) {
        return GetRequest(tx, caller, id, date);
      },
      Plain<Record>);
}

Result<Response> HandleUpdate(db::Database& db, const Request& r) {
  return http::UpdateHandler(db, r, "request_not_found", ReadRequest, UpdateRequest, Plain<Record>);
}

Result<Response> HandleAction(db::Database& db, const Request& r) {
  return http::UpdateHandler(db, r, "request_not_found", ReadAction, Act, Plain<Record>);
}

Result<Response> HandleCategories(db::Database& db, const Request& r) {
  (void)r;
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto list, ListCategories(tx));
    Json items = Json::array();
    for (const auto& c : list) items.push_back(ToJson(c));
    return Json{{"items", std::move(items)}};
  });
}

Result<Response> HandleCategoryCreate(db::Database& db, const Request& r) {
  return http::CreateHandler(db, r, ReadCategory, CreateCategory, Plain<Category>);
}

Result<Response> HandleCategoryUpdate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string code, PathText(r, "code", "request_category_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(CategoryInput in, ReadCategory(body));
  return http::Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Category c, UpdateCategory(tx, *r.caller, code, in));
    return ToJson(c);
  });
}

Result<Response> HandleStatuses(db::Database& db, const Request& r) {
  (void)r;
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    Json items = Json::array();
    SL_TRY(tx.ForEach(
        "SELECT code, type, name_zh_cn, name_zh_tw, name_en, sort_order FROM "
        "request_status ORDER BY sort_order",
        {}, [&](const db::Row& row) -> Status {
          items.push_back(
              {{"code", row.Str(0)},
               {"type", row.Str(1)},
               {"names", {{"zh-CN", row.Str(2)}, {"zh-TW", row.Str(3)}, {"en", row.Str(4)}}},
               {"sort_order", row.Int(5)}});
          return OkStatus();
        }));
    return Json{{"items", std::move(items)}};
  });
}

Result<Response> HandleHolidays(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int year, QueryYear(r, "year"));
  const std::string y = std::to_string(year ? year : std::stoi(TodayInChina().substr(0, 4)));
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    Json items = Json::array();
    SL_TRY(tx.ForEach(
        "SELECT day, kind, name FROM holiday WHERE day >= ? AND day <= ? ORDER BY "
        "day",
        {y + "-01-01", y + "-12-31"}, [&](const db::Row& row) -> Status {
          items.push_back({{"date", row.Str(0)}, {"kind", row.Str(1)}, {"name", row.Str(2)}});
          return OkStatus();
        }));
    return Json{{"year", std::stoi(y)}, {"items", std::move(items)}};
  });
}

Result<Response> HandleHolidayPut(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string day, PathText(r, "date", "holiday_not_found"));
  if (!IsIsoDate(day)) return Error::NotFound("holiday_not_found");
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  FieldReader in(body);
  auto kind = in.Str("kind", true, 20);
  auto name = in.NullableStr("name", 40);
  in.RejectUnknown();
  if (kind && *kind != "holiday" && *kind != "workday") in.Fail("kind", {"holiday_kind", {}});
  SL_TRY(in.Finish());
  return http::Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto old,
                        tx.QueryOne("SELECT kind, name FROM holiday WHERE day = ?", {day}));
    Json before = old ? Json{{"date", day}, {"kind", old->Str(0)}, {"name", old->Str(1)}} : Json();
    SL_TRY(tx.Exec("DELETE FROM holiday WHERE day = ?", {day}));
    SL_TRY(tx.Exec("INSERT INTO holiday (day, kind, name, updated_at) VALUES (?, ?, ?, ?)",
                   {day, *kind, name.value_or(""), NowUtc()}));
    Json after = {{"date", day}, {"kind", *kind}, {"name", name.value_or("")}};
    SL_TRY(audit::Record(tx, audit::ActorOf(*r.caller), "holiday", 0, old ? "update" : "create",
                         before, after, ""));
    return after;
  });
}

Result<Response> HandleHolidayDelete(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string day, PathText(r, "date", "holiday_not_found"));
  return http::Remove(db, [&](db::Tx& tx) -> Status {
    SL_ASSIGN_OR_RETURN(auto old,
                        tx.QueryOne("SELECT kind, name FROM holiday WHERE day = ?", {day}));
    if (!old) return Error::NotFound("holiday_not_found");
    SL_TRY(tx.Exec("DELETE FROM holiday WHERE day = ?", {day}));
    return audit::Record(tx, audit::ActorOf(*r.caller), "holiday", 0, "delete",
                         Json{{"date", day}, {"kind", old->Str(0)}, {"name", old->Str(1)}}, Json(),
                         "");
  });
}

Result<Response> HandleStats(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string from, QueryDate(r, "from"));
  SL_ASSIGN_OR_RETURN(std::string to, QueryDate(r, "to"));
  SL_ASSIGN_OR_RETURN(std::string date, QueryDate(r, "date"));
  const std::string region = QueryText(r, "region");
  if (r.caller->Can(kRequestsMembers)) return Error::Forbidden("out_of_scope");
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Stats s, Figures(tx, *r.caller, region, from, to, date));
    return ToJson(s);
  });
}

Result<Response> HandleTodo(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string date, QueryDate(r, "date", TodayInChina()));
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto items, Todo(tx, *r.caller, date, r.lang));
    Json list = Json::array();
    for (const TodoItem& i : items)
      list.push_back({{"kind", i.kind},
                      {"title", i.title},
                      {"due", OptJson(i.due)},
                      {"severity", i.severity},
                      {"link", i.link}});
    return Json{{"date", date}, {"items", std::move(list)}};
  });
}

Result<Response> HandleTodoCount(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string date, QueryDate(r, "date", TodayInChina()));
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(TodoCount c, CountTodo(tx, *r.caller, date));
    return Json{{"count", c.count}, {"late", c.late}};
  });
}

Result<Response> HandleVisitCreate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  // The request part, checked with the visit's fields: {"category", "title", "detail"}.
  std::optional<Json> raised;
  if (body.contains("request")) {
    raised = body.at("request");
    body.erase("request");
  }
  auto contact = pairing::ReadContact(body);
  RequestInput q;
  std::map<std::string, Text> errors;
  if (!contact.ok()) {
    if (contact.error().fields.empty()) return std::move(contact).error();
    errors = contact.error().fields;
  }
  if (raised && !raised->is_null()) {
    if (!raised->is_object()) {
      errors.emplace("request", Text{"field_object", {}});
    } else {
      FieldReader in(*raised);
      q.category = in.Str("category", true, 40);
      q.title = in.Str("title", true, 100);
      q.detail = in.NullableStr("detail", 4000);
      in.RejectUnknown();
      if (auto st = in.Finish(); !st.ok())
        for (auto& [field, text] : st.error().fields) errors.emplace("request." + field, text);
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return http::Write(db, 201, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(pairing::ContactRecord c, pairing::CreateContact(tx, *r.caller, *contact));
    if (raised && !raised->is_null()) {
      if (c.target.kind == "enterprise")
        q.requester_enterprise = c.target.id;
      else if (c.target.kind == "person")
        q.requester_person = c.target.id;
      else
        return Error::Invalid({{"request", Text{"request_visit_target", {}}}});
      q.contact_id = c.id;
      q.source = "visit";
      q.raised_on = c.occurred_on;
      auto created = CreateRequest(tx, *r.caller, q);
      if (!created.ok()) {
        Error e = std::move(created).error();
        if (e.fields.empty()) return e;
        std::map<std::string, Text> moved;
        for (auto& [field, text] : e.fields) moved.emplace("request." + field, text);
        return Error::Invalid(std::move(moved));
      }
      SL_ASSIGN_OR_RETURN(c, pairing::GetContact(tx, *r.caller, c.id));
    }
    return pairing::ToJson(c);
  });
}

}  // namespace sl::requests
