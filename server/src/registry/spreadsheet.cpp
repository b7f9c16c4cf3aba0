#include "registry/spreadsheet.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/date.hpp"
#include "core/json.hpp"
#include "db/scope.hpp"
#include "io/xlsx_writer.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "registry/validators.hpp"
#include "text/text.hpp"

namespace sl::registry {

namespace {

// A column of a sheet: the API field it feeds (for error messages), its
// headers, whether it is required, its choices (for drop-downs and labels),
// an example value and a line for the instructions sheet.
struct Column {
  const char* key;
  const char* zh_cn;
  const char* zh_tw;
  const char* en;
  bool required;
  const std::vector<Choice>& (*choices)();
  const char* example;
  const char* note;
};

constexpr const char* kIdHeader = "编号";

const std::vector<Column>& PeopleColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "",
       "系统编号：导出的文件带有编号，导入时按编号更新；新增人员留空"},
      {"name", "姓名", "姓名", "Name", true, nullptr, "张三", "必填，最多 50 个字"},
      {"gender", "性别", "性別", "Gender", false, Genders, "男", "男 / 女；填写身份证号码时可不填"},
      {"birth_date", "出生日期", "出生日期", "Birth date", false, nullptr, "1980-05-02",
       "如 1980-05-02；填写身份证号码时可不填"},
      {"phone", "手机号码", "手機號碼", "Phone", false, nullptr, "13800001234",
       "手机号或带区号的座机号"},
      {"id_card", "身份证号码", "身分證號碼", "ID card", false, nullptr, "",
       "18 位，校验位会被核对；只保存加密摘要和遮蔽后的号码"},
      {"region", "所属区划", "所屬區劃", "Region", true, nullptr, "",
       "从下拉列表选择，或填写区划代码"},
      {"tags", "标签", "標籤", "Tags", false, Tags, "致富能手",
       "可填多个，用顿号分隔：致富能手、种养殖能人、返乡创业、企业家"},
      {"party_stage", "政治面貌", "政治面貌", "Party stage", false, PartyStages, "",
       "入党申请人、入党积极分子、发展对象、预备党员、正式党员；群众留空"},
      {"party_stage_since", "政治面貌起始日期", "政治面貌起始日期", "Stage since", false, nullptr,
       "", "填写政治面貌时必填"},
      {"notes", "备注", "備註", "Notes", false, nullptr, "", "最多 500 个字"},
  };
  return k;
}

const std::vector<Column>& OrganizationColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "", "系统编号；新增组织留空"},
      {"name", "组织名称", "組織名稱", "Name", true, nullptr, "示例村党支部", "必填"},
      {"kind", "类型", "類型", "Kind", true, OrganizationKinds, "党支部",
       "党委、党支部、商会、村集体经济组织"},
      {"region", "所属区划", "所屬區劃", "Region", true, nullptr, "", "从下拉列表选择"},
      {"parent", "上级组织", "上級組織", "Parent", false, nullptr, "",
       "上级组织的名称（同一范围内唯一时）或“名称（编号）”"},
      {"founded_on", "成立日期", "成立日期", "Founded", false, nullptr, "2022-03-18", ""},
  };
  return k;
}

const std::vector<Column>& EnterpriseColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "", "系统编号；新增企业留空"},
      {"name", "企业名称", "企業名稱", "Name", true, nullptr, "示例农业发展有限公司", "必填"},
      {"uscc", "统一社会信用代码", "統一社會信用代碼", "Credit code", true, nullptr, "",
       "18 位，校验位会被核对"},
      {"legal_representative", "法定代表人", "法定代表人", "Legal representative", false, nullptr,
       "", "人员姓名（范围内唯一时）或“姓名（编号）”；须先在人员台账中登记"},
      {"industry", "行业", "行業", "Industry", true, Industries, "农、林、牧、渔业",
       "国民经济行业门类，从下拉列表选择"},
      {"registered_capital", "注册资本（万元）", "註冊資本（萬元）", "Capital (10k yuan)", false,
       nullptr, "50", "单位万元，可有两位小数"},
      {"region", "所属区划", "所屬區劃", "Region", true, nullptr, "", "从下拉列表选择"},
      {"founded_on", "成立日期", "成立日期", "Founded", false, nullptr, "2016-04-12", ""},
  };
  return k;
}

const std::vector<Column>& MembershipColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "", "系统编号；新增会员留空"},
      {"chamber", "商会", "商會", "Chamber", true, nullptr, "", "商会名称或“名称（编号）”"},
      {"person", "会员", "會員", "Member", true, nullptr, "",
       "人员姓名（范围内唯一时）或“姓名（编号）”；须先在人员台账中登记"},
      {"enterprise", "企业", "企業", "Enterprise", false, nullptr, "",
       "企业名称、统一社会信用代码或“名称（编号）”"},
      {"post", "职务", "職務", "Post", true, ChamberPosts, "会员", "会长、副会长、理事、会员"},
      {"joined_on", "入会日期", "入會日期", "Joined", true, nullptr, "2022-03-18", ""},
      {"left_on", "退会日期", "退會日期", "Left", false, nullptr, "", "仍在会的留空"},
      {"dues_status", "会费", "會費", "Dues", true, DuesStatuses, "已缴", "已缴、未缴、免缴"},
  };
  return k;
}

const std::vector<Column>& ColumnsOf(SheetKind kind) {
  switch (kind) {
    case SheetKind::kPeople:
      return PeopleColumns();
    case SheetKind::kOrganizations:
      return OrganizationColumns();
    case SheetKind::kEnterprises:
      return EnterpriseColumns();
    case SheetKind::kMemberships:
      break;
  }
  return MembershipColumns();
}

const char* Header(const Column& c, Lang lang) {
  return lang == Lang::kZhTW ? c.zh_tw : lang == Lang::kEn ? c.en : c.zh_cn;
}

std::string Trim(std::string s) {
  // ASCII whitespace and the ideographic space.
  auto strip = [&](bool front) {
    for (;;) {
      if (s.empty()) return;
      if (front) {
        if (s.rfind("\xE3\x80\x80", 0) == 0) {
          s.erase(0, 3);
          continue;
        }
        if (std::isspace(static_cast<unsigned char>(s.front()))) {
          s.erase(0, 1);
          continue;
        }
      } else {
        if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE3\x80\x80") == 0) {
          s.resize(s.size() - 3);
          continue;
        }
        if (std::isspace(static_cast<unsigned char>(s.back()))) {
          s.pop_back();
          continue;
        }
      }
      return;
    }
  };
  strip(true);
  strip(false);
  return s;
}

