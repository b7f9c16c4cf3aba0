// Land-transfer contracts: the ledger, its checks, the schedule it keeps in
// step with its terms, and the receipts recorded against the schedule.

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/decimal.hpp"
#include "core/time.hpp"
#include "db/scope.hpp"
#include "land/land.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"

namespace sl::land {

using store::Fields;
using store::Need;

namespace {

constexpr int64_t kMaxArea = 100'000'000;       // hundredths: a million 亩
constexpr int64_t kMaxRent = 100'000'000'000;   // fen a year: a billion yuan
constexpr int64_t kMaxRentPerMu = 100'000'000;  // fen a 亩 a year
constexpr int kMaxYears = 30;

const store::RecordQuery<Contract>& Contracts() {
  static const store::RecordQuery<Contract> k{
      "land_contract c JOIN region r ON r.id = c.region_id LEFT JOIN organization o ON o.id = "
      "c.transferor_org_id LEFT JOIN enterprise e ON e.id = c.transferee_enterprise_id LEFT JOIN "
      "person p ON p.id = c.transferee_person_id",
      store::RowMap<Contract>("c.id, c.region_id, r.code, r.name, c.region_path", &Contract::id,
                              &Contract::region)
          .Add("c.transferor_org_id, o.name, c.transferee_enterprise_id, e.name, "
               "c.transferee_person_id, p.name",
               &Contract::transferor_org, &Contract::transferee_enterprise,
               &Contract::transferee_person)
          .Add("c.land_type, c.area_hundredths, c.purpose, c.starts_on, c.ends_on, c.years",
               &Contract::land_type, &Contract::area_hundredths, &Contract::purpose,
               &Contract::starts_on, &Contract::ends_on, &Contract::years)
          .Add("c.rent_fen_per_year, c.rent_fen_per_mu_year, c.increase_percent, "
               "c.increase_every, c.payment_frequency, c.jobs, c.note",
               &Contract::rent_fen_per_year, &Contract::rent_fen_per_mu_year,
               &Contract::increase_percent, &Contract::increase_every, &Contract::payment_frequency,
               &Contract::jobs, &Contract::note)
          .Stamps("c")};
  return k;
}

int PeriodsPerYear(const std::string& frequency) {
  if (frequency == "half_yearly") return 2;
  if (frequency == "quarterly") return 4;
  if (frequency == "monthly") return 12;
  return 1;
}

// The first year's rent of a contract's terms.
int64_t YearRent(std::optional<int64_t> per_year, std::optional<int64_t> per_mu, int64_t area) {
  if (per_year) return *per_year;
  if (per_mu) return (*per_mu * area + 50) / 100;  // area in hundredths, half up
  return 0;
}

Terms TermsOf(const Contract& c) {
  Terms t;
  t.starts_on = c.starts_on;
  t.ends_on = c.ends_on;
  t.rent_fen_per_year = YearRent(c.rent_fen_per_year, c.rent_fen_per_mu_year, c.area_hundredths);
  t.increase_percent = c.increase_percent;
  t.increase_every = c.increase_every.value_or(0);
  t.periods_per_year = PeriodsPerYear(c.payment_frequency);
  return t;
}

Payment PaymentOf(int n, const std::string& due_on, int64_t amount, int64_t received,
                  const std::string& date) {
  Payment p{n, due_on, amount, received, StatusOn(due_on, amount, received, date), 0};
  if (p.status == "overdue") p.days_overdue = DaysBetween(due_on, date);
  return p;
}

// The payments of a batch of contracts on `date`, into their figures; the
// households of each.
Status Complete(db::Tx& tx, std::vector<Contract>& batch, const std::string& date) {
  if (batch.empty()) return OkStatus();
  std::map<int64_t, Contract*> by_id;
  for (auto& c : batch) by_id[c.id] = &c;
  std::vector<int64_t> ids;
  for (const auto& [id, c] : by_id) ids.push_back(id);
  {
    db::Params p;
    const std::string in = db::InList(ids.begin(), ids.end(), p);
    SL_TRY(
        tx.ForEach("SELECT contract_id, n, due_on, amount_fen, received_fen FROM land_payment "
                   "WHERE contract_id IN " +
                       in + " ORDER BY contract_id, n",
                   p, [&](const db::Row& r) -> Status {
                     Contract& c = *by_id[r.Int(0)];
                     const Payment pay =
                         PaymentOf(static_cast<int>(r.Int(1)), r.Str(2), r.Int(3), r.Int(4), date);
                     c.rent_fen_total += pay.amount_fen;
                     c.received_fen += pay.received_fen;
                     if (pay.received_fen > 0) c.has_receipts = true;
                     if (pay.status == "overdue")
                       c.overdue_fen += pay.amount_fen - pay.received_fen;
                     if (!c.next_due && pay.status != "paid") c.next_due = pay;
                     return OkStatus();
                   }));
  }
  {
    db::Params p;
    const std::string in = db::InList(ids.begin(), ids.end(), p);
    SL_TRY(
        tx.ForEach("SELECT lp.contract_id, p.id, p.name FROM land_contract_person lp JOIN "
                   "person p ON p.id = lp.person_id WHERE lp.contract_id IN " +
                       in + " ORDER BY p.sort_key, p.id",
                   p, [&](const db::Row& r) -> Status {
                     by_id[r.Int(0)]->transferor_people.push_back({r.Int(1), r.Str(2)});
                     return OkStatus();
                   }));
  }
  return OkStatus();
}

std::string DateOr(const std::string& date) { return date.empty() ? TodayInChina() : date; }

Status ContractWhere(db::Tx& tx, const Caller& caller, const ContractFilter& f, store::Where& w) {
  w.And("c.deleted_at IS NULL");
  w.Scope(caller.view, "c.region_path");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "c.region_path"));
  w.Equals("c.land_type", f.land_type);
  w.Equals("c.transferee_enterprise_id", f.transferee_enterprise);
  w.Equals("c.transferee_person_id", f.transferee_person);
  const std::string date = DateOr(f.date);
  if (f.overdue) {
    // A payment not paid in full, due at least overdue_days before the date.
    w.And(
        "EXISTS (SELECT 1 FROM land_payment lp WHERE lp.contract_id = c.id AND lp.due_on <= ? "
        "AND lp.received_fen < lp.amount_fen)",
        {AddDays(date, -std::max(1, f.overdue_days))});
  }
  if (f.ending_within >= 0)
    w.And("c.ends_on >= ? AND c.ends_on <= ?", {date, AddDays(date, f.ending_within)});
  if (!f.q.empty()) {
    db::Params p;
    const std::string by_enterprise = store::SearchCondition(
        f.q, store::SearchKind::kEnterprise, "c.transferee_enterprise_id", "e.search_text", p);
    const std::string by_person = store::SearchCondition(
        f.q, store::SearchKind::kPerson, "c.transferee_person_id", "p.search_text", p);
    p.push_back("%" + f.q + "%");
    w.And("(" + (by_enterprise.empty() ? "0=1" : by_enterprise) + " OR " +
              (by_person.empty() ? "0=1" : by_person) + " OR c.purpose LIKE ?)",
          p);
  }
  return OkStatus();
}

