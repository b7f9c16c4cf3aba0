// Villager groups (村民小组), below the official code list: a village keeps its
// own — adds, renames, retires them — and level-3 pairings (村干部包组包片)
// follow. A group's code is its village's and its number ("431127103224-05").

#include <algorithm>
#include <cstdio>

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/json.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"
#include "text/text.hpp"

namespace sl::regions {

namespace {

constexpr size_t kMaxGroupName = 20;

// The name of a form, trimmed: required, one short line.
std::optional<Text> NameProblem(std::string& name) {
  const auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!name.empty() && space(name.back())) name.pop_back();
  name.erase(name.begin(), std::find_if_not(name.begin(), name.end(), space));
  if (name.empty()) return Text{"field_required", {}};
  if (HasControlCharacters(name, false) || HasBidiControls(name))
    return Text{"field_control_chars", {}};
  if (Utf8Length(name) > kMaxGroupName)
    return Text{"field_too_long", {std::to_string(kMaxGroupName)}};
  return std::nullopt;
}

// Another group of the village in use with this name (not `except`).
Result<bool> NameTaken(db::Tx& tx, const std::string& village, const std::string& name,
                       const std::string& except) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM region WHERE parent_code = ? AND level "
                                            "= 'group' AND name = ? AND code <> ? AND retired_on "
                                            "IS NULL",
                                            {village, name, except}));
  return row.has_value();
}

Status Writable(const Caller& caller, const Region& village) {
  if (!caller.capture.Contains(village.path)) return Error::Forbidden("out_of_scope");
  return OkStatus();
}

Result<Region> Reload(db::Tx& tx, const std::string& code) {
  ForgetRegions(tx);
  SL_ASSIGN_OR_RETURN(auto region, FindByCode(tx, code));
  if (!region) return Error::Internal("group vanished");
  return std::move(*region);
}

}  // namespace

Result<std::vector<Region>> ListGroups(db::Tx& tx, const Caller& caller, std::string_view village) {
  SL_ASSIGN_OR_RETURN(Region v, Get(tx, caller.view, village));
  if (v.level != "village") return Error::NotFound("region_not_found", {std::string(village)});
  SL_ASSIGN_OR_RETURN(auto children, Children(tx, caller.view, v.code));
  std::vector<Region> out;
  for (auto& r : children)
    if (r.level == "group") out.push_back(std::move(r));
  // By number: 2组 before 10组.
  std::sort(out.begin(), out.end(), [](const Region& a, const Region& b) {
    return a.code.size() != b.code.size() ? a.code.size() < b.code.size() : a.code < b.code;
  });
  return out;
}

Result<Region> CreateGroup(db::Tx& tx, const Caller& caller, std::string_view village,
                           const GroupInput& in) {
  SL_ASSIGN_OR_RETURN(Region v, Get(tx, caller.view, village));
  if (v.level != "village") return Error::NotFound("region_not_found", {std::string(village)});
  SL_TRY(Writable(caller, v));
  std::string name = in.name.value_or("");
  std::map<std::string, Text> errors;
  if (auto problem = NameProblem(name)) errors.emplace("name", *problem);
  if (errors.empty()) {
    SL_ASSIGN_OR_RETURN(bool taken, NameTaken(tx, v.code, name, ""));
    if (taken) errors.emplace("name", Text{"group_name_taken", {}});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  // The next number after every group the village ever had.
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT code FROM region WHERE parent_code = ? AND "
                                          "level = 'group'",
                                          {v.code}));
  int last = 0;
  for (const auto& r : rows) {
    const std::string code = r.Str(0);
    if (auto n = ParseInt(std::string_view(code).substr(code.find('-') + 1)))
      last = std::max(last, static_cast<int>(*n));
  }
  if (last >= 999) return Error::Invalid({{"name", Text{"group_too_many", {}}}});
  SL_ASSIGN_OR_RETURN(Region g, AddGroup(tx, v.code, last + 1, name));
  // Judged from today on (compliance for earlier days does not miss it).
  SL_TRY(tx.Exec("UPDATE region SET established_on = ? WHERE code = ?", {TodayInChina(), g.code}));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "region", g.id, "create", Json(), ToJson(g),
                       g.path));
  return g;
}

Result<Region> UpdateGroup(db::Tx& tx, const Caller& caller, std::string_view code,
                           const GroupInput& in) {
  SL_ASSIGN_OR_RETURN(Region before, Get(tx, caller.view, code));
  if (before.level != "group") return Error::Forbidden("region_official");
  SL_ASSIGN_OR_RETURN(Region village, Get(tx, Scope::Everything(), before.parent_code));
  SL_TRY(Writable(caller, village));
  std::string name = in.name.value_or(before.name);
  std::map<std::string, Text> errors;
  if (auto problem = NameProblem(name)) errors.emplace("name", *problem);
  const bool retired = in.retired.value_or(before.retired_on.has_value());
  if (errors.empty() && !retired) {
    SL_ASSIGN_OR_RETURN(bool taken, NameTaken(tx, village.code, name, before.code));
    if (taken) errors.emplace("name", Text{"group_name_taken", {}});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  std::optional<std::string> retired_on = before.retired_on;
  if (retired && !retired_on) retired_on = TodayInChina();
  if (!retired) retired_on.reset();
  if (name == before.name && retired_on == before.retired_on) return before;
  SL_TRY(
      tx.Exec("UPDATE region SET name = ?, official_name = ?, search_text = ?, sort_key = ?, "
              "retired_on = ? WHERE code = ?",
              {name, name, text::SearchText(name), text::SortKey(name),
               retired_on ? db::Value(*retired_on) : db::Value(), before.code}));
  SL_ASSIGN_OR_RETURN(Region after, Reload(tx, before.code));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "region", after.id, "update", ToJson(before),
                       ToJson(after), after.path));
  return after;
}

Status RemoveNewGroup(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT code FROM region WHERE id = ?", {id}));
  if (!row) return Error::NotFound("region_not_found");
  SL_ASSIGN_OR_RETURN(Region group, Get(tx, caller.view, row->Str(0)));
  if (group.level != "group") return Error::Forbidden("region_official");
  SL_ASSIGN_OR_RETURN(Region village, Get(tx, Scope::Everything(), group.parent_code));
  SL_TRY(Writable(caller, village));
  // Only a group nothing refers to yet: one an import has just added.
  for (const char* table : {"person", "organization", "enterprise", "project", "event",
                            "land_contract", "collective_income"}) {
    SL_ASSIGN_OR_RETURN(
        auto used,
        tx.QueryOne(std::string("SELECT 1 FROM ") + table + " WHERE region_id = ? LIMIT 1", {id}));
    if (used) return Error::Conflict("group_in_use");
  }
  SL_ASSIGN_OR_RETURN(auto paired, tx.QueryOne("SELECT 1 FROM pairing WHERE target_kind = "
                                               "'region' AND target_id = ? LIMIT 1",
                                               {id}));
  if (paired) return Error::Conflict("group_in_use");
  SL_TRY(tx.Exec("DELETE FROM region WHERE id = ?", {id}));
  ForgetRegions(tx);
  return audit::Record(tx, audit::ActorOf(caller), "region", id, "delete", ToJson(group), Json(),
                       group.path);
}

}  // namespace sl::regions
