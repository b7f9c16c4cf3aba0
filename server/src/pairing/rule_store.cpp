// Coverage and quota rules: data, per region subtree, with effective dates.

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "db/scope.hpp"
#include "pairing/pairing.hpp"
#include "regions/regions.hpp"
#include "registry/common.hpp"

namespace sl::pairing {

namespace reg = registry::internal;
using reg::Fields;

namespace {

constexpr const char* kCoverageColumns =
    "x.id, x.region_id, r.code, r.name, r.path, x.level, x.min_sources, x.max_sources, "
    "x.valid_from, x.valid_to, x.notes, x.version";
constexpr const char* kQuotaColumns =
    "x.id, x.region_id, r.code, r.name, r.path, x.source_filter, x.target_filter, "
    "x.min_contacts, x.period, x.valid_from, x.valid_to, x.notes, x.version";

CoverageRuleRecord CoverageFromRow(const db::Row& r) {
  CoverageRuleRecord c;
  c.id = r.Int(0);
  c.region = registry::RegionRef{r.Int(1), r.Str(2), r.Str(3), r.Str(4)};
  c.level = static_cast<int>(r.Int(5));
  c.min_sources = static_cast<int>(r.Int(6));
  if (!r.IsNull(7)) c.max_sources = static_cast<int>(r.Int(7));
  c.valid_from = r.Str(8);
  c.valid_to = r.OptStr(9);
  c.notes = r.Str(10);
  c.version = r.Int(11);
  return c;
}

QuotaRuleRecord QuotaFromRow(const db::Row& r) {
  QuotaRuleRecord q;
  q.id = r.Int(0);
  q.region = registry::RegionRef{r.Int(1), r.Str(2), r.Str(3), r.Str(4)};
  q.source_filter = r.Str(5);
  q.target_filter = r.Str(6);
  q.min_contacts = static_cast<int>(r.Int(7));
  q.period = r.Str(8);
  q.valid_from = r.Str(9);
  q.valid_to = r.OptStr(10);
  q.notes = r.Str(11);
  q.version = r.Int(12);
  return q;
}

// Rules that govern places under `path`: its own and its ancestors' — a town
// answers to its county's rules — and its descendants' within the caller's
// view. Appends to `w`.
void Applicable(const Caller& caller, const std::string& path, reg::Where& w) {
  db::Params params;
  const std::vector<std::string> above = db::PathAndAncestors(path);
  const std::string ancestors = db::InList(above.begin(), above.end(), params);
  params.emplace_back(path);
  params.emplace_back(db::PrefixUpperBound(path));
  const std::string below = db::ScopeCondition(caller.view, "x.region_path", params);
  w.And("x.deleted_at IS NULL");
  w.And("(x.region_path IN " + ancestors + " OR (x.region_path >= ? AND x.region_path < ? AND " +
            below + "))",
        std::move(params));
}

// The region a rule is written for: visible, and the caller's to change.
Result<std::optional<registry::RegionRef>> RuleRegion(db::Tx& tx, const Caller& caller,
                                                      const std::optional<std::string>& code,
                                                      bool required, Fields& errors) {
  if (!code || code->empty()) {
    if (required) errors.emplace("region", Text{"field_required", {}});
    return std::optional<registry::RegionRef>();
  }
  return reg::RegionForWrite(tx, caller, *code, "region", errors);
}

void CheckDates(std::optional<std::string>& from, std::optional<std::string>& to, bool create,
                const std::string& old_from, Fields& errors) {
  reg::CheckDate(from, "valid_from", errors, create);
  reg::CheckDate(to, "valid_to", errors);
  const std::string start = from && !from->empty() ? *from : old_from;
  if (to && !to->empty() && *to <= start) errors.emplace("valid_to", Text{"field_date_order", {}});
}

bool IsFilter(const std::vector<Choice>& traits, const std::string& filter, bool many) {
  size_t words = 0, i = 0;
  while (i < filter.size()) {
    size_t j = filter.find(' ', i);
    if (j == std::string::npos) j = filter.size();
    if (j > i) {
      if (!registry::IsChoice(traits, filter.substr(i, j - i))) return false;
      ++words;
    }
    i = j + 1;
  }
  return words == 1 || (many && words >= 1);
}

}  // namespace

Result<Json> ListRules(db::Tx& tx, const Caller& caller, const std::string& region,
                       const std::string& date, bool all) {
  std::string path;
  if (region.empty()) {
    if (!caller.view.all && caller.view.paths.size() != 1)
      return Error::BadRequest("bad_query", {"region"});
    path = caller.view.all ? "" : caller.view.paths.front();
  } else {
    SL_ASSIGN_OR_RETURN(regions::Region r, regions::Get(tx, caller.view, region));
    path = r.path;
  }
  reg::Where w;
  if (path.empty()) {
    w.And("x.deleted_at IS NULL");
  } else {
    Applicable(caller, path, w);
  }
  if (!all) {
    const std::string day = date.empty() ? TodayInChina() : date;
    if (!IsIsoDate(day)) return Error::BadRequest("bad_query", {"date"});
    w.And("x.valid_from <= ? AND (x.valid_to IS NULL OR x.valid_to > ?)", {day, day});
  }
  SL_ASSIGN_OR_RETURN(auto coverage,
                      tx.Query(std::string("SELECT ") + kCoverageColumns +
                                   " FROM coverage_rule x JOIN region r ON r.id = x.region_id "
                                   "WHERE " +
                                   w.sql + " ORDER BY x.level, r.path, x.valid_from, x.id",
                               w.params));
  SL_ASSIGN_OR_RETURN(
      auto quota,
      tx.Query(std::string("SELECT ") + kQuotaColumns +
                   " FROM quota_rule x JOIN region r ON r.id = x.region_id WHERE " + w.sql +
                   " ORDER BY x.source_filter, x.target_filter, r.path, "
                   "x.valid_from, x.id",
               w.params));
  Json c = Json::array(), q = Json::array();
  for (const auto& r : coverage) c.push_back(ToJson(CoverageFromRow(r)));
  for (const auto& r : quota) q.push_back(ToJson(QuotaFromRow(r)));
  return Json{{"coverage", std::move(c)}, {"quota", std::move(q)}};
}

namespace {

Result<CoverageRuleRecord> LoadCoverage(db::Tx& tx, const Caller& caller, int64_t id) {
  reg::Where w;
  w.And("x.id = ? AND x.deleted_at IS NULL", {id});
  w.Scope(caller.view, "x.region_path");
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kCoverageColumns +
                                                " FROM coverage_rule x JOIN region r ON r.id = "
                                                "x.region_id WHERE " +
                                                w.sql,
                                            w.params));
  if (!row) return Error::NotFound("rule_not_found");
  return CoverageFromRow(*row);
}

