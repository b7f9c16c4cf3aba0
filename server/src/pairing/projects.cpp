// Projects: level 4's targets (the projects feature adds their indicators).

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "pairing/pairing.hpp"
#include "registry/common.hpp"
#include "registry/search_index.hpp"
#include "text/text.hpp"

namespace sl::pairing {

namespace internal = registry::internal;
using internal::Fields;

namespace {

constexpr const char* kColumns =
    "j.id, j.kind, j.name, j.region_id, r.code, r.name, j.region_path, j.stage, "
    "j.intended_investment_fen, j.created_at, j.updated_at, j.version, j.started_on";
constexpr const char* kFrom = "project j JOIN region r ON r.id = j.region_id";

Project FromRow(const db::Row& r) {
  Project p;
  p.id = r.Int(0);
  p.kind = r.Str(1);
  p.name = r.Str(2);
  p.region = registry::RegionRef{r.Int(3), r.Str(4), r.Str(5), r.Str(6)};
  p.stage = r.OptStr(7);
  p.intended_investment_fen = r.OptInt(8);
  p.created_at = r.Str(9);
  p.updated_at = r.Str(10);
  p.version = r.Int(11);
  p.started_on = r.Str(12);
  return p;
}

Result<Project> Load(db::Tx& tx, const Scope& view, int64_t id) {
  internal::Where w;
  w.And("j.id = ? AND j.deleted_at IS NULL", {id});
  w.Scope(view, "j.region_path");
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kColumns + " FROM " + kFrom +
                                                " WHERE " + w.sql,
                                            w.params));
  if (!row) return Error::NotFound("project_not_found");
  return FromRow(*row);
}

struct Checked {
  ProjectInput in;
  std::optional<registry::RegionRef> region;
};

Result<Checked> Check(db::Tx& tx, const Caller& caller, ProjectInput in, bool create) {
  Fields errors;
  Checked c;
  internal::CheckChoice(in.kind, ProjectKinds(), "kind", errors, create);
  internal::CheckText(in.name, "name", errors, 100, create);
  if (!create && in.name && in.name->empty()) errors.emplace("name", Text{"field_required", {}});
  internal::CheckChoice(in.stage, ProjectStages(), "stage", errors);
  internal::CheckDate(in.started_on, "started_on", errors);
  if (in.intended_investment_fen && *in.intended_investment_fen < 0)
    errors.emplace("intended_investment_fen", Text{"field_not_negative", {}});
  if (create && (!in.region || in.region->empty()))
    errors.emplace("region", Text{"field_required", {}});
  if (in.region && !in.region->empty()) {
    SL_ASSIGN_OR_RETURN(c.region,
                        internal::RegionForWrite(tx, caller, *in.region, "region", errors));
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  c.in = std::move(in);
  return c;
}

}  // namespace

Result<Project> GetProject(db::Tx& tx, const Scope& view, int64_t id) { return Load(tx, view, id); }

Result<Json> ListProjects(db::Tx& tx, const Caller& caller, const ProjectFilter& f,
                          const Page& page) {
  internal::Where w;
  w.And("j.deleted_at IS NULL");
  w.Scope(caller.view, "j.region_path");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "j.region_path"));
  if (!f.kind.empty()) {
    if (!registry::IsChoice(ProjectKinds(), f.kind))
      return Error::BadRequest("bad_query", {"kind"});
    w.And("j.kind = ?", {f.kind});
  }
  w.Search(f.q, internal::SearchKind::kProject, "j");
  SL_ASSIGN_OR_RETURN(auto found,
                      internal::PageRows(tx, kColumns, kFrom, w, "j.sort_key, j.id", page));
  Json items = Json::array();
  for (const auto& r : found.first) items.push_back(ToJson(FromRow(r)));
  return Json{{"items", std::move(items)}, {"total", found.second}};
}

Result<Project> CreateProject(db::Tx& tx, const Caller& caller, const ProjectInput& input) {
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, true));
  const std::string now = internal::Now();
  const std::string& name = *c.in.name;
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId(
          "INSERT INTO project (kind, name, region_id, region_path, stage, "
          "intended_investment_fen, started_on, search_text, sort_key, created_at, "
          "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
          {*c.in.kind, name, c.region->id, c.region->path, internal::OrNull(c.in.stage),
           c.in.intended_investment_fen ? db::Value(*c.in.intended_investment_fen) : db::Value(),
           c.in.started_on && !c.in.started_on->empty() ? *c.in.started_on : TodayInChina(),
           internal::SearchTextOf(name), text::SortKey(name), now, now}));
  SL_TRY(
      internal::IndexTokens(tx, internal::SearchKind::kProject, id, {}, internal::TokensOf(name)));
  SL_ASSIGN_OR_RETURN(Project p, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "project", id, "create", Json(), ToJson(p),
                       p.region.path));
  return p;
}

Result<Project> UpdateProject(db::Tx& tx, const Caller& caller, int64_t id,
                              const ProjectInput& input) {
  SL_ASSIGN_OR_RETURN(Project before, Load(tx, caller.view, id));
  SL_TRY(internal::CheckCapture(caller, before.region.path));
  if (input.version && *input.version != before.version) return Error::Conflict("version_conflict");
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, false));
  const std::string name = c.in.name.value_or(before.name);
  const registry::RegionRef region = c.region.value_or(before.region);
  std::optional<std::string> stage = before.stage;
  if (c.in.stage) stage = c.in.stage->empty() ? std::nullopt : c.in.stage;
  const std::optional<int64_t> investment =
      c.in.intended_investment_fen ? c.in.intended_investment_fen : before.intended_investment_fen;
  SL_TRY(tx.Exec(
      "UPDATE project SET kind = ?, name = ?, region_id = ?, region_path = ?, stage = ?, "
      "intended_investment_fen = ?, started_on = ?, search_text = ?, sort_key = ?, updated_at = "
      "?, version = version + 1 WHERE id = ?",
      {c.in.kind.value_or(before.kind), name, region.id, region.path, internal::OrNull(stage),
       investment ? db::Value(*investment) : db::Value(),
       c.in.started_on && !c.in.started_on->empty() ? *c.in.started_on : before.started_on,
       internal::SearchTextOf(name), text::SortKey(name), internal::Now(), id}));
  SL_TRY(internal::IndexTokens(tx, internal::SearchKind::kProject, id,
                               internal::TokensOf(before.name), internal::TokensOf(name)));
  SL_ASSIGN_OR_RETURN(Project after, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "project", id, "update", ToJson(before),
                       ToJson(after), after.region.path));
  return after;
}

Status DeleteProject(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Project before, Load(tx, caller.view, id));
  SL_TRY(internal::CheckCapture(caller, before.region.path));
  SL_TRY(
      tx.Exec("UPDATE project SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE "
              "id = ?",
              {internal::Now(), internal::Now(), id}));
  return audit::Record(tx, audit::ActorOf(caller), "project", id, "delete", ToJson(before), Json(),
                       before.region.path);
}

}  // namespace sl::pairing
