// Handlers of the registry: parse the request, call one operation in one
// transaction, serialize.

#include "core/date.hpp"
#include "http/handlers.hpp"
#include "registry/registry.hpp"

namespace sl::registry {

namespace {

using http::CreateHandler;
using http::DeleteHandler;
using http::FetchHandler;
using http::ListHandler;
using http::UpdateHandler;

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
  p.birth_date = in.NullableDate("birth_date");
  p.phone = in.NullableStr("phone", 30);
  p.id_card = in.NullableStr("id_card", 30);
  p.region = in.Str("region", false, 20);
  p.notes = in.NullableStr("notes", 500);
  p.tags = in.StrList("tags", false);
  p.tags_since = in.NullableDate("tags_since");
  if (create) {
    if (auto stage = in.Object("party_stage", false)) {
      FieldReader st(*stage);
      p.stage = st.Str("stage", true);
      p.stage_since = st.Date("since", true);
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
  p.valid_from = in.Date("valid_from", false);
  p.valid_to = in.NullableDate("valid_to");
  p.leadership_team = in.Bool("leadership_team", false);
  p.industry = in.NullableStr("industry", 40);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return p;
}

Result<PersonInput> ReadPersonCreate(const Json& body) { return ReadPerson(body, true); }
Result<PersonInput> ReadPersonUpdate(const Json& body) { return ReadPerson(body, false); }

Result<StageInput> ReadStage(const Json& body) {
  FieldReader in(body);
  StageInput s;
  s.stage = in.Str("stage", true).value_or("");
  s.since = in.Date("since", true).value_or("");
  s.organization = in.Int("organization", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return s;
}

Result<OrganizationInput> ReadOrganization(const Json& body) {
  FieldReader in(body);
  OrganizationInput o;
  o.kind = in.Str("kind", false);
  o.name = in.Str("name", false, 100);
  o.region = in.Str("region", false, 20);
  o.founded_on = in.NullableDate("founded_on");
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
  m.valid_from = in.Date("valid_from", false);
  m.valid_to = in.NullableDate("valid_to");
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return m;
}

Result<EnterpriseInput> ReadEnterprise(const Json& body) {
  FieldReader in(body);
  EnterpriseInput e;
  e.name = in.Str("name", false, 100);
  e.uscc = in.Str("uscc", false, 30);
  e.industry = in.Str("industry", false);
  e.region = in.Str("region", false, 20);
  e.founded_on = in.NullableDate("founded_on");
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
  m.joined_on = in.Date("joined_on", false);
  m.left_on = in.NullableDate("left_on");
  m.dues_status = in.Str("dues_status", false);
  m.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return m;
}

Result<MembershipInput> ReadMembershipCreate(const Json& body) {
  return ReadMembership(body, true);
}
Result<MembershipInput> ReadMembershipUpdate(const Json& body) {
  return ReadMembership(body, false);
}

// The JSON of a record (overloads of ToJson picked for a handler).
using http::Plain;

// People as the caller may see them: personal data in full with
// people.sensitive.
auto PersonJson(const Request& r) {
  return [full = r.caller->Can(kPeopleSensitive)](const auto& p) { return ToJson(p, full); };
}

}  // namespace

// Filters --------------------------------------------------------------------

Result<PersonFilter> ParsePersonFilter(const Request& r) {
  PersonFilter f;
  f.q = QueryText(r, "q");
  f.region = QueryText(r, "region");
  SL_ASSIGN_OR_RETURN(f.tag, QueryChoice(r, "tag", Tags()));
  SL_ASSIGN_OR_RETURN(f.post, QueryChoice(r, "post", PostKinds()));
  SL_ASSIGN_OR_RETURN(f.party_stage, QueryChoice(r, "party_stage", PartyStages()));
  SL_ASSIGN_OR_RETURN(f.date, QueryDate(r, "date"));
  f.id_conflict = QueryFlag(r, "id_conflict");
  const std::string sort = QueryText(r, "sort");
  if (sort.empty() || sort == "name")
    f.order = PersonOrder::kName;
  else if (sort == "-name")
    f.order = PersonOrder::kNameDesc;
  else if (sort == "updated_at")
    f.order = PersonOrder::kUpdated;
  else if (sort == "-updated_at")
    f.order = PersonOrder::kUpdatedDesc;
  else
    return Error::BadRequest("bad_query", {"sort"});
  return f;
}

Result<OrganizationFilter> ParseOrganizationFilter(const Request& r) {
  OrganizationFilter f{QueryText(r, "q"), QueryText(r, "region"), ""};
  SL_ASSIGN_OR_RETURN(f.kind, QueryChoice(r, "kind", OrganizationKinds()));
  return f;
}

Result<EnterpriseFilter> ParseEnterpriseFilter(const Request& r) {
  EnterpriseFilter f{QueryText(r, "q"), QueryText(r, "region"), ""};
  SL_ASSIGN_OR_RETURN(f.industry, QueryChoice(r, "industry", Industries()));
  return f;
}

Result<MembershipFilter> ParseMembershipFilter(const Request& r) {
  MembershipFilter f;
  f.q = QueryText(r, "q");
  f.region = QueryText(r, "region");
  SL_ASSIGN_OR_RETURN(f.date, QueryDate(r, "date"));
  f.all = QueryFlag(r, "all");
  SL_ASSIGN_OR_RETURN(f.chamber, QueryId(r, "chamber"));
  SL_ASSIGN_OR_RETURN(f.enterprise, QueryId(r, "enterprise"));
  return f;
}

// People -----------------------------------------------------------------------

Result<Response> HandlePeopleList(db::Database& db, const Request& r) {
  return ListHandler(db, r, ParsePersonFilter, ListPeople, PersonJson(r));
}

Result<Response> HandlePersonCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadPersonCreate, CreatePerson, PersonJson(r));
}

Result<Response> HandlePersonGet(db::Database& db, const Request& r) {
  return FetchHandler(db, r, "person_not_found", GetPersonFile, PersonJson(r));
}

Result<Response> HandlePersonUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(
      db, r, "person_not_found", ReadPersonUpdate,
      [](db::Tx& tx, const Caller& c, int64_t id, const PersonInput& in) {
        return UpdatePerson(tx, c, id, in);
      },
      PersonJson(r));
}

