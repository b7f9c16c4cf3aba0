// Projects: the ledger (kind, name, place, stages with their dates, owners,
// description) and who may change a project.

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/decimal.hpp"
#include "db/scope.hpp"
#include "projects/internal.hpp"
#include "projects/projects.hpp"
#include "registry/registry.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"

namespace sl::projects {

using store::Fields;
using store::Need;

namespace {

const store::RecordQuery<Project>& Projects() {
  static const store::RecordQuery<Project> k{
      "project j JOIN region r ON r.id = j.region_id",
      store::RowMap<Project>("j.id, j.kind, j.name, j.stage, j.stage_on, j.description",
                             &Project::id, &Project::kind, &Project::name, &Project::stage,
                             &Project::stage_on, &Project::description)
          .Add("j.region_id, r.code, r.name, j.region_path, j.started_on", &Project::region,
               &Project::started_on)
          .Stamps("j")};
  return k;
}

int StageRank(const std::string& stage) {
  const auto& all = Stages();
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].id == stage) return static_cast<int>(i);
  return static_cast<int>(all.size());
}

void SortSteps(std::vector<StageStep>& steps) {
  std::stable_sort(steps.begin(), steps.end(), [](const StageStep& a, const StageStep& b) {
    if (a.on != b.on) return a.on < b.on;
    return StageRank(a.stage) < StageRank(b.stage);
  });
}

// Stages, owners and the latest values of a batch of projects.
Status Complete(db::Tx& tx, std::vector<Project>& batch) {
  if (batch.empty()) return OkStatus();
  std::map<int64_t, Project*> by_id;
  for (auto& p : batch) by_id[p.id] = &p;
  std::vector<int64_t> ids;
  for (const auto& [id, p] : by_id) ids.push_back(id);
  {
    db::Params params;
    const std::string in = db::InList(ids.begin(), ids.end(), params);
    SL_TRY(
        tx.ForEach("SELECT project_id, stage, on_date FROM project_stage WHERE project_id IN " + in,
                   params, [&](const db::Row& r) -> Status {
                     by_id[r.Int(0)]->stages.push_back({r.Str(1), r.Str(2)});
                     return OkStatus();
                   }));
  }
  for (auto& p : batch) SortSteps(p.stages);
  {
    db::Params params;
    const std::string in = db::InList(ids.begin(), ids.end(), params);
    SL_TRY(
        tx.ForEach("SELECT pe.project_id, e.id, e.name FROM project_enterprise pe JOIN "
                   "enterprise e ON e.id = pe.enterprise_id WHERE pe.project_id IN " +
                       in + " ORDER BY e.sort_key, e.id",
                   params, [&](const db::Row& r) -> Status {
                     by_id[r.Int(0)]->enterprises.push_back({r.Int(1), r.Str(2)});
                     return OkStatus();
                   }));
  }
  {
    // The latest period's value of each indicator and kind.
    db::Params params;
    const std::string in = db::InList(ids.begin(), ids.end(), params);
    std::map<std::pair<int64_t, std::string>, int> scales;
    SL_ASSIGN_OR_RETURN(auto indicators, ListIndicators(tx));
    std::map<std::string, const Indicator*> by_code;
    for (const auto& i : indicators) by_code[i.code] = &i;
    std::map<std::tuple<int64_t, std::string, bool>, Latest> latest;
    SL_TRY(tx.ForEach(
        "SELECT project_id, indicator, expected, value, period_from, period_to FROM "
        "project_value WHERE project_id IN " +
            in + " ORDER BY project_id, indicator, expected, period_to, period_from",
        params, [&](const db::Row& r) -> Status {
          const auto found = by_code.find(r.Str(1));
          const int scale = found == by_code.end() ? 0 : found->second->scale;
          latest[{r.Int(0), r.Str(1), r.Int(2) != 0}] =
              Latest{r.Str(1), FormatDecimal(r.Int(3), scale), r.Str(4), r.Str(5), r.Int(2) != 0};
          return OkStatus();
        }));
    std::map<std::string, int> order;
    for (const auto& i : indicators) order[i.code] = i.sort_order;
    for (auto& [key, l] : latest) by_id[std::get<0>(key)]->latest.push_back(l);
    for (auto& p : batch)
      std::stable_sort(p.latest.begin(), p.latest.end(), [&](const Latest& a, const Latest& b) {
        if (a.indicator != b.indicator) return order[a.indicator] < order[b.indicator];
        return a.expected < b.expected;
      });
  }
  return OkStatus();
}

