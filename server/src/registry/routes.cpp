// Handlers of the registry: parse the request, call one operation in one
// transaction, serialize.

#include "core/date.hpp"
#include "registry/common.hpp"
#include "registry/registry.hpp"

namespace sl::registry {

namespace {

using internal::PathId;
using internal::Q;
using internal::QueryId;
using internal::Read;
using internal::Remove;
using internal::Write;

// Optional id fields: a number, or null to clear (read as 0).
std::optional<int64_t> IdField(const Json& body, FieldReader& in, const char* name) {
  if (!body.contains(name)) return std::nullopt;
  if (body.at(name).is_null()) {
    (void)in.NullableStr(name);
    return int64_t{0};
  }
  return in.Int(name, false);
}

Result<PersonInput> ReadPerson(const Json& body, bool create) {
  FieldReader in(body);
  PersonInput p;
  p.name = in.Str("name", false, 50);
  p.gender = in.NullableStr("gender");
  p.birth_date = in.NullableStr("birth_date");
  p.phone = in.NullableStr("phone", 30);
  p.id_card = in.NullableStr("id_card", 30);
  p.region = in.Str("region", false, 20);
  p.notes = in.NullableStr("notes", 500);
  p.tags = in.StrList("tags", false);
  p.tags_since = in.NullableStr("tags_since");
  if (create) {
    if (auto stage = in.Object("party_stage", false)) {
      FieldReader st(*stage);
      p.stage = st.Str("stage", true);
      p.stage_since = st.Str("since", true);
      if (!st.Finish().ok()) in.Fail("party_stage", {"party_stage_form", {}});
    }
  }
  p.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return p;
}

Result<PostInput> ReadPost(const Json& body) {
  FieldReader in(body);
  PostInput p;
  p.kind = in.Str("kind", false);
  p.region = in.Str("region", false, 20);
  p.title = in.NullableStr("title", 50);
  p.valid_from = in.Str("valid_from", false);
  p.valid_to = in.NullableStr("valid_to");
  p.leadership_team = in.Bool("leadership_team", false);
  p.industry = in.NullableStr("industry", 40);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return p;
}

Result<OrganizationInput> ReadOrganization(const Json& body, bool create) {
  FieldReader in(body);
  OrganizationInput o;
  o.kind = in.Str("kind", false);
  o.name = in.Str("name", false, 100);
  o.region = in.Str("region", false, 20);
  o.founded_on = in.NullableStr("founded_on");
  o.parent = IdField(body, in, "parent");
  o.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return o;
}

Result<OrgMemberInput> ReadOrgMember(const Json& body) {
  FieldReader in(body);
  OrgMemberInput m;
  m.person = in.Int("person", false);
  m.post = in.Str("post", false);
  m.valid_from = in.Str("valid_from", false);
  m.valid_to = in.NullableStr("valid_to");
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return m;
}

Result<EnterpriseInput> ReadEnterprise(const Json& body, bool create) {
  FieldReader in(body);
  EnterpriseInput e;
  e.name = in.Str("name", false, 100);
  e.uscc = in.Str("uscc", false, 30);
  e.industry = in.Str("industry", false);
  e.region = in.Str("region", false, 20);
  e.founded_on = in.NullableStr("founded_on");
  e.legal_representative = IdField(body, in, "legal_representative");
  e.registered_capital_fen = in.Int("registered_capital_fen", false);
  e.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return e;
}

Result<MembershipInput> ReadMembership(const Json& body, bool create) {
  FieldReader in(body);
  MembershipInput m;
  m.chamber = create ? in.Int("chamber", false) : std::nullopt;
  m.person = create ? in.Int("person", false) : std::nullopt;
  m.enterprise = IdField(body, in, "enterprise");
  m.post = in.Str("post", false);
  m.joined_on = in.Str("joined_on", false);
  m.left_on = in.NullableStr("left_on");
  m.dues_status = in.Str("dues_status", false);
  m.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return m;
}

}  // namespace

// People -----------------------------------------------------------------------

Result<Response> HandlePeopleList(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(r));
  PersonFilter f{Q(r, "q"),           Q(r, "region"), Q(r, "tag"), Q(r, "post"),
                 Q(r, "party_stage"), Q(r, "sort"),   Q(r, "date")};
  return Read(db, [&](db::Tx& tx) { return ListPeople(tx, *r.caller, f, page); });
}

