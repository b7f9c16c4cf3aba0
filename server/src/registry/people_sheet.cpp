// The people ledger as a sheet: read row by row, matched to records by
// natural key and written in batches of 1,000 (with the same outcomes as one
// by one), exported with the list's filters.

#include <set>

#include "regions/regions.hpp"
#include "registry/registry.hpp"
#include "registry/sheets.hpp"
#include "registry/validators.hpp"

namespace sl::registry {

using namespace sheets;  // NOLINT: this file is a sheet kind

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

// A people row read from its cells, before it is matched to a record.
struct PersonRow {
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

// A person as the ledger's row: without people.sensitive the phone masked and
// the birth date left out (an import of the file leaves both alone).
std::vector<io::XlsxCell> PersonCells(const Person& p, bool sensitive) {
  std::string tags;
  for (const auto& t : p.tags)
    tags += (tags.empty() ? "" : "、") + std::string(ChoiceLabel(Tags(), t));
  return {io::XlsxCell::Integer(p.id),
          io::XlsxCell::Text(p.name),
          p.gender ? ChoiceCell(Genders(), *p.gender) : io::XlsxCell(),
          sensitive ? DateCell(p.birth_date) : io::XlsxCell(),
          io::XlsxCell::Text(p.phone ? (sensitive ? *p.phone : MaskPhone(*p.phone)) : ""),
          io::XlsxCell::Text(p.id_card_masked.value_or("")),
          RegionCell(p.region),
          io::XlsxCell::Text(tags),
          p.party_stage ? ChoiceCell(PartyStages(), p.party_stage->stage) : io::XlsxCell(),
          p.party_stage ? DateCell(p.party_stage->valid_from) : io::XlsxCell(),
          io::XlsxCell::Text(p.notes)};
}

Result<RowCells> PersonRowOf(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Person p, GetPerson(tx, caller.view, id));
  return CellTexts(PersonCells(p, caller.Can(kPeopleSensitive)));
}

Status WritePeople(db::Tx& tx, const Caller& caller, const Request& r, io::XlsxSheetWriter& sheet) {
  const bool sensitive = caller.Can(kPeopleSensitive);
  SL_ASSIGN_OR_RETURN(auto filter, ParsePersonFilter(r));
  return ForEachPerson(tx, caller, filter,
                       [&](const Person& p) { return sheet.WriteRow(PersonCells(p, sensitive)); });
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
      SL_ASSIGN_OR_RETURN(existing, FindPersonByIdCard(tx, caller.view, *in.id_card));
    }
  }
  if (!existing && region) {
    // Without people.sensitive the birth date does not narrow the match: a
    // preview that matched on it would tell whether a guessed date is right.
    const auto birth = caller.Can(kPeopleSensitive) ? in.birth_date : std::nullopt;
    SL_ASSIGN_OR_RETURN(existing, FindPersonByNameRegion(tx, *in.name, region->id, birth));
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
    return std::optional<RowOutcome>(Created(created->id, created->name));
  }
  // A row that leaves the person as on file (most rows of a file that comes
  // back) is settled without reading the record's cells before and after.
  if (auto same = PersonIfUnchanged(tx, caller, *existing, in); same.ok() && *same) {
    const std::string current = (*same)->party_stage ? (*same)->party_stage->stage : "";
    const auto wanted =
        stage && !stage->empty() ? ChoiceId(PartyStages(), *stage) : std::optional<std::string>();
    if (!stage || stage->empty() || (wanted && *wanted == current))
      return std::optional<RowOutcome>(RowOutcome{});
  }
  SL_ASSIGN_OR_RETURN(RowCells before, PersonRowOf(tx, caller, *existing));
  SL_ASSIGN_OR_RETURN(RowCells undo, UndoCells(tx, caller, PersonRowOf, *existing, before));
  bool changed = false;
  auto updated = UpdatePerson(tx, caller, *existing, in, &changed);
  if (!updated.ok()) {
    Collect(updated.error(), problems);
    return std::optional<RowOutcome>();
  }
  // A different stage in the sheet is the next step of the pipeline.
  const std::string current = updated->party_stage ? updated->party_stage->stage : "";
  if (stage && !stage->empty()) {
    auto id = ChoiceId(PartyStages(), *stage);
    if (!id) {
      problems.emplace_back("party_stage", Text{"field_choice", {ChoiceLabels(PartyStages())}});
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
  if (!changed) return std::optional<RowOutcome>(RowOutcome{});
  SL_ASSIGN_OR_RETURN(RowCells after, PersonRowOf(tx, caller, *existing));
  RowOutcome outcome = Compared(PeopleColumns(), before, after, {"name"});
  outcome.undo.push_back({*existing, std::move(undo)});
  return std::optional<RowOutcome>(std::move(outcome));
}

// A people import, kBatch rows at a time: their natural keys are looked up
// together, and the rows that match nothing on file and no earlier row of the
// batch are created together (CreatePeople). Every other row — with a system
// id, a card or name already on file, or a key an earlier row of the batch
// has — goes through ApplyPerson one by one, after the rows before it.
class PeopleImport : public BatchImport<PersonRow> {
 public:
  PeopleImport(db::Tx& tx, const Caller& caller, Resolver& resolve)
      : BatchImport(tx, "person"), caller_(caller), resolve_(resolve) {}

 private:
  Result<bool> Read(const RowView& row, Problems& problems, PersonRow& out) override {
    return ReadPerson(resolve_, row, problems, out);
  }

  Result<std::vector<Planned>> Plan(std::vector<PersonRow>& rows) override {
    std::vector<std::string> cards;
    std::vector<std::pair<int64_t, std::string>> names;
    std::vector<int64_t> region_ids(rows.size(), 0);
    for (size_t i = 0; i < rows.size(); ++i) {
      const PersonRow& r = rows[i];
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
    std::vector<Planned> plan(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      PersonRow& r = rows[i];
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
      if (one_by_one) continue;
      if (r.stage) {
        r.in.stage = r.stage;
        r.in.stage_since = r.since;
        if (!r.since)
          plan[i].problems.emplace_back("party_stage_since", Text{"field_required", {}});
      }
      if (Masked(r.in.id_card)) r.in.id_card.reset();
      if (Masked(r.in.phone)) r.in.phone.reset();
      plan[i].route = plan[i].problems.empty() ? Route::kCreate : Route::kSettled;
    }
    return plan;
  }

  Result<std::optional<RowOutcome>> ApplyOne(PersonRow& row, Problems& problems) override {
    return ApplyPerson(tx_, caller_, row, problems);
  }

  Result<std::vector<Result<RowOutcome>>> Create(std::vector<PersonRow>& rows) override {
    std::vector<PersonInput> inputs;
    inputs.reserve(rows.size());
    for (const PersonRow& r : rows) inputs.push_back(r.in);
    SL_ASSIGN_OR_RETURN(auto created, CreatePeople(tx_, caller_, inputs));
    return CreatedRows(std::move(created));
  }

  const Caller& caller_;
  Resolver& resolve_;
};

}  // namespace

SheetKind PeopleSheetKind() {
  return {"people",
          kPeopleRead,
          kPeopleWrite,
          PeopleColumns,
          {{"since", "party_stage"}, {"stage", "party_stage"}},
          [](db::Tx& tx, const Caller& caller, Resolver& resolve) -> std::unique_ptr<SheetImport> {
            return std::make_unique<PeopleImport>(tx, caller, resolve);
          },
          RemoveImportedPerson,
          WritePeople};
}

}  // namespace sl::registry