Result<Project> Load(db::Tx& tx, const Scope& view, int64_t id) {
  store::Where w;
  w.And("j.id = ? AND j.deleted_at IS NULL", {id});
  w.Scope(view, "j.region_path");
  SL_ASSIGN_OR_RETURN(Project p, Projects().Get(tx, w, "project_not_found"));
  std::vector<Project> one{std::move(p)};
  SL_TRY(Complete(tx, one));
  return std::move(one.front());
}

Status ProjectWhere(db::Tx& tx, const Caller& caller, const ProjectFilter& f, store::Where& w) {
  w.And("j.deleted_at IS NULL");
  w.Scope(caller.view, "j.region_path");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "j.region_path"));
  w.Equals("j.kind", f.kind);
  w.Equals("j.stage", f.stage);
  if (f.enterprise)
    w.And("j.id IN (SELECT pe.project_id FROM project_enterprise pe WHERE pe.enterprise_id = ?)",
          {f.enterprise});
  w.Search(f.q, store::SearchKind::kProject, "j");
  return OkStatus();
}

const store::Listing<Project, ProjectFilter>& ProjectList() {
  static const store::Listing<Project, ProjectFilter> k{
      [](const ProjectFilter&) { return Projects(); }, ProjectWhere,
      [](const ProjectFilter&) { return std::string("j.sort_key, j.id"); },
      [](db::Tx& tx, const ProjectFilter&, std::vector<Project>& batch) {
        return Complete(tx, batch);
      }};
  return k;
}

// A project as the audit log keeps it: without its values (audited on their own).
Json Snapshot(const Project& p) {
  Json j = ToJson(p);
  j.erase("latest");
  return j;
}

struct Checked {
  ProjectInput in;
  std::optional<RegionRef> region;
  std::optional<std::vector<Ref>> enterprises;
};

Result<Checked> Check(db::Tx& tx, const Caller& caller, ProjectInput in, const Project* existing) {
  Fields errors;
  Checked c;
  const bool create = existing == nullptr;
  const Need needed = create ? Need::kRequired : Need::kOptional;
  store::CheckChoice(in.kind, Kinds(), "kind", errors, create ? Need::kRequired : Need::kNotEmpty);
  store::CheckText(in.name, "name", errors, 100, store::RequiredOnCreate(create));
  store::CheckChoice(in.stage, Stages(), "stage", errors);
  store::CheckDate(in.stage_on, "stage_on", errors);
  store::CheckDate(in.started_on, "started_on", errors);
  store::CheckNotes(in.description, "description", errors, 5000);
  if (in.stages) {
    if (in.stages->size() > 50) errors.emplace("stages", Text{"field_too_large", {}});
    for (size_t i = 0; i < in.stages->size(); ++i) {
      StageStep& s = (*in.stages)[i];
      std::optional<std::string> stage = s.stage, on = s.on;
      const std::string at = "stages." + std::to_string(i);
      Fields step;
      store::CheckChoice(stage, Stages(), "stage", step, Need::kRequired);
      store::CheckDate(on, "on", step, Need::kRequired);
      for (auto& [field, text] : step) errors.emplace(at + "." + field, text);
      s.stage = stage.value_or("");
      s.on = on.value_or("");
    }
  }
  SL_ASSIGN_OR_RETURN(c.region,
                      store::CheckRegion(tx, caller, in.region, "region", errors, needed));
  if (in.enterprise_ids) {
    std::vector<Ref> owners;
    std::set<int64_t> seen;
    for (int64_t id : *in.enterprise_ids) {
      if (!seen.insert(id).second) continue;
      auto e = registry::GetEnterprise(tx, caller.view, id);
      if (!e.ok()) {
        if (e.error().code != ErrorCode::kNotFound) return std::move(e).error();
        errors.emplace("enterprise_ids", Text{"enterprise_not_found", {}});
        continue;
      }
      owners.push_back({e->id, e->name});
    }
    c.enterprises = std::move(owners);
  }
  // Without projects.manage (the chamber), a project is the chamber's to write
  // only when an enterprise of a member owns it.
  if (!caller.Can(kProjectsManage) && !errors.count("enterprise_ids")) {
    std::vector<int64_t> owners;
    if (c.enterprises)
      for (const auto& e : *c.enterprises) owners.push_back(e.id);
    else if (existing)
      for (const auto& e : existing->enterprises) owners.push_back(e.id);
    SL_ASSIGN_OR_RETURN(bool members, internal::OwnedByMember(tx, caller, owners));
    if (!members) errors.emplace("enterprise_ids", Text{"project_chamber_only", {}});
  }
  SL_TRY(store::Finish(errors));
  c.in = std::move(in);
  return c;
}