Result<QuotaRuleRecord> LoadQuota(db::Tx& tx, const Caller& caller, int64_t id) {
  reg::Where w;
  w.And("x.id = ? AND x.deleted_at IS NULL", {id});
  w.Scope(caller.view, "x.region_path");
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kQuotaColumns +
                                                " FROM quota_rule x JOIN region r ON r.id = "
                                                "x.region_id WHERE " +
                                                w.sql,
                                            w.params));
  if (!row) return Error::NotFound("rule_not_found");
  return QuotaFromRow(*row);
}

Status CheckCoverage(const CoverageRuleInput& in, const CoverageRuleRecord* before,
                     Fields& errors) {
  if ((!before || in.level) && (!in.level || !IsLevel(*in.level)))
    errors.emplace("level", Text{"pairing_level", {}});
  if (!before && !in.min_sources) errors.emplace("min_sources", Text{"field_required", {}});
  const int min = in.min_sources.value_or(before ? before->min_sources : 0);
  if (min < 0) errors.emplace("min_sources", Text{"field_not_negative", {}});
  const std::optional<int> max =
      in.max_sources ? *in.max_sources : (before ? before->max_sources : std::nullopt);
  if (max && *max < min) errors.emplace("max_sources", Text{"rule_max_below_min", {}});
  return OkStatus();
}

