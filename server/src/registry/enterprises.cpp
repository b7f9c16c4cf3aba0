// Enterprises: name, unified social credit code, legal representative, capital.

#include "audit/audit.hpp"
#include "registry/registry.hpp"
#include "registry/validators.hpp"
#include "store/checks.hpp"
#include "store/write.hpp"

namespace sl::registry {

using store::Fields;
using store::Need;

namespace {

const store::RecordQuery<Enterprise>& Enterprises() {
  static const store::RecordQuery<Enterprise> k{
      "enterprise e JOIN region r ON r.id = e.region_id LEFT JOIN person lr ON lr.id = "
      "e.legal_representative_id",
      store::RowMap<Enterprise>("e.id, e.name, e.uscc, e.legal_representative_id, lr.name",
                                &Enterprise::id, &Enterprise::name, &Enterprise::uscc,
                                &Enterprise::legal_representative)
          .Add("e.industry, e.registered_capital_fen, e.founded_on", &Enterprise::industry,
               &Enterprise::registered_capital_fen, &Enterprise::founded_on)
          .Add("e.region_id, r.code, r.name, e.region_path", &Enterprise::region)
          .Stamps("e")};
  return k;
}

constexpr const char* kOrder = "e.sort_key, e.id";

Result<Enterprise> Reload(db::Tx& tx, int64_t id) {
  store::Where w;
  w.And("e.id = ?", {id});
  return Enterprises().Get(tx, w, "enterprise_not_found");
}

Status EnterpriseWhere(db::Tx& tx, const Caller& caller, const EnterpriseFilter& f,
                       store::Where& w) {
  w.And("e.deleted_at IS NULL");
  w.ScopeOrPaired(caller.view, "e.region_path", "e.id", "enterprise");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "e.region_path"));
  w.Equals("e.industry", f.industry);
  w.Search(f.q, store::SearchKind::kEnterprise, "e");
  return OkStatus();
}

const store::Listing<Enterprise, EnterpriseFilter>& EnterpriseList() {
  static const store::Listing<Enterprise, EnterpriseFilter> k{
      [](const EnterpriseFilter&) { return Enterprises(); }, EnterpriseWhere,
      [](const EnterpriseFilter&) { return std::string(kOrder); }};
  return k;
}

struct Checked {
  EnterpriseInput in;
  std::optional<RegionRef> region;
};

Result<Checked> Check(db::Tx& tx, const Caller& caller, EnterpriseInput in,
                      const Enterprise* existing) {
  Fields errors;
  Checked c;
  const bool create = existing == nullptr;
  store::CheckText(in.name, "name", errors, 100, store::RequiredOnCreate(create));
  store::CheckChoice(in.industry, Industries(), "industry", errors,
                     create ? Need::kRequired : Need::kOptional);
  store::CheckDate(in.founded_on, "founded_on", errors);
  if (create && (!in.uscc || in.uscc->empty())) errors.emplace("uscc", Text{"field_required", {}});
  if (in.uscc && !in.uscc->empty()) {
    auto code = ParseUscc(*in.uscc);
    if (!code.ok()) {
      const auto& e = code.error();
      errors.emplace("uscc", e.fields.count("uscc") ? e.fields.at("uscc") : e.message);
    } else {
      in.uscc = code->code;
      SL_ASSIGN_OR_RETURN(auto other, FindEnterpriseByUscc(tx, code->code));
      if (other && (!existing || *other != existing->id))
        errors.emplace("uscc", Text{"enterprise_uscc_taken", {}});
    }
  }
  store::CheckNotNegative(in.registered_capital_fen, "registered_capital_fen", errors);
  if (in.legal_representative && *in.legal_representative > 0) {
    auto person = GetPerson(tx, caller.view, *in.legal_representative);
    if (!person.ok()) errors.emplace("legal_representative", Text{"person_not_found", {}});
  }
  SL_ASSIGN_OR_RETURN(c.region, store::CheckRegion(tx, caller, in.region, "region", errors,
                                                   create ? Need::kRequired : Need::kOptional));
  SL_TRY(store::Finish(errors));
  c.in = std::move(in);
  return c;
}

}  // namespace

Result<Enterprise> GetEnterprise(db::Tx& tx, const Scope& view, int64_t id) {
  store::Where w;
  w.And("e.id = ? AND e.deleted_at IS NULL", {id});
  w.ScopeOrPaired(view, "e.region_path", "e.id", "enterprise");
  return Enterprises().Get(tx, w, "enterprise_not_found");
}

