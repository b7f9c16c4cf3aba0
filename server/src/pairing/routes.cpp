// Handlers of the pairing system: parse the request, call one operation in one
// transaction, serialize.

#include "core/date.hpp"
#include "http/handlers.hpp"
#include "pairing/pairing.hpp"

namespace sl::pairing {

namespace {

using http::CreateHandler;
using http::DeleteHandler;
using http::FetchHandler;
using http::ListHandler;
using http::UpdateHandler;

std::optional<int> IntField(FieldReader& in, const char* name) {
  auto v = in.Int(name, false);
  if (!v) return std::nullopt;
  if (*v < -1000000 || *v > 1000000) {
    in.Fail(name, {"field_range", {}});
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

// A target given as a number (an id) or text (a region code).
std::optional<std::string> TargetField(const Json& body, FieldReader& in) {
  if (!body.contains("target")) return std::nullopt;
  const Json& t = body.at("target");
  if (t.is_number_integer()) {
    (void)in.Int("target", false);
    return std::to_string(t.get<int64_t>());
  }
  return in.Str("target", false, 30);
}

Result<PairingInput> ReadPairing(const Json& body) {
  FieldReader in(body);
  PairingInput p;
  p.level = IntField(in, "level");
  p.source = in.Int("source", false);
  p.target = TargetField(body, in);
  p.valid_from = in.Date("valid_from", false);
  p.valid_to = in.NullableDate("valid_to");
  p.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return p;
}

Result<CoverageRuleInput> ReadCoverageRule(const Json& body) {
  FieldReader in(body);
  CoverageRuleInput r;
  r.region = in.Str("region", false, 20);
  r.level = IntField(in, "level");
  r.min_sources = IntField(in, "min_sources");
  if (body.contains("max_sources")) {
    if (body.at("max_sources").is_null()) {
      (void)in.NullableStr("max_sources");
      r.max_sources = std::optional<int>();
    } else {
      r.max_sources = IntField(in, "max_sources");
    }
  }
  r.valid_from = in.Date("valid_from", false);
  r.valid_to = in.NullableDate("valid_to");
  r.notes = in.NullableStr("notes", 500);
  r.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return r;
}

Result<QuotaRuleInput> ReadQuotaRule(const Json& body) {
  FieldReader in(body);
  QuotaRuleInput r;
  r.region = in.Str("region", false, 20);
  r.source_filter = in.Str("source_filter", false, 100);
  r.target_filter = in.Str("target_filter", false, 50);
  r.min_contacts = IntField(in, "min_contacts");
  r.period = in.Str("period", false);
  r.valid_from = in.Date("valid_from", false);
  r.valid_to = in.NullableDate("valid_to");
  r.notes = in.NullableStr("notes", 500);
  r.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return r;
}

// The JSON of a record (overloads of ToJson picked for a handler).
using http::Plain;

// target_kind and target (an id), both or neither.
Status ParseTarget(const Request& r, std::string& kind, int64_t& id) {
  kind = QueryText(r, "target_kind");
  SL_ASSIGN_OR_RETURN(id, QueryId(r, "target"));
  if ((!kind.empty() || id) && (!IsChoice(ContactTargetKinds(), kind) || id <= 0))
    return Error::BadRequest("bad_query", {"target"});
  return OkStatus();
}

Result<ContactFilter> ParseContactFilter(const Request& r) {
  ContactFilter f;
  f.region = QueryText(r, "region");
  SL_ASSIGN_OR_RETURN(f.from, QueryDate(r, "from"));
  SL_ASSIGN_OR_RETURN(f.to, QueryDate(r, "to"));
  SL_ASSIGN_OR_RETURN(f.person, QueryId(r, "person"));
  SL_TRY(ParseTarget(r, f.target_kind, f.target_id));
  return f;
}

Result<int> LevelQuery(const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t level, QueryId(r, "level"));
  if (level > kLevelCount) return Error::BadRequest("bad_query", {"level"});
  return static_cast<int>(level);
}

}  // namespace

Result<ContactInput> ReadContact(const Json& body) {
  FieldReader in(body);
  ContactInput c;
  c.person = in.Int("person", false);
  c.target_kind = in.Str("target_kind", false);
  c.target = TargetField(body, in);
  c.occurred_on = in.Date("occurred_on", false);
  c.kind = in.Str("kind", false);
  c.place = in.NullableStr("place", 100);
  c.notes = in.NullableStr("notes", 2000);
  c.version = in.Int("version", false);
  c.reason = in.Str("reason", false, 200);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return c;
}

Result<PairingFilter> ParsePairingFilter(const Request& r) {
  PairingFilter f;
  f.region = QueryText(r, "region");
  SL_ASSIGN_OR_RETURN(f.date, QueryDate(r, "date"));
  f.all = QueryFlag(r, "all");
  SL_ASSIGN_OR_RETURN(f.level, LevelQuery(r));
  SL_ASSIGN_OR_RETURN(f.source, QueryId(r, "source"));
  SL_TRY(ParseTarget(r, f.target_kind, f.target_id));
  return f;
}

// Pairings ---------------------------------------------------------------------

Result<Response> HandlePairingsList(db::Database& db, const Request& r) {
  return ListHandler(db, r, ParsePairingFilter, ListPairings, Plain<PairingRecord>);
}

Result<Response> HandlePairingCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadPairing, CreatePairing, Plain<PairingRecord>);
}