// "曾进龙（12）" or "曾进龙(12)" -> {"曾进龙", 12}.
std::pair<std::string, std::optional<std::string>> SplitRef(const std::string& cell) {
  for (const auto& [open, close] : {std::pair<std::string, std::string>{"（", "）"}, {"(", ")"}}) {
    if (cell.size() > close.size() &&
        cell.compare(cell.size() - close.size(), close.size(), close) == 0) {
      const size_t at = cell.rfind(open);
      if (at != std::string::npos) {
        const std::string inner =
            cell.substr(at + open.size(), cell.size() - close.size() - at - open.size());
        return {Trim(cell.substr(0, at)), Trim(inner)};
      }
    }
  }
  return {cell, std::nullopt};
}

std::string RefCell(const std::string& name, const std::string& id) {
  return name + "（" + id + "）";
}

// Resolves named references within the caller's scope; caches lookups per import.
class Resolver {
 public:
  Resolver(db::Tx& tx, const Caller& caller) : tx_(tx), caller_(caller) {}

  // A region given as "名称（代码）", a code, or a name unique within the capture scope.
  Result<std::optional<std::string>> Region(const std::string& cell, Text& problem) {
    auto [name, code] = SplitRef(cell);
    if (code && !regions::LevelOfCode(*code).empty()) return std::optional<std::string>(*code);
    if (!regions::LevelOfCode(cell).empty()) return std::optional<std::string>(cell);
    auto hit = regions_.find(cell);
    if (hit != regions_.end()) {
      problem = hit->second.second;
      return hit->second.first;
    }
    db::Params params{name};
    const std::string cond = db::ScopeCondition(caller_.capture, "path", params);
    SL_ASSIGN_OR_RETURN(
        auto rows,
        tx_.Query("SELECT code FROM region WHERE name = ? AND " + cond + " LIMIT 2", params));
    std::optional<std::string> out;
    if (rows.size() == 1) out = rows[0].Str(0);
    problem = rows.empty() ? Text{"sheet_region_unknown", {name}} : Text{"sheet_ambiguous", {name}};
    regions_[cell] = {out, problem};
    return out;
  }

  // A person, organization or enterprise by "名称（编号）" or a unique name
  // within the caller's view scope. `table`/`extra` choose the kind.
  Result<std::optional<int64_t>> Record(const std::string& table, const std::string& extra,
                                        const std::string& cell, Text& problem) {
    auto [name, id] = SplitRef(cell);
    db::Params params;
    std::string sql = "SELECT id FROM " + table + " WHERE deleted_at IS NULL" + extra + " AND ";
    if (id && ParseInt(*id)) {
      sql += "id = ?";
      params.emplace_back(*ParseInt(*id));
    } else {
      sql += "name = ?";
      params.emplace_back(cell);
    }
    sql += " AND " + db::ScopeCondition(caller_.view, "region_path", params) + " LIMIT 2";
    SL_ASSIGN_OR_RETURN(auto rows, tx_.Query(sql, params));
    if (rows.size() == 1) return std::optional<int64_t>(rows[0].Int(0));
    problem = rows.empty() ? Text{"sheet_not_found", {cell}} : Text{"sheet_ambiguous", {cell}};
    return std::optional<int64_t>();
  }

 private:
  db::Tx& tx_;
  const Caller& caller_;
  // Each cell's answer and, when it failed, why (repeated for every row).
  std::map<std::string, std::pair<std::optional<std::string>, Text>> regions_;
};

// One row's cells by column key.
class RowView {
 public:
  RowView(const std::vector<Column>& columns, const std::vector<int>& positions,
          const std::vector<std::string>& cells)
      : columns_(columns), positions_(positions), cells_(cells) {}
  // Whether the sheet has the column at all.
  bool Has(const char* key) const {
    for (size_t i = 0; i < columns_.size(); ++i)
      if (std::string_view(columns_[i].key) == key) return positions_[i] >= 0;
    return false;
  }
  // The trimmed cell of a column, nullopt when the column is absent or blank.
  std::optional<std::string> Get(const char* key) const {
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (std::string_view(columns_[i].key) != key) continue;
      const int pos = positions_[i];
      if (pos < 0 || static_cast<size_t>(pos) >= cells_.size()) return std::nullopt;
      std::string v = Trim(cells_[pos]);
      if (v.empty()) return std::nullopt;
      return v;
    }
    return std::nullopt;
  }

 private:
  const std::vector<Column>& columns_;
  const std::vector<int>& positions_;
  const std::vector<std::string>& cells_;
};

// Splits "致富能手、企业家" on 、，, and ;.
std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t = Trim(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "、") == 0 || s.compare(i, 3, "，") == 0 || s.compare(i, 3, "；") == 0) {
      flush();
      i += 3;
    } else if (s[i] == ',' || s[i] == ';') {
      flush();
      ++i;
    } else {
      cur.push_back(s[i++]);
    }
  }
  flush();
  return out;
}

// 万元 with up to two decimals -> fen.
std::optional<int64_t> WanToFen(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  const size_t dot = s.find('.');
  auto whole = ParseInt(s.substr(0, dot));
  if (!whole || *whole < 0 || *whole > 1'000'000'000) return std::nullopt;
  int64_t fen = *whole * 1'000'000;
  if (dot != std::string::npos) {
    std::string frac = s.substr(dot + 1);
    while (frac.size() > 2 && frac.back() == '0') frac.pop_back();
    if (frac.empty() || frac.size() > 6 || !ParseInt(frac)) return std::nullopt;
    // 0.01 万元 = 100 yuan = 10,000 fen; keep to the fen.
    while (frac.size() < 6) frac.push_back('0');
    fen += *ParseInt(frac);
  }
  return fen;
}

std::string FenToWan(int64_t fen) {
  char buf[40];
  if (fen % 1'000'000 == 0) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(fen / 1'000'000));
  } else {
    std::snprintf(buf, sizeof buf, "%lld.%06lld", static_cast<long long>(fen / 1'000'000),
                  static_cast<long long>(fen % 1'000'000));
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    return s;
  }
  return buf;
}

struct RowOutcome {
  enum { kCreated, kUpdated, kUnchanged } what = kUnchanged;
};

