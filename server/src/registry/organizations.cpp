// Organizations (party committee, branches, chamber, collectives) and their members.

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "registry/common.hpp"
#include "registry/registry.hpp"
#include "text/text.hpp"

namespace sl::registry {

using internal::Fields;

namespace {

constexpr const char* kOrgColumns =
    "o.id, o.kind, o.name, o.region_id, r.code, r.name, o.region_path, o.parent_id, pa.name, "
    "o.founded_on, o.created_at, o.updated_at, o.version, "
    "(SELECT COUNT(*) FROM org_member m WHERE m.organization_id = o.id AND m.valid_from <= ? AND "
    "(m.valid_to IS NULL OR m.valid_to > ?)) + (SELECT COUNT(*) FROM chamber_membership c WHERE "
    "c.chamber_id = o.id AND c.joined_on <= ? AND (c.left_on IS NULL OR c.left_on > ?))";
constexpr const char* kOrgFrom =
    "organization o JOIN region r ON r.id = o.region_id LEFT JOIN organization pa ON pa.id = "
    "o.parent_id";

Organization OrgFromRow(const db::Row& r) {
  Organization o;
  o.id = r.Int(0);
  o.kind = r.Str(1);
  o.name = r.Str(2);
  o.region = RegionRef{r.Int(3), r.Str(4), r.Str(5), r.Str(6)};
  if (!r.IsNull(7)) o.parent = Ref{r.Int(7), r.Str(8)};
  o.founded_on = r.OptStr(9);
  o.created_at = r.Str(10);
  o.updated_at = r.Str(11);
  o.version = r.Int(12);
  o.members = r.Int(13);
  return o;
}

// The member count in the SELECT list takes today's date four times, first.
db::Params WithToday(const db::Params& rest) {
  const std::string today = TodayInChina();
  db::Params p{today, today, today, today};
  p.insert(p.end(), rest.begin(), rest.end());
  return p;
}

Result<Organization> Reload(db::Tx& tx, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kOrgColumns + " FROM " +
                                                kOrgFrom + " WHERE o.id = ?",
                                            WithToday({id})));
  if (!row) return Error::Internal("organization vanished");
  return OrgFromRow(*row);
}

Status OrgWhere(db::Tx& tx, const Caller& caller, const OrganizationFilter& f, internal::Where& w) {
  w.And("o.deleted_at IS NULL");
  w.Scope(caller.view, "o.region_path");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "o.region_path"));
  if (!f.kind.empty()) {
    if (!IsChoice(OrganizationKinds(), f.kind)) return Error::BadRequest("bad_query", {"kind"});
    w.And("o.kind = ?", {f.kind});
  }
  w.Search(f.q, internal::SearchKind::kOrganization, "o");
  return OkStatus();
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
  internal::CheckChoice(in.kind, OrganizationKinds(), "kind", errors, create);
  internal::CheckText(in.name, "name", errors, 100, create);
  if (!create && in.name && in.name->empty()) errors.emplace("name", Text{"field_required", {}});
  internal::CheckDate(in.founded_on, "founded_on", errors);
  if (create && (!in.region || in.region->empty()))
    errors.emplace("region", Text{"field_required", {}});
  if (in.region && !in.region->empty()) {
    SL_ASSIGN_OR_RETURN(c.region,
                        internal::RegionForWrite(tx, caller, *in.region, "region", errors));
  }
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
  if (!errors.empty()) return Error::Invalid(std::move(errors));
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
  internal::Where w;
  w.And("o.id = ? AND o.deleted_at IS NULL", {id});
  w.Scope(view, "o.region_path");
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kOrgColumns + " FROM " +
                                                kOrgFrom + " WHERE " + w.sql,
                                            WithToday(w.params)));
  if (!row) return Error::NotFound("organization_not_found");
  return OrgFromRow(*row);
}

Result<Json> ListOrganizations(db::Tx& tx, const Caller& caller, const OrganizationFilter& f,
                               const Page& page) {
  internal::Where w;
  SL_TRY(OrgWhere(tx, caller, f, w));
  // The WHERE parameters come after the SELECT list's dates.
  internal::Where shifted = w;
  shifted.params = WithToday(w.params);
  SL_ASSIGN_OR_RETURN(
      auto count,
      tx.QueryOne(std::string("SELECT COUNT(*) FROM ") + kOrgFrom + " WHERE " + w.sql, w.params));
  db::Params params = shifted.params;
  params.emplace_back(page.size);
  params.emplace_back(page.offset());
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kOrgColumns + " FROM " +
                                              kOrgFrom + " WHERE " + w.sql +
                                              " ORDER BY r.path, o.kind, o.sort_key, o.id LIMIT ? "
                                              "OFFSET ?",
                                          params));
  Json items = Json::array();
  for (const auto& r : rows) items.push_back(ToJson(OrgFromRow(r)));
  return Json{{"items", std::move(items)}, {"total", count ? count->Int(0) : 0}};
}

Status ForEachOrganization(db::Tx& tx, const Caller& caller, const OrganizationFilter& f,
                           const std::function<Status(const Organization&)>& fn) {
  internal::Where w;
  SL_TRY(OrgWhere(tx, caller, f, w));
  return tx.ForEach(std::string("SELECT ") + kOrgColumns + " FROM " + kOrgFrom + " WHERE " + w.sql +
                        " ORDER BY r.path, o.kind, o.sort_key, o.id",
                    WithToday(w.params), [&](const db::Row& r) { return fn(OrgFromRow(r)); });
}

