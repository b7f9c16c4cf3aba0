#include "sheets/sheets.hpp"

#include "sheets/internal.hpp"

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/date.hpp"
#include "core/json.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"
#include "text/text.hpp"
#include "text/utf8.hpp"

namespace sl::sheets {

using internal::ColumnHeader, internal::Header, internal::kMaxCellChars;

const char* internal::Header(const Column& c, Lang lang) {
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

Result<std::optional<std::string>> Resolver::Region(const std::string& cell, Text& problem) {
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

Result<std::optional<int64_t>> Resolver::Record(const std::string& table, const std::string& extra,
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

bool RowView::Has(const char* key) const {
  for (size_t i = 0; i < columns_.size(); ++i)
    if (std::string_view(columns_[i].key) == key) return positions_[i] >= 0;
  return false;
}

std::optional<std::string> RowView::Get(const char* key) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (std::string_view(columns_[i].key) != key) continue;
    const int pos = positions_[i];
    if (pos < 0 || static_cast<size_t>(pos) >= cells_.size()) return std::nullopt;
    std::string v = Trim(cells_[pos]);
    if (v.empty() && !blanks_clear_) return std::nullopt;
    return v;
  }
  return std::nullopt;
}

void Collect(const Error& e, Problems& problems) {
  if (e.code == ErrorCode::kInvalid) {
    for (const auto& [field, text] : e.fields) problems.emplace_back(field, text);
  } else {
    problems.emplace_back("", e.message);
  }
}

io::XlsxCell DateCell(const std::optional<std::string>& s) {
  return s && !s->empty() ? io::XlsxCell::FromIsoDate(*s) : io::XlsxCell();
}

RowCells CellTexts(const std::vector<io::XlsxCell>& cells) {
  RowCells out;
  out.reserve(cells.size());
  for (const auto& c : cells) {
    switch (c.kind()) {
      case io::XlsxCell::Kind::kInteger:
        out.push_back(std::to_string(c.integer()));
        break;
      case io::XlsxCell::Kind::kDate:
      case io::XlsxCell::Kind::kDateTime: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.date()[0], c.date()[1], c.date()[2]);
        out.push_back(buf);
        break;
      }
      default:
        out.push_back(c.text());
    }
  }
  return out;
}

RowOutcome Created(int64_t id, std::string label) {
  return RowOutcome{RowOutcome::kCreated, std::move(label), {}, {{id, std::nullopt}}};
}

Result<RowCells> UndoCells(db::Tx& tx, const Caller& caller, const RowOf& row_of, int64_t id,
                           const RowCells& before) {
  if (caller.Can(kSensitive)) return before;
  Caller full = caller;
  full.permissions.insert(kSensitive);
  return row_of(tx, full, id);
}

RowOutcome Compared(const std::vector<Column>& columns, const RowCells& before,
                    const RowCells& after, std::initializer_list<const char*> label_columns) {
  RowOutcome out;
  // The system id (编号) of a record is not something a row changes.
  for (size_t c = 0; c < columns.size() && c < before.size() && c < after.size(); ++c)
    if (before[c] != after[c] && std::string_view(columns[c].key) != "id")
      out.changes.push_back({columns[c].key, before[c], after[c]});
  out.what = out.changes.empty() ? RowOutcome::kUnchanged : RowOutcome::kUpdated;
  for (const char* key : label_columns)
    for (size_t c = 0; c < columns.size() && c < after.size() && out.label.empty(); ++c)
      if (std::string_view(columns[c].key) == key) out.label = after[c];
  return out;
}

io::XlsxCell ChoiceCell(const std::vector<Choice>& choices, const std::string& id) {
  return io::XlsxCell::Text(std::string(ChoiceLabel(choices, id)));
}

io::XlsxCell RegionCell(const RegionRef& region) {
  return io::XlsxCell::Text(RefCell(region.name, region.code));
}

io::XlsxCell RefCellOf(const std::optional<Ref>& ref) {
  return ref ? io::XlsxCell::Text(RefCell(ref->name, std::to_string(ref->id))) : io::XlsxCell();
}

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

Status RecordColumn(Resolver& resolve, const RowView& row, const char* key, const char* table,
                    const std::string& extra, std::optional<int64_t>& id, Problems& problems) {
  auto cell = row.Get(key);
  if (!cell) return OkStatus();
  if (cell->empty()) {  // a blank that clears (an undo putting a row back)
    id = 0;
    return OkStatus();
  }
  Text problem;
  SL_ASSIGN_OR_RETURN(id, resolve.Record(table, extra, *cell, problem));
  if (!id) problems.emplace_back(key, problem);
  return OkStatus();
}