const store::Listing<Contract, ContractFilter>& ContractList() {
  static const store::Listing<Contract, ContractFilter> k{
      [](const ContractFilter&) { return Contracts(); }, ContractWhere,
      [](const ContractFilter&) { return std::string("c.starts_on DESC, c.id DESC"); },
      [](db::Tx& tx, const ContractFilter& f, std::vector<Contract>& batch) {
        return Complete(tx, batch, DateOr(f.date));
      }};
  return k;
}

Result<Contract> Load(db::Tx& tx, const Scope& view, int64_t id, const std::string& date = "") {
  store::Where w;
  w.And("c.id = ? AND c.deleted_at IS NULL", {id});
  w.Scope(view, "c.region_path");
  SL_ASSIGN_OR_RETURN(Contract c, Contracts().Get(tx, w, "land_contract_not_found"));
  std::vector<Contract> one{std::move(c)};
  SL_TRY(Complete(tx, one, DateOr(date)));
  return std::move(one.front());
}

// A contract as the audit log keeps it: its terms, not its figures of the day.
Json Snapshot(const Contract& c) {
  Json j = ToJson(c);
  for (const char* k :
       {"rent_fen_total", "received_fen", "overdue_fen", "next_due", "has_receipts"})
    j.erase(k);
  return j;
}