Result<Organization> CreateOrganization(db::Tx& tx, const Caller& caller,
                                        const OrganizationInput& input) {
  SL_ASSIGN_OR_RETURN(CheckedOrg c, Check(tx, caller, input, nullptr));
  const std::string now = internal::Now();
  const std::string& name = *c.in.name;
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId("INSERT INTO organization (kind, name, region_id, region_path, parent_id, "
                  "founded_on, search_text, sort_key, created_at, updated_at, version) VALUES (?, "
                  "?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
                  {*c.in.kind, name, c.region->id, c.region->path,
                   c.in.parent && *c.in.parent > 0 ? db::Value(*c.in.parent) : db::Value(),
                   internal::OrNull(c.in.founded_on), text::SearchText(name), text::SortKey(name),
                   now, now}));
  SL_TRY(internal::IndexTokens(tx, internal::SearchKind::kOrganization, id, {},
                               internal::TokensOf(name)));
  SL_ASSIGN_OR_RETURN(Organization o, Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "organization", id, "create", Json(),
                       Snapshot(o), o.region.path));
  return o;
}

Result<Organization> UpdateOrganization(db::Tx& tx, const Caller& caller, int64_t id,
                                        const OrganizationInput& input, bool* changed) {
  SL_ASSIGN_OR_RETURN(Organization before, GetOrganization(tx, caller.view, id));
  SL_TRY(internal::CheckCapture(caller, before.region.path));
  if (input.version && *input.version != before.version) return Error::Conflict("version_conflict");
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
  db::Value parent = before.parent ? db::Value(before.parent->id) : db::Value();
  if (c.in.parent) parent = *c.in.parent > 0 ? db::Value(*c.in.parent) : db::Value();
  SL_TRY(tx.Exec(
      "UPDATE organization SET kind = ?, name = ?, region_id = ?, region_path = ?, parent_id = ?, "
      "founded_on = ?, search_text = ?, sort_key = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ?",
      {c.in.kind.value_or(before.kind), name, region.id, region.path, parent,
       c.in.founded_on ? internal::OrNull(c.in.founded_on) : internal::OrNull(before.founded_on),
       text::SearchText(name), text::SortKey(name), internal::Now(), id}));
  SL_TRY(internal::IndexTokens(tx, internal::SearchKind::kOrganization, id,
                               internal::TokensOf(before.name), internal::TokensOf(name)));
  SL_ASSIGN_OR_RETURN(Organization after, Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "organization", id, "update", Snapshot(before),
                       Snapshot(after), after.region.path));
  return after;
}

Status DeleteOrganization(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Organization before, GetOrganization(tx, caller.view, id));
  SL_TRY(internal::CheckCapture(caller, before.region.path));
  SL_TRY(
      tx.Exec("UPDATE organization SET deleted_at = ?, updated_at = ?, version = version + 1 "
              "WHERE id = ?",
              {internal::Now(), internal::Now(), id}));
  return audit::Record(tx, audit::ActorOf(caller), "organization", id, "delete", Snapshot(before),
                       Json(), before.region.path);
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
  internal::Where w;
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
  SL_TRY(internal::CheckCapture(caller, o.region.path));
  OrgMemberInput in = input;
  Fields errors;
  internal::CheckChoice(in.post, MemberPosts(), "post", errors, true);
  internal::CheckDate(in.valid_from, "valid_from", errors, true);
  internal::CheckDate(in.valid_to, "valid_to", errors);
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
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId("INSERT INTO org_member (organization_id, person_id, post, "
                  "valid_from, valid_to) VALUES (?, ?, ?, ?, ?) RETURNING id",
                  {org_id, *in.person, *in.post, *in.valid_from, internal::OrNull(in.valid_to)}));
  SL_ASSIGN_OR_RETURN(OrgMember m, LoadMember(tx, caller.view, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "organization", org_id, "add_member", Json(),
                       ToJson(m), o.region.path));
  return m;
}

Result<OrgMember> UpdateOrgMember(db::Tx& tx, const Caller& caller, int64_t member_id,
                                  const OrgMemberInput& input) {
  SL_ASSIGN_OR_RETURN(OrgMember before, LoadMember(tx, caller.view, member_id));
  SL_TRY(internal::CheckCapture(caller, before.region_path));
  OrgMemberInput in = input;
  Fields errors;
  internal::CheckChoice(in.post, MemberPosts(), "post", errors);
  internal::CheckDate(in.valid_to, "valid_to", errors);
  if (in.valid_to && !in.valid_to->empty() && *in.valid_to <= before.valid_from)
    errors.emplace("valid_to", Text{"field_date_order", {}});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  SL_TRY(tx.Exec("UPDATE org_member SET post = ?, valid_to = ? WHERE id = ?",
                 {in.post && !in.post->empty() ? *in.post : before.post,
                  in.valid_to ? internal::OrNull(in.valid_to) : internal::OrNull(before.valid_to),
                  member_id}));
  SL_ASSIGN_OR_RETURN(OrgMember after, LoadMember(tx, caller.view, member_id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "organization", before.organization.id,
                       "update_member", ToJson(before), ToJson(after), before.region_path));
  return after;
}

Status DeleteOrgMember(db::Tx& tx, const Caller& caller, int64_t member_id) {
  SL_ASSIGN_OR_RETURN(OrgMember before, LoadMember(tx, caller.view, member_id));
  SL_TRY(internal::CheckCapture(caller, before.region_path));
  SL_TRY(tx.Exec("DELETE FROM org_member WHERE id = ?", {member_id}));
  return audit::Record(tx, audit::ActorOf(caller), "organization", before.organization.id,
                       "delete_member", ToJson(before), Json(), before.region_path);
}

}  // namespace sl::registry
