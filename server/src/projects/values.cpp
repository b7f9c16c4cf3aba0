// Indicators (what projects are measured by, as data) and the projects'
// values per period, expected or actual, exact to the indicator's scale.

#include <algorithm>

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/decimal.hpp"
#include "projects/projects.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"

namespace sl::projects {

using store::Fields;
using store::Need;

namespace {

// The largest value stored: 10^15 (a billion 万元 in 分, with room).
constexpr int64_t kMaxValue = 1'000'000'000'000'000;

const store::RecordQuery<Indicator>& Indicators() {
  static const store::RecordQuery<Indicator> k{
      "indicator i",
      store::RowMap<Indicator>("i.id, i.code, i.name_zh_cn, i.name_zh_tw, i.name_en",
                               &Indicator::id, &Indicator::code, &Indicator::name_zh_cn,
                               &Indicator::name_zh_tw, &Indicator::name_en)
          .Add("i.unit_zh_cn, i.unit_zh_tw, i.unit_en, i.scale, i.sum_projects, i.sum_periods",
               &Indicator::unit_zh_cn, &Indicator::unit_zh_tw, &Indicator::unit_en,
               &Indicator::scale, &Indicator::sum_projects, &Indicator::sum_periods)
          .Add("i.sort_order, i.builtin, i.version", &Indicator::sort_order, &Indicator::builtin,
               &Indicator::version)};
  return k;
}

struct Row {
  Value v;
  int64_t stored = 0;
};

const std::string kValueColumns =
    "v.id, v.project_id, j.name, v.indicator, v.value, v.period_from, v.period_to, v.expected, "
    "v.source, v.updated_at, v.version, i.scale";
const std::string kValueFrom =
    " FROM project_value v JOIN project j ON j.id = v.project_id JOIN indicator i ON i.code = "
    "v.indicator";

Value ValueOf(const db::Row& r) {
  Value v;
  v.id = r.Int(0);
  v.project_id = r.Int(1);
  v.project_name = r.Str(2);
  v.indicator = r.Str(3);
  v.value = FormatDecimal(r.Int(4), static_cast<int>(r.Int(11)));
  v.from = r.Str(5);
  v.to = r.Str(6);
  v.expected = r.Int(7) != 0;
  v.source = r.Str(8);
  v.updated_at = r.Str(9);
  v.version = r.Int(10);
  return v;
}

Result<Value> LoadValue(db::Tx& tx, int64_t id) {
  SL_ASSIGN_OR_RETURN(
      auto row, tx.QueryOne("SELECT " + kValueColumns + kValueFrom + " WHERE v.id = ?", {id}));
  if (!row) return Error::NotFound("project_value_not_found");
  return ValueOf(*row);
}

// Whether `unit` names the indicator's unit in one of the languages.
bool SameUnit(const Indicator& i, const std::string& unit) {
  return unit == i.unit_zh_cn || unit == i.unit_zh_tw || unit == i.unit_en || unit == i.code;
}

struct CheckedValue {
  Indicator indicator;
  int64_t value = 0;
  std::string from, to, source;
  bool expected = false;
};

Result<CheckedValue> CheckValue(db::Tx& tx, ValueInput in) {
  Fields errors;
  CheckedValue c;
  std::optional<Indicator> indicator;
  if (!in.indicator || in.indicator->empty()) {
    errors.emplace("indicator", Text{"field_required", {}});
  } else {
    SL_ASSIGN_OR_RETURN(indicator, FindIndicator(tx, *in.indicator));
    if (!indicator) errors.emplace("indicator", Text{"indicator_unknown", {}});
  }
  if (indicator) {
    c.indicator = *indicator;
    if (in.unit && !in.unit->empty() && !SameUnit(*indicator, *in.unit))
      errors.emplace("unit", Text{"indicator_unit_mismatch", {indicator->unit_zh_cn}});
    if (!in.value || in.value->empty()) {
      errors.emplace("value", Text{"field_required", {}});
    } else if (auto v = ParseDecimal(*in.value, indicator->scale, kMaxValue)) {
      c.value = *v;
    } else {
      errors.emplace("value", Text{"indicator_value", {std::to_string(indicator->scale)}});
    }
  }
  // The period: a year, or a first and last day.
  if (in.year) {
    if (*in.year < 1900 || *in.year > 2199) {
      errors.emplace("year", Text{"period_year", {}});
    } else {
      c.from = std::to_string(*in.year) + "-01-01";
      c.to = std::to_string(*in.year) + "-12-31";
    }
  } else if (in.from || in.to) {
    store::CheckDate(in.from, "from", errors, Need::kRequired);
    store::CheckDate(in.to, "to", errors, Need::kRequired);
    if (!errors.count("from") && !errors.count("to")) {
      c.from = *in.from;
      c.to = *in.to;
      if (c.to < c.from) errors.emplace("to", Text{"period_ends_before", {}});
    }
  } else {
    errors.emplace("year", Text{"field_required", {}});
  }
  store::CheckText(in.source, "source", errors, 200);
  SL_TRY(store::Finish(errors));
  c.source = in.source.value_or("");
  c.expected = in.expected.value_or(false);
  return c;
}

}  // namespace

// Indicators ---------------------------------------------------------------------

Result<std::vector<Indicator>> ListIndicators(db::Tx& tx) {
  return Indicators().All(tx, store::Where{}, "i.sort_order, i.id");
}

Result<std::optional<Indicator>> FindIndicator(db::Tx& tx, const std::string& code_or_name) {
  store::Where w;
  w.And("(i.code = ? OR i.name_zh_cn = ? OR i.name_zh_tw = ? OR i.name_en = ?)",
        {code_or_name, code_or_name, code_or_name, code_or_name});
  return Indicators().Find(tx, w);
}

Result<Indicator> CreateIndicator(db::Tx& tx, const Caller& caller, const IndicatorInput& input) {
  IndicatorInput in = input;
  Fields errors;
  if (!in.code || !store::IsCode(*in.code)) errors.emplace("code", Text{"indicator_code", {}});
  store::CheckText(in.name_zh_cn, "name_zh_cn", errors, 50, Need::kRequired);
  store::CheckText(in.name_zh_tw, "name_zh_tw", errors, 50, Need::kRequired);
  store::CheckText(in.name_en, "name_en", errors, 80, Need::kRequired);
  store::CheckText(in.unit_zh_cn, "unit_zh_cn", errors, 20, Need::kRequired);
  store::CheckText(in.unit_zh_tw, "unit_zh_tw", errors, 20, Need::kRequired);
  store::CheckText(in.unit_en, "unit_en", errors, 40, Need::kRequired);
  if (in.scale && (*in.scale < 0 || *in.scale > 4))
    errors.emplace("scale", Text{"indicator_scale", {}});
  if (errors.empty()) {
    for (const std::string& key : {*in.code, *in.name_zh_cn, *in.name_zh_tw, *in.name_en}) {
      SL_ASSIGN_OR_RETURN(auto taken, FindIndicator(tx, key));
      if (taken) {
        errors.emplace("code", Text{"indicator_taken", {}});
        break;
      }
    }
  }
  SL_TRY(store::Finish(errors));
  SL_ASSIGN_OR_RETURN(int64_t id,
                      store::InsertRecord(tx, "indicator",
                                          {{"code", *in.code},
                                           {"name_zh_cn", *in.name_zh_cn},
                                           {"name_zh_tw", *in.name_zh_tw},
                                           {"name_en", *in.name_en},
                                           {"unit_zh_cn", *in.unit_zh_cn},
                                           {"unit_zh_tw", *in.unit_zh_tw},
                                           {"unit_en", *in.unit_en},
                                           {"scale", in.scale.value_or(0)},
                                           {"sum_projects", in.sum_projects.value_or(true) ? 1 : 0},
                                           {"sum_periods", in.sum_periods.value_or(false) ? 1 : 0},
                                           {"sort_order", in.sort_order.value_or(1000)},
                                           {"builtin", 0}}));
  store::Where w;
  w.And("i.id = ?", {id});
  SL_ASSIGN_OR_RETURN(Indicator made, Indicators().Get(tx, w, "indicator_unknown"));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "indicator", id, "create", Json(), ToJson(made),
                       ""));
  return made;
}