bool Cleared(const ContractInput& in, const char* field) {
  return std::find(in.cleared.begin(), in.cleared.end(), field) != in.cleared.end();
}

// The contract a form leaves (`base`: the contract as it is, or empty), checked.
Result<Contract> Check(db::Tx& tx, const Caller& caller, ContractInput in,
                       const Contract* existing) {
  Fields errors;
  const bool create = existing == nullptr;
  Contract c = existing ? *existing : Contract{};
  // Place.
  if (in.region || create) {
    SL_ASSIGN_OR_RETURN(auto region,
                        store::CheckRegion(tx, caller, in.region, "region", errors,
                                           create ? Need::kRequired : Need::kOptional));
    if (region) {
      SL_ASSIGN_OR_RETURN(auto place, regions::FindByCode(tx, region->code));
      if (place && place->level != "village" && place->level != "group")
        errors.emplace("region", Text{"land_region_level", {}});
      c.region = *region;
    }
  }
  // Parties: a collective or households; an enterprise or a person.
  const bool org_given = in.transferor_org.has_value(),
             people_given = in.transferor_people.has_value();
  if (org_given && people_given) errors.emplace("transferor", Text{"land_one_transferor", {}});
  if (org_given) {
    auto org = registry::GetOrganization(tx, caller.view, *in.transferor_org);
    if (!org.ok()) {
      if (org.error().code != ErrorCode::kNotFound) return std::move(org).error();
      errors.emplace("transferor.organization_id", Text{"organization_not_found", {}});
    } else if (org->kind != "collective") {
      errors.emplace("transferor.organization_id", Text{"land_transferor_collective", {}});
    } else {
      c.transferor_org = Ref{org->id, org->name};
      c.transferor_people.clear();
    }
  }
  if (people_given) {
    std::vector<Ref> people;
    std::set<int64_t> seen;
    if (in.transferor_people->empty() || in.transferor_people->size() > 500)
      errors.emplace("transferor.person_ids", Text{"land_households", {}});
    for (int64_t id : *in.transferor_people) {
      if (!seen.insert(id).second) continue;
      auto person = registry::GetPerson(tx, caller.view, id);
      if (!person.ok()) {
        if (person.error().code != ErrorCode::kNotFound) return std::move(person).error();
        errors.emplace("transferor.person_ids", Text{"person_not_found", {}});
        continue;
      }
      people.push_back({person->id, person->name});
    }
    c.transferor_people = std::move(people);
    c.transferor_org.reset();
  }
  if (create && !org_given && !people_given)
    errors.emplace("transferor", Text{"field_required", {}});
  const bool ent_given = in.transferee_enterprise.has_value(),
             person_given = in.transferee_person.has_value();
  if (ent_given && person_given) errors.emplace("transferee", Text{"land_one_transferee", {}});
  if (ent_given) {
    auto e = registry::GetEnterprise(tx, caller.view, *in.transferee_enterprise);
    if (!e.ok()) {
      if (e.error().code != ErrorCode::kNotFound) return std::move(e).error();
      errors.emplace("transferee.enterprise_id", Text{"enterprise_not_found", {}});
    } else {
      c.transferee_enterprise = Ref{e->id, e->name};
      c.transferee_person.reset();
    }
  }
  if (person_given) {
    auto p = registry::GetPerson(tx, caller.view, *in.transferee_person);
    if (!p.ok()) {
      if (p.error().code != ErrorCode::kNotFound) return std::move(p).error();
      errors.emplace("transferee.person_id", Text{"person_not_found", {}});
    } else {
      c.transferee_person = Ref{p->id, p->name};
      c.transferee_enterprise.reset();
    }
  }
  if (create && !ent_given && !person_given)
    errors.emplace("transferee", Text{"field_required", {}});
  // The land.
  store::CheckChoice(in.land_type, LandTypes(), "land_type", errors,
                     create ? Need::kRequired : Need::kNotEmpty);
  if (in.land_type && !errors.count("land_type")) c.land_type = *in.land_type;
  if (in.area_mu || create) {
    if (!in.area_mu || in.area_mu->empty()) {
      errors.emplace("area_mu", Text{"field_required", {}});
    } else if (auto area = ParseDecimal(*in.area_mu, 2, kMaxArea); area && *area > 0) {
      c.area_hundredths = *area;
    } else {
      errors.emplace("area_mu", Text{"land_area", {}});
    }
  }
  store::CheckText(in.purpose, "purpose", errors, 200);
  if (in.purpose) c.purpose = *in.purpose;
  store::CheckNotes(in.note, "note", errors, 2000);
  if (in.note) c.note = *in.note;
  if (in.jobs) {
    if (*in.jobs < 0 || *in.jobs > 1'000'000)
      errors.emplace("jobs", Text{"field_range", {}});
    else
      c.jobs = *in.jobs;
  }
  // The term: years, or an end date; at most 30 years.
  store::CheckDate(in.starts_on, "starts_on", errors, create ? Need::kRequired : Need::kNotEmpty);
  if (in.starts_on && !errors.count("starts_on")) c.starts_on = *in.starts_on;
  store::CheckDate(in.ends_on, "ends_on", errors);
  if (in.years && in.ends_on && !in.ends_on->empty())
    errors.emplace("ends_on", Text{"land_years_or_end", {}});
  if (in.years) {
    if (*in.years < 1 || *in.years > kMaxYears)
      errors.emplace("years", Text{"land_term", {std::to_string(kMaxYears)}});
    else
      c.years = static_cast<int>(*in.years);
  } else if (in.ends_on && !in.ends_on->empty() && !errors.count("ends_on")) {
    c.years.reset();
    c.ends_on = *in.ends_on;
  }
  if (c.years && !c.starts_on.empty() && !errors.count("starts_on"))
    c.ends_on = AddDays(AddMonths(c.starts_on, 12 * *c.years), -1);
  if (create && !in.years && (!in.ends_on || in.ends_on->empty()))
    errors.emplace("years", Text{"land_years_or_end", {}});
  if (!errors.count("starts_on") && !errors.count("ends_on") && !errors.count("years") &&
      !c.starts_on.empty() && !c.ends_on.empty()) {
    if (c.ends_on < c.starts_on)
      errors.emplace("ends_on", Text{"land_ends_before", {}});
    else if (c.ends_on > AddDays(AddMonths(c.starts_on, 12 * kMaxYears), -1))
      errors.emplace(in.years ? "years" : "ends_on",
                     Text{"land_term", {std::to_string(kMaxYears)}});
  }
  // The rent: per year or per 亩 and year, with an optional increase.
  if (in.rent_fen_per_year && in.rent_fen_per_mu_year)
    errors.emplace("rent_fen_per_mu_year", Text{"land_one_rent", {}});
  if (in.rent_fen_per_year) {
    if (*in.rent_fen_per_year < 0 || *in.rent_fen_per_year > kMaxRent)
      errors.emplace("rent_fen_per_year", Text{"land_rent", {}});
    c.rent_fen_per_year = *in.rent_fen_per_year;
    c.rent_fen_per_mu_year.reset();
  } else if (in.rent_fen_per_mu_year) {
    if (*in.rent_fen_per_mu_year < 0 || *in.rent_fen_per_mu_year > kMaxRentPerMu)
      errors.emplace("rent_fen_per_mu_year", Text{"land_rent", {}});
    c.rent_fen_per_mu_year = *in.rent_fen_per_mu_year;
    c.rent_fen_per_year.reset();
  }
  if (create && !in.rent_fen_per_year && !in.rent_fen_per_mu_year)
    errors.emplace("rent_fen_per_year", Text{"field_required", {}});
  if (!errors.count("rent_fen_per_mu_year") && !errors.count("area_mu") &&
      YearRent(c.rent_fen_per_year, c.rent_fen_per_mu_year, c.area_hundredths) > kMaxRent)
    errors.emplace("rent_fen_per_mu_year", Text{"land_rent", {}});
  if (in.increase_percent) {
    if (*in.increase_percent < 0 || *in.increase_percent > 50)
      errors.emplace("rent_increase_percent", Text{"land_increase", {}});
    else
      c.increase_percent = static_cast<int>(*in.increase_percent);
  }
  if (in.increase_every) {
    if (*in.increase_every < 1 || *in.increase_every > kMaxYears)
      errors.emplace("rent_increase_every_years", Text{"land_term", {std::to_string(kMaxYears)}});
    else
      c.increase_every = static_cast<int>(*in.increase_every);
  } else if (Cleared(in, "rent_increase_every_years")) {
    c.increase_every.reset();
  }
  if (c.increase_percent > 0 && !c.increase_every && !errors.count("rent_increase_every_years"))
    errors.emplace("rent_increase_every_years", Text{"field_required", {}});
  store::CheckChoice(in.payment_frequency, Frequencies(), "payment_frequency", errors,
                     create ? Need::kRequired : Need::kNotEmpty);
  if (in.payment_frequency && !errors.count("payment_frequency"))
    c.payment_frequency = *in.payment_frequency;
  SL_TRY(store::Finish(errors));
  return c;
}

