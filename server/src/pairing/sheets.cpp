// The pairing ledger in and out of Excel (a sheet kind like the registry's
// ledgers) and the compliance report as a workbook.

#include <climits>
#include <sstream>

#include "core/date.hpp"
#include "pairing/pairing.hpp"
#include "pairing/targets.hpp"
#include "registry/spreadsheet.hpp"

namespace sl::pairing {

namespace {

using registry::Column;
using registry::Problems;
using registry::RefCell;
using registry::Resolver;
using registry::RowOutcome;
using registry::RowView;

const std::vector<Column>& PairingColumns() {
  static const std::vector<Column> k = {
      {"id", registry::kIdHeader, "編號", "ID", false, nullptr, "",
       "系统编号：导出的文件带有编号，导入时按编号更新；改“责任人”即重新包保，原包保到前一天为止；"
       "新增包保留空"},
      {"level", "层级", "層級", "Level", true, Levels, "镇领导包保企业家",
       "镇领导包保企业家、驻村干部包保村、村干部包保组、企业家包保项目、党员联系培养积极分子、"
       "县直干部联系企业（也可填 1 至 6）"},
      {"source", "责任人", "責任人", "Responsible", true, nullptr, "",
       "人员姓名（范围内唯一时）或“姓名（编号）”"},
      {"target", "包保对象", "包保對象", "Target", true, nullptr, "",
       "一级填企业家“姓名（编号）”，二级填村、三级填村民小组“名称（区划代码）”，四级填项目"
       "“名称（编号）”；培养联系填积极分子“姓名（编号）”，县直干部联系企业填企业“名称（编号）”"},
      {"valid_from", "开始日期", "開始日期", "From", false, nullptr, "",
       "如 2022-03-18；新增时留空为今天。已有包保改换责任人时，新责任人从这一天起负责"
       "（留空或不晚于原开始日期时为今天）"},
      {"valid_to", "结束日期", "結束日期", "To", false, nullptr, "",
       "从这一天起不再负责；仍在包保的留空"},
  };
  return k;
}

// "镇领导包保企业家", "1", "一级" -> 1.
std::optional<int> LevelOf(const std::string& cell) {
  if (auto id = registry::ChoiceId(Levels(), cell)) return std::stoi(*id);
  static const char* const kOrdinals[] = {"一级", "二级", "三级", "四级"};
  static const char* const kOrdinalsTw[] = {"一級", "二級", "三級", "四級"};
  for (int i = 0; i < 4; ++i)
    if (cell == kOrdinals[i] || cell == kOrdinalsTw[i]) return i + 1;
  return std::nullopt;
}

std::string ChoiceList(const std::vector<registry::Choice>& choices) {
  std::string out;
  for (const auto& c : choices) out += (out.empty() ? "" : "、") + std::string(c.zh_cn);
  return out;
}

// One row: a new pairing, a re-pairing (another 责任人 on a row with its
// 编号), an end date set or cleared, or nothing changed.
Result<std::optional<RowOutcome>> ApplyPairing(db::Tx& tx, const Caller& caller, Resolver& resolve,
                                               const RowView& row, Problems& problems) {
  const auto none = std::optional<RowOutcome>();
  std::optional<int> level;
  if (auto cell = row.Get("level")) {
    level = LevelOf(*cell);
    if (!level) problems.emplace_back("level", Text{"field_choice", {ChoiceList(Levels())}});
  } else {
    problems.emplace_back("level", Text{"field_required", {}});
  }
  Text problem;
  std::optional<int64_t> source;
  if (auto cell = row.Get("source")) {
    SL_ASSIGN_OR_RETURN(source, resolve.Record("person", "", *cell, problem));
    if (!source) problems.emplace_back("source", problem);
  } else {
    problems.emplace_back("source", Text{"field_required", {}});
  }
  // The target as the operations take it: a person or project id, a region code.
  std::optional<std::string> target;
  if (auto cell = row.Get("target")) {
    if (level == 2 || level == 3) {
      SL_ASSIGN_OR_RETURN(target, resolve.Region(*cell, problem));
    } else if (level) {
      // The target kind names its table: person, project, enterprise.
      SL_ASSIGN_OR_RETURN(auto id, resolve.Record(TargetKindOf(*level), "", *cell, problem));
      if (id) target = std::to_string(*id);
    }
    if (level && !target) problems.emplace_back("target", problem);
  } else {
    problems.emplace_back("target", Text{"field_required", {}});
  }
  const auto from = row.Get("valid_from");
  const auto to = row.Get("valid_to");
  if (!problems.empty()) return none;

  SL_ASSIGN_OR_RETURN(auto found, internal::FindTarget(tx, TargetKindOf(*level), *target));
  if (!found) {
    problems.emplace_back("target", Text{"pairing_target_not_found", {}});
    return none;
  }
  std::optional<int64_t> existing;
  if (!registry::ById(
          row, [&](int64_t id) { return GetPairing(tx, caller, id).ok(); }, existing, problems))
    return none;
  // Without an 编号, the same source, target and start is the same pairing
  // (a file exported without the column, imported again).
  if (!existing && from && IsIsoDate(*from)) {
    SL_ASSIGN_OR_RETURN(existing, FindPairing(tx, *level, *source, *found, *from));
  }
  if (!existing) {
    PairingInput in;
    in.level = level;
    in.source = source;
    in.target = target;
    in.valid_from = from;
    in.valid_to = to;
    in.origin = "import";
    auto created = CreatePairing(tx, caller, in);
    if (!created.ok()) {
      registry::Collect(created.error(), problems);
      return none;
    }
    return std::optional<RowOutcome>(RowOutcome{RowOutcome::kCreated});
  }
  SL_ASSIGN_OR_RETURN(PairingRecord before, GetPairing(tx, caller, *existing));
  if (before.level != *level || before.target.kind != found->kind ||
      before.target.id != found->id) {
    problems.emplace_back("target", Text{"pairing_sheet_target_fixed", {}});
    return none;
  }
  PairingInput in;
  in.origin = "import";
  if (*source != before.source.id) {
    in.source = source;
    in.valid_from = from && *from > before.valid_from ? *from : TodayInChina();
  } else {
    in.valid_from = from;
    in.valid_to = to.value_or("");  // a blank end date: still paired
  }
  auto after = UpdatePairing(tx, caller, *existing, in);
  if (!after.ok()) {
    registry::Collect(after.error(), problems);
    return none;
  }
  const bool changed = after->id != before.id || after->version != before.version;
  return std::optional<RowOutcome>(
      RowOutcome{changed ? RowOutcome::kUpdated : RowOutcome::kUnchanged});
}

std::string Q(const Request& r, const char* name) { return r.Query(name).value_or(""); }

std::string TargetCell(const TargetRef& t) {
  return t.kind == "region" ? RefCell(t.name, t.region.code)
                            : RefCell(t.name, std::to_string(t.id));
}

Status WritePairings(db::Tx& tx, const Caller& caller, const Request& r,
                     io::XlsxSheetWriter& sheet) {
  PairingFilter f;
  f.region = Q(r, "region");
  f.date = Q(r, "date");
  f.all = Q(r, "all") == "true";
  if (!Q(r, "level").empty()) {
    auto level = ParseInt(Q(r, "level"));
    if (!level) return Error::BadRequest("bad_query", {"level"});
    f.level = static_cast<int>(*level);
  }
  f.source = ParseInt(Q(r, "source")).value_or(0);
  return ForEachPairing(tx, caller, f, [&](const PairingRecord& p) -> Status {
    return sheet.WriteRow(
        {io::XlsxCell::Integer(p.id),
         io::XlsxCell::Text(std::string(registry::ChoiceLabel(Levels(), std::to_string(p.level)))),
         io::XlsxCell::Text(RefCell(p.source.name, std::to_string(p.source.id))),
         io::XlsxCell::Text(TargetCell(p.target)), registry::DateCell(p.valid_from),
         registry::DateCell(p.valid_to)});
  });
}

// The compliance workbook -----------------------------------------------------

// A header or label in the caller's language.
struct Words {
  const char* zh_cn;
  const char* zh_tw;
  const char* en;
};
std::string In(Lang lang, const Words& w) {
  return lang == Lang::kZhTW ? w.zh_tw : lang == Lang::kEn ? w.en : w.zh_cn;
}
std::vector<std::string> Titles(Lang lang, std::initializer_list<Words> words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(In(lang, w));
  return out;
}

std::string ChoiceIn(Lang lang, const std::vector<registry::Choice>& choices,
                     const std::string& id) {
  for (const auto& c : choices)
    if (c.id == id)
      return std::string(lang == Lang::kZhTW ? c.zh_tw : lang == Lang::kEn ? c.en : c.zh_cn);
  return id;
}

// "party_member resident_cadre" -> "党员、驻村干部".
std::string TraitsIn(Lang lang, const std::string& filter) {
  std::string out, word;
  std::istringstream in(filter);
  while (in >> word)
    out += (out.empty()         ? ""
            : lang == Lang::kEn ? ", "
                                : "、") +
           ChoiceIn(lang, SourceTraits(), word);
  return out;
}

io::XlsxCell Int(const Json& v) {
  return v.is_number_integer() ? io::XlsxCell::Integer(v.get<int64_t>()) : io::XlsxCell();
}
io::XlsxCell Str(const Json& v) {
  return v.is_string() ? io::XlsxCell::Text(v.get<std::string>()) : io::XlsxCell();
}
std::string Place(const Json& target) {
  return target.contains("region") && target["region"].is_object()
             ? target["region"].value("name", std::string())
             : std::string();
}
io::XlsxCell Flag(Lang lang, bool ok) {
  io::XlsxCell c = io::XlsxCell::Text(
      In(lang, ok ? Words{"达标", "達標", "Compliant"} : Words{"未达标", "未達標", "Gaps"}));
  if (!ok) c.MarkError();
  return c;
}

Status WriteCompliance(const Json& c, Lang lang, io::XlsxWriter& book) {
  const bool by_town = c.contains("towns");
  // 概况: the region's figures.
  SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * summary,
                      book.AddSheet(In(lang, {"概况", "概況", "Summary"})));
  SL_TRY(summary->WriteHeader(Titles(lang, {{"项目", "項目", "Item"}, {"数值", "數值", "Value"}})));
  SL_TRY(summary->SetColumnWidths({28, 28}));
  auto line = [&](const Words& w, io::XlsxCell v) {
    return summary->WriteRow({io::XlsxCell::Text(In(lang, w)), std::move(v)});
  };
  SL_TRY(line({"区划", "區劃", "Region"},
              io::XlsxCell::Text(RefCell(c["region"]["name"], c["region"]["code"]))));
  SL_TRY(line({"日期", "日期", "Date"}, io::XlsxCell::FromIsoDate(c["date"].get<std::string>())));
  SL_TRY(line({"结论", "結論", "Result"}, Flag(lang, c["ok"].get<bool>())));
  // Levels 1–4 always; the others (mentoring, campaigns) when a rule judges
  // some target of theirs in the region.
  std::vector<size_t> shown;
  for (size_t i = 0; i < c["levels"].size(); ++i)
    if (c["levels"][i]["level"].get<int>() <= 4 || c["levels"][i]["targets"].get<int64_t>() > 0)
      shown.push_back(i);
  for (size_t i : shown) {
    const Json& l = c["levels"][i];
    const std::string name = ChoiceIn(lang, Levels(), std::to_string(l["level"].get<int>()));
    SL_TRY(summary->WriteRow(
        {io::XlsxCell::Text(name +
                            In(lang, {"：已覆盖/对象", "：已覆蓋/對象", ": covered/targets"})),
         io::XlsxCell::Text(std::to_string(l["covered"].get<int64_t>()) + " / " +
                            std::to_string(l["targets"].get<int64_t>()))}));
  }
  SL_TRY(line({"任务未完成人次", "任務未完成人次", "Quotas not met"}, Int(c["quotas_failing"])));
  SL_TRY(line({"逾期跟进事项", "逾期跟進事項", "Overdue follow-ups"}, Int(c["overdue_total"])));

