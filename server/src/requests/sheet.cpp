// Requests in and out of Excel: the list's export, and requests taken on
// paper. A row without 编号 raises a request (on its 提出日期) and, when it
// was already resolved (or rated), takes it to that status on its 办结日期,
// so that the timeline tells what happened when; a row with the 编号 of a
// request on file changes only its category, title and detail (what it went
// through is the timeline's, never an import's). Requests are never deleted:
// the only removal is an import's undo, which takes back what it raised.

#include <map>

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "registry/registry.hpp"
#include "registry/validators.hpp"
#include "requests/internal.hpp"
#include "requests/requests.hpp"
#include "store/search_index.hpp"
#include "text/text.hpp"

namespace sl::requests {

using namespace sheets;  // NOLINT: this file is the requests' sheet

namespace {

// What a request taken on paper may be when it is entered.
const std::vector<Choice>& PaperStatuses() {
  static const std::vector<Choice> k = {
      {"registered", "登记", "登記", "Registered"},
      {"resolved", "办结", "辦結", "Resolved"},
      {"rated", "已评价", "已評價", "Rated"},
  };
  return k;
}

const std::vector<Column>& RequestColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "", "系统编号；纸质登记的新诉求留空"},
      {"requester", "诉求人", "訴求人", "Requester", true, nullptr, "示例农业开发有限公司",
       "企业名称、统一社会信用代码或“名称（编号）”；或个人姓名、身份证号或“姓名（编号）”"},
      {"region", "所在地", "所在地", "Place", false, nullptr, "",
       "诉求所在的村或镇（从下拉列表选择）；留空为诉求人所在地"},
      {"category", "类别", "類別", "Category", true, nullptr, "用地",
       "类别名称或代码：融资、用地、用工、审批、基础设施、政策咨询、矛盾纠纷、其他等"},
      {"title", "标题", "標題", "Title", true, nullptr, "示例：晾晒棚用地审批", "最多 100 字"},
      {"detail", "详情", "詳情", "Detail", false, nullptr, "", ""},
      {"raised_on", "提出日期", "提出日期", "Raised", false, nullptr, "2022-03-07",
       "留空为今天；不能晚于今天"},
      {"source", "来源", "來源", "Source", false, Sources, "走访",
       "走访、座谈、直接反映；留空为直接反映"},
      {"owner", "责任人", "責任人", "Owner", false, nullptr, "",
       "导出时填写；导入时不读取，新诉求按包保关系确定责任人"},
      {"due_on", "办理期限", "辦理期限", "Due", false, nullptr, "",
       "导出时填写；导入时不读取，按类别的办理时限计算"},
      {"status", "状态", "狀態", "Status", false, PaperStatuses, "登记",
       "新诉求：登记、办结或已评价，留空为登记；已有诉求的状态只在诉求页面办理，导入不修改"},
      {"resolved_on", "办结日期", "辦結日期", "Resolved", false, nullptr, "",
       "状态为办结或已评价时必填"},
      {"resolution", "办理结果", "辦理結果", "Resolution", false, nullptr, "",
       "状态为办结或已评价时必填"},
      {"rating", "评价", "評價", "Rating", false, Ratings, "",
       "满意、基本满意、不满意；状态为已评价时必填"},
      {"rating_comment", "评价意见", "評價意見", "Rating comment", false, nullptr, "",
       "诉求人的原话"},
  };
  return k;
}

using Categories = std::map<std::string, Category>;
using internal::CategoryMap;

// A category's code from its cell: the code, or its name in any language;
// the cell as it is when nothing matches (the store then says why).
std::string CategoryOf(const Categories& categories, const std::string& cell) {
  if (categories.count(cell)) return cell;
  const std::string folded = text::Fold(cell);
  for (const auto& [code, c] : categories)
    if (cell == c.name_zh_cn || cell == c.name_zh_tw || folded == text::Fold(c.name_en) ||
        folded == text::Fold(code))
      return code;
  return cell;
}

io::XlsxCell PartyCell(const std::optional<Party>& p) {
  return p ? io::XlsxCell::Text(RefCell(p->name, std::to_string(p->id))) : io::XlsxCell();
}

