// People: the person record, tags, posts and party stages.

#include <algorithm>
#include <set>

#include "audit/audit.hpp"
#include "core/crypto.hpp"
#include "core/date.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"
#include "registry/common.hpp"
#include "registry/registry.hpp"
#include "registry/validators.hpp"
#include "text/text.hpp"

namespace sl::registry {

using internal::Fields;

namespace {

constexpr const char* kPersonColumns =
    "p.id, p.name, p.gender, p.birth_date, p.phone, p.id_card_masked, p.region_id, r.code, "
    "r.name, p.region_path, p.notes, p.created_at, p.updated_at, p.deleted_at, p.version";
constexpr const char* kPersonFrom = "person p JOIN region r ON r.id = p.region_id";

constexpr const char* kPostColumns =
    "s.id, s.person_id, s.kind, s.region_id, r.code, r.name, r.path, s.title, s.leadership_team, "
    "s.valid_from, s.valid_to, s.industry";
constexpr const char* kPostFrom = "post s JOIN region r ON r.id = s.region_id";

Post PostFromRow(const db::Row& r) {
  return Post{
      r.Int(0),    r.Int(1),      r.Str(2), RegionRef{r.Int(3), r.Str(4), r.Str(5), r.Str(6)},
      r.Str(7),    r.Int(8) != 0, r.Str(9), r.OptStr(10),
      r.OptStr(11)};
}

Person PersonFromRow(const db::Row& r) {
  Person p;
  p.id = r.Int(0);
  p.name = r.Str(1);
  p.gender = r.OptStr(2);
  p.birth_date = r.OptStr(3);
  p.phone = r.OptStr(4);
  p.id_card_masked = r.OptStr(5);
  p.region = RegionRef{r.Int(6), r.Str(7), r.Str(8), r.Str(9)};
  p.notes = r.Str(10);
  p.created_at = r.Str(11);
  p.updated_at = r.Str(12);
  p.deleted_at = r.OptStr(13);
  p.version = r.Int(14);
  return p;
}

// Tags, the open party stage and the posts open today, for many people in
// three queries per kChunk of them (a list page, an export batch).
Status LoadExtras(db::Tx& tx, std::vector<Person>& people) {
  constexpr size_t kChunk = 500;
  const std::string today = TodayInChina();
  std::map<int64_t, Person*> by_id;
  for (Person& p : people) {
    p.tags.clear();
    p.party_stage.reset();
    p.posts.clear();
    by_id[p.id] = &p;
  }
  for (size_t at = 0; at < people.size(); at += kChunk) {
    const size_t n = std::min(kChunk, people.size() - at);
    std::vector<int64_t> chunk;
    for (size_t i = 0; i < n; ++i) chunk.push_back(people[at + i].id);
    db::Params ids;
    const std::string in = db::InList(chunk.begin(), chunk.end(), ids);
    SL_ASSIGN_OR_RETURN(auto tags, tx.Query("SELECT person_id, tag FROM person_tag WHERE "
                                            "valid_to IS NULL AND person_id IN " +
                                                in + " ORDER BY person_id, tag",
                                            ids));
    for (const auto& t : tags) by_id.at(t.Int(0))->tags.push_back(t.Str(1));
    SL_ASSIGN_OR_RETURN(
        auto stages,
        tx.Query("SELECT s.person_id, s.id, s.stage, s.organization_id, o.name, s.valid_from "
                 "FROM party_stage s LEFT JOIN organization o ON o.id = s.organization_id WHERE "
                 "s.valid_to IS NULL AND s.person_id IN " +
                     in,
                 ids));
    for (const auto& r : stages) {
      StageRecord st{r.Int(1), r.Str(2), std::nullopt, r.Str(5), std::nullopt};
      if (!r.IsNull(3)) st.organization = Ref{r.Int(3), r.Str(4)};
      by_id.at(r.Int(0))->party_stage = st;
    }
    db::Params dated = ids;
    dated.emplace_back(today);
    dated.emplace_back(today);
    SL_ASSIGN_OR_RETURN(auto posts,
                        tx.Query(std::string("SELECT ") + kPostColumns + " FROM " + kPostFrom +
                                     " WHERE s.person_id IN " + in +
                                     " AND s.valid_from <= ? AND (s.valid_to IS NULL OR "
                                     "s.valid_to > ?) ORDER BY s.person_id, s.valid_from, s.id",
                                 dated));
    for (const auto& r : posts) {
      Post post = PostFromRow(r);
      by_id.at(post.person_id)->posts.push_back(std::move(post));
    }
  }
  return OkStatus();
}

Status LoadExtras(db::Tx& tx, Person& p) {
  std::vector<Person> one{std::move(p)};
  Status st = LoadExtras(tx, one);
  p = std::move(one.front());
  return st;
}

Result<std::optional<Person>> LoadPerson(db::Tx& tx, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kPersonColumns + " FROM " +
                                                kPersonFrom + " WHERE p.id = ?",
                                            {id}));
  if (!row) return std::optional<Person>();
  Person p = PersonFromRow(*row);
  SL_TRY(LoadExtras(tx, p));
  return std::optional<Person>(std::move(p));
}

