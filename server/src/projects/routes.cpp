// Handlers of the projects ledger: parse, one operation in one transaction, serialize.

#include "http/handlers.hpp"
#include "projects/projects.hpp"

namespace sl::projects {

namespace {

using http::CreateHandler;
using http::DeleteHandler;
using http::FetchHandler;
using http::ListHandler;
using http::Plain;
using http::UpdateHandler;

// [{"stage", "on"}]: each step's mistakes named stages.N.field.
std::optional<std::vector<StageStep>> ReadSteps(const Json& body, FieldReader& in) {
  const Json* raw = in.Raw("stages");
  if (!raw || raw->is_null()) return std::nullopt;
  const Json& list = *raw;
  (void)body;
  std::vector<StageStep> out;
  if (!list.is_array()) {
    in.Fail("stages", {"field_array", {}});
    return out;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = "stages." + std::to_string(i);
    if (!list[i].is_object()) {
      in.Fail(at, {"expected_object", {}});
      continue;
    }
    FieldReader step(list[i]);
    StageStep s;
    s.stage = step.Str("stage", true, 40).value_or("");
    s.on = step.Date("on", true).value_or("");
    step.RejectUnknown();
    if (auto st = step.Finish(); !st.ok())
      for (auto& [field, text] : st.error().fields) in.Fail(at + "." + field, text);
    out.push_back(std::move(s));
  }
  return out;
}

Result<ProjectFilter> ParseFilter(const Request& r) {
  ProjectFilter f;
  f.q = QueryText(r, "q");
  f.region = QueryText(r, "region");
  SL_ASSIGN_OR_RETURN(f.kind, QueryChoice(r, "kind", Kinds()));
  SL_ASSIGN_OR_RETURN(f.stage, QueryChoice(r, "stage", Stages()));
  SL_ASSIGN_OR_RETURN(f.enterprise, QueryId(r, "enterprise"));
  return f;
}

// The {value_id} of /projects/{id}/indicators/{value_id}.
Result<int64_t> ValueParam(const Request& r) {
  auto it = r.params.find("value_id");
  auto id = it == r.params.end() ? std::nullopt : ParseInt(it->second);
  if (!id || *id <= 0) return Error::NotFound("project_value_not_found");
  return *id;
}

}  // namespace

Result<ProjectInput> ReadProject(const Json& body) {
  FieldReader in(body);
  ProjectInput p;
  p.kind = in.Str("kind", false, 40);
  p.name = in.Str("name", false, 100);
  p.region = in.Str("region", false, 20);
  p.stage = in.NullableStr("stage", 40);
  p.stage_on = in.NullableDate("stage_on");
  p.description = in.NullableStr("description", 5000);
  p.started_on = in.NullableDate("started_on");
  p.enterprise_ids = in.IntList("enterprise_ids", false);
  p.stages = ReadSteps(body, in);
  p.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return p;
}

Result<IndicatorInput> ReadIndicator(const Json& body) {
  FieldReader in(body);
  IndicatorInput i;
  i.code = in.Str("code", true, 40);
  i.name_zh_cn = in.Str("name_zh_cn", false, 50);
  i.name_zh_tw = in.Str("name_zh_tw", false, 50);
  i.name_en = in.Str("name_en", false, 80);
  i.unit_zh_cn = in.Str("unit_zh_cn", false, 20);
  i.unit_zh_tw = in.Str("unit_zh_tw", false, 20);
  i.unit_en = in.Str("unit_en", false, 40);
  i.scale = in.Int("scale", false);
  i.sort_order = in.Int("sort_order", false);
  i.sum_projects = in.Bool("sum_projects", false);
  i.sum_periods = in.Bool("sum_periods", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return i;
}

Result<ValueInput> ReadValue(const Json& body) {
  FieldReader in(body);
  ValueInput v;
  v.indicator = in.Str("indicator", true, 40);
  v.value = in.Decimal("value", true);
  v.year = in.Int("year", false);
  v.from = in.Date("from", false);
  v.to = in.Date("to", false);
  v.expected = in.Bool("expected", false);
  v.source = in.NullableStr("source", 200);
  v.unit = in.Str("unit", false, 20);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return v;
}

Result<Response> HandleProjectsList(db::Database& db, const Request& r) {
  return ListHandler(db, r, ParseFilter, ListProjects, Plain<Project>);
}

Result<Response> HandleProjectCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadProject, CreateProject, Plain<Project>);
}

Result<Response> HandleProjectGet(db::Database& db, const Request& r) {
  return FetchHandler(
      db, r, "project_not_found",
      [](db::Tx& tx, const Caller& caller, int64_t id) { return GetProject(tx, caller.view, id); },
      Plain<Project>);
}

Result<Response> HandleProjectUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(
      db, r, "project_not_found", ReadProject,
      [](db::Tx& tx, const Caller& caller, int64_t id, const ProjectInput& in) {
        return UpdateProject(tx, caller, id, in);
      },
      Plain<Project>);
}

Result<Response> HandleProjectDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "project_not_found", DeleteProject);
}

Result<Response> HandleIndicatorsList(db::Database& db, const Request&) {
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto all, ListIndicators(tx));
    Json items = Json::array();
    for (const auto& i : all) items.push_back(ToJson(i));
    return Json{{"items", std::move(items)}, {"total", static_cast<int64_t>(all.size())}};
  });
}

Result<Response> HandleIndicatorCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadIndicator, CreateIndicator, Plain<Indicator>);
}

Result<Response> HandleValuesList(db::Database& db, const Request& r) {
  const std::string indicator = QueryText(r, "indicator");
  return FetchHandler(
      db, r, "project_not_found",
      [&](db::Tx& tx, const Caller& caller, int64_t id) {
        return ListValues(tx, caller, id, indicator);
      },
      [](const std::vector<Value>& values) {
        Json items = Json::array();
        for (const auto& v : values) items.push_back(ToJson(v));
        return Json{{"items", std::move(items)}, {"total", static_cast<int64_t>(values.size())}};
      });
}

// 201 for a new value, 200 for one replaced.
Result<Response> HandleValuePut(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "project_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(ValueInput in, ReadValue(body));
  bool created = false;
  SL_ASSIGN_OR_RETURN(auto answer, http::Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
                        SL_ASSIGN_OR_RETURN(Value v, PutValue(tx, *r.caller, id, in, &created));
                        return ToJson(v);
                      }));
  if (created) answer.status = 201;
  return answer;
}

Result<Response> HandleValueDelete(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t value, ValueParam(r));
  return DeleteHandler(db, r, "project_not_found",
                       [value](db::Tx& tx, const Caller& caller, int64_t id) {
                         return DeleteValue(tx, caller, id, value);
                       });
}

Result<Response> HandleProjectStats(db::Database& db, const Request& r) {
  const std::string region = QueryText(r, "region");
  SL_ASSIGN_OR_RETURN(int year, QueryYear(r, "year"));
  const bool by_child = QueryText(r, "by") == "child";
  if (!by_child && !QueryText(r, "by").empty()) return Error::BadRequest("bad_query", {"by"});
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(ProjectStats s, Stats(tx, *r.caller, region, year, by_child));
    return ToJson(s);
  });
}

}  // namespace sl::projects