  if (by_town) {
    SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * towns,
                        book.AddSheet(In(lang, {"各乡镇", "各鄉鎮", "Towns"})));
    std::vector<std::string> titles = Titles(
        lang, {{"乡镇", "鄉鎮", "Town"}, {"结论", "結論", "Result"}, {"问题数", "問題數", "Gaps"}});
    // Two number columns a level (covered, targets): sortable and summable.
    for (size_t i : shown) {
      const std::string name =
          ChoiceIn(lang, Levels(), std::to_string(c["levels"][i]["level"].get<int>()));
      titles.push_back(name + In(lang, {" 已覆盖", " 已覆蓋", ": covered"}));
      titles.push_back(name + In(lang, {" 对象", " 對象", ": targets"}));
    }
    for (const auto& t : Titles(lang, {{"超配", "超配", "Over"},
                                       {"任务未完成", "任務未完成", "Quotas not met"},
                                       {"逾期跟进", "逾期跟進", "Overdue"}}))
      titles.push_back(t);
    SL_TRY(towns->WriteHeader(titles));
    SL_TRY(towns->SetColumnWidths({24, 10, 10, 14, 14, 14, 14, 14, 14, 14, 14, 10, 14, 12}));
    for (const auto& t : c["towns"]) {
      std::vector<io::XlsxCell> cells = {
          io::XlsxCell::Text(RefCell(t["region"]["name"], t["region"]["code"])),
          Flag(lang, t["ok"].get<bool>()), Int(t["gaps"])};
      for (size_t i : shown) {
        const Json& l = t["levels"][i];
        io::XlsxCell covered = Int(l["covered"]);
        if (l["covered"].get<int64_t>() < l["targets"].get<int64_t>()) covered.MarkError();
        cells.push_back(std::move(covered));
        cells.push_back(Int(l["targets"]));
      }
      cells.push_back(Int(t["over"]));
      cells.push_back(Int(t["quotas_failing"]));
      cells.push_back(Int(t["overdue"]));
      SL_TRY(towns->WriteRow(cells));
    }
  }