// The snapshot kept in the audit log: phone masked, ID card only masked.
Json Snapshot(const Person& p) { return ToJson(p, false); }

// A key read once per transaction (an import hashes many cards).
Result<std::string> SecretKey(db::Tx& tx, const std::string& name) {
  const std::string memo_key = "app_secret." + name;
  if (auto hit = tx.memo().find(memo_key); hit != tx.memo().end())
    return std::any_cast<const std::string&>(hit->second);
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT value FROM app_secret WHERE name = ?", {name}));
  if (!row) {
    SL_TRY(
        tx.Exec("INSERT INTO app_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                {name, RandomHex(32)}));
    SL_ASSIGN_OR_RETURN(row, tx.QueryOne("SELECT value FROM app_secret WHERE name = ?", {name}));
    if (!row) return Error::Internal("app_secret " + name + " vanished");
  }
  std::string key = row->Str(0);
  tx.memo()[memo_key] = key;
  return key;
}

Result<std::string> IdCardHash(db::Tx& tx, const std::string& normalized) {
  SL_ASSIGN_OR_RETURN(std::string key, SecretKey(tx, "id_card_key"));
  return HmacSha256Hex(key, normalized);
}

std::vector<std::string> NormalizeTags(const std::vector<std::string>& in, Fields& errors) {
  std::set<std::string> out;
  for (const auto& t : in) {
    auto id = ChoiceId(Tags(), t);
    if (!id) {
      std::string allowed;
      for (const auto& c : Tags()) allowed += (allowed.empty() ? "" : "、") + std::string(c.zh_cn);
      errors.emplace("tags", Text{"field_choice", {allowed}});
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

// `card_query` false: the caller checks that the ID card is not on file
// (CreatePeople, for many at once).
Result<Checked> Check(db::Tx& tx, const Caller& caller, PersonInput in, const Person* existing,
                      bool card_query = true) {
  Fields errors;
  Checked c;
  internal::CheckText(in.name, "name", errors, 50, existing == nullptr);
  if (existing && in.name && in.name->empty()) errors.emplace("name", Text{"field_required", {}});
  internal::CheckChoice(in.gender, Genders(), "gender", errors);
  internal::CheckDate(in.birth_date, "birth_date", errors);
  if (in.birth_date && !in.birth_date->empty() && *in.birth_date > TodayInChina())
    errors.emplace("birth_date", Text{"field_date_future", {}});
  internal::CheckText(in.notes, "notes", errors, 500, false);
  internal::CheckDate(in.tags_since, "tags_since", errors);
  if (in.phone && !in.phone->empty()) {
    auto phone = ParsePhone(*in.phone);
    if (!phone.ok())
      errors.emplace("phone", phone.error().fields.count("phone") ? phone.error().fields.at("phone")
                                                                  : phone.error().message);
    else
      in.phone = phone->number;
  }
  if (in.id_card && !in.id_card->empty()) {
    auto card = ParseIdCard(*in.id_card);
    if (!card.ok()) {
      const auto& e = card.error();
      errors.emplace("id_card", e.fields.count("id_card") ? e.fields.at("id_card") : e.message);
    } else {
      // The card fixes gender and birth date; stated ones must agree.
      if (in.gender && !in.gender->empty() && *in.gender != card->gender)
        errors.emplace("gender", Text{"person_gender_mismatch", {}});
      if (in.birth_date && !in.birth_date->empty() && *in.birth_date != card->birth_date)
        errors.emplace("birth_date", Text{"person_birth_mismatch", {card->birth_date}});
      if (!in.gender || in.gender->empty()) in.gender = card->gender;
      if (!in.birth_date || in.birth_date->empty()) in.birth_date = card->birth_date;
      SL_ASSIGN_OR_RETURN(std::string hash, IdCardHash(tx, card->number));
      c.id_card_hash = hash;
      c.id_card_masked = card->masked;
    }
  }
  if (existing == nullptr && (!in.region || in.region->empty()))
    errors.emplace("region", Text{"field_required", {}});
  if (in.region && !in.region->empty()) {
    SL_ASSIGN_OR_RETURN(c.region,
                        internal::RegionForWrite(tx, caller, *in.region, "region", errors));
  }
  if (in.tags) c.tags = NormalizeTags(*in.tags, errors);
  if (in.stage && !in.stage->empty()) {
    internal::CheckChoice(in.stage, PartyStages(), "party_stage", errors);
    internal::CheckDate(in.stage_since, "party_stage", errors, true);
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
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  c.in = std::move(in);
  return c;
}

Result<Person> Reload(db::Tx& tx, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto p, LoadPerson(tx, id));
  if (!p) return Error::Internal("person vanished");
  return std::move(*p);
}

}  // namespace

std::optional<Text> CheckStageStep(const std::optional<std::string>& current,
                                   const std::string& next) {
  const auto& stages = PartyStages();
  auto index = [&](const std::string& s) -> int {
    for (size_t i = 0; i < stages.size(); ++i)
      if (stages[i].id == s) return static_cast<int>(i);
    return -1;
  };
  if (next == "left") {
    if (!current) return Text{"party_stage_none", {}};
    return std::nullopt;
  }
  const int n = index(next);
  if (n < 0)
    return Text{"field_choice", {"入党申请人、入党积极分子、发展对象、预备党员、正式党员"}};
  if (!current) return std::nullopt;  // recording someone's present stage
  const int c = index(*current);
  if (n <= c) return Text{"party_stage_backward", {std::string(stages[c].zh_cn)}};
  if (n > c + 1)
    return Text{"party_stage_skip",
                {std::string(stages[c].zh_cn), std::string(stages[n].zh_cn),
                 std::string(stages[c + 1].zh_cn)}};
  return std::nullopt;
}

bool IsPartyMemberStage(std::string_view stage) {
  return stage == "probationary" || stage == "full";
}

Result<Person> GetPerson(db::Tx& tx, const Scope& view, int64_t id) {
  internal::Where w;
  w.And("p.id = ? AND p.deleted_at IS NULL", {id});
  w.ScopeOrPaired(view, "p.region_path", "p.id", "person");
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kPersonColumns + " FROM " +
                                                kPersonFrom + " WHERE " + w.sql,
                                            w.params));
  if (!row) return Error::NotFound("person_not_found");
  Person p = PersonFromRow(*row);
  SL_TRY(LoadExtras(tx, p));
  return p;
}

Result<Json> PersonDetail(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Person p, GetPerson(tx, caller.view, id));
  Json j = ToJson(p, caller.Can(kPeoplePhone));
  SL_ASSIGN_OR_RETURN(
      auto stages, tx.Query("SELECT s.id, s.stage, s.organization_id, o.name, s.valid_from, "
                            "s.valid_to FROM party_stage s LEFT JOIN organization o ON o.id = "
                            "s.organization_id WHERE s.person_id = ? ORDER BY s.valid_from, s.id",
                            {id}));
  Json history = Json::array();
  for (const auto& r : stages) {
    StageRecord s{r.Int(0), r.Str(1), std::nullopt, r.Str(4), r.OptStr(5)};
    if (!r.IsNull(2)) s.organization = Ref{r.Int(2), r.Str(3)};
    history.push_back(ToJson(s));
  }
  j["party_stages"] = std::move(history);
  SL_ASSIGN_OR_RETURN(auto all_posts,
                      tx.Query(std::string("SELECT ") + kPostColumns + " FROM " + kPostFrom +
                                   " WHERE s.person_id = ? ORDER BY s.valid_from, s.id",
                               {id}));
  Json posts = Json::array();
  for (const auto& r : all_posts) posts.push_back(ToJson(PostFromRow(r)));
  j["post_history"] = std::move(posts);
  SL_ASSIGN_OR_RETURN(
      auto orgs, tx.Query("SELECT m.id, o.id, o.name, o.kind, m.post, m.valid_from, m.valid_to "
                          "FROM org_member m JOIN organization o ON o.id = m.organization_id "
                          "WHERE m.person_id = ? AND o.deleted_at IS NULL ORDER BY m.valid_from",
                          {id}));
  Json org_list = Json::array();
  for (const auto& r : orgs)
    org_list.push_back(
        {{"id", r.Int(0)},
         {"organization", {{"id", r.Int(1)}, {"name", r.Str(2)}, {"kind", r.Str(3)}}},
         {"post", r.Str(4)},
         {"valid_from", r.Str(5)},
         {"valid_to", r.IsNull(6) ? Json() : Json(r.Str(6))}});
  j["organizations"] = std::move(org_list);
  SL_ASSIGN_OR_RETURN(auto members,
                      tx.Query("SELECT m.id, o.id, o.name, e.id, e.name, m.post, m.joined_on, "
                               "m.left_on, m.dues_status FROM chamber_membership m JOIN "
                               "organization o ON o.id = m.chamber_id LEFT JOIN enterprise e ON "
                               "e.id = m.enterprise_id WHERE m.person_id = ? ORDER BY m.joined_on",
                               {id}));
  Json member_list = Json::array();
  for (const auto& r : members)
    member_list.push_back(
        {{"id", r.Int(0)},
         {"chamber", {{"id", r.Int(1)}, {"name", r.Str(2)}}},
         {"enterprise", r.IsNull(3) ? Json() : Json{{"id", r.Int(3)}, {"name", r.Str(4)}}},
         {"post", r.Str(5)},
         {"joined_on", r.Str(6)},
         {"left_on", r.IsNull(7) ? Json() : Json(r.Str(7))},
         {"dues_status", r.Str(8)}});
  j["memberships"] = std::move(member_list);
  SL_ASSIGN_OR_RETURN(auto firms, tx.Query("SELECT id, name, uscc FROM enterprise WHERE "
                                           "legal_representative_id = ? AND deleted_at IS NULL "
                                           "ORDER BY sort_key",
                                           {id}));
  Json firm_list = Json::array();
  for (const auto& r : firms)
    firm_list.push_back({{"id", r.Int(0)}, {"name", r.Str(1)}, {"uscc", r.Str(2)}});
  j["enterprises"] = std::move(firm_list);
  return j;
}

namespace {
Status PeopleWhere(db::Tx& tx, const Caller& caller, const PersonFilter& f, internal::Where& w) {
  w.And("p.deleted_at IS NULL");
  w.ScopeOrPaired(caller.view, "p.region_path", "p.id", "person");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "p.region_path"));
  w.Search(f.q, internal::SearchKind::kPerson, "p");
  // Tags, posts and party stages held on the day (a board planning ahead
  // asks for who holds them then).
  if (!f.date.empty() && !IsIsoDate(f.date)) return Error::BadRequest("bad_query", {"date"});
  const std::string on = f.date.empty() ? TodayInChina() : f.date;
  if (!f.tag.empty()) {
    if (!IsChoice(Tags(), f.tag)) return Error::BadRequest("bad_query", {"tag"});
    w.And(
        "EXISTS (SELECT 1 FROM person_tag t WHERE t.person_id = p.id AND t.tag = ? AND "
        "t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to > ?))",
        {f.tag, on, on});
  }
  if (!f.post.empty()) {
    if (!IsChoice(PostKinds(), f.post)) return Error::BadRequest("bad_query", {"post"});
    w.And(
        "EXISTS (SELECT 1 FROM post s WHERE s.person_id = p.id AND s.kind = ? AND "
        "s.valid_from <= ? AND (s.valid_to IS NULL OR s.valid_to > ?))",
        {f.post, on, on});
  }
  if (!f.party_stage.empty()) {
    if (!IsChoice(PartyStages(), f.party_stage))
      return Error::BadRequest("bad_query", {"party_stage"});
    w.And(
        "EXISTS (SELECT 1 FROM party_stage s WHERE s.person_id = p.id AND s.stage = ? AND "
        "s.valid_from <= ? AND (s.valid_to IS NULL OR s.valid_to > ?))",
        {f.party_stage, on, on});
  }
  return OkStatus();
}

