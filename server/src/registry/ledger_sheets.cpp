// The registry's ledgers as sheets: organizations, enterprises and chamber
// memberships (people in people_sheet.cpp). Each row goes through the same
// operation as the form.

#include <set>

#include "core/money.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "registry/sheets.hpp"
#include "registry/validators.hpp"

namespace sl::registry {

using namespace sheets;  // NOLINT: this file is the registry's sheets

namespace {

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

// --- per kind: a record as its row --------------------------------------------

std::vector<io::XlsxCell> OrganizationCells(const Organization& o) {
  return {io::XlsxCell::Integer(o.id),
          io::XlsxCell::Text(o.name),
          ChoiceCell(OrganizationKinds(), o.kind),
          RegionCell(o.region),
          RefCellOf(o.parent),
          DateCell(o.founded_on)};
}

std::vector<io::XlsxCell> EnterpriseCells(const Enterprise& e) {
  return {io::XlsxCell::Integer(e.id),
          io::XlsxCell::Text(e.name),
          io::XlsxCell::Text(e.uscc),
          RefCellOf(e.legal_representative),
          ChoiceCell(Industries(), e.industry),
          io::XlsxCell::Text(FormatWan(e.registered_capital_fen)),
          RegionCell(e.region),
          DateCell(e.founded_on)};
}

std::vector<io::XlsxCell> MembershipCells(const Membership& m) {
  return {io::XlsxCell::Integer(m.id),
          RefCellOf(m.chamber),
          RefCellOf(m.person),
          RefCellOf(m.enterprise),
          ChoiceCell(ChamberPosts(), m.post),
          DateCell(m.joined_on),
          DateCell(m.left_on),
          ChoiceCell(DuesStatuses(), m.dues_status)};
}

// The row of the record with this id, as the caller sees it.
template <class Get, class Row>
RowOf RowOfRecord(Get get, Row row) {
  return [get, row](db::Tx& tx, const Caller& caller, int64_t id) -> Result<RowCells> {
    SL_ASSIGN_OR_RETURN(auto record, get(tx, caller.view, id));
    return CellTexts(row(record));
  };
}

const RowOf& OrganizationRowOf() {
  static const RowOf k = RowOfRecord(GetOrganization, OrganizationCells);
  return k;
}
const RowOf& EnterpriseRowOf() {
  static const RowOf k = RowOfRecord(GetEnterprise, EnterpriseCells);
  return k;
}
const RowOf& MembershipRowOf() {
  static const RowOf k = RowOfRecord(GetMembership, MembershipCells);
  return k;
}

// --- per kind: one row in, one record out -------------------------------------

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
  in.parent = 0;
  SL_TRY(RecordColumn(resolve, row, "parent", "organization", "", in.parent, problems));
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
      tx, caller, OrganizationColumns(), OrganizationRowOf(), existing, *in.name,
      [&] { return CreateOrganization(tx, caller, in); },
      [&](int64_t id, bool* changed) { return UpdateOrganization(tx, caller, id, in, changed); },
      problems);
}

// An enterprise row read from its cells, before it is matched to a record.
struct EnterpriseRow {
  EnterpriseInput in;
  std::optional<std::string> id;  // the 编号 cell
};

Result<bool> ReadEnterprise(Resolver& resolve, const RowView& row, Problems& problems,
                            EnterpriseRow& out) {
  EnterpriseInput& in = out.in;
  in.name = row.Get("name");
  in.uscc = row.Get("uscc");
  in.industry = row.Get("industry");
  in.founded_on = row.Get("founded_on");
  if (!in.name) problems.emplace_back("name", Text{"field_required", {}});
  if (!in.uscc) problems.emplace_back("uscc", Text{"field_required", {}});
  if (!in.industry) problems.emplace_back("industry", Text{"field_required", {}});
  if (auto capital = row.Get("registered_capital")) {
    in.registered_capital_fen = ParseWan(*capital);
    if (!in.registered_capital_fen)
      problems.emplace_back("registered_capital", Text{"sheet_money", {}});
  }
  SL_TRY(RegionColumn(resolve, row, in.region, problems));
  in.legal_representative = 0;
  SL_TRY(RecordColumn(resolve, row, "legal_representative", "person", "", in.legal_representative,
                      problems));
  out.id = row.Get("id");
  return problems.empty();
}

// Matches a read row to an enterprise by its id or credit code, and creates
// or updates it.
Result<std::optional<RowOutcome>> ApplyEnterprise(db::Tx& tx, const Caller& caller,
                                                  EnterpriseRow& row, Problems& problems) {
  const EnterpriseInput& in = row.in;
  std::optional<int64_t> existing;
  if (!ById(
          row.id, [&](int64_t id) { return GetEnterprise(tx, caller.view, id).ok(); }, existing,
          problems))
    return std::optional<RowOutcome>();
  if (!existing) {
    if (auto code = ParseUscc(*in.uscc); code.ok()) {
      SL_ASSIGN_OR_RETURN(existing, FindEnterpriseByUscc(tx, code->code));
    }
  }
  return Upsert(
      tx, caller, EnterpriseColumns(), EnterpriseRowOf(), existing, *in.name,
      [&] { return CreateEnterprise(tx, caller, in); },
      [&](int64_t id, bool* changed) { return UpdateEnterprise(tx, caller, id, in, changed); },
      problems);
}

// An enterprise import, kBatch rows at a time: the batch's credit codes are
// looked up together. A row whose code is new (and new to the batch) is
// created with the batch's other new rows (CreateEnterprises); a row that
// would leave a record it may change as it is settles at once; every other
// row goes through ApplyEnterprise one by one, after the rows before it.
class EnterpriseImport : public BatchImport<EnterpriseRow> {
 public:
  EnterpriseImport(db::Tx& tx, const Caller& caller, Resolver& resolve)
      : BatchImport(tx, "enterprise"), caller_(caller), resolve_(resolve) {}

