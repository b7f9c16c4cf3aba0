#pragma once
// Projects (项目): what the dual-wheel drive brings about — investment brought
// back, industry bases, rural tourism, welfare and infrastructure — with
// their stages, the enterprises that own them, and their figures as
// indicator values per period (area, investment, output, jobs, visitors...),
// expected or actual. A project is also a level-4 target of the pairing
// system (pairing/).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/caller.hpp"
#include "core/choice.hpp"
#include "core/handler.hpp"
#include "core/json.hpp"
#include "db/db.hpp"
#include "sheets/sheets.hpp"
#include "store/query.hpp"

namespace sl::projects {

using store::Paged;

inline constexpr const char* kProjectsRead = "projects.read";
// Writes any project in the capture scope; without it (the chamber's
// secretary) only projects owned by a chamber member's enterprise.
inline constexpr const char* kProjectsWrite = "projects.write";
inline constexpr const char* kProjectsManage = "projects.manage";
inline constexpr const char* kIndicatorsWrite = "indicators.write";

const std::vector<Choice>&
Kinds();  // investment, industry, tourism, welfare, infrastructure, other
const std::vector<Choice>& Stages();  // negotiating, signed, building, producing, terminated

// Projects ---------------------------------------------------------------------

struct StageStep {
  std::string stage, on;
};

// The latest value of an indicator (of one kind: expected or actual).
struct Latest {
  std::string indicator, value, from, to;
  bool expected = false;
};

struct Project {
  int64_t id = 0;
  std::string kind, name;
  RegionRef region;
  std::optional<std::string> stage, stage_on;
  std::vector<StageStep> stages;
  std::string description, started_on;
  std::vector<Ref> enterprises;
  std::vector<Latest> latest;
  std::string created_at, updated_at;
  int64_t version = 1;
};
Json ToJson(const Project& p);

struct ProjectInput {
  std::optional<std::string> kind, name, region, stage, stage_on, description, started_on;
  std::optional<std::vector<StageStep>> stages;
  std::optional<std::vector<int64_t>> enterprise_ids;
  std::optional<int64_t> version;
};

struct ProjectFilter {
  std::string q, region, kind, stage;
  int64_t enterprise = 0;
};

Result<Project> GetProject(db::Tx& tx, const Scope& view, int64_t id);
Result<Paged<Project>> ListProjects(db::Tx& tx, const Caller& caller, const ProjectFilter& f,
                                    const Page& page);
Status ForEachProject(db::Tx& tx, const Caller& caller, const ProjectFilter& f,
                      const std::function<Status(const Project&)>& fn);
Result<Project> CreateProject(db::Tx& tx, const Caller& caller, const ProjectInput& in);
// `changed` (when given): whether the project changed (an import row may change nothing).
Result<Project> UpdateProject(db::Tx& tx, const Caller& caller, int64_t id, const ProjectInput& in,
                              bool* changed = nullptr);
Status DeleteProject(db::Tx& tx, const Caller& caller, int64_t id);
// The project, if the caller may change it (capture scope and, without
// projects.manage, owned by an enterprise of a chamber member in scope).
Result<Project> ProjectForWrite(db::Tx& tx, const Caller& caller, int64_t id);
// The project of this name at this region, or 0 (what an import matches on).
Result<int64_t> FindProject(db::Tx& tx, const std::string& name, int64_t region_id);

// Indicators -------------------------------------------------------------------

struct Indicator {
  int64_t id = 0;
  std::string code, name_zh_cn, name_zh_tw, name_en, unit_zh_cn, unit_zh_tw, unit_en;
  int scale = 0;
  bool sum_projects = true, sum_periods = false, builtin = false;
  int sort_order = 0;
  int64_t version = 1;
};
Json ToJson(const Indicator& i);

struct IndicatorInput {
  std::optional<std::string> code, name_zh_cn, name_zh_tw, name_en, unit_zh_cn, unit_zh_tw, unit_en;
  std::optional<int64_t> scale, sort_order;
  std::optional<bool> sum_projects, sum_periods;
};

Result<std::vector<Indicator>> ListIndicators(db::Tx& tx);
// The indicator with this code or any of its names (sheets write 游客), or nullopt.
Result<std::optional<Indicator>> FindIndicator(db::Tx& tx, const std::string& code_or_name);
Result<Indicator> CreateIndicator(db::Tx& tx, const Caller& caller, const IndicatorInput& in);

// Values -------------------------------------------------------------------------

struct Value {
  int64_t id = 0, project_id = 0;
  std::string project_name;
  std::string indicator, value, from, to, source, updated_at;
  bool expected = false;
  int64_t version = 1;
};
Json ToJson(const Value& v);

// `value` is a decimal text (or an integer's); the period is `year` or `from`
// and `to`; `unit`, when given, must be the indicator's.
struct ValueInput {
  std::optional<std::string> indicator, value, from, to, source, unit;
  std::optional<int64_t> year;
  std::optional<bool> expected;
};

struct ValueFilter {
  std::string region, indicator;
  int64_t project = 0;
  int year = 0;
};

Result<std::vector<Value>> ListValues(db::Tx& tx, const Caller& caller, int64_t project,
                                      const std::string& indicator);
Status ForEachValue(db::Tx& tx, const Caller& caller, const ValueFilter& f,
                    const std::function<Status(const Value&)>& fn);
// Records a value; the same indicator, period and kind replace the one there.
// `created` tells which it was.
Result<Value> PutValue(db::Tx& tx, const Caller& caller, int64_t project, const ValueInput& in,
                       bool* created = nullptr, bool* changed = nullptr);
Status DeleteValue(db::Tx& tx, const Caller& caller, int64_t project, int64_t value_id);
// One value by id, if the caller sees its project (an import's undo).
Result<Value> GetValue(db::Tx& tx, const Caller& caller, int64_t value_id);

// Figures ------------------------------------------------------------------------

struct ProjectFigures {
  struct Kind {
    std::string kind;
    int64_t projects = 0;
    std::vector<std::pair<std::string, int64_t>> by_stage;  // in Stages() order, non-zero
  };
  struct Total {
    std::string indicator;
    int scale = 0;
    int64_t value = 0;
    bool expected = false;
  };
  std::vector<Kind> kinds;
  std::vector<Total> indicators;
};

struct ProjectStats {
  RegionRef region;
  std::string level;
  int year = 0;
  ProjectFigures figures;
  struct Child {
    RegionRef region;
    std::string level;
    ProjectFigures figures;
  };
  std::optional<std::vector<Child>> children;
};
Json ToJson(const ProjectStats& s);

// The figures of a region subtree for a year; `by_child` adds each child region's.
Result<ProjectStats> Stats(db::Tx& tx, const Caller& caller, const std::string& region, int year,
                           bool by_child);

// Sheets -------------------------------------------------------------------------

// projects, indicators (values).
std::vector<sheets::SheetKind> ProjectSheetKinds();

// Forms (the JSON bodies of the routes) ------------------------------------------

Result<ProjectInput> ReadProject(const Json& body);
Result<IndicatorInput> ReadIndicator(const Json& body);
Result<ValueInput> ReadValue(const Json& body);

// Handlers -----------------------------------------------------------------------

Result<Response> HandleProjectsList(db::Database& db, const Request& r);
Result<Response> HandleProjectCreate(db::Database& db, const Request& r);
Result<Response> HandleProjectGet(db::Database& db, const Request& r);
Result<Response> HandleProjectUpdate(db::Database& db, const Request& r);
Result<Response> HandleProjectDelete(db::Database& db, const Request& r);
Result<Response> HandleIndicatorsList(db::Database& db, const Request& r);
Result<Response> HandleIndicatorCreate(db::Database& db, const Request& r);
Result<Response> HandleValuesList(db::Database& db, const Request& r);
Result<Response> HandleValuePut(db::Database& db, const Request& r);
Result<Response> HandleValueDelete(db::Database& db, const Request& r);
Result<Response> HandleProjectStats(db::Database& db, const Request& r);

}  // namespace sl::projects
