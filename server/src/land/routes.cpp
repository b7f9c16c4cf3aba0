// Handlers of land transfer and collective income: parse, one operation in
// one transaction, serialize.

#include <cstdint>

#include "http/handlers.hpp"
#include "land/land.hpp"

namespace sl::land {

namespace {

using http::CreateHandler;
using http::DeleteHandler;
using http::FetchHandler;
using http::ListHandler;
using http::Plain;
using http::UpdateHandler;

// {"organization_id"} or {"person_ids": [...]}; {"enterprise_id"} or {"person_id"}.
void ReadParties(const Json& body, FieldReader& in, ContractInput& c) {
  if (auto t = in.Object("transferor", false)) {
    FieldReader side(*t);
    c.transferor_org = side.Int("organization_id", false);
    c.transferor_people = side.IntList("person_ids", false);
    side.RejectUnknown();
    if (auto st = side.Finish(); !st.ok())
      for (auto& [field, text] : st.error().fields) in.Fail("transferor." + field, text);
    if (!c.transferor_org && !c.transferor_people) in.Fail("transferor", {"land_transferor", {}});
  }
  if (auto t = in.Object("transferee", false)) {
    FieldReader side(*t);
    c.transferee_enterprise = side.Int("enterprise_id", false);
    c.transferee_person = side.Int("person_id", false);
    side.RejectUnknown();
    if (auto st = side.Finish(); !st.ok())
      for (auto& [field, text] : st.error().fields) in.Fail("transferee." + field, text);
    if (!c.transferee_enterprise && !c.transferee_person)
      in.Fail("transferee", {"land_transferee", {}});
  }
  (void)body;
}

// A whole-number field that may be null (cleared).
std::optional<int64_t> NullableInt(const Json& body, FieldReader& in, const char* name,
                                   ContractInput& c) {
  if (body.contains(name) && body.at(name).is_null()) {
    (void)in.Raw(name);
    c.cleared.emplace_back(name);
    return std::nullopt;
  }
  return in.Int(name, false);
}

Result<int> QueryDays(const Request& r, const char* name, int absent) {
  auto v = r.Query(name);
  if (!v || v->empty()) return absent;
  auto n = ParseInt(*v);
  if (!n || *n < 0 || *n > 36600) return Error::BadRequest("bad_query", {name});
  return static_cast<int>(*n);
}

Result<ContractFilter> ParseContractFilter(const Request& r) {
  ContractFilter f;
  f.region = QueryText(r, "region");
  f.q = QueryText(r, "q");
  SL_ASSIGN_OR_RETURN(f.land_type, QueryChoice(r, "land_type", LandTypes()));
  SL_ASSIGN_OR_RETURN(f.transferee_enterprise, QueryId(r, "transferee_enterprise"));
  SL_ASSIGN_OR_RETURN(f.transferee_person, QueryId(r, "transferee_person"));
  SL_ASSIGN_OR_RETURN(f.date, QueryDate(r, "date"));
  f.overdue = QueryFlag(r, "overdue");
  SL_ASSIGN_OR_RETURN(f.overdue_days, QueryDays(r, "overdue_days", 1));
  SL_ASSIGN_OR_RETURN(f.ending_within, QueryDays(r, "ending_within", -1));
  return f;
}

Result<IncomeFilter> ParseIncomeFilter(const Request& r) {
  IncomeFilter f;
  f.region = QueryText(r, "region");
  SL_ASSIGN_OR_RETURN(f.source, QueryChoice(r, "source", IncomeSources()));
  SL_ASSIGN_OR_RETURN(f.organization, QueryId(r, "organization"));
  SL_ASSIGN_OR_RETURN(f.year, QueryYear(r, "year"));
  return f;
}

// A positive number of the path, at most `max`; NotFound otherwise.
Result<int64_t> Param(const Request& r, const char* name, const char* not_found, int64_t max) {
  auto it = r.params.find(name);
  auto id = it == r.params.end() ? std::nullopt : ParseInt(it->second);
  if (!id || *id <= 0 || *id > max) return Error::NotFound(not_found);
  return *id;
}

Result<bool> ByChild(const Request& r) {
  const std::string by = QueryText(r, "by");
  if (!by.empty() && by != "child") return Error::BadRequest("bad_query", {"by"});
  return by == "child";
}

}  // namespace

Result<ContractInput> ReadContract(const Json& body) {
  FieldReader in(body);
  ContractInput c;
  c.region = in.Str("region", false, 20);
  ReadParties(body, in, c);
  c.land_type = in.Str("land_type", false, 20);
  c.area_mu = in.Decimal("area_mu", false);
  c.purpose = in.NullableStr("purpose", 200);
  c.starts_on = in.Date("starts_on", false);
  c.ends_on = in.NullableDate("ends_on");
  c.years = NullableInt(body, in, "years", c);
  c.rent_fen_per_year = NullableInt(body, in, "rent_fen_per_year", c);
  c.rent_fen_per_mu_year = NullableInt(body, in, "rent_fen_per_mu_year", c);
  c.increase_percent = in.Int("rent_increase_percent", false);
  c.increase_every = NullableInt(body, in, "rent_increase_every_years", c);
  c.payment_frequency = in.Str("payment_frequency", false, 20);
  c.jobs = in.Int("jobs", false);
  c.note = in.NullableStr("note", 2000);
  c.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return c;
}

Result<ReceiptInput> ReadReceipt(const Json& body) {
  FieldReader in(body);
  ReceiptInput r;
  r.received_on = in.Date("received_on", false);
  r.amount_fen = in.Int("amount_fen", true);
  r.payer = in.NullableStr("payer", 100);
  r.note = in.NullableStr("note", 500);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return r;
}

Result<IncomeInput> ReadIncome(const Json& body) {
  FieldReader in(body);
  IncomeInput i;
  i.organization_id = in.Int("organization_id", false);
  i.year = in.Int("year", false);
  i.source = in.Str("source", false, 20);
  i.amount_fen = in.Int("amount_fen", false);
  i.received_on = in.NullableDate("received_on");
  i.note = in.NullableStr("note", 500);
  i.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return i;
}

Result<Response> HandleContractsList(db::Database& db, const Request& r) {
  return ListHandler(db, r, ParseContractFilter, ListContracts, Plain<Contract>);
}

Result<Response> HandleContractCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadContract, CreateContract, Plain<Contract>);
}

