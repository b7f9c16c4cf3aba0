// Organizations (party committee, branches, chamber, collectives) and their members.

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "registry/registry.hpp"
#include "store/checks.hpp"
#include "store/write.hpp"

namespace sl::registry {

using store::Fields;
using store::Need;

namespace {

// With the members open today, counted in the SELECT list.
store::RecordQuery<Organization> Organizations() {
  const std::string today = TodayInChina();
  return {
      "organization o JOIN region r ON r.id = o.region_id LEFT JOIN organization pa ON pa.id "
      "= o.parent_id",
      store::RowMap<Organization>("o.id, o.kind, o.name, o.parent_id, pa.name, o.founded_on",
                                  &Organization::id, &Organization::kind, &Organization::name,
                                  &Organization::parent, &Organization::founded_on)
          .Add("o.region_id, r.code, r.name, o.region_path", &Organization::region)
          .Stamps("o")
          .Add("(SELECT COUNT(*) FROM org_member m WHERE m.organization_id = o.id AND "
               "m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to > ?)) + (SELECT "
               "COUNT(*) FROM chamber_membership c WHERE c.chamber_id = o.id AND c.joined_on "
               "<= ? AND (c.left_on IS NULL OR c.left_on > ?))",
               &Organization::members),
      {today, today, today, today}};
}

constexpr const char* kOrgOrder = "r.path, o.kind, o.sort_key, o.id";

Result<Organization> Reload(db::Tx& tx, int64_t id) {
  store::Where w;
  w.And("o.id = ?", {id});
  return Organizations().Get(tx, w, "organization_not_found");
}

Status OrgWhere(db::Tx& tx, const Caller& caller, const OrganizationFilter& f, store::Where& w) {
  w.And("o.deleted_at IS NULL");
  w.Scope(caller.view, "o.region_path");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "o.region_path"));
  w.Equals("o.kind", f.kind);
  w.Search(f.q, store::SearchKind::kOrganization, "o");
  return OkStatus();
}

const store::Listing<Organization, OrganizationFilter>& OrganizationList() {
  static const store::Listing<Organization, OrganizationFilter> k{
      [](const OrganizationFilter&) { return Organizations(); }, OrgWhere,
      [](const OrganizationFilter&) { return std::string(kOrgOrder); }};
  return k;
}

struct CheckedOrg {
  OrganizationInput in;
  std::optional<RegionRef> region;
};

Result<CheckedOrg> Check(db::Tx& tx, const Caller& caller, OrganizationInput in,
                         const Organization* existing) {
  Fields errors;
  CheckedOrg c;
  const bool create = existing == nullptr;
  store::CheckChoice(in.kind, OrganizationKinds(), "kind", errors,
                     create ? Need::kRequired : Need::kOptional);
  store::CheckText(in.name, "name", errors, 100, store::RequiredOnCreate(create));
  store::CheckDate(in.founded_on, "founded_on", errors);
  SL_ASSIGN_OR_RETURN(c.region, store::CheckRegion(tx, caller, in.region, "region", errors,
                                                   create ? Need::kRequired : Need::kOptional));
  if (in.parent && *in.parent > 0) {
    if (existing && *in.parent == existing->id) {
      errors.emplace("parent", Text{"organization_parent_self", {}});
    } else {
      auto parent = GetOrganization(tx, caller.view, *in.parent);
      if (!parent.ok()) errors.emplace("parent", Text{"organization_not_found", {}});
    }
  }
  const std::string kind = in.kind.value_or(existing ? existing->kind : "");
  const std::string name = in.name.value_or(existing ? existing->name : "");
  const int64_t region_id = c.region ? c.region->id : existing ? existing->region.id : 0;
  if (errors.empty() && !kind.empty() && !name.empty() && region_id) {
    SL_ASSIGN_OR_RETURN(auto other, FindOrganization(tx, kind, name, region_id));
    if (other && (!existing || *other != existing->id))
      errors.emplace("name", Text{"organization_taken", {}});
  }
  SL_TRY(store::Finish(errors));
  c.in = std::move(in);
  return c;
}

Json Snapshot(const Organization& o) {
  Json j = ToJson(o);
  j.erase("members");
  return j;
}

}  // namespace

Result<Organization> GetOrganization(db::Tx& tx, const Scope& view, int64_t id) {
  store::Where w;
  w.And("o.id = ? AND o.deleted_at IS NULL", {id});
  w.Scope(view, "o.region_path");
  return Organizations().Get(tx, w, "organization_not_found");
}