io::XlsxCell OptChoiceCell(const std::vector<Choice>& choices,
                           const std::optional<std::string>& id) {
  return id && !id->empty() ? ChoiceCell(choices, *id) : io::XlsxCell();
}

// The owner: a person, or the town office (镇党政办) when no person owns it.
io::XlsxCell OwnerCell(const Record& r) {
  if (r.owner) return PartyCell(r.owner);
  return io::XlsxCell::Text(r.town.name + "党政办");
}

std::vector<io::XlsxCell> RequestCells(const Record& r, const Categories& categories) {
  auto c = categories.find(r.category);
  return {io::XlsxCell::Integer(r.id),
          PartyCell(r.requester),
          RegionCell(r.region),
          io::XlsxCell::Text(c == categories.end() ? r.category : c->second.name_zh_cn),
          io::XlsxCell::Text(r.title),
          io::XlsxCell::Text(r.detail),
          DateCell(r.raised_on),
          ChoiceCell(Sources(), r.source),
          OwnerCell(r),
          DateCell(r.due_on),
          ChoiceCell(Statuses(), r.status),
          DateCell(r.resolved_on),
          io::XlsxCell::Text(r.resolution),
          OptChoiceCell(Ratings(), r.rating),
          io::XlsxCell::Text(r.rating_comment)};
}

const RowOf& RequestRowOf() {
  static const RowOf k = [](db::Tx& tx, const Caller& caller, int64_t id) -> Result<RowCells> {
    SL_ASSIGN_OR_RETURN(Record r, GetRequest(tx, caller, id));
    SL_ASSIGN_OR_RETURN(Categories categories, CategoryMap(tx));
    return CellTexts(RequestCells(r, categories));
  };
  return k;
}

// 诉求人: an enterprise (by its credit code, its name or "名称（编号）") or a
// person (by ID-card number, name or "姓名（编号）") the caller sees; nothing,
// with the problem, otherwise.
Result<std::optional<Party>> RequesterOf(db::Tx& tx, const Caller& caller, Resolver& resolve,
                                         const std::string& cell, Text& problem) {
  const auto none = std::optional<Party>();
  problem = Text{"sheet_not_found", {cell}};
  if (auto code = registry::ParseUscc(cell); code.ok()) {
    SL_ASSIGN_OR_RETURN(auto id, registry::FindEnterpriseByUscc(tx, code->code));
    if (id) {
      auto e = registry::GetEnterprise(tx, caller.view, *id);
      if (e.ok()) return std::optional<Party>(Party{"enterprise", e->id, e->name});
    }
    return none;
  }
  if (auto card = registry::ParseIdCard(cell); card.ok()) {
    SL_ASSIGN_OR_RETURN(auto id, registry::FindPersonByIdCard(tx, caller.view, card->number));
    if (id) {
      auto p = registry::GetPerson(tx, caller.view, *id);
      if (p.ok()) return std::optional<Party>(Party{"person", p->id, p->name});
    }
    return none;
  }
  // A name, or "名称（编号）": an enterprise first, then a person. With a
  // number, the name must be that record's (an enterprise and a person may
  // share a number).
  const auto [name, number] = SplitRef(cell);
  for (const char* kind : {"enterprise", "person"}) {
    Text why;
    SL_ASSIGN_OR_RETURN(auto id, resolve.Record(kind, "", cell, why));
    if (!id) {
      if (why.key == "sheet_ambiguous") {
        problem = why;
        return none;
      }
      continue;
    }
    std::optional<std::string> found;
    if (std::string_view(kind) == "enterprise") {
      if (auto e = registry::GetEnterprise(tx, caller.view, *id); e.ok()) found = e->name;
    } else {
      if (auto p = registry::GetPerson(tx, caller.view, *id); p.ok()) found = p->name;
    }
    if (found && (!number || *found == name)) return std::optional<Party>(Party{kind, *id, *found});
  }
  return none;
}

