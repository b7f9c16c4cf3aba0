// People: reading the person record with its tags, posts and party stage,
// lists and the person's file, and finding people by natural key.

#include <algorithm>
#include <set>

#include "core/crypto.hpp"
#include "core/date.hpp"
#include "core/keys.hpp"
#include "db/scope.hpp"
#include "registry/internal.hpp"
#include "registry/registry.hpp"
#include "registry/validators.hpp"

namespace sl::registry {

namespace internal {

const store::RecordQuery<Person>& PersonQuery() {
  static const store::RecordQuery<Person> k{
      "person p JOIN region r ON r.id = p.region_id",
      store::RowMap<Person>("p.id, p.name, p.gender, p.birth_date, p.phone, p.id_card_masked",
                            &Person::id, &Person::name, &Person::gender, &Person::birth_date,
                            &Person::phone, &Person::id_card_masked)
          .Add("p.region_id, r.code, r.name, p.region_path, p.notes", &Person::region,
               &Person::notes)
          .Add("p.created_at, p.updated_at, p.deleted_at, p.version", &Person::created_at,
               &Person::updated_at, &Person::deleted_at, &Person::version)
          // In the same query: a list page or an export batch pays no extra
          // round trip for it.
          .Add("CASE WHEN EXISTS (SELECT 1 FROM person_id_conflict c WHERE c.person_id = p.id) "
               "THEN 1 ELSE 0 END",
               &Person::id_card_conflict),
      {},
      // The list's WHERE and order name people alone (PeopleWhere).
      store::Keys{"person p", "p.id"}};
  return k;
}

const store::RecordQuery<Post>& PostQuery() {
  static const store::RecordQuery<Post> k{
      "post s JOIN region r ON r.id = s.region_id",
      store::RowMap<Post>("s.id, s.person_id, s.kind, s.region_id, r.code, r.name, r.path",
                          &Post::id, &Post::person_id, &Post::kind, &Post::region)
          .Add("s.title, s.leadership_team, s.valid_from, s.valid_to, s.industry", &Post::title,
               &Post::leadership_team, &Post::valid_from, &Post::valid_to, &Post::industry)};
  return k;
}

Status LoadExtras(db::Tx& tx, std::vector<Person>& people, const std::string& on) {
  constexpr size_t kChunk = 500;
  const std::string day = on.empty() ? TodayInChina() : on;
  // Today: the open tags and stage. On a day: those held then.
  db::Params held;
  std::string held_sql = "x.valid_to IS NULL";
  if (!on.empty()) {
    held_sql = "x.valid_from <= ? AND (x.valid_to IS NULL OR x.valid_to > ?)";
    held = {on, on};
  }
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
    db::Params params = held;
    params.insert(params.end(), ids.begin(), ids.end());
    SL_ASSIGN_OR_RETURN(auto tags,
                        tx.Query("SELECT x.person_id, x.tag FROM person_tag x WHERE " + held_sql +
                                     " AND x.person_id IN " + in + " ORDER BY x.person_id, x.tag",
                                 params));
    for (const auto& t : tags) by_id.at(t.Int(0))->tags.push_back(t.Str(1));
    SL_ASSIGN_OR_RETURN(
        auto stages,
        tx.Query("SELECT x.person_id, x.id, x.stage, x.organization_id, o.name, x.valid_from, "
                 "x.valid_to FROM party_stage x LEFT JOIN organization o ON o.id = "
                 "x.organization_id WHERE " +
                     held_sql + " AND x.person_id IN " + in,
                 params));
    for (const auto& r : stages) {
      StageRecord st{r.Int(1), r.Str(2), std::nullopt, r.Str(5), r.OptStr(6)};
      if (!r.IsNull(3)) st.organization = Ref{r.Int(3), r.Str(4)};
      by_id.at(r.Int(0))->party_stage = st;
    }
    store::Where w;
    w.And("s.person_id IN " + in, ids);
    w.And("s.valid_from <= ? AND (s.valid_to IS NULL OR s.valid_to > ?)", {day, day});
    SL_ASSIGN_OR_RETURN(auto posts, PostQuery().All(tx, w, "s.person_id, s.valid_from, s.id"));
    for (Post& post : posts) by_id.at(post.person_id)->posts.push_back(std::move(post));
  }
  return OkStatus();
}

Status LoadExtras(db::Tx& tx, Person& p) {
  std::vector<Person> one{std::move(p)};
  Status st = LoadExtras(tx, one);
  p = std::move(one.front());
  return st;
}

Result<Person> Reload(db::Tx& tx, int64_t id) {
  store::Where w;
  w.And("p.id = ?", {id});
  SL_ASSIGN_OR_RETURN(Person p, PersonQuery().Get(tx, w, "person_not_found"));
  SL_TRY(LoadExtras(tx, p));
  return p;
}

Json Snapshot(const Person& p) {
  // The birth date is kept (audit readers without people.sensitive get it
  // withheld, audit::HandleList); the age is not a fact of the record.
  Json j = ToJson(p, false);
  j["birth_date"] = OptJson(p.birth_date);
  j.erase("age");
  return j;
}

namespace {
// The ID-card key of this process, from the key file (LoadIdCardKey); empty
// for a program that did not load one (unit tests), which keeps the key in
// the database.
std::string& ProcessIdCardKey() {
  static std::string key;
  return key;
}

constexpr const char* kKeyCheckText = "shuanglun id card key check";

// A key read once per transaction (an import hashes many cards).
Result<std::string> SecretKey(db::Tx& tx, const std::string& name) {
  if (name == "id_card_key" && !ProcessIdCardKey().empty()) return ProcessIdCardKey();
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
}  // namespace

Result<std::string> IdCardHash(db::Tx& tx, const std::string& normalized) {
  SL_ASSIGN_OR_RETURN(std::string key, SecretKey(tx, "id_card_key"));
  return HmacSha256Hex(key, normalized);
}

}  // namespace internal

Result<std::string> DerivedSecret(db::Tx& tx, std::string_view purpose) {
  SL_ASSIGN_OR_RETURN(std::string key, internal::SecretKey(tx, "id_card_key"));
  return HmacSha256Hex(key, std::string("shuanglun derived key: ") + std::string(purpose));
}

Status LoadIdCardKey(db::Database& db, const std::string& key_file) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_ASSIGN_OR_RETURN(auto in_db,
                      tx->QueryOne("SELECT value FROM app_secret WHERE name = 'id_card_key'"));
  SL_ASSIGN_OR_RETURN(
      auto check, tx->QueryOne("SELECT value FROM app_secret WHERE name = 'id_card_key_check'"));
  SL_ASSIGN_OR_RETURN(bool in_file, KeyInFile(key_file, "id_card_key"));
  std::string key;
  if (in_file) {
    SL_ASSIGN_OR_RETURN(key, KeyFromFile(key_file, "id_card_key", 32, false));
    if (in_db && in_db->Str(0) != key)
      return Error::Internal("the database keeps an ID-card key other than " + key_file + "'s");
  } else {
    if (!in_db && check)
      return Error::Internal("the key file " + key_file +
                             " does not go with this database: it lacks the key its ID-card "
                             "numbers were hashed with (restore the key file backed up with it)");
    // An older database kept the key inside: it moves out.
    key = in_db ? in_db->Str(0) : RandomHex(32);
    SL_TRY(AddKeyToFile(key_file, "id_card_key", key));
  }
  const std::string expect = HmacSha256Hex(key, internal::kKeyCheckText);
  if (check && check->Str(0) != expect)
    return Error::Internal("the key file " + key_file +
                           " does not go with this database: its ID-card numbers were hashed with "
                           "another key (restore the key file that was backed up with it)");
  SL_TRY(tx->Exec("DELETE FROM app_secret WHERE name = 'id_card_key'"));
  if (!check)
    SL_TRY(
        tx->Exec("INSERT INTO app_secret (name, value) VALUES ('id_card_key_check', ?)", {expect}));
  SL_TRY(tx->Commit());
  internal::ProcessIdCardKey() = key;
  return OkStatus();
}

