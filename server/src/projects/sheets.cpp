// The projects ledger in and out of Excel: the projects themselves, and their
// indicator values (one row per project, indicator, period and kind). Each
// row goes through the same operation as the form.

#include <map>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "projects/projects.hpp"
#include "regions/regions.hpp"
#include "text/text.hpp"

namespace sl::projects {

using namespace sheets;  // NOLINT: this file is the projects' sheets

namespace {

// 预计 (expected) or 实际 (actual): a value's kind as its sheet writes it.
const std::vector<Choice>& ValueKinds() {
  static const std::vector<Choice> k = {
      {"actual", "实际", "實際", "Actual"},
      {"expected", "预计", "預計", "Expected"},
  };
  return k;
}

const std::vector<Column>& ProjectColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "", "系统编号；新增项目留空"},
      {"kind", "项目类型", "項目類型", "Kind", true, Kinds, "产业项目",
       "招商引资、产业项目、乡村旅游、公益项目、基础设施、其他"},
      {"name", "项目名称", "項目名稱", "Name", true, nullptr, "示例中药材种植基地",
       "必填；同一区划内名称相同即为同一项目"},
      {"region", "所属区划", "所屬區劃", "Region", true, nullptr, "", "从下拉列表选择"},
      {"stage", "阶段", "階段", "Stage", false, Stages, "洽谈",
       "洽谈、签约、在建、投产运营、终止；填写后成为项目当前阶段"},
      {"stage_on", "阶段日期", "階段日期", "Stage since", false, nullptr, "2019-03-01",
       "进入该阶段的日期；留空为今天"},
      {"started_on", "开始日期", "開始日期", "Started", false, nullptr, "2019-01-15",
       "留空时取第一个阶段的日期"},
      {"enterprises", "业主企业", "業主企業", "Owners", false, nullptr, "",
       "企业名称或“名称（编号）”，多个用“、”分隔"},
      {"description", "项目简介", "項目簡介", "Description", false, nullptr, "", ""},
  };
  return k;
}

const std::vector<Column>& ValueColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "",
       "系统编号，仅供核对；按项目、指标、期间和预计/实际找到已有数据，找不到即新增"},
      {"project_id", "项目编号", "項目編號", "Project ID", false, nullptr, "",
       "项目的系统编号；留空时按项目名称和所属区划查找"},
      {"project", "项目名称", "項目名稱", "Project", false, nullptr, "示例中药材种植基地",
       "项目编号留空时必填"},
      {"region", "所属区划", "所屬區劃", "Region", false, nullptr, "",
       "项目所在区划；项目编号留空时必填"},
      {"indicator", "指标", "指標", "Indicator", true, nullptr, "面积",
       "指标名称或代码，如面积、意向投资、产值、游客、area_mu"},
      {"year", "年度", "年度", "Year", false, nullptr, "2019", "按年填写时填年度"},
      {"from", "起始日期", "起始日期", "From", false, nullptr, "",
       "不按年度时填写期间的第一天，与截止日期一起"},
      {"to", "截止日期", "截止日期", "To", false, nullptr, "", "期间的最后一天"},
      {"value", "数值", "數值", "Value", true, nullptr, "120.5",
       "按指标的单位填写（投资、产值以分计），小数位数不超过指标的规定"},
      {"expected", "预计/实际", "預計/實際", "Expected/actual", false, ValueKinds, "实际",
       "预计或实际；留空为实际"},
      {"source", "数据来源", "數據來源", "Source", false, nullptr, "", "如统计报表、规划图"},
  };
  return k;
}

// A date as a ledger writes it (2019/3/1, an Excel date): the ISO form, or
// the cell as it is (the store then says why).
std::string LenientDate(const std::string& cell) {
  if (cell.empty()) return cell;
  auto day = ParseDate(cell);
  return day ? *day : cell;
}

std::string RefsCell(const std::vector<Ref>& refs) {
  std::string out;
  for (const Ref& r : refs) {
    if (!out.empty()) out += "、";
    out += RefCell(r.name, std::to_string(r.id));
  }
  return out;
}

std::vector<io::XlsxCell> ProjectCells(const Project& p) {
  return {io::XlsxCell::Integer(p.id),
          ChoiceCell(Kinds(), p.kind),
          io::XlsxCell::Text(p.name),
          RegionCell(p.region),
          p.stage ? ChoiceCell(Stages(), *p.stage) : io::XlsxCell(),
          DateCell(p.stage_on),
          DateCell(p.started_on),
          io::XlsxCell::Text(RefsCell(p.enterprises)),
          io::XlsxCell::Text(p.description)};
}

