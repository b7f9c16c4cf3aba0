// The compliance report as a workbook: a summary, the towns (above town
// level), every coverage gap, every quota line and the overdue requests, in
// the caller's language.

#include <climits>
#include <sstream>

#include "core/date.hpp"
#include "http/handlers.hpp"
#include "pairing/pairing.hpp"
#include "sheets/sheets.hpp"

namespace sl::pairing {

namespace {

using sheets::RefCell;

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

std::string ChoiceIn(Lang lang, const std::vector<Choice>& choices, const std::string& id) {
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

io::XlsxCell Int(int64_t v) { return io::XlsxCell::Integer(v); }
io::XlsxCell Text(const std::string& s) { return io::XlsxCell::Text(s); }
io::XlsxCell Flag(Lang lang, bool ok) {
  io::XlsxCell c = io::XlsxCell::Text(
      In(lang, ok ? Words{"达标", "達標", "Compliant"} : Words{"未达标", "未達標", "Gaps"}));
  if (!ok) c.MarkError();
  return c;
}

// The levels a report shows: 1–4 always; the others (mentoring, campaigns)
// when a rule judges some target of theirs in the region.
std::vector<size_t> ShownLevels(const ComplianceReport& c) {
  std::vector<size_t> shown;
  for (size_t i = 0; i < c.levels.size(); ++i)
    if (c.levels[i].level <= 4 || c.levels[i].targets > 0) shown.push_back(i);
  return shown;
}

std::string LevelName(Lang lang, int level) {
  return ChoiceIn(lang, Levels(), std::to_string(level));
}

// 概况: the region's figures.
Status WriteSummary(const ComplianceReport& c, Lang lang, io::XlsxWriter& book) {
  SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * summary,
                      book.AddSheet(In(lang, {"概况", "概況", "Summary"})));
  SL_TRY(summary->WriteHeader(Titles(lang, {{"项目", "項目", "Item"}, {"数值", "數值", "Value"}})));
  SL_TRY(summary->SetColumnWidths({28, 28}));
  auto line = [&](const Words& w, io::XlsxCell v) {
    return summary->WriteRow({Text(In(lang, w)), std::move(v)});
  };
  SL_TRY(line({"区划", "區劃", "Region"}, Text(RefCell(c.region.name, c.region.code))));
  SL_TRY(line({"日期", "日期", "Date"}, io::XlsxCell::FromIsoDate(c.date)));
  SL_TRY(line({"结论", "結論", "Result"}, Flag(lang, c.ok)));
  for (size_t i : ShownLevels(c)) {
    const auto& l = c.levels[i];
    SL_TRY(
        summary->WriteRow({Text(LevelName(lang, l.level) +
                                In(lang, {"：已覆盖/对象", "：已覆蓋/對象", ": covered/targets"})),
                           Text(std::to_string(l.covered) + " / " + std::to_string(l.targets))}));
  }
  SL_TRY(line({"任务未完成人次", "任務未完成人次", "Quotas not met"}, Int(c.quotas_failing)));
  return line({"逾期诉求", "逾期訴求", "Overdue requests"}, Int(c.overdue_total));
}

// 各乡镇: two number columns a level (covered, targets): sortable and summable.
Status WriteTowns(const ComplianceReport& c, Lang lang, io::XlsxWriter& book) {
  SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * towns,
                      book.AddSheet(In(lang, {"各乡镇", "各鄉鎮", "Towns"})));
  const std::vector<size_t> shown = ShownLevels(c);
  std::vector<std::string> titles = Titles(
      lang, {{"乡镇", "鄉鎮", "Town"}, {"结论", "結論", "Result"}, {"问题数", "問題數", "Gaps"}});
  for (size_t i : shown) {
    const std::string name = LevelName(lang, c.levels[i].level);
    titles.push_back(name + In(lang, {" 已覆盖", " 已覆蓋", ": covered"}));
    titles.push_back(name + In(lang, {" 对象", " 對象", ": targets"}));
  }
  for (const auto& t : Titles(lang, {{"超配", "超配", "Over"},
                                     {"任务未完成", "任務未完成", "Quotas not met"},
                                     {"逾期诉求", "逾期訴求", "Overdue requests"}}))
    titles.push_back(t);
  SL_TRY(towns->WriteHeader(titles));
  SL_TRY(towns->SetColumnWidths({24, 10, 10, 14, 14, 14, 14, 14, 14, 14, 14, 10, 14, 12}));
  for (const auto& t : *c.towns) {
    std::vector<io::XlsxCell> cells = {Text(RefCell(t.name, t.code)), Flag(lang, t.gaps() == 0),
                                       Int(t.gaps())};
    for (size_t i : shown) {
      io::XlsxCell covered = Int(t.covered[i]);
      if (t.covered[i] < t.targets[i]) covered.MarkError();
      cells.push_back(std::move(covered));
      cells.push_back(Int(t.targets[i]));
    }
    cells.push_back(Int(t.over));
    cells.push_back(Int(t.quotas_failing));
    cells.push_back(Int(t.overdue));
    SL_TRY(towns->WriteRow(cells));
  }
  return OkStatus();
}

// "≥ 1", "= 1", "1–3".
std::string Required(const ComplianceReport::Gap& g) {
  if (!g.max) return "≥ " + std::to_string(g.min);
  if (*g.max == g.min) return "= " + std::to_string(g.min);
  return std::to_string(g.min) + "–" + std::to_string(*g.max);
}

// 覆盖缺口: every target not covered (or over-covered) as its rule says.
Status WriteGaps(const ComplianceReport& c, Lang lang, io::XlsxWriter& book) {
  SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * gaps,
                      book.AddSheet(In(lang, {"覆盖缺口", "覆蓋缺口", "Coverage gaps"})));
  SL_TRY(gaps->WriteHeader(Titles(lang, {{"层级", "層級", "Level"},
                                         {"对象", "對象", "Target"},
                                         {"所在区划", "所在區劃", "Region"},
                                         {"问题", "問題", "Problem"},
                                         {"现有责任人数", "現有責任人數", "Responsible now"},
                                         {"要求", "要求", "Required"}})));
  SL_TRY(gaps->SetColumnWidths({20, 24, 20, 14, 14, 12}));
  for (const auto& l : c.levels) {
    const std::string name = LevelName(lang, l.level);
    for (bool over : {false, true}) {
      for (const auto& g : over ? l.over : l.uncovered) {
        SL_TRY(gaps->WriteRow({Text(name), Text(g.target.name), Text(g.target.region.name),
                               Text(In(lang, over ? Words{"责任人过多", "責任人過多", "Too many"}
                                                  : Words{"未覆盖", "未覆蓋", "Not covered"})),
                               Int(g.sources), Text(Required(g))}));
      }
    }
  }
  return OkStatus();
}