Result<Response> HandlePersonCreate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(PersonInput in, ReadPerson(body, true));
  return Write(db, 201, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Person p, CreatePerson(tx, *r.caller, in));
    return ToJson(p, r.caller->Can(kPeoplePhone));
  });
}

Result<Response> HandlePersonGet(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "person_not_found"));
  return Read(db, [&](db::Tx& tx) { return PersonDetail(tx, *r.caller, id); });
}

Result<Response> HandlePersonUpdate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "person_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(PersonInput in, ReadPerson(body, false));
  return Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Person p, UpdatePerson(tx, *r.caller, id, in));
    return ToJson(p, r.caller->Can(kPeoplePhone));
  });
}

Result<Response> HandlePersonDelete(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "person_not_found"));
  return Remove(db, [&](db::Tx& tx) { return DeletePerson(tx, *r.caller, id); });
}

Result<Response> HandlePostCreate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "person_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(PostInput in, ReadPost(body));
  return Write(db, 201, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Post p, AddPost(tx, *r.caller, id, in));
    return ToJson(p);
  });
}

Result<Response> HandlePostUpdate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "post_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(PostInput in, ReadPost(body));
  return Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Post p, UpdatePost(tx, *r.caller, id, in));
    return ToJson(p);
  });
}

Result<Response> HandlePostDelete(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "post_not_found"));
  return Remove(db, [&](db::Tx& tx) { return DeletePost(tx, *r.caller, id); });
}

Result<Response> HandlePartyStage(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "person_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  FieldReader in(body);
  StageInput s;
  s.stage = in.Str("stage", true).value_or("");
  s.since = in.Str("since", true).value_or("");
  s.organization = in.Int("organization", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return Write(db, 201, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Person p, ChangePartyStage(tx, *r.caller, id, s));
    return ToJson(p, r.caller->Can(kPeoplePhone));
  });
}

// Organizations --------------------------------------------------------------

Result<Response> HandleOrganizationsList(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(r));
  OrganizationFilter f{Q(r, "q"), Q(r, "region"), Q(r, "kind")};
  return Read(db, [&](db::Tx& tx) { return ListOrganizations(tx, *r.caller, f, page); });
}

Result<Response> HandleOrganizationCreate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(OrganizationInput in, ReadOrganization(body, true));
  return Write(db, 201, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Organization o, CreateOrganization(tx, *r.caller, in));
    return ToJson(o);
  });
}

Result<Response> HandleOrganizationGet(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "organization_not_found"));
  return Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Organization o, GetOrganization(tx, r.caller->view, id));
    SL_ASSIGN_OR_RETURN(auto members, ListOrgMembers(tx, r.caller->view, id, TodayInChina()));
    Json j = ToJson(o);
    Json list = Json::array();
    for (const auto& m : members) list.push_back(ToJson(m));
    j["member_list"] = std::move(list);
    return j;
  });
}

Result<Response> HandleOrganizationUpdate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "organization_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(OrganizationInput in, ReadOrganization(body, false));
  return Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Organization o, UpdateOrganization(tx, *r.caller, id, in));
    return ToJson(o);
  });
}

Result<Response> HandleOrganizationDelete(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "organization_not_found"));
  return Remove(db, [&](db::Tx& tx) { return DeleteOrganization(tx, *r.caller, id); });
}

Result<Response> HandleOrgMembersList(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "organization_not_found"));
  const std::string date = r.Query("date").value_or(TodayInChina());
  if (!IsIsoDate(date)) return Error::BadRequest("bad_query", {"date"});
  return Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto members, ListOrgMembers(tx, r.caller->view, id, date));
    Json items = Json::array();
    for (const auto& m : members) items.push_back(ToJson(m));
    const auto total = static_cast<int64_t>(items.size());
    return Json{{"items", std::move(items)}, {"total", total}};
  });
}

