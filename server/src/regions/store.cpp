// SQL of the region tree. Every query that returns rows to a caller takes the
// caller's view Scope and applies it with db::ScopeCondition.

#include <any>
#include <cstdio>
#include <map>

#include "db/scope.hpp"
#include "regions/regions.hpp"
#include "text/text.hpp"

namespace sl::regions {

namespace {

constexpr const char* kCodeMemo = "regions.by_code";

constexpr const char* kColumns =
    "r.id, r.code, r.name, r.official_name, r.level, r.parent_code, r.path, "
    "EXISTS (SELECT 1 FROM region c WHERE c.parent_code = r.code), r.retired_on";

Region FromRow(const db::Row& row) {
  Region r;
  r.id = row.Int(0);
  r.code = row.Str(1);
  r.name = row.Str(2);
  r.official_name = row.Str(3);
  r.level = row.Str(4);
  r.parent_code = row.Str(5);
  r.path = row.Str(6);
  r.has_children = row.Int(7) != 0;
  r.retired_on = row.OptStr(8);
  return r;
}

Result<std::vector<Region>> Select(db::Tx& tx, const std::string& where_order,
                                   const db::Params& params) {
  SL_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kColumns + " FROM region r " + where_order, params));
  std::vector<Region> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

}  // namespace

Result<std::optional<Region>> FindByCode(db::Tx& tx, std::string_view code) {
  // Remembered for the transaction: an import names the same few regions on
  // every row. Writers of regions forget them (ForgetRegions).
  using Known = std::map<std::string, std::optional<Region>, std::less<>>;
  std::any& memo = tx.memo()[kCodeMemo];
  if (!memo.has_value()) memo = Known();
  Known& known = std::any_cast<Known&>(memo);
  if (auto hit = known.find(code); hit != known.end()) return hit->second;
  SL_ASSIGN_OR_RETURN(auto found, Select(tx, "WHERE r.code = ?", {std::string(code)}));
  std::optional<Region> out;
  if (!found.empty()) out = std::move(found.front());
  std::any_cast<Known&>(tx.memo()[kCodeMemo]).emplace(std::string(code), out);
  return out;
}

void ForgetRegions(db::Tx& tx) { tx.memo().erase(std::string(kCodeMemo)); }

Result<Region> AddGroup(db::Tx& tx, std::string_view village_code, int number,
                        const std::string& name) {
  if (LevelOfCode(village_code) != "village" || number < 1 || number > 999)
    return Error::BadRequest("region_code_malformed", {"", "", std::string(village_code)});
  char suffix[40];
  std::snprintf(suffix, sizeof suffix, "-%02d", number);
  const std::string code = std::string(village_code) + suffix;
  ForgetRegions(tx);
  SL_TRY(
      tx.Exec("INSERT INTO region (code, name, official_name, level, parent_code, path, "
              "search_text, sort_key) VALUES (?, ?, ?, 'group', ?, ?, ?, ?) ON CONFLICT (code) "
              "DO UPDATE SET name = excluded.name, official_name = excluded.official_name, "
              "search_text = excluded.search_text, sort_key = excluded.sort_key",
              {code, name, name, std::string(village_code), PathOfCode(code),
               text::SearchText(name), text::SortKey(name)}));
  SL_ASSIGN_OR_RETURN(auto region, FindByCode(tx, code));
  if (!region) return Error::Internal("group vanished");
  return std::move(*region);
}

Result<Region> Get(db::Tx& tx, const Scope& view, std::string_view code) {
  db::Params params{std::string(code)};
  const std::string cond = db::ScopeCondition(view, "r.path", params);
  SL_ASSIGN_OR_RETURN(auto found, Select(tx, "WHERE r.code = ? AND " + cond, params));
  if (found.empty()) return Error::NotFound("region_not_found", {std::string(code)});
  return std::move(found.front());
}

Result<std::vector<Region>> Ancestors(db::Tx& tx, const Region& region) {
  std::vector<Region> out;
  for (std::string code = ParentCode(region.code); !code.empty(); code = ParentCode(code)) {
    SL_ASSIGN_OR_RETURN(auto parent, FindByCode(tx, code));
    if (parent) out.insert(out.begin(), std::move(*parent));
  }
  return out;
}

Result<std::vector<Region>> Children(db::Tx& tx, const Scope& view, std::string_view parent) {
  db::Params params{std::string(parent)};
  const std::string cond = db::ScopeCondition(view, "r.path", params);
  return Select(tx, "WHERE r.parent_code = ? AND " + cond + " ORDER BY r.sort_key, r.code", params);
}

Result<std::vector<Region>> Roots(db::Tx& tx, const Scope& view) {
  if (view.all) return Select(tx, "WHERE r.parent_code IS NULL ORDER BY r.code", {});
  std::vector<Region> out;
  for (const auto& path : view.paths) {
    SL_ASSIGN_OR_RETURN(auto found, Select(tx, "WHERE r.path = ?", {path}));
    for (auto& r : found) out.push_back(std::move(r));
  }
  return out;
}

Result<std::pair<std::vector<Region>, int64_t>> Search(db::Tx& tx, const Scope& view,
                                                       std::string_view query, const Page& page) {
  const std::string folded = text::FoldQuery(query);
  if (folded.empty()) return std::pair<std::vector<Region>, int64_t>{};
  const std::string escaped = db::LikeEscape(folded);
  db::Params params{"%" + escaped + "%"};
  const std::string where =
      "WHERE r.search_text LIKE ? ESCAPE '\\' AND " + db::ScopeCondition(view, "r.path", params);
  SL_ASSIGN_OR_RETURN(auto count, tx.QueryOne("SELECT COUNT(*) FROM region r " + where, params));
  // Best first: a whole token, then a token's start, then anywhere; then the
  // higher level (shorter code) and pinyin order.
  db::Params ranked = params;
  ranked.emplace_back("% " + escaped + " %");
  ranked.emplace_back("% " + escaped + "%");
  ranked.emplace_back(page.size);
  ranked.emplace_back(page.offset());
  SL_ASSIGN_OR_RETURN(
      auto items,
      Select(tx,
             where + " ORDER BY CASE WHEN ' ' || r.search_text || ' ' LIKE ? ESCAPE '\\' THEN 0 "
                     "WHEN ' ' || r.search_text LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END, "
                     "LENGTH(r.code), r.sort_key, r.code LIMIT ? OFFSET ?",
             ranked));
  return std::pair{std::move(items), count ? count->Int(0) : 0};
}

}  // namespace sl::regions
