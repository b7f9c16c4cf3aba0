#pragma once
// The rules of the four-level pairing system as plain functions over facts the
// store has gathered: which coverage or quota rule governs a place on a date,
// who is covered, who is under quota and by what. No SQL, no HTTP.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sl::pairing {

// Half-open validity: [from, to). A pairing ended yesterday does not count today.
bool ValidOn(std::string_view from, const std::optional<std::string>& to, std::string_view date);

// A coverage rule: every target of `level` under `region_path` has at least
// `min_sources` and at most `max_sources` (none: no upper bound) responsible
// people.
struct CoverageRule {
  int64_t id = 0;
  std::string region_path;
  int level = 0;
  int min_sources = 1;
  std::optional<int> max_sources;
  std::string valid_from;
  std::optional<std::string> valid_to;
};

// A quota rule: every person under `region_path` matching `source_filter`
// contacts at least `min_contacts` distinct targets matching `target_filter`
// in each `period` ("year", "quarter", "month").
struct QuotaRule {
  int64_t id = 0;
  std::string region_path;
  std::string source_filter;  // traits, all required: "party_member resident_cadre"
  std::string target_filter;  // one trait: "village_branch"
  int min_contacts = 1;
  std::string period = "year";
  std::string valid_from;
  std::optional<std::string> valid_to;
};

// The rule that governs a place on a date among rules of one key (a level, or
// a source and target filter): valid on the date, its region the deepest one
// that contains the place — so a town's rule overrides its county's. nullptr
// when none applies.
const CoverageRule* GoverningCoverage(const std::vector<CoverageRule>& rules, int level,
                                      std::string_view path, std::string_view date);
const QuotaRule* GoverningQuota(const std::vector<QuotaRule>& rules, std::string_view source_filter,
                                std::string_view target_filter, std::string_view path,
                                std::string_view date);

// The period of `kind` that contains `date`: [from, to).
struct Period {
  std::string from, to;
};
Period PeriodOf(std::string_view kind, std::string_view date);

// Something a person answers for, or may be contacted.
struct Target {
  std::string kind;  // person, region, project, organization, enterprise
  int64_t id = 0;
  std::string name;
  std::string region_path;  // where it is: what rules and scopes look at
  bool operator<(const Target& o) const { return kind != o.kind ? kind < o.kind : id < o.id; }
};

struct Pairing {
  int64_t id = 0;
  int level = 0;
  int64_t source = 0;  // a person
  std::string target_kind;
  int64_t target_id = 0;
  std::string valid_from;
  std::optional<std::string> valid_to;
};

// The coverage of one level on a date.
struct Coverage {
  int level = 0;
  int64_t targets = 0, covered = 0;  // judged targets; covered: as many sources as asked
  struct Gap {
    Target target;
    int sources = 0;  // responsible people on the date
    int min = 0;
    std::optional<int> max;
  };
  std::vector<Gap> uncovered;  // fewer sources than the rule's minimum
  std::vector<Gap> over;       // more than its maximum
  std::vector<size_t> judged;  // indices into the targets given
};
// `targets` are all the level's targets in the place; only pairings valid on
// the date count. A target no rule governs is not judged (nor counted): a
// town without rules for a level has nothing to show for it.
Coverage EvaluateCoverage(int level, const std::vector<Target>& targets,
                          const std::vector<Pairing>& pairings,
                          const std::vector<CoverageRule>& rules, std::string_view date);

// A person who may owe contacts, with the traits source filters test
// (leadership_team, resident_cadre, village_cadre, party_member, entrepreneur).
struct Source {
  int64_t person_id = 0;
  std::string name;
  std::string region_path;
  std::set<std::string> traits;
};

// A contact as quotas see it: who, whom, when, and what the target was then
// (village_branch, wealth_creator, activist, entrepreneur, village, ...).
struct Contact {
  int64_t person_id = 0;
  Target target;
  std::string occurred_on;
  std::set<std::string> target_traits;
};

struct QuotaStatus {
  int64_t rule_id = 0;
  std::string source_filter, target_filter, period;
  Source person;
  int required = 0, actual = 0, missing = 0;
  Period window;  // the period's start up to and including the date
};
// For every source and every quota rule key that governs it on the date: the
// distinct targets it contacted from the period's start through the date.
// Sorted by most missing first, then by person.
std::vector<QuotaStatus> EvaluateQuotas(const std::vector<Source>& sources,
                                        const std::vector<Contact>& contacts,
                                        const std::vector<QuotaRule>& rules, std::string_view date);

// Whether a person with `traits` matches a filter of space-separated traits.
bool MatchesFilter(const std::set<std::string>& traits, std::string_view filter);

}  // namespace sl::pairing
