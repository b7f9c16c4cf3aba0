// Chamber memberships and the chamber figures.

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "store/checks.hpp"
#include "store/write.hpp"

namespace sl::registry {

using store::Fields;
using store::Need;

namespace {

// With whether each member is a party member on `date`.
store::RecordQuery<Membership> Memberships(const std::string& date) {
  return {
      "chamber_membership m JOIN organization c ON c.id = m.chamber_id JOIN person p ON p.id = "
      "m.person_id LEFT JOIN enterprise e ON e.id = m.enterprise_id",
      store::RowMap<Membership>("m.id, c.id, c.name, p.id, p.name, e.id, e.name", &Membership::id,
                                &Membership::chamber, &Membership::person, &Membership::enterprise)
          .Add("m.post, m.joined_on, m.left_on, m.dues_status, m.region_path", &Membership::post,
               &Membership::joined_on, &Membership::left_on, &Membership::dues_status,
               &Membership::region_path)
          .Stamps("m")
          .Add("EXISTS (SELECT 1 FROM party_stage s WHERE s.person_id = m.person_id AND "
               "s.stage IN ('probationary', 'full') AND s.valid_from <= ? AND (s.valid_to IS "
               "NULL OR s.valid_to > ?))",
               &Membership::party_member),
      {date, date}};
}

Result<Membership> Load(db::Tx& tx, const Scope& view, int64_t id) {
  store::Where w;
  w.And("m.id = ?", {id});
  w.Scope(view, "m.region_path");
  return Memberships(TodayInChina()).Get(tx, w, "membership_not_found");
}

void MembershipWhere(const Caller& caller, const MembershipFilter& f, const std::string& date,
                     store::Where& w) {
  w.And("c.deleted_at IS NULL AND p.deleted_at IS NULL");
  w.Scope(caller.view, "m.region_path");
  w.Equals("m.chamber_id", f.chamber);
  w.Equals("m.enterprise_id", f.enterprise);
  if (!f.all) w.And("m.joined_on <= ? AND (m.left_on IS NULL OR m.left_on > ?)", {date, date});
  db::Params params;
  const std::string person =
      store::SearchCondition(f.q, store::SearchKind::kPerson, "p.id", "p.search_text", params);
  if (!person.empty()) {
    const std::string enterprise = store::SearchCondition(f.q, store::SearchKind::kEnterprise,
                                                          "e.id", "e.search_text", params);
    w.And("(" + person + " OR " + enterprise + ")", std::move(params));
  }
}

constexpr const char* kOrder =
    "CASE m.post WHEN 'president' THEN 0 WHEN 'vice_president' THEN 1 WHEN 'director' THEN 2 ELSE "
    "3 END, p.sort_key, m.id";

Result<Ref> VisibleChamber(db::Tx& tx, const Caller& caller, int64_t id, Fields& errors,
                           std::string& path) {
  auto chamber = GetOrganization(tx, caller.view, id);
  if (!chamber.ok() || chamber->kind != "chamber") {
    errors.emplace("chamber", Text{"chamber_not_found", {}});
    return Ref{};
  }
  path = chamber->region.path;
  if (!caller.capture.Contains(path)) errors.emplace("chamber", Text{"out_of_scope", {}});
  return Ref{chamber->id, chamber->name};
}

}  // namespace

Result<Membership> GetMembership(db::Tx& tx, const Scope& view, int64_t id) {
  return Load(tx, view, id);
}

Result<Paged<Membership>> ListMemberships(db::Tx& tx, const Caller& caller,
                                          const MembershipFilter& f, const Page& page) {
  const std::string date = f.date.empty() ? TodayInChina() : f.date;
  store::Where w;
  MembershipWhere(caller, f, date, w);
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "m.region_path"));
  return Memberships(date).List(tx, w, kOrder, page);
}

