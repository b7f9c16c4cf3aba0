// Handlers of the pairing system: parse the request, call one operation in one
// transaction, serialize.

#include "pairing/pairing.hpp"
#include "registry/common.hpp"

namespace sl::pairing {

namespace {

using registry::internal::PathId;
using registry::internal::Q;
using registry::internal::QueryId;
using registry::internal::Read;
using registry::internal::Remove;
using registry::internal::Write;

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

Result<ProjectInput> ReadProject(const Json& body) {
  FieldReader in(body);
  ProjectInput p;
  p.kind = in.Str("kind", false);
  p.name = in.Str("name", false, 100);
  p.region = in.Str("region", false, 20);
  p.stage = in.NullableStr("stage");
  p.intended_investment_fen = in.Int("intended_investment_fen", false);
  p.started_on = in.Str("started_on", false);
  p.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return p;
}

Result<PairingInput> ReadPairing(const Json& body) {
  FieldReader in(body);
  PairingInput p;
  p.level = IntField(in, "level");
  p.source = in.Int("source", false);
  p.target = TargetField(body, in);
  p.valid_from = in.Str("valid_from", false);
  p.valid_to = in.NullableStr("valid_to");
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
  r.valid_from = in.Str("valid_from", false);
  r.valid_to = in.NullableStr("valid_to");
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
  r.valid_from = in.Str("valid_from", false);
  r.valid_to = in.NullableStr("valid_to");
  r.notes = in.NullableStr("notes", 500);
  r.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return r;
}

Result<ContactInput> ReadContact(const Json& body) {
  FieldReader in(body);
  ContactInput c;
  c.person = in.Int("person", false);
  c.target_kind = in.Str("target_kind", false);
  c.target = TargetField(body, in);
  c.occurred_on = in.Str("occurred_on", false);
  c.kind = in.Str("kind", false);
  c.place = in.NullableStr("place", 100);
  c.notes = in.NullableStr("notes", 2000);
  c.follow_up = in.NullableStr("follow_up", 500);
  c.follow_up_due = in.NullableStr("follow_up_due");
  c.follow_up_done_on = in.NullableStr("follow_up_done_on");
  c.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return c;
}

template <class Reader, class Op>
Result<Response> Create(db::Database& db, const Request& r, Reader&& read, Op&& op) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(auto in, read(body));
  return Write(db, 201, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto record, op(tx, *r.caller, in));
    return ToJson(record);
  });
}

template <class Reader, class Op>
Result<Response> Update(db::Database& db, const Request& r, const char* not_found, Reader&& read,
                        Op&& op) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, not_found));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(auto in, read(body));
  return Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto record, op(tx, *r.caller, id, in));
    return ToJson(record);
  });
}

template <class Op>
Result<Response> Fetch(db::Database& db, const Request& r, const char* not_found, Op&& op) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, not_found));
  return Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto record, op(tx, *r.caller, id));
    return ToJson(record);
  });
}

template <class Op>
Result<Response> Delete(db::Database& db, const Request& r, const char* not_found, Op&& op) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, not_found));
  return Remove(db, [&](db::Tx& tx) { return op(tx, *r.caller, id); });
}

Result<int> LevelQuery(const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t level, QueryId(r, "level"));
  if (level > kLevelCount) return Error::BadRequest("bad_query", {"level"});
  return static_cast<int>(level);
}

}  // namespace

// Projects ---------------------------------------------------------------------

Result<Response> HandleProjectsList(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(r));
  ProjectFilter f{Q(r, "q"), Q(r, "region"), Q(r, "kind")};
  return Read(db, [&](db::Tx& tx) { return ListProjects(tx, *r.caller, f, page); });
}

Result<Response> HandleProjectCreate(db::Database& db, const Request& r) {
  return Create(db, r, ReadProject, CreateProject);
}

Result<Response> HandleProjectGet(db::Database& db, const Request& r) {
  return Fetch(db, r, "project_not_found", [](db::Tx& tx, const Caller& caller, int64_t id) {
    return GetProject(tx, caller.view, id);
  });
}

Result<Response> HandleProjectUpdate(db::Database& db, const Request& r) {
  return Update(db, r, "project_not_found", ReadProject, UpdateProject);
}

