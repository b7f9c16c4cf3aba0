// The one route table: every endpoint is one row, read top to bottom.

#include "assign/plan.hpp"
#include "audit/audit.hpp"
#include "auth/roles.hpp"
#include "http/app.hpp"
#include "http/sheet_kinds.hpp"
#include "pairing/pairing.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "sheets/sheets.hpp"

namespace sl::http {

std::vector<Route> App::BuildRoutes() {
  using auth::kAuditRead, auth::kRegionsRead, auth::kUsersAdmin;
  RegisterSheetKinds();
  auto& db = db_;
  auto& a = auth_;
  auto with_db = [&db](Result<Response> (*f)(db::Database&, const Request&)) {
    return [&db, f](const Request& r) { return f(db, r); };
  };
  auto with_auth = [&a](Result<Response> (*f)(auth::Context&, const Request&)) {
    return [&a, f](const Request& r) { return f(a, r); };
  };
  // clang-format off
  return {
      {"GET", "/healthz", kPublic, "Liveness and schema version",
       [&db](const Request&) -> Result<Response> {
         SL_ASSIGN_OR_RETURN(int version, db::SchemaVersion(db));
         return Response::Ok({{"status", "ok"}, {"schema_version", version}});
       }},
      {"GET", "/metrics", kPublic, "Prometheus metrics",
       [this](const Request&) -> Result<Response> {
         Response r;
         r.raw_body = metrics_.Render();
         r.content_type = "text/plain; version=0.0.4; charset=utf-8";
         return r;
       }},
      {"GET", "/api/v1/openapi.json", kPublic, "This API's OpenAPI document",
       [this](const Request&) -> Result<Response> { return Response::Ok(OpenApi()); }},

      {"POST", "/api/v1/session", kPublic, "Log in; sets the session cookie",
       with_auth(auth::HandleLogin), 8 << 10},
      {"GET", "/api/v1/session", kSignedIn, "The signed-in user",
       with_auth(auth::HandleSessionGet)},
      {"DELETE", "/api/v1/session", kSignedIn, "Log out", with_auth(auth::HandleLogout)},
      {"GET", "/api/v1/roles", kSignedIn, "Roles and their permissions",
       with_auth(auth::HandleRoles)},

      {"GET",
       "/api/v1/users",
       kUsersAdmin,
       "List users",
       with_auth(auth::HandleUserList),
       1 << 20,
       {"q", "page", "page_size"}},
      {"POST", "/api/v1/users", kUsersAdmin, "Create a user", with_auth(auth::HandleUserCreate),
       64 << 10},
      {"GET", "/api/v1/users/{id}", kUsersAdmin, "One user", with_auth(auth::HandleUserGet)},
      {"PATCH", "/api/v1/users/{id}", kUsersAdmin, "Change a user",
       with_auth(auth::HandleUserUpdate), 64 << 10},

      {"GET",
       "/api/v1/regions",
       kRegionsRead,
       "Roots of the caller's scope, children of a region, or a search",
       with_db(regions::HandleList),
       1 << 20,
       {"parent", "q", "page", "page_size"}},
      {"GET", "/api/v1/regions/{code}", kRegionsRead, "One region with its ancestors",
       with_db(regions::HandleGet)},

      {"GET", "/api/v1/people", registry::kPeopleRead, "List people",
       with_db(registry::HandlePeopleList), 1 << 20,
       {"q", "region", "tag", "post", "party_stage", "date", "sort", "page", "page_size"}},
      {"POST", "/api/v1/people", registry::kPeopleWrite, "Create a person",
       with_db(registry::HandlePersonCreate), 64 << 10},
      {"GET", "/api/v1/people/{id}", registry::kPeopleRead, "One person with history",
       with_db(registry::HandlePersonGet)},
      {"PATCH", "/api/v1/people/{id}", registry::kPeopleWrite, "Change a person",
       with_db(registry::HandlePersonUpdate), 64 << 10},
      {"DELETE", "/api/v1/people/{id}", registry::kPeopleWrite, "Delete a person (soft)",
       with_db(registry::HandlePersonDelete)},
      {"POST", "/api/v1/people/{id}/posts", registry::kPeopleWrite, "Give a person a post",
       with_db(registry::HandlePostCreate), 16 << 10},
      {"POST", "/api/v1/people/{id}/party-stages", registry::kPeopleWrite,
       "Move a person to the next party stage", with_db(registry::HandlePartyStage), 16 << 10},
      {"PATCH", "/api/v1/posts/{id}", registry::kPeopleWrite, "Change or end a post",
       with_db(registry::HandlePostUpdate), 16 << 10},
      {"DELETE", "/api/v1/posts/{id}", registry::kPeopleWrite, "Remove a post entered by mistake",
       with_db(registry::HandlePostDelete)},

      {"GET", "/api/v1/organizations", registry::kOrganizationsRead, "List organizations",
       with_db(registry::HandleOrganizationsList), 1 << 20,
       {"q", "region", "kind", "page", "page_size"}},
      {"POST", "/api/v1/organizations", registry::kOrganizationsWrite, "Create an organization",
       with_db(registry::HandleOrganizationCreate), 16 << 10},
      {"GET", "/api/v1/organizations/{id}", registry::kOrganizationsRead,
       "One organization with its members", with_db(registry::HandleOrganizationGet)},
      {"PATCH", "/api/v1/organizations/{id}", registry::kOrganizationsWrite,
       "Change an organization", with_db(registry::HandleOrganizationUpdate), 16 << 10},
      {"DELETE", "/api/v1/organizations/{id}", registry::kOrganizationsWrite,
       "Delete an organization (soft)", with_db(registry::HandleOrganizationDelete)},
      {"GET", "/api/v1/organizations/{id}/members", registry::kOrganizationsRead,
       "Members of an organization on a date", with_db(registry::HandleOrgMembersList), 1 << 20,
       {"date"}},
      {"POST", "/api/v1/organizations/{id}/members", registry::kOrganizationsWrite,
       "Add a member", with_db(registry::HandleOrgMemberCreate), 16 << 10},
      {"PATCH", "/api/v1/org-members/{id}", registry::kOrganizationsWrite,
       "Change or end a membership of an organization", with_db(registry::HandleOrgMemberUpdate),
       16 << 10},
      {"DELETE", "/api/v1/org-members/{id}", registry::kOrganizationsWrite,
       "Remove a member entered by mistake", with_db(registry::HandleOrgMemberDelete)},

      {"GET", "/api/v1/enterprises", registry::kEnterprisesRead, "List enterprises",
       with_db(registry::HandleEnterprisesList), 1 << 20,
       {"q", "region", "industry", "page", "page_size"}},
      {"POST", "/api/v1/enterprises", registry::kEnterprisesWrite, "Create an enterprise",
       with_db(registry::HandleEnterpriseCreate), 16 << 10},
      {"GET", "/api/v1/enterprises/{id}", registry::kEnterprisesRead, "One enterprise",
       with_db(registry::HandleEnterpriseGet)},
      {"PATCH", "/api/v1/enterprises/{id}", registry::kEnterprisesWrite, "Change an enterprise",
       with_db(registry::HandleEnterpriseUpdate), 16 << 10},
      {"DELETE", "/api/v1/enterprises/{id}", registry::kEnterprisesWrite,
       "Delete an enterprise (soft)", with_db(registry::HandleEnterpriseDelete)},

      {"GET", "/api/v1/memberships", registry::kMembershipsRead, "List chamber members",
       with_db(registry::HandleMembershipsList), 1 << 20,
       {"chamber", "q", "region", "date", "all", "page", "page_size"}},
      {"POST", "/api/v1/memberships", registry::kMembershipsWrite, "Add a chamber member",
       with_db(registry::HandleMembershipCreate), 16 << 10},
      {"PATCH", "/api/v1/memberships/{id}", registry::kMembershipsWrite,
       "Change or end a chamber membership", with_db(registry::HandleMembershipUpdate), 16 << 10},
      {"DELETE", "/api/v1/memberships/{id}", registry::kMembershipsWrite,
       "Remove a membership entered by mistake", with_db(registry::HandleMembershipDelete)},
      {"GET", "/api/v1/stats/chamber", registry::kStatsRead,
       "Chamber figures for a region subtree on a date", with_db(registry::HandleChamberStats),
       1 << 20, {"region", "date"}},

      {"GET", "/api/v1/projects", pairing::kProjectsRead, "List projects",
       with_db(pairing::HandleProjectsList), 1 << 20,
       {"q", "region", "kind", "page", "page_size"}},
      {"POST", "/api/v1/projects", pairing::kProjectsWrite, "Add a project",
       with_db(pairing::HandleProjectCreate), 16 << 10},
      {"GET", "/api/v1/projects/{id}", pairing::kProjectsRead, "A project",
       with_db(pairing::HandleProjectGet)},
      {"PATCH", "/api/v1/projects/{id}", pairing::kProjectsWrite, "Change a project",
       with_db(pairing::HandleProjectUpdate), 16 << 10},
      {"DELETE", "/api/v1/projects/{id}", pairing::kProjectsWrite, "Delete a project (soft)",
       with_db(pairing::HandleProjectDelete)},

      {"GET", "/api/v1/pairings", pairing::kPairingRead,
       "Pairings valid on a date (or all, with history), in the view scope or paired to the "
       "caller", with_db(pairing::HandlePairingsList), 1 << 20,
       {"region", "level", "source", "target_kind", "target", "date", "all", "page",
        "page_size"}},
      {"POST", "/api/v1/pairings", pairing::kPairingWrite,
       "Pair a person with a target; eligibility is checked",
       with_db(pairing::HandlePairingCreate), 16 << 10},
      {"GET", "/api/v1/pairings/{id}", pairing::kPairingRead, "A pairing",
       with_db(pairing::HandlePairingGet)},
      {"PATCH", "/api/v1/pairings/{id}", pairing::kPairingWrite,
       "Re-pair (a new source: the old row ends, a new one starts) or end a pairing",
       with_db(pairing::HandlePairingUpdate), 16 << 10},
      {"DELETE", "/api/v1/pairings/{id}", pairing::kPairingWrite,
       "Remove a pairing entered by mistake", with_db(pairing::HandlePairingDelete)},

      {"GET", "/api/v1/rules", pairing::kPairingRead,
       "Coverage and quota rules that apply under a region (its own, its ancestors', its "
       "descendants')", with_db(pairing::HandleRulesList), 1 << 20, {"region", "date", "all"}},
      {"POST", "/api/v1/rules/coverage", pairing::kRulesWrite, "Add a coverage rule",
       with_db(pairing::HandleCoverageRuleCreate), 16 << 10},
      {"PATCH", "/api/v1/rules/coverage/{id}", pairing::kRulesWrite, "Change a coverage rule",
       with_db(pairing::HandleCoverageRuleUpdate), 16 << 10},
      {"DELETE", "/api/v1/rules/coverage/{id}", pairing::kRulesWrite, "Delete a coverage rule",
       with_db(pairing::HandleCoverageRuleDelete)},
      {"POST", "/api/v1/rules/quota", pairing::kRulesWrite, "Add a quota rule",
       with_db(pairing::HandleQuotaRuleCreate), 16 << 10},
      {"PATCH", "/api/v1/rules/quota/{id}", pairing::kRulesWrite, "Change a quota rule",
       with_db(pairing::HandleQuotaRuleUpdate), 16 << 10},
      {"DELETE", "/api/v1/rules/quota/{id}", pairing::kRulesWrite, "Delete a quota rule",
       with_db(pairing::HandleQuotaRuleDelete)},

      {"GET", "/api/v1/contacts", pairing::kContactsRead,
       "Contacts, newest first, in the view scope or made by the caller",
       with_db(pairing::HandleContactsList), 1 << 20,
       {"region", "person", "from", "to", "page", "page_size"}},
      {"POST", "/api/v1/contacts", pairing::kContactsWrite,
       "Log a contact (the caller's own person unless another is named)",
       with_db(pairing::HandleContactCreate), 16 << 10},
      {"GET", "/api/v1/contacts/{id}", pairing::kContactsRead, "A contact",
       with_db(pairing::HandleContactGet)},
      {"PATCH", "/api/v1/contacts/{id}", pairing::kContactsWrite, "Change a contact",
       with_db(pairing::HandleContactUpdate), 16 << 10},
      {"DELETE", "/api/v1/contacts/{id}", pairing::kContactsWrite, "Delete a contact (soft)",
       with_db(pairing::HandleContactDelete)},

      {"GET", "/api/v1/compliance", pairing::kComplianceRead,
       "Coverage per level, quotas per person, overdue follow-ups under a region on a date; per "
       "town, worst first, above town level", with_db(pairing::HandleCompliance), 1 << 20,
       {"region", "date", "limit"}},
      {"POST", "/api/v1/assignment-plans", pairing::kPairingWrite,
       "Propose the optimal pairing of a level under a region (min-cost flow): assignments, "
       "changes, explanations, or why no plan meets the rules",
       with_db(assign::HandlePlanCreate), 64 << 10},
      {"GET", "/api/v1/assignment-plans/{id}", pairing::kPairingRead, "A stored plan",
       with_db(assign::HandlePlanGet)},
      {"POST", "/api/v1/assignment-plans/{id}/apply", pairing::kPairingWrite,
       "Apply a plan in one transaction; 409 when the data changed since it was made",
       with_db(assign::HandlePlanApply)},
      {"GET", "/api/v1/compliance/export", pairing::kComplianceRead,
       "The compliance report with every list in full, as .xlsx (summary, towns, coverage gaps, "
       "quotas, overdue follow-ups)",
       with_db(pairing::HandleComplianceExport), 1 << 20, {"region", "date"}},

      {"GET", "/api/v1/templates/{kind}", kSignedIn,
       "Import template of a kind (people.xlsx, organizations.xlsx, enterprises.xlsx, "
       "memberships.xlsx, pairings.xlsx); needs the kind's read or write permission",
       with_db(sheets::HandleTemplate)},
      {"POST", "/api/v1/imports", kSignedIn,
       "Import an .xlsx or .csv file of a kind; needs the kind's write permission",
       with_db(sheets::HandleImport), 64 << 20, {"kind", "dry_run", "filename"}},
      {"POST", "/api/v1/imports/annotated", kSignedIn,
       "The uploaded file back as .xlsx with each row's mistakes",
       with_db(sheets::HandleImportAnnotated), 64 << 20, {"kind", "filename"}},
      {"GET", "/api/v1/exports/{kind}", kSignedIn,
       "A list as .xlsx, with the filters of its list route; needs the kind's read permission",
       with_db(sheets::HandleExport), 1 << 20,
       {"q", "region", "tag", "post", "party_stage", "kind", "industry", "chamber", "date", "all",
        "level", "source"}},

      {"GET",
       "/api/v1/audit",
       kAuditRead,
       "Change history of one entity",
       with_db(audit::HandleList),
       1 << 20,
       {"entity", "id", "page", "page_size"}},
  };
  // clang-format on
}

Json App::OpenApi() const {
  Json paths = Json::object();
  for (const auto& r : routes_) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    Json op = {
        {"summary", r.summary},
        {"responses",
         {{"200", {{"description", "OK"}}},
          {"default",
           {{"description", "Error"},
            {"content",
             {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}};
    Json params = Json::array();
    for (size_t p = r.path.find('{'); p != std::string::npos; p = r.path.find('{', p + 1)) {
      const std::string name = r.path.substr(p + 1, r.path.find('}', p) - p - 1);
      params.push_back(
          {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    for (const auto& q : r.query)
      params.push_back(
          {{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = params;
    if (r.permission == kPublic) {
      op["security"] = Json::array();
    } else {
      op["x-permission"] = r.permission;
    }
    if (r.method != "GET")
      op["requestBody"] = {{"content", {{"application/json", Json::object()}}}};
    paths[r.path][method] = std::move(op);
  }
  return Json{
      {"openapi", "3.0.3"},
      {"info", {{"title", "Shuanglun API"}, {"version", "1"}}},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", auth::kSessionCookie}}}}},
        {"schemas",
         {{"Error",
           {{"type", "object"},
            {"properties",
             {{"error",
               {{"type", "object"},
                {"properties",
                 {{"code", {{"type", "string"}}},
                  {"message", {{"type", "string"}}},
                  {"fields",
                   {{"type", "object"},
                    {"additionalProperties", {{"type", "string"}}}}}}}}}}}}}}}}},
      {"security", Json::array({Json{{"session", Json::array()}}})}};
}

}  // namespace sl::http
