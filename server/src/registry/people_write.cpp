// People: creating (one form, or an import's many rows in a few bulk
// statements), changing and deleting person records, with their tags.

#include <algorithm>
#include <set>

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "db/scope.hpp"
#include "registry/internal.hpp"
#include "registry/registry.hpp"
#include "registry/validators.hpp"
#include "store/checks.hpp"
#include "store/write.hpp"
#include "text/text.hpp"

namespace sl::registry {

using store::Fields;
using store::Need;

namespace {

std::vector<std::string> NormalizeTags(const std::vector<std::string>& in, Fields& errors) {
  std::set<std::string> out;
  for (const auto& t : in) {
    auto id = ChoiceId(Tags(), t);
    if (!id) {
      errors.emplace("tags", Text{"field_choice", {ChoiceLabels(Tags())}});
      return {};
    }
    out.insert(*id);
  }
  return {out.begin(), out.end()};
}

Status WriteTags(db::Tx& tx, int64_t person_id, const std::vector<std::string>& wanted,
                 const std::optional<std::string>& since) {
  const std::string today = TodayInChina();
  const std::string from = since && !since->empty() ? *since : today;
  SL_ASSIGN_OR_RETURN(auto open, tx.Query("SELECT id, tag FROM person_tag WHERE person_id = ? AND "
                                          "valid_to IS NULL",
                                          {person_id}));
  std::set<std::string> have;
  for (const auto& r : open) {
    if (std::find(wanted.begin(), wanted.end(), r.Str(1)) == wanted.end())
      SL_TRY(tx.Exec("UPDATE person_tag SET valid_to = ? WHERE id = ?", {today, r.Int(0)}));
    else
      have.insert(r.Str(1));
  }
  for (const auto& t : wanted)
    if (!have.count(t))
      SL_TRY(tx.Exec("INSERT INTO person_tag (person_id, tag, valid_from) VALUES (?, ?, ?)",
                     {person_id, t, from}));
  return OkStatus();
}

// The checked and normalized values of a person form.
struct Checked {
  PersonInput in;
  std::optional<RegionRef> region;
  std::optional<std::string> id_card_hash, id_card_masked;
  std::optional<std::vector<std::string>> tags;
  // The typed card is on file for this other person, outside the writer's
  // view: written without its hash, the clash kept for the town office.
  std::optional<int64_t> clash_with;
};

// A typed card already held (`holders`, deleted or not, the writer's own
// record left out): refused when the caller can see a holder; otherwise
// answered as an unknown card would be, and kept as a clash
// (person_id_conflict) so that nobody learns from the answer that a number is
// on file elsewhere.
std::optional<Error> TakenCard(const Caller& caller, Checked& c,
                               const std::vector<internal::CardHolder>& holders) {
  if (holders.empty()) return std::nullopt;
  for (const internal::CardHolder& h : holders)
    if (caller.view.Contains(h.region_path))
      return Error::Invalid(
          {{"id_card", Text{h.deleted ? "person_id_card_deleted" : "person_id_card_taken", {}}}});
  c.clash_with = holders.front().id;
  for (const internal::CardHolder& h : holders)
    if (!h.clash) c.clash_with = h.id;  // the one stored with the card
  return std::nullopt;
}

// Stores or clears the clash of a person's typed card (`hash`).
Status WriteClash(db::Tx& tx, int64_t person_id, const Checked& c, const std::string& now) {
  SL_TRY(tx.Exec("DELETE FROM person_id_conflict WHERE person_id = ?", {person_id}));
  if (!c.clash_with) return OkStatus();
  SL_TRY(tx.Exec(
      "INSERT INTO person_id_conflict (person_id, id_card_hash, other_person_id, created_at) "
      "VALUES (?, ?, ?, ?)",
      {person_id, *c.id_card_hash, *c.clash_with, now}));
  return OkStatus();
}

// Without people.manage (the chamber) a person may be changed only while a
// member of a chamber in the capture scope.
Status CheckMayChange(db::Tx& tx, const Caller& caller, int64_t person_id) {
  if (caller.Can(kPeopleManage)) return OkStatus();
  db::Params params{person_id};
  const std::string in_scope = db::ScopeCondition(caller.capture, "m.region_path", params);
  SL_ASSIGN_OR_RETURN(auto member,
                      tx.QueryOne("SELECT 1 FROM chamber_membership m WHERE m.person_id = ? AND "
                                  "m.left_on IS NULL AND " +
                                      in_scope,
                                  params));
  if (!member) return Error::Forbidden("person_not_member");
  return OkStatus();
}

// A validator's message for `field`: its field message, or the whole message.
void Place(const Error& e, const char* field, Fields& errors) {
  errors.emplace(field, e.fields.count(field) ? e.fields.at(field) : e.message);
}

// The ID card fixes gender and birth date; stated ones must agree.
Status CheckIdCard(db::Tx& tx, PersonInput& in, Checked& c, Fields& errors) {
  if (!in.id_card || in.id_card->empty()) return OkStatus();
  auto card = ParseIdCard(*in.id_card);
  if (!card.ok()) {
    Place(card.error(), "id_card", errors);
    return OkStatus();
  }
  if (in.gender && !in.gender->empty() && *in.gender != card->gender)
    errors.emplace("gender", Text{"person_gender_mismatch", {}});
  if (in.birth_date && !in.birth_date->empty() && *in.birth_date != card->birth_date)
    errors.emplace("birth_date", Text{"person_birth_mismatch", {card->birth_date}});
  if (!in.gender || in.gender->empty()) in.gender = card->gender;
  if (!in.birth_date || in.birth_date->empty()) in.birth_date = card->birth_date;
  SL_ASSIGN_OR_RETURN(c.id_card_hash, internal::IdCardHash(tx, card->number));
  c.id_card_masked = card->masked;
  return OkStatus();
}

// `card_query` false: the caller checks that the ID card is not on file
// (CreatePeople, for many at once).
Result<Checked> Check(db::Tx& tx, const Caller& caller, PersonInput in, const Person* existing,
                      bool card_query = true) {
  Fields errors;
  Checked c;
  const bool create = existing == nullptr;
  store::CheckText(in.name, "name", errors, 50, store::RequiredOnCreate(create));
  store::CheckChoice(in.gender, Genders(), "gender", errors);
  store::CheckDate(in.birth_date, "birth_date", errors);
  if (in.birth_date && !in.birth_date->empty() && *in.birth_date > TodayInChina())
    errors.emplace("birth_date", Text{"field_date_future", {}});
  store::CheckNotes(in.notes, "notes", errors, 500);
  store::CheckDate(in.tags_since, "tags_since", errors);
  if (in.phone && !in.phone->empty()) {
    auto phone = ParsePhone(*in.phone);
    if (!phone.ok())
      Place(phone.error(), "phone", errors);
    else
      in.phone = phone->number;
  }
  SL_TRY(CheckIdCard(tx, in, c, errors));
  SL_ASSIGN_OR_RETURN(c.region, store::CheckRegion(tx, caller, in.region, "region", errors,
                                                   create ? Need::kRequired : Need::kOptional));
  if (in.tags) c.tags = NormalizeTags(*in.tags, errors);
  if (in.stage && !in.stage->empty()) {
    store::CheckChoice(in.stage, PartyStages(), "party_stage", errors);
    store::CheckDate(in.stage_since, "party_stage", errors, Need::kRequired);
  }
  if (c.id_card_hash && card_query) {
    SL_ASSIGN_OR_RETURN(auto on_file, internal::CardHolders(tx, {*c.id_card_hash}));
    auto& holders = on_file[*c.id_card_hash];
    std::erase_if(holders,
                  [&](const internal::CardHolder& h) { return existing && h.id == existing->id; });
    if (auto refused = TakenCard(caller, c, holders))
      errors.emplace("id_card", refused->fields.at("id_card"));
  }
  SL_TRY(store::Finish(errors));
  c.in = std::move(in);
  return c;
}

// ID cards already on file (deleted people too), or twice in this batch:
// one query per 500 cards instead of one per person. Refused inputs get their
// error in `out` and are dropped from `checked`.
Status RefuseTakenCards(db::Tx& tx, const Caller& caller,
                        std::vector<std::optional<Checked>>& checked,
                        std::vector<Result<Person>>& out) {
  std::vector<std::string> hashes;
  for (const auto& c : checked)
    if (c && c->id_card_hash) hashes.push_back(*c->id_card_hash);
  SL_ASSIGN_OR_RETURN(auto on_file, internal::CardHolders(tx, hashes));
  std::set<std::string> in_batch;
  for (size_t i = 0; i < checked.size(); ++i) {
    auto& c = checked[i];
    if (!c || !c->id_card_hash) continue;
    std::optional<Error> refused;
    if (!in_batch.insert(*c->id_card_hash).second)
      refused = Error::Invalid({{"id_card", Text{"person_id_card_taken", {}}}});
    else if (auto hit = on_file.find(*c->id_card_hash); hit != on_file.end())
      refused = TakenCard(caller, *c, hit->second);
    if (refused) {
      out[i] = std::move(*refused);
      c.reset();
    }
  }
  return OkStatus();
}

// The rows of a batch of checked people, written in bulk with ids drawn
// beforehand.
struct Rows {
  std::vector<db::Params> people, tokens, tags, stages;
};

// The record as written (store_test checks it equals what GetPerson reads),
// and its rows.
Person Written(const Checked& c, int64_t id, std::optional<int64_t> stage_id,
               const std::string& now, const std::string& today, Rows& rows) {
  const auto stored = [](const std::optional<std::string>& v) {
    return v && !v->empty() ? v : std::nullopt;  // as OrNull writes it
  };
  const std::string& name = *c.in.name;
  Person p;
  p.id = id;
  p.name = name;
  p.gender = stored(c.in.gender);
  p.birth_date = stored(c.in.birth_date);
  p.phone = stored(c.in.phone);
  p.id_card_masked = stored(c.id_card_masked);
  p.id_card_conflict = c.clash_with.has_value();
  p.region = *c.region;
  p.notes = c.in.notes.value_or("");
  p.created_at = p.updated_at = now;
  std::vector<std::string> tokens = store::TokensOf(name);
  rows.people.push_back(
      {p.id, name, store::OrNull(c.in.gender), store::OrNull(c.in.birth_date),
       store::OrNull(c.in.phone), c.clash_with ? db::Value() : store::OrNull(c.id_card_hash),
       store::OrNull(c.id_card_masked), p.region.id, p.region.path, p.notes,
       store::SearchTextOf(name, {}, &tokens), text::SortKey(name), now, now, int64_t{1}});
  for (std::string& token : tokens)
    rows.tokens.push_back(
        {static_cast<int64_t>(store::SearchKind::kPerson), std::move(token), p.id});
  if (c.tags) {
    p.tags = *c.tags;
    std::sort(p.tags.begin(), p.tags.end());
    const std::string since =
        c.in.tags_since && !c.in.tags_since->empty() ? *c.in.tags_since : today;
    for (const std::string& tag : p.tags) rows.tags.push_back({p.id, tag, since});
  }
  if (stage_id) {
    rows.stages.push_back({*stage_id, p.id, *c.in.stage, *c.in.stage_since});
    p.party_stage =
        StageRecord{*stage_id, *c.in.stage, std::nullopt, *c.in.stage_since, std::nullopt};
  }
  return p;
}

}  // namespace

Result<Person> CreatePerson(db::Tx& tx, const Caller& caller, const PersonInput& input) {
  SL_ASSIGN_OR_RETURN(auto created, CreatePeople(tx, caller, {input}));
  return std::move(created.front());
}

Result<std::vector<Result<Person>>> CreatePeople(db::Tx& tx, const Caller& caller,
                                                 const std::vector<PersonInput>& inputs) {
  std::vector<Result<Person>> out;
  out.reserve(inputs.size());
  std::vector<std::optional<Checked>> checked(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto c = Check(tx, caller, inputs[i], nullptr, /*card_query=*/false);
    if (!c.ok() && c.error().code != ErrorCode::kInvalid) return std::move(c).error();
    if (c.ok()) {
      checked[i] = std::move(c).value();
      out.emplace_back(Error::Internal("not written"));
    } else {
      out.emplace_back(std::move(c).error());
    }
  }
  SL_TRY(RefuseTakenCards(tx, caller, checked, out));
  size_t count = 0, stages = 0;
  for (const auto& c : checked) {
    if (!c) continue;
    ++count;
    if (c->in.stage && !c->in.stage->empty()) ++stages;
  }
  SL_ASSIGN_OR_RETURN(auto ids, tx.ReserveIds("person", count));
  SL_ASSIGN_OR_RETURN(auto stage_ids, tx.ReserveIds("party_stage", stages));
  const std::string now = NowUtc(), today = TodayInChina();
  Rows rows;
  std::vector<size_t> written;
  size_t next_id = 0, next_stage = 0;
  for (size_t i = 0; i < checked.size(); ++i) {
    if (!checked[i]) continue;
    const Checked& c = *checked[i];
    std::optional<int64_t> stage_id;
    if (c.in.stage && !c.in.stage->empty()) stage_id = stage_ids[next_stage++];
    out[i] = Written(c, ids[next_id++], stage_id, now, today, rows);
    written.push_back(i);
  }
  SL_TRY(tx.BulkInsert(
      "person",
      {"id", "name", "gender", "birth_date", "phone", "id_card_hash", "id_card_masked", "region_id",
       "region_path", "notes", "search_text", "sort_key", "created_at", "updated_at", "version"},
      rows.people));
  SL_TRY(store::BulkIndex(tx, rows.tokens));
  SL_TRY(tx.BulkInsert("person_tag", {"person_id", "tag", "valid_from"}, rows.tags));
  SL_TRY(tx.BulkInsert("party_stage", {"id", "person_id", "stage", "valid_from"}, rows.stages));
  for (size_t i : written) {
    const Person& p = *out[i];
    if (checked[i]->clash_with) SL_TRY(WriteClash(tx, p.id, *checked[i], now));
    SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", p.id, "create", Json(),
                         internal::Snapshot(p), p.region.path));
  }
  return out;
}