using Problems = std::vector<std::pair<std::string, Text>>;  // column key, message

// Maps an operation's error to problems by column.
void Collect(const Error& e, Problems& problems) {
  if (e.code == ErrorCode::kInvalid) {
    for (const auto& [field, text] : e.fields) problems.emplace_back(field, text);
  } else {
    problems.emplace_back("", e.message);
  }
}

// Creates the record when there is none yet, else updates it; a failure
// becomes the row's problems.
template <class Create, class Update>
std::optional<RowOutcome> Upsert(const std::optional<int64_t>& existing, Create&& create,
                                 Update&& update, Problems& problems) {
  if (!existing) {
    auto created = create();
    if (!created.ok()) {
      Collect(created.error(), problems);
      return std::nullopt;
    }
    return RowOutcome{RowOutcome::kCreated};
  }
  bool changed = false;
  auto updated = update(*existing, &changed);
  if (!updated.ok()) {
    Collect(updated.error(), problems);
    return std::nullopt;
  }
  return RowOutcome{changed ? RowOutcome::kUpdated : RowOutcome::kUnchanged};
}

// The 编号 column: a record the caller sees, or a problem.
template <class Get>
bool ById(const RowView& row, Get&& visible, std::optional<int64_t>& existing, Problems& problems) {
  auto id = row.Get("id");
  if (!id) return true;
  auto n = ParseInt(*id);
  if (!n || !visible(*n)) {
    problems.emplace_back("id", Text{"sheet_not_found", {*id}});
    return false;
  }
  existing = n;
  return true;
}

// The region column, resolved within the caller's capture scope.
Status RegionColumn(Resolver& resolve, const RowView& row, std::optional<std::string>& region,
                    Problems& problems) {
  auto cell = row.Get("region");
  if (!cell) {
    problems.emplace_back("region", Text{"field_required", {}});
    return OkStatus();
  }
  Text problem;
  SL_ASSIGN_OR_RETURN(region, resolve.Region(*cell, problem));
  if (!region) problems.emplace_back("region", problem);
  return OkStatus();
}

// --- per kind: one row in, one record out -------------------------------------

// A people row read from its cells, before it is matched to a record.
struct PersonRow {
  int64_t number = 0;  // the row in the file
  PersonInput in;
  std::optional<std::string> id, stage, since;  // id: the 编号 cell
};

// Reads the cells of a people row; false (with problems) when the row cannot
// be matched to a record.
Result<bool> ReadPerson(Resolver& resolve, const RowView& row, Problems& problems, PersonRow& out) {
  PersonInput& in = out.in;
  in.name = row.Get("name");
  if (!in.name) problems.emplace_back("name", Text{"field_required", {}});
  in.gender = row.Get("gender");
  in.birth_date = row.Get("birth_date");
  in.phone = row.Get("phone");
  in.id_card = row.Get("id_card");
  in.notes = row.Get("notes");
  // A present but blank tag column clears the tags; an absent one leaves them.
  if (row.Has("tags")) in.tags = SplitList(row.Get("tags").value_or(""));
  out.id = row.Get("id");
  out.stage = row.Get("party_stage");
  out.since = row.Get("party_stage_since");
  SL_TRY(RegionColumn(resolve, row, in.region, problems));
  return problems.empty();
}

// An exported, masked number identifies nobody: it leaves the card alone.
bool Masked(const std::optional<std::string>& cell) {
  return cell && cell->find('*') != std::string::npos;
}

// Matches a read row to a person by natural key and creates or updates it.
Result<std::optional<RowOutcome>> ApplyPerson(db::Tx& tx, const Caller& caller, PersonRow& r,
                                              Problems& problems) {
  PersonInput& in = r.in;
  const auto& stage = r.stage;
  const auto& since = r.since;
  // Natural key: the system id, the ID card, then name + region + birth date.
  std::optional<int64_t> existing;
  if (r.id) {
    auto n = ParseInt(*r.id);
    if (!n || !GetPerson(tx, caller.view, *n).ok()) {
      problems.emplace_back("id", Text{"sheet_not_found", {*r.id}});
      return std::optional<RowOutcome>();
    }
    existing = n;
  }
  SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, *in.region));
  if (!existing && in.id_card) {
    if (Masked(in.id_card)) {
      in.id_card.reset();
    } else {
      SL_ASSIGN_OR_RETURN(existing, FindPersonByIdCard(tx, *in.id_card));
    }
  }
  if (!existing && region) {
    SL_ASSIGN_OR_RETURN(existing, FindPersonByNameRegion(tx, *in.name, region->id, in.birth_date));
  }
  if (in.id_card && in.id_card->find('*') != std::string::npos) in.id_card.reset();
  if (in.phone && in.phone->find('*') != std::string::npos) in.phone.reset();

  if (!existing) {
    if (stage) {
      in.stage = stage;
      in.stage_since = since;
      if (!since) problems.emplace_back("party_stage_since", Text{"field_required", {}});
    }
    if (!problems.empty()) return std::optional<RowOutcome>();
    auto created = CreatePerson(tx, caller, in);
    if (!created.ok()) {
      Collect(created.error(), problems);
      return std::optional<RowOutcome>();
    }
    return std::optional<RowOutcome>(RowOutcome{RowOutcome::kCreated});
  }
  bool changed = false;
  auto updated = UpdatePerson(tx, caller, *existing, in, &changed);
  if (!updated.ok()) {
    Collect(updated.error(), problems);
    return std::optional<RowOutcome>();
  }
  // A different stage in the sheet is the next step of the pipeline.
  const std::string current = updated->party_stage ? updated->party_stage->stage : "";
  if (stage) {
    auto id = ChoiceId(PartyStages(), *stage);
    if (!id) {
      problems.emplace_back(
          "party_stage",
          Text{"field_choice", {"入党申请人、入党积极分子、发展对象、预备党员、正式党员"}});
      return std::optional<RowOutcome>();
    }
    if (*id != current) {
      if (!since) {
        problems.emplace_back("party_stage_since", Text{"field_required", {}});
        return std::optional<RowOutcome>();
      }
      auto moved = ChangePartyStage(tx, caller, *existing, StageInput{*id, *since, std::nullopt});
      if (!moved.ok()) {
        Collect(moved.error(), problems);
        return std::optional<RowOutcome>();
      }
      changed = true;
    }
  }
  return std::optional<RowOutcome>(
      RowOutcome{changed ? RowOutcome::kUpdated : RowOutcome::kUnchanged});
}

