// Projects: level 4's targets (the projects feature adds their indicators).

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "pairing/pairing.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"
#include "text/text.hpp"

namespace sl::pairing {

using store::Fields;
using store::Need;

namespace {

const store::RecordQuery<Project>& Projects() {
  static const store::RecordQuery<Project> k{
      "project j JOIN region r ON r.id = j.region_id",
      store::RowMap<Project>("j.id, j.kind, j.name, j.stage, j.intended_investment_fen",
                             &Project::id, &Project::kind, &Project::name, &Project::stage,
                             &Project::intended_investment_fen)
          .Add("j.region_id, r.code, r.name, j.region_path, j.started_on", &Project::region,
               &Project::started_on)
          .Stamps("j")};
  return k;
}

Result<Project> Load(db::Tx& tx, const Scope& view, int64_t id) {
  store::Where w;
  w.And("j.id = ? AND j.deleted_at IS NULL", {id});
  w.Scope(view, "j.region_path");
  return Projects().Get(tx, w, "project_not_found");
}

struct Checked {
  ProjectInput in;
  std::optional<registry::RegionRef> region;
};

Result<Checked> Check(db::Tx& tx, const Caller& caller, ProjectInput in, bool create) {
  Fields errors;
  Checked c;
  const Need needed = create ? Need::kRequired : Need::kOptional;
  store::CheckChoice(in.kind, ProjectKinds(), "kind", errors, needed);
  store::CheckText(in.name, "name", errors, 100, store::RequiredOnCreate(create));
  store::CheckChoice(in.stage, ProjectStages(), "stage", errors);
  store::CheckDate(in.started_on, "started_on", errors);
  store::CheckNotNegative(in.intended_investment_fen, "intended_investment_fen", errors);
  SL_ASSIGN_OR_RETURN(c.region,
                      store::CheckRegion(tx, caller, in.region, "region", errors, needed));
  SL_TRY(store::Finish(errors));
  c.in = std::move(in);
  return c;
}

}  // namespace

Result<Project> GetProject(db::Tx& tx, const Scope& view, int64_t id) { return Load(tx, view, id); }

Result<Paged<Project>> ListProjects(db::Tx& tx, const Caller& caller, const ProjectFilter& f,
                                    const Page& page) {
  store::Where w;
  w.And("j.deleted_at IS NULL");
  w.Scope(caller.view, "j.region_path");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "j.region_path"));
  w.Equals("j.kind", f.kind);
  w.Search(f.q, store::SearchKind::kProject, "j");
  return Projects().List(tx, w, "j.sort_key, j.id", page);
}

Result<Project> CreateProject(db::Tx& tx, const Caller& caller, const ProjectInput& input) {
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, true));
  const std::string& name = *c.in.name;
  store::Values values = {
      {"kind", *c.in.kind},
      {"name", name},
      {"region_id", c.region->id},
      {"region_path", c.region->path},
      {"stage", store::OrNull(c.in.stage)},
      {"intended_investment_fen", store::OrNull(c.in.intended_investment_fen)},
      {"started_on",
       c.in.started_on && !c.in.started_on->empty() ? *c.in.started_on : TodayInChina()}};
  for (auto& v : store::NameColumns(name)) values.push_back(std::move(v));
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "project", values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kProject, id, {}, {}, name));
  SL_ASSIGN_OR_RETURN(Project p, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "project", id, "create", Json(), ToJson(p),
                       p.region.path));
  return p;
}

Result<Project> UpdateProject(db::Tx& tx, const Caller& caller, int64_t id,
                              const ProjectInput& input) {
  SL_ASSIGN_OR_RETURN(Project before, Load(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  SL_TRY(store::CheckVersion(input.version, before.version));
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, false));
  const std::string name = c.in.name.value_or(before.name);
  const RegionRef region = c.region.value_or(before.region);
  std::optional<std::string> stage = before.stage;
  if (c.in.stage) stage = c.in.stage->empty() ? std::nullopt : c.in.stage;
  store::Values values = {
      {"kind", c.in.kind.value_or(before.kind)},
      {"name", name},
      {"region_id", region.id},
      {"region_path", region.path},
      {"stage", store::OrNull(stage)},
      {"intended_investment_fen",
       store::OrNull(c.in.intended_investment_fen ? c.in.intended_investment_fen
                                                  : before.intended_investment_fen)},
      {"started_on",
       c.in.started_on && !c.in.started_on->empty() ? *c.in.started_on : before.started_on}};
  for (auto& v : store::NameColumns(name)) values.push_back(std::move(v));
  SL_TRY(store::UpdateRecord(tx, "project", id, values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kProject, id, before.name, {}, name));
  SL_ASSIGN_OR_RETURN(Project after, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "project", id, "update", ToJson(before),
                       ToJson(after), after.region.path));
  return after;
}

Status DeleteProject(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Project before, Load(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  return store::SoftDelete(tx, caller, "project", "project", id, ToJson(before),
                           before.region.path);
}

}  // namespace sl::pairing