namespace {

// An update checked, and whether it would change anything.
struct Prepared {
  Person before;
  Checked c;
  bool unchanged = false;
};

Result<Prepared> Prepare(db::Tx& tx, const Caller& caller, int64_t id, const PersonInput& input) {
  SL_ASSIGN_OR_RETURN(Person before, GetPerson(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  SL_TRY(CheckMayChange(tx, caller, id));
  SL_TRY(store::CheckVersion(input.version, before.version));
  PersonInput in = input;
  in.stage.reset();  // stages change through ChangePartyStage
  // What the caller was shown withheld or masked comes back as it was shown:
  // a form sent back unchanged leaves the birth date and the phone alone.
  if (!caller.Can(kPeopleSensitive)) {
    if (in.birth_date && in.birth_date->empty()) in.birth_date.reset();
    if (in.phone && in.phone->find('*') != std::string::npos) in.phone.reset();
  }
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, in, &before));
  SL_ASSIGN_OR_RETURN(auto stored,
                      tx.QueryOne("SELECT id_card_hash FROM person WHERE id = ?", {id}));
  auto same = [](const std::optional<std::string>& in, const std::optional<std::string>& old) {
    return !in || *in == old.value_or("");
  };
  const bool unchanged =
      (!c.in.name || *c.in.name == before.name) && same(c.in.gender, before.gender) &&
      same(c.in.birth_date, before.birth_date) && same(c.in.phone, before.phone) &&
      (!c.in.notes || *c.in.notes == before.notes) &&
      (!c.region || c.region->id == before.region.id) &&
      (!c.id_card_hash || (stored && *c.id_card_hash == stored->Str(0))) &&
      (!c.tags || *c.tags == before.tags);
  return Prepared{std::move(before), std::move(c), unchanged};
}

}  // namespace