Result<std::optional<RowOutcome>> ApplyOrganization(db::Tx& tx, const Caller& caller,
                                                    Resolver& resolve, const RowView& row,
                                                    Problems& problems) {
  OrganizationInput in;
  in.name = row.Get("name");
  in.kind = row.Get("kind");
  in.founded_on = row.Get("founded_on");
  if (!in.name) problems.emplace_back("name", Text{"field_required", {}});
  if (!in.kind) problems.emplace_back("kind", Text{"field_required", {}});
  SL_TRY(RegionColumn(resolve, row, in.region, problems));
  if (auto parent = row.Get("parent")) {
    Text problem;
    SL_ASSIGN_OR_RETURN(in.parent, resolve.Record("organization", "", *parent, problem));
    if (!in.parent) problems.emplace_back("parent", problem);
  } else {
    in.parent = 0;
  }
  if (!problems.empty()) return std::optional<RowOutcome>();
  std::optional<int64_t> existing;
  if (!ById(
          row, [&](int64_t id) { return GetOrganization(tx, caller.view, id).ok(); }, existing,
          problems))
    return std::optional<RowOutcome>();
  if (!existing) {
    SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, *in.region));
    auto kind = ChoiceId(OrganizationKinds(), *in.kind);
    if (region && kind) {
      SL_ASSIGN_OR_RETURN(existing, FindOrganization(tx, *kind, *in.name, region->id));
    }
  }
  return Upsert(
      existing, [&] { return CreateOrganization(tx, caller, in); },
      [&](int64_t id, bool* changed) { return UpdateOrganization(tx, caller, id, in, changed); },
      problems);
}

Result<std::optional<RowOutcome>> ApplyEnterprise(db::Tx& tx, const Caller& caller,
                                                  Resolver& resolve, const RowView& row,
                                                  Problems& problems) {
  EnterpriseInput in;
  in.name = row.Get("name");
  in.uscc = row.Get("uscc");
  in.industry = row.Get("industry");
  in.founded_on = row.Get("founded_on");
  if (!in.name) problems.emplace_back("name", Text{"field_required", {}});
  if (!in.uscc) problems.emplace_back("uscc", Text{"field_required", {}});
  if (!in.industry) problems.emplace_back("industry", Text{"field_required", {}});
  if (auto capital = row.Get("registered_capital")) {
    in.registered_capital_fen = WanToFen(*capital);
    if (!in.registered_capital_fen)
      problems.emplace_back("registered_capital", Text{"sheet_money", {}});
  }
  SL_TRY(RegionColumn(resolve, row, in.region, problems));
  if (auto rep = row.Get("legal_representative")) {
    Text problem;
    SL_ASSIGN_OR_RETURN(in.legal_representative, resolve.Record("person", "", *rep, problem));
    if (!in.legal_representative) problems.emplace_back("legal_representative", problem);
  } else {
    in.legal_representative = 0;
  }
  if (!problems.empty()) return std::optional<RowOutcome>();
  std::optional<int64_t> existing;
  if (!ById(
          row, [&](int64_t id) { return GetEnterprise(tx, caller.view, id).ok(); }, existing,
          problems))
    return std::optional<RowOutcome>();
  if (!existing) {
    if (auto code = ParseUscc(*in.uscc); code.ok()) {
      SL_ASSIGN_OR_RETURN(existing, FindEnterpriseByUscc(tx, code->code));
    }
  }
  return Upsert(
      existing, [&] { return CreateEnterprise(tx, caller, in); },
      [&](int64_t id, bool* changed) { return UpdateEnterprise(tx, caller, id, in, changed); },
      problems);
}

Result<std::optional<RowOutcome>> ApplyMembership(db::Tx& tx, const Caller& caller,
                                                  Resolver& resolve, const RowView& row,
                                                  Problems& problems) {
  MembershipInput in;
  in.post = row.Get("post");
  in.joined_on = row.Get("joined_on");
  in.left_on = row.Get("left_on");
  in.dues_status = row.Get("dues_status");
  for (const char* key : {"post", "joined_on", "dues_status"})
    if (!row.Get(key)) problems.emplace_back(key, Text{"field_required", {}});
  Text problem;
  if (auto chamber = row.Get("chamber")) {
    SL_ASSIGN_OR_RETURN(in.chamber,
                        resolve.Record("organization", " AND kind = 'chamber'", *chamber, problem));
    if (!in.chamber) problems.emplace_back("chamber", problem);
  } else {
    problems.emplace_back("chamber", Text{"field_required", {}});
  }
  if (auto person = row.Get("person")) {
    SL_ASSIGN_OR_RETURN(in.person, resolve.Record("person", "", *person, problem));
    if (!in.person) problems.emplace_back("person", problem);
  } else {
    problems.emplace_back("person", Text{"field_required", {}});
  }
  if (auto firm = row.Get("enterprise")) {
    // A credit code names the enterprise directly.
    if (auto code = ParseUscc(*firm); code.ok()) {
      SL_ASSIGN_OR_RETURN(in.enterprise, FindEnterpriseByUscc(tx, code->code));
      if (!in.enterprise) problems.emplace_back("enterprise", Text{"sheet_not_found", {*firm}});
    } else {
      SL_ASSIGN_OR_RETURN(in.enterprise, resolve.Record("enterprise", "", *firm, problem));
      if (!in.enterprise) problems.emplace_back("enterprise", problem);
    }
  } else {
    in.enterprise = 0;
  }
  if (!problems.empty()) return std::optional<RowOutcome>();
  std::optional<int64_t> existing;
  if (!ById(
          row, [&](int64_t id) { return GetMembership(tx, caller.view, id).ok(); }, existing,
          problems))
    return std::optional<RowOutcome>();
  if (!existing) {
    SL_ASSIGN_OR_RETURN(existing, FindOpenMembership(tx, *in.chamber, *in.person));
  }
  // A blank 退会日期 on an existing member means still a member.
  if (existing && !in.left_on) in.left_on = std::string();
  return Upsert(
      existing, [&] { return CreateMembership(tx, caller, in); },
      [&](int64_t id, bool* changed) { return UpdateMembership(tx, caller, id, in, changed); },
      problems);
}

