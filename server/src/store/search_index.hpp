#pragma once
// The registry's search index (table search_token, migration 0004): the rows
// text::SearchTokens gives for a record's name, kept in step with the name by
// the stores, so that a search is a range scan instead of a LIKE over a table.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/db.hpp"

namespace sl::store {

// The kinds of records the index holds (one number each in search_token.kind).
enum class SearchKind : int64_t {
  kPerson = 1,
  kOrganization = 2,
  kEnterprise = 3,
  kProject = 4,
  kEvent = 5,   // by title
  kRequest = 6  // by title
};

// The index rows of a record: text::SearchTokens of its name, plus every
// suffix of a code searched with it (an enterprise's credit code).
std::vector<std::string> TokensOf(std::string_view name, std::string_view code = {});

// The search_text column of a record: text::SearchText of its name, then the
// folded code (for the LIKE that confirms long queries), then the starts of
// its index rows (text::SearchStarts, for a broad search's test of each
// record). `tokens`, when given, are TokensOf(name, code) already made.
std::string SearchTextOf(std::string_view name, std::string_view code = {},
                         const std::vector<std::string>* tokens = nullptr);

// Whether a record's search_text holds a start of an index row that begins
// with the folded query (of at most text::kSearchStartBytes), and the same
// test as a LIKE pattern (ESCAPE '\\').
bool HasSearchStart(std::string_view search_text, std::string_view folded);
std::string SearchStartPattern(std::string_view folded);

// Whether at least `n` index rows of this kind start with `prefix`: counts
// no further than n.
Result<bool> IndexRowsAtLeast(db::Tx& tx, SearchKind kind, const std::string& prefix, int64_t n);

// Moves a record's index rows from `before` (empty for a new record) to `now`;
// only the rows that differ are written.
Status IndexTokens(db::Tx& tx, SearchKind kind, int64_t id, const std::vector<std::string>& before,
                   const std::vector<std::string>& now);

// The index rows of many new records at once, each {kind, token, record_id}:
// written in the index's order, so each insert lands beside the one before
// (on pages already cached) instead of at a random place in a large B-tree.
Status BulkIndex(db::Tx& tx, std::vector<db::Params>& rows);

// A condition "`id_column` names a record whose name contains q" for a WHERE
// clause, with its parameters appended; empty when q folds to nothing.
// `search_column` (the record's search_text) confirms queries longer than the
// index keeps.
std::string SearchCondition(std::string_view q, SearchKind kind, const std::string& id_column,
                            const std::string& search_column, db::Params& params);

// Recomputes search_text, sort_key and the search index of every record of
// every kind (after an upgrade of the pinyin data, or for rows written around
// the stores); `*records` gets how many.
Status RebuildSearchIndex(db::Tx& tx, int64_t* records);
// What `db::Migrate` must run for the search index's migrations on a database
// that already has records.
db::DataSteps SearchIndexMigrationSteps();

}  // namespace sl::store