// A day as ledgers write it, or a problem for the column.
std::optional<std::string> DayOf(const RowView& row, const char* key, Problems& problems) {
  auto cell = row.Get(key);
  if (!cell || cell->empty()) return std::nullopt;
  auto day = ParseDate(*cell);
  if (!day) problems.emplace_back(key, Text{"field_date", {}});
  return day;
}

bool Filled(const RowView& row, const char* key) {
  auto cell = row.Get(key);
  return cell && !cell->empty();
}

// An action's field errors under the columns they came from.
Error Moved(Error e, std::initializer_list<std::pair<const char*, const char*>> moves) {
  if (e.code != ErrorCode::kInvalid) return e;
  std::map<std::string, Text> fields;
  for (auto& [field, text] : e.fields) {
    std::string column = field;
    for (const auto& [from, to] : moves)
      if (field == from) column = to;
    fields.emplace(column, text);
  }
  e.fields = std::move(fields);
  return e;
}

// What a paper row asks for beyond raising the request: its resolution (on
// its day) and the requester's rating.
struct Outcome {
  std::string status = "registered";
  std::optional<std::string> resolved_on, resolution, rating, rating_comment;
};

// The status columns of a new row, checked together.
Outcome PaperOutcome(const RowView& row, const std::optional<std::string>& raised,
                     Problems& problems) {
  Outcome out;
  if (auto cell = row.Get("status"); cell && !cell->empty()) {
    auto id = ChoiceId(PaperStatuses(), *cell);
    if (!id) id = ChoiceId(PaperStatuses(), text::Fold(*cell));
    if (!id)
      problems.emplace_back("status", Text{"field_choice", {ChoiceLabels(PaperStatuses())}});
    else
      out.status = *id;
  }
  const bool resolved = out.status == "resolved" || out.status == "rated";
  out.resolved_on = DayOf(row, "resolved_on", problems);
  out.resolution = row.Get("resolution");
  out.rating = row.Get("rating");
  out.rating_comment = row.Get("rating_comment");
  if (resolved) {
    if (!Filled(row, "resolved_on"))
      problems.emplace_back("resolved_on", Text{"field_required", {}});
    else if (out.resolved_on && *out.resolved_on > TodayInChina())
      problems.emplace_back("resolved_on", Text{"field_date_future", {}});
    else if (out.resolved_on && raised && *out.resolved_on < *raised)
      problems.emplace_back("resolved_on", Text{"request_resolved_before_raised", {}});
    if (!Filled(row, "resolution")) problems.emplace_back("resolution", Text{"field_required", {}});
  } else {
    for (const char* key : {"resolved_on", "resolution"})
      if (Filled(row, key)) problems.emplace_back(key, Text{"request_sheet_resolved_only", {}});
  }
  if (out.status == "rated") {
    if (!Filled(row, "rating")) {
      problems.emplace_back("rating", Text{"field_required", {}});
    } else {
      // The id, not a label: the flow reopens a request rated 不满意.
      out.rating = ChoiceId(Ratings(), *out.rating);
      if (!out.rating) out.rating = ChoiceId(Ratings(), text::Fold(*row.Get("rating")));
      if (!out.rating)
        problems.emplace_back("rating", Text{"field_choice", {ChoiceLabels(Ratings())}});
    }
  } else {
    for (const char* key : {"rating", "rating_comment"})
      if (Filled(row, key)) problems.emplace_back(key, Text{"request_rating_only", {}});
  }
  return out;
}

// A new row: the request raised, then resolved and rated on the day it was.
Result<Record> Raise(db::Tx& tx, const Caller& caller, const RequestInput& in,
                     const Outcome& outcome) {
  SL_ASSIGN_OR_RETURN(Record r, CreateRequest(tx, caller, in));
  if (outcome.status == "registered") return r;
  ActionInput resolve;
  resolve.action = "resolve";
  resolve.note = outcome.resolution;
  resolve.date = *outcome.resolved_on;
  auto resolved = Act(tx, caller, r.id, resolve);
  if (!resolved.ok()) return Moved(std::move(resolved).error(), {{"note", "resolution"}});
  if (outcome.status != "rated") return std::move(*resolved);
  ActionInput rate;
  rate.action = "rate";
  rate.rating = outcome.rating;
  rate.note = outcome.rating_comment;
  rate.date = *outcome.resolved_on;
  auto rated = Act(tx, caller, r.id, rate);
  if (!rated.ok()) return Moved(std::move(rated).error(), {{"note", "rating_comment"}});
  return std::move(*rated);
}