const RowOf& ProjectRowOf() {
  static const RowOf k = [](db::Tx& tx, const Caller& caller, int64_t id) -> Result<RowCells> {
    SL_ASSIGN_OR_RETURN(Project p, GetProject(tx, caller.view, id));
    return CellTexts(ProjectCells(p));
  };
  return k;
}

// A whole year's period: its year, else 0.
int WholeYear(const std::string& from, const std::string& to) {
  if (from.size() != 10 || to.size() != 10 || from.compare(0, 4, to, 0, 4) != 0) return 0;
  if (from.compare(4, 6, "-01-01") != 0 || to.compare(4, 6, "-12-31") != 0) return 0;
  auto year = ParseInt(from.substr(0, 4));
  return year ? static_cast<int>(*year) : 0;
}

// A value's row: its project's region and the indicator's name beside it.
std::vector<io::XlsxCell> ValueCells(const Value& v, const RegionRef& region,
                                     const std::string& indicator) {
  const int year = WholeYear(v.from, v.to);
  return {io::XlsxCell::Integer(v.id),
          io::XlsxCell::Integer(v.project_id),
          io::XlsxCell::Text(v.project_name),
          RegionCell(region),
          io::XlsxCell::Text(indicator),
          year ? io::XlsxCell::Integer(year) : io::XlsxCell(),
          year ? io::XlsxCell() : DateCell(v.from),
          year ? io::XlsxCell() : DateCell(v.to),
          io::XlsxCell::Text(v.value),
          ChoiceCell(ValueKinds(), v.expected ? "expected" : "actual"),
          io::XlsxCell::Text(v.source)};
}

// The region of a project (deleted ones too: a value's row names it).
Result<RegionRef> ProjectRegion(db::Tx& tx, int64_t project) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT r.id, r.code, r.name, j.region_path FROM "
                                            "project j JOIN region r ON r.id = j.region_id "
                                            "WHERE j.id = ?",
                                            {project}));
  if (!row) return Error::NotFound("project_not_found");
  return RegionRef{row->Int(0), row->Str(1), row->Str(2), row->Str(3)};
}

// An indicator's name as a sheet writes it (its code when it has none).
Result<std::string> IndicatorName(db::Tx& tx, const std::string& code) {
  SL_ASSIGN_OR_RETURN(auto indicator, FindIndicator(tx, code));
  return indicator ? indicator->name_zh_cn : code;
}

// Whether the caller sees a project: a light look, without its stages,
// owners and latest figures (a project may have thousands of values, and an
// import of its values asks for every row).
Result<bool> SeesProject(db::Tx& tx, const Caller& caller, int64_t id) {
  db::Params params{id};
  const std::string scope = db::ScopeCondition(caller.view, "region_path", params);
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM project WHERE id = ? AND deleted_at IS "
                                            "NULL AND " +
                                                scope,
                                            params));
  return row.has_value();
}

// A value by id, if the caller sees its project; read as the export reads it
// (GetValue loads the project whole).
Result<Value> FindValue(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto key, tx.QueryOne("SELECT project_id, indicator, period_from FROM "
                                            "project_value WHERE id = ?",
                                            {id}));
  if (!key) return Error::NotFound("project_value_not_found");
  ValueFilter f;
  f.project = key->Int(0);
  f.indicator = key->Str(1);
  f.year = static_cast<int>(ParseInt(key->Str(2).substr(0, 4)).value_or(0));
  std::optional<Value> found;
  SL_TRY(ForEachValue(tx, caller, f, [&](const Value& v) -> Status {
    if (v.id == id) found = v;
    return OkStatus();
  }));
  if (!found) return Error::NotFound("project_value_not_found");
  return *found;
}

const RowOf& ValueRowOf() {
  static const RowOf k = [](db::Tx& tx, const Caller& caller, int64_t id) -> Result<RowCells> {
    SL_ASSIGN_OR_RETURN(Value v, FindValue(tx, caller, id));
    SL_ASSIGN_OR_RETURN(RegionRef region, ProjectRegion(tx, v.project_id));
    SL_ASSIGN_OR_RETURN(std::string indicator, IndicatorName(tx, v.indicator));
    return CellTexts(ValueCells(v, region, indicator));
  };
  return k;
}