  // 覆盖缺口: every target not covered (or over-covered) as its rule says.
  SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * gaps,
                      book.AddSheet(In(lang, {"覆盖缺口", "覆蓋缺口", "Coverage gaps"})));
  SL_TRY(gaps->WriteHeader(Titles(lang, {{"层级", "層級", "Level"},
                                         {"对象", "對象", "Target"},
                                         {"所在区划", "所在區劃", "Region"},
                                         {"问题", "問題", "Problem"},
                                         {"现有责任人数", "現有責任人數", "Responsible now"},
                                         {"要求", "要求", "Required"}})));
  SL_TRY(gaps->SetColumnWidths({20, 24, 20, 14, 14, 12}));
  for (const auto& l : c["levels"]) {
    const std::string name = ChoiceIn(lang, Levels(), std::to_string(l["level"].get<int>()));
    for (const char* list : {"uncovered", "over"}) {
      for (const auto& g : l[list]) {
        const int64_t min = g["min"].get<int64_t>();
        const std::string required =
            g["max"].is_null() ? "≥ " + std::to_string(min)
            : g["max"].get<int64_t>() == min
                ? "= " + std::to_string(min)
                : std::to_string(min) + "–" + std::to_string(g["max"].get<int64_t>());
        SL_TRY(gaps->WriteRow(
            {io::XlsxCell::Text(name), Str(g["target"]["name"]),
             io::XlsxCell::Text(Place(g["target"])),
             io::XlsxCell::Text(In(lang, std::string_view(list) == "over"
                                             ? Words{"责任人过多", "責任人過多", "Too many"}
                                             : Words{"未覆盖", "未覆蓋", "Not covered"})),
             Int(g["sources"]), io::XlsxCell::Text(required)}));
      }
    }
  }

  // 联系任务: every person under a quota rule, with what is missing.
  SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * quotas,
                      book.AddSheet(In(lang, {"联系任务", "聯繫任務", "Quotas"})));
  SL_TRY(quotas->WriteHeader(Titles(lang, {{"责任人", "責任人", "Person"},
                                           {"身份", "身份", "Who"},
                                           {"联系对象", "聯繫對象", "Contacts with"},
                                           {"周期", "週期", "Period"},
                                           {"起始日期", "起始日期", "Since"},
                                           {"要求", "要求", "Required"},
                                           {"已完成", "已完成", "Made"},
                                           {"差", "差", "Missing"}})));
  SL_TRY(quotas->SetColumnWidths({18, 22, 16, 10, 12, 8, 8, 8}));
  for (const auto& q : c["quotas"]) {
    io::XlsxCell missing = Int(q["missing"]);
    if (q["missing"].get<int64_t>() > 0) missing.MarkError();
    SL_TRY(quotas->WriteRow(
        {io::XlsxCell::Text(
             RefCell(q["person"]["name"], std::to_string(q["person"]["id"].get<int64_t>()))),
         io::XlsxCell::Text(TraitsIn(lang, q["source_filter"])),
         io::XlsxCell::Text(ChoiceIn(lang, TargetTraits(), q["target_filter"])),
         io::XlsxCell::Text(ChoiceIn(lang, Periods(), q["period"])),
         io::XlsxCell::FromIsoDate(q["from"].get<std::string>()), Int(q["required"]),
         Int(q["actual"]), std::move(missing)}));
  }

  // 逾期跟进: follow-ups due before the date and not done.
  SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * overdue,
                      book.AddSheet(In(lang, {"逾期跟进", "逾期跟進", "Overdue follow-ups"})));
  SL_TRY(overdue->WriteHeader(Titles(lang, {{"责任人", "責任人", "Person"},
                                            {"联系对象", "聯繫對象", "Contact with"},
                                            {"联系日期", "聯繫日期", "Contact date"},
                                            {"跟进事项", "跟進事項", "Follow-up"},
                                            {"应完成日期", "應完成日期", "Due"}})));
  SL_TRY(overdue->SetColumnWidths({18, 24, 12, 36, 12}));
  for (const auto& o : c["overdue"]) {
    SL_TRY(overdue->WriteRow({Str(o["person"]["name"]), Str(o["target"]["name"]),
                              io::XlsxCell::FromIsoDate(o["occurred_on"].get<std::string>()),
                              Str(o["follow_up"]),
                              io::XlsxCell::FromIsoDate(o["follow_up_due"].get<std::string>())}));
  }
  return OkStatus();
}

}  // namespace