Result<Response> HandlePairingGet(db::Database& db, const Request& r) {
  return FetchHandler(db, r, "pairing_not_found", GetPairing, Plain<PairingRecord>);
}

Result<Response> HandlePairingUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "pairing_not_found", ReadPairing, UpdatePairing,
                       Plain<PairingRecord>);
}

Result<Response> HandlePairingDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "pairing_not_found", DeletePairing);
}

// Rules ------------------------------------------------------------------------

Result<Response> HandleRulesList(db::Database& db, const Request& r) {
  RuleFilter f{QueryText(r, "region"), "", QueryFlag(r, "all")};
  SL_ASSIGN_OR_RETURN(f.date, QueryDate(r, "date"));
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(RuleLists rules, ListRules(tx, *r.caller, f));
    Json coverage = Json::array(), quota = Json::array();
    for (const auto& c : rules.coverage) coverage.push_back(ToJson(c));
    for (const auto& q : rules.quota) quota.push_back(ToJson(q));
    return Json{{"coverage", std::move(coverage)}, {"quota", std::move(quota)}};
  });
}

Result<Response> HandleCoverageRuleCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadCoverageRule, CreateCoverageRule, Plain<CoverageRuleRecord>);
}

Result<Response> HandleCoverageRuleUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "rule_not_found", ReadCoverageRule, UpdateCoverageRule,
                       Plain<CoverageRuleRecord>);
}

Result<Response> HandleCoverageRuleDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "rule_not_found", DeleteCoverageRule);
}

Result<Response> HandleQuotaRuleCreate(db::Database& db, const Request& r) {
  return CreateHandler(db, r, ReadQuotaRule, CreateQuotaRule, Plain<QuotaRuleRecord>);
}

Result<Response> HandleQuotaRuleUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "rule_not_found", ReadQuotaRule, UpdateQuotaRule,
                       Plain<QuotaRuleRecord>);
}

Result<Response> HandleQuotaRuleDelete(db::Database& db, const Request& r) {
  return DeleteHandler(db, r, "rule_not_found", DeleteQuotaRule);
}

// Contacts ---------------------------------------------------------------------

Result<Response> HandleContactsList(db::Database& db, const Request& r) {
  return ListHandler(db, r, ParseContactFilter, ListContacts, Plain<ContactRecord>);
}

Result<Response> HandleContactGet(db::Database& db, const Request& r) {
  return FetchHandler(db, r, "contact_not_found", GetContact, Plain<ContactRecord>);
}

Result<Response> HandleContactUpdate(db::Database& db, const Request& r) {
  return UpdateHandler(db, r, "contact_not_found", ReadContact, UpdateContact,
                       Plain<ContactRecord>);
}

Result<Response> HandleContactDelete(db::Database& db, const Request& r) {
  const std::string reason = QueryText(r, "reason");
  return DeleteHandler(db, r, "contact_not_found",
                       [&](db::Tx& tx, const Caller& caller, int64_t id) {
                         return DeleteContact(tx, caller, id, reason);
                       });
}

// Compliance -------------------------------------------------------------------

Result<Response> HandleCompliance(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t limit, QueryId(r, "limit"));
  if (limit == 0) limit = 200;
  if (limit > 10000) return Error::BadRequest("bad_query", {"limit"});
  SL_ASSIGN_OR_RETURN(std::string date, QueryDate(r, "date"));
  SL_ASSIGN_OR_RETURN(auto report, StoredCompliance(db, *r.caller, QueryText(r, "region"), date,
                                                    static_cast<int>(limit)));
  return Response::Ok(ToJson(report));
}

}  // namespace sl::pairing