// A list of enterprises ("蓝山县朋佳中草药种植有限公司、示例公司（12）"):
// their ids, or a problem for the column. A blank cell leaves the list as it
// is; a cleared one (an undo) empties it.
Status EnterprisesColumn(Resolver& resolve, const RowView& row,
                         std::optional<std::vector<int64_t>>& ids, Problems& problems) {
  auto cell = row.Get("enterprises");
  if (!cell) return OkStatus();
  ids.emplace();
  for (const std::string& name : SplitList(*cell)) {
    Text problem;
    SL_ASSIGN_OR_RETURN(auto id, resolve.Record("enterprise", "", name, problem));
    if (id)
      ids->push_back(*id);
    else
      problems.emplace_back("enterprises", problem);
  }
  return OkStatus();
}

// A choice's id from its cell (an id or any label), or a problem.
std::optional<std::string> ChoiceOfCell(const std::vector<Choice>& choices, const char* key,
                                        const std::string& cell, Problems& problems) {
  auto id = ChoiceId(choices, cell);
  if (!id) id = ChoiceId(choices, text::Fold(cell));
  if (!id) problems.emplace_back(key, Text{"field_choice", {ChoiceLabels(choices)}});
  return id;
}

// The stage history a row leaves on an existing project: the row's stage is
// the current one from its date (today when blank) — later steps give way,
// and the same stage as now moves its date. Nothing when the row names the
// stage the project is at, or no stage at all; an empty history when the
// stage is cleared (an undo putting back a project that had none).
std::optional<std::vector<StageStep>> StepsOfRow(const Project& p, const RowView& row,
                                                 Problems& problems) {
  auto stage = row.Get("stage");
  auto on = row.Get("stage_on");
  if (stage && stage->empty()) return std::vector<StageStep>();
  if (!stage && (!on || on->empty())) return std::nullopt;
  std::optional<std::string> id;
  if (stage) {
    id = ChoiceOfCell(Stages(), "stage", *stage, problems);
  } else if (p.stage) {
    id = p.stage;
  } else {
    problems.emplace_back("stage", Text{"field_required", {}});
  }
  std::string day;
  if (on && !on->empty()) {
    auto parsed = ParseDate(*on);
    if (!parsed) problems.emplace_back("stage_on", Text{"field_date", {}});
    day = parsed.value_or("");
  }
  if (!id || !problems.empty()) return std::nullopt;
  if (p.stage == id && (day.empty() || p.stage_on == day)) return std::nullopt;
  if (day.empty()) day = TodayInChina();
  std::vector<StageStep> base = p.stages;
  if (!base.empty() && base.back().stage == *id) base.pop_back();
  std::vector<StageStep> steps;
  for (const StageStep& s : base)
    if (s.on < day) steps.push_back(s);
  steps.push_back({*id, day});
  return steps;
}

Result<std::optional<RowOutcome>> ApplyProject(db::Tx& tx, const Caller& caller, Resolver& resolve,
                                               const RowView& row, Problems& problems) {
  const auto none = std::optional<RowOutcome>();
  ProjectInput in;
  in.kind = row.Get("kind");
  in.name = row.Get("name");
  in.description = row.Get("description");
  if (auto started = row.Get("started_on")) in.started_on = LenientDate(*started);
  for (const char* key : {"kind", "name"})
    if (!row.Get(key)) problems.emplace_back(key, Text{"field_required", {}});
  SL_TRY(RegionColumn(resolve, row, in.region, problems));
  SL_TRY(EnterprisesColumn(resolve, row, in.enterprise_ids, problems));
  if (!problems.empty()) return none;
  std::optional<int64_t> existing;
  if (!ById(
          row, [&](int64_t id) { return GetProject(tx, caller.view, id).ok(); }, existing,
          problems))
    return none;
  // The same name in the same region is the same project.
  if (!existing) {
    SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, *in.region));
    if (region) {
      SL_ASSIGN_OR_RETURN(int64_t id, FindProject(tx, *in.name, region->id));
      if (id) existing = id;
    }
  }
  if (existing) {
    SL_ASSIGN_OR_RETURN(Project p, GetProject(tx, caller.view, *existing));
    in.stages = StepsOfRow(p, row, problems);
    if (!problems.empty()) return none;
  } else {
    in.stage = row.Get("stage");
    if (auto on = row.Get("stage_on")) in.stage_on = LenientDate(*on);
  }
  return Upsert(
      tx, caller, ProjectColumns(), ProjectRowOf(), existing, *in.name,
      [&] { return CreateProject(tx, caller, in); },
      [&](int64_t id, bool* changed) { return UpdateProject(tx, caller, id, in, changed); },
      problems);
}

