// Handlers of automatic pairing: parse the options, one operation in one
// transaction, the plan as JSON.

#include "assign/plan.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "pairing/model.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"

namespace sl::assign {

namespace {

std::optional<int> Small(FieldReader& in, const char* name) {
  auto v = in.Int(name, false);
  if (!v) return std::nullopt;
  if (*v < 0 || *v > 100000) {
    in.Fail(name, {"field_range", {}});
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

}  // namespace

Result<PlanOptions> ReadPlanOptions(const Json& body) {
  FieldReader in(body);
  PlanOptions o;
  o.level = Small(in, "level").value_or(0);
  if (!in.Has("level")) in.Fail("level", {"field_required", {}});
  if (in.Has("level") && !pairing::IsLevel(o.level)) in.Fail("level", {"pairing_level", {}});
  o.region = in.Str("region", true, 20).value_or("");
  o.date = in.Str("date", false).value_or("");
  if (!o.date.empty() && !IsIsoDate(o.date)) in.Fail("date", {"field_date", {}});
  if (auto v = Small(in, "keep_weight")) o.weights.keep = *v;
  if (auto v = Small(in, "distance_weight")) o.weights.distance = *v;
  if (auto v = Small(in, "load_weight")) o.weights.load = *v;
  if (auto v = Small(in, "industry_weight")) o.weights.industry = *v;
  if (auto v = Small(in, "min_load")) o.min_load = *v;
  if (in.Has("max_load") && !body.at("max_load").is_null()) o.max_load = Small(in, "max_load");
  // null: no maximum (read as an absent object, which marks the field seen).
  if (in.Has("max_load") && body.at("max_load").is_null()) (void)in.Object("max_load", false);
  if (auto caps = in.Object("capacities", false)) {
    // {"<person id>": {"min": 0..10000, "max": min..10000 or null}}
    auto bound = [](const Json& c, const char* key) -> std::optional<int64_t> {
      if (!c.contains(key) || c.at(key).is_null()) return std::nullopt;
      if (!c.at(key).is_number_integer()) return -1;
      return c.at(key).get<int64_t>();
    };
    for (const auto& [key, c] : caps->items()) {
      auto id = ParseInt(key);
      if (!id || !c.is_object()) {
        in.Fail("capacities", {"field_object", {}});
        break;
      }
      const auto min = bound(c, "min"), max = bound(c, "max");
      if (min.value_or(0) < 0 || min.value_or(0) > 10000 ||
          (max && (*max < min.value_or(0) || *max > 10000))) {
        in.Fail("capacities", {"field_range", {}});
        break;
      }
      o.capacities[*id] = {static_cast<int>(min.value_or(0)),
                           max ? std::optional<int>(static_cast<int>(*max)) : std::nullopt};
    }
  }
  if (auto ex = in.IntList("exclude", false)) o.exclude = *ex;
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return o;
}

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
