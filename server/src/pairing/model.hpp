#pragma once
// The pairing system's vocabulary and records: the four levels, the traits
// rules filter on, contact kinds, periods, project kinds — with their labels —
// and the records the API answers.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "db/db.hpp"
#include "registry/model.hpp"
#include "store/row_map.hpp"

namespace sl::pairing {

using registry::Choice;
using registry::Ref;

// Permissions.
inline constexpr const char* kPairingRead = "pairing.read";
inline constexpr const char* kPairingWrite = "pairing.write";
inline constexpr const char* kRulesWrite = "rules.write";
inline constexpr const char* kContactsRead = "contacts.read";
inline constexpr const char* kContactsWrite = "contacts.write";
// Changing and deleting anyone's logged visits (the town office).
inline constexpr const char* kContactsManage = "contacts.manage";
inline constexpr const char* kComplianceRead = "compliance.read";

// Level "1".."6": who answers for what. 1–4 are the four-level system (四级包保);
// 5 is a full party member mentoring an activist (培养联系人); 6 a county cadre
// for an enterprise (a county campaign such as 百名干部联百企).
const std::vector<Choice>& Levels();
inline constexpr int kLevelCount = 6;
inline bool IsLevel(int level) { return level >= 1 && level <= kLevelCount; }
// The target kind a level pairs with: person, region, region, project, person,
// enterprise.
const char* TargetKindOf(int level);
// Traits a source filter names (all required): leadership_team, town_cadre,
// county_cadre, resident_cadre, village_cadre, party_member, entrepreneur.
const std::vector<Choice>& SourceTraits();
// Traits a target filter names (one): village_branch, wealth_creator,
// activist, party_member, entrepreneur, enterprise, village, group, project.
const std::vector<Choice>& TargetTraits();
const std::vector<Choice>& Periods();       // year, quarter, month
const std::vector<Choice>& ContactKinds();  // visit, call, meeting
const std::vector<Choice>&
ContactTargetKinds();  // person, organization, enterprise, region, project

// A target as the API shows it.
struct TargetRef {
  std::string kind;
  int64_t id = 0;
  std::string name;
  registry::RegionRef region;  // where it is
};
Json ToJson(const TargetRef& t);
// The same as text (a plan's tens of thousands of items: core/json.hpp).
void AppendJson(std::string& out, const TargetRef& t);
// A target as a query's two columns, kind and id (its name and place are
// resolved afterwards).
void Set(TargetRef& t, const db::Row& r, size_t i);

struct PairingRecord {
  int64_t id = 0;
  int level = 0;
  Ref source;
  TargetRef target;
  std::string region_path;  // the pairing's place: the target's, or an entrepreneur's chamber's
  std::string valid_from;
  std::optional<std::string> valid_to;
  std::string origin;
  std::string created_at, updated_at;
  int64_t version = 1;
};
Json ToJson(const PairingRecord& p);

struct CoverageRuleRecord {
  int64_t id = 0;
  registry::RegionRef region;
  int level = 0;
  int min_sources = 1;
  std::optional<int> max_sources;
  std::string valid_from;
  std::optional<std::string> valid_to;
  std::string notes;
  int64_t version = 1;
};
Json ToJson(const CoverageRuleRecord& r);

struct QuotaRuleRecord {
  int64_t id = 0;
  registry::RegionRef region;
  std::string source_filter, target_filter, period;
  int min_contacts = 1;
  std::string valid_from;
  std::optional<std::string> valid_to;
  std::string notes;
  int64_t version = 1;
};
Json ToJson(const QuotaRuleRecord& r);

struct ContactRecord {
  int64_t id = 0;
  Ref person;  // who made the contact
  TargetRef target;
  std::string region_path;  // the target's place: what scopes look at
  std::string occurred_on, kind, place, notes;
  int64_t created_by = 0;  // the user who logged it (0: before this was kept)
  // The requests (诉求) raised on this visit.
  struct Raised {
    int64_t id = 0;
    std::string title, status;
  };
  std::vector<Raised> requests;
  std::string created_at, updated_at;
  int64_t version = 1;
};
Json ToJson(const ContactRecord& c);

// The compliance view of a region subtree on a date: per level the targets
// judged and covered with the gaps, per quota rule and person the contacts
// required and made, the follow-ups overdue, and above town level the same
// per town, worst first. Lists are cut at a limit; the *_total figures are
// their full lengths.
struct ComplianceReport {
  struct Place {
    std::string code, name, level;
  };
  struct Gap {
    TargetRef target;
    int sources = 0, min = 0;
    std::optional<int> max;
  };
  // The rule that governs the report's place at a level: where it is written
  // (a village answers to its county's rule) and what it asks.
  struct Rule {
    int64_t id = 0;
    Place region;
    int min = 0;
    std::optional<int> max;
  };
  struct Level {
    int level = 0;
    std::optional<Rule> rule;
    int64_t targets = 0, covered = 0;
    std::vector<Gap> uncovered, over;
    int64_t uncovered_total = 0, over_total = 0;
  };
  struct Quota {
    int64_t rule = 0;
    std::string source_filter, target_filter, period, from;
    Ref person;
    std::optional<Place> town;  // the person's town (none above town level)
    int required = 0, actual = 0, missing = 0;
  };
  // An open request (诉求) past its due date.
  struct Overdue {
    int64_t id = 0;
    std::optional<Ref> owner;            // none: the town office
    std::optional<TargetRef> requester;  // an enterprise or a person
    std::string category, title, raised_on, due_on;
    int days_overdue = 0;
  };
  struct Town {
    std::string code, name, path;
    std::array<int64_t, kLevelCount> targets{}, covered{};
    int64_t over = 0, quotas_failing = 0, overdue = 0;
    int64_t gaps() const;
  };

  Place region;
  std::string date;
  bool ok = true;
  std::vector<Level> levels;
  std::vector<Quota> quotas;
  int64_t quotas_total = 0, quotas_failing = 0;
  std::vector<Overdue> overdue;
  int64_t overdue_total = 0;
  std::optional<std::vector<Town>> towns;  // above town level
  // The stored per-unit parts it was assembled from, and those computed anew
  // (StoredCompliance; both 0 when computed whole).
  int64_t parts_read = 0, parts_computed = 0;
};
Json ToJson(const ComplianceReport& r);

}  // namespace sl::pairing

namespace sl::store {
// A target is read from two columns (see pairing::Set).
template <>
struct ColumnWidth<pairing::TargetRef> {
  static constexpr size_t value = 2;
};
}  // namespace sl::store
