// Contacts (走访 / 联系): who met whom, when, how, and the requests raised.

#include <map>

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "db/scope.hpp"
#include "pairing/pairing.hpp"
#include "pairing/targets.hpp"
#include "registry/registry.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"

namespace sl::pairing {

using store::Fields;
using store::Need;

namespace {

const store::RecordQuery<ContactRecord>& Contacts() {
  static const store::RecordQuery<ContactRecord> k{
      "contact k JOIN person sp ON sp.id = k.person_id",
      store::RowMap<ContactRecord>("k.id, k.person_id, sp.name, k.region_path", &ContactRecord::id,
                                   &ContactRecord::person, &ContactRecord::region_path)
          .Add("k.target_kind, k.target_id", &ContactRecord::target)
          .Add("k.occurred_on, k.kind, k.place, k.notes", &ContactRecord::occurred_on,
               &ContactRecord::kind, &ContactRecord::place, &ContactRecord::notes)
          .Add("COALESCE(k.created_by, 0)", &ContactRecord::created_by)
          .Stamps("k")};
  return k;
}

// In the view scope, or made by the caller's own person.
void Visible(const Caller& caller, store::Where& w) {
  db::Params params;
  std::string cond = VisibleOrOwn(caller, "k.region_path", "k.person_id", params);
  w.And("k.deleted_at IS NULL");
  w.And(cond, std::move(params));
}

// The requests raised on each of the contacts (the requests ledger's rows
// that name them).
Status AddRequests(db::Tx& tx, std::vector<ContactRecord>& contacts) {
  if (contacts.empty()) return OkStatus();
  std::map<int64_t, ContactRecord*> by_id;
  for (auto& c : contacts) by_id[c.id] = &c;
  std::vector<int64_t> ids;
  for (const auto& [id, c] : by_id) ids.push_back(id);
  db::Params p;
  const std::string in = db::InList(ids.begin(), ids.end(), p);
  return tx.ForEach("SELECT contact_id, id, title, status FROM request WHERE contact_id IN " + in +
                        " ORDER BY id",
                    p, [&](const db::Row& r) -> Status {
                      by_id[r.Int(0)]->requests.push_back({r.Int(1), r.Str(2), r.Str(3)});
                      return OkStatus();
                    });
}

Result<ContactRecord> Load(db::Tx& tx, const Caller& caller, int64_t id) {
  store::Where w;
  w.And("k.id = ?", {id});
  Visible(caller, w);
  SL_ASSIGN_OR_RETURN(ContactRecord c, GetResolved(tx, Contacts(), w, "contact_not_found"));
  std::vector<ContactRecord> one{std::move(c)};
  SL_TRY(AddRequests(tx, one));
  return std::move(one.front());
}

// The caller may write a contact at `place` made by `person` on `date`:
// inside the capture scope, or their own contact with a target paired to them
// that day.
Result<bool> MayWrite(db::Tx& tx, const Caller& caller, int64_t person, const TargetRef& target,
                      const std::string& place, const std::string& date) {
  if (caller.capture.Contains(place)) return true;
  if (!caller.person_id || person != caller.person_id) return false;
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM pairing WHERE source_person_id = ? AND "
                                            "target_kind = ? AND target_id = ? AND valid_from <= "
                                            "? AND (valid_to IS NULL OR valid_to > ?)",
                                            {person, target.kind, target.id, date, date}));
  return row.has_value();
}

