// The pairing ledger in and out of Excel: a sheet kind like the registry's
// ledgers.

#include "core/date.hpp"
#include "pairing/pairing.hpp"
#include "pairing/targets.hpp"
#include "sheets/sheets.hpp"

namespace sl::pairing {

namespace {

using sheets::Column;
using sheets::Problems;
using sheets::RefCell;
using sheets::Resolver;
using sheets::RowOutcome;
using sheets::RowView;

const std::vector<Column>& PairingColumns() {
  static const std::vector<Column> k = {
      {"id", sheets::kIdHeader, "編號", "ID", false, nullptr, "",
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
  if (auto id = ChoiceId(Levels(), cell)) return std::stoi(*id);
  static const char* const kOrdinals[] = {"一级", "二级", "三级", "四级"};
  static const char* const kOrdinalsTw[] = {"一級", "二級", "三級", "四級"};
  for (int i = 0; i < 4; ++i)
    if (cell == kOrdinals[i] || cell == kOrdinalsTw[i]) return i + 1;
  return std::nullopt;
}

std::string TargetCell(const TargetRef& t) {
  return t.kind == "region" ? RefCell(t.name, t.region.code)
                            : RefCell(t.name, std::to_string(t.id));
}

std::vector<io::XlsxCell> PairingCells(const PairingRecord& p) {
  return {io::XlsxCell::Integer(p.id),    sheets::ChoiceCell(Levels(), std::to_string(p.level)),
          sheets::RefCellOf(p.source),    io::XlsxCell::Text(TargetCell(p.target)),
          sheets::DateCell(p.valid_from), sheets::DateCell(p.valid_to)};
}

// One row: a new pairing, a re-pairing (another 责任人 on a row with its
// 编号), an end date set or cleared, or nothing changed.
Result<std::optional<RowOutcome>> ApplyPairing(db::Tx& tx, const Caller& caller, Resolver& resolve,
                                               const RowView& row, Problems& problems) {
  const auto none = std::optional<RowOutcome>();
  std::optional<int> level;
  if (auto cell = row.Get("level")) {
    level = LevelOf(*cell);
    if (!level) problems.emplace_back("level", Text{"field_choice", {ChoiceLabels(Levels())}});
  } else {
    problems.emplace_back("level", Text{"field_required", {}});
  }
  Text problem;
  std::optional<int64_t> source;
  if (!row.Get("source")) problems.emplace_back("source", Text{"field_required", {}});
  SL_TRY(sheets::RecordColumn(resolve, row, "source", "person", "", source, problems));
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

  SL_ASSIGN_OR_RETURN(auto found, FindTarget(tx, TargetKindOf(*level), *target));
  if (!found) {
    problems.emplace_back("target", Text{"pairing_target_not_found", {}});
    return none;
  }
  std::optional<int64_t> existing;
  if (!sheets::ById(
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
      sheets::Collect(created.error(), problems);
      return none;
    }
    return std::optional<RowOutcome>(
        sheets::Created(created->id, created->source.name + " → " + created->target.name));
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
    sheets::Collect(after.error(), problems);
    return none;
  }
  if (after->id == before.id && after->version == before.version)
    return std::optional<RowOutcome>(RowOutcome{});
  const sheets::RowCells outcome_before = sheets::CellTexts(PairingCells(before));
  RowOutcome outcome = sheets::Compared(PairingColumns(), outcome_before,
                                        sheets::CellTexts(PairingCells(*after)), {});
  outcome.what = RowOutcome::kUpdated;  // a re-pairing is a change even where the row reads alike
  outcome.label = after->source.name + " → " + after->target.name;
  // A re-pairing ends the old record and creates a new one: undone, the new
  // one goes and the old one's row comes back.
  if (after->id != before.id) outcome.undo.push_back({after->id, std::nullopt});
  outcome.undo.insert(outcome.undo.begin(), sheets::UndoStep{before.id, outcome_before});
  return std::optional<RowOutcome>(std::move(outcome));
}

}  // namespace

sheets::SheetKind PairingSheetKind() {
  return {"pairings",
          kPairingRead,
          kPairingWrite,
          PairingColumns,
          {},
          sheets::EachRow(ApplyPairing),
          DeletePairing,
          sheets::WriteList(ParsePairingFilter, ForEachPairing, PairingCells)};
}

}  // namespace sl::pairing
