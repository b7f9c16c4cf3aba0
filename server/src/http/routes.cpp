// The one route table: every endpoint is one row, read top to bottom.

#include "assign/plan.hpp"
#include "audit/audit.hpp"
#include "auth/roles.hpp"
#include "events/events.hpp"
#include "figures/brief.hpp"
#include "figures/figures.hpp"
#include "http/app.hpp"
#include "http/sheet_kinds.hpp"
#include "land/land.hpp"
#include "pairing/pairing.hpp"
#include "projects/projects.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "requests/requests.hpp"
#include "sheets/sheets.hpp"

namespace sl::http {

namespace {

using auth::kAuditRead, auth::kRegionsRead, auth::kUsersAdmin;
using Handler = Result<Response> (*)(db::Database&, const Request&);
using AuthHandler = Result<Response> (*)(auth::Context&, const Request&);

// A handler of a feature bound to the database, or to sessions and users.
std::function<Result<Response>(const Request&)> WithDb(db::Database& db, Handler f) {
  return [&db, f](const Request& r) { return f(db, r); };
}
std::function<Result<Response>(const Request&)> WithAuth(auth::Context& a, AuthHandler f) {
  return [&a, f](const Request& r) { return f(a, r); };
}

// Sessions, roles and users.
std::vector<Route> SessionRoutes(auth::Context& a) {
  // clang-format off
  return {
      {"POST", "/api/v1/session", kPublic, "Log in; sets the session cookie",
       WithAuth(a, auth::HandleLogin), 8 << 10},
      {"GET", "/api/v1/session", kSignedIn, "The signed-in user",
       WithAuth(a, auth::HandleSessionGet)},
      {"DELETE", "/api/v1/session", kSignedIn, "Log out", WithAuth(a, auth::HandleLogout)},
      {"PUT", "/api/v1/session/password", kSignedIn, "Change one's own password",
       WithAuth(a, auth::HandleOwnPassword), 8 << 10},
      {"GET", "/api/v1/roles", kSignedIn, "Roles and their permissions",
       WithAuth(a, auth::HandleRoles)},

      {"GET",
       "/api/v1/users",
       kUsersAdmin,
       "List users",
       WithAuth(a, auth::HandleUserList),
       1 << 20,
       {"q", "page", "page_size"}},
      {"POST", "/api/v1/users", kUsersAdmin, "Create a user", WithAuth(a, auth::HandleUserCreate),
       64 << 10},
      {"GET", "/api/v1/users/{id}", kUsersAdmin, "One user", WithAuth(a, auth::HandleUserGet)},
      {"PATCH", "/api/v1/users/{id}", kUsersAdmin, "Change a user",
       WithAuth(a, auth::HandleUserUpdate), 64 << 10},
      {"POST", "/api/v1/users/{id}/unlock", kUsersAdmin, "Forgive a user's failed logins",
       WithAuth(a, auth::HandleUserUnlock)},
      {"GET",
       "/api/v1/logins",
       kUsersAdmin,
       "The sign-in log (登录日志)",
       WithAuth(a, auth::HandleLogins),
       1 << 20,
       {"user", "address", "ok", "from", "to", "page", "page_size"}},
  };
  // clang-format on
}

// Regions, people, organizations, enterprises, the chamber.
std::vector<Route> RegistryRoutes(db::Database& db, db::Database& reports) {
  // clang-format off
  return {
      {"GET",
       "/api/v1/regions",
       kRegionsRead,
       "Roots of the caller's scope, children of a region, or a search",
       WithDb(db, regions::HandleList),
       1 << 20,
       {"parent", "q", "page", "page_size"}},
      {"GET", "/api/v1/regions/{code}", kRegionsRead, "One region with its ancestors",
       WithDb(db, regions::HandleGet)},
      {"PATCH", "/api/v1/regions/{code}", regions::kGroupsWrite,
       "Rename, retire or bring back a villager group (official regions are not edited)",
       WithDb(db, regions::HandleRegionUpdate), 8 << 10},
      {"GET", "/api/v1/regions/{code}/groups", kRegionsRead,
       "A village's villager groups (村民小组), retired ones too",
       WithDb(db, regions::HandleGroupsList)},
      {"POST", "/api/v1/regions/{code}/groups", regions::kGroupsWrite,
       "Add a villager group to a village (numbered after its last)",
       WithDb(db, regions::HandleGroupCreate), 8 << 10},

      {"GET", "/api/v1/people", registry::kPeopleRead, "List people",
       WithDb(db, registry::HandlePeopleList), 1 << 20,
       {"q", "region", "tag", "post", "party_stage", "date", "sort", "page", "page_size"}},
      {"POST", "/api/v1/people", registry::kPeopleWrite, "Create a person",
       WithDb(db, registry::HandlePersonCreate), 64 << 10},
      {"GET", "/api/v1/people/{id}", registry::kPeopleRead, "One person with history",
       WithDb(db, registry::HandlePersonGet)},
      {"PATCH", "/api/v1/people/{id}", registry::kPeopleWrite, "Change a person",
       WithDb(db, registry::HandlePersonUpdate), 64 << 10},
      {"DELETE", "/api/v1/people/{id}", registry::kPeopleManage, "Delete a person (soft)",
       WithDb(db, registry::HandlePersonDelete)},
      {"POST", "/api/v1/people/{id}/posts", registry::kPeopleManage, "Give a person a post",
       WithDb(db, registry::HandlePostCreate), 16 << 10},
      {"POST", "/api/v1/people/{id}/party-stages", registry::kPeopleManage,
       "Move a person to the next party stage", WithDb(db, registry::HandlePartyStage), 16 << 10},
      {"PATCH", "/api/v1/posts/{id}", registry::kPeopleManage, "Change or end a post",
       WithDb(db, registry::HandlePostUpdate), 16 << 10},
      {"DELETE", "/api/v1/posts/{id}", registry::kPeopleManage, "Remove a post entered by mistake",
       WithDb(db, registry::HandlePostDelete)},

      {"GET", "/api/v1/organizations", registry::kOrganizationsRead, "List organizations",
       WithDb(db, registry::HandleOrganizationsList), 1 << 20,
       {"q", "region", "kind", "page", "page_size"}},
      {"POST", "/api/v1/organizations", registry::kOrganizationsWrite, "Create an organization",
       WithDb(db, registry::HandleOrganizationCreate), 16 << 10},
      {"GET", "/api/v1/organizations/{id}", registry::kOrganizationsRead,
       "One organization with its members", WithDb(db, registry::HandleOrganizationGet)},
      {"PATCH", "/api/v1/organizations/{id}", registry::kOrganizationsWrite,
       "Change an organization", WithDb(db, registry::HandleOrganizationUpdate), 16 << 10},
      {"DELETE", "/api/v1/organizations/{id}", registry::kOrganizationsWrite,
       "Delete an organization (soft)", WithDb(db, registry::HandleOrganizationDelete)},
      {"GET", "/api/v1/organizations/{id}/members", registry::kOrganizationsRead,
       "Members of an organization on a date", WithDb(db, registry::HandleOrgMembersList), 1 << 20,
       {"date"}},
      {"POST", "/api/v1/organizations/{id}/members", registry::kOrganizationsWrite,
       "Add a member", WithDb(db, registry::HandleOrgMemberCreate), 16 << 10},
      {"PATCH", "/api/v1/org-members/{id}", registry::kOrganizationsWrite,
       "Change or end a membership of an organization", WithDb(db, registry::HandleOrgMemberUpdate),
       16 << 10},
      {"DELETE", "/api/v1/org-members/{id}", registry::kOrganizationsWrite,
       "Remove a member entered by mistake", WithDb(db, registry::HandleOrgMemberDelete)},

      {"GET", "/api/v1/enterprises", registry::kEnterprisesRead, "List enterprises",
       WithDb(db, registry::HandleEnterprisesList), 1 << 20,
       {"q", "region", "industry", "page", "page_size"}},
      {"POST", "/api/v1/enterprises", registry::kEnterprisesWrite, "Create an enterprise",
       WithDb(db, registry::HandleEnterpriseCreate), 16 << 10},
      {"GET", "/api/v1/enterprises/{id}", registry::kEnterprisesRead, "One enterprise",
       WithDb(db, registry::HandleEnterpriseGet)},
      {"PATCH", "/api/v1/enterprises/{id}", registry::kEnterprisesWrite, "Change an enterprise",
       WithDb(db, registry::HandleEnterpriseUpdate), 16 << 10},
      {"DELETE", "/api/v1/enterprises/{id}", registry::kEnterprisesWrite,
       "Delete an enterprise (soft)", WithDb(db, registry::HandleEnterpriseDelete)},

      {"GET", "/api/v1/memberships", registry::kMembershipsRead, "List chamber members",
       WithDb(db, registry::HandleMembershipsList), 1 << 20,
       {"chamber", "enterprise", "q", "region", "date", "all", "page", "page_size"}},
      {"POST", "/api/v1/memberships", registry::kMembershipsWrite, "Add a chamber member",
       WithDb(db, registry::HandleMembershipCreate), 16 << 10},
      {"PATCH", "/api/v1/memberships/{id}", registry::kMembershipsWrite,
       "Change or end a chamber membership", WithDb(db, registry::HandleMembershipUpdate), 16 << 10},
      {"DELETE", "/api/v1/memberships/{id}", registry::kMembershipsWrite,
       "Remove a membership entered by mistake", WithDb(db, registry::HandleMembershipDelete)},
      {"GET", "/api/v1/stats/chamber", registry::kStatsRead,
       "Chamber figures for a region subtree on a date", WithDb(reports, registry::HandleChamberStats),
       1 << 20, {"region", "date"}},
  };
  // clang-format on
}

// Pairings, rules, contacts, compliance, automatic pairing.
std::vector<Route> PairingRoutes(db::Database& db, db::Database& reports) {
  // clang-format off
  return {
      {"GET", "/api/v1/pairings", pairing::kPairingRead,
       "Pairings valid on a date (or all, with history), in the view scope or paired to the "
       "caller", WithDb(db, pairing::HandlePairingsList), 1 << 20,
       {"region", "level", "source", "target_kind", "target", "date", "all", "page",
        "page_size"}},
      {"POST", "/api/v1/pairings", pairing::kPairingWrite,
       "Pair a person with a target; eligibility is checked",
       WithDb(db, pairing::HandlePairingCreate), 16 << 10},
      {"GET", "/api/v1/pairings/{id}", pairing::kPairingRead, "A pairing",
       WithDb(db, pairing::HandlePairingGet)},
      {"PATCH", "/api/v1/pairings/{id}", pairing::kPairingWrite,
       "Re-pair (a new source: the old row ends, a new one starts) or end a pairing",
       WithDb(db, pairing::HandlePairingUpdate), 16 << 10},
      {"DELETE", "/api/v1/pairings/{id}", pairing::kPairingWrite,
       "Remove a pairing entered by mistake", WithDb(db, pairing::HandlePairingDelete)},

      {"GET", "/api/v1/rules", pairing::kPairingRead,
       "Coverage and quota rules that apply under a region (its own, its ancestors', its "
       "descendants')", WithDb(db, pairing::HandleRulesList), 1 << 20, {"region", "date", "all"}},
      {"POST", "/api/v1/rules/coverage", pairing::kRulesWrite, "Add a coverage rule",
       WithDb(db, pairing::HandleCoverageRuleCreate), 16 << 10},
      {"PATCH", "/api/v1/rules/coverage/{id}", pairing::kRulesWrite, "Change a coverage rule",
       WithDb(db, pairing::HandleCoverageRuleUpdate), 16 << 10},
      {"DELETE", "/api/v1/rules/coverage/{id}", pairing::kRulesWrite, "Delete a coverage rule",
       WithDb(db, pairing::HandleCoverageRuleDelete)},
      {"POST", "/api/v1/rules/quota", pairing::kRulesWrite, "Add a quota rule",
       WithDb(db, pairing::HandleQuotaRuleCreate), 16 << 10},
      {"PATCH", "/api/v1/rules/quota/{id}", pairing::kRulesWrite, "Change a quota rule",
       WithDb(db, pairing::HandleQuotaRuleUpdate), 16 << 10},
      {"DELETE", "/api/v1/rules/quota/{id}", pairing::kRulesWrite, "Delete a quota rule",
       WithDb(db, pairing::HandleQuotaRuleDelete)},

      {"GET", "/api/v1/contacts", pairing::kContactsRead,
       "Contacts, newest first, in the view scope or made by the caller",
       WithDb(db, pairing::HandleContactsList), 1 << 20,
       {"region", "person", "target_kind", "target", "from", "to", "page", "page_size"}},
      {"POST", "/api/v1/contacts", pairing::kContactsWrite,
       "Log a contact (the caller's own person unless another is named), with the request "
       "raised on it",
       WithDb(db, requests::HandleVisitCreate), 16 << 10},
      {"GET", "/api/v1/contacts/{id}", pairing::kContactsRead, "A contact",
       WithDb(db, pairing::HandleContactGet)},
      {"PATCH", "/api/v1/contacts/{id}", pairing::kContactsWrite, "Change a contact",
       WithDb(db, pairing::HandleContactUpdate), 16 << 10},
      {"DELETE", "/api/v1/contacts/{id}", pairing::kContactsWrite, "Delete a contact (soft)",
       WithDb(db, pairing::HandleContactDelete)},

      {"GET", "/api/v1/compliance", pairing::kComplianceRead,
       "Coverage per level, quotas per person, overdue requests under a region on a date; per "
       "town, worst first, above town level", WithDb(reports, pairing::HandleCompliance), 1 << 20,
       {"region", "date", "limit"}},
      {"POST", "/api/v1/assignment-plans", pairing::kPairingWrite,
       "Propose the optimal pairing of a level under a region (min-cost flow): assignments, "
       "changes, explanations, or why no plan meets the rules",
       WithDb(db, assign::HandlePlanCreate), 64 << 10},
      {"GET", "/api/v1/assignment-plans/{id}", pairing::kPairingRead, "A stored plan",
       WithDb(db, assign::HandlePlanGet)},
      {"POST", "/api/v1/assignment-plans/{id}/apply", pairing::kPairingWrite,
       "Apply a plan in one transaction; 409 when the data changed since it was made",
       WithDb(db, assign::HandlePlanApply)},
      {"GET", "/api/v1/compliance/export", pairing::kComplianceRead,
       "The compliance report with every list in full, as .xlsx (summary, towns, coverage gaps, "
       "quotas, overdue follow-ups)",
       WithDb(reports, pairing::HandleComplianceExport), 1 << 20, {"region", "date"}},
  };
  // clang-format on
}

// Events, their attendance, check-in and figures.
// Projects, their indicators and figures.
std::vector<Route> ProjectRoutes(db::Database& db, db::Database& reports) {
  using namespace projects;  // NOLINT: the handlers and permissions of this table
  // clang-format off
  return {
      {"GET", "/api/v1/indicators", kProjectsRead, "What projects are measured by (data)",
       WithDb(db, HandleIndicatorsList)},
      {"POST", "/api/v1/indicators", kIndicatorsWrite, "Add an indicator",
       WithDb(db, HandleIndicatorCreate), 8 << 10},
      {"GET", "/api/v1/projects", kProjectsRead, "List projects",
       WithDb(db, HandleProjectsList), 1 << 20,
       {"q", "region", "kind", "stage", "enterprise", "page", "page_size"}},
      {"POST", "/api/v1/projects", kProjectsWrite, "Add a project",
       WithDb(db, HandleProjectCreate), 64 << 10},
      {"GET", "/api/v1/projects/{id}", kProjectsRead, "A project",
       WithDb(db, HandleProjectGet)},
      {"PATCH", "/api/v1/projects/{id}", kProjectsWrite, "Change a project",
       WithDb(db, HandleProjectUpdate), 64 << 10},
      {"DELETE", "/api/v1/projects/{id}", kProjectsWrite, "Delete a project (soft)",
       WithDb(db, HandleProjectDelete)},
      {"GET", "/api/v1/projects/{id}/indicators", kProjectsRead, "A project's indicator values",
       WithDb(db, HandleValuesList), 1 << 20, {"indicator"}},
      {"POST", "/api/v1/projects/{id}/indicators", kProjectsWrite,
       "Record an indicator value for a period (replaces the same period's)",
       WithDb(db, HandleValuePut), 8 << 10},
      {"DELETE", "/api/v1/projects/{id}/indicators/{value_id}", kProjectsWrite,
       "Remove an indicator value", WithDb(db, HandleValueDelete)},
      {"GET", "/api/v1/stats/projects", kProjectsRead,
       "Projects by kind and stage, and indicator totals, under a region for a year",
       WithDb(reports, HandleProjectStats), 1 << 20, {"region", "year", "by"}},
  };
  // clang-format on
}

// Requests (诉求), their categories and calendar, their figures; the to-do list.
std::vector<Route> RequestRoutes(db::Database& db, db::Database& reports) {
  using namespace requests;  // NOLINT: the handlers and permissions of this table
  // clang-format off
  return {
      {"GET", "/api/v1/requests", kRequestsRead, "Requests, late first",
       WithDb(db, HandleList), 1 << 20,
       {"region", "status", "category", "owner", "requester_enterprise", "requester_person",
        "contact", "overdue", "escalation", "from", "to", "q", "date", "page", "page_size"}},
      {"POST", "/api/v1/requests", kRequestsWrite,
       "Raise a request (owner and due date by the rules)", WithDb(db, HandleCreate), 16 << 10},
      {"GET", "/api/v1/requests/{id}", kRequestsRead, "A request with its timeline",
       WithDb(db, HandleGet), 1 << 20, {"date"}},
      {"PATCH", "/api/v1/requests/{id}", kRequestsWrite, "Change a request's details",
       WithDb(db, HandleUpdate), 16 << 10},
      {"POST", "/api/v1/requests/{id}/actions", kRequestsWrite,
       "Accept, forward, progress, resolve, rate, reopen, escalate or withdraw",
       WithDb(db, HandleAction), 8 << 10},
      {"GET", "/api/v1/request-categories", kRequestsRead, "Request categories and time limits",
       WithDb(db, HandleCategories)},
      {"POST", "/api/v1/request-categories", kRequestsCategories, "Add a request category",
       WithDb(db, HandleCategoryCreate), 8 << 10},
      {"PATCH", "/api/v1/request-categories/{code}", kRequestsCategories,
       "Change a request category", WithDb(db, HandleCategoryUpdate), 8 << 10},
      {"GET", "/api/v1/request-statuses", kRequestsRead, "Request statuses and their types",
       WithDb(db, HandleStatuses)},
      {"GET", "/api/v1/holidays", kRequestsRead, "Holidays and worked weekend days of a year",
       WithDb(db, HandleHolidays), 1 << 20, {"year"}},
      {"PUT", "/api/v1/holidays/{date}", kHolidaysWrite, "Set a day off or a worked weekend day",
       WithDb(db, HandleHolidayPut), 4 << 10},
      {"DELETE", "/api/v1/holidays/{date}", kHolidaysWrite, "Remove a day from the calendar",
       WithDb(db, HandleHolidayDelete)},
      {"GET", "/api/v1/stats/requests", kRequestsRead,
       "Requests raised in a period under a region: open, late, on time, satisfaction",
       WithDb(reports, HandleStats), 1 << 20, {"region", "from", "to", "date"}},
      {"GET", "/api/v1/todo", kSignedIn, "What the signed-in user owes on a date",
       WithDb(db, HandleTodo), 1 << 20, {"date"}},
      {"GET", "/api/v1/todo/count", kSignedIn, "How many to-do items (the header's bell)",
       WithDb(db, HandleTodoCount), 1 << 20, {"date"}},
  };
  // clang-format on
}

// Land transfer, receipts and the collectives' income.
std::vector<Route> LandRoutes(db::Database& db, db::Database& reports) {
  using namespace land;  // NOLINT: the handlers and permissions of this table
  // clang-format off
  return {
      {"GET", "/api/v1/land-contracts", kLandRead, "List land-transfer contracts",
       WithDb(db, HandleContractsList), 1 << 20,
       {"q", "region", "land_type", "transferee_enterprise", "transferee_person", "date",
        "overdue", "overdue_days", "ending_within", "page", "page_size"}},
      {"POST", "/api/v1/land-contracts", kLandWrite, "Register a contract (its schedule is made)",
       WithDb(db, HandleContractCreate), 64 << 10},
      {"GET", "/api/v1/land-contracts/{id}", kLandRead, "A contract, its figures on a date",
       WithDb(db, HandleContractGet), 1 << 20, {"date"}},
      {"PATCH", "/api/v1/land-contracts/{id}", kLandWrite,
       "Change a contract (terms only before the first receipt)",
       WithDb(db, HandleContractUpdate), 64 << 10},
      {"DELETE", "/api/v1/land-contracts/{id}", kLandWrite,
       "Delete a contract without receipts (soft)", WithDb(db, HandleContractDelete)},
      {"GET", "/api/v1/land-contracts/{id}/payments", kLandRead,
       "The payment schedule and receipts, with each payment's status on a date",
       WithDb(db, HandlePaymentsList), 1 << 20, {"date"}},
      {"POST", "/api/v1/land-contracts/{id}/payments/{n}/receipts", kLandWrite,
       "Record rent received for a payment", WithDb(db, HandleReceiptCreate), 8 << 10},
      {"DELETE", "/api/v1/land-contracts/{id}/receipts/{receipt_id}", kLandWrite,
       "Remove a receipt entered by mistake", WithDb(db, HandleReceiptDelete)},
      {"GET", "/api/v1/stats/land", kLandRead,
       "Contracts, area, jobs, rent due, received and overdue under a region for a year",
       WithDb(reports, HandleLandStats), 1 << 20, {"region", "year", "by"}},
      {"GET", "/api/v1/collective-income", kIncomeRead, "Collective income entered by hand",
       WithDb(db, HandleIncomeList), 1 << 20,
       {"region", "organization", "year", "source", "page", "page_size"}},
      {"POST", "/api/v1/collective-income", kIncomeWrite, "Enter collective income",
       WithDb(db, HandleIncomeCreate), 8 << 10},
      {"GET", "/api/v1/collective-income/{id}", kIncomeRead, "An income entry",
       WithDb(db, HandleIncomeGet)},
      {"PATCH", "/api/v1/collective-income/{id}", kIncomeWrite, "Change an income entry",
       WithDb(db, HandleIncomeUpdate), 8 << 10},
      {"DELETE", "/api/v1/collective-income/{id}", kIncomeWrite, "Delete an income entry (soft)",
       WithDb(db, HandleIncomeDelete)},
      {"GET", "/api/v1/stats/collective-income", kIncomeRead,
       "The collectives' income by source under a region for a year (rent from receipts)",
       WithDb(reports, HandleIncomeStats), 1 << 20, {"region", "year", "by"}},
  };
  // clang-format on
}

std::vector<Route> EventRoutes(db::Database& db, db::Database& reports) {
  using namespace events;  // NOLINT: the handlers and permissions of this table
  // clang-format off
  return {
      {"GET", "/api/v1/event-kinds", kEventsRead, "The kinds of event (data)",
       WithDb(db, HandleEventKindsList)},
      {"POST", "/api/v1/event-kinds", kEventKinds, "Add a kind of event",
       WithDb(db, HandleEventKindCreate), 8 << 10},
      {"PATCH", "/api/v1/event-kinds/{id}", kEventKinds, "Rename, regroup or retire a kind",
       WithDb(db, HandleEventKindUpdate), 8 << 10},
      {"GET", "/api/v1/events", kEventsRead, "List events (newest first)",
       WithDb(db, HandleEventsList), 1 << 20,
       {"q", "region", "kind", "group", "from", "to", "person", "project", "page", "page_size"}},
      {"POST", "/api/v1/events", kEventsWrite, "Record an event",
       WithDb(db, HandleEventCreate), 64 << 10},
      {"GET", "/api/v1/events/{id}", kEventsRead, "An event", WithDb(db, HandleEventGet)},
      {"PATCH", "/api/v1/events/{id}", kEventsWrite, "Change an event",
       WithDb(db, HandleEventUpdate), 64 << 10},
      {"DELETE", "/api/v1/events/{id}", kEventsWrite, "Delete an event (soft)",
       WithDb(db, HandleEventDelete)},
      {"GET", "/api/v1/events/{id}/attendance", kEventsRead, "Who attended an event",
       WithDb(db, HandleAttendanceList)},
      {"PUT", "/api/v1/events/{id}/attendance", kEventsWrite,
       "Replace an event's attendance (rows of one person merged)",
       WithDb(db, HandleAttendancePut), 2 << 20},
      {"POST", "/api/v1/events/{id}/attendance", kEventsWrite,
       "Add or change one person's attendance (the roll call)",
       WithDb(db, HandleAttendanceMark), 8 << 10},
      {"DELETE", "/api/v1/events/{id}/attendance/{person_id}", kEventsWrite,
       "Remove one person's attendance", WithDb(db, HandleAttendanceRemove)},
      {"GET", "/api/v1/events/{id}/check-in-code", kEventsWrite,
       "A signed check-in code for the event's QR image (4 hours)",
       WithDb(db, HandleCheckInCode)},
      {"POST", "/api/v1/events/{id}/check-in", kSignedIn,
       "Check in as oneself with the event's code", WithDb(db, HandleCheckIn), 8 << 10},
      {"GET", "/api/v1/stats/events", kEventsRead,
       "Events, person-times, people and unregistered head-counts under a region",
       WithDb(reports, HandleEventStats), 1 << 20, {"region", "from", "to"}},
  };
  // clang-format on
}

// Ledgers in and out of Excel, and the change log.
// Figures of any region and period, and the work brief written from them.
std::vector<Route> FigureRoutes(db::Database& db, db::Database& reports) {
  using namespace figures;  // NOLINT: the handlers of this table
  // clang-format off
  return {
      {"GET", "/api/v1/stats/summary", kSignedIn,
       "A region's figures for a period (each ledger's for whoever may read it); by=child adds each child region",
       WithDb(reports, HandleSummary), 1 << 20, {"region", "from", "to", "by"}},
      {"GET", "/api/v1/stats/figures", kSignedIn,
       "The figures' definitions: name, unit, how they roll up, what they count",
       WithDb(db, HandleCatalog)},
      {"GET", "/api/v1/briefs", kBriefsRead,
       "The work brief (工作简报) of a region and period as docx, html or xlsx",
       WithDb(reports, HandleBrief), 1 << 20, {"region", "from", "to", "format"}},
      {"GET", "/api/v1/brief-templates", kBriefsRead, "The brief's section templates",
       WithDb(db, HandleTemplatesList)},
      {"PUT", "/api/v1/brief-templates/{section}", kBriefsManage,
       "Change a section's heading and text (placeholders name figures)",
       WithDb(db, HandleTemplateUpdate), 64 << 10},
  };
  // clang-format on
}

std::vector<Route> SheetAndAuditRoutes(db::Database& db, db::Database& reports,
                                       jobs::Runner& runner) {
  // clang-format off
  return {
      {"GET", "/api/v1/templates/{kind}", kSignedIn,
       "Import template of a kind (people.xlsx, organizations.xlsx, enterprises.xlsx, "
       "memberships.xlsx, pairings.xlsx); needs the kind's read or write permission",
       WithDb(db, sheets::HandleTemplate)},
      {"POST", "/api/v1/imports", kSignedIn,
       "Import an .xlsx or .csv file of a kind; needs the kind's write permission. Files of "
       "more than 1,000 rows answer 202 with a background job (GET /api/v1/jobs/{id})",
       [&db, &runner](const Request& r) { return sheets::HandleImport(db, runner, r); },
       64 << 20, {"kind", "dry_run", "filename"}},
      {"POST", "/api/v1/imports/annotated", kSignedIn,
       "The uploaded file back as .xlsx with each row's mistakes",
       WithDb(db, sheets::HandleImportAnnotated), 64 << 20, {"kind", "filename"}},
      {"GET", "/api/v1/exports/{kind}", kSignedIn,
       "A list as .xlsx, with the filters of its list route; needs the kind's read permission",
       WithDb(reports, sheets::HandleExport), 1 << 20,
       {"q", "region", "tag", "post", "party_stage", "kind", "industry", "chamber", "date", "all",
        "level", "source"}},

      {"GET", "/api/v1/jobs", kSignedIn, "One's latest background jobs (imports)",
       WithDb(db, jobs::HandleList), 1 << 20, {"kind", "subject", "active"}},
      {"GET", "/api/v1/jobs/{id}", kSignedIn,
       "One of one's background jobs: state, rows done, errors and result",
       WithDb(db, jobs::HandleGet)},

      {"GET",
       "/api/v1/audit",
       kAuditRead,
       "The change log (操作日志): one record's history, or across records",
       WithDb(db, audit::HandleList),
       1 << 20,
       {"entity", "id", "user", "action", "from", "to", "page", "page_size"}},
  };
  // clang-format on
}

}  // namespace

// The table, read top to bottom: what the server answers, then each area's
// routes.
std::vector<Route> App::BuildRoutes() {
  RegisterSheetKinds();
  auto& db = db_;
  // clang-format off
  std::vector<Route> routes = {
      {"GET", "/healthz", kPublic, "Liveness and schema version",
       [&db](const Request&) -> Result<Response> {
         SL_ASSIGN_OR_RETURN(int version, db::SchemaVersion(db));
         return Response::Ok({{"status", "ok"}, {"schema_version", version}});
       }},
      {"GET", "/metrics", kPublic, "Prometheus metrics",
       [this](const Request&) -> Result<Response> {
         Response r;
         r.raw_body = metrics_.Render();
         if (const db::ReadReplica* replica = options_.reports) {
           *r.raw_body +=
               "# HELP sl_report_reads_total Report read transactions by the database they ran "
               "on (--read-db)\n# TYPE sl_report_reads_total counter\n"
               "sl_report_reads_total{db=\"replica\"} " + std::to_string(replica->replica_reads()) +
               "\nsl_report_reads_total{db=\"primary\"} " +
               std::to_string(replica->primary_reads()) + "\n";
         }
         r.content_type = "text/plain; version=0.0.4; charset=utf-8";
         return r;
       }},
      {"GET", "/api/v1/openapi.json", kPublic, "This API's OpenAPI document",
       [this](const Request&) -> Result<Response> { return Response::Ok(OpenApi()); }},
  };
  // clang-format on
  // Reports read from the replica when there is one (--read-db).
  db::Database& reports = options_.reports ? *options_.reports : db_;
  for (auto& more : {SessionRoutes(auth_), RegistryRoutes(db, reports), PairingRoutes(db, reports),
                     ProjectRoutes(db, reports), LandRoutes(db, reports), EventRoutes(db, reports),
                     RequestRoutes(db, reports), FigureRoutes(db, reports),
                     SheetAndAuditRoutes(db, reports, jobs_)})
    for (const Route& r : more) routes.push_back(r);
  return routes;
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