Result<std::string> PeopleOrder(const std::string& sort) {
  if (sort.empty() || sort == "name") return std::string("p.sort_key, p.id");
  if (sort == "-name") return std::string("p.sort_key DESC, p.id DESC");
  if (sort == "-updated_at") return std::string("p.updated_at DESC, p.id DESC");
  if (sort == "updated_at") return std::string("p.updated_at, p.id");
  return Error::BadRequest("bad_query", {"sort"});
}
}  // namespace

Result<Json> ListPeople(db::Tx& tx, const Caller& caller, const PersonFilter& f, const Page& page) {
  internal::Where w;
  SL_TRY(PeopleWhere(tx, caller, f, w));
  SL_ASSIGN_OR_RETURN(std::string order, PeopleOrder(f.sort));
  SL_ASSIGN_OR_RETURN(auto found,
                      internal::PageRows(tx, kPersonColumns, kPersonFrom, w, order, page));
  std::vector<Person> people;
  for (const auto& row : found.first) people.push_back(PersonFromRow(row));
  SL_TRY(LoadExtras(tx, people));
  Json items = Json::array();
  const bool phone = caller.Can(kPeoplePhone);
  for (const Person& p : people) items.push_back(ToJson(p, phone));
  return Json{{"items", std::move(items)}, {"total", found.second}};
}