Result<Response> HandleOrgMemberCreate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "organization_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(OrgMemberInput in, ReadOrgMember(body));
  return Write(db, 201, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(OrgMember m, AddOrgMember(tx, *r.caller, id, in));
    return ToJson(m);
  });
}

Result<Response> HandleOrgMemberUpdate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "member_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(OrgMemberInput in, ReadOrgMember(body));
  return Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(OrgMember m, UpdateOrgMember(tx, *r.caller, id, in));
    return ToJson(m);
  });
}

Result<Response> HandleOrgMemberDelete(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "member_not_found"));
  return Remove(db, [&](db::Tx& tx) { return DeleteOrgMember(tx, *r.caller, id); });
}

// Enterprises ----------------------------------------------------------------

Result<Response> HandleEnterprisesList(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(r));
  EnterpriseFilter f{Q(r, "q"), Q(r, "region"), Q(r, "industry")};
  return Read(db, [&](db::Tx& tx) { return ListEnterprises(tx, *r.caller, f, page); });
}

Result<Response> HandleEnterpriseCreate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(EnterpriseInput in, ReadEnterprise(body, true));
  return Write(db, 201, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Enterprise e, CreateEnterprise(tx, *r.caller, in));
    return ToJson(e);
  });
}

Result<Response> HandleEnterpriseGet(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "enterprise_not_found"));
  return Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Enterprise e, GetEnterprise(tx, r.caller->view, id));
    return ToJson(e);
  });
}

Result<Response> HandleEnterpriseUpdate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "enterprise_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(EnterpriseInput in, ReadEnterprise(body, false));
  return Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Enterprise e, UpdateEnterprise(tx, *r.caller, id, in));
    return ToJson(e);
  });
}

Result<Response> HandleEnterpriseDelete(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "enterprise_not_found"));
  return Remove(db, [&](db::Tx& tx) { return DeleteEnterprise(tx, *r.caller, id); });
}

// Memberships ----------------------------------------------------------------

Result<Response> HandleMembershipsList(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(r));
  MembershipFilter f;
  f.q = Q(r, "q");
  f.region = Q(r, "region");
  f.date = Q(r, "date");
  f.all = Q(r, "all") == "true";
  SL_ASSIGN_OR_RETURN(f.chamber, QueryId(r, "chamber"));
  return Read(db, [&](db::Tx& tx) { return ListMemberships(tx, *r.caller, f, page); });
}

Result<Response> HandleMembershipCreate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(MembershipInput in, ReadMembership(body, true));
  return Write(db, 201, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Membership m, CreateMembership(tx, *r.caller, in));
    return ToJson(m);
  });
}

Result<Response> HandleMembershipUpdate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "membership_not_found"));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(MembershipInput in, ReadMembership(body, false));
  return Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(Membership m, UpdateMembership(tx, *r.caller, id, in));
    return ToJson(m);
  });
}

Result<Response> HandleMembershipDelete(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "membership_not_found"));
  return Remove(db, [&](db::Tx& tx) { return DeleteMembership(tx, *r.caller, id); });
}

Result<Response> HandleChamberStats(db::Database& db, const Request& r) {
  const std::string region = Q(r, "region");
  const std::string date = r.Query("date").value_or(TodayInChina());
  if (region.empty()) return Error::BadRequest("bad_query", {"region"});
  if (!IsIsoDate(date)) return Error::BadRequest("bad_query", {"date"});
  return Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(ChamberFigures f, ChamberStats(tx, r.caller->view, region, date));
    return Json{{"members", f.members},
                {"party_members", f.party_members},
                {"enterprises", f.enterprises},
                {"registered_capital_fen", f.registered_capital_fen},
                {"region", region},
                {"date", date}};
  });
}

}  // namespace sl::registry