// Values -------------------------------------------------------------------------

Result<std::vector<Value>> ListValues(db::Tx& tx, const Caller& caller, int64_t project,
                                      const std::string& indicator) {
  SL_TRY(GetProject(tx, caller.view, project));
  db::Params p{project};
  std::string sql = "SELECT " + kValueColumns + kValueFrom + " WHERE v.project_id = ?";
  if (!indicator.empty()) {
    sql += " AND v.indicator = ?";
    p.push_back(indicator);
  }
  sql += " ORDER BY i.sort_order, v.indicator, v.period_from, v.period_to, v.expected";
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, p));
  std::vector<Value> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(ValueOf(r));
  return out;
}

Status ForEachValue(db::Tx& tx, const Caller& caller, const ValueFilter& f,
                    const std::function<Status(const Value&)>& fn) {
  store::Where w;
  w.And("j.deleted_at IS NULL");
  w.Scope(caller.view, "j.region_path");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "j.region_path"));
  w.Equals("v.project_id", f.project);
  w.Equals("v.indicator", f.indicator);
  if (f.year) {
    w.And("v.period_from >= ? AND v.period_from <= ?",
          {std::to_string(f.year) + "-01-01", std::to_string(f.year) + "-12-31"});
  }
  return tx.ForEach("SELECT " + kValueColumns + kValueFrom + " WHERE " + w.sql +
                        " ORDER BY j.sort_key, j.id, i.sort_order, v.period_from, v.expected",
                    w.params, [&](const db::Row& r) { return fn(ValueOf(r)); });
}