Status ForEachPerson(db::Tx& tx, const Caller& caller, const PersonFilter& f,
                     const std::function<Status(const Person&)>& fn) {
  internal::Where w;
  SL_TRY(PeopleWhere(tx, caller, f, w));
  SL_ASSIGN_OR_RETURN(std::string order, PeopleOrder(f.sort));
  // In batches, so that tags, stages and posts cost three queries per batch.
  return internal::ForEachInBatches<Person>(
      tx,
      std::string("SELECT ") + kPersonColumns + " FROM " + kPersonFrom + " WHERE " + w.sql +
          " ORDER BY " + order,
      w.params, PersonFromRow, [&](std::vector<Person>& batch) { return LoadExtras(tx, batch); },
      fn);
}

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

  // ID cards already on file (deleted people too), or twice in this batch:
  // one query per kIdChunk cards instead of one per person.
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
  size_t count = 0, stages = 0;
  for (size_t i = 0; i < checked.size(); ++i) {
    auto& c = checked[i];
    if (!c) continue;
    if (c->id_card_hash) {
      auto hit = on_file.find(*c->id_card_hash);
      if (hit != on_file.end() || !in_batch.insert(*c->id_card_hash).second) {
        const bool deleted = hit != on_file.end() && hit->second;
        out[i] = Error::Invalid(
            {{"id_card", Text{deleted ? "person_id_card_deleted" : "person_id_card_taken", {}}}});
        c.reset();
        continue;
      }
    }
    ++count;
    if (c->in.stage && !c->in.stage->empty()) ++stages;
  }

  // The rows, written in bulk with ids drawn beforehand; the records answered
  // (and audited) are built from what is written, not read back —
  // store_test checks they equal what GetPerson reads.
  SL_ASSIGN_OR_RETURN(auto ids, tx.ReserveIds("person", count));
  SL_ASSIGN_OR_RETURN(auto stage_ids, tx.ReserveIds("party_stage", stages));
  const std::string now = internal::Now(), today = TodayInChina();
  const auto stored = [](const std::optional<std::string>& v) {
    return v && !v->empty() ? v : std::nullopt;  // as OrNull writes it
  };
  std::vector<db::Params> people, tokens, tags, stage_rows;
  std::vector<size_t> written;
  size_t next_id = 0, next_stage = 0;
  for (size_t i = 0; i < checked.size(); ++i) {
    if (!checked[i]) continue;
    const Checked& c = *checked[i];
    const std::string& name = *c.in.name;
    Person p;
    p.id = ids[next_id++];
    p.name = name;
    p.gender = stored(c.in.gender);
    p.birth_date = stored(c.in.birth_date);
    p.phone = stored(c.in.phone);
    p.id_card_masked = stored(c.id_card_masked);
    p.region = *c.region;
    p.notes = c.in.notes.value_or("");
    p.created_at = p.updated_at = now;
    people.push_back({p.id, name, internal::OrNull(c.in.gender), internal::OrNull(c.in.birth_date),
                      internal::OrNull(c.in.phone), internal::OrNull(c.id_card_hash),
                      internal::OrNull(c.id_card_masked), p.region.id, p.region.path, p.notes,
                      internal::SearchTextOf(name), text::SortKey(name), now, now, int64_t{1}});
    for (std::string& token : internal::TokensOf(name))
      tokens.push_back(
          {static_cast<int64_t>(internal::SearchKind::kPerson), std::move(token), p.id});
    if (c.tags) {
      p.tags = *c.tags;
      std::sort(p.tags.begin(), p.tags.end());
      const std::string since =
          c.in.tags_since && !c.in.tags_since->empty() ? *c.in.tags_since : today;
      for (const std::string& tag : p.tags) tags.push_back({p.id, tag, since});
    }
    if (c.in.stage && !c.in.stage->empty()) {
      const int64_t stage_id = stage_ids[next_stage++];
      stage_rows.push_back({stage_id, p.id, *c.in.stage, *c.in.stage_since});
      p.party_stage =
          StageRecord{stage_id, *c.in.stage, std::nullopt, *c.in.stage_since, std::nullopt};
    }
    out[i] = std::move(p);
    written.push_back(i);
  }
  SL_TRY(tx.BulkInsert(
      "person",
      {"id", "name", "gender", "birth_date", "phone", "id_card_hash", "id_card_masked", "region_id",
       "region_path", "notes", "search_text", "sort_key", "created_at", "updated_at", "version"},
      people));
  SL_TRY(tx.BulkInsert("search_token", {"kind", "token", "record_id"}, tokens));
  SL_TRY(tx.BulkInsert("person_tag", {"person_id", "tag", "valid_from"}, tags));
  SL_TRY(tx.BulkInsert("party_stage", {"id", "person_id", "stage", "valid_from"}, stage_rows));
  for (size_t i : written) {
    const Person& p = *out[i];
    SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", p.id, "create", Json(), Snapshot(p),
                         p.region.path));
  }
  return out;
}