void RegisterSheetKinds() {
  registry::RegisterSheetKind({"pairings",
                               kPairingRead,
                               kPairingWrite,
                               PairingColumns,
                               {},
                               [](db::Tx& tx, const Caller& caller, Resolver& resolve) {
                                 return registry::RowByRow(tx, caller, resolve, ApplyPairing);
                               },
                               WritePairings});
}

Result<std::string> ComplianceXlsx(db::Database& db, const Caller& caller,
                                   const std::string& region, const std::string& date, Lang lang,
                                   std::string* region_name) {
  Json report;
  {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
    SL_ASSIGN_OR_RETURN(report, Compliance(*tx, caller, region, date, INT_MAX));
  }
  if (region_name) *region_name = report["region"]["name"].get<std::string>();
  return io::WriteXlsxToString(
      [&](io::XlsxWriter& book) { return WriteCompliance(report, lang, book); });
}

Result<Response> HandleComplianceExport(db::Database& db, const Request& r) {
  std::string region;
  SL_ASSIGN_OR_RETURN(std::string bytes,
                      ComplianceXlsx(db, *r.caller, Q(r, "region"), Q(r, "date"), r.lang, &region));
  // "楠市镇包保落实情况-2022-10-20.xlsx", like the page's title.
  const std::string date = Q(r, "date").empty() ? TodayInChina() : Q(r, "date");
  const std::string name = region +
                           In(r.lang, {"包保落实情况", "包保落實情況", " pairing compliance"}) +
                           "-" + date + ".xlsx";
  return registry::XlsxResponse(std::move(bytes), name);
}

}  // namespace sl::pairing
