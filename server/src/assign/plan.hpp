#pragma once
// Automatic pairing (自动分配): for one level under one region on a date, the
// plan that covers every target as its rule says at the least cost — near
// pairs, even loads, existing pairs kept — with why each pair was chosen and
// what changes; or, when the rules cannot be met, which targets fall short,
// who could cover them and what to change. Plans are stored and applied as
// they were shown, in one transaction, unless the data changed meanwhile.
//
// The parts: cost.hpp (the cost model's rules), options.hpp (what a plan is
// asked for), problem.hpp (reading it), solver.hpp (min-cost flow),
// answer.hpp (the answer's text); this file stores and applies plans.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "assign/cost.hpp"
#include "assign/options.hpp"
#include "core/caller.hpp"
#include "core/handler.hpp"
#include "db/db.hpp"

namespace sl::assign {

// A plan as stored and sent: its JSON text. It is written item by item and
// never held as a JSON tree: a province's level 1 is 35 MB of text, and was
// several times that as a tree.
struct PlanText {
  int64_t id = 0;
  std::string json;
  // A new plan's summary (PlanSummary of `json`, made with it: the command
  // line prints it without reading back 35 MB); null otherwise.
  Json summary;
};

// Makes and stores a plan (pairing.write; the region within the caller's
// capture scope). The answer is the stored plan's JSON.
Result<PlanText> CreatePlan(db::Tx& tx, const Caller& caller, const PlanOptions& options);
Result<PlanText> GetPlan(db::Tx& tx, const Caller& caller, int64_t id);
// Applies an optimal plan: ends, moves and adds pairings from its date, in
// the caller's transaction, audited; Conflict ("plan_stale") when what the
// plan was made from has changed, Conflict ("plan_applied") the second time.
// The answer is the plan with "applied": {"ended", "moved", "new"}.
Result<PlanText> ApplyPlan(db::Tx& tx, const Caller& caller, int64_t id);

// A plan's JSON without the lists that grow with it (assignments,
// explanations, sources, the kept pairs; "counts" has their sizes): what the
// command line prints and applying reads.
Json PlanSummary(std::string_view json);

// Handlers.
Result<Response> HandlePlanCreate(db::Database& db, const Request& r);
Result<Response> HandlePlanGet(db::Database& db, const Request& r);
Result<Response> HandlePlanApply(db::Database& db, const Request& r);

}  // namespace sl::assign