Status ForEachMembership(db::Tx& tx, const Caller& caller, const MembershipFilter& f,
                         const std::function<Status(const Membership&)>& fn) {
  const std::string date = f.date.empty() ? TodayInChina() : f.date;
  store::Where w;
  MembershipWhere(caller, f, date, w);
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "m.region_path"));
  return Memberships(date).ForEach(tx, w, std::string("c.id, ") + kOrder, fn);
}

Result<Membership> CreateMembership(db::Tx& tx, const Caller& caller,
                                    const MembershipInput& input) {
  MembershipInput in = input;
  Fields errors;
  store::CheckChoice(in.post, ChamberPosts(), "post", errors, Need::kRequired);
  store::CheckChoice(in.dues_status, DuesStatuses(), "dues_status", errors, Need::kRequired);
  store::CheckDate(in.joined_on, "joined_on", errors, Need::kRequired);
  store::CheckDate(in.left_on, "left_on", errors);
  std::string path;
  if (!in.chamber || *in.chamber <= 0)
    errors.emplace("chamber", Text{"field_required", {}});
  else {
    SL_TRY(VisibleChamber(tx, caller, *in.chamber, errors, path));
  }
  if (!in.person || *in.person <= 0)
    errors.emplace("person", Text{"field_required", {}});
  else if (!GetPerson(tx, caller.view, *in.person).ok())
    errors.emplace("person", Text{"person_not_found", {}});
  if (in.enterprise && *in.enterprise > 0 && !GetEnterprise(tx, caller.view, *in.enterprise).ok())
    errors.emplace("enterprise", Text{"enterprise_not_found", {}});
  if (in.joined_on && in.left_on && !in.left_on->empty() && *in.left_on <= *in.joined_on)
    errors.emplace("left_on", Text{"field_date_order", {}});
  if (errors.empty()) {
    SL_ASSIGN_OR_RETURN(auto open, FindOpenMembership(tx, *in.chamber, *in.person));
    if (open) errors.emplace("person", Text{"member_already", {}});
  }
  SL_TRY(store::Finish(errors));
  SL_ASSIGN_OR_RETURN(int64_t id,
                      store::InsertRecord(tx, "chamber_membership",
                                          {{"chamber_id", *in.chamber},
                                           {"person_id", *in.person},
                                           {"enterprise_id", store::IdOrKept(in.enterprise, {})},
                                           {"post", *in.post},
                                           {"joined_on", *in.joined_on},
                                           {"left_on", store::OrNull(in.left_on)},
                                           {"dues_status", *in.dues_status},
                                           {"region_path", path}}));
  SL_ASSIGN_OR_RETURN(Membership m, Load(tx, caller.view, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "membership", id, "create", Json(), ToJson(m),
                       path));
  return m;
}

Result<Membership> UpdateMembership(db::Tx& tx, const Caller& caller, int64_t id,
                                    const MembershipInput& input, bool* changed) {
  SL_ASSIGN_OR_RETURN(Membership before, Load(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region_path));
  SL_TRY(store::CheckVersion(input.version, before.version));
  MembershipInput in = input;
  Fields errors;
  store::CheckChoice(in.post, ChamberPosts(), "post", errors);
  store::CheckChoice(in.dues_status, DuesStatuses(), "dues_status", errors);
  store::CheckDate(in.joined_on, "joined_on", errors);
  store::CheckDate(in.left_on, "left_on", errors);
  if (in.enterprise && *in.enterprise > 0 && !GetEnterprise(tx, caller.view, *in.enterprise).ok())
    errors.emplace("enterprise", Text{"enterprise_not_found", {}});
  const std::string joined =
      in.joined_on && !in.joined_on->empty() ? *in.joined_on : before.joined_on;
  if (in.left_on && !in.left_on->empty() && *in.left_on <= joined)
    errors.emplace("left_on", Text{"field_date_order", {}});
  SL_TRY(store::Finish(errors));
  const int64_t old_enterprise = before.enterprise ? before.enterprise->id : 0;
  const bool unchanged =
      (!in.enterprise || *in.enterprise == old_enterprise) &&
      (!in.post || in.post->empty() || *in.post == before.post) && joined == before.joined_on &&
      (!in.left_on || *in.left_on == before.left_on.value_or("")) &&
      (!in.dues_status || in.dues_status->empty() || *in.dues_status == before.dues_status);
  if (changed) *changed = !unchanged;
  if (unchanged) return before;
  SL_TRY(store::UpdateRecord(
      tx, "chamber_membership", id,
      {{"enterprise_id", store::IdOrKept(in.enterprise, before.enterprise)},
       {"post", in.post && !in.post->empty() ? *in.post : before.post},
       {"joined_on", joined},
       {"left_on", store::OrNull(in.left_on ? in.left_on : before.left_on)},
       {"dues_status",
        in.dues_status && !in.dues_status->empty() ? *in.dues_status : before.dues_status}}));
  SL_ASSIGN_OR_RETURN(Membership after, Load(tx, caller.view, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "membership", id, "update", ToJson(before),
                       ToJson(after), after.region_path));
  return after;
}

