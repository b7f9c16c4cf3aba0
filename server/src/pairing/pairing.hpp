#pragma once
// Operations of the pairing system: projects, pairings with their eligibility
// rules, coverage and quota rules, contacts and the compliance view. Like the
// registry's, each takes the caller (whose scopes it applies in SQL), writes in
// the caller's transaction and audits in the same transaction.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/caller.hpp"
#include "core/handler.hpp"
#include "db/db.hpp"
#include "pairing/model.hpp"
#include "pairing/rules.hpp"
#include "regions/regions.hpp"
#include "sheets/sheets.hpp"
#include "store/query.hpp"

namespace sl::pairing {

using store::Paged;

// Pairings --------------------------------------------------------------------

// `target` is a person id (level 1), a region code (levels 2, 3) or a project
// id (level 4), as text.
struct PairingInput {
  std::optional<int> level;
  std::optional<int64_t> source;
  std::optional<std::string> target, valid_from, valid_to, origin;
  std::optional<int64_t> version;
};
struct PairingFilter {
  std::string region, date;  // date: pairings valid on it ("" today)
  int level = 0;             // 0: every level
  int64_t source = 0;
  std::string target_kind;  // with target_id: who answers for this target
  int64_t target_id = 0;
  bool all = false;  // history too
};
Result<PairingRecord> GetPairing(db::Tx& tx, const Caller& caller, int64_t id);
Result<Paged<PairingRecord>> ListPairings(db::Tx& tx, const Caller& caller, const PairingFilter& f,
                                          const Page& page);
// Every pairing of the filter, in the list's order (for exports).
Status ForEachPairing(db::Tx& tx, const Caller& caller, const PairingFilter& f,
                      const std::function<Status(const PairingRecord&)>& fn);
// The pairing of exactly this source, target and start, if there is one.
Result<std::optional<int64_t>> FindPairing(db::Tx& tx, int level, int64_t source,
                                           const TargetRef& target, const std::string& valid_from);
// Checks eligibility: level 1 only leadership-team members for entrepreneurs
// of their town; level 2 resident cadres for villages of their town; level 3
// village cadres for groups of their own village; level 4 entrepreneurs for
// projects of their chamber's town. A source already answering for the target
// on that date is refused.
Result<PairingRecord> CreatePairing(db::Tx& tx, const Caller& caller, const PairingInput& in);
// A new source re-pairs: the old row ends on `valid_from` (default today) and
// a new row starts then; the answer is the new row. `valid_to` alone ends it.
Result<PairingRecord> UpdatePairing(db::Tx& tx, const Caller& caller, int64_t id,
                                    const PairingInput& in);
// Removes a pairing entered by mistake (history is kept by ending one).
Status DeletePairing(db::Tx& tx, const Caller& caller, int64_t id);

// Rules -----------------------------------------------------------------------

struct CoverageRuleInput {
  std::optional<std::string> region, valid_from, valid_to, notes;
  std::optional<int> level, min_sources;
  std::optional<std::optional<int>> max_sources;  // a null clears
  std::optional<int64_t> version;
};
struct QuotaRuleInput {
  std::optional<std::string> region, source_filter, target_filter, period, valid_from, valid_to,
      notes;
  std::optional<int> min_contacts;
  std::optional<int64_t> version;
};
struct RuleFilter {
  std::string region;  // a code; "" for the caller's one region (or everything)
  std::string date;    // rules valid on it ("" today)
  bool all = false;    // every rule, ended ones too
};
struct RuleLists {
  std::vector<CoverageRuleRecord> coverage;
  std::vector<QuotaRuleRecord> quota;
};
// The rules that apply under `region` (its own, its ancestors', its
// descendants').
Result<RuleLists> ListRules(db::Tx& tx, const Caller& caller, const RuleFilter& f);
Result<CoverageRuleRecord> CreateCoverageRule(db::Tx& tx, const Caller& caller,
                                              const CoverageRuleInput& in);
Result<CoverageRuleRecord> UpdateCoverageRule(db::Tx& tx, const Caller& caller, int64_t id,
                                              const CoverageRuleInput& in);
Status DeleteCoverageRule(db::Tx& tx, const Caller& caller, int64_t id);
Result<QuotaRuleRecord> CreateQuotaRule(db::Tx& tx, const Caller& caller, const QuotaRuleInput& in);
Result<QuotaRuleRecord> UpdateQuotaRule(db::Tx& tx, const Caller& caller, int64_t id,
                                        const QuotaRuleInput& in);
Status DeleteQuotaRule(db::Tx& tx, const Caller& caller, int64_t id);

// Contacts --------------------------------------------------------------------

// `person` defaults to the caller's own person (a leader logging a visit).
struct ContactInput {
  std::optional<int64_t> person;
  std::optional<std::string> target_kind, target, occurred_on, kind, place, notes;
  std::optional<int64_t> version;
  // Why a visit is changed after the days it may be changed freely (audited).
  std::optional<std::string> reason;
};
struct ContactFilter {
  std::string region, from, to;  // from, to: days, both included
  int64_t person = 0;            // who made them
  std::string target_kind;       // with target_id: contacts with this target
  int64_t target_id = 0;
};
Result<ContactRecord> GetContact(db::Tx& tx, const Caller& caller, int64_t id);
Result<Paged<ContactRecord>> ListContacts(db::Tx& tx, const Caller& caller, const ContactFilter& f,
                                          const Page& page);
Result<ContactRecord> CreateContact(db::Tx& tx, const Caller& caller, const ContactInput& in);
Result<ContactRecord> UpdateContact(db::Tx& tx, const Caller& caller, int64_t id,
                                    const ContactInput& in);
// A visit is changed or deleted by whoever logged it or the town office
// (contacts.manage); after the app_setting contact_edit_days, only with a
// `reason` (422 `reason` without), kept in the audit row.
Status DeleteContact(db::Tx& tx, const Caller& caller, int64_t id, const std::string& reason);

// Compliance ------------------------------------------------------------------

// GET /api/v1/compliance: per level coverage, per quota rule and person the
// contacts required and made, follow-ups overdue, an overall "ok"; and for a
// region above a town, the same per town, worst first. Lists are cut at
// `limit` entries each (their full counts are given). `date` "" is today.
Result<ComplianceReport> Compliance(db::Tx& tx, const Caller& caller, const std::string& region,
                                    const std::string& date, int limit);
// The same answer assembled from per-unit parts kept honest by the writes
// (store/unit_cache.hpp, under kComplianceKey + date): a province reads one
// stored part per town and computes only the towns written since. A village,
// or a `limit` over what parts keep (2,000), is computed whole.
inline constexpr const char* kComplianceKey = "compliance@";
Result<ComplianceReport> StoredCompliance(db::Database& db, const Caller& caller,
                                          const std::string& region, const std::string& date,
                                          int limit);
// Computes and stores the stale parts of `place` on `date` (figures rebuild);
// answers how many it computed.
Result<int64_t> StoreCompliance(db::Database& db, const regions::Region& place,
                                const std::string& date);

// Excel ----------------------------------------------------------------------

// The pairings ledger as a sheet kind (http/sheet_kinds.cpp registers it).
sheets::SheetKind PairingSheetKind();
// The compliance report of Compliance() with every list in full, as a
// workbook: summary, towns (above town level), coverage gaps, quotas, overdue.
// `region_name`, when given, receives the region's name (for the file name).
Result<std::string> ComplianceXlsx(db::Database& db, const Caller& caller,
                                   const std::string& region, const std::string& date, Lang lang,
                                   std::string* region_name = nullptr);

// Handlers (routes in http/routes.cpp) --------------------------------------

// The filters of the list routes (and of their exports) from the query.
Result<PairingFilter> ParsePairingFilter(const Request& r);

Result<Response> HandlePairingsList(db::Database& db, const Request& r);
Result<Response> HandlePairingCreate(db::Database& db, const Request& r);
Result<Response> HandlePairingGet(db::Database& db, const Request& r);
Result<Response> HandlePairingUpdate(db::Database& db, const Request& r);
Result<Response> HandlePairingDelete(db::Database& db, const Request& r);
Result<Response> HandleRulesList(db::Database& db, const Request& r);
Result<Response> HandleCoverageRuleCreate(db::Database& db, const Request& r);
Result<Response> HandleCoverageRuleUpdate(db::Database& db, const Request& r);
Result<Response> HandleCoverageRuleDelete(db::Database& db, const Request& r);
Result<Response> HandleQuotaRuleCreate(db::Database& db, const Request& r);
Result<Response> HandleQuotaRuleUpdate(db::Database& db, const Request& r);
Result<Response> HandleQuotaRuleDelete(db::Database& db, const Request& r);
// The contact form (the requests feature reads it for a visit with a request).
Result<ContactInput> ReadContact(const Json& body);
Result<Response> HandleContactsList(db::Database& db, const Request& r);
Result<Response> HandleContactGet(db::Database& db, const Request& r);
Result<Response> HandleContactUpdate(db::Database& db, const Request& r);
Result<Response> HandleContactDelete(db::Database& db, const Request& r);
Result<Response> HandleCompliance(db::Database& db, const Request& r);
Result<Response> HandleComplianceExport(db::Database& db, const Request& r);

}  // namespace sl::pairing