using internal::PersonQuery;
using internal::PostQuery;

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
  if (n < 0) return Text{"field_choice", {ChoiceLabels(stages)}};
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
  store::Where w;
  w.And("p.id = ? AND p.deleted_at IS NULL", {id});
  w.ScopeOrPaired(view, "p.region_path", "p.id", "person");
  SL_ASSIGN_OR_RETURN(Person p, PersonQuery().Get(tx, w, "person_not_found"));
  SL_TRY(internal::LoadExtras(tx, p));
  return p;
}

namespace {

Status LoadTies(db::Tx& tx, int64_t id, PersonFile& f) {
  SL_ASSIGN_OR_RETURN(
      auto orgs, tx.Query("SELECT m.id, o.id, o.name, o.kind, m.post, m.valid_from, m.valid_to "
                          "FROM org_member m JOIN organization o ON o.id = m.organization_id "
                          "WHERE m.person_id = ? AND o.deleted_at IS NULL ORDER BY m.valid_from",
                          {id}));
  for (const auto& r : orgs)
    f.organizations.push_back(
        {r.Int(0), Ref{r.Int(1), r.Str(2)}, r.Str(3), r.Str(4), r.Str(5), r.OptStr(6)});
  SL_ASSIGN_OR_RETURN(auto members,
                      tx.Query("SELECT m.id, o.id, o.name, e.id, e.name, m.post, m.joined_on, "
                               "m.left_on, m.dues_status FROM chamber_membership m JOIN "
                               "organization o ON o.id = m.chamber_id LEFT JOIN enterprise e ON "
                               "e.id = m.enterprise_id WHERE m.person_id = ? ORDER BY m.joined_on",
                               {id}));
  for (const auto& r : members) {
    PersonFile::ChamberTie m{
        r.Int(0), Ref{r.Int(1), r.Str(2)}, std::nullopt, r.Str(5), r.Str(6), r.OptStr(7), r.Str(8)};
    if (!r.IsNull(3)) m.enterprise = Ref{r.Int(3), r.Str(4)};
    f.memberships.push_back(std::move(m));
  }
  SL_ASSIGN_OR_RETURN(auto firms, tx.Query("SELECT id, name, uscc FROM enterprise WHERE "
                                           "legal_representative_id = ? AND deleted_at IS NULL "
                                           "ORDER BY sort_key",
                                           {id}));
  for (const auto& r : firms) f.enterprises.push_back({r.Int(0), r.Str(1), r.Str(2)});
  return OkStatus();
}

}  // namespace

