#include "store/search_index.hpp"

#include <algorithm>
#include <tuple>
#include <variant>
#include <vector>

#include "db/scope.hpp"  // LikeEscape
#include "text/text.hpp"

namespace sl::store {

namespace {

// Rows per multi-row INSERT: 3 parameters each, well under SQLite's limit.
constexpr size_t kInsertChunk = 200;

Status InsertTokens(db::Tx& tx, SearchKind kind, int64_t id,
                    const std::vector<std::string>& tokens) {
  for (size_t at = 0; at < tokens.size(); at += kInsertChunk) {
    const size_t n = std::min(kInsertChunk, tokens.size() - at);
    std::string sql = "INSERT INTO search_token (kind, token, record_id) VALUES ";
    db::Params params;
    params.reserve(3 * n);
    for (size_t i = 0; i < n; ++i) {
      sql += i ? ", (?, ?, ?)" : "(?, ?, ?)";
      params.emplace_back(static_cast<int64_t>(kind));
      params.emplace_back(tokens[at + i]);
      params.emplace_back(id);
    }
    SL_TRY(tx.Exec(sql, params));
  }
  return OkStatus();
}

// The end of the index range of the tokens that start with `prefix`. Not
// db::PrefixUpperBound: its last byte + 1 is not UTF-8, which PostgreSQL
// refuses in a text parameter. Every token starting with the prefix sorts
// (bytewise, collation C) below the prefix followed by U+10FFFF.
std::string TokensEnd(const std::string& prefix) { return prefix + "\xF4\x8F\xBF\xBF"; }

}  // namespace

std::string SearchTextOf(std::string_view name, std::string_view code,
                         const std::vector<std::string>* tokens) {
  std::string out = text::SearchText(name);
  if (!code.empty()) {
    out += text::kSearchTextSeparator;
    out += text::Fold(code);
  }
  out += text::SearchStarts(tokens ? *tokens : TokensOf(name, code));
  return out;
}

bool HasSearchStart(std::string_view search_text, std::string_view folded) {
  for (size_t at = search_text.find(text::kSearchStartMark); at != std::string_view::npos;
       at = search_text.find(text::kSearchStartMark, at + 1)) {
    if (search_text.substr(at + 1, folded.size()) == folded) return true;
  }
  return false;
}

std::string SearchStartPattern(std::string_view folded) {
  return "%" + std::string(1, text::kSearchStartMark) + db::LikeEscape(folded) + "%";
}

Result<bool> IndexRowsAtLeast(db::Tx& tx, SearchKind kind, const std::string& prefix, int64_t n) {
  SL_ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne("SELECT COUNT(*) FROM (SELECT 1 FROM search_token WHERE kind = ? AND token >= ? "
                  "AND token < ? LIMIT ?) t",
                  {static_cast<int64_t>(kind), prefix, TokensEnd(prefix), n}));
  return row && row->Int(0) >= n;
}

std::vector<std::string> TokensOf(std::string_view name, std::string_view code) {
  std::vector<std::string> tokens = text::SearchTokens(name);
  if (code.empty()) return tokens;
  std::vector<std::string> more = text::SearchTokens(code), all;
  std::set_union(tokens.begin(), tokens.end(), more.begin(), more.end(), std::back_inserter(all));
  return all;
}

Status IndexTokens(db::Tx& tx, SearchKind kind, int64_t id, const std::vector<std::string>& before,
                   const std::vector<std::string>& now) {
  if (before == now) return OkStatus();
  std::vector<std::string> gone, added;
  std::set_difference(before.begin(), before.end(), now.begin(), now.end(),
                      std::back_inserter(gone));
  std::set_difference(now.begin(), now.end(), before.begin(), before.end(),
                      std::back_inserter(added));
  for (const std::string& token : gone) {
    SL_TRY(tx.Exec("DELETE FROM search_token WHERE kind = ? AND token = ? AND record_id = ?",
                   {static_cast<int64_t>(kind), token, id}));
  }
  return InsertTokens(tx, kind, id, added);
}

Status BulkIndex(db::Tx& tx, std::vector<db::Params>& rows) {
  // Sorted by plain keys: comparing the variants themselves cost more than
  // the inserts of a large batch.
  struct Key {
    int64_t kind;
    std::string_view token;
    int64_t id;
    size_t at;
  };
  std::vector<Key> keys;
  keys.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i)
    keys.push_back({std::get<int64_t>(rows[i][0]), std::get<std::string>(rows[i][1]),
                    std::get<int64_t>(rows[i][2]), i});
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.kind, a.token, a.id) < std::tie(b.kind, b.token, b.id);
  });
  std::vector<db::Params> sorted;
  sorted.reserve(rows.size());
  for (const Key& k : keys) sorted.push_back(std::move(rows[k.at]));
  rows = std::move(sorted);
  return tx.BulkInsert("search_token", {"kind", "token", "record_id"}, rows);
}