// The project a value's row names: by its 项目编号, else by its name and
// region within the caller's view.
Result<std::optional<int64_t>> ProjectOfRow(db::Tx& tx, const Caller& caller, Resolver& resolve,
                                            const RowView& row, Problems& problems) {
  const auto none = std::optional<int64_t>();
  if (auto id = row.Get("project_id"); id && !id->empty()) {
    auto n = ParseInt(*id);
    bool seen = false;
    if (n) {
      SL_ASSIGN_OR_RETURN(seen, SeesProject(tx, caller, *n));
    }
    if (!seen) {
      problems.emplace_back("project_id", Text{"sheet_not_found", {*id}});
      return none;
    }
    return std::optional<int64_t>(*n);
  }
  auto name = row.Get("project");
  if (!name || name->empty()) problems.emplace_back("project", Text{"field_required", {}});
  std::optional<std::string> code;
  SL_TRY(RegionColumn(resolve, row, code, problems));
  if (!problems.empty()) return none;
  SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, *code));
  int64_t id = 0;
  bool seen = false;
  if (region) {
    SL_ASSIGN_OR_RETURN(id, FindProject(tx, *name, region->id));
  }
  if (id) {
    SL_ASSIGN_OR_RETURN(seen, SeesProject(tx, caller, id));
  }
  if (!seen) {
    problems.emplace_back("project", Text{"sheet_not_found", {*name}});
    return none;
  }
  return std::optional<int64_t>(id);
}

// The value a row's key names (project, indicator, period, kind), if it is
// on file; nothing when the key is not complete (PutValue then says why).
Result<int64_t> ValueOfKey(db::Tx& tx, int64_t project, const ValueInput& in) {
  if (!in.indicator) return int64_t{0};
  SL_ASSIGN_OR_RETURN(auto indicator, FindIndicator(tx, *in.indicator));
  if (!indicator) return int64_t{0};
  std::string from, to;
  if (in.year) {
    from = std::to_string(*in.year) + "-01-01";
    to = std::to_string(*in.year) + "-12-31";
  } else if (in.from && in.to) {
    from = *in.from;
    to = *in.to;
  } else {
    return int64_t{0};
  }
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM project_value WHERE project_id = ? "
                                            "AND indicator = ? AND period_from = ? AND "
                                            "period_to = ? AND expected = ?",
                                            {project, indicator->code, from, to,
                                             int64_t{in.expected.value_or(false) ? 1 : 0}}));
  return row ? row->Int(0) : int64_t{0};
}

Result<std::optional<RowOutcome>> ApplyValue(db::Tx& tx, const Caller& caller, Resolver& resolve,
                                             const RowView& row, Problems& problems) {
  const auto none = std::optional<RowOutcome>();
  ValueInput in;
  in.indicator = row.Get("indicator");
  in.value = row.Get("value");
  in.source = row.Get("source");
  if (!in.indicator || in.indicator->empty())
    problems.emplace_back("indicator", Text{"field_required", {}});
  if (!in.value || in.value->empty()) problems.emplace_back("value", Text{"field_required", {}});
  // A period is a year, or a first and a last day (blank cells are neither).
  const std::string year = row.Get("year").value_or("");
  if (!year.empty()) {
    in.year = ParseInt(year);
    if (!in.year) problems.emplace_back("year", Text{"period_year", {}});
  }
  if (auto from = row.Get("from"); from && !from->empty()) in.from = LenientDate(*from);
  if (auto to = row.Get("to"); to && !to->empty()) in.to = LenientDate(*to);
  if (year.empty() && !in.from && !in.to) problems.emplace_back("year", Text{"field_required", {}});
  if (auto kind = row.Get("expected"); kind && !kind->empty()) {
    auto id = ChoiceOfCell(ValueKinds(), "expected", *kind, problems);
    in.expected = id == "expected";
  } else {
    in.expected = false;
  }
  SL_ASSIGN_OR_RETURN(auto project, ProjectOfRow(tx, caller, resolve, row, problems));
  if (!problems.empty() || !project) return none;
  std::optional<int64_t> given;
  if (!ById(
          row, [&](int64_t id) { return FindValue(tx, caller, id).ok(); }, given, problems))
    return none;
  // The same project, indicator, period and kind is the same value.
  SL_ASSIGN_OR_RETURN(int64_t existing, ValueOfKey(tx, *project, in));
  std::optional<RowCells> before, undo;
  if (existing) {
    SL_ASSIGN_OR_RETURN(before, ValueRowOf()(tx, caller, existing));
    SL_ASSIGN_OR_RETURN(undo, UndoCells(tx, caller, ValueRowOf(), existing, *before));
  }
  bool created = false, changed = false;
  auto put = PutValue(tx, caller, *project, in, &created, &changed);
  if (!put.ok()) {
    Collect(put.error(), problems);
    return none;
  }
  SL_ASSIGN_OR_RETURN(std::string indicator, IndicatorName(tx, put->indicator));
  const int whole = WholeYear(put->from, put->to);
  const std::string label = put->project_name + " · " + indicator + " " +
                            (whole ? std::to_string(whole) : put->from + "—" + put->to);
  if (created) return std::optional<RowOutcome>(Created(put->id, label));
  if (!changed) return std::optional<RowOutcome>(RowOutcome{});
  SL_ASSIGN_OR_RETURN(RowCells after, ValueRowOf()(tx, caller, put->id));
  RowOutcome outcome = Compared(ValueColumns(), before.value_or(RowCells(after.size())), after, {});
  outcome.what = RowOutcome::kUpdated;
  outcome.label = label;
  if (undo) outcome.undo.push_back({put->id, std::move(undo)});
  return std::optional<RowOutcome>(std::move(outcome));
}