bool SameTerms(const Contract& a, const Contract& b) {
  const Terms x = TermsOf(a), y = TermsOf(b);
  return x.starts_on == y.starts_on && x.ends_on == y.ends_on &&
         x.rent_fen_per_year == y.rent_fen_per_year && x.increase_percent == y.increase_percent &&
         x.increase_every == y.increase_every && x.periods_per_year == y.periods_per_year;
}

store::Values Columns(const Contract& c) {
  std::vector<int64_t> none;
  return {
      {"region_id", c.region.id},
      {"region_path", c.region.path},
      {"transferor_org_id", c.transferor_org ? db::Value(c.transferor_org->id) : db::Value()},
      {"transferee_enterprise_id",
       c.transferee_enterprise ? db::Value(c.transferee_enterprise->id) : db::Value()},
      {"transferee_person_id",
       c.transferee_person ? db::Value(c.transferee_person->id) : db::Value()},
      {"land_type", c.land_type},
      {"area_hundredths", c.area_hundredths},
      {"purpose", c.purpose},
      {"starts_on", c.starts_on},
      {"ends_on", c.ends_on},
      {"years", c.years ? db::Value(int64_t{*c.years}) : db::Value()},
      {"rent_fen_per_year", store::OrNull(c.rent_fen_per_year)},
      {"rent_fen_per_mu_year", store::OrNull(c.rent_fen_per_mu_year)},
      {"increase_percent", int64_t{c.increase_percent}},
      {"increase_every", c.increase_every ? db::Value(int64_t{*c.increase_every}) : db::Value()},
      {"payment_frequency", c.payment_frequency},
      {"jobs", c.jobs},
      {"note", c.note}};
}