Result<PersonFile> GetPersonFile(db::Tx& tx, const Caller& caller, int64_t id) {
  PersonFile f;
  SL_ASSIGN_OR_RETURN(f.person, GetPerson(tx, caller.view, id));
  SL_ASSIGN_OR_RETURN(
      auto stages, tx.Query("SELECT s.id, s.stage, s.organization_id, o.name, s.valid_from, "
                            "s.valid_to FROM party_stage s LEFT JOIN organization o ON o.id = "
                            "s.organization_id WHERE s.person_id = ? ORDER BY s.valid_from, s.id",
                            {id}));
  for (const auto& r : stages) {
    StageRecord s{r.Int(0), r.Str(1), std::nullopt, r.Str(4), r.OptStr(5)};
    if (!r.IsNull(2)) s.organization = Ref{r.Int(2), r.Str(3)};
    f.party_stages.push_back(std::move(s));
  }
  store::Where posts;
  posts.And("s.person_id = ?", {id});
  SL_ASSIGN_OR_RETURN(f.post_history, PostQuery().All(tx, posts, "s.valid_from, s.id"));
  SL_TRY(LoadTies(tx, id, f));
  return f;
}

namespace {

Status PeopleWhere(db::Tx& tx, const Caller& caller, const PersonFilter& f, store::Where& w) {
  w.And("p.deleted_at IS NULL");
  w.ScopeOrPaired(caller.view, "p.region_path", "p.id", "person");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "p.region_path"));
  w.Search(f.q, store::SearchKind::kPerson, "p");
  // Tags, posts and party stages held on the day (a board planning ahead
  // asks for who holds them then).
  const std::string on = f.date.empty() ? TodayInChina() : f.date;
  const auto held = [&](const char* table, const char* column, const std::string& value) {
    if (value.empty()) return;
    w.And(std::string("EXISTS (SELECT 1 FROM ") + table + " x WHERE x.person_id = p.id AND x." +
              column + " = ? AND x.valid_from <= ? AND (x.valid_to IS NULL OR x.valid_to > ?))",
          {value, on, on});
  };
  held("person_tag", "tag", f.tag);
  held("post", "kind", f.post);
  held("party_stage", "stage", f.party_stage);
  if (f.id_conflict) {
    if (!caller.Can(kPeopleSensitive)) return Error::Forbidden("forbidden");
    w.And("EXISTS (SELECT 1 FROM person_id_conflict c WHERE c.person_id = p.id)");
  }
  return OkStatus();
}

