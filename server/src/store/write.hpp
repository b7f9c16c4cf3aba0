#pragma once
// The writes every ledger's store makes: a record inserted or updated with its
// timestamps and version, a soft delete with its audit row, and the columns
// that keep a record's name searchable and sorted by pinyin.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/caller.hpp"
#include "core/choice.hpp"
#include "core/json.hpp"
#include "db/db.hpp"
#include "store/search_index.hpp"

namespace sl::store {

// Column values of an INSERT or UPDATE, in order.
using Values = std::vector<std::pair<std::string_view, db::Value>>;

// INSERT INTO table (columns..., created_at, updated_at, version) VALUES
// (..., now, now, 1); the new id.
Result<int64_t> InsertRecord(db::Tx& tx, std::string_view table, const Values& values);
// UPDATE table SET columns..., updated_at = now, version = version + 1 WHERE id.
Status UpdateRecord(db::Tx& tx, std::string_view table, int64_t id, const Values& values);

// Marks stale (audit::Touch) the stored figures and compliance parts a
// change to this person, or to what they did, can move: where they live,
// where they hold posts and chamber seats (where their quotas are judged),
// and where the people who contacted them are judged (a visit counts by what
// its target was on the day: a wealth creator, an activist).
Status TouchPersonPlace(db::Tx& tx, int64_t person_id);
// Marks the row deleted (and sets `also`, such as a freed natural key) and
// records the deletion of `entity` with the record as it was (`before`) at
// `path` in the audit log.
Status SoftDelete(db::Tx& tx, const Caller& caller, std::string_view table, std::string_view entity,
                  int64_t id, const Json& before, const std::string& path, const Values& also = {});

// A reference a form may change: an id given (0 clears it), else the one the
// record had.
db::Value IdOrKept(const std::optional<int64_t>& given, const std::optional<Ref>& had);

// A record's name as the lists search and sort it: search_text and sort_key
// (with `code`, such as a credit code, searched too).
Values NameColumns(std::string_view name, std::string_view code = {});
// Keeps the search index of a record in step with its name: from
// (`old_name`, `old_code`) — empty for a new record — to (`name`, `code`).
Status IndexName(db::Tx& tx, SearchKind kind, int64_t id, std::string_view old_name,
                 std::string_view old_code, std::string_view name, std::string_view code = {});

}  // namespace sl::store