Status CheckQuota(QuotaRuleInput& in, bool create, Fields& errors) {
  if ((create || in.source_filter) &&
      (!in.source_filter || !IsFilter(SourceTraits(), *in.source_filter, true)))
    errors.emplace("source_filter", Text{"rule_filter", {}});
  if ((create || in.target_filter) &&
      (!in.target_filter || !IsFilter(TargetTraits(), *in.target_filter, false)))
    errors.emplace("target_filter", Text{"rule_filter", {}});
  reg::CheckChoice(in.period, Periods(), "period", errors, create);
  if (create && !in.min_contacts) errors.emplace("min_contacts", Text{"field_required", {}});
  if (in.min_contacts && *in.min_contacts < 0)
    errors.emplace("min_contacts", Text{"field_not_negative", {}});
  return OkStatus();
}

}  // namespace

Result<CoverageRuleRecord> CreateCoverageRule(db::Tx& tx, const Caller& caller,
                                              const CoverageRuleInput& input) {
  CoverageRuleInput in = input;
  Fields errors;
  SL_ASSIGN_OR_RETURN(auto region, RuleRegion(tx, caller, in.region, true, errors));
  CheckDates(in.valid_from, in.valid_to, true, "", errors);
  reg::CheckText(in.notes, "notes", errors, 500, false);
  SL_TRY(CheckCoverage(in, nullptr, errors));
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const std::string now = reg::Now();
  const std::optional<int> max = in.max_sources ? *in.max_sources : std::nullopt;
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId("INSERT INTO coverage_rule (region_id, region_path, level, min_sources, "
                  "max_sources, valid_from, valid_to, notes, created_at, updated_at, version) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
                  {region->id, region->path, int64_t{*in.level}, int64_t{*in.min_sources},
                   max ? db::Value(int64_t{*max}) : db::Value(), *in.valid_from,
                   reg::OrNull(in.valid_to), in.notes.value_or(""), now, now}));
  SL_ASSIGN_OR_RETURN(CoverageRuleRecord r, LoadCoverage(tx, caller, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "rule", id, "create", Json(), ToJson(r),
                       r.region.path));
  return r;
}

Result<CoverageRuleRecord> UpdateCoverageRule(db::Tx& tx, const Caller& caller, int64_t id,
                                              const CoverageRuleInput& input) {
  SL_ASSIGN_OR_RETURN(CoverageRuleRecord before, LoadCoverage(tx, caller, id));
  SL_TRY(reg::CheckCapture(caller, before.region.path));
  if (input.version && *input.version != before.version) return Error::Conflict("version_conflict");
  CoverageRuleInput in = input;
  Fields errors;
  SL_ASSIGN_OR_RETURN(auto region, RuleRegion(tx, caller, in.region, false, errors));
  CheckDates(in.valid_from, in.valid_to, false, before.valid_from, errors);
  reg::CheckText(in.notes, "notes", errors, 500, false);
  SL_TRY(CheckCoverage(in, &before, errors));
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const registry::RegionRef where = region.value_or(before.region);
  const std::optional<int> max = in.max_sources ? *in.max_sources : before.max_sources;
  SL_TRY(tx.Exec(
      "UPDATE coverage_rule SET region_id = ?, region_path = ?, level = ?, min_sources = ?, "
      "max_sources = ?, valid_from = ?, valid_to = ?, notes = ?, updated_at = ?, version = "
      "version + 1 WHERE id = ?",
      {where.id, where.path, int64_t{in.level.value_or(before.level)},
       int64_t{in.min_sources.value_or(before.min_sources)},
       max ? db::Value(int64_t{*max}) : db::Value(),
       in.valid_from && !in.valid_from->empty() ? *in.valid_from : before.valid_from,
       in.valid_to ? reg::OrNull(in.valid_to) : reg::OrNull(before.valid_to),
       in.notes.value_or(before.notes), reg::Now(), id}));
  Caller all = caller;
  all.view = Scope::Everything();
  SL_ASSIGN_OR_RETURN(CoverageRuleRecord after, LoadCoverage(tx, all, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "rule", id, "update", ToJson(before),
                       ToJson(after), after.region.path));
  return after;
}

