// Plans: made (read, solved with pricing, answered), stored with the
// fingerprint of what they were made from, read back, and applied through the
// pairing operations in one transaction.

#include "assign/plan.hpp"

#include <malloc.h>

#include <chrono>

#include "assign/answer.hpp"
#include "assign/problem.hpp"
#include "core/time.hpp"
#include "pairing/pairing.hpp"

namespace sl::assign {

namespace {

Status CheckRegionWrite(const Caller& caller, const std::string& path) {
  if (!caller.capture.Covers(Scope::Subtree(path))) return Error::Forbidden("out_of_scope");
  return OkStatus();
}

}  // namespace

Result<PlanText> CreatePlan(db::Tx& tx, const Caller& caller, const PlanOptions& options) {
  SL_ASSIGN_OR_RETURN(PlanOptions o, CheckPlanOptions(options));
  SL_ASSIGN_OR_RETURN(Problem p, ReadProblem(tx, caller, o));
  SL_TRY(CheckRegionWrite(caller, p.region.path));
  // Reading a big problem went through far more memory (query rows, names
  // resolved in chunks) than the problem keeps: give the pages back before
  // the answer is written, or they add to its peak.
  if (p.instance.arcs.size() > 100000) malloc_trim(0);
  const auto started = std::chrono::steady_clock::now();
  Solution s = Solve(p.instance);
  // Pairs left out are priced until none would lower the cost; an
  // infeasible plan is solved with all of them, so that its diagnosis
  // speaks of every eligible pair.
  while (AddPriced(p, o, s, !s.feasible) > 0) s = Solve(p.instance);
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  const std::string now = NowUtc();
  Json summary;
  // The text goes into the statement's parameters and comes back out: one
  // copy of a province's plan, not three. The problem and its solution are
  // let go before the statement copies it.
  db::Params params{int64_t{o.level},
                    p.region.id,
                    p.region.path,
                    o.date,
                    PlanOptionsJson(o).dump(),
                    std::string(s.feasible ? "optimal" : "infeasible"),
                    s.cost,
                    p.fingerprint,
                    Answer(p, o, s, us, &summary),
                    caller.username,
                    now};
  p = Problem();
  s = Solution();
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId("INSERT INTO assignment_plan (level, region_id, region_path, plan_date, options, "
                  "status, cost, fingerprint, result, created_by, created_at) VALUES (?, ?, ?, ?, "
                  "?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  params));
  std::string text = std::move(std::get<std::string>(params[8]));
  summary["id"] = id;
  summary["created_at"] = now;
  summary["applied_at"] = nullptr;
  return PlanText{id, WithRecord(std::move(text), id, now, std::nullopt), std::move(summary)};
}

namespace {

struct StoredPlan {
  int64_t id = 0;
  std::string region_path, status, fingerprint, created_at;
  std::optional<std::string> applied_at;
  PlanOptions options;
  std::string result;  // the answer's text
};

Result<StoredPlan> LoadPlan(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto row,
                      tx.QueryOne("SELECT id, region_path, status, fingerprint, options, result, "
                                  "created_at, applied_at FROM assignment_plan WHERE id = ?",
                                  {id}));
  if (!row || !caller.view.Contains(row->Str(1))) return Error::NotFound("plan_not_found");
  StoredPlan p;
  p.id = row->Int(0);
  p.region_path = row->Str(1);
  p.status = row->Str(2);
  p.fingerprint = row->Str(3);
  SL_ASSIGN_OR_RETURN(p.options, ReadPlanOptions(Json::parse(row->Str(4))));
  p.result = row->Str(5);
  p.created_at = row->Str(6);
  p.applied_at = row->OptStr(7);
  return p;
}

// The pairing operations a plan's changes come to, from its date: pairs
// ended (or removed, when they would have lasted no day), moved and added.
Result<Json> ApplyChanges(db::Tx& tx, const Caller& caller, const StoredPlan& stored) {
  const std::string& date = stored.options.date;
  const Json summary = PlanSummary(stored.result);
  const Json& changes = summary.at("changes");
  int64_t ended = 0, moved = 0, added = 0;
  for (const auto& c : changes.at("ended")) {
    const int64_t pid = c.at("pairing").get<int64_t>();
    SL_ASSIGN_OR_RETURN(auto before, pairing::GetPairing(tx, caller, pid));
    if (before.valid_from >= date) {
      SL_TRY(pairing::DeletePairing(tx, caller, pid));
    } else {
      pairing::PairingInput in;
      in.valid_to = date;
      SL_TRY(pairing::UpdatePairing(tx, caller, pid, in));
    }
    ++ended;
  }
  for (const auto& c : changes.at("moved")) {
    pairing::PairingInput in;
    in.source = c.at("to").at("id").get<int64_t>();
    in.valid_from = date;
    in.origin = "auto";
    SL_TRY(pairing::UpdatePairing(tx, caller, c.at("pairing").get<int64_t>(), in));
    ++moved;
  }
  for (const auto& c : changes.at("new")) {
    const Json& t = c.at("target");
    pairing::PairingInput in;
    in.level = stored.options.level;
    in.source = c.at("source").at("id").get<int64_t>();
    in.target = t.at("kind") == "region" ? t.at("region").at("code").get<std::string>()
                                         : std::to_string(t.at("id").get<int64_t>());
    in.valid_from = date;
    in.origin = "auto";
    SL_TRY(pairing::CreatePairing(tx, caller, in));
    ++added;
  }
  return Json{{"ended", ended}, {"moved", moved}, {"new", added}};
}

}  // namespace

Json PlanSummary(std::string_view text) {
  // Leaves out, while parsing, the lists that grow with the plan.
  std::string member;  // the top-level member being read
  return Json::parse(text, [&member](int depth, Json::parse_event_t event, Json& parsed) {
    if (event != Json::parse_event_t::key) return true;
    const std::string& key = parsed.get_ref<const std::string&>();
    if (depth == 1) {
      member = key;
      return key != "assignments" && key != "explanations" && key != "sources";
    }
    return !(depth == 2 && member == "changes" && key == "kept");
  });
}

Result<PlanText> GetPlan(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(StoredPlan p, LoadPlan(tx, caller, id));
  return PlanText{p.id, WithRecord(std::move(p.result), p.id, p.created_at, p.applied_at)};
}

Result<PlanText> ApplyPlan(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(StoredPlan stored, LoadPlan(tx, caller, id));
  SL_TRY(CheckRegionWrite(caller, stored.region_path));
  if (stored.applied_at) return Error::Conflict("plan_applied");
  if (stored.status != "optimal") return Error::Invalid({{"plan", Text{"plan_infeasible", {}}}});
  SL_ASSIGN_OR_RETURN(Problem now, ReadProblem(tx, caller, stored.options));
  if (now.fingerprint != stored.fingerprint) return Error::Conflict("plan_stale");
  SL_ASSIGN_OR_RETURN(Json applied, ApplyChanges(tx, caller, stored));
  const std::string at = NowUtc();
  SL_TRY(tx.Exec("UPDATE assignment_plan SET applied_at = ?, applied_by = ? WHERE id = ?",
                 {at, caller.username, id}));
  std::string text =
      WithRecord(std::move(stored.result), id, stored.created_at, at, std::move(applied));
  return PlanText{id, std::move(text)};
}

}  // namespace sl::assign