// The stage history a form leaves: `stages` replaces it; a `stage` other
// than the last adds a step on `stage_on` (default today); the same stage
// with a `stage_on` moves its date.
std::vector<StageStep> StepsAfter(const ProjectInput& in, std::vector<StageStep> steps) {
  if (in.stages) {
    steps = *in.stages;
  } else if (in.stage && !in.stage->empty()) {
    const std::string on = in.stage_on && !in.stage_on->empty() ? *in.stage_on : TodayInChina();
    if (!steps.empty() && steps.back().stage == *in.stage) {
      if (in.stage_on && !in.stage_on->empty()) steps.back().on = on;
    } else {
      steps.push_back({*in.stage, on});
    }
  }
  // One step per stage and day.
  SortSteps(steps);
  steps.erase(std::unique(steps.begin(), steps.end(),
                          [](const StageStep& a, const StageStep& b) {
                            return a.stage == b.stage && a.on == b.on;
                          }),
              steps.end());
  return steps;
}

bool SameSteps(const std::vector<StageStep>& a, const std::vector<StageStep>& b) {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(),
      [](const StageStep& x, const StageStep& y) { return x.stage == y.stage && x.on == y.on; });
}

Status WriteSteps(db::Tx& tx, int64_t id, const std::vector<StageStep>& steps) {
  SL_TRY(tx.Exec("DELETE FROM project_stage WHERE project_id = ?", {id}));
  for (const auto& s : steps)
    SL_TRY(tx.Exec("INSERT INTO project_stage (project_id, stage, on_date) VALUES (?, ?, ?)",
                   {id, s.stage, s.on}));
  return OkStatus();
}

Status WriteOwners(db::Tx& tx, int64_t id, const std::optional<std::vector<Ref>>& owners) {
  if (!owners) return OkStatus();
  SL_TRY(tx.Exec("DELETE FROM project_enterprise WHERE project_id = ?", {id}));
  for (const auto& e : *owners)
    SL_TRY(tx.Exec("INSERT INTO project_enterprise (project_id, enterprise_id) VALUES (?, ?)",
                   {id, e.id}));
  return OkStatus();
}

bool SameOwners(const std::vector<Ref>& a, const std::vector<Ref>& b) {
  std::set<int64_t> left, right;
  for (const auto& x : a) left.insert(x.id);
  for (const auto& x : b) right.insert(x.id);
  return left == right;
}

db::Value LastStage(const std::vector<StageStep>& steps) {
  return steps.empty() ? db::Value() : db::Value(steps.back().stage);
}
db::Value LastStageOn(const std::vector<StageStep>& steps) {
  return steps.empty() ? db::Value() : db::Value(steps.back().on);
}

}  // namespace

namespace internal {

Result<bool> OwnedByMember(db::Tx& tx, const Caller& caller, const std::vector<int64_t>& owners) {
  if (owners.empty()) return false;
  db::Params params;
  const std::string in = db::InList(owners.begin(), owners.end(), params);
  const std::string scope = db::ScopeCondition(caller.capture, "m.region_path", params);
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM chamber_membership m WHERE "
                                            "m.enterprise_id IN " +
                                                in + " AND m.left_on IS NULL AND " + scope,
                                            params));
  return row.has_value();
}

}  // namespace internal

Result<Project> GetProject(db::Tx& tx, const Scope& view, int64_t id) { return Load(tx, view, id); }

Result<Project> ProjectForWrite(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Project p, Load(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, p.region.path));
  if (!caller.Can(kProjectsManage)) {
    std::vector<int64_t> owners;
    for (const auto& e : p.enterprises) owners.push_back(e.id);
    SL_ASSIGN_OR_RETURN(bool members, internal::OwnedByMember(tx, caller, owners));
    if (!members) return Error::Forbidden("project_chamber_only");
  }
  return p;
}