Status DeleteCoverageRule(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(CoverageRuleRecord before, LoadCoverage(tx, caller, id));
  SL_TRY(reg::CheckCapture(caller, before.region.path));
  SL_TRY(
      tx.Exec("UPDATE coverage_rule SET deleted_at = ?, updated_at = ?, version = version + 1 "
              "WHERE id = ?",
              {reg::Now(), reg::Now(), id}));
  return audit::Record(tx, audit::ActorOf(caller), "rule", id, "delete", ToJson(before), Json(),
                       before.region.path);
}

Result<QuotaRuleRecord> CreateQuotaRule(db::Tx& tx, const Caller& caller,
                                        const QuotaRuleInput& input) {
  QuotaRuleInput in = input;
  Fields errors;
  SL_ASSIGN_OR_RETURN(auto region, RuleRegion(tx, caller, in.region, true, errors));
  CheckDates(in.valid_from, in.valid_to, true, "", errors);
  reg::CheckText(in.notes, "notes", errors, 500, false);
  SL_TRY(CheckQuota(in, true, errors));
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const std::string now = reg::Now();
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId("INSERT INTO quota_rule (region_id, region_path, source_filter, target_filter, "
                  "min_contacts, period, valid_from, valid_to, notes, created_at, updated_at, "
                  "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
                  {region->id, region->path, *in.source_filter, *in.target_filter,
                   int64_t{*in.min_contacts}, *in.period, *in.valid_from, reg::OrNull(in.valid_to),
                   in.notes.value_or(""), now, now}));
  SL_ASSIGN_OR_RETURN(QuotaRuleRecord r, LoadQuota(tx, caller, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "rule", id, "create", Json(), ToJson(r),
                       r.region.path));
  return r;
}

Result<QuotaRuleRecord> UpdateQuotaRule(db::Tx& tx, const Caller& caller, int64_t id,
                                        const QuotaRuleInput& input) {
  SL_ASSIGN_OR_RETURN(QuotaRuleRecord before, LoadQuota(tx, caller, id));
  SL_TRY(reg::CheckCapture(caller, before.region.path));
  if (input.version && *input.version != before.version) return Error::Conflict("version_conflict");
  QuotaRuleInput in = input;
  Fields errors;
  SL_ASSIGN_OR_RETURN(auto region, RuleRegion(tx, caller, in.region, false, errors));
  CheckDates(in.valid_from, in.valid_to, false, before.valid_from, errors);
  reg::CheckText(in.notes, "notes", errors, 500, false);
  SL_TRY(CheckQuota(in, false, errors));
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const registry::RegionRef where = region.value_or(before.region);
  SL_TRY(tx.Exec(
      "UPDATE quota_rule SET region_id = ?, region_path = ?, source_filter = ?, target_filter = "
      "?, min_contacts = ?, period = ?, valid_from = ?, valid_to = ?, notes = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ?",
      {where.id, where.path, in.source_filter.value_or(before.source_filter),
       in.target_filter.value_or(before.target_filter),
       int64_t{in.min_contacts.value_or(before.min_contacts)},
       in.period && !in.period->empty() ? *in.period : before.period,
       in.valid_from && !in.valid_from->empty() ? *in.valid_from : before.valid_from,
       in.valid_to ? reg::OrNull(in.valid_to) : reg::OrNull(before.valid_to),
       in.notes.value_or(before.notes), reg::Now(), id}));
  Caller all = caller;
  all.view = Scope::Everything();
  SL_ASSIGN_OR_RETURN(QuotaRuleRecord after, LoadQuota(tx, all, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "rule", id, "update", ToJson(before),
                       ToJson(after), after.region.path));
  return after;
}

Status DeleteQuotaRule(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(QuotaRuleRecord before, LoadQuota(tx, caller, id));
  SL_TRY(reg::CheckCapture(caller, before.region.path));
  SL_TRY(
      tx.Exec("UPDATE quota_rule SET deleted_at = ?, updated_at = ?, version = version + 1 "
              "WHERE id = ?",
              {reg::Now(), reg::Now(), id}));
  return audit::Record(tx, audit::ActorOf(caller), "rule", id, "delete", ToJson(before), Json(),
                       before.region.path);
}

}  // namespace sl::pairing
