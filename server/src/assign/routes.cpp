// Handlers of automatic pairing: parse the options, one operation in one
// transaction, the plan as JSON.

#include "assign/plan.hpp"

namespace sl::assign {

namespace {

// One plan operation in one transaction; the answer is the plan's JSON text.
template <class F>
Result<Response> Plan(db::Database& db, db::Mode mode, int status, F&& f) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(mode));
  SL_ASSIGN_OR_RETURN(PlanText plan, f(*tx));
  if (mode == db::Mode::kWrite) SL_TRY(tx->Commit());
  Response out;
  out.status = status;
  out.raw_body = std::move(plan.json);
  return out;
}

}  // namespace

Result<Response> HandlePlanCreate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(PlanOptions o, ReadPlanOptions(body));
  return Plan(db, db::Mode::kWrite, 201, [&](db::Tx& tx) { return CreatePlan(tx, *r.caller, o); });
}

Result<Response> HandlePlanGet(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "plan_not_found"));
  return Plan(db, db::Mode::kRead, 200, [&](db::Tx& tx) { return GetPlan(tx, *r.caller, id); });
}

Result<Response> HandlePlanApply(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "plan_not_found"));
  return Plan(db, db::Mode::kWrite, 200, [&](db::Tx& tx) { return ApplyPlan(tx, *r.caller, id); });
}

}  // namespace sl::assign