Result<Person> UpdatePerson(db::Tx& tx, const Caller& caller, int64_t id, const PersonInput& input,
                            bool* changed) {
  SL_ASSIGN_OR_RETURN(Person before, GetPerson(tx, caller.view, id));
  SL_TRY(internal::CheckCapture(caller, before.region.path));
  if (input.version && *input.version != before.version) return Error::Conflict("version_conflict");
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
    return v ? internal::OrNull(v) : internal::OrNull(old);
  };
  const RegionRef region = c.region.value_or(before.region);
  SL_TRY(tx.Exec(
      "UPDATE person SET name = ?, gender = ?, birth_date = ?, phone = ?, id_card_hash = "
      "COALESCE(?, id_card_hash), id_card_masked = COALESCE(?, id_card_masked), region_id = ?, "
      "region_path = ?, notes = ?, search_text = ?, sort_key = ?, updated_at = ?, version = "
      "version + 1 WHERE id = ?",
      {name, keep(c.in.gender, before.gender), keep(c.in.birth_date, before.birth_date),
       keep(c.in.phone, before.phone), internal::OrNull(c.id_card_hash),
       internal::OrNull(c.id_card_masked), region.id, region.path,
       c.in.notes.value_or(before.notes), text::SearchText(name), text::SortKey(name),
       internal::Now(), id}));
  SL_TRY(internal::IndexTokens(tx, internal::SearchKind::kPerson, id,
                               internal::TokensOf(before.name), internal::TokensOf(name)));
  if (c.tags) SL_TRY(WriteTags(tx, id, *c.tags, c.in.tags_since));
  SL_ASSIGN_OR_RETURN(Person after, Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", id, "update", Snapshot(before),
                       Snapshot(after), after.region.path));
  return after;
}