// Which column each header names; -1 for absent columns.
std::vector<int> MatchHeaders(const std::vector<Column>& columns,
                              const std::vector<std::string>& headers) {
  std::vector<int> positions(columns.size(), -1);
  for (size_t h = 0; h < headers.size(); ++h) {
    std::string cell = Trim(headers[h]);
    while (!cell.empty() && (cell.back() == '*')) cell.pop_back();
    if (cell.size() >= 3 && cell.compare(cell.size() - 3, 3, "＊") == 0)
      cell.resize(cell.size() - 3);
    cell = Trim(cell);
    const std::string folded = text::Fold(cell);
    for (size_t c = 0; c < columns.size(); ++c) {
      const auto& col = columns[c];
      if (positions[c] >= 0) continue;
      if (cell == col.zh_cn || cell == col.zh_tw || folded == text::Fold(col.en) ||
          folded == text::Fold(col.zh_cn) || cell == col.key)
        positions[c] = static_cast<int>(h);
    }
  }
  return positions;
}

std::string ColumnHeader(const std::vector<Column>& columns, const std::string& key, Lang lang) {
  for (const auto& c : columns)
    if (key == c.key) return Header(c, lang);
  // Fields the operations name that are not columns of their own.
  if (key == "registered_capital_fen") return ColumnHeader(columns, "registered_capital", lang);
  if (key == "since" || key == "stage") return ColumnHeader(columns, "party_stage", lang);
  return "";
}

}  // namespace

std::optional<SheetKind> SheetKindFromName(std::string_view name) {
  if (name == "people") return SheetKind::kPeople;
  if (name == "organizations") return SheetKind::kOrganizations;
  if (name == "enterprises") return SheetKind::kEnterprises;
  if (name == "memberships") return SheetKind::kMemberships;
  return std::nullopt;
}

std::string_view SheetKindName(SheetKind kind) {
  switch (kind) {
    case SheetKind::kPeople:
      return "people";
    case SheetKind::kOrganizations:
      return "organizations";
    case SheetKind::kEnterprises:
      return "enterprises";
    case SheetKind::kMemberships:
      break;
  }
  return "memberships";
}

const char* WritePermission(SheetKind kind) {
  switch (kind) {
    case SheetKind::kPeople:
      return kPeopleWrite;
    case SheetKind::kOrganizations:
      return kOrganizationsWrite;
    case SheetKind::kEnterprises:
      return kEnterprisesWrite;
    case SheetKind::kMemberships:
      break;
  }
  return kMembershipsWrite;
}

const char* ReadPermission(SheetKind kind) {
  switch (kind) {
    case SheetKind::kPeople:
      return kPeopleRead;
    case SheetKind::kOrganizations:
      return kOrganizationsRead;
    case SheetKind::kEnterprises:
      return kEnterprisesRead;
    case SheetKind::kMemberships:
      break;
  }
  return kMembershipsRead;
}

// The rows of a people import, taken kBatch at a time: their natural keys are
// looked up together, and the rows that match nothing on file and no earlier
// row of the batch are created together (CreatePeople). Every other row —
// with a system id, a card or name already on file, or a key an earlier row
// of the batch has — goes through ApplyPerson one by one, after the rows
// before it, so the outcome is the same as importing row by row.
class PeopleBatch {
 public:
  using Settle = std::function<void(int64_t row, const Problems&, std::optional<RowOutcome>)>;
  static constexpr size_t kBatch = 1000;

  PeopleBatch(db::Tx& tx, const Caller& caller, Settle settle)
      : tx_(tx), caller_(caller), settle_(std::move(settle)) {}

  Status Add(PersonRow row) {
    rows_.push_back(std::move(row));
    return rows_.size() >= kBatch ? Flush() : OkStatus();
  }

  Status Flush() {
    if (rows_.empty()) return OkStatus();
    // The lookups below are planned from statistics; on PostgreSQL those of a
    // table growing inside this transaction go stale (an index scan becomes
    // a filter over every row so far). Refresh them as the import doubles.
    flushed_ += rows_.size();
    if (flushed_ >= next_analyze_) {
      SL_TRY(tx_.RefreshStatistics("person"));
      next_analyze_ *= 2;
    }
    std::vector<std::string> cards;
    std::vector<std::pair<int64_t, std::string>> names;
    std::vector<int64_t> region_ids(rows_.size(), 0);
    for (size_t i = 0; i < rows_.size(); ++i) {
      const PersonRow& r = rows_[i];
      if (r.in.id_card && !Masked(r.in.id_card)) cards.push_back(*r.in.id_card);
      SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx_, *r.in.region));
      if (region) {
        region_ids[i] = region->id;
        names.emplace_back(region->id, *r.in.name);
      }
    }
    SL_ASSIGN_OR_RETURN(PeopleOnFile on_file, FindPeopleOnFile(tx_, cards, names));
    std::set<std::string> seen_cards;
    std::set<std::pair<int64_t, std::string>> seen_names;
    for (size_t i = 0; i < rows_.size(); ++i) {
      PersonRow& r = rows_[i];
      std::optional<std::string> card;
      if (r.in.id_card && !Masked(r.in.id_card)) {
        auto parsed = ParseIdCard(*r.in.id_card);
        if (parsed.ok()) card = parsed->number;
      }
      const std::pair<int64_t, std::string> name{region_ids[i], *r.in.name};
      const bool one_by_one =
          r.id || region_ids[i] == 0 || (card && on_file.id_cards.count(*card)) ||
          on_file.names.count(name) || (card && seen_cards.count(*card)) || seen_names.count(name);
      if (card) seen_cards.insert(*card);
      seen_names.insert(name);
      if (one_by_one) {
        SL_TRY(CreatePending());
        Problems problems;
        SL_ASSIGN_OR_RETURN(auto outcome, ApplyPerson(tx_, caller_, r, problems));
        settle_(r.number, problems, outcome);
        continue;
      }
      Problems problems;
      if (r.stage) {
        r.in.stage = r.stage;
        r.in.stage_since = r.since;
        if (!r.since) problems.emplace_back("party_stage_since", Text{"field_required", {}});
      }
      if (Masked(r.in.id_card)) r.in.id_card.reset();
      if (Masked(r.in.phone)) r.in.phone.reset();
      if (!problems.empty()) {
        settle_(r.number, problems, std::nullopt);
        continue;
      }
      pending_.push_back(std::move(r));
    }
    rows_.clear();
    return CreatePending();
  }

 private:
  Status CreatePending() {
    if (pending_.empty()) return OkStatus();
    std::vector<PersonInput> inputs;
    inputs.reserve(pending_.size());
    for (const PersonRow& r : pending_) inputs.push_back(r.in);
    SL_ASSIGN_OR_RETURN(auto created, CreatePeople(tx_, caller_, inputs));
    for (size_t i = 0; i < pending_.size(); ++i) {
      Problems problems;
      if (!created[i].ok()) Collect(created[i].error(), problems);
      settle_(pending_[i].number, problems,
              created[i].ok() ? std::optional<RowOutcome>(RowOutcome{RowOutcome::kCreated})
                              : std::nullopt);
    }
    pending_.clear();
    return OkStatus();
  }

  db::Tx& tx_;
  const Caller& caller_;
  Settle settle_;
  std::vector<PersonRow> rows_, pending_;
  size_t flushed_ = 0, next_analyze_ = 4 * kBatch;
};