namespace {

class RowByRowImport : public SheetImport {
 public:
  RowByRowImport(db::Tx& tx, const Caller& caller, Resolver& resolve, ApplyRow apply)
      : tx_(tx), caller_(caller), resolve_(resolve), apply_(std::move(apply)) {}
  Status Row(int64_t number, const RowView& row, const Settle& settle) override {
    Problems problems;
    SL_ASSIGN_OR_RETURN(auto outcome, apply_(tx_, caller_, resolve_, row, problems));
    settle(number, problems, outcome);
    return OkStatus();
  }

 private:
  db::Tx& tx_;
  const Caller& caller_;
  Resolver& resolve_;
  ApplyRow apply_;
};

}  // namespace

std::vector<int> internal::MatchHeaders(const std::vector<Column>& columns,
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

std::string internal::ColumnHeader(const SheetKind& kind, const std::string& key, Lang lang) {
  for (const auto& c : kind.columns())
    if (key == c.key) return Header(c, lang);
  for (const auto& [field, column] : kind.field_columns)
    if (key == field) return ColumnHeader(kind, column, lang);
  return "";
}

namespace {

// The kinds, in the order they were registered.
struct Kinds {
  std::mutex mu;
  std::vector<std::unique_ptr<SheetKind>> list;
};

Kinds& AllKinds() {
  static Kinds* kinds = new Kinds;
  return *kinds;
}

}  // namespace

StartImport EachRow(ApplyRow apply) {
  return [apply = std::move(apply)](db::Tx& tx, const Caller& caller, Resolver& resolve) {
    return std::make_unique<RowByRowImport>(tx, caller, resolve, apply);
  };
}

void RegisterSheetKind(SheetKind kind) {
  Kinds& kinds = AllKinds();
  std::lock_guard lock(kinds.mu);
  for (auto& k : kinds.list) {
    if (k->name == kind.name) {
      *k = std::move(kind);
      return;
    }
  }
  kinds.list.push_back(std::make_unique<SheetKind>(std::move(kind)));
}

const SheetKind* FindSheetKind(std::string_view name) {
  Kinds& kinds = AllKinds();
  std::lock_guard lock(kinds.mu);
  for (const auto& k : kinds.list)
    if (k->name == name) return k.get();
  return nullptr;
}

std::vector<std::string> SheetKindNames() {
  Kinds& kinds = AllKinds();
  std::lock_guard lock(kinds.mu);
  std::vector<std::string> names;
  for (const auto& k : kinds.list) names.push_back(k->name);
  return names;
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
          for (const auto& c : row.cells)
            cells.push_back(io::XlsxCell::Text(
                text::CharCount(c) <= kMaxCellChars ? c : text::Truncate(c, kMaxCellChars)));
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

Result<std::string> TemplateXlsx(db::Database& db, const Caller& caller, const SheetKind& kind,
                                 Lang lang) {
  const auto& columns = kind.columns();
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
        SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * sheet,
                            book.AddSheet(Say(Text{"sheet_name_" + kind.name, {}}, lang)));
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

Status WriteExport(db::Database& db, const Caller& caller, const SheetKind& kind, const Request& r,
                   io::XlsxWriter& book) {
  SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * sheet,
                      book.AddSheet(Say(Text{"sheet_name_" + kind.name, {}}, r.lang)));
  std::vector<std::string> titles;
  for (const auto& c : kind.columns())
    titles.push_back(std::string(Header(c, r.lang)) + (c.required ? "*" : ""));
  SL_TRY(sheet->WriteHeader(titles));
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  return kind.write_rows(*tx, caller, r, *sheet);
}

}  // namespace

Result<std::string> ExportXlsx(db::Database& db, const Caller& caller, const SheetKind& kind,
                               const Request& filters) {
  return io::WriteXlsxToString(
      [&](io::XlsxWriter& book) { return WriteExport(db, caller, kind, filters, book); });
}

Status ExportXlsxFile(db::Database& db, const Caller& caller, const SheetKind& kind,
                      const Request& filters, const std::string& path) {
  SL_ASSIGN_OR_RETURN(auto book, io::XlsxWriter::Create(path));
  SL_TRY(WriteExport(db, caller, kind, filters, *book));
  return book->Close();
}

Response XlsxResponse(std::string bytes, const std::string& filename) {
  return Download(std::move(bytes),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename,
                  "export.xlsx");
}

}  // namespace sl::sheets