Status WritePeople(db::Tx& tx, int64_t id, const Contract& c) {
  SL_TRY(tx.Exec("DELETE FROM land_contract_person WHERE contract_id = ?", {id}));
  for (const auto& p : c.transferor_people)
    SL_TRY(tx.Exec("INSERT INTO land_contract_person (contract_id, person_id) VALUES (?, ?)",
                   {id, p.id}));
  return OkStatus();
}

Status WriteSchedule(db::Tx& tx, int64_t id, const Contract& c) {
  SL_TRY(tx.Exec("DELETE FROM land_payment WHERE contract_id = ?", {id}));
  std::vector<db::Params> rows;
  for (const Due& d : Schedule(TermsOf(c)))
    rows.push_back(
        {id, int64_t{d.n}, d.due_on, d.amount_fen, int64_t{0}, c.region.path, int64_t{0}});
  return tx.BulkInsert(
      "land_payment",
      {"contract_id", "n", "due_on", "amount_fen", "received_fen", "region_path", "deleted"}, rows);
}

Result<Contract> ForWrite(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Contract c, Load(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, c.region.path));
  return c;
}

}  // namespace

std::string Label(const Contract& c) {
  std::string who = c.transferee_enterprise ? c.transferee_enterprise->name
                    : c.transferee_person   ? c.transferee_person->name
                                            : "";
  return c.purpose.empty() ? who : who + " · " + c.purpose;
}