Result<Response> HandleProjectDelete(db::Database& db, const Request& r) {
  return Delete(db, r, "project_not_found", DeleteProject);
}

// Pairings ---------------------------------------------------------------------

Result<Response> HandlePairingsList(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(r));
  PairingFilter f;
  f.region = Q(r, "region");
  f.date = Q(r, "date");
  f.all = Q(r, "all") == "true";
  SL_ASSIGN_OR_RETURN(f.level, LevelQuery(r));
  SL_ASSIGN_OR_RETURN(f.source, QueryId(r, "source"));
  f.target_kind = Q(r, "target_kind");
  SL_ASSIGN_OR_RETURN(f.target_id, QueryId(r, "target"));
  return Read(db, [&](db::Tx& tx) { return ListPairings(tx, *r.caller, f, page); });
}

Result<Response> HandlePairingCreate(db::Database& db, const Request& r) {
  return Create(db, r, ReadPairing, CreatePairing);
}

Result<Response> HandlePairingGet(db::Database& db, const Request& r) {
  return Fetch(db, r, "pairing_not_found", GetPairing);
}

Result<Response> HandlePairingUpdate(db::Database& db, const Request& r) {
  return Update(db, r, "pairing_not_found", ReadPairing, UpdatePairing);
}

Result<Response> HandlePairingDelete(db::Database& db, const Request& r) {
  return Delete(db, r, "pairing_not_found", DeletePairing);
}

// Rules ------------------------------------------------------------------------

Result<Response> HandleRulesList(db::Database& db, const Request& r) {
  return Read(db, [&](db::Tx& tx) {
    return ListRules(tx, *r.caller, Q(r, "region"), Q(r, "date"), Q(r, "all") == "true");
  });
}

Result<Response> HandleCoverageRuleCreate(db::Database& db, const Request& r) {
  return Create(db, r, ReadCoverageRule, CreateCoverageRule);
}

Result<Response> HandleCoverageRuleUpdate(db::Database& db, const Request& r) {
  return Update(db, r, "rule_not_found", ReadCoverageRule, UpdateCoverageRule);
}

Result<Response> HandleCoverageRuleDelete(db::Database& db, const Request& r) {
  return Delete(db, r, "rule_not_found", DeleteCoverageRule);
}

Result<Response> HandleQuotaRuleCreate(db::Database& db, const Request& r) {
  return Create(db, r, ReadQuotaRule, CreateQuotaRule);
}

Result<Response> HandleQuotaRuleUpdate(db::Database& db, const Request& r) {
  return Update(db, r, "rule_not_found", ReadQuotaRule, UpdateQuotaRule);
}

Result<Response> HandleQuotaRuleDelete(db::Database& db, const Request& r) {
  return Delete(db, r, "rule_not_found", DeleteQuotaRule);
}

// Contacts ---------------------------------------------------------------------

Result<Response> HandleContactsList(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(r));
  ContactFilter f;
  f.region = Q(r, "region");
  f.from = Q(r, "from");
  f.to = Q(r, "to");
  SL_ASSIGN_OR_RETURN(f.person, QueryId(r, "person"));
  return Read(db, [&](db::Tx& tx) { return ListContacts(tx, *r.caller, f, page); });
}

Result<Response> HandleContactCreate(db::Database& db, const Request& r) {
  return Create(db, r, ReadContact, CreateContact);
}

Result<Response> HandleContactGet(db::Database& db, const Request& r) {
  return Fetch(db, r, "contact_not_found", GetContact);
}

Result<Response> HandleContactUpdate(db::Database& db, const Request& r) {
  return Update(db, r, "contact_not_found", ReadContact, UpdateContact);
}

Result<Response> HandleContactDelete(db::Database& db, const Request& r) {
  return Delete(db, r, "contact_not_found", DeleteContact);
}

// Compliance -------------------------------------------------------------------

Result<Response> HandleCompliance(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t limit, QueryId(r, "limit"));
  if (limit == 0) limit = 200;
  if (limit > 10000) return Error::BadRequest("bad_query", {"limit"});
  return Read(db, [&](db::Tx& tx) {
    return Compliance(tx, *r.caller, Q(r, "region"), Q(r, "date"), static_cast<int>(limit));
  });
}

}  // namespace sl::pairing
