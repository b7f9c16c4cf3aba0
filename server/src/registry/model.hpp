#pragma once
// The registry's vocabulary: enumerations with their Chinese labels (as the
// town office writes them in its Excel ledgers) and the records.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/choice.hpp"
#include "core/json.hpp"

namespace sl::registry {

using sl::Choice;
using sl::ChoiceId;
using sl::ChoiceLabel;
using sl::IsChoice;
using sl::Ref;
using sl::RefJson;
using sl::RegionJson;
using sl::RegionRef;

const std::vector<Choice>& Genders();
const std::vector<Choice>& PostKinds();
const std::vector<Choice>& Tags();
const std::vector<Choice>& PartyStages();  // in pipeline order
const std::vector<Choice>& OrganizationKinds();
const std::vector<Choice>& MemberPosts();
const std::vector<Choice>& Industries();
const std::vector<Choice>& ChamberPosts();
const std::vector<Choice>& DuesStatuses();

struct Post {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string kind;
  RegionRef region;
  std::string title;
  bool leadership_team = false;
  std::string valid_from;
  std::optional<std::string> valid_to;
  std::optional<std::string> industry;  // the sector the department serves (联系行业)
};

struct StageRecord {
  int64_t id = 0;
  std::string stage;
  std::optional<Ref> organization;
  std::string valid_from;
  std::optional<std::string> valid_to;
};

struct Person {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> gender, birth_date, phone, id_card_masked;
  RegionRef region;
  std::string notes;
  std::vector<std::string> tags;
  std::optional<StageRecord> party_stage;  // the open one
  std::vector<Post> posts;                 // open today
  // The typed ID card is on file for another person outside the writer's
  // view (person_id_conflict): for the town office to resolve.
  bool id_card_conflict = false;
  std::string created_at, updated_at;
  std::optional<std::string> deleted_at;
  int64_t version = 1;
};

// A person with their history and ties: what the person's page shows.
struct PersonFile {
  Person person;
  std::vector<StageRecord> party_stages;  // every stage, oldest first
  std::vector<Post> post_history;         // every post, oldest first
  struct OrgTie {
    int64_t id = 0;
    Ref organization;
    std::string kind, post, valid_from;
    std::optional<std::string> valid_to;
  };
  std::vector<OrgTie> organizations;
  struct ChamberTie {
    int64_t id = 0;
    Ref chamber;
    std::optional<Ref> enterprise;
    std::string post, joined_on;
    std::optional<std::string> left_on;
    std::string dues_status;
  };
  std::vector<ChamberTie> memberships;
  struct Firm {
    int64_t id = 0;
    std::string name, uscc;
  };
  std::vector<Firm> enterprises;  // those they are the legal representative of
};

struct Organization {
  int64_t id = 0;
  std::string kind, name;
  RegionRef region;
  std::optional<Ref> parent;
  std::optional<std::string> founded_on;
  int64_t members = 0;  // open today
  std::string created_at, updated_at;
  int64_t version = 1;
};

struct OrgMember {
  int64_t id = 0;
  Ref organization;
  std::string organization_kind;
  Ref person;
  std::string post, valid_from;
  std::optional<std::string> valid_to;
  std::string region_path;
};

struct Enterprise {
  int64_t id = 0;
  std::string name, uscc;
  std::optional<Ref> legal_representative;
  std::string industry;
  int64_t registered_capital_fen = 0;
  RegionRef region;
  std::optional<std::string> founded_on;
  std::string created_at, updated_at;
  int64_t version = 1;
};

struct Membership {
  int64_t id = 0;
  Ref chamber;
  Ref person;
  std::optional<Ref> enterprise;
  std::string post, joined_on;
  std::optional<std::string> left_on;
  std::string dues_status;
  bool party_member = false;  // on the day asked about
  std::string region_path;
  std::string created_at, updated_at;
  int64_t version = 1;
};

// JSON of the API (docs/api.md). `sensitive` false (no people.sensitive)
// masks the phone and gives the age in place of the birth date.
Json ToJson(const Person& p, bool sensitive);
Json ToJson(const PersonFile& f, bool sensitive);
Json ToJson(const Post& p);
Json ToJson(const StageRecord& s);
Json ToJson(const Organization& o);
Json ToJson(const OrgMember& m);
Json ToJson(const Enterprise& e);
// The same as text (a page of a list: core/json.hpp, JsonTextFields).
void AppendJson(std::string& out, const Enterprise& e);
Json ToJson(const Membership& m);

}  // namespace sl::registry
