// The village collectives' income entered by hand (dividends, services,
// subsidies, other; rent comes from land receipts).

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "land/land.hpp"
#include "registry/registry.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"

namespace sl::land {

using store::Fields;
using store::Need;

namespace {

constexpr int64_t kMaxAmount = 100'000'000'000;  // fen: a billion yuan

const store::RecordQuery<Income>& Incomes() {
  static const store::RecordQuery<Income> k{
      "collective_income i JOIN region r ON r.id = i.region_id JOIN organization o ON o.id = "
      "i.organization_id",
      store::RowMap<Income>("i.id, i.organization_id, o.name, i.region_id, r.code, r.name, "
                            "i.region_path",
                            &Income::id, &Income::organization, &Income::region)
          .Add("i.year, i.source, i.amount_fen, i.received_on, i.note", &Income::year,
               &Income::source, &Income::amount_fen, &Income::received_on, &Income::note)
          .Stamps("i")};
  return k;
}

Status IncomeWhere(db::Tx& tx, const Caller& caller, const IncomeFilter& f, store::Where& w) {
  w.And("i.deleted_at IS NULL");
  w.Scope(caller.view, "i.region_path");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "i.region_path"));
  w.Equals("i.organization_id", f.organization);
  w.Equals("i.source", f.source);
  if (f.year) w.And("i.year = ?", {int64_t{f.year}});
  return OkStatus();
}

const store::Listing<Income, IncomeFilter>& IncomeList() {
  static const store::Listing<Income, IncomeFilter> k{
      [](const IncomeFilter&) { return Incomes(); }, IncomeWhere,
      [](const IncomeFilter&) { return std::string("i.year DESC, r.code, i.source, i.id"); }};
  return k;
}

Result<Income> Load(db::Tx& tx, const Scope& view, int64_t id) {
  store::Where w;
  w.And("i.id = ? AND i.deleted_at IS NULL", {id});
  w.Scope(view, "i.region_path");
  return Incomes().Get(tx, w, "income_not_found");
}

// The income a form leaves, checked (`existing`: as it is, or null).
Result<Income> Check(db::Tx& tx, const Caller& caller, IncomeInput in, const Income* existing) {
  Fields errors;
  const bool create = existing == nullptr;
  Income i = existing ? *existing : Income{};
  if (in.organization_id || create) {
    if (!in.organization_id) {
      errors.emplace("organization_id", Text{"field_required", {}});
    } else {
      auto org = registry::GetOrganization(tx, caller.view, *in.organization_id);
      if (!org.ok()) {
        if (org.error().code != ErrorCode::kNotFound) return std::move(org).error();
        errors.emplace("organization_id", Text{"organization_not_found", {}});
      } else if (org->kind != "collective") {
        errors.emplace("organization_id", Text{"land_transferor_collective", {}});
      } else if (!caller.capture.Contains(org->region.path)) {
        errors.emplace("organization_id", Text{"field_region_out_of_scope", {}});
      } else {
        i.organization = {org->id, org->name};
        i.region = org->region;
      }
    }
  }
  if (in.year || create) {
    if (!in.year)
      errors.emplace("year", Text{"field_required", {}});
    else if (*in.year < 1900 || *in.year > 2199)
      errors.emplace("year", Text{"period_year", {}});
    else
      i.year = static_cast<int>(*in.year);
  }
  store::CheckChoice(in.source, IncomeSources(), "source", errors,
                     create ? Need::kRequired : Need::kNotEmpty);
  if (in.source && !errors.count("source")) {
    if (*in.source == "rent")
      errors.emplace("source", Text{"income_rent_automatic", {}});
    else
      i.source = *in.source;
  }
  if (in.amount_fen || create) {
    if (!in.amount_fen)
      errors.emplace("amount_fen", Text{"field_required", {}});
    else if (*in.amount_fen <= 0 || *in.amount_fen > kMaxAmount)
      errors.emplace("amount_fen", Text{"income_amount", {}});
    else
      i.amount_fen = *in.amount_fen;
  }
  store::CheckDate(in.received_on, "received_on", errors);
  if (in.received_on && !errors.count("received_on")) {
    i.received_on = in.received_on->empty() ? std::nullopt : in.received_on;
    if (i.received_on && i.year && i.received_on->substr(0, 4) != std::to_string(i.year))
      errors.emplace("received_on", Text{"income_year_mismatch", {}});
  }
  store::CheckNotes(in.note, "note", errors, 500);
  if (in.note) i.note = *in.note;
  SL_TRY(store::Finish(errors));
  return i;
}

store::Values Columns(const Income& i) {
  return {{"organization_id", i.organization.id},
          {"region_id", i.region.id},
          {"region_path", i.region.path},
          {"year", int64_t{i.year}},
          {"source", i.source},
          {"amount_fen", i.amount_fen},
          {"received_on", store::OrNull(i.received_on)},
          {"note", i.note}};
}

Result<Income> ForWrite(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Income i, Load(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, i.region.path));
  return i;
}

}  // namespace

Result<Income> GetIncome(db::Tx& tx, const Scope& view, int64_t id) { return Load(tx, view, id); }

Result<Paged<Income>> ListIncome(db::Tx& tx, const Caller& caller, const IncomeFilter& f,
                                 const Page& page) {
  return IncomeList().Page(tx, caller, f, page);
}

Status ForEachIncome(db::Tx& tx, const Caller& caller, const IncomeFilter& f,
                     const std::function<Status(const Income&)>& fn) {
  return IncomeList().ForEach(tx, caller, f, fn);
}

Result<Income> CreateIncome(db::Tx& tx, const Caller& caller, const IncomeInput& in) {
  SL_ASSIGN_OR_RETURN(Income i, Check(tx, caller, in, nullptr));
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "collective_income", Columns(i)));
  SL_ASSIGN_OR_RETURN(Income made, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "collective_income", id, "create", Json(),
                       ToJson(made), made.region.path));
  return made;
}

Result<Income> UpdateIncome(db::Tx& tx, const Caller& caller, int64_t id, const IncomeInput& in,
                            bool* changed) {
  SL_ASSIGN_OR_RETURN(Income before, ForWrite(tx, caller, id));
  SL_TRY(store::CheckVersion(in.version, before.version));
  SL_ASSIGN_OR_RETURN(Income after, Check(tx, caller, in, &before));
  const bool same = after.organization.id == before.organization.id && after.year == before.year &&
                    after.source == before.source && after.amount_fen == before.amount_fen &&
                    after.received_on == before.received_on && after.note == before.note;
  if (changed) *changed = !same;
  if (same) return before;
  SL_TRY(store::UpdateRecord(tx, "collective_income", id, Columns(after)));
  SL_ASSIGN_OR_RETURN(Income now, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "collective_income", id, "update",
                       ToJson(before), ToJson(now), now.region.path));
  return now;
}

Status DeleteIncome(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Income before, ForWrite(tx, caller, id));
  return store::SoftDelete(tx, caller, "collective_income", "collective_income", id, ToJson(before),
                           before.region.path);
}

}  // namespace sl::land
