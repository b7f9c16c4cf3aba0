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
};

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
  store::CheckText(in.notes, "notes", errors, 500);
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
    SL_ASSIGN_OR_RETURN(
        auto other,
        tx.QueryOne("SELECT id, deleted_at FROM person WHERE id_card_hash = ?", {*c.id_card_hash}));
    if (other && (!existing || other->Int(0) != existing->id))
      errors.emplace(
          "id_card",
          Text{other->IsNull(1) ? "person_id_card_taken" : "person_id_card_deleted", {}});
  }
  SL_TRY(store::Finish(errors));
  c.in = std::move(in);
  return c;
}

// ID cards already on file (deleted people too), or twice in this batch:
// one query per 500 cards instead of one per person. Refused inputs get their
// error in `out` and are dropped from `checked`.
Status RefuseTakenCards(db::Tx& tx, std::vector<std::optional<Checked>>& checked,
                        std::vector<Result<Person>>& out) {
  constexpr size_t kIdChunk = 500;
  std::map<std::string, bool> on_file;  // hash -> deleted
  std::vector<std::string> hashes;
  for (const auto& c : checked)
    if (c && c->id_card_hash) hashes.push_back(*c->id_card_hash);
  for (size_t at = 0; at < hashes.size(); at += kIdChunk) {
    const size_t n = std::min(kIdChunk, hashes.size() - at);
    db::Params params;
    const std::string in = db::InList(hashes.begin() + at, hashes.begin() + at + n, params);
    SL_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT id_card_hash, deleted_at FROM person WHERE id_card_hash IN " + in,
                 params));
    for (const auto& r : rows) on_file[r.Str(0)] = !r.IsNull(1);
  }
  std::set<std::string> in_batch;
  for (size_t i = 0; i < checked.size(); ++i) {
    auto& c = checked[i];
    if (!c || !c->id_card_hash) continue;
    auto hit = on_file.find(*c->id_card_hash);
    if (hit != on_file.end() || !in_batch.insert(*c->id_card_hash).second) {
      const bool deleted = hit != on_file.end() && hit->second;
      out[i] = Error::Invalid(
          {{"id_card", Text{deleted ? "person_id_card_deleted" : "person_id_card_taken", {}}}});
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
  p.region = *c.region;
  p.notes = c.in.notes.value_or("");
  p.created_at = p.updated_at = now;
  rows.people.push_back({p.id, name, store::OrNull(c.in.gender), store::OrNull(c.in.birth_date),
                         store::OrNull(c.in.phone), store::OrNull(c.id_card_hash),
                         store::OrNull(c.id_card_masked), p.region.id, p.region.path, p.notes,
                         store::SearchTextOf(name), text::SortKey(name), now, now, int64_t{1}});
  for (std::string& token : store::TokensOf(name))
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
  SL_TRY(RefuseTakenCards(tx, checked, out));
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
  SL_TRY(tx.BulkInsert("search_token", {"kind", "token", "record_id"}, rows.tokens));
  SL_TRY(tx.BulkInsert("person_tag", {"person_id", "tag", "valid_from"}, rows.tags));
  SL_TRY(tx.BulkInsert("party_stage", {"id", "person_id", "stage", "valid_from"}, rows.stages));
  for (size_t i : written) {
    const Person& p = *out[i];
    SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", p.id, "create", Json(),
                         internal::Snapshot(p), p.region.path));
  }
  return out;
}

Result<Person> UpdatePerson(db::Tx& tx, const Caller& caller, int64_t id, const PersonInput& input,
                            bool* changed) {
  SL_ASSIGN_OR_RETURN(Person before, GetPerson(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  SL_TRY(store::CheckVersion(input.version, before.version));
  PersonInput in = input;
  in.stage.reset();  // stages change through ChangePartyStage
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
  if (changed) *changed = !unchanged;
  if (unchanged) return before;
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
    values.emplace_back("id_card_hash", *c.id_card_hash);
    values.emplace_back("id_card_masked", store::OrNull(c.id_card_masked));
  }
  for (auto& v : store::NameColumns(name)) values.push_back(std::move(v));
  SL_TRY(store::UpdateRecord(tx, "person", id, values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kPerson, id, before.name, {}, name));
  if (c.tags) SL_TRY(WriteTags(tx, id, *c.tags, c.in.tags_since));
  SL_ASSIGN_OR_RETURN(Person after, internal::Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", id, "update",
                       internal::Snapshot(before), internal::Snapshot(after), after.region.path));
  return after;
}

Status DeletePerson(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Person before, GetPerson(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  return store::SoftDelete(tx, caller, "person", "person", id, internal::Snapshot(before),
                           before.region.path);
}

}  // namespace sl::registry