Result<Response> HandleContractGet(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string date, QueryDate(r, "date"));
  return FetchHandler(
      db, r, "land_contract_not_found",
      [&](db::Tx& tx, const Caller& caller, int64_t id) {
        return GetContract(tx, caller.view, id, date);
      },
      Plain<Contract>);
}

Result<Response> HandleContractUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(
      db, r, "land_contract_not_found", ReadContract,
      [](db::Tx& tx, const Caller& caller, int64_t id, const ContractInput& in) {
        return UpdateContract(tx, caller, id, in);
      },
      Plain<Contract>);
}

Result<Response> HandleContractDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "land_contract_not_found", DeleteContract);
}

Result<Response> HandlePaymentsList(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string date, QueryDate(r, "date"));
  return FetchHandler(
      db, r, "land_contract_not_found",
      [&](db::Tx& tx, const Caller& caller, int64_t id) {
        return ListPayments(tx, caller, id, date);
      },
      [](const Payments& p) {
        Json items = Json::array(), receipts = Json::array();
        for (const auto& x : p.items) items.push_back(ToJson(x));
        for (const auto& x : p.receipts) receipts.push_back(ToJson(x));
        return Json{{"items", std::move(items)}, {"receipts", std::move(receipts)}};
      });
}

Result<Response> HandleReceiptCreate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t n, Param(r, "n", "land_payment_not_found", 100000));
  return UpdateHandler(
      db, r, "land_contract_not_found", ReadReceipt,
      [n](db::Tx& tx, const Caller& caller, int64_t id, const ReceiptInput& in) {
        return AddReceipt(tx, caller, id, static_cast<int>(n), in);
      },
      Plain<Payment>, 201);
}

Result<Response> HandleReceiptDelete(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t receipt, Param(r, "receipt_id", "land_receipt_not_found", INT64_MAX));
  return DeleteHandler(db, r, "land_contract_not_found",
                       [receipt](db::Tx& tx, const Caller& caller, int64_t id) {
                         return DeleteReceipt(tx, caller, id, receipt);
                       });
}

Result<Response> HandleLandStats(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int year, QueryYear(r, "year"));
  SL_ASSIGN_OR_RETURN(bool by_child, ByChild(r));
  const std::string region = QueryText(r, "region");
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(LandStats s, Figures(tx, *r.caller, region, year, by_child));
    return ToJson(s);
  });
}

Result<Response> HandleIncomeList(db::Database& db, const Request& r) {
  return ListHandler(db, r, ParseIncomeFilter, ListIncome, Plain<Income>);
}

Result<Response> HandleIncomeCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadIncome, CreateIncome, Plain<Income>);
}

Result<Response> HandleIncomeGet(db::Database& db, const Request& r) {
  return FetchHandler(
      db, r, "income_not_found",
      [](db::Tx& tx, const Caller& caller, int64_t id) { return GetIncome(tx, caller.view, id); },
      Plain<Income>);
}

Result<Response> HandleIncomeUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(
      db, r, "income_not_found", ReadIncome,
      [](db::Tx& tx, const Caller& caller, int64_t id, const IncomeInput& in) {
        return UpdateIncome(tx, caller, id, in);
      },
      Plain<Income>);
}

Result<Response> HandleIncomeDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "income_not_found", DeleteIncome);
}

Result<Response> HandleIncomeStats(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int year, QueryYear(r, "year"));
  SL_ASSIGN_OR_RETURN(bool by_child, ByChild(r));
  const std::string region = QueryText(r, "region");
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(IncomeStats s, IncomeFigures(tx, *r.caller, region, year, by_child));
    return ToJson(s);
  });
}

}  // namespace sl::land