// Who may change or delete a logged visit: the town office
// (contacts.manage), or whoever logged it (its user, or the cadre whose visit
// it is). Past the contact_edit_days setting after it was logged, only with a
// stated reason, which the audit row keeps.
Status CheckMayAmend(db::Tx& tx, const Caller& caller, const ContactRecord& c,
                     const std::string& reason) {
  const bool own = (c.created_by != 0 && c.created_by == caller.user_id) ||
                   (caller.person_id != 0 && caller.person_id == c.person.id);
  if (!own && !caller.Can(kContactsManage)) return Error::Forbidden("contact_not_own");
  SL_ASSIGN_OR_RETURN(
      auto days, tx.QueryOne("SELECT value FROM app_setting WHERE name = 'contact_edit_days'"));
  const int limit = days ? std::stoi(days->Str(0)) : 30;
  if (reason.empty() && c.created_at < UtcFromNow(-std::chrono::hours(24) * limit))
    return Error::Invalid({{"reason", Text{"contact_reason_required", {std::to_string(limit)}}}});
  return OkStatus();
}

struct Checked {
  int64_t person = 0;
  TargetRef target;
  std::string place;
};

// The checks shared by create and update; `before` is null on create.
Result<Checked> Check(db::Tx& tx, const Caller& caller, ContactInput& in,
                      const ContactRecord* before) {
  Fields errors;
  Checked c;
  const bool create = before == nullptr;
  const Need needed = create ? Need::kRequired : Need::kOptional;
  store::CheckDate(in.occurred_on, "occurred_on", errors, needed);
  if (in.occurred_on && !in.occurred_on->empty() && *in.occurred_on > TodayInChina())
    errors.emplace("occurred_on", Text{"field_date_future", {}});
  store::CheckChoice(in.kind, ContactKinds(), "kind", errors, needed);
  store::CheckText(in.place, "place", errors, 100);
  store::CheckNotes(in.notes, "notes", errors, 2000);
  // Who: given, or the caller's own person.
  c.person = in.person && *in.person > 0 ? *in.person
             : before                    ? before->person.id
                                         : caller.person_id;
  if (!c.person) {
    errors.emplace("person", Text{"field_required", {}});
  } else if (c.person != caller.person_id && !registry::GetPerson(tx, caller.view, c.person).ok()) {
    errors.emplace("person", Text{"person_not_found", {}});
  }
  // Whom.
  if (in.target_kind || in.target || create) {
    std::optional<std::string> kind = in.target_kind;
    if (!kind && before) kind = before->target.kind;
    store::CheckChoice(kind, ContactTargetKinds(), "target_kind", errors, Need::kRequired);
    if (!in.target || in.target->empty()) {
      errors.emplace("target", Text{"field_required", {}});
    } else if (kind && !kind->empty() && !errors.count("target_kind")) {
      SL_ASSIGN_OR_RETURN(auto target, FindTarget(tx, *kind, *in.target));
      if (!target) {
        errors.emplace("target", Text{"pairing_target_not_found", {}});
      } else {
        c.target = *target;
        c.place = target->region.path;
      }
    }
  } else {
    c.target = before->target;
    c.place = before->region_path;
  }
  if (errors.empty()) {
    const std::string date = in.occurred_on && !in.occurred_on->empty() ? *in.occurred_on
                             : before                                   ? before->occurred_on
                                                                        : TodayInChina();
    SL_ASSIGN_OR_RETURN(bool may, MayWrite(tx, caller, c.person, c.target, c.place, date));
    if (!may) errors.emplace("target", Text{"out_of_scope", {}});
  }
  SL_TRY(store::Finish(errors));
  return c;
}

}  // namespace

Result<ContactRecord> GetContact(db::Tx& tx, const Caller& caller, int64_t id) {
  return Load(tx, caller, id);
}

Result<Paged<ContactRecord>> ListContacts(db::Tx& tx, const Caller& caller, const ContactFilter& f,
                                          const Page& page) {
  store::Where w;
  Visible(caller, w);
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "k.region_path"));
  w.Equals("k.person_id", f.person);
  if (!f.target_kind.empty())
    w.And("k.target_kind = ? AND k.target_id = ?", {f.target_kind, f.target_id});
  if (!f.from.empty()) w.And("k.occurred_on >= ?", {f.from});
  if (!f.to.empty()) w.And("k.occurred_on <= ?", {f.to});
  SL_ASSIGN_OR_RETURN(auto found, Contacts().List(tx, w, "k.occurred_on DESC, k.id DESC", page));
  SL_TRY(ResolveTargetsOf(tx, found.items));
  SL_TRY(AddRequests(tx, found.items));
  return found;
}