// The columns of a request on file that an import does not change: a cell
// that says otherwise is the row's mistake, not a change quietly dropped.
Status CheckFixed(db::Tx& tx, const Caller& caller, Resolver& resolve, const RowView& row,
                  const Record& r, Problems& problems) {
  const auto differs = [&](const char* key) {
    problems.emplace_back(key, Text{"request_sheet_fixed", {}});
  };
  // The requester as the export writes it stands without a look-up (the
  // caller may see the request, as its owner, but not the requester).
  if (auto cell = row.Get("requester");
      cell &&
      !(r.requester && *cell == RefCell(r.requester->name, std::to_string(r.requester->id)))) {
    std::optional<Party> who;
    if (!cell->empty()) {
      Text problem;
      SL_ASSIGN_OR_RETURN(who, RequesterOf(tx, caller, resolve, *cell, problem));
    }
    if (who.has_value() != r.requester.has_value() ||
        (who && (who->kind != r.requester->kind || who->id != r.requester->id)))
      differs("requester");
  }
  if (auto cell = row.Get("region")) {
    Text problem;
    std::optional<std::string> code;
    if (!cell->empty()) {
      SL_ASSIGN_OR_RETURN(code, resolve.Region(*cell, problem));
    }
    if (code.value_or("") != r.region.code) differs("region");
  }
  const auto same_day = [&](const char* key, const std::optional<std::string>& day) {
    auto cell = row.Get(key);
    if (!cell) return;
    if (cell->empty() ? day.has_value() : ParseDate(*cell) != day) differs(key);
  };
  const auto same_choice = [&](const char* key, const std::vector<Choice>& choices,
                               const std::optional<std::string>& id) {
    auto cell = row.Get(key);
    if (!cell) return;
    auto given = ChoiceId(choices, *cell);
    if (!given && !cell->empty()) given = ChoiceId(choices, text::Fold(*cell));
    if (cell->empty() ? id.has_value() : given != id) differs(key);
  };
  const auto same_text = [&](const char* key, const std::string& text) {
    auto cell = row.Get(key);
    if (cell && *cell != Trim(text)) differs(key);
  };
  // In the columns' order, as the row's errors read.
  same_day("raised_on", r.raised_on);
  same_choice("source", Sources(), r.source);
  same_choice("status", Statuses(), r.status);
  same_day("resolved_on", r.resolved_on);
  same_text("resolution", r.resolution);
  same_choice("rating", Ratings(), r.rating);
  same_text("rating_comment", r.rating_comment);
  return OkStatus();
}

