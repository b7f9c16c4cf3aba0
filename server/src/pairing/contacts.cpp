// Contacts (走访 / 联系): who met whom, when, how, and what follows.

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "db/scope.hpp"
#include "pairing/pairing.hpp"
#include "pairing/targets.hpp"
#include "registry/common.hpp"
#include "registry/registry.hpp"

namespace sl::pairing {

namespace reg = registry::internal;
using reg::Fields;

namespace {

constexpr const char* kColumns =
    "k.id, k.person_id, sp.name, k.target_kind, k.target_id, k.region_path, k.occurred_on, "
    "k.kind, k.place, k.notes, k.follow_up, k.follow_up_due, k.follow_up_done_on, k.created_at, "
    "k.updated_at, k.version";
constexpr const char* kFrom = "contact k JOIN person sp ON sp.id = k.person_id";

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

Status Resolve(db::Tx& tx, std::vector<Row>& rows) {
  std::set<internal::Key> keys;
  for (const auto& r : rows) keys.insert({r.record.target.kind, r.record.target.id});
  SL_ASSIGN_OR_RETURN(auto found, internal::ResolveTargets(tx, keys));
  for (auto& r : rows) {
    auto hit = found.find({r.record.target.kind, r.record.target.id});
    if (hit != found.end()) r.record.target = hit->second;
  }
  return OkStatus();
}

// In the view scope, or made by the caller's own person.
void Visible(const Caller& caller, reg::Where& w) {
  db::Params params;
  std::string cond = internal::VisibleOrOwn(caller, "k.region_path", "k.person_id", params);
  w.And("k.deleted_at IS NULL");
  w.And(cond, std::move(params));
}

Result<Row> Load(db::Tx& tx, const Caller& caller, int64_t id) {
  reg::Where w;
  w.And("k.id = ?", {id});
  Visible(caller, w);
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kColumns + " FROM " + kFrom +
                                                " WHERE " + w.sql,
                                            w.params));
  if (!row) return Error::NotFound("contact_not_found");
  std::vector<Row> one{FromRow(*row)};
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
  reg::CheckDate(in.occurred_on, "occurred_on", errors, create);
  if (in.occurred_on && !in.occurred_on->empty() && *in.occurred_on > TodayInChina())
    errors.emplace("occurred_on", Text{"field_date_future", {}});
  reg::CheckChoice(in.kind, ContactKinds(), "kind", errors, create);
  reg::CheckText(in.place, "place", errors, 100, false);
  reg::CheckText(in.notes, "notes", errors, 2000, false);
  reg::CheckText(in.follow_up, "follow_up", errors, 500, false);
  reg::CheckDate(in.follow_up_due, "follow_up_due", errors);
  reg::CheckDate(in.follow_up_done_on, "follow_up_done_on", errors);
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
    reg::CheckChoice(kind, ContactTargetKinds(), "target_kind", errors, true);
    if (!in.target || in.target->empty()) {
      errors.emplace("target", Text{"field_required", {}});
    } else if (kind && !kind->empty() && !errors.count("target_kind")) {
      SL_ASSIGN_OR_RETURN(auto target, internal::FindTarget(tx, *kind, *in.target));
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
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return c;
}

}  // namespace

Result<ContactRecord> GetContact(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Row r, Load(tx, caller, id));
  return r.record;
}

Result<Json> ListContacts(db::Tx& tx, const Caller& caller, const ContactFilter& f,
                          const Page& page) {
  reg::Where w;
  Visible(caller, w);
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "k.region_path"));
  if (f.person) w.And("k.person_id = ?", {f.person});
  if (!f.from.empty()) {
    if (!IsIsoDate(f.from)) return Error::BadRequest("bad_query", {"from"});
    w.And("k.occurred_on >= ?", {f.from});
  }
  if (!f.to.empty()) {
    if (!IsIsoDate(f.to)) return Error::BadRequest("bad_query", {"to"});
    w.And("k.occurred_on <= ?", {f.to});
  }
  SL_ASSIGN_OR_RETURN(auto found,
                      reg::PageRows(tx, kColumns, kFrom, w, "k.occurred_on DESC, k.id DESC", page));
  std::vector<Row> rows;
  for (const auto& r : found.first) rows.push_back(FromRow(r));
  SL_TRY(Resolve(tx, rows));
  Json items = Json::array();
  for (const auto& r : rows) items.push_back(ToJson(r.record));
  return Json{{"items", std::move(items)}, {"total", found.second}};
}

Result<ContactRecord> CreateContact(db::Tx& tx, const Caller& caller, const ContactInput& input) {
  ContactInput in = input;
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, in, nullptr));
  const std::string now = reg::Now();
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId("INSERT INTO contact (person_id, target_kind, target_id, region_path, "
                  "occurred_on, kind, place, notes, follow_up, follow_up_due, follow_up_done_on, "
                  "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                  "?, 1) RETURNING id",
                  {c.person, c.target.kind, c.target.id, c.place, *in.occurred_on, *in.kind,
                   in.place.value_or(""), in.notes.value_or(""), in.follow_up.value_or(""),
                   reg::OrNull(in.follow_up_due), reg::OrNull(in.follow_up_done_on), now, now}));
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
  if (input.version && *input.version != before.record.version)
    return Error::Conflict("version_conflict");
  ContactInput in = input;
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, in, &before));
  const ContactRecord& b = before.record;
  auto keep = [](const std::optional<std::string>& v, const std::optional<std::string>& old) {
    return v ? reg::OrNull(v) : reg::OrNull(old);
  };
  SL_TRY(
      tx.Exec("UPDATE contact SET person_id = ?, target_kind = ?, target_id = ?, region_path = ?, "
              "occurred_on = ?, kind = ?, place = ?, notes = ?, follow_up = ?, follow_up_due = ?, "
              "follow_up_done_on = ?, updated_at = ?, version = version + 1 WHERE id = ?",
              {c.person, c.target.kind, c.target.id, c.place,
               in.occurred_on && !in.occurred_on->empty() ? *in.occurred_on : b.occurred_on,
               in.kind && !in.kind->empty() ? *in.kind : b.kind, in.place.value_or(b.place),
               in.notes.value_or(b.notes), in.follow_up.value_or(b.follow_up),
               keep(in.follow_up_due, b.follow_up_due),
               keep(in.follow_up_done_on, b.follow_up_done_on), reg::Now(), id}));
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
  SL_TRY(tx.Exec(
      "UPDATE contact SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
      {reg::Now(), reg::Now(), id}));
  return audit::Record(tx, audit::ActorOf(caller), "contact", id, "delete", ToJson(before.record),
                       Json(), before.place);
}

}  // namespace sl::pairing