Result<Paged<Project>> ListProjects(db::Tx& tx, const Caller& caller, const ProjectFilter& f,
                                    const Page& page) {
  return ProjectList().Page(tx, caller, f, page);
}

Status ForEachProject(db::Tx& tx, const Caller& caller, const ProjectFilter& f,
                      const std::function<Status(const Project&)>& fn) {
  return ProjectList().ForEach(tx, caller, f, fn);
}

Result<int64_t> FindProject(db::Tx& tx, const std::string& name, int64_t region_id) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM project WHERE name = ? AND region_id "
                                            "= ? AND deleted_at IS NULL ORDER BY id",
                                            {name, region_id}));
  return row ? row->Int(0) : int64_t{0};
}

Result<Project> CreateProject(db::Tx& tx, const Caller& caller, const ProjectInput& input) {
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, nullptr));
  const std::string& name = *c.in.name;
  const std::vector<StageStep> steps = StepsAfter(c.in, {});
  std::string started = c.in.started_on && !c.in.started_on->empty() ? *c.in.started_on : "";
  if (started.empty()) started = steps.empty() ? TodayInChina() : steps.front().on;
  store::Values values = {{"kind", *c.in.kind},
                          {"name", name},
                          {"region_id", c.region->id},
                          {"region_path", c.region->path},
                          {"stage", LastStage(steps)},
                          {"stage_on", LastStageOn(steps)},
                          {"description", c.in.description.value_or("")},
                          {"started_on", started}};
  for (auto& v : store::NameColumns(name)) values.push_back(std::move(v));
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "project", values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kProject, id, {}, {}, name));
  SL_TRY(WriteSteps(tx, id, steps));
  SL_TRY(WriteOwners(tx, id, c.enterprises));
  SL_ASSIGN_OR_RETURN(Project p, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "project", id, "create", Json(), Snapshot(p),
                       p.region.path));
  return p;
}

Result<Project> UpdateProject(db::Tx& tx, const Caller& caller, int64_t id,
                              const ProjectInput& input, bool* changed) {
  SL_ASSIGN_OR_RETURN(Project before, ProjectForWrite(tx, caller, id));
  SL_TRY(store::CheckVersion(input.version, before.version));
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, &before));
  const std::string name = c.in.name.value_or(before.name);
  const std::string kind = c.in.kind.value_or(before.kind);
  const RegionRef region = c.region.value_or(before.region);
  const std::vector<StageStep> steps = StepsAfter(c.in, before.stages);
  const std::string description = c.in.description.value_or(before.description);
  const std::string started =
      c.in.started_on && !c.in.started_on->empty() ? *c.in.started_on : before.started_on;
  const bool same = name == before.name && kind == before.kind && region.id == before.region.id &&
                    SameSteps(steps, before.stages) && description == before.description &&
                    started == before.started_on &&
                    (!c.enterprises || SameOwners(*c.enterprises, before.enterprises));
  if (changed) *changed = !same;
  if (same) return before;
  store::Values values = {{"kind", kind},
                          {"name", name},
                          {"region_id", region.id},
                          {"region_path", region.path},
                          {"stage", LastStage(steps)},
                          {"stage_on", LastStageOn(steps)},
                          {"description", description},
                          {"started_on", started}};
  for (auto& v : store::NameColumns(name)) values.push_back(std::move(v));
  SL_TRY(store::UpdateRecord(tx, "project", id, values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kProject, id, before.name, {}, name));
  SL_TRY(WriteSteps(tx, id, steps));
  SL_TRY(WriteOwners(tx, id, c.enterprises));
  // The values carry the project's place for the figures.
  if (region.id != before.region.id)
    SL_TRY(tx.Exec("UPDATE project_value SET region_path = ? WHERE project_id = ?",
                   {region.path, id}));
  SL_ASSIGN_OR_RETURN(Project after, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "project", id, "update", Snapshot(before),
                       Snapshot(after), after.region.path));
  return after;
}

Status DeleteProject(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Project before, ProjectForWrite(tx, caller, id));
  return store::SoftDelete(tx, caller, "project", "project", id, Snapshot(before),
                           before.region.path);
}

}  // namespace sl::projects