std::string SearchCondition(std::string_view q, SearchKind kind, const std::string& id_column,
                            const std::string& search_column, db::Params& params) {
  const std::string folded = text::FoldQuery(q);
  if (folded.empty()) return {};
  const std::string prefix = text::SearchTokenPrefix(folded);
  std::string sql = id_column +
                    " IN (SELECT record_id FROM search_token WHERE kind = ? AND token >= ? AND "
                    "token < ?)";
  params.emplace_back(static_cast<int64_t>(kind));
  params.emplace_back(prefix);
  params.emplace_back(TokensEnd(prefix));
  if (prefix.size() < folded.size()) {
    sql += " AND " + search_column + " LIKE ? ESCAPE '\\'";
    params.emplace_back("%" + db::LikeEscape(folded) + "%");
  }
  return "(" + sql + ")";
}

namespace {

// `upto`: the last migration whose tables exist (projects come with 5, events with 14);
// `from`: only the tables of this migration and later; `index`: false to
// bring search_text and sort_key up to date and leave the index rows.
Status Rebuild(db::Tx& tx, int64_t* records, int upto, int from = 0, bool index = true) {
  struct Table {
    const char* name;
    SearchKind kind;
    const char* title;  // the name column
    const char* code;   // a column searched with the name
    int since;          // the migration that made the table
  };
  const Table tables[] = {{"person", SearchKind::kPerson, "name", "''", 2},
                          {"organization", SearchKind::kOrganization, "name", "''", 2},
                          {"enterprise", SearchKind::kEnterprise, "name", "uscc", 2},
                          {"project", SearchKind::kProject, "name", "''", 5},
                          {"event", SearchKind::kEvent, "title", "''", 14},
                          {"request", SearchKind::kRequest, "title", "''", 17}};
  if (from == 0 && index) SL_TRY(tx.Exec("DELETE FROM search_token"));
  int64_t count = 0;
  for (const Table& t : tables) {
    if (t.since > upto || t.since < from) continue;
    if (from != 0 && index)
      SL_TRY(tx.Exec("DELETE FROM search_token WHERE kind = ?", {static_cast<int64_t>(t.kind)}));
    // Reads the table in chunks by id: index rows go out in batches while it
    // is read, and the rows whose stored search_text or sort_key is stale (the
    // pinyin tables or the text's format may have changed since they were
    // written) are updated after each chunk, so memory stays that of a chunk.
    constexpr int64_t kChunk = 10000;
    struct Stale {
      int64_t id;
      std::string search_text, sort_key;
    };
    std::vector<Stale> stale;
    std::vector<db::Params> rows;
    const auto flush = [&]() -> Status {
      if (rows.empty()) return OkStatus();
      SL_TRY(tx.BulkInsert("search_token", {"kind", "token", "record_id"}, rows));
      rows.clear();
      return OkStatus();
    };
    const std::string read = std::string("SELECT id, ") + t.title + ", search_text, sort_key, " +
                             t.code + " FROM " + t.name + " WHERE id > ? ORDER BY id LIMIT ?";
    for (int64_t after = 0, n = kChunk; n == kChunk;) {
      n = 0;
      SL_TRY(tx.ForEach(read, {after, kChunk}, [&](const db::Row& row) -> Status {
        const int64_t id = after = row.Int(0);
        ++n;
        const std::string name = row.Str(1), code = row.Str(4);
        std::vector<std::string> tokens = TokensOf(name, code);
        std::string search_text = SearchTextOf(name, code, &tokens);
        std::string sort_key = text::SortKey(name);
        if (search_text != row.Str(2) || sort_key != row.Str(3))
          stale.push_back({id, std::move(search_text), std::move(sort_key)});
        if (index) {
          for (std::string& token : tokens)
            rows.push_back({static_cast<int64_t>(t.kind), std::move(token), id});
        }
        return rows.size() >= 10000 ? flush() : OkStatus();
      }));
      count += n;
      for (Stale& st : stale) {
        SL_TRY(tx.Exec(
            std::string("UPDATE ") + t.name + " SET search_text = ?, sort_key = ? WHERE id = ?",
            {std::move(st.search_text), std::move(st.sort_key), st.id}));
      }
      stale.clear();
    }
    SL_TRY(flush());
  }
  if (records) *records = count;
  return OkStatus();
}

}  // namespace

Status RebuildSearchIndex(db::Tx& tx, int64_t* records) { return Rebuild(tx, records, 1 << 30); }

db::DataSteps SearchIndexMigrationSteps() {
  // Later tables (projects, events) come after this step; requests converted
  // from visits' follow-ups (migration 17) are indexed by theirs.
  // Migration 22 appends the starts of the index rows to search_text.
  return {{4, [](db::Tx& tx) { return Rebuild(tx, nullptr, 4); }},
          {17, [](db::Tx& tx) { return Rebuild(tx, nullptr, 17, 17); }},
          {22, [](db::Tx& tx) { return Rebuild(tx, nullptr, 22, 0, false); }}};
}

}  // namespace sl::store