Result<Contract> GetContract(db::Tx& tx, const Scope& view, int64_t id, const std::string& date) {
  return Load(tx, view, id, date);
}

Result<Paged<Contract>> ListContracts(db::Tx& tx, const Caller& caller, const ContractFilter& f,
                                      const Page& page) {
  return ContractList().Page(tx, caller, f, page);
}

Status ForEachContract(db::Tx& tx, const Caller& caller, const ContractFilter& f,
                       const std::function<Status(const Contract&)>& fn) {
  return ContractList().ForEach(tx, caller, f, fn);
}

Result<Contract> CreateContract(db::Tx& tx, const Caller& caller, const ContractInput& in) {
  SL_ASSIGN_OR_RETURN(Contract c, Check(tx, caller, in, nullptr));
  store::Values values = Columns(c);
  for (auto& v : store::NameColumns(Label(c))) values.push_back(std::move(v));
  SL_ASSIGN_OR_RETURN(int64_t id, store::InsertRecord(tx, "land_contract", values));
  SL_TRY(WritePeople(tx, id, c));
  SL_TRY(WriteSchedule(tx, id, c));
  SL_ASSIGN_OR_RETURN(Contract made, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "land_contract", id, "create", Json(),
                       Snapshot(made), made.region.path));
  return made;
}

Result<Contract> UpdateContract(db::Tx& tx, const Caller& caller, int64_t id,
                                const ContractInput& in, bool* changed) {
  SL_ASSIGN_OR_RETURN(Contract before, ForWrite(tx, caller, id));
  SL_TRY(store::CheckVersion(in.version, before.version));
  SL_ASSIGN_OR_RETURN(Contract after, Check(tx, caller, in, &before));
  const bool terms_changed = !SameTerms(before, after);
  // Once rent is received, the schedule stands.
  if (terms_changed && before.has_receipts) {
    Error e = Error::Invalid({{"starts_on", Text{"land_terms_locked", {}}}});
    e.key = "land_terms_locked";
    e.message = Text{"land_terms_locked", {}};
    return e;
  }
  Json a = Snapshot(before), b = Snapshot(after);
  a.erase("updated_at");
  b.erase("updated_at");
  if (changed) *changed = a != b;
  if (a == b) return before;
  store::Values values = Columns(after);
  for (auto& v : store::NameColumns(Label(after))) values.push_back(std::move(v));
  SL_TRY(store::UpdateRecord(tx, "land_contract", id, values));
  SL_TRY(WritePeople(tx, id, after));
  if (terms_changed) {
    SL_TRY(WriteSchedule(tx, id, after));
  } else if (after.region.id != before.region.id) {
    SL_TRY(tx.Exec("UPDATE land_payment SET region_path = ? WHERE contract_id = ?",
                   {after.region.path, id}));
  }
  if (after.region.id != before.region.id)
    SL_TRY(tx.Exec("UPDATE land_receipt SET region_path = ? WHERE contract_id = ?",
                   {after.region.path, id}));
  if (!after.transferor_org || !before.transferor_org ||
      after.transferor_org->id != before.transferor_org->id)
    SL_TRY(tx.Exec("UPDATE land_receipt SET collective_org_id = ? WHERE contract_id = ?",
                   {after.transferor_org ? db::Value(after.transferor_org->id) : db::Value(), id}));
  SL_ASSIGN_OR_RETURN(Contract now, Load(tx, Scope::Everything(), id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "land_contract", id, "update", Snapshot(before),
                       Snapshot(now), now.region.path));
  return now;
}