Result<ImportReport> ImportTable(db::Database& db, const Caller& caller, SheetKind kind,
                                 io::TableReader& table, const ImportOptions& options) {
  const auto& columns = ColumnsOf(kind);
  ImportReport report;
  auto add_error = [&](int64_t row, const std::string& column, const Text& message) {
    ++report.error_count;
    if (report.errors.size() < ImportReport::kMaxErrors)
      report.errors.push_back({row, column, Say(message, options.lang)});
  };

  io::TableRow header;
  SL_ASSIGN_OR_RETURN(bool any, table.Next(header));
  if (!any) {
    add_error(0, "", Text{"sheet_empty", {}});
    return report;
  }
  const std::vector<int> positions = MatchHeaders(columns, header.cells);
  for (size_t c = 0; c < columns.size(); ++c)
    if (columns[c].required && positions[c] < 0)
      add_error(header.number, Header(columns[c], options.lang),
                Text{"sheet_column_missing", {Header(columns[c], options.lang)}});
  if (report.error_count > 0) return report;

  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  Resolver resolve(*tx, caller);
  // A row's problems become errors; its outcome is counted.
  const auto settle = [&](int64_t number, const Problems& problems,
                          std::optional<RowOutcome> outcome) {
    for (const auto& [key, text] : problems)
      add_error(number, ColumnHeader(columns, key, options.lang), text);
    if (!problems.empty() || !outcome) return;
    switch (outcome->what) {
      case RowOutcome::kCreated:
        ++report.created;
        break;
      case RowOutcome::kUpdated:
        ++report.updated;
        break;
      case RowOutcome::kUnchanged:
        ++report.unchanged;
        break;
    }
  };
  PeopleBatch people(*tx, caller, settle);
  io::TableRow row;
  for (;;) {
    SL_ASSIGN_OR_RETURN(bool more, table.Next(row));
    if (!more) break;
    bool blank = true;
    for (const auto& cell : row.cells) blank = blank && Trim(cell).empty();
    if (blank) continue;
    // The template's example row, left in place, is not data.
    bool example = true;
    for (size_t c = 0; c < columns.size() && example; ++c) {
      const int pos = positions[c];
      const std::string cell = pos >= 0 && static_cast<size_t>(pos) < row.cells.size()
                                   ? Trim(row.cells[pos])
                                   : std::string();
      example = cell == columns[c].example;
    }
    if (example) continue;
    ++report.rows;
    if (options.progress && report.rows % 1000 == 0) options.progress(report.rows);
    RowView view(columns, positions, row.cells);
    Problems problems;
    Result<std::optional<RowOutcome>> outcome = std::optional<RowOutcome>();
    switch (kind) {
      case SheetKind::kPeople: {
        PersonRow person;
        person.number = row.number;
        SL_ASSIGN_OR_RETURN(bool readable, ReadPerson(resolve, view, problems, person));
        if (readable) {
          SL_TRY(people.Add(std::move(person)));
          continue;  // settled by the batch
        }
        break;
      }
      case SheetKind::kOrganizations:
        outcome = ApplyOrganization(*tx, caller, resolve, view, problems);
        break;
      case SheetKind::kEnterprises:
        outcome = ApplyEnterprise(*tx, caller, resolve, view, problems);
        break;
      case SheetKind::kMemberships:
        outcome = ApplyMembership(*tx, caller, resolve, view, problems);
        break;
    }
    if (!outcome.ok()) return std::move(outcome).error();  // the database failed: nothing kept
    settle(row.number, problems, *outcome);
  }
  SL_TRY(people.Flush());
  // Batched rows settle after the rows read between them: file order again.
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
  if (report.rows == 0 && report.error_count == 0)
    add_error(header.number, "", Text{"sheet_no_rows", {}});
  if (!options.dry_run && report.error_count == 0) SL_TRY(tx->Commit());
  return report;
}

Result<std::string> AnnotateTable(io::TableReader& table, const ImportReport& report) {
  std::map<int64_t, std::vector<const ImportError*>> by_row;
  for (const auto& e : report.errors) by_row[e.row].push_back(&e);
  return io::WriteXlsxToString(
      [&](io::XlsxWriter& book) -> Status {
        SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * sheet, book.AddSheet("导入结果"));
        io::TableRow row;
        bool first = true;
        std::vector<std::string> headers;
        for (;;) {
          SL_ASSIGN_OR_RETURN(bool more, table.Next(row));
          if (!more) break;
          if (first) {
            headers = row.cells;
            std::vector<std::string> titles = row.cells;
            titles.push_back("错误");
            SL_TRY(sheet->WriteHeader(titles));
            first = false;
            continue;
          }
          std::vector<io::XlsxCell> cells;
          for (const auto& c : row.cells) cells.push_back(io::XlsxCell::Text(c));
          cells.resize(std::max(cells.size(), headers.size()));
          std::string summary;
          auto it = by_row.find(row.number);
          if (it != by_row.end()) {
            for (const ImportError* e : it->second) {
              summary += (summary.empty() ? "" : "；") +
                         (e->column.empty() ? "" : e->column + "：") + e->message;
              for (size_t c = 0; c < headers.size(); ++c)
                if (!e->column.empty() && Trim(headers[c]).rfind(e->column, 0) == 0)
                  cells[c].MarkError(e->message);
            }
          }
          io::XlsxCell note = io::XlsxCell::Text(summary);
          if (!summary.empty()) note.MarkError();
          cells.push_back(note);
          SL_TRY(sheet->WriteRow(cells));
        }
        return OkStatus();
      },
      io::XlsxWriterOptions{false, ""});
}

