// Villager groups (村民小组) in and out of Excel: a village's groups as the
// village keeps them, one row each — added when new, renamed, retired or
// brought back — through the same operations as the region page.

#include "auth/roles.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"
#include "registry/sheets.hpp"
#include "store/checks.hpp"

namespace sl::registry {

using namespace sheets;  // NOLINT: this file is the groups' sheet

namespace {

const std::vector<Choice>& GroupStates() {
  static const std::vector<Choice> k = {
      {"in_use", "在用", "在用", "In use"},
      {"retired", "停用", "停用", "Retired"},
  };
  return k;
}

const std::vector<Column>& GroupColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "", "系统编号；新增小组留空"},
      {"code", "小组编码", "小組編碼", "Code", false, nullptr, "",
       "系统生成（村编码-序号），导入时不读取"},
      {"region", "所属村", "所屬村", "Village", true, nullptr, "朋佳村", "村或社区的名称或编码"},
      {"name", "小组名称", "小組名稱", "Group", true, nullptr, "第一组", "同村在用的小组不能重名"},
      {"state", "状态", "狀態", "State", false, GroupStates, "在用", "在用或停用；留空为在用"},
  };
  return k;
}

struct GroupRow {
  int64_t id = 0;
  std::string code, name;
  RegionRef village;
  bool retired = false;
};

std::vector<io::XlsxCell> GroupCells(const GroupRow& g) {
  return {io::XlsxCell::Integer(g.id), io::XlsxCell::Text(g.code), RegionCell(g.village),
          io::XlsxCell::Text(g.name), ChoiceCell(GroupStates(), g.retired ? "retired" : "in_use")};
}

constexpr const char* kGroupSelect =
    "SELECT g.id, g.code, g.name, g.retired_on, v.id, v.code, v.name, v.path FROM region g JOIN "
    "region v ON v.code = g.parent_code WHERE g.level = 'group' AND ";

GroupRow GroupOf(const db::Row& r) {
  return {r.Int(0), r.Str(1), r.Str(2), {r.Int(4), r.Str(5), r.Str(6), r.Str(7)}, !r.IsNull(3)};
}

Result<GroupRow> LoadGroup(db::Tx& tx, const Caller& caller, int64_t id) {
  db::Params p{id};
  const std::string scope = db::ScopeCondition(caller.view, "g.path", p);
  SL_ASSIGN_OR_RETURN(auto row,
                      tx.QueryOne(std::string(kGroupSelect) + "g.id = ? AND " + scope, p));
  if (!row) return Error::NotFound("region_not_found");
  return GroupOf(*row);
}

const RowOf& GroupRowOf() {
  static const RowOf k = [](db::Tx& tx, const Caller& caller, int64_t id) -> Result<RowCells> {
    SL_ASSIGN_OR_RETURN(GroupRow g, LoadGroup(tx, caller, id));
    return CellTexts(GroupCells(g));
  };
  return k;
}

struct GroupFilter {
  std::string region;
};

Result<GroupFilter> ParseGroupFilter(const Request& r) {
  return GroupFilter{QueryText(r, "region")};
}

Status ForEachGroup(db::Tx& tx, const Caller& caller, const GroupFilter& f,
                    const std::function<Status(const GroupRow&)>& fn) {
  db::Params p;
  std::string where = db::ScopeCondition(caller.view, "g.path", p);
  if (!f.region.empty()) {
    SL_ASSIGN_OR_RETURN(auto place, regions::FindByCode(tx, f.region));
    if (!place) return Error::BadRequest("bad_query", {"region"});
    where += " AND g.path >= ? AND g.path < ?";
    p.push_back(place->path);
    p.push_back(db::PrefixUpperBound(place->path));
  }
  return tx.ForEach(std::string(kGroupSelect) + where + " ORDER BY g.path", p,
                    [&](const db::Row& r) { return fn(GroupOf(r)); });
}

Result<std::optional<RowOutcome>> ApplyGroup(db::Tx& tx, const Caller& caller, Resolver& resolve,
                                             const RowView& row, Problems& problems) {
  regions::GroupInput in;
  in.name = row.Get("name");
  if (!in.name) problems.emplace_back("name", Text{"field_required", {}});
  if (auto state = row.Get("state")) {
    std::optional<std::string> choice = *state;
    store::Fields errors;
    store::CheckChoice(choice, GroupStates(), "state", errors);
    if (!errors.empty())
      problems.emplace_back("state", errors.begin()->second);
    else
      in.retired = choice == "retired";
  }
  std::optional<std::string> village;
  SL_TRY(RegionColumn(resolve, row, village, problems));
  std::optional<regions::Region> place;
  if (village) {
    SL_ASSIGN_OR_RETURN(place, regions::FindByCode(tx, *village));
    if (!place || place->level != "village") {
      problems.emplace_back("region", Text{"group_village_only", {}});
      place.reset();
    }
  }
  if (!problems.empty()) return std::optional<RowOutcome>();
  std::optional<int64_t> existing;
  if (!ById(
          row, [&](int64_t id) { return LoadGroup(tx, caller, id).ok(); }, existing, problems))
    return std::optional<RowOutcome>();
  // Without its 编号, a group of the village in use with the same name is that group.
  if (!existing) {
    SL_ASSIGN_OR_RETURN(auto groups, regions::ListGroups(tx, caller, place->code));
    for (const auto& g : groups)
      if (g.name == *in.name && !g.retired_on) existing = g.id;
  }
  const auto code_of = [&](int64_t id) -> Result<std::string> {
    SL_ASSIGN_OR_RETURN(GroupRow g, LoadGroup(tx, caller, id));
    return g.code;
  };
  return Upsert(
      tx, caller, GroupColumns(), GroupRowOf(), existing, *in.name,
      [&]() -> Result<regions::Region> {
        regions::GroupInput add{in.name, std::nullopt};
        SL_ASSIGN_OR_RETURN(regions::Region made,
                            regions::CreateGroup(tx, caller, place->code, add));
        if (in.retired.value_or(false)) return regions::UpdateGroup(tx, caller, made.code, in);
        return made;
      },
      [&](int64_t id, bool* changed) -> Result<regions::Region> {
        SL_ASSIGN_OR_RETURN(GroupRow before, LoadGroup(tx, caller, id));
        if (before.village.code != place->code) {
          Error e = Error::Invalid({{"region", Text{"group_village_fixed", {}}}});
          return e;
        }
        SL_ASSIGN_OR_RETURN(std::string code, code_of(id));
        SL_ASSIGN_OR_RETURN(regions::Region after, regions::UpdateGroup(tx, caller, code, in));
        *changed = after.name != before.name || after.retired_on.has_value() != before.retired;
        return after;
      },
      problems);
}

}  // namespace

SheetKind GroupSheetKind() {
  return {"groups",
          auth::kRegionsRead,
          regions::kGroupsWrite,
          GroupColumns,
          {},
          EachRow(ApplyGroup),
          regions::RemoveNewGroup,
          WriteList(ParseGroupFilter, ForEachGroup, GroupCells)};
}

}  // namespace sl::registry