Status DeleteContract(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Contract before, ForWrite(tx, caller, id));
  if (before.has_receipts) return Error::Conflict("land_has_receipts");
  SL_TRY(tx.Exec("UPDATE land_payment SET deleted = 1 WHERE contract_id = ?", {id}));
  return store::SoftDelete(tx, caller, "land_contract", "land_contract", id, Snapshot(before),
                           before.region.path);
}

// Payments and receipts --------------------------------------------------------------

Result<Payments> ListPayments(db::Tx& tx, const Caller& caller, int64_t contract,
                              const std::string& date_in) {
  const std::string date = DateOr(date_in);
  SL_TRY(Load(tx, caller.view, contract, date));
  Payments out;
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT n, due_on, amount_fen, received_fen FROM "
                                          "land_payment WHERE contract_id = ? ORDER BY n",
                                          {contract}));
  for (const auto& r : rows)
    out.items.push_back(PaymentOf(static_cast<int>(r.Int(0)), r.Str(1), r.Int(2), r.Int(3), date));
  SL_ASSIGN_OR_RETURN(auto receipts,
                      tx.Query("SELECT id, n, received_on, amount_fen, payer, note, created_at "
                               "FROM land_receipt WHERE contract_id = ? ORDER BY received_on, id",
                               {contract}));
  for (const auto& r : receipts)
    out.receipts.push_back({r.Int(0), contract, static_cast<int>(r.Int(1)), r.Str(2), r.Int(3),
                            r.Str(4), r.Str(5), r.Str(6)});
  return out;
}

Result<Payment> AddReceipt(db::Tx& tx, const Caller& caller, int64_t contract, int n,
                           const ReceiptInput& input, int64_t* receipt_id) {
  SL_ASSIGN_OR_RETURN(Contract c, ForWrite(tx, caller, contract));
  SL_ASSIGN_OR_RETURN(auto pay, tx.QueryOne("SELECT id, due_on, amount_fen, received_fen FROM "
                                            "land_payment WHERE contract_id = ? AND n = ?",
                                            {contract, int64_t{n}}));
  if (!pay) return Error::NotFound("land_payment_not_found");
  ReceiptInput in = input;
  Fields errors;
  const std::string today = TodayInChina();
  store::CheckDate(in.received_on, "received_on", errors);
  const std::string on = in.received_on && !in.received_on->empty() ? *in.received_on : today;
  if (!errors.count("received_on") && on > today)
    errors.emplace("received_on", Text{"field_date_future", {}});
  const int64_t remaining = pay->Int(2) - pay->Int(3);
  if (!in.amount_fen) {
    errors.emplace("amount_fen", Text{"field_required", {}});
  } else if (*in.amount_fen <= 0) {
    errors.emplace("amount_fen", Text{"land_receipt_positive", {}});
  } else if (*in.amount_fen > remaining) {
    errors.emplace("amount_fen", Text{"land_receipt_too_much", {FormatDecimal(remaining, 2)}});
  }
  store::CheckText(in.payer, "payer", errors, 100);
  store::CheckNotes(in.note, "note", errors, 500);
  SL_TRY(store::Finish(errors));
  const std::string now = NowUtc();
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId(
          "INSERT INTO land_receipt (contract_id, n, received_on, amount_fen, payer, note, "
          "collective_org_id, region_path, created_by, created_at) VALUES (?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?) RETURNING id",
          {contract, int64_t{n}, on, *in.amount_fen, in.payer.value_or(""), in.note.value_or(""),
           c.transferor_org ? db::Value(c.transferor_org->id) : db::Value(), c.region.path,
           caller.user_id ? db::Value(caller.user_id) : db::Value(), now}));
  if (receipt_id) *receipt_id = id;
  SL_TRY(tx.Exec("UPDATE land_payment SET received_fen = received_fen + ? WHERE id = ?",
                 {*in.amount_fen, pay->Int(0)}));
  const Receipt made{
      id, contract, n, on, *in.amount_fen, in.payer.value_or(""), in.note.value_or(""), now};
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "land_receipt", id, "create", Json(),
                       ToJson(made), c.region.path));
  return PaymentOf(n, pay->Str(1), pay->Int(2), pay->Int(3) + *in.amount_fen, today);
}

