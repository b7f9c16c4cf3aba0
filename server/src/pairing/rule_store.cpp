// Coverage and quota rules: data, per region subtree, with effective dates.
// Both kinds share their shape (a region, a validity interval, notes) and the
// way they are written; each has its own fields and checks.

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "db/scope.hpp"
#include "pairing/pairing.hpp"
#include "regions/regions.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"

namespace sl::pairing {

using store::Fields;
using store::Need;

namespace {

// The columns every rule has.
template <class Record>
store::RowMap<Record> RuleColumns() {
  return store::RowMap<Record>("x.id, x.region_id, r.code, r.name, r.path", &Record::id,
                               &Record::region)
      .Add("x.valid_from, x.valid_to, x.notes, x.version", &Record::valid_from, &Record::valid_to,
           &Record::notes, &Record::version);
}

bool IsFilter(const std::vector<Choice>& traits, const std::string& filter, bool many) {
  size_t words = 0, i = 0;
  while (i < filter.size()) {
    size_t j = filter.find(' ', i);
    if (j == std::string::npos) j = filter.size();
    if (j > i) {
      if (!IsChoice(traits, filter.substr(i, j - i))) return false;
      ++words;
    }
    i = j + 1;
  }
  return words == 1 || (many && words >= 1);
}

void CheckCoverage(CoverageRuleInput& in, const CoverageRuleRecord* before, Fields& errors) {
  if ((!before || in.level) && (!in.level || !IsLevel(*in.level)))
    errors.emplace("level", Text{"pairing_level", {}});
  if (!before && !in.min_sources) errors.emplace("min_sources", Text{"field_required", {}});
  const int min = in.min_sources.value_or(before ? before->min_sources : 0);
  if (min < 0) errors.emplace("min_sources", Text{"field_not_negative", {}});
  const std::optional<int> max =
      in.max_sources ? *in.max_sources : (before ? before->max_sources : std::nullopt);
  if (max && *max < min) errors.emplace("max_sources", Text{"rule_max_below_min", {}});
}

store::Values CoverageValues(const CoverageRuleInput& in, const CoverageRuleRecord* before) {
  const std::optional<int> max =
      in.max_sources ? *in.max_sources : (before ? before->max_sources : std::nullopt);
  return {{"level", int64_t{in.level.value_or(before ? before->level : 0)}},
          {"min_sources", int64_t{in.min_sources.value_or(before ? before->min_sources : 0)}},
          {"max_sources", max ? db::Value(int64_t{*max}) : db::Value()}};
}

void CheckQuota(QuotaRuleInput& in, const QuotaRuleRecord* before, Fields& errors) {
  const bool create = before == nullptr;
  if ((create || in.source_filter) &&
      (!in.source_filter || !IsFilter(SourceTraits(), *in.source_filter, true)))
    errors.emplace("source_filter", Text{"rule_filter", {}});
  if ((create || in.target_filter) &&
      (!in.target_filter || !IsFilter(TargetTraits(), *in.target_filter, false)))
    errors.emplace("target_filter", Text{"rule_filter", {}});
  store::CheckChoice(in.period, Periods(), "period", errors,
                     create ? Need::kRequired : Need::kOptional);
  if (create && !in.min_contacts) errors.emplace("min_contacts", Text{"field_required", {}});
  if (in.min_contacts && *in.min_contacts < 0)
    errors.emplace("min_contacts", Text{"field_not_negative", {}});
}

store::Values QuotaValues(const QuotaRuleInput& in, const QuotaRuleRecord* before) {
  return {{"source_filter", in.source_filter.value_or(before ? before->source_filter : "")},
          {"target_filter", in.target_filter.value_or(before ? before->target_filter : "")},
          {"min_contacts", int64_t{in.min_contacts.value_or(before ? before->min_contacts : 0)}},
          {"period", in.period && !in.period->empty() ? *in.period : before->period}};
}

// A kind of rule: its table, how it is read (the shared columns first), and
// its own checks and values.
template <class Record, class Input>
struct RuleKind {
  const char* table;
  store::RecordQuery<Record> query;
  void (*check)(Input& in, const Record* before, Fields& errors);
  store::Values (*values)(const Input& in, const Record* before);
};

const RuleKind<CoverageRuleRecord, CoverageRuleInput> kCoverage{
    "coverage_rule",
    {"coverage_rule x JOIN region r ON r.id = x.region_id",
     RuleColumns<CoverageRuleRecord>().Add(
         "x.level, x.min_sources, x.max_sources", &CoverageRuleRecord::level,
         &CoverageRuleRecord::min_sources, &CoverageRuleRecord::max_sources)},
    CheckCoverage,
    CoverageValues};
const RuleKind<QuotaRuleRecord, QuotaRuleInput> kQuota{
    "quota_rule",
    {"quota_rule x JOIN region r ON r.id = x.region_id",
     RuleColumns<QuotaRuleRecord>().Add(
         "x.source_filter, x.target_filter, x.min_contacts, x.period",
         &QuotaRuleRecord::source_filter, &QuotaRuleRecord::target_filter,
         &QuotaRuleRecord::min_contacts, &QuotaRuleRecord::period)},
    CheckQuota,
    QuotaValues};

template <class Record, class Input>
Result<Record> Load(db::Tx& tx, const Scope& view, const RuleKind<Record, Input>& kind,
                    int64_t id) {
  store::Where w;
  w.And("x.id = ? AND x.deleted_at IS NULL", {id});
  w.Scope(view, "x.region_path");
  return kind.query.Get(tx, w, "rule_not_found");
}

// Checks the shared fields and the kind's; on success the region the rule is
// written for (visible and the caller's to change), when one is given.
template <class Record, class Input>
Result<std::optional<RegionRef>> Check(db::Tx& tx, const Caller& caller,
                                       const RuleKind<Record, Input>& kind, Input& in,
                                       const Record* before) {
  Fields errors;
  SL_ASSIGN_OR_RETURN(auto region, store::CheckRegion(tx, caller, in.region, "region", errors,
                                                      before ? Need::kOptional : Need::kRequired));
  store::CheckInterval(in.valid_from, in.valid_to, before == nullptr,
                       before ? before->valid_from : "", errors);
  store::CheckNotes(in.notes, "notes", errors, 500);
  kind.check(in, before, errors);
  SL_TRY(store::Finish(errors));
  return region;
}

// What is written: the shared columns, then the kind's.
template <class Record, class Input>
store::Values Values(const RuleKind<Record, Input>& kind, const Input& in, const Record* before,
                     const RegionRef& region) {
  const std::optional<std::string> to = in.valid_to ? in.valid_to
                                        : before    ? before->valid_to
                                                    : std::nullopt;
  store::Values values = {
      {"region_id", region.id},
      {"region_path", region.path},
      {"valid_from",
       in.valid_from && !in.valid_from->empty() ? *in.valid_from : before->valid_from},
      {"valid_to", store::OrNull(to)},
      {"notes", in.notes.value_or(before ? before->notes : "")}};
  for (auto& v : kind.values(in, before)) values.push_back(std::move(v));
  return values;
}

template <class Record, class Input>
Result<Record> CreateRule(db::Tx& tx, const Caller& caller, const RuleKind<Record, Input>& kind,
                          const Input& input) {
  Input in = input;
  const Record* none = nullptr;
  SL_ASSIGN_OR_RETURN(auto region, Check(tx, caller, kind, in, none));
  SL_ASSIGN_OR_RETURN(int64_t id,
                      store::InsertRecord(tx, kind.table, Values(kind, in, none, *region)));
  SL_ASSIGN_OR_RETURN(Record r, Load(tx, caller.view, kind, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "rule", id, "create", Json(), ToJson(r),
                       r.region.path));
  return r;
}

template <class Record, class Input>
Result<Record> UpdateRule(db::Tx& tx, const Caller& caller, const RuleKind<Record, Input>& kind,
                          int64_t id, const Input& input) {
  SL_ASSIGN_OR_RETURN(Record before, Load(tx, caller.view, kind, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  SL_TRY(store::CheckVersion(input.version, before.version));
  Input in = input;
  SL_ASSIGN_OR_RETURN(auto region, Check(tx, caller, kind, in, &before));
  SL_TRY(store::UpdateRecord(tx, kind.table, id,
                             Values(kind, in, &before, region.value_or(before.region))));
  // Read back whatever the view: the rule may have moved to a region the
  // caller may write but not see.
  SL_ASSIGN_OR_RETURN(Record after, Load(tx, Scope::Everything(), kind, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "rule", id, "update", ToJson(before),
                       ToJson(after), after.region.path));
  return after;
}

template <class Record, class Input>
Status DeleteRule(db::Tx& tx, const Caller& caller, const RuleKind<Record, Input>& kind,
                  int64_t id) {
  SL_ASSIGN_OR_RETURN(Record before, Load(tx, caller.view, kind, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  return store::SoftDelete(tx, caller, kind.table, "rule", id, ToJson(before), before.region.path);
}

// Rules that govern places under `path`: its own and its ancestors' — a town
// answers to its county's rules — and its descendants' within the caller's
// view.
void Applicable(const Caller& caller, const std::string& path, store::Where& w) {
  db::Params params;
  const std::vector<std::string> above = db::PathAndAncestors(path);
  const std::string ancestors = db::InList(above.begin(), above.end(), params);
  params.emplace_back(path);
  params.emplace_back(db::PrefixUpperBound(path));
  const std::string below = db::ScopeCondition(caller.view, "x.region_path", params);
  w.And("(x.region_path IN " + ancestors + " OR (x.region_path >= ? AND x.region_path < ? AND " +
            below + "))",
        std::move(params));
}

}  // namespace

Result<RuleLists> ListRules(db::Tx& tx, const Caller& caller, const RuleFilter& f) {
  store::Where w;
  w.And("x.deleted_at IS NULL");
  if (!f.region.empty()) {
    SL_ASSIGN_OR_RETURN(regions::Region r, regions::Get(tx, caller.view, f.region));
    Applicable(caller, r.path, w);
  } else if (!caller.view.all) {
    if (caller.view.paths.size() != 1) return Error::BadRequest("bad_query", {"region"});
    Applicable(caller, caller.view.paths.front(), w);
  }
  if (!f.all) {
    const std::string day = f.date.empty() ? TodayInChina() : f.date;
    w.And("x.valid_from <= ? AND (x.valid_to IS NULL OR x.valid_to > ?)", {day, day});
  }
  RuleLists out;
  SL_ASSIGN_OR_RETURN(out.coverage,
                      kCoverage.query.All(tx, w, "x.level, r.path, x.valid_from, x.id"));
  SL_ASSIGN_OR_RETURN(out.quota, kQuota.query.All(tx, w,
                                                  "x.source_filter, x.target_filter, r.path, "
                                                  "x.valid_from, x.id"));
  return out;
}

Result<CoverageRuleRecord> CreateCoverageRule(db::Tx& tx, const Caller& caller,
                                              const CoverageRuleInput& in) {
  return CreateRule(tx, caller, kCoverage, in);
}

Result<CoverageRuleRecord> UpdateCoverageRule(db::Tx& tx, const Caller& caller, int64_t id,
                                              const CoverageRuleInput& in) {
  return UpdateRule(tx, caller, kCoverage, id, in);
}

Status DeleteCoverageRule(db::Tx& tx, const Caller& caller, int64_t id) {
  return DeleteRule(tx, caller, kCoverage, id);
}

Result<QuotaRuleRecord> CreateQuotaRule(db::Tx& tx, const Caller& caller,
                                        const QuotaRuleInput& in) {
  return CreateRule(tx, caller, kQuota, in);
}

Result<QuotaRuleRecord> UpdateQuotaRule(db::Tx& tx, const Caller& caller, int64_t id,
                                        const QuotaRuleInput& in) {
  return UpdateRule(tx, caller, kQuota, id, in);
}

Status DeleteQuotaRule(db::Tx& tx, const Caller& caller, int64_t id) {
  return DeleteRule(tx, caller, kQuota, id);
}

}  // namespace sl::pairing