// 联系任务: every person under a quota rule, with what is missing.
Status WriteQuotas(const ComplianceReport& c, Lang lang, io::XlsxWriter& book) {
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
  for (const auto& q : c.quotas) {
    io::XlsxCell missing = Int(q.missing);
    if (q.missing > 0) missing.MarkError();
    SL_TRY(quotas->WriteRow({Text(RefCell(q.person.name, std::to_string(q.person.id))),
                             Text(TraitsIn(lang, q.source_filter)),
                             Text(ChoiceIn(lang, TargetTraits(), q.target_filter)),
                             Text(ChoiceIn(lang, Periods(), q.period)),
                             io::XlsxCell::FromIsoDate(q.from), Int(q.required), Int(q.actual),
                             std::move(missing)}));
  }
  return OkStatus();
}

// 逾期诉求: open requests past their due date.
Status WriteOverdue(const ComplianceReport& c, Lang lang, io::XlsxWriter& book) {
  SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * overdue,
                      book.AddSheet(In(lang, {"逾期诉求", "逾期訴求", "Overdue requests"})));
  SL_TRY(overdue->WriteHeader(Titles(lang, {{"责任人", "責任人", "Owner"},
                                            {"诉求人", "訴求人", "Requester"},
                                            {"提出日期", "提出日期", "Raised on"},
                                            {"诉求", "訴求", "Request"},
                                            {"办理期限", "辦理期限", "Due"},
                                            {"超期天数", "超期天數", "Days overdue"}})));
  SL_TRY(overdue->SetColumnWidths({18, 24, 12, 36, 12, 10}));
  const std::string office = In(lang, {"镇党政办", "鎮黨政辦", "Town office"});
  for (const auto& o : c.overdue) {
    SL_TRY(overdue->WriteRow({Text(o.owner ? o.owner->name : office),
                              Text(o.requester ? o.requester->name : ""),
                              io::XlsxCell::FromIsoDate(o.raised_on), Text(o.title),
                              io::XlsxCell::FromIsoDate(o.due_on), Int(o.days_overdue)}));
  }
  return OkStatus();
}

Status WriteCompliance(const ComplianceReport& c, Lang lang, io::XlsxWriter& book) {
  SL_TRY(WriteSummary(c, lang, book));
  if (c.towns) SL_TRY(WriteTowns(c, lang, book));
  SL_TRY(WriteGaps(c, lang, book));
  SL_TRY(WriteQuotas(c, lang, book));
  return WriteOverdue(c, lang, book);
}

}  // namespace

Result<std::string> ComplianceXlsx(db::Database& db, const Caller& caller,
                                   const std::string& region, const std::string& date, Lang lang,
                                   std::string* region_name) {
  ComplianceReport report;
  {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
    SL_ASSIGN_OR_RETURN(report, Compliance(*tx, caller, region, date, INT_MAX));
  }
  if (region_name) *region_name = report.region.name;
  return io::WriteXlsxToString(
      [&](io::XlsxWriter& book) { return WriteCompliance(report, lang, book); });
}

Result<Response> HandleComplianceExport(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(const std::string date, QueryDate(r, "date", TodayInChina()));
  std::string region;
  SL_ASSIGN_OR_RETURN(std::string bytes,
                      ComplianceXlsx(db, *r.caller, QueryText(r, "region"), date, r.lang, &region));
  // "楠市镇包保落实情况-2022-10-20.xlsx", like the page's title.
  const std::string name = region +
                           In(r.lang, {"包保落实情况", "包保落實情況", " pairing compliance"}) +
                           "-" + date + ".xlsx";
  return sheets::XlsxResponse(std::move(bytes), name);
}

}  // namespace sl::pairing