Status DeleteReceipt(db::Tx& tx, const Caller& caller, int64_t contract, int64_t receipt_id) {
  SL_ASSIGN_OR_RETURN(Contract c, ForWrite(tx, caller, contract));
  SL_ASSIGN_OR_RETURN(auto row,
                      tx.QueryOne("SELECT id, n, received_on, amount_fen, payer, note, created_at "
                                  "FROM land_receipt WHERE id = ? AND contract_id = ?",
                                  {receipt_id, contract}));
  if (!row) return Error::NotFound("land_receipt_not_found");
  const Receipt before{row->Int(0), contract,    static_cast<int>(row->Int(1)),
                       row->Str(2), row->Int(3), row->Str(4),
                       row->Str(5), row->Str(6)};
  SL_TRY(tx.Exec("DELETE FROM land_receipt WHERE id = ?", {receipt_id}));
  SL_TRY(
      tx.Exec("UPDATE land_payment SET received_fen = received_fen - ? WHERE contract_id = ? "
              "AND n = ?",
              {before.amount_fen, contract, int64_t{before.n}}));
  return audit::Record(tx, audit::ActorOf(caller), "land_receipt", receipt_id, "delete",
                       ToJson(before), Json(), c.region.path);
}

Result<Receipt> GetReceipt(db::Tx& tx, const Scope& view, int64_t receipt_id) {
  SL_ASSIGN_OR_RETURN(auto row,
                      tx.QueryOne("SELECT id, contract_id, n, received_on, amount_fen, "
                                  "payer, note, created_at FROM land_receipt WHERE id = ?",
                                  {receipt_id}));
  if (!row) return Error::NotFound("land_receipt_not_found");
  const Receipt r{row->Int(0), row->Int(1), static_cast<int>(row->Int(2)),
                  row->Str(3), row->Int(4), row->Str(5),
                  row->Str(6), row->Str(7)};
  SL_TRY(Load(tx, view, r.contract_id));
  return r;
}

Status ForEachReceipt(db::Tx& tx, const Caller& caller, const std::string& region, int year,
                      const std::function<Status(const Receipt&, const Contract&)>& fn) {
  store::Where w;
  w.And("c.deleted_at IS NULL");
  w.Scope(caller.view, "c.region_path");
  if (!region.empty()) SL_TRY(w.UnderRegion(tx, region, "c.region_path"));
  if (year)
    w.And("lr.received_on >= ? AND lr.received_on <= ?",
          {std::to_string(year) + "-01-01", std::to_string(year) + "-12-31"});
  SL_ASSIGN_OR_RETURN(auto rows,
                      tx.Query("SELECT lr.id, lr.contract_id, lr.n, lr.received_on, lr.amount_fen, "
                               "lr.payer, lr.note, lr.created_at FROM land_receipt lr JOIN "
                               "land_contract c ON c.id = lr.contract_id WHERE " +
                                   w.sql + " ORDER BY lr.received_on, lr.id",
                               w.params));
  std::map<int64_t, Contract> contracts;
  for (const auto& r : rows) {
    const Receipt receipt{r.Int(0), r.Int(1), static_cast<int>(r.Int(2)),
                          r.Str(3), r.Int(4), r.Str(5),
                          r.Str(6), r.Str(7)};
    auto it = contracts.find(receipt.contract_id);
    if (it == contracts.end()) {
      SL_ASSIGN_OR_RETURN(Contract c, Load(tx, Scope::Everything(), receipt.contract_id));
      it = contracts.emplace(receipt.contract_id, std::move(c)).first;
    }
    SL_TRY(fn(receipt, it->second));
  }
  return OkStatus();
}

}  // namespace sl::land