Result<ContactRecord> CreateContact(db::Tx& tx, const Caller& caller, const ContactInput& input) {
  ContactInput in = input;
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, in, nullptr));
  SL_ASSIGN_OR_RETURN(
      int64_t id, store::InsertRecord(
                      tx, "contact",
                      {{"person_id", c.person},
                       {"target_kind", c.target.kind},
                       {"target_id", c.target.id},
                       {"region_path", c.place},
                       {"occurred_on", *in.occurred_on},
                       {"kind", *in.kind},
                       {"place", in.place.value_or("")},
                       {"notes", in.notes.value_or("")},
                       {"created_by", caller.user_id ? db::Value(caller.user_id) : db::Value()}}));
  Caller all = caller;
  all.view = Scope::Everything();
  SL_ASSIGN_OR_RETURN(ContactRecord r, Load(tx, all, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "contact", id, "create", Json(), ToJson(r),
                       c.place));
  SL_TRY(store::TouchPersonPlace(tx, r.person.id));
  return r;
}

Result<ContactRecord> UpdateContact(db::Tx& tx, const Caller& caller, int64_t id,
                                    const ContactInput& input) {
  SL_ASSIGN_OR_RETURN(ContactRecord before, Load(tx, caller, id));
  SL_ASSIGN_OR_RETURN(bool may, MayWrite(tx, caller, before.person.id, before.target,
                                         before.region_path, before.occurred_on));
  if (!may) return Error::Forbidden("out_of_scope");
  SL_TRY(CheckMayAmend(tx, caller, before, input.reason.value_or("")));
  SL_TRY(store::CheckVersion(input.version, before.version));
  ContactInput in = input;
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, in, &before));
  const ContactRecord& b = before;
  SL_TRY(store::UpdateRecord(
      tx, "contact", id,
      {{"person_id", c.person},
       {"target_kind", c.target.kind},
       {"target_id", c.target.id},
       {"region_path", c.place},
       {"occurred_on",
        in.occurred_on && !in.occurred_on->empty() ? *in.occurred_on : b.occurred_on},
       {"kind", in.kind && !in.kind->empty() ? *in.kind : b.kind},
       {"place", in.place.value_or(b.place)},
       {"notes", in.notes.value_or(b.notes)}}));
  Caller all = caller;
  all.view = Scope::Everything();
  SL_ASSIGN_OR_RETURN(ContactRecord after, Load(tx, all, id));
  Json after_json = ToJson(after);
  if (input.reason && !input.reason->empty()) after_json["reason"] = *input.reason;
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "contact", id, "update", ToJson(b), after_json,
                       after.region_path));
  SL_TRY(store::TouchPersonPlace(tx, b.person.id));
  SL_TRY(store::TouchPersonPlace(tx, after.person.id));
  return after;
}

Status DeleteContact(db::Tx& tx, const Caller& caller, int64_t id, const std::string& reason) {
  SL_ASSIGN_OR_RETURN(ContactRecord before, Load(tx, caller, id));
  SL_ASSIGN_OR_RETURN(bool may, MayWrite(tx, caller, before.person.id, before.target,
                                         before.region_path, before.occurred_on));
  if (!may) return Error::Forbidden("out_of_scope");
  SL_TRY(CheckMayAmend(tx, caller, before, reason));
  Json snapshot = ToJson(before);
  if (!reason.empty()) snapshot["delete_reason"] = reason;
  SL_TRY(store::TouchPersonPlace(tx, before.person.id));
  return store::SoftDelete(tx, caller, "contact", "contact", id, snapshot, before.region_path);
}

}  // namespace sl::pairing
