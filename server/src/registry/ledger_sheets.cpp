// The registry's ledgers as sheets: people, organizations, enterprises and
// chamber memberships. Each row goes through the same operation as the form
// (people in batches of 1,000, with the same outcomes as one by one).

#include <set>

#include "core/date.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "registry/spreadsheet.hpp"
#include "registry/validators.hpp"
#include "text/text.hpp"

namespace sl::registry {

namespace {

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

// The rows of a people import, taken kBatch at a time: their natural keys are
// looked up together, and the rows that match nothing on file and no earlier
// row of the batch are created together (CreatePeople). Every other row —
// with a system id, a card or name already on file, or a key an earlier row
// of the batch has — goes through ApplyPerson one by one, after the rows
// before it, so the outcome is the same as importing row by row.
class PeopleBatch {
 public:
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

// People rows: read one by one, applied by the batch.
class PeopleImport : public SheetImport {
 public:
  PeopleImport(db::Tx& tx, const Caller& caller, Resolver& resolve)
      : tx_(tx), caller_(caller), resolve_(resolve) {}
  Status Row(int64_t number, const RowView& row, const Settle& settle) override {
    if (!batch_) batch_.emplace(tx_, caller_, settle);
    PersonRow person;
    person.number = number;
    Problems problems;
    SL_ASSIGN_OR_RETURN(bool readable, ReadPerson(resolve_, row, problems, person));
    if (!readable) {
      settle(number, problems, std::nullopt);
      return OkStatus();
    }
    return batch_->Add(std::move(person));
  }
  Status Finish() override { return batch_ ? batch_->Flush() : OkStatus(); }

 private:
  db::Tx& tx_;
  const Caller& caller_;
  Resolver& resolve_;
  std::optional<PeopleBatch> batch_;
};

std::string Q(const Request& r, const char* name) { return r.Query(name).value_or(""); }

io::XlsxCell Label(const std::vector<Choice>& choices, const std::string& id) {
  return io::XlsxCell::Text(std::string(ChoiceLabel(choices, id)));
}

io::XlsxCell RegionCell(const RegionRef& region) {
  return io::XlsxCell::Text(RefCell(region.name, region.code));
}

Status WritePeople(db::Tx& tx, const Caller& caller, const Request& r, io::XlsxSheetWriter& sheet) {
  const bool phone = caller.Can(kPeoplePhone);
  return ForEachPerson(
      tx, caller,
      {Q(r, "q"), Q(r, "region"), Q(r, "tag"), Q(r, "post"), Q(r, "party_stage"), Q(r, "sort"),
       Q(r, "date")},
      [&](const Person& p) -> Status {
        std::string tags;
        for (const auto& t : p.tags)
          tags += (tags.empty() ? "" : "、") + std::string(ChoiceLabel(Tags(), t));
        return sheet.WriteRow(
            {io::XlsxCell::Integer(p.id), io::XlsxCell::Text(p.name),
             p.gender ? Label(Genders(), *p.gender) : io::XlsxCell(), DateCell(p.birth_date),
             io::XlsxCell::Text(p.phone ? (phone ? *p.phone : MaskPhone(*p.phone)) : ""),
             io::XlsxCell::Text(p.id_card_masked.value_or("")), RegionCell(p.region),
             io::XlsxCell::Text(tags),
             p.party_stage ? Label(PartyStages(), p.party_stage->stage) : io::XlsxCell(),
             p.party_stage ? DateCell(p.party_stage->valid_from) : io::XlsxCell(),
             io::XlsxCell::Text(p.notes)});
      });
}

Status WriteOrganizations(db::Tx& tx, const Caller& caller, const Request& r,
                          io::XlsxSheetWriter& sheet) {
  return ForEachOrganization(
      tx, caller, {Q(r, "q"), Q(r, "region"), Q(r, "kind")}, [&](const Organization& o) -> Status {
        return sheet.WriteRow(
            {io::XlsxCell::Integer(o.id), io::XlsxCell::Text(o.name),
             Label(OrganizationKinds(), o.kind), RegionCell(o.region),
             o.parent ? io::XlsxCell::Text(RefCell(o.parent->name, std::to_string(o.parent->id)))
                      : io::XlsxCell(),
             DateCell(o.founded_on)});
      });
}

Status WriteEnterprises(db::Tx& tx, const Caller& caller, const Request& r,
                        io::XlsxSheetWriter& sheet) {
  return ForEachEnterprise(
      tx, caller, {Q(r, "q"), Q(r, "region"), Q(r, "industry")},
      [&](const Enterprise& e) -> Status {
        return sheet.WriteRow(
            {io::XlsxCell::Integer(e.id), io::XlsxCell::Text(e.name), io::XlsxCell::Text(e.uscc),
             e.legal_representative
                 ? io::XlsxCell::Text(RefCell(e.legal_representative->name,
                                              std::to_string(e.legal_representative->id)))
                 : io::XlsxCell(),
             Label(Industries(), e.industry),
             io::XlsxCell::Text(FenToWan(e.registered_capital_fen)), RegionCell(e.region),
             DateCell(e.founded_on)});
      });
}

Status WriteMemberships(db::Tx& tx, const Caller& caller, const Request& r,
                        io::XlsxSheetWriter& sheet) {
  MembershipFilter f;
  f.q = Q(r, "q");
  f.region = Q(r, "region");
  f.date = Q(r, "date");
  f.all = Q(r, "all") == "true";
  f.chamber = ParseInt(Q(r, "chamber")).value_or(0);
  return ForEachMembership(tx, caller, f, [&](const Membership& m) -> Status {
    return sheet.WriteRow(
        {io::XlsxCell::Integer(m.id),
         io::XlsxCell::Text(RefCell(m.chamber.name, std::to_string(m.chamber.id))),
         io::XlsxCell::Text(RefCell(m.person.name, std::to_string(m.person.id))),
         m.enterprise
             ? io::XlsxCell::Text(RefCell(m.enterprise->name, std::to_string(m.enterprise->id)))
             : io::XlsxCell(),
         Label(ChamberPosts(), m.post), DateCell(m.joined_on), DateCell(m.left_on),
         Label(DuesStatuses(), m.dues_status)});
  });
}

// A kind whose rows are applied one by one with `apply`.
std::function<std::unique_ptr<SheetImport>(db::Tx&, const Caller&, Resolver&)> EachRow(
    ApplyRow apply) {
  return [apply](db::Tx& tx, const Caller& caller, Resolver& resolve) {
    return RowByRow(tx, caller, resolve, apply);
  };
}

}  // namespace

std::vector<SheetKind> LedgerSheetKinds() {
  return {
      {"people",
       kPeopleRead,
       kPeopleWrite,
       PeopleColumns,
       {{"since", "party_stage"}, {"stage", "party_stage"}},
       [](db::Tx& tx, const Caller& caller, Resolver& resolve) -> std::unique_ptr<SheetImport> {
         return std::make_unique<PeopleImport>(tx, caller, resolve);
       },
       WritePeople},
      {"organizations",
       kOrganizationsRead,
       kOrganizationsWrite,
       OrganizationColumns,
       {},
       EachRow(ApplyOrganization),
       WriteOrganizations},
      {"enterprises",
       kEnterprisesRead,
       kEnterprisesWrite,
       EnterpriseColumns,
       {{"registered_capital_fen", "registered_capital"}},
       EachRow(ApplyEnterprise),
       WriteEnterprises},
      {"memberships",
       kMembershipsRead,
       kMembershipsWrite,
       MembershipColumns,
       {},
       EachRow(ApplyMembership),
       WriteMemberships},
  };
}

}  // namespace sl::registry