Status DeleteMembership(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Membership before, Load(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region_path));
  SL_TRY(tx.Exec("DELETE FROM chamber_membership WHERE id = ?", {id}));
  return audit::Record(tx, audit::ActorOf(caller), "membership", id, "delete", ToJson(before),
                       Json(), before.region_path);
}

Result<std::optional<int64_t>> FindOpenMembership(db::Tx& tx, int64_t chamber_id,
                                                  int64_t person_id) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM chamber_membership WHERE chamber_id = "
                                            "? AND person_id = ? AND left_on IS NULL",
                                            {chamber_id, person_id}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

Result<ChamberFigures> ChamberStats(db::Tx& tx, const Scope& view, const std::string& region_code,
                                    const std::string& date) {
  SL_TRY(tx.PlanEachRun());  // a report over a region of any size
  SL_ASSIGN_OR_RETURN(regions::Region region, regions::Get(tx, view, region_code));
  store::Where w;
  w.And("c.kind = 'chamber' AND c.deleted_at IS NULL AND p.deleted_at IS NULL");
  w.Scope(Scope::Subtree(region.path), "m.region_path");
  w.Scope(view, "m.region_path");
  w.And("m.joined_on <= ? AND (m.left_on IS NULL OR m.left_on > ?)", {date, date});
  const std::string from =
      " FROM chamber_membership m JOIN organization c ON c.id = m.chamber_id JOIN person p ON "
      "p.id = m.person_id WHERE " +
      w.sql;
  db::Params params{date, date};
  params.insert(params.end(), w.params.begin(), w.params.end());
  SL_ASSIGN_OR_RETURN(
      auto counts,
      tx.QueryOne("SELECT COUNT(DISTINCT m.person_id), COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 "
                  "FROM party_stage s WHERE s.person_id = m.person_id AND s.stage IN "
                  "('probationary', 'full') AND s.valid_from <= ? AND (s.valid_to IS NULL OR "
                  "s.valid_to > ?)) THEN m.person_id END), COUNT(DISTINCT m.enterprise_id)" +
                      from,
                  params));
  SL_ASSIGN_OR_RETURN(auto capital,
                      tx.QueryOne("SELECT COALESCE(SUM(e.registered_capital_fen), 0) FROM "
                                  "enterprise e WHERE e.deleted_at IS NULL AND e.id IN (SELECT "
                                  "m.enterprise_id" +
                                      from + ")",
                                  w.params));
  ChamberFigures f;
  if (counts) {
    f.members = counts->Int(0);
    f.party_members = counts->Int(1);
    f.enterprises = counts->Int(2);
  }
  if (capital) f.registered_capital_fen = capital->Int(0);
  return f;
}

}  // namespace sl::registry