Status DeletePerson(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Person before, GetPerson(tx, caller.view, id));
  SL_TRY(internal::CheckCapture(caller, before.region.path));
  SL_TRY(
      tx.Exec("UPDATE person SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE "
              "id = ?",
              {internal::Now(), internal::Now(), id}));
  return audit::Record(tx, audit::ActorOf(caller), "person", id, "delete", Snapshot(before), Json(),
                       before.region.path);
}

Result<std::optional<int64_t>> FindPersonByIdCard(db::Tx& tx, const std::string& id_card) {
  auto card = ParseIdCard(id_card);
  if (!card.ok()) return std::optional<int64_t>();
  SL_ASSIGN_OR_RETURN(std::string hash, IdCardHash(tx, card->number));
  SL_ASSIGN_OR_RETURN(auto row,
                      tx.QueryOne("SELECT id FROM person WHERE id_card_hash = ?", {hash}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

Result<PeopleOnFile> FindPeopleOnFile(db::Tx& tx, const std::vector<std::string>& id_cards,
                                      const std::vector<std::pair<int64_t, std::string>>& names) {
  constexpr size_t kChunk = 500;
  PeopleOnFile out;
  std::map<std::string, std::string> number_of_hash;
  for (const std::string& typed : id_cards) {
    auto card = ParseIdCard(typed);
    if (!card.ok()) continue;
    SL_ASSIGN_OR_RETURN(std::string hash, IdCardHash(tx, card->number));
    number_of_hash.emplace(std::move(hash), card->number);
  }
  std::vector<std::string> hashes;
  for (const auto& [hash, number] : number_of_hash) hashes.push_back(hash);
  for (size_t at = 0; at < hashes.size(); at += kChunk) {
    const size_t n = std::min(kChunk, hashes.size() - at);
    db::Params params;
    const std::string in = db::InList(hashes.begin() + at, hashes.begin() + at + n, params);
    SL_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT id_card_hash FROM person WHERE id_card_hash IN " + in, params));
    for (const auto& r : rows) out.id_cards.insert(number_of_hash.at(r.Str(0)));
  }
  // Per region, so that both columns of person_name_region bound the scan
  // (with IN lists on both, PostgreSQL may filter names row by row).
  std::map<int64_t, std::set<std::string>> by_region;
  for (const auto& [region, name] : names) by_region[region].insert(name);
  for (const auto& [region, wanted] : by_region) {
    const std::vector<std::string> all(wanted.begin(), wanted.end());
    for (size_t at = 0; at < all.size(); at += kChunk) {
      const size_t n = std::min(kChunk, all.size() - at);
      db::Params params{region};
      const std::string in = db::InList(all.begin() + at, all.begin() + at + n, params);
      SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT name FROM person WHERE region_id = ? AND "
                                              "name IN " +
                                                  in + " AND deleted_at IS NULL",
                                              params));
      for (const auto& r : rows) out.names.emplace(region, r.Str(0));
    }
  }
  return out;
}

Result<std::optional<int64_t>> FindPersonByNameRegion(db::Tx& tx, const std::string& name,
                                                      int64_t region_id,
                                                      const std::optional<std::string>& birth) {
  db::Params params{name, region_id};
  std::string sql = "SELECT id FROM person WHERE name = ? AND region_id = ? AND deleted_at IS NULL";
  if (birth && !birth->empty()) {
    sql += " AND birth_date = ?";
    params.emplace_back(*birth);
  }
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query(sql + " LIMIT 2", params));
  if (rows.size() != 1) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

// Posts ----------------------------------------------------------------------

namespace {
Result<Post> LoadPost(db::Tx& tx, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto r, tx.QueryOne(std::string("SELECT ") + kPostColumns + " FROM " +
                                              kPostFrom + " WHERE s.id = ?",
                                          {id}));
  if (!r) return Error::NotFound("post_not_found");
  return PostFromRow(*r);
}
}  // namespace

