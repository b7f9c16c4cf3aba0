// Land transfer in and out of Excel: the contracts (one row each, its
// parties named as the ledgers write them) and the rent received (one row
// per receipt; receipts are added, never edited). Each row goes through the
// same operation as the form; money is yuan with at most two decimals in the
// sheet and whole fen in the store, read without floating point.

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "db/scope.hpp"
#include "land/land.hpp"

namespace sl::land {

using namespace sheets;  // NOLINT: this file is land transfer's sheets

namespace {

// The largest amount a sheet's cell reads (fen); the store checks its own limits.
constexpr int64_t kMaxFen = 1'000'000'000'000'000;

const std::vector<Column>& ContractColumns() {
  static const std::vector<Column> k = {
      {"id", kIdHeader, "編號", "ID", false, nullptr, "", "系统编号；新增合同留空"},
      {"region", "所属区划", "所屬區劃", "Region", true, nullptr, "",
       "土地所在的村或村民小组（从下拉列表选择村，或填写小组的“名称（代码）”）"},
      {"transferor", "流出方", "流出方", "Transferor", true, nullptr, "示例村股份经济合作社",
       "村集体经济组织的名称或“名称（编号）”；或农户姓名“姓名（编号）”，多户用“、”分隔"},
      {"transferee", "流入方", "流入方", "Transferee", true, nullptr, "示例农业开发有限公司",
       "企业名称或“名称（编号）”；或个人“姓名（编号）”"},
      {"land_type", "土地类型", "土地類型", "Land type", true, LandTypes, "耕地",
       "耕地、林地、园地、草地、水域、其他"},
      {"area_mu", "面积（亩）", "面積（畝）", "Area (mu)", true, nullptr, "120.5",
       "大于 0，最多两位小数"},
      {"purpose", "用途", "用途", "Purpose", false, nullptr, "蔬菜种植", ""},
      {"starts_on", "起始日期", "起始日期", "Starts", true, nullptr, "2019-03-01", ""},
      {"years", "年限", "年限", "Years", false, nullptr, "10",
       "流转年数（最长 30 年）；与到期日期填一项，都填时须一致"},
      {"ends_on", "到期日期", "到期日期", "Ends", false, nullptr, "", "合同的最后一天"},
      {"rent_per_year", "年租金（元）", "年租金（元）", "Rent a year (yuan)", false, nullptr, "",
       "第一年的租金总额，最多两位小数；与每亩年租金填一项"},
      {"rent_per_mu_year", "每亩年租金（元）", "每畝年租金（元）", "Rent a mu a year (yuan)", false,
       nullptr, "500", "按面积计算年租金，最多两位小数"},
      {"payment_frequency", "支付方式", "支付方式", "Payment", true, Frequencies, "按年",
       "按年、按半年、按季、按月；每期在期初支付"},
      {"increase_percent", "递增比例（%）", "遞增比例（%）", "Increase (%)", false, nullptr, "",
       "租金每隔若干年递增的百分比（0 到 50 的整数）"},
      {"increase_every_years", "递增间隔（年）", "遞增間隔（年）", "Increase every (years)", false,
       nullptr, "", "填写递增比例时必填"},
      {"jobs", "带动就业", "帶動就業", "Jobs", false, nullptr, "8", "人数"},
      {"note", "备注", "備註", "Note", false, nullptr, "", ""},
  };
  return k;
}

const std::vector<Column>& ReceiptColumns() {
  static const std::vector<Column> k = {
      {"id", "收款编号", "收款編號", "Receipt ID", false, nullptr, "",
       "系统编号；新增收款留空。已登记的收款不会被修改"},
      {"contract_id", "合同编号", "合同編號", "Contract ID", true, nullptr, "",
       "流转合同的系统编号"},
      {"n", "期次", "期次", "Payment", true, nullptr, "1", "合同的第几期租金"},
      {"received_on", "收款日期", "收款日期", "Received", false, nullptr, "2019-03-05",
       "留空为今天；不能晚于今天"},
      {"amount", "金额（元）", "金額（元）", "Amount (yuan)", true, nullptr, "60250",
       "大于 0，最多两位小数，不超过本期未收金额"},
      {"payer", "付款人", "付款人", "Payer", false, nullptr, "", ""},
      {"note", "备注", "備註", "Note", false, nullptr, "", ""},
  };
  return k;
}

// A date as a ledger writes it (2019/3/1, an Excel date): the ISO form, or
// the cell as it is (the store then says why).
std::string LenientDate(const std::string& cell) {
  if (cell.empty()) return cell;
  auto day = ParseDate(cell);
  return day ? *day : cell;
}

std::string Yuan(int64_t fen) { return FormatDecimal(fen, 2); }

io::XlsxCell YuanCell(const std::optional<int64_t>& fen) {
  return fen ? io::XlsxCell::Text(Yuan(*fen)) : io::XlsxCell();
}

io::XlsxCell IntegerCell(const std::optional<int>& n) {
  return n ? io::XlsxCell::Integer(*n) : io::XlsxCell();
}

std::string TransferorCell(const Contract& c) {
  if (c.transferor_org)
    return RefCell(c.transferor_org->name, std::to_string(c.transferor_org->id));
  std::string out;
  for (const Ref& p : c.transferor_people) {
    if (!out.empty()) out += "、";
    out += RefCell(p.name, std::to_string(p.id));
  }
  return out;
}

std::string TransfereeCell(const Contract& c) {
  const std::optional<Ref>& who =
      c.transferee_enterprise ? c.transferee_enterprise : c.transferee_person;
  return who ? RefCell(who->name, std::to_string(who->id)) : "";
}

std::vector<io::XlsxCell> ContractCells(const Contract& c) {
  return {io::XlsxCell::Integer(c.id),
          RegionCell(c.region),
          io::XlsxCell::Text(TransferorCell(c)),
          io::XlsxCell::Text(TransfereeCell(c)),
          ChoiceCell(LandTypes(), c.land_type),
          io::XlsxCell::Text(FormatDecimal(c.area_hundredths, 2)),
          io::XlsxCell::Text(c.purpose),
          DateCell(c.starts_on),
          IntegerCell(c.years),
          DateCell(c.ends_on),
          YuanCell(c.rent_fen_per_year),
          YuanCell(c.rent_fen_per_mu_year),
          ChoiceCell(Frequencies(), c.payment_frequency),
          io::XlsxCell::Integer(c.increase_percent),
          IntegerCell(c.increase_every),
          io::XlsxCell::Integer(c.jobs),
          io::XlsxCell::Text(c.note)};
}

std::vector<io::XlsxCell> ReceiptCells(const Receipt& r) {
  return {io::XlsxCell::Integer(r.id),
          io::XlsxCell::Integer(r.contract_id),
          io::XlsxCell::Integer(r.n),
          DateCell(r.received_on),
          io::XlsxCell::Text(Yuan(r.amount_fen)),
          io::XlsxCell::Text(r.payer),
          io::XlsxCell::Text(r.note)};
}

const RowOf& ContractRowOf() {
  static const RowOf k = [](db::Tx& tx, const Caller& caller, int64_t id) -> Result<RowCells> {
    SL_ASSIGN_OR_RETURN(Contract c, GetContract(tx, caller.view, id));
    return CellTexts(ContractCells(c));
  };
  return k;
}

// A record of `table` a cell names within the caller's view: "名称（编号）"
// (the name and the number both), or a name only one record has. Nothing,
// with the problem, otherwise.
Result<std::optional<int64_t>> Named(db::Tx& tx, const Caller& caller, const std::string& table,
                                     const std::string& extra, const std::string& cell,
                                     Text& problem) {
  auto [name, id] = SplitRef(cell);
  db::Params params;
  std::string sql = "SELECT id FROM " + table + " WHERE deleted_at IS NULL" + extra + " AND ";
  if (id && ParseInt(*id)) {
    sql += "id = ? AND name = ?";
    params.emplace_back(*ParseInt(*id));
    params.emplace_back(name);
  } else {
    sql += "name = ?";
    params.emplace_back(cell);
  }
  sql += " AND " + db::ScopeCondition(caller.view, "region_path", params) + " LIMIT 2";
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  if (rows.size() == 1) return std::optional<int64_t>(rows[0].Int(0));
  problem = rows.empty() ? Text{"sheet_not_found", {cell}} : Text{"sheet_ambiguous", {cell}};
  return std::optional<int64_t>();
}

// 流出方: a collective organization, else households ("张三（12）、李四（13）").
Status TransferorColumn(db::Tx& tx, const Caller& caller, const RowView& row, ContractInput& in,
                        Problems& problems) {
  auto cell = row.Get("transferor");
  if (!cell || cell->empty()) return OkStatus();
  Text problem;
  SL_ASSIGN_OR_RETURN(
      auto org, Named(tx, caller, "organization", " AND kind = 'collective'", *cell, problem));
  if (org) {
    in.transferor_org = org;
    return OkStatus();
  }
  if (problem.key == "sheet_ambiguous") {
    problems.emplace_back("transferor", problem);
    return OkStatus();
  }
  in.transferor_people.emplace();
  for (const std::string& name : SplitList(*cell)) {
    SL_ASSIGN_OR_RETURN(auto person, Named(tx, caller, "person", "", name, problem));
    if (person)
      in.transferor_people->push_back(*person);
    else
      problems.emplace_back("transferor", problem);
  }
  return OkStatus();
}

// 流入方: an enterprise, else a person.
Status TransfereeColumn(db::Tx& tx, const Caller& caller, const RowView& row, ContractInput& in,
                        Problems& problems) {
  auto cell = row.Get("transferee");
  if (!cell || cell->empty()) return OkStatus();
  Text problem;
  SL_ASSIGN_OR_RETURN(auto firm, Named(tx, caller, "enterprise", "", *cell, problem));
  if (firm) {
    in.transferee_enterprise = firm;
    return OkStatus();
  }
  if (problem.key == "sheet_ambiguous") {
    problems.emplace_back("transferee", problem);
    return OkStatus();
  }
  SL_ASSIGN_OR_RETURN(auto person, Named(tx, caller, "person", "", *cell, problem));
  if (person)
    in.transferee_person = person;
  else
    problems.emplace_back("transferee", problem);
  return OkStatus();
}

// A whole number of a column (a blank cell is none), or a problem.
std::optional<int64_t> IntColumn(const RowView& row, const char* key, Problems& problems) {
  auto cell = row.Get(key);
  if (!cell || cell->empty()) return std::nullopt;
  auto n = ParseInt(*cell);
  if (!n) problems.emplace_back(key, Text{"field_integer", {}});
  return n;
}

// Yuan with at most two decimals as fen (a blank cell is none), or a problem.
std::optional<int64_t> YuanColumn(const RowView& row, const char* key, Problems& problems) {
  auto cell = row.Get(key);
  if (!cell || cell->empty()) return std::nullopt;
  auto fen = ParseDecimal(*cell, 2, kMaxFen);
  if (!fen) problems.emplace_back(key, Text{"field_decimal", {}});
  return fen;
}

Result<std::optional<RowOutcome>> ApplyContract(db::Tx& tx, const Caller& caller, Resolver& resolve,
                                                const RowView& row, Problems& problems) {
  const auto none = std::optional<RowOutcome>();
  ContractInput in;
  in.land_type = row.Get("land_type");
  in.area_mu = row.Get("area_mu");
  in.purpose = row.Get("purpose");
  in.note = row.Get("note");
  in.payment_frequency = row.Get("payment_frequency");
  if (auto starts = row.Get("starts_on")) in.starts_on = LenientDate(*starts);
  if (auto ends = row.Get("ends_on"); ends && !ends->empty()) in.ends_on = LenientDate(*ends);
  in.years = IntColumn(row, "years", problems);
  in.rent_fen_per_year = YuanColumn(row, "rent_per_year", problems);
  in.rent_fen_per_mu_year = YuanColumn(row, "rent_per_mu_year", problems);
  in.increase_percent = IntColumn(row, "increase_percent", problems);
  in.increase_every = IntColumn(row, "increase_every_years", problems);
  if (auto every = row.Get("increase_every_years"); every && every->empty())
    in.cleared.emplace_back("rent_increase_every_years");
  in.jobs = IntColumn(row, "jobs", problems);
  if (row.Get("region")) {
    SL_TRY(RegionColumn(resolve, row, in.region, problems));
  }
  SL_TRY(TransferorColumn(tx, caller, row, in, problems));
  SL_TRY(TransfereeColumn(tx, caller, row, in, problems));
  if (!problems.empty()) return none;
  std::optional<int64_t> existing;
  if (!ById(
          row, [&](int64_t id) { return GetContract(tx, caller.view, id).ok(); }, existing,
          problems))
    return none;
  if (!existing) {
    // A new contract names its place, parties and terms.
    for (const char* key : {"region", "transferor", "transferee", "land_type", "area_mu",
                            "starts_on", "payment_frequency"})
      if (!row.Get(key) || row.Get(key)->empty())
        problems.emplace_back(key, Text{"field_required", {}});
    if (!problems.empty()) return none;
  }
  // An export writes the end date beside the years: when it is the one the
  // years give, the years stand.
  if (in.years && in.ends_on && *in.years > 0 && *in.years <= 100) {
    std::string start = in.starts_on.value_or("");
    if (start.empty() && existing) {
      SL_ASSIGN_OR_RETURN(Contract c, GetContract(tx, caller.view, *existing));
      start = c.starts_on;
    }
    if (IsIsoDate(start) &&
        *in.ends_on == AddDays(AddMonths(start, 12 * static_cast<int>(*in.years)), -1))
      in.ends_on.reset();
  }
  std::string label = SplitRef(row.Get("transferee").value_or("")).first;
  if (in.purpose && !in.purpose->empty()) label += " · " + *in.purpose;
  auto create = [&] { return CreateContract(tx, caller, in); };
  auto update = [&](int64_t id, bool* changed) {
    return UpdateContract(tx, caller, id, in, changed);
  };
  SL_ASSIGN_OR_RETURN(auto outcome, Upsert(tx, caller, ContractColumns(), ContractRowOf(), existing,
                                           label, create, update, problems));
  if (outcome && outcome->label.empty() && existing) {
    SL_ASSIGN_OR_RETURN(Contract c, GetContract(tx, caller.view, *existing));
    outcome->label = Label(c);
  }
  return outcome;
}

Result<std::optional<RowOutcome>> ApplyReceipt(db::Tx& tx, const Caller& caller, Resolver&,
                                               const RowView& row, Problems& problems) {
  const auto none = std::optional<RowOutcome>();
  std::optional<Contract> contract;
  if (auto id = row.Get("contract_id"); id && !id->empty()) {
    if (auto number = ParseInt(*id)) {
      auto c = GetContract(tx, caller.view, *number);
      if (c.ok())
        contract = std::move(*c);
      else if (c.error().code != ErrorCode::kNotFound)
        return std::move(c).error();
    }
    if (!contract) problems.emplace_back("contract_id", Text{"sheet_not_found", {*id}});
  } else {
    problems.emplace_back("contract_id", Text{"field_required", {}});
  }
  auto n = IntColumn(row, "n", problems);
  if (!row.Get("n") || row.Get("n")->empty())
    problems.emplace_back("n", Text{"field_required", {}});
  ReceiptInput in;
  in.amount_fen = YuanColumn(row, "amount", problems);
  if (!row.Get("amount") || row.Get("amount")->empty())
    problems.emplace_back("amount", Text{"field_required", {}});
  if (auto on = row.Get("received_on"); on && !on->empty()) in.received_on = LenientDate(*on);
  in.payer = row.Get("payer");
  in.note = row.Get("note");
  if (!problems.empty()) return none;
  // A receipt on file stays as it is: receipts are added, not edited.
  std::optional<int64_t> existing;
  if (!ById(
          row, [&](int64_t id) { return GetReceipt(tx, caller.view, id).ok(); }, existing,
          problems))
    return none;
  if (existing) return std::optional<RowOutcome>(RowOutcome{});
  if (*n < 1 || *n > 100000) {
    problems.emplace_back("n", Text{"land_payment_not_found", {}});
    return none;
  }
  int64_t receipt = 0;
  auto added = AddReceipt(tx, caller, contract->id, static_cast<int>(*n), in, &receipt);
  if (!added.ok()) {
    if (added.error().code == ErrorCode::kNotFound)
      problems.emplace_back("n", added.error().message);
    else
      Collect(added.error(), problems);
    return none;
  }
  return std::optional<RowOutcome>(Created(receipt, Label(*contract) + " #" + std::to_string(*n)));
}

Result<int> QueryDays(const Request& r, const char* name, int absent) {
  auto v = r.Query(name);
  if (!v || v->empty()) return absent;
  auto n = ParseInt(*v);
  if (!n || *n < 0 || *n > 36600) return Error::BadRequest("bad_query", {name});
  return static_cast<int>(*n);
}

// The filters of the contracts' list (GET /land-contracts).
Result<ContractFilter> ParseContractFilter(const Request& r) {
  ContractFilter f;
  f.region = QueryText(r, "region");
  f.q = QueryText(r, "q");
  SL_ASSIGN_OR_RETURN(f.land_type, QueryChoice(r, "land_type", LandTypes()));
  SL_ASSIGN_OR_RETURN(f.transferee_enterprise, QueryId(r, "transferee_enterprise"));
  SL_ASSIGN_OR_RETURN(f.transferee_person, QueryId(r, "transferee_person"));
  SL_ASSIGN_OR_RETURN(f.date, QueryDate(r, "date"));
  f.overdue = QueryFlag(r, "overdue");
  SL_ASSIGN_OR_RETURN(f.overdue_days, QueryDays(r, "overdue_days", 1));
  SL_ASSIGN_OR_RETURN(f.ending_within, QueryDays(r, "ending_within", -1));
  return f;
}

// The receipts under a region (region=), of a year (year=), by day.
Status WriteReceipts(db::Tx& tx, const Caller& caller, const Request& r,
                     io::XlsxSheetWriter& sheet) {
  SL_ASSIGN_OR_RETURN(int year, QueryYear(r, "year"));
  return ForEachReceipt(tx, caller, QueryText(r, "region"), year,
                        [&](const Receipt& receipt, const Contract&) {
                          return sheet.WriteRow(ReceiptCells(receipt));
                        });
}

Status RemoveReceipt(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Receipt r, GetReceipt(tx, caller.view, id));
  return DeleteReceipt(tx, caller, r.contract_id, id);
}

}  // namespace

std::vector<SheetKind> LandSheetKinds() {
  return {
      {"land_contracts",
       kLandRead,
       kLandWrite,
       ContractColumns,
       {{"transferor.organization_id", "transferor"},
        {"transferor.person_ids", "transferor"},
        {"transferee.enterprise_id", "transferee"},
        {"transferee.person_id", "transferee"},
        {"rent_fen_per_year", "rent_per_year"},
        {"rent_fen_per_mu_year", "rent_per_mu_year"},
        {"rent_increase_percent", "increase_percent"},
        {"rent_increase_every_years", "increase_every_years"}},
       EachRow(ApplyContract),
       DeleteContract,
       WriteList(ParseContractFilter, ForEachContract, ContractCells)},
      {"land_receipts",
       kLandRead,
       kLandWrite,
       ReceiptColumns,
       {{"amount_fen", "amount"}},
       EachRow(ApplyReceipt),
       RemoveReceipt,
       WriteReceipts},
  };
}

}  // namespace sl::land
