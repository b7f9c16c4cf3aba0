#pragma once
// What the registry's own files share (people, posts, their sheets): the
// person query and its extras, the ID-card key. Used by registry/ alone.

#include <map>
#include <string>
#include <vector>

#include "db/db.hpp"
#include "registry/model.hpp"
#include "store/query.hpp"

namespace sl::registry::internal {

// person p JOIN region r, as records.
const store::RecordQuery<Person>& PersonQuery();
// post s JOIN region r.
const store::RecordQuery<Post>& PostQuery();

// Fills in tags, the party stage and the posts open today — or, given a day,
// held on that day — for many people in three queries per 500 of them (a list
// page, an export batch).
Status LoadExtras(db::Tx& tx, std::vector<Person>& people, const std::string& on = "");
Status LoadExtras(db::Tx& tx, Person& p);
// The person (deleted ones too) with extras, unscoped.
Result<Person> Reload(db::Tx& tx, int64_t id);
// The keyed hash of a normalized ID-card number (the key read once per transaction).
Result<std::string> IdCardHash(db::Tx& tx, const std::string& normalized);
// Who holds an ID card (by its hash): the person stored with it, and people
// written with it as a clash (person_id_conflict); deleted ones too.
struct CardHolder {
  int64_t id = 0;
  std::string region_path;
  bool deleted = false;
  bool clash = false;  // held through person_id_conflict
};
// The holders of each of `hashes`, in queries of 500.
Result<std::map<std::string, std::vector<CardHolder>>> CardHolders(
    db::Tx& tx, const std::vector<std::string>& hashes);
// The snapshot kept in the audit log: phone masked, the ID card only masked.
Json Snapshot(const Person& p);

}  // namespace sl::registry::internal