Result<std::string> TemplateXlsx(db::Database& db, const Caller& caller, SheetKind kind,
                                 Lang lang) {
  const auto& columns = ColumnsOf(kind);
  // The regions a row may name: towns and villages of the capture scope.
  std::vector<std::string> region_choices;
  {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
    db::Params params;
    const std::string cond = db::ScopeCondition(caller.capture, "path", params);
    SL_ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT name, code FROM region WHERE level IN "
                                             "('county', 'town', 'village') AND " +
                                                 cond + " ORDER BY path LIMIT 3000",
                                             params));
    for (const auto& r : rows) region_choices.push_back(RefCell(r.Str(0), r.Str(1)));
  }
  return io::WriteXlsxToString(
      [&](io::XlsxWriter& book) -> Status {
        SL_ASSIGN_OR_RETURN(
            io::XlsxSheetWriter * sheet,
            book.AddSheet(Say(Text{"sheet_name_" + std::string(SheetKindName(kind)), {}}, lang)));
        std::vector<std::string> titles;
        std::vector<double> widths;
        std::vector<io::XlsxCell> example;
        for (const auto& c : columns) {
          titles.push_back(std::string(Header(c, lang)) + (c.required ? "*" : ""));
          widths.push_back(
              std::string_view(c.key) == "name" || std::string_view(c.key) == "region" ? 24 : 16);
          std::string value = c.example;
          if (std::string_view(c.key) == "region" && !region_choices.empty()) value = "";
          example.push_back(io::XlsxCell::Text(value));
        }
        SL_TRY(sheet->WriteHeader(titles));
        SL_TRY(sheet->SetColumnWidths(widths));
        SL_TRY(sheet->WriteRow(example));
        for (size_t i = 0; i < columns.size(); ++i) {
          const auto& c = columns[i];
          if (c.choices) {
            std::vector<std::string> values;
            for (const auto& choice : c.choices())
              values.emplace_back(lang == Lang::kZhTW ? choice.zh_tw
                                  : lang == Lang::kEn ? choice.en
                                                      : choice.zh_cn);
            SL_TRY(sheet->AddDropDown(static_cast<int>(i), 1, 10000, values,
                                      Say(Text{"sheet_choose", {}}, lang)));
          } else if (std::string_view(c.key) == "region" && !region_choices.empty()) {
            SL_TRY(sheet->AddDropDown(static_cast<int>(i), 1, 10000, region_choices,
                                      Say(Text{"sheet_choose", {}}, lang)));
          }
        }
        std::vector<std::string> help = {Say(Text{"sheet_help_intro", {}}, lang)};
        for (const auto& c : columns)
          help.push_back(std::string(Header(c, lang)) + (c.required ? "（必填）" : "") + "：" +
                         c.note);
        return book.AddInstructionsSheet(Say(Text{"sheet_help_name", {}}, lang), help);
      },
      io::XlsxWriterOptions{false, ""});
}

namespace {

std::string OptOr(const std::optional<std::string>& s) { return s.value_or(""); }

io::XlsxCell DateCell(const std::optional<std::string>& s) {
  return s && !s->empty() ? io::XlsxCell::FromIsoDate(*s) : io::XlsxCell();
}

Status WriteExport(db::Database& db, const Caller& caller, SheetKind kind, const Request& r,
                   io::XlsxWriter& book) {
  const auto& columns = ColumnsOf(kind);
  SL_ASSIGN_OR_RETURN(
      io::XlsxSheetWriter * sheet,
      book.AddSheet(Say(Text{"sheet_name_" + std::string(SheetKindName(kind)), {}}, r.lang)));
  std::vector<std::string> titles;
  for (const auto& c : columns)
    titles.push_back(std::string(Header(c, r.lang)) + (c.required ? "*" : ""));
  SL_TRY(sheet->WriteHeader(titles));
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  auto q = [&](const char* name) { return r.Query(name).value_or(""); };
  auto label = [&](const std::vector<Choice>& choices, const std::string& id) {
    return io::XlsxCell::Text(std::string(ChoiceLabel(choices, id)));
  };
  auto region_cell = [](const RegionRef& region) {
    return io::XlsxCell::Text(RefCell(region.name, region.code));
  };
  switch (kind) {
    case SheetKind::kPeople: {
      const bool phone = caller.Can(kPeoplePhone);
      return ForEachPerson(
          *tx, caller, {q("q"), q("region"), q("tag"), q("post"), q("party_stage"), q("sort")},
          [&](const Person& p) -> Status {
            std::string tags;
            for (const auto& t : p.tags)
              tags += (tags.empty() ? "" : "、") + std::string(ChoiceLabel(Tags(), t));
            return sheet->WriteRow(
                {io::XlsxCell::Integer(p.id), io::XlsxCell::Text(p.name),
                 p.gender ? label(Genders(), *p.gender) : io::XlsxCell(), DateCell(p.birth_date),
                 io::XlsxCell::Text(p.phone ? (phone ? *p.phone : MaskPhone(*p.phone)) : ""),
                 io::XlsxCell::Text(OptOr(p.id_card_masked)), region_cell(p.region),
                 io::XlsxCell::Text(tags),
                 p.party_stage ? label(PartyStages(), p.party_stage->stage) : io::XlsxCell(),
                 p.party_stage ? DateCell(p.party_stage->valid_from) : io::XlsxCell(),
                 io::XlsxCell::Text(p.notes)});
          });
    }
    case SheetKind::kOrganizations:
      return ForEachOrganization(
          *tx, caller, {q("q"), q("region"), q("kind")}, [&](const Organization& o) -> Status {
            return sheet->WriteRow({io::XlsxCell::Integer(o.id), io::XlsxCell::Text(o.name),
                                    label(OrganizationKinds(), o.kind), region_cell(o.region),
                                    o.parent ? io::XlsxCell::Text(RefCell(
                                                   o.parent->name, std::to_string(o.parent->id)))
                                             : io::XlsxCell(),
                                    DateCell(o.founded_on)});
          });
    case SheetKind::kEnterprises:
      return ForEachEnterprise(
          *tx, caller, {q("q"), q("region"), q("industry")}, [&](const Enterprise& e) -> Status {
            return sheet->WriteRow(
                {io::XlsxCell::Integer(e.id), io::XlsxCell::Text(e.name),
                 io::XlsxCell::Text(e.uscc),
                 e.legal_representative
                     ? io::XlsxCell::Text(RefCell(e.legal_representative->name,
                                                  std::to_string(e.legal_representative->id)))
                     : io::XlsxCell(),
                 label(Industries(), e.industry),
                 io::XlsxCell::Text(FenToWan(e.registered_capital_fen)), region_cell(e.region),
                 DateCell(e.founded_on)});
          });
    case SheetKind::kMemberships: {
      MembershipFilter f;
      f.q = q("q");
      f.region = q("region");
      f.date = q("date");
      f.all = q("all") == "true";
      f.chamber = ParseInt(q("chamber")).value_or(0);
      return ForEachMembership(*tx, caller, f, [&](const Membership& m) -> Status {
        return sheet->WriteRow(
            {io::XlsxCell::Integer(m.id),
             io::XlsxCell::Text(RefCell(m.chamber.name, std::to_string(m.chamber.id))),
             io::XlsxCell::Text(RefCell(m.person.name, std::to_string(m.person.id))),
             m.enterprise
                 ? io::XlsxCell::Text(RefCell(m.enterprise->name, std::to_string(m.enterprise->id)))
                 : io::XlsxCell(),
             label(ChamberPosts(), m.post), DateCell(m.joined_on), DateCell(m.left_on),
             label(DuesStatuses(), m.dues_status)});
      });
    }
  }
  return OkStatus();
}

}  // namespace

