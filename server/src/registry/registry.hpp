#pragma once
// Registry operations: validate, write in the caller's transaction, audit in
// the same transaction. Routes and the spreadsheet importer both call these, so
// a row in a file is checked exactly like a form.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/caller.hpp"
#include "core/handler.hpp"
#include "db/db.hpp"
#include "registry/model.hpp"
#include "store/query.hpp"

namespace sl::registry {

// Permissions of the registry.
inline constexpr const char* kPeopleRead = "people.read";
// Creating people and changing their details. Without people.manage only the
// people who are chamber members in the capture scope may be changed (the
// chamber secretary keeps the chamber's members, no one else).
inline constexpr const char* kPeopleWrite = "people.write";
// Deleting people, and their posts and party stages.
inline constexpr const char* kPeopleManage = "people.manage";
// Personal data in full: the phone number, the birth date, an ID-card clash.
// Without it the phone is masked and the birth date withheld (the age stays).
inline constexpr const char* kPeopleSensitive = "people.sensitive";
inline constexpr const char* kOrganizationsRead = "organizations.read";
inline constexpr const char* kOrganizationsWrite = "organizations.write";
inline constexpr const char* kEnterprisesRead = "enterprises.read";
inline constexpr const char* kEnterprisesWrite = "enterprises.write";
inline constexpr const char* kMembershipsRead = "memberships.read";
inline constexpr const char* kMembershipsWrite = "memberships.write";
inline constexpr const char* kStatsRead = "stats.read";

// What a form or a spreadsheet row says; absent fields are left as they are.
// The Update* operations write nothing (no new version, no audit row) when the
// input changes nothing, and then set `*changed` to false.
// For nullable fields, an empty string clears.
struct PersonInput {
  std::optional<std::string> name, gender, birth_date, phone, id_card, region, notes;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> tags_since;          // when added tags hold from (default today)
  std::optional<std::string> stage, stage_since;  // on creation only
  std::optional<int64_t> version;
};

struct PostInput {
  // industry: the sector the post's department serves (an enterprise industry
  // code); "" clears it on update.
  std::optional<std::string> kind, region, title, valid_from, valid_to, industry;
  std::optional<bool> leadership_team;
};

struct StageInput {
  std::string stage, since;
  std::optional<int64_t> organization;
};

struct OrganizationInput {
  std::optional<std::string> kind, name, region, founded_on;
  std::optional<int64_t> parent;  // 0 clears
  std::optional<int64_t> version;
};

struct OrgMemberInput {
  std::optional<int64_t> person;
  std::optional<std::string> post, valid_from, valid_to;
};

struct EnterpriseInput {
  std::optional<std::string> name, uscc, industry, region, founded_on;
  std::optional<int64_t> legal_representative;  // 0 clears
  std::optional<int64_t> registered_capital_fen;
  std::optional<int64_t> version;
};

struct MembershipInput {
  std::optional<int64_t> chamber, person, enterprise;  // enterprise 0 clears
  std::optional<std::string> post, joined_on, left_on, dues_status;
  std::optional<int64_t> version;
};

using store::Paged;

// People ---------------------------------------------------------------------

enum class PersonOrder { kName, kNameDesc, kUpdated, kUpdatedDesc };
struct PersonFilter {
  std::string q;
  std::string region;                  // a code: people of its subtree
  std::string tag, post, party_stage;  // ids of Tags(), PostKinds(), PartyStages()
  PersonOrder order = PersonOrder::kName;
  // The day the filters' tag, post and party stage are held on, and the
  // records' tags, party stage and posts are as of ("" today).
  std::string date;
  // Only the people whose typed ID card clashes with a record elsewhere
  // (people.sensitive).
  bool id_conflict = false;
};

Result<Person> GetPerson(db::Tx& tx, const Scope& view, int64_t id);
Result<PersonFile> GetPersonFile(db::Tx& tx, const Caller& caller, int64_t id);
Result<Paged<Person>> ListPeople(db::Tx& tx, const Caller& caller, const PersonFilter& filter,
                                 const Page& page);
// Streams every person matching `filter` (for exports).
Status ForEachPerson(db::Tx& tx, const Caller& caller, const PersonFilter& filter,
                     const std::function<Status(const Person&)>& fn);
Result<Person> CreatePerson(db::Tx& tx, const Caller& caller, const PersonInput& in);
// Creates many people with a few bulk statements (an import): per input the
// new record, or why it was refused (kInvalid, as CreatePerson would answer);
// an error of the database ends it all. Inputs are not matched against
// existing records: that is the caller's natural-key step.
Result<std::vector<Result<Person>>> CreatePeople(db::Tx& tx, const Caller& caller,
                                                 const std::vector<PersonInput>& inputs);
Result<Person> UpdatePerson(db::Tx& tx, const Caller& caller, int64_t id, const PersonInput& in,
                            bool* changed = nullptr);
// The person as on file when UpdatePerson with `in` would change nothing
// (its checks passed); nullopt when it would. Writes nothing.
Result<std::optional<Person>> PersonIfUnchanged(db::Tx& tx, const Caller& caller, int64_t id,
                                                const PersonInput& in);
Status DeletePerson(db::Tx& tx, const Caller& caller, int64_t id);
// Takes back a person an import created (the import failed): deleted, and
// the ID card freed, as if the row had never been imported.
Status RemoveImportedPerson(db::Tx& tx, const Caller& caller, int64_t id);
// Uses the ID-card key of the key file (core/keys.hpp) for this process. An
// older database's key moves out to the file; a database whose numbers were
// hashed with another key (a restore without its key file) is refused. The
// database keeps only a check value of the key.
Status LoadIdCardKey(db::Database& db, const std::string& key_file);
// A secret for `purpose` (check-in codes) derived from the ID-card key: kept
// with it outside the database, the same on every app server.
Result<std::string> DerivedSecret(db::Tx& tx, std::string_view purpose);

// The person with this ID-card number (deleted ones too) inside `view`, for
// natural-key matching: a number on file outside the view is not reported.
Result<std::optional<int64_t>> FindPersonByIdCard(db::Tx& tx, const Scope& view,
                                                  const std::string& id_card);
// The natural keys of many rows looked up at once (an import): which of these
// ID cards (as typed; invalid ones are skipped) are on file, deleted people
// too, as normalized numbers; which (region id, name) pairs name a person.
struct PeopleOnFile {
  std::set<std::string> id_cards;
  std::set<std::pair<int64_t, std::string>> names;
};
Result<PeopleOnFile> FindPeopleOnFile(db::Tx& tx, const std::vector<std::string>& id_cards,
                                      const std::vector<std::pair<int64_t, std::string>>& names);
Result<std::optional<int64_t>> FindPersonByNameRegion(db::Tx& tx, const std::string& name,
                                                      int64_t region_id,
                                                      const std::optional<std::string>& birth);

Result<Post> AddPost(db::Tx& tx, const Caller& caller, int64_t person_id, const PostInput& in);
Result<Post> UpdatePost(db::Tx& tx, const Caller& caller, int64_t post_id, const PostInput& in);
Status DeletePost(db::Tx& tx, const Caller& caller, int64_t post_id);
Result<Person> ChangePartyStage(db::Tx& tx, const Caller& caller, int64_t person_id,
                                const StageInput& in);

// Rules (no I/O): the message when `next` may not follow `current`.
std::optional<Text> CheckStageStep(const std::optional<std::string>& current,
                                   const std::string& next);
bool IsPartyMemberStage(std::string_view stage);

// Organizations --------------------------------------------------------------

struct OrganizationFilter {
  std::string q, region;
  std::string kind;  // an id of OrganizationKinds()
};
Result<Organization> GetOrganization(db::Tx& tx, const Scope& view, int64_t id);
Result<Paged<Organization>> ListOrganizations(db::Tx& tx, const Caller& caller,
                                              const OrganizationFilter& f, const Page& page);
Status ForEachOrganization(db::Tx& tx, const Caller& caller, const OrganizationFilter& f,
                           const std::function<Status(const Organization&)>& fn);
Result<Organization> CreateOrganization(db::Tx& tx, const Caller& caller,
                                        const OrganizationInput& in);
Result<Organization> UpdateOrganization(db::Tx& tx, const Caller& caller, int64_t id,
                                        const OrganizationInput& in, bool* changed = nullptr);
Status DeleteOrganization(db::Tx& tx, const Caller& caller, int64_t id);
Result<std::optional<int64_t>> FindOrganization(db::Tx& tx, const std::string& kind,
                                                const std::string& name, int64_t region_id);
Result<std::vector<OrgMember>> ListOrgMembers(db::Tx& tx, const Scope& view, int64_t org_id,
                                              const std::string& date);
Result<OrgMember> AddOrgMember(db::Tx& tx, const Caller& caller, int64_t org_id,
                               const OrgMemberInput& in);
Result<OrgMember> UpdateOrgMember(db::Tx& tx, const Caller& caller, int64_t member_id,
                                  const OrgMemberInput& in);
Status DeleteOrgMember(db::Tx& tx, const Caller& caller, int64_t member_id);

// Enterprises ----------------------------------------------------------------

struct EnterpriseFilter {
  std::string q, region;
  std::string industry;  // an id of Industries()
};
Result<Enterprise> GetEnterprise(db::Tx& tx, const Scope& view, int64_t id);
Result<Paged<Enterprise>> ListEnterprises(db::Tx& tx, const Caller& caller,
                                          const EnterpriseFilter& f, const Page& page);
Status ForEachEnterprise(db::Tx& tx, const Caller& caller, const EnterpriseFilter& f,
                         const std::function<Status(const Enterprise&)>& fn);
Result<Enterprise> CreateEnterprise(db::Tx& tx, const Caller& caller, const EnterpriseInput& in);
Result<Enterprise> UpdateEnterprise(db::Tx& tx, const Caller& caller, int64_t id,
                                    const EnterpriseInput& in, bool* changed = nullptr);
Status DeleteEnterprise(db::Tx& tx, const Caller& caller, int64_t id);
Result<std::optional<int64_t>> FindEnterpriseByUscc(db::Tx& tx, const std::string& uscc);
// Many at once (an import's batch), with the same checks, audit and index as
// one by one; per input its record or its error (a code on file or twice in
// the batch is enterprise_uscc_taken).
Result<std::vector<Result<Enterprise>>> CreateEnterprises(db::Tx& tx, const Caller& caller,
                                                          const std::vector<EnterpriseInput>& in);
// Which of many normalized credit codes are on file (`codes`), and the
// records the caller sees among them and among `ids` (`visible` by id, and
// their codes in `by_code`).
struct EnterprisesOnFile {
  std::set<std::string> codes;
  std::map<int64_t, Enterprise> visible;
  std::map<std::string, int64_t> by_code;
};
Result<EnterprisesOnFile> FindEnterprisesOnFile(db::Tx& tx, const Caller& caller,
                                                const std::vector<std::string>& codes,
                                                const std::vector<int64_t>& ids = {});
// Whether an input, as an import reads it, would leave the record as it is
// (UpdateEnterprise would change nothing); false for input it would refuse.
bool ImportLeavesUnchanged(EnterpriseInput in, const Enterprise& e);

// Chamber memberships --------------------------------------------------------

struct MembershipFilter {
  std::string q, region;
  std::string date;  // members on this day ("" today); party membership is judged on it
  int64_t chamber = 0, enterprise = 0;
  bool all = false;  // former members too
};
Result<Membership> GetMembership(db::Tx& tx, const Scope& view, int64_t id);
Result<Paged<Membership>> ListMemberships(db::Tx& tx, const Caller& caller,
                                          const MembershipFilter& f, const Page& page);
Status ForEachMembership(db::Tx& tx, const Caller& caller, const MembershipFilter& f,
                         const std::function<Status(const Membership&)>& fn);
Result<Membership> CreateMembership(db::Tx& tx, const Caller& caller, const MembershipInput& in);
Result<Membership> UpdateMembership(db::Tx& tx, const Caller& caller, int64_t id,
                                    const MembershipInput& in, bool* changed = nullptr);
Status DeleteMembership(db::Tx& tx, const Caller& caller, int64_t id);
Result<std::optional<int64_t>> FindOpenMembership(db::Tx& tx, int64_t chamber_id,
                                                  int64_t person_id);

// Chamber figures ------------------------------------------------------------

struct ChamberFigures {
  int64_t members = 0, party_members = 0, enterprises = 0, registered_capital_fen = 0;
};
Result<ChamberFigures> ChamberStats(db::Tx& tx, const Scope& view, const std::string& region_code,
                                    const std::string& date);

// Handlers -------------------------------------------------------------------

// The filters of the list routes (and of their exports) from the query.
Result<PersonFilter> ParsePersonFilter(const Request& r);
Result<OrganizationFilter> ParseOrganizationFilter(const Request& r);
Result<EnterpriseFilter> ParseEnterpriseFilter(const Request& r);
Result<MembershipFilter> ParseMembershipFilter(const Request& r);

Result<Response> HandlePeopleList(db::Database& db, const Request& r);
Result<Response> HandlePersonCreate(db::Database& db, const Request& r);
Result<Response> HandlePersonGet(db::Database& db, const Request& r);
Result<Response> HandlePersonUpdate(db::Database& db, const Request& r);
Result<Response> HandlePersonDelete(db::Database& db, const Request& r);
Result<Response> HandlePostCreate(db::Database& db, const Request& r);
Result<Response> HandlePostUpdate(db::Database& db, const Request& r);
Result<Response> HandlePostDelete(db::Database& db, const Request& r);
Result<Response> HandlePartyStage(db::Database& db, const Request& r);
Result<Response> HandleOrganizationsList(db::Database& db, const Request& r);
Result<Response> HandleOrganizationCreate(db::Database& db, const Request& r);
Result<Response> HandleOrganizationGet(db::Database& db, const Request& r);
Result<Response> HandleOrganizationUpdate(db::Database& db, const Request& r);
Result<Response> HandleOrganizationDelete(db::Database& db, const Request& r);
Result<Response> HandleOrgMembersList(db::Database& db, const Request& r);
Result<Response> HandleOrgMemberCreate(db::Database& db, const Request& r);
Result<Response> HandleOrgMemberUpdate(db::Database& db, const Request& r);
Result<Response> HandleOrgMemberDelete(db::Database& db, const Request& r);
Result<Response> HandleEnterprisesList(db::Database& db, const Request& r);
Result<Response> HandleEnterpriseCreate(db::Database& db, const Request& r);
Result<Response> HandleEnterpriseGet(db::Database& db, const Request& r);
Result<Response> HandleEnterpriseUpdate(db::Database& db, const Request& r);
Result<Response> HandleEnterpriseDelete(db::Database& db, const Request& r);
Result<Response> HandleMembershipsList(db::Database& db, const Request& r);
Result<Response> HandleMembershipCreate(db::Database& db, const Request& r);
Result<Response> HandleMembershipUpdate(db::Database& db, const Request& r);
Result<Response> HandleMembershipDelete(db::Database& db, const Request& r);
Result<Response> HandleChamberStats(db::Database& db, const Request& r);

}  // namespace sl::registry