Result<std::optional<Person>> PersonIfUnchanged(db::Tx& tx, const Caller& caller, int64_t id,
                                                const PersonInput& in) {
  SL_ASSIGN_OR_RETURN(Prepared p, Prepare(tx, caller, id, in));
  if (!p.unchanged) return std::optional<Person>();
  return std::optional<Person>(std::move(p.before));
}

Result<Person> UpdatePerson(db::Tx& tx, const Caller& caller, int64_t id, const PersonInput& input,
                            bool* changed) {
  SL_ASSIGN_OR_RETURN(Prepared p, Prepare(tx, caller, id, input));
  if (changed) *changed = !p.unchanged;
  if (p.unchanged) return std::move(p.before);
  const Person& before = p.before;
  const Checked& c = p.c;
  const std::string name = c.in.name.value_or(before.name);
  auto keep = [](const std::optional<std::string>& v, const std::optional<std::string>& old) {
    return store::OrNull(v ? v : old);
  };
  const RegionRef region = c.region.value_or(before.region);
  store::Values values = {{"name", name},
                          {"gender", keep(c.in.gender, before.gender)},
                          {"birth_date", keep(c.in.birth_date, before.birth_date)},
                          {"phone", keep(c.in.phone, before.phone)},
                          {"region_id", region.id},
                          {"region_path", region.path},
                          {"notes", c.in.notes.value_or(before.notes)}};
  if (c.id_card_hash) {
    values.emplace_back("id_card_hash", c.clash_with ? db::Value() : db::Value(*c.id_card_hash));
    values.emplace_back("id_card_masked", store::OrNull(c.id_card_masked));
    SL_TRY(WriteClash(tx, id, c, NowUtc()));
  }
  for (auto& v : store::NameColumns(name)) values.push_back(std::move(v));
  SL_TRY(store::UpdateRecord(tx, "person", id, values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kPerson, id, before.name, {}, name));
  if (c.tags) SL_TRY(WriteTags(tx, id, *c.tags, c.in.tags_since));
  SL_ASSIGN_OR_RETURN(Person after, internal::Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", id, "update",
                       internal::Snapshot(before), internal::Snapshot(after), after.region.path));
  SL_TRY(store::TouchPersonPlace(tx, id));  // a name or tag shown or judged elsewhere
  return after;
}

Status DeletePerson(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Person before, GetPerson(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  SL_TRY(store::TouchPersonPlace(tx, id));  // judged no more where they held posts
  return store::SoftDelete(tx, caller, "person", "person", id, internal::Snapshot(before),
                           before.region.path);
}

Status RemoveImportedPerson(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Person before, GetPerson(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  SL_TRY(tx.Exec("DELETE FROM person_id_conflict WHERE person_id = ?", {id}));
  return store::SoftDelete(tx, caller, "person", "person", id, internal::Snapshot(before),
                           before.region.path, {{"id_card_hash", db::Value()}});
}

}  // namespace sl::registry