Result<ProjectFilter> ParseProjectFilter(const Request& r) {
  ProjectFilter f;
  f.q = QueryText(r, "q");
  f.region = QueryText(r, "region");
  SL_ASSIGN_OR_RETURN(f.kind, QueryChoice(r, "kind", Kinds()));
  SL_ASSIGN_OR_RETURN(f.stage, QueryChoice(r, "stage", Stages()));
  SL_ASSIGN_OR_RETURN(f.enterprise, QueryId(r, "enterprise"));
  return f;
}

Result<ValueFilter> ParseValueFilter(const Request& r) {
  ValueFilter f;
  f.region = QueryText(r, "region");
  f.indicator = QueryText(r, "indicator");
  SL_ASSIGN_OR_RETURN(f.project, QueryId(r, "project"));
  SL_ASSIGN_OR_RETURN(f.year, QueryYear(r, "year"));
  return f;
}

// The values with the filters of the export (region, project, indicator,
// year), each beside its project's region and its indicator's name.
Status WriteValues(db::Tx& tx, const Caller& caller, const Request& r, io::XlsxSheetWriter& sheet) {
  SL_ASSIGN_OR_RETURN(ValueFilter f, ParseValueFilter(r));
  // An indicator named by any of its names filters by its code.
  if (!f.indicator.empty()) {
    SL_ASSIGN_OR_RETURN(auto indicator, FindIndicator(tx, f.indicator));
    if (indicator) f.indicator = indicator->code;
  }
  SL_ASSIGN_OR_RETURN(auto indicators, ListIndicators(tx));
  std::map<std::string, std::string> names;
  for (const auto& i : indicators) names[i.code] = i.name_zh_cn;
  std::map<int64_t, RegionRef> regions;
  return ForEachValue(tx, caller, f, [&](const Value& v) -> Status {
    auto it = regions.find(v.project_id);
    if (it == regions.end()) {
      SL_ASSIGN_OR_RETURN(RegionRef region, ProjectRegion(tx, v.project_id));
      it = regions.emplace(v.project_id, std::move(region)).first;
    }
    auto name = names.find(v.indicator);
    return sheet.WriteRow(
        ValueCells(v, it->second, name == names.end() ? v.indicator : name->second));
  });
}

Status RemoveValue(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Value v, FindValue(tx, caller, id));
  return DeleteValue(tx, caller, v.project_id, id);
}

}  // namespace

std::vector<SheetKind> ProjectSheetKinds() {
  return {
      {"projects",
       kProjectsRead,
       kProjectsWrite,
       ProjectColumns,
       {{"enterprise_ids", "enterprises"}, {"stages", "stage"}},
       EachRow(ApplyProject),
       DeleteProject,
       WriteList(ParseProjectFilter, ForEachProject, ProjectCells)},
      {"indicators",
       kProjectsRead,
       kProjectsWrite,
       ValueColumns,
       {},
       EachRow(ApplyValue),
       RemoveValue,
       WriteValues},
  };
}

}  // namespace sl::projects