 private:
  Result<bool> Read(const RowView& row, Problems& problems, EnterpriseRow& out) override {
    return ReadEnterprise(resolve_, row, problems, out);
  }

  Result<std::vector<Planned>> Plan(std::vector<EnterpriseRow>& rows) override {
    // Each row's normalized code and system id, when it has them.
    std::vector<std::optional<std::string>> codes(rows.size());
    std::vector<std::optional<int64_t>> ids(rows.size());
    std::vector<std::string> wanted_codes;
    std::vector<int64_t> wanted_ids;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (auto code = ParseUscc(*rows[i].in.uscc); code.ok()) {
        codes[i] = code->code;
        if (!rows[i].id) wanted_codes.push_back(code->code);
      }
      if (rows[i].id) {
        ids[i] = ParseInt(*rows[i].id);
        if (ids[i]) wanted_ids.push_back(*ids[i]);
      }
    }
    SL_ASSIGN_OR_RETURN(EnterprisesOnFile on_file,
                        FindEnterprisesOnFile(tx_, caller_, wanted_codes, wanted_ids));
    // Codes an earlier row of the batch may have taken, freed or changed: a
    // later row with one goes one by one, after it.
    std::set<std::string> touched;
    std::vector<Planned> plan(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const EnterpriseRow& r = rows[i];
      const Enterprise* record = nullptr;
      if (r.id) {
        if (!ids[i]) continue;
        auto hit = on_file.visible.find(*ids[i]);
        if (hit != on_file.visible.end() && !touched.count(hit->second.uscc) &&
            !(codes[i] && touched.count(*codes[i])))
          record = &hit->second;
      } else if (codes[i] && !touched.count(*codes[i])) {
        if (!on_file.codes.count(*codes[i])) {
          plan[i].route = Route::kCreate;
          touched.insert(*codes[i]);
          continue;
        }
        if (auto hit = on_file.by_code.find(*codes[i]); hit != on_file.by_code.end())
          record = &on_file.visible.at(hit->second);
      }
      const bool settled = record && caller_.capture.Contains(record->region.path) &&
                           ImportLeavesUnchanged(r.in, *record);
      if (settled) {
        plan[i].route = Route::kSettled;
        plan[i].outcome = RowOutcome{};
      }
      if (codes[i]) touched.insert(*codes[i]);
      if (record) touched.insert(record->uscc);
    }
    return plan;
  }

  Result<std::optional<RowOutcome>> ApplyOne(EnterpriseRow& row, Problems& problems) override {
    return ApplyEnterprise(tx_, caller_, row, problems);
  }

  Result<std::vector<Result<RowOutcome>>> Create(std::vector<EnterpriseRow>& rows) override {
    std::vector<EnterpriseInput> inputs;
    inputs.reserve(rows.size());
    for (const EnterpriseRow& r : rows) inputs.push_back(r.in);
    SL_ASSIGN_OR_RETURN(auto created, CreateEnterprises(tx_, caller_, inputs));
    return CreatedRows(std::move(created));
  }

  const Caller& caller_;
  Resolver& resolve_;
};

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
  for (auto [key, table, extra] : {std::tuple{"chamber", "organization", " AND kind = 'chamber'"},
                                   std::tuple{"person", "person", ""}}) {
    if (!row.Get(key)) problems.emplace_back(key, Text{"field_required", {}});
    SL_TRY(RecordColumn(resolve, row, key, table, extra, key[0] == 'c' ? in.chamber : in.person,
                        problems));
  }
  if (auto firm = row.Get("enterprise")) {
    // A credit code names the enterprise directly.
    if (auto code = ParseUscc(*firm); code.ok()) {
      SL_ASSIGN_OR_RETURN(in.enterprise, FindEnterpriseByUscc(tx, code->code));
      if (!in.enterprise) problems.emplace_back("enterprise", Text{"sheet_not_found", {*firm}});
    } else {
      SL_TRY(RecordColumn(resolve, row, "enterprise", "enterprise", "", in.enterprise, problems));
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
      tx, caller, MembershipColumns(), MembershipRowOf(), existing, *row.Get("person"),
      [&] { return CreateMembership(tx, caller, in); },
      [&](int64_t id, bool* changed) { return UpdateMembership(tx, caller, id, in, changed); },
      problems);
}

}  // namespace

std::vector<SheetKind> LedgerSheetKinds() {
  return {
      PeopleSheetKind(),
      {"organizations",
       kOrganizationsRead,
       kOrganizationsWrite,
       OrganizationColumns,
       {},
       EachRow(ApplyOrganization),
       DeleteOrganization,
       WriteList(ParseOrganizationFilter, ForEachOrganization, OrganizationCells)},
      {"enterprises",
       kEnterprisesRead,
       kEnterprisesWrite,
       EnterpriseColumns,
       {{"registered_capital_fen", "registered_capital"}},
       [](db::Tx& tx, const Caller& caller, Resolver& resolve) -> std::unique_ptr<SheetImport> {
         return std::make_unique<EnterpriseImport>(tx, caller, resolve);
       },
       DeleteEnterprise,
       WriteList(ParseEnterpriseFilter, ForEachEnterprise, EnterpriseCells)},
      {"memberships",
       kMembershipsRead,
       kMembershipsWrite,
       MembershipColumns,
       {},
       EachRow(ApplyMembership),
       DeleteMembership,
       WriteList(ParseMembershipFilter, ForEachMembership, MembershipCells)},
      GroupSheetKind(),
  };
}

}  // namespace sl::registry