Result<std::string> ExportXlsx(db::Database& db, const Caller& caller, SheetKind kind,
                               const Request& filters) {
  return io::WriteXlsxToString(
      [&](io::XlsxWriter& book) { return WriteExport(db, caller, kind, filters, book); });
}

Status ExportXlsxFile(db::Database& db, const Caller& caller, SheetKind kind,
                      const Request& filters, const std::string& path) {
  SL_ASSIGN_OR_RETURN(auto book, io::XlsxWriter::Create(path));
  SL_TRY(WriteExport(db, caller, kind, filters, *book));
  return book->Close();
}

// Handlers ---------------------------------------------------------------------

namespace {

Result<SheetKind> KindParam(const Request& r, const std::string& value) {
  std::string name = value;
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".xlsx") == 0)
    name.resize(name.size() - 5);
  auto kind = SheetKindFromName(name);
  if (!kind) return Error::NotFound("not_found");
  return *kind;
}

Response XlsxResponse(std::string bytes, const std::string& filename) {
  Response r;
  r.raw_body = std::move(bytes);
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  // RFC 5987: the UTF-8 name, percent-encoded, and a plain ASCII fallback.
  std::string encoded;
  for (unsigned char c : filename) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"export.xlsx\"; filename*=UTF-8''" + encoded);
  return r;
}

std::string FileName(SheetKind kind, Lang lang, const char* suffix) {
  return Say(Text{"sheet_name_" + std::string(SheetKindName(kind)), {}}, lang) + suffix + ".xlsx";
}

Result<std::unique_ptr<io::TableReader>> OpenUpload(const Request& r) {
  if (r.body.empty()) return Error::BadRequest("sheet_no_file");
  const std::string filename =
      r.Query("filename")
          .value_or(r.content_type.find("csv") != std::string::npos ? "upload.csv" : "upload.xlsx");
  return io::OpenTableBytes(r.body, filename);
}

Json ReportJson(const ImportReport& report, bool dry_run) {
  Json errors = Json::array();
  for (const auto& e : report.errors)
    errors.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
  return Json{{"rows", report.rows},         {"created", report.created},
              {"updated", report.updated},   {"unchanged", report.unchanged},
              {"errors", std::move(errors)}, {"error_count", report.error_count},
              {"dry_run", dry_run},          {"saved", !dry_run && report.error_count == 0}};
}

}  // namespace

Result<Response> HandleTemplate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(SheetKind kind, KindParam(r, r.params.at("kind")));
  if (!r.caller->Can(WritePermission(kind)) && !r.caller->Can(ReadPermission(kind)))
    return Error::Forbidden("forbidden");
  SL_ASSIGN_OR_RETURN(std::string bytes, TemplateXlsx(db, *r.caller, kind, r.lang));
  return XlsxResponse(std::move(bytes), FileName(kind, r.lang, "导入模板"));
}

Result<Response> HandleImport(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(SheetKind kind, KindParam(r, r.Query("kind").value_or("")));
  if (!r.caller->Can(WritePermission(kind))) return Error::Forbidden("forbidden");
  const std::string dry = r.Query("dry_run").value_or("true");
  if (dry != "true" && dry != "false") return Error::BadRequest("bad_query", {"dry_run"});
  SL_ASSIGN_OR_RETURN(auto table, OpenUpload(r));
  ImportOptions options;
  options.dry_run = dry == "true";
  options.lang = r.lang;
  SL_ASSIGN_OR_RETURN(ImportReport report, ImportTable(db, *r.caller, kind, *table, options));
  return Response::Ok(ReportJson(report, options.dry_run));
}

Result<Response> HandleImportAnnotated(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(SheetKind kind, KindParam(r, r.Query("kind").value_or("")));
  if (!r.caller->Can(WritePermission(kind))) return Error::Forbidden("forbidden");
  SL_ASSIGN_OR_RETURN(auto table, OpenUpload(r));
  ImportOptions options;
  options.lang = r.lang;
  SL_ASSIGN_OR_RETURN(ImportReport report, ImportTable(db, *r.caller, kind, *table, options));
  SL_ASSIGN_OR_RETURN(auto again, OpenUpload(r));
  SL_ASSIGN_OR_RETURN(std::string bytes, AnnotateTable(*again, report));
  return XlsxResponse(std::move(bytes), FileName(kind, r.lang, "导入检查结果"));
}

Result<Response> HandleExport(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(SheetKind kind, KindParam(r, r.params.at("kind")));
  if (!r.caller->Can(ReadPermission(kind))) return Error::Forbidden("forbidden");
  SL_ASSIGN_OR_RETURN(std::string bytes, ExportXlsx(db, *r.caller, kind, r));
  return XlsxResponse(std::move(bytes), FileName(kind, r.lang, ""));
}

}  // namespace sl::registry