Result<Value> GetValue(db::Tx& tx, const Caller& caller, int64_t value_id) {
  SL_ASSIGN_OR_RETURN(Value v, LoadValue(tx, value_id));
  SL_TRY(GetProject(tx, caller.view, v.project_id));
  return v;
}

Result<Value> PutValue(db::Tx& tx, const Caller& caller, int64_t project, const ValueInput& in,
                       bool* created, bool* changed) {
  SL_ASSIGN_OR_RETURN(Project p, ProjectForWrite(tx, caller, project));
  SL_ASSIGN_OR_RETURN(CheckedValue c, CheckValue(tx, in));
  const int expected = c.expected ? 1 : 0;
  SL_ASSIGN_OR_RETURN(
      auto had, tx.QueryOne("SELECT id, value, source FROM project_value WHERE project_id = ? AND "
                            "indicator = ? AND period_from = ? AND period_to = ? AND expected = ?",
                            {project, c.indicator.code, c.from, c.to, expected}));
  if (created) *created = !had;
  if (had) {
    const int64_t id = had->Int(0);
    const bool same = had->Int(1) == c.value && had->Str(2) == c.source;
    if (changed) *changed = !same;
    SL_ASSIGN_OR_RETURN(Value before, LoadValue(tx, id));
    if (same) return before;
    SL_TRY(
        store::UpdateRecord(tx, "project_value", id, {{"value", c.value}, {"source", c.source}}));
    SL_ASSIGN_OR_RETURN(Value after, LoadValue(tx, id));
    SL_TRY(audit::Record(tx, audit::ActorOf(caller), "project_value", id, "update", ToJson(before),
                         ToJson(after), p.region.path));
    return after;
  }
  if (changed) *changed = true;
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "project_value",
                                                      {{"project_id", project},
                                                       {"indicator", c.indicator.code},
                                                       {"period_from", c.from},
                                                       {"period_to", c.to},
                                                       {"expected", expected},
                                                       {"value", c.value},
                                                       {"source", c.source},
                                                       {"region_path", p.region.path}}));
  SL_ASSIGN_OR_RETURN(Value made, LoadValue(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "project_value", id, "create", Json(),
                       ToJson(made), p.region.path));
  return made;
}

Status DeleteValue(db::Tx& tx, const Caller& caller, int64_t project, int64_t value_id) {
  SL_ASSIGN_OR_RETURN(Project p, ProjectForWrite(tx, caller, project));
  SL_ASSIGN_OR_RETURN(Value before, LoadValue(tx, value_id));
  if (before.project_id != project) return Error::NotFound("project_value_not_found");
  SL_TRY(tx.Exec("DELETE FROM project_value WHERE id = ?", {value_id}));
  return audit::Record(tx, audit::ActorOf(caller), "project_value", value_id, "delete",
                       ToJson(before), Json(), p.region.path);
}

}  // namespace sl::projects
