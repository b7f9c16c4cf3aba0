// Contacts (走访 / 联系): who met whom, when, how, and what follows.

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

struct Row {
  ContactRecord record;
  std::string place;  // the target's region path
};

Row FromRow(const db::Row& r) {
  Row out;
  ContactRecord& c = out.record;
  c.id = r.Int(0);
  c.person = Ref{r.Int(1), r.Str(2)};
  c.target.kind = r.Str(3);
  c.target.id = r.Int(4);
  out.place = r.Str(5);
  c.occurred_on = r.Str(6);
  c.kind = r.Str(7);
  c.place = r.Str(8);
  c.notes = r.Str(9);
  c.follow_up = r.Str(10);
  c.follow_up_due = r.OptStr(11);
  c.follow_up_done_on = r.OptStr(12);
  c.created_at = r.Str(13);
  c.updated_at = r.Str(14);
  c.version = r.Int(15);
  return out;
}

const store::RecordQuery<Row>& Contacts() {
  static const store::RecordQuery<Row> k{
      "k.id, k.person_id, sp.name, k.target_kind, k.target_id, k.region_path, k.occurred_on, "
      "k.kind, k.place, k.notes, k.follow_up, k.follow_up_due, k.follow_up_done_on, "
      "k.created_at, k.updated_at, k.version",
      "contact k JOIN person sp ON sp.id = k.person_id", FromRow};
  return k;
}

Status Resolve(db::Tx& tx, std::vector<Row>& rows) {
  std::set<TargetKey> keys;
  for (const auto& r : rows) keys.insert({r.record.target.kind, r.record.target.id});
  SL_ASSIGN_OR_RETURN(auto found, ResolveTargets(tx, keys));
  for (auto& r : rows) {
    auto hit = found.find({r.record.target.kind, r.record.target.id});
    if (hit != found.end()) r.record.target = hit->second;
  }
  return OkStatus();
}

// In the view scope, or made by the caller's own person.
void Visible(const Caller& caller, store::Where& w) {
  db::Params params;
  std::string cond = VisibleOrOwn(caller, "k.region_path", "k.person_id", params);
  w.And("k.deleted_at IS NULL");
  w.And(cond, std::move(params));
}

Result<Row> Load(db::Tx& tx, const Caller& caller, int64_t id) {
  store::Where w;
  w.And("k.id = ?", {id});
  Visible(caller, w);
  SL_ASSIGN_OR_RETURN(Row row, Contacts().Get(tx, w, "contact_not_found"));
  std::vector<Row> one{std::move(row)};
  SL_TRY(Resolve(tx, one));
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

struct Checked {
  int64_t person = 0;
  TargetRef target;
  std::string place;
};

// The checks shared by create and update; `before` is null on create.
Result<Checked> Check(db::Tx& tx, const Caller& caller, ContactInput& in, const Row* before) {
  Fields errors;
  Checked c;
  const bool create = before == nullptr;
  const Need needed = create ? Need::kRequired : Need::kOptional;
  store::CheckDate(in.occurred_on, "occurred_on", errors, needed);
  if (in.occurred_on && !in.occurred_on->empty() && *in.occurred_on > TodayInChina())
    errors.emplace("occurred_on", Text{"field_date_future", {}});
  store::CheckChoice(in.kind, ContactKinds(), "kind", errors, needed);
  store::CheckText(in.place, "place", errors, 100);
  store::CheckText(in.notes, "notes", errors, 2000);
  store::CheckText(in.follow_up, "follow_up", errors, 500);
  store::CheckDate(in.follow_up_due, "follow_up_due", errors);
  store::CheckDate(in.follow_up_done_on, "follow_up_done_on", errors);
  // Who: given, or the caller's own person.
  c.person = in.person && *in.person > 0 ? *in.person
             : before                    ? before->record.person.id
                                         : caller.person_id;
  if (!c.person) {
    errors.emplace("person", Text{"field_required", {}});
  } else if (c.person != caller.person_id && !registry::GetPerson(tx, caller.view, c.person).ok()) {
    errors.emplace("person", Text{"person_not_found", {}});
  }
  // Whom.
  if (in.target_kind || in.target || create) {
    std::optional<std::string> kind = in.target_kind;
    if (!kind && before) kind = before->record.target.kind;
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
    c.target = before->record.target;
    c.place = before->place;
  }
  if (errors.empty()) {
    const std::string date = in.occurred_on && !in.occurred_on->empty() ? *in.occurred_on
                             : before                                   ? before->record.occurred_on
                                                                        : TodayInChina();
    SL_ASSIGN_OR_RETURN(bool may, MayWrite(tx, caller, c.person, c.target, c.place, date));
    if (!may) errors.emplace("target", Text{"out_of_scope", {}});
  }
  SL_TRY(store::Finish(errors));
  return c;
}

}  // namespace