Result<Paged<Organization>> ListOrganizations(db::Tx& tx, const Caller& caller,
                                              const OrganizationFilter& f, const Page& page) {
  return OrganizationList().Page(tx, caller, f, page);
}

Status ForEachOrganization(db::Tx& tx, const Caller& caller, const OrganizationFilter& f,
                           const std::function<Status(const Organization&)>& fn) {
  return OrganizationList().ForEach(tx, caller, f, fn);
}

Result<Organization> CreateOrganization(db::Tx& tx, const Caller& caller,
                                        const OrganizationInput& input) {
  SL_ASSIGN_OR_RETURN(CheckedOrg c, Check(tx, caller, input, nullptr));
  const std::string& name = *c.in.name;
  store::Values values = {{"kind", *c.in.kind},
                          {"name", name},
                          {"region_id", c.region->id},
                          {"region_path", c.region->path},
                          {"parent_id", store::IdOrKept(c.in.parent, std::nullopt)},
                          {"founded_on", store::OrNull(c.in.founded_on)}};
  for (auto& v : store::NameColumns(name)) values.push_back(std::move(v));
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "organization", values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kOrganization, id, {}, {}, name));
  SL_ASSIGN_OR_RETURN(Organization o, Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "organization", id, "create", Json(),
                       Snapshot(o), o.region.path));
  return o;
}

Result<Organization> UpdateOrganization(db::Tx& tx, const Caller& caller, int64_t id,
                                        const OrganizationInput& input, bool* changed) {
  SL_ASSIGN_OR_RETURN(Organization before, GetOrganization(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  SL_TRY(store::CheckVersion(input.version, before.version));
  SL_ASSIGN_OR_RETURN(CheckedOrg c, Check(tx, caller, input, &before));
  const int64_t old_parent = before.parent ? before.parent->id : 0;
  const bool unchanged = (!c.in.kind || *c.in.kind == before.kind) &&
                         (!c.in.name || *c.in.name == before.name) &&
                         (!c.region || c.region->id == before.region.id) &&
                         (!c.in.parent || *c.in.parent == old_parent) &&
                         (!c.in.founded_on || *c.in.founded_on == before.founded_on.value_or(""));
  if (changed) *changed = !unchanged;
  if (unchanged) return before;
  const std::string name = c.in.name.value_or(before.name);
  const RegionRef region = c.region.value_or(before.region);
  store::Values values = {
      {"kind", c.in.kind.value_or(before.kind)},
      {"name", name},
      {"region_id", region.id},
      {"region_path", region.path},
      {"parent_id", store::IdOrKept(c.in.parent, before.parent)},
      {"founded_on", store::OrNull(c.in.founded_on ? c.in.founded_on : before.founded_on)}};
  for (auto& v : store::NameColumns(name)) values.push_back(std::move(v));
  SL_TRY(store::UpdateRecord(tx, "organization", id, values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kOrganization, id, before.name, {}, name));
  SL_ASSIGN_OR_RETURN(Organization after, Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "organization", id, "update", Snapshot(before),
                       Snapshot(after), after.region.path));
  return after;
}

Status DeleteOrganization(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Organization before, GetOrganization(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  return store::SoftDelete(tx, caller, "organization", "organization", id, Snapshot(before),
                           before.region.path);
}

Result<std::optional<int64_t>> FindOrganization(db::Tx& tx, const std::string& kind,
                                                const std::string& name, int64_t region_id) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM organization WHERE kind = ? AND name = "
                                            "? AND region_id = ? AND deleted_at IS NULL",
                                            {kind, name, region_id}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

// Members --------------------------------------------------------------------

namespace {
constexpr const char* kMemberSelect =
    "SELECT m.id, o.id, o.name, o.kind, p.id, p.name, m.post, m.valid_from, m.valid_to, "
    "o.region_path FROM org_member m JOIN organization o ON o.id = m.organization_id JOIN person "
    "p ON p.id = m.person_id ";

OrgMember MemberFromRow(const db::Row& r) {
  return OrgMember{r.Int(0),    Ref{r.Int(1), r.Str(2)},
                   r.Str(3),    Ref{r.Int(4), r.Str(5)},
                   r.Str(6),    r.Str(7),
                   r.OptStr(8), r.Str(9)};
}

Result<OrgMember> LoadMember(db::Tx& tx, const Scope& view, int64_t id) {
  store::Where w;
  w.And("m.id = ? AND o.deleted_at IS NULL", {id});
  w.Scope(view, "o.region_path");
  SL_ASSIGN_OR_RETURN(auto row,
                      tx.QueryOne(std::string(kMemberSelect) + "WHERE " + w.sql, w.params));
  if (!row) return Error::NotFound("member_not_found");
  return MemberFromRow(*row);
}
}  // namespace

Result<std::vector<OrgMember>> ListOrgMembers(db::Tx& tx, const Scope& view, int64_t org_id,
                                              const std::string& date) {
  SL_ASSIGN_OR_RETURN(Organization o, GetOrganization(tx, view, org_id));
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kMemberSelect) +
                                              "WHERE m.organization_id = ? AND m.valid_from <= ? "
                                              "AND (m.valid_to IS NULL OR m.valid_to > ?) ORDER BY "
                                              "m.post, p.sort_key",
                                          {o.id, date, date}));
  std::vector<OrgMember> out;
  for (const auto& r : rows) out.push_back(MemberFromRow(r));
  return out;
}