Result<Post> AddPost(db::Tx& tx, const Caller& caller, int64_t person_id, const PostInput& input) {
  SL_ASSIGN_OR_RETURN(Person person, GetPerson(tx, caller.view, person_id));
  SL_TRY(internal::CheckCapture(caller, person.region.path));
  PostInput in = input;
  Fields errors;
  internal::CheckChoice(in.kind, PostKinds(), "kind", errors, true);
  internal::CheckText(in.title, "title", errors, 50, false);
  if (in.industry && !in.industry->empty())
    internal::CheckChoice(in.industry, Industries(), "industry", errors, false);
  internal::CheckDate(in.valid_from, "valid_from", errors, true);
  internal::CheckDate(in.valid_to, "valid_to", errors);
  std::optional<RegionRef> region;
  if (!in.region || in.region->empty())
    errors.emplace("region", Text{"field_required", {}});
  else {
    SL_ASSIGN_OR_RETURN(region, internal::RegionForWrite(tx, caller, *in.region, "region", errors));
  }
  // A county cadre serves the county (or above): a post below it could never
  // answer for the county's enterprises.
  if (region && in.kind == "county_cadre") {
    const std::string_view level = regions::LevelOfCode(region->code);
    if (level != "province" && level != "city" && level != "county")
      errors.emplace("region", Text{"post_county_cadre_region", {}});
  }
  if (in.valid_from && in.valid_to && !in.valid_to->empty() && *in.valid_to <= *in.valid_from)
    errors.emplace("valid_to", Text{"field_date_order", {}});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  SL_ASSIGN_OR_RETURN(
      int64_t id, tx.InsertId("INSERT INTO post (person_id, kind, region_id, region_path, "
                              "title, leadership_team, valid_from, valid_to, industry) VALUES "
                              "(?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {person_id, *in.kind, region->id, region->path, in.title.value_or(""),
                               int64_t{in.leadership_team.value_or(false)}, *in.valid_from,
                               internal::OrNull(in.valid_to), internal::OrNull(in.industry)}));
  SL_ASSIGN_OR_RETURN(Post post, LoadPost(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", person_id, "add_post", Json(),
                       ToJson(post), person.region.path));
  return post;
}