Result<Paged<Enterprise>> ListEnterprises(db::Tx& tx, const Caller& caller,
                                          const EnterpriseFilter& f, const Page& page) {
  return EnterpriseList().Page(tx, caller, f, page);
}

Status ForEachEnterprise(db::Tx& tx, const Caller& caller, const EnterpriseFilter& f,
                         const std::function<Status(const Enterprise&)>& fn) {
  return EnterpriseList().ForEach(tx, caller, f, fn);
}

Result<Enterprise> CreateEnterprise(db::Tx& tx, const Caller& caller,
                                    const EnterpriseInput& input) {
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, nullptr));
  const std::string& name = *c.in.name;
  store::Values values = {
      {"name", name},
      {"uscc", *c.in.uscc},
      {"legal_representative_id", store::IdOrKept(c.in.legal_representative, std::nullopt)},
      {"industry", *c.in.industry},
      {"registered_capital_fen", c.in.registered_capital_fen.value_or(0)},
      {"region_id", c.region->id},
      {"region_path", c.region->path},
      {"founded_on", store::OrNull(c.in.founded_on)}};
  // The search text covers the name and the code.
  for (auto& v : store::NameColumns(name, *c.in.uscc)) values.push_back(std::move(v));
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "enterprise", values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kEnterprise, id, {}, {}, name, *c.in.uscc));
  SL_ASSIGN_OR_RETURN(Enterprise e, Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "enterprise", id, "create", Json(), ToJson(e),
                       e.region.path));
  return e;
}

Result<Enterprise> UpdateEnterprise(db::Tx& tx, const Caller& caller, int64_t id,
                                    const EnterpriseInput& input, bool* changed) {
  SL_ASSIGN_OR_RETURN(Enterprise before, GetEnterprise(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  SL_TRY(store::CheckVersion(input.version, before.version));
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, &before));
  const int64_t old_rep = before.legal_representative ? before.legal_representative->id : 0;
  const bool unchanged = (!c.in.name || *c.in.name == before.name) &&
                         (!c.in.uscc || c.in.uscc->empty() || *c.in.uscc == before.uscc) &&
                         (!c.in.industry || *c.in.industry == before.industry) &&
                         (!c.region || c.region->id == before.region.id) &&
                         (!c.in.founded_on || *c.in.founded_on == before.founded_on.value_or("")) &&
                         (!c.in.legal_representative || *c.in.legal_representative == old_rep) &&
                         (!c.in.registered_capital_fen ||
                          *c.in.registered_capital_fen == before.registered_capital_fen);
  if (changed) *changed = !unchanged;
  if (unchanged) return before;
  const std::string name = c.in.name.value_or(before.name);
  const std::string uscc = c.in.uscc && !c.in.uscc->empty() ? *c.in.uscc : before.uscc;
  const RegionRef region = c.region.value_or(before.region);
  store::Values values = {
      {"name", name},
      {"uscc", uscc},
      {"legal_representative_id",
       store::IdOrKept(c.in.legal_representative, before.legal_representative)},
      {"industry", c.in.industry.value_or(before.industry)},
      {"registered_capital_fen",
       c.in.registered_capital_fen.value_or(before.registered_capital_fen)},
      {"region_id", region.id},
      {"region_path", region.path},
      {"founded_on", store::OrNull(c.in.founded_on ? c.in.founded_on : before.founded_on)}};
  for (auto& v : store::NameColumns(name, uscc)) values.push_back(std::move(v));
  SL_TRY(store::UpdateRecord(tx, "enterprise", id, values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kEnterprise, id, before.name, before.uscc, name,
                          uscc));
  SL_ASSIGN_OR_RETURN(Enterprise after, Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "enterprise", id, "update", ToJson(before),
                       ToJson(after), after.region.path));
  return after;
}

Status DeleteEnterprise(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Enterprise before, GetEnterprise(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  // A deleted enterprise frees its code for a corrected record.
  return store::SoftDelete(tx, caller, "enterprise", "enterprise", id, ToJson(before),
                           before.region.path,
                           {{"uscc", before.uscc + "#deleted#" + std::to_string(id)}});
}

Result<std::optional<int64_t>> FindEnterpriseByUscc(db::Tx& tx, const std::string& uscc) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM enterprise WHERE uscc = ? AND "
                                            "deleted_at IS NULL",
                                            {uscc}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

}  // namespace sl::registry