Result<OrgMember> AddOrgMember(db::Tx& tx, const Caller& caller, int64_t org_id,
                               const OrgMemberInput& input) {
  SL_ASSIGN_OR_RETURN(Organization o, GetOrganization(tx, caller.view, org_id));
  SL_TRY(store::CheckCapture(caller, o.region.path));
  OrgMemberInput in = input;
  Fields errors;
  store::CheckChoice(in.post, MemberPosts(), "post", errors, Need::kRequired);
  store::CheckDate(in.valid_from, "valid_from", errors, Need::kRequired);
  store::CheckDate(in.valid_to, "valid_to", errors);
  if (!in.person || *in.person <= 0) {
    errors.emplace("person", Text{"field_required", {}});
  } else {
    auto person = GetPerson(tx, caller.view, *in.person);
    if (!person.ok()) errors.emplace("person", Text{"person_not_found", {}});
  }
  if (errors.empty()) {
    SL_ASSIGN_OR_RETURN(auto open,
                        tx.QueryOne("SELECT id FROM org_member WHERE organization_id = ? "
                                    "AND person_id = ? AND valid_to IS NULL",
                                    {org_id, *in.person}));
    if (open) errors.emplace("person", Text{"member_already", {}});
  }
  SL_TRY(store::Finish(errors));
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId("INSERT INTO org_member (organization_id, person_id, post, "
                  "valid_from, valid_to) VALUES (?, ?, ?, ?, ?) RETURNING id",
                  {org_id, *in.person, *in.post, *in.valid_from, store::OrNull(in.valid_to)}));
  SL_ASSIGN_OR_RETURN(OrgMember m, LoadMember(tx, caller.view, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "organization", org_id, "add_member", Json(),
                       ToJson(m), o.region.path));
  return m;
}

Result<OrgMember> UpdateOrgMember(db::Tx& tx, const Caller& caller, int64_t member_id,
                                  const OrgMemberInput& input) {
  SL_ASSIGN_OR_RETURN(OrgMember before, LoadMember(tx, caller.view, member_id));
  SL_TRY(store::CheckCapture(caller, before.region_path));
  OrgMemberInput in = input;
  Fields errors;
  store::CheckChoice(in.post, MemberPosts(), "post", errors);
  store::CheckDate(in.valid_to, "valid_to", errors);
  if (in.valid_to && !in.valid_to->empty() && *in.valid_to <= before.valid_from)
    errors.emplace("valid_to", Text{"field_date_order", {}});
  SL_TRY(store::Finish(errors));
  SL_TRY(tx.Exec("UPDATE org_member SET post = ?, valid_to = ? WHERE id = ?",
                 {in.post && !in.post->empty() ? *in.post : before.post,
                  store::OrNull(in.valid_to ? in.valid_to : before.valid_to), member_id}));
  SL_ASSIGN_OR_RETURN(OrgMember after, LoadMember(tx, caller.view, member_id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "organization", before.organization.id,
                       "update_member", ToJson(before), ToJson(after), before.region_path));
  return after;
}

Status DeleteOrgMember(db::Tx& tx, const Caller& caller, int64_t member_id) {
  SL_ASSIGN_OR_RETURN(OrgMember before, LoadMember(tx, caller.view, member_id));
  SL_TRY(store::CheckCapture(caller, before.region_path));
  SL_TRY(tx.Exec("DELETE FROM org_member WHERE id = ?", {member_id}));
  return audit::Record(tx, audit::ActorOf(caller), "organization", before.organization.id,
                       "delete_member", ToJson(before), Json(), before.region_path);
}

}  // namespace sl::registry