Result<ContactRecord> GetContact(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Row r, Load(tx, caller, id));
  return r.record;
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
  SL_TRY(Resolve(tx, found.items));
  Paged<ContactRecord> out;
  out.total = found.total;
  for (auto& r : found.items) out.items.push_back(std::move(r.record));
  return out;
}

Result<ContactRecord> CreateContact(db::Tx& tx, const Caller& caller, const ContactInput& input) {
  ContactInput in = input;
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, in, nullptr));
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      store::InsertRecord(tx, "contact",
                          {{"person_id", c.person},
                           {"target_kind", c.target.kind},
                           {"target_id", c.target.id},
                           {"region_path", c.place},
                           {"occurred_on", *in.occurred_on},
                           {"kind", *in.kind},
                           {"place", in.place.value_or("")},
                           {"notes", in.notes.value_or("")},
                           {"follow_up", in.follow_up.value_or("")},
                           {"follow_up_due", store::OrNull(in.follow_up_due)},
                           {"follow_up_done_on", store::OrNull(in.follow_up_done_on)}}));
  Caller all = caller;
  all.view = Scope::Everything();
  SL_ASSIGN_OR_RETURN(Row r, Load(tx, all, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "contact", id, "create", Json(),
                       ToJson(r.record), c.place));
  return r.record;
}

Result<ContactRecord> UpdateContact(db::Tx& tx, const Caller& caller, int64_t id,
                                    const ContactInput& input) {
  SL_ASSIGN_OR_RETURN(Row before, Load(tx, caller, id));
  SL_ASSIGN_OR_RETURN(bool may, MayWrite(tx, caller, before.record.person.id, before.record.target,
                                         before.place, before.record.occurred_on));
  if (!may) return Error::Forbidden("out_of_scope");
  SL_TRY(store::CheckVersion(input.version, before.record.version));
  ContactInput in = input;
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, in, &before));
  const ContactRecord& b = before.record;
  auto keep = [](const std::optional<std::string>& v, const std::optional<std::string>& old) {
    return store::OrNull(v ? v : old);
  };
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
       {"notes", in.notes.value_or(b.notes)},
       {"follow_up", in.follow_up.value_or(b.follow_up)},
       {"follow_up_due", keep(in.follow_up_due, b.follow_up_due)},
       {"follow_up_done_on", keep(in.follow_up_done_on, b.follow_up_done_on)}}));
  Caller all = caller;
  all.view = Scope::Everything();
  SL_ASSIGN_OR_RETURN(Row after, Load(tx, all, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "contact", id, "update", ToJson(b),
                       ToJson(after.record), after.place));
  return after.record;
}

Status DeleteContact(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Row before, Load(tx, caller, id));
  SL_ASSIGN_OR_RETURN(bool may, MayWrite(tx, caller, before.record.person.id, before.record.target,
                                         before.place, before.record.occurred_on));
  if (!may) return Error::Forbidden("out_of_scope");
  return store::SoftDelete(tx, caller, "contact", "contact", id, ToJson(before.record),
                           before.place);
}

}  // namespace sl::pairing