Result<std::optional<RowOutcome>> ApplyRequest(db::Tx& tx, const Caller& given, Resolver& resolve,
                                               const RowView& row, Problems& problems) {
  const auto none = std::optional<RowOutcome>();
  const Caller& caller = given;
  std::optional<int64_t> existing;
  if (!ById(
          row, [&](int64_t id) { return GetRequest(tx, caller, id).ok(); }, existing, problems))
    return none;
  SL_ASSIGN_OR_RETURN(Categories categories, CategoryMap(tx));
  RequestInput in;
  if (auto cell = row.Get("category")) in.category = CategoryOf(categories, *cell);
  in.title = row.Get("title");
  in.detail = row.Get("detail");
  Outcome outcome;
  if (existing) {
    SL_ASSIGN_OR_RETURN(Record r, GetRequest(tx, caller, *existing));
    SL_TRY(CheckFixed(tx, caller, resolve, row, r, problems));
    if (!problems.empty()) return none;
    // Only what differs goes to the store: a row read back unchanged
    // writes nothing (no new version, no audit entry).
    if (in.category == r.category) in.category.reset();
    if (in.title == Trim(r.title)) in.title.reset();
    if (in.detail == Trim(r.detail)) in.detail.reset();
  } else {
    for (const char* key : {"requester", "category", "title"})
      if (!Filled(row, key)) problems.emplace_back(key, Text{"field_required", {}});
    if (auto cell = row.Get("requester"); cell && !cell->empty()) {
      Text problem;
      SL_ASSIGN_OR_RETURN(auto who, RequesterOf(tx, caller, resolve, *cell, problem));
      if (!who)
        problems.emplace_back("requester", problem);
      else if (who->kind == "enterprise")
        in.requester_enterprise = who->id;
      else
        in.requester_person = who->id;
    }
    if (Filled(row, "region")) SL_TRY(RegionColumn(resolve, row, in.region, problems));
    in.raised_on = row.Get("raised_on");
    in.source = row.Get("source");
    const std::optional<std::string> raised =
        in.raised_on ? ParseDate(*in.raised_on) : std::optional<std::string>(TodayInChina());
    outcome = PaperOutcome(row, raised, problems);
    if (!problems.empty()) return none;
  }
  const std::string label = row.Get("title").value_or("");
  SL_ASSIGN_OR_RETURN(auto result, Upsert(
                                       tx, caller, RequestColumns(), RequestRowOf(), existing,
                                       label, [&] { return Raise(tx, caller, in, outcome); },
                                       [&](int64_t id, bool* changed) -> Result<Record> {
                                         *changed = in.category || in.title || in.detail;
                                         if (!*changed) return GetRequest(tx, caller, id);
                                         return UpdateRequest(tx, caller, id, in);
                                       },
                                       problems));
  if (result && existing && result->label.empty() && result->what != RowOutcome::kUnchanged) {
    SL_ASSIGN_OR_RETURN(Record r, GetRequest(tx, caller, *existing));
    result->label = r.title;
  }
  return result;
}

Status WriteRequests(db::Tx& tx, const Caller& caller, const Request& r,
                     io::XlsxSheetWriter& sheet) {
  SL_ASSIGN_OR_RETURN(Filter f, ParseRequestFilter(r));
  SL_ASSIGN_OR_RETURN(Categories categories, CategoryMap(tx));
  return ForEachRequest(
      tx, caller, f, [&](const Record& q) { return sheet.WriteRow(RequestCells(q, categories)); });
}

// Takes back a request an import raised: its timeline, handlers, index rows
// and the request itself, audited as a deletion. One worked on since (an
// action the import did not take) stays.
Status RemoveRequest(db::Tx& tx, const Caller& given, int64_t id) {
  const Caller& caller = given;
  SL_ASSIGN_OR_RETURN(Record r, GetRequest(tx, caller, id));
  if (!r.handlers.empty()) return Error::Conflict("invalid_transition", {r.status, "delete"});
  for (const Step& s : r.timeline.value_or(std::vector<Step>()))
    if (s.action != "create" && s.action != "resolve" && s.action != "rate")
      return Error::Conflict("invalid_transition", {r.status, "delete"});
  SL_TRY(tx.Exec("DELETE FROM request_action WHERE request_id = ?", {id}));
  SL_TRY(tx.Exec("DELETE FROM request_handler WHERE request_id = ?", {id}));
  SL_TRY(tx.Exec("DELETE FROM search_token WHERE kind = ? AND record_id = ?",
                 {static_cast<int64_t>(store::SearchKind::kRequest), id}));
  SL_TRY(tx.Exec("DELETE FROM request WHERE id = ?", {id}));
  r.actions.reset();
  r.timeline.reset();
  Json before = ToJson(r);
  for (const char* volatile_key : {"overdue", "days_overdue", "escalation"})
    before.erase(volatile_key);
  return audit::Record(tx, audit::ActorOf(caller), "request", id, "delete", before, Json(),
                       r.region.path);
}

}  // namespace

SheetKind RequestsSheetKind() {
  return {"requests",
          kRequestsRead,
          kRequestsWrite,
          RequestColumns,
          {{"requester.enterprise_id", "requester"}, {"requester.person_id", "requester"}},
          EachRow(ApplyRequest),
          RemoveRequest,
          WriteRequests};
}

}  // namespace sl::requests