Result<Response> HandlePersonDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "person_not_found", DeletePerson);
}

Result<Response> HandlePostCreate(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "person_not_found", ReadPost, AddPost, Plain<Post>, 201);
}

Result<Response> HandlePostUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "post_not_found", ReadPost, UpdatePost, Plain<Post>);
}

Result<Response> HandlePostDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "post_not_found", DeletePost);
}

Result<Response> HandlePartyStage(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "person_not_found", ReadStage, ChangePartyStage, PersonJson(r), 201);
}

// Organizations --------------------------------------------------------------

Result<Response> HandleOrganizationsList(db::Database& db, const Request& r) {
  return ListHandler(db, r, ParseOrganizationFilter, ListOrganizations, Plain<Organization>);
}

Result<Response> HandleOrganizationCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadOrganization, CreateOrganization, Plain<Organization>);
}

Result<Response> HandleOrganizationGet(db::Database& db, const Request& r) {
  return FetchHandler(
      db, r, "organization_not_found",
      [](db::Tx& tx, const Caller& c, int64_t id) -> Result<Json> {
        SL_ASSIGN_OR_RETURN(Organization o, GetOrganization(tx, c.view, id));
        SL_ASSIGN_OR_RETURN(auto members, ListOrgMembers(tx, c.view, id, TodayInChina()));
        Json j = ToJson(o);
        Json list = Json::array();
        for (const auto& m : members) list.push_back(ToJson(m));
        j["member_list"] = std::move(list);
        return j;
      },
      [](Json j) { return j; });
}

Result<Response> HandleOrganizationUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(
      db, r, "organization_not_found", ReadOrganization,
      [](db::Tx& tx, const Caller& c, int64_t id, const OrganizationInput& in) {
        return UpdateOrganization(tx, c, id, in);
      },
      Plain<Organization>);
}

Result<Response> HandleOrganizationDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "organization_not_found", DeleteOrganization);
}

Result<Response> HandleOrgMembersList(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string date, QueryDate(r, "date", TodayInChina()));
  return FetchHandler(
      db, r, "organization_not_found",
      [&](db::Tx& tx, const Caller& c, int64_t id) { return ListOrgMembers(tx, c.view, id, date); },
      [](const std::vector<OrgMember>& members) {
        return http::PageJson(Paged<OrgMember>{members, static_cast<int64_t>(members.size())},
                              Plain<OrgMember>);
      });
}

Result<Response> HandleOrgMemberCreate(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "organization_not_found", ReadOrgMember, AddOrgMember,
                       Plain<OrgMember>, 201);
}

Result<Response> HandleOrgMemberUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "member_not_found", ReadOrgMember, UpdateOrgMember, Plain<OrgMember>);
}

Result<Response> HandleOrgMemberDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "member_not_found", DeleteOrgMember);
}

// Enterprises ----------------------------------------------------------------

Result<Response> HandleEnterprisesList(db::Database& db, const Request& r) {
  return ListHandler(db, r, ParseEnterpriseFilter, ListEnterprises, http::kAsText);
}

Result<Response> HandleEnterpriseCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadEnterprise, CreateEnterprise, Plain<Enterprise>);
}

Result<Response> HandleEnterpriseGet(db::Database& db, const Request& r) {
  return FetchHandler(
      db, r, "enterprise_not_found",
      [](db::Tx& tx, const Caller& c, int64_t id) { return GetEnterprise(tx, c.view, id); },
      Plain<Enterprise>);
}

Result<Response> HandleEnterpriseUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(
      db, r, "enterprise_not_found", ReadEnterprise,
      [](db::Tx& tx, const Caller& c, int64_t id, const EnterpriseInput& in) {
        return UpdateEnterprise(tx, c, id, in);
      },
      Plain<Enterprise>);
}

Result<Response> HandleEnterpriseDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "enterprise_not_found", DeleteEnterprise);
}

// Memberships ----------------------------------------------------------------

Result<Response> HandleMembershipsList(db::Database& db, const Request& r) {
  return ListHandler(db, r, ParseMembershipFilter, ListMemberships, Plain<Membership>);
}

Result<Response> HandleMembershipCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadMembershipCreate, CreateMembership, Plain<Membership>);
}

Result<Response> HandleMembershipUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(
      db, r, "membership_not_found", ReadMembershipUpdate,
      [](db::Tx& tx, const Caller& c, int64_t id, const MembershipInput& in) {
        return UpdateMembership(tx, c, id, in);
      },
      Plain<Membership>);
}

Result<Response> HandleMembershipDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "membership_not_found", DeleteMembership);
}

Result<Response> HandleChamberStats(db::Database& db, const Request& r) {
  const std::string region = QueryText(r, "region");
  if (region.empty()) return Error::BadRequest("bad_query", {"region"});
  SL_ASSIGN_OR_RETURN(std::string date, QueryDate(r, "date", TodayInChina()));
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
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