// ORDER BY of each PersonOrder, in its order.
const char* PeopleOrder(PersonOrder order) {
  static constexpr const char* kOrders[] = {"p.sort_key, p.id", "p.sort_key DESC, p.id DESC",
                                            "p.updated_at, p.id", "p.updated_at DESC, p.id DESC"};
  return kOrders[static_cast<size_t>(order)];
}

// People of a filter with their tags, stage and posts as of its day: three
// queries per batch of them.
const store::Listing<Person, PersonFilter>& People() {
  static const store::Listing<Person, PersonFilter> k{
      [](const PersonFilter&) { return PersonQuery(); }, PeopleWhere,
      [](const PersonFilter& f) { return std::string(PeopleOrder(f.order)); },
      [](db::Tx& tx, const PersonFilter& f, std::vector<Person>& batch) {
        return internal::LoadExtras(tx, batch, f.date);
      }};
  return k;
}

}  // namespace

Result<Paged<Person>> ListPeople(db::Tx& tx, const Caller& caller, const PersonFilter& f,
                                 const Page& page) {
  return People().Page(tx, caller, f, page);
}

Status ForEachPerson(db::Tx& tx, const Caller& caller, const PersonFilter& f,
                     const std::function<Status(const Person&)>& fn) {
  return People().ForEach(tx, caller, f, fn);
}

namespace internal {
Result<std::map<std::string, std::vector<CardHolder>>> CardHolders(
    db::Tx& tx, const std::vector<std::string>& hashes) {
  constexpr size_t kChunk = 500;
  std::map<std::string, std::vector<CardHolder>> out;
  for (size_t at = 0; at < hashes.size(); at += kChunk) {
    const size_t n = std::min(kChunk, hashes.size() - at);
    db::Params params;
    const std::string in = db::InList(hashes.begin() + at, hashes.begin() + at + n, params);
    db::Params both = params;
    both.insert(both.end(), params.begin(), params.end());
    SL_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT id_card_hash, id, region_path, deleted_at, 0 FROM person WHERE "
                 "id_card_hash IN " +
                     in +
                     " UNION ALL SELECT c.id_card_hash, p.id, p.region_path, p.deleted_at, 1 "
                     "FROM person_id_conflict c JOIN person p ON p.id = c.person_id WHERE "
                     "c.id_card_hash IN " +
                     in,
                 both));
    for (const auto& r : rows)
      out[r.Str(0)].push_back(CardHolder{r.Int(1), r.Str(2), !r.IsNull(3), r.Int(4) != 0});
  }
  return out;
}
}  // namespace internal

Result<std::optional<int64_t>> FindPersonByIdCard(db::Tx& tx, const Scope& view,
                                                  const std::string& id_card) {
  auto card = ParseIdCard(id_card);
  if (!card.ok()) return std::optional<int64_t>();
  SL_ASSIGN_OR_RETURN(std::string hash, internal::IdCardHash(tx, card->number));
  SL_ASSIGN_OR_RETURN(auto holders, internal::CardHolders(tx, {hash}));
  // A card on file outside the view is, to this caller, not on file; nor is
  // the card of a person deleted (an undone import leaves those behind).
  for (const internal::CardHolder& h : holders[hash])
    if (!h.deleted && view.Contains(h.region_path)) return std::optional<int64_t>(h.id);
  return std::optional<int64_t>();
}

Result<PeopleOnFile> FindPeopleOnFile(db::Tx& tx, const std::vector<std::string>& id_cards,
                                      const std::vector<std::pair<int64_t, std::string>>& names) {
  constexpr size_t kChunk = 500;
  PeopleOnFile out;
  std::map<std::string, std::string> number_of_hash;
  for (const std::string& typed : id_cards) {
    auto card = ParseIdCard(typed);
    if (!card.ok()) continue;
    SL_ASSIGN_OR_RETURN(std::string hash, internal::IdCardHash(tx, card->number));
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

}  // namespace sl::registry