Result<Post> UpdatePost(db::Tx& tx, const Caller& caller, int64_t post_id, const PostInput& input) {
  SL_ASSIGN_OR_RETURN(Post before, LoadPost(tx, post_id));
  SL_ASSIGN_OR_RETURN(Person person, GetPerson(tx, caller.view, before.person_id));
  SL_TRY(internal::CheckCapture(caller, person.region.path));
  PostInput in = input;
  Fields errors;
  internal::CheckText(in.title, "title", errors, 50, false);
  if (in.industry && !in.industry->empty())
    internal::CheckChoice(in.industry, Industries(), "industry", errors, false);
  internal::CheckDate(in.valid_to, "valid_to", errors);
  if (in.valid_to && !in.valid_to->empty() && *in.valid_to <= before.valid_from)
    errors.emplace("valid_to", Text{"field_date_order", {}});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  SL_TRY(tx.Exec(
      "UPDATE post SET title = ?, leadership_team = ?, valid_to = ?, industry = ? WHERE id = ?",
      {in.title.value_or(before.title),
       int64_t{in.leadership_team.value_or(before.leadership_team)},
       in.valid_to ? internal::OrNull(in.valid_to) : internal::OrNull(before.valid_to),
       in.industry ? internal::OrNull(in.industry) : internal::OrNull(before.industry), post_id}));
  SL_ASSIGN_OR_RETURN(Post after, LoadPost(tx, post_id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", person.id, "update_post",
                       ToJson(before), ToJson(after), person.region.path));
  return after;
}

Status DeletePost(db::Tx& tx, const Caller& caller, int64_t post_id) {
  SL_ASSIGN_OR_RETURN(Post before, LoadPost(tx, post_id));
  SL_ASSIGN_OR_RETURN(Person person, GetPerson(tx, caller.view, before.person_id));
  SL_TRY(internal::CheckCapture(caller, person.region.path));
  SL_TRY(tx.Exec("DELETE FROM post WHERE id = ?", {post_id}));
  return audit::Record(tx, audit::ActorOf(caller), "person", person.id, "delete_post",
                       ToJson(before), Json(), person.region.path);
}

Result<Person> ChangePartyStage(db::Tx& tx, const Caller& caller, int64_t person_id,
                                const StageInput& input) {
  SL_ASSIGN_OR_RETURN(Person before, GetPerson(tx, caller.view, person_id));
  SL_TRY(internal::CheckCapture(caller, before.region.path));
  Fields errors;
  std::optional<std::string> since = input.since;
  internal::CheckDate(since, "since", errors, true);
  std::optional<std::string> stage = input.stage;
  if (stage && *stage != "left") internal::CheckChoice(stage, PartyStages(), "stage", errors, true);
  const std::optional<std::string> current =
      before.party_stage ? std::optional(before.party_stage->stage) : std::nullopt;
  if (!errors.count("stage"))
    if (auto m = CheckStageStep(current, *stage)) errors.emplace("stage", *m);
  if (since && before.party_stage && *since < before.party_stage->valid_from)
    errors.emplace("since", Text{"party_stage_date", {before.party_stage->valid_from}});
  if (since && *since > TodayInChina()) errors.emplace("since", Text{"field_date_future", {}});
  std::optional<int64_t> org;
  if (input.organization && *input.organization > 0) {
    SL_ASSIGN_OR_RETURN(auto o, tx.QueryOne("SELECT id FROM organization WHERE id = ? AND kind IN "
                                            "('party_branch', 'party_committee') AND deleted_at "
                                            "IS NULL",
                                            {*input.organization}));
    if (!o)
      errors.emplace("organization", Text{"organization_not_found", {}});
    else
      org = *input.organization;
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (before.party_stage)
    SL_TRY(tx.Exec("UPDATE party_stage SET valid_to = ? WHERE id = ?",
                   {*since, before.party_stage->id}));
  if (*stage != "left")
    SL_TRY(
        tx.Exec("INSERT INTO party_stage (person_id, stage, organization_id, valid_from) VALUES "
                "(?, ?, ?, ?)",
                {person_id, *stage, org ? db::Value(*org) : db::Value(), *since}));
  SL_TRY(tx.Exec("UPDATE person SET updated_at = ?, version = version + 1 WHERE id = ?",
                 {internal::Now(), person_id}));
  SL_ASSIGN_OR_RETURN(Person after, Reload(tx, person_id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", person_id, "party_stage",
                       Snapshot(before), Snapshot(after), after.region.path));
  return after;
}

}  // namespace sl::registry
