// Imports: each row read, checked and applied with the operations the forms
// use; all rows or none, in one transaction or in chunks that an undo takes
// back (ImportOptions::chunk_rows).

#include <algorithm>

#include "core/json.hpp"
#include "sheets/internal.hpp"
#include "sheets/sheets.hpp"
#include "text/utf8.hpp"

namespace sl::sheets {

namespace {

using internal::ColumnHeader, internal::Header, internal::kMaxCellChars;

// One import's run: the report so far, and the chunk under way (its
// transaction, the kind's import and the steps that would take it back).
class Importer {
 public:
  Importer(db::Database& db, const Caller& caller, const SheetKind& kind,
           const ImportOptions& options)
      : db_(db), caller_(caller), kind_(kind), columns_(kind.columns()), options_(options) {}

  Result<ImportReport> Run(io::TableReader& table) {
    io::TableRow header;
    SL_ASSIGN_OR_RETURN(bool any, table.Next(header));
    if (!any) {
      AddError(0, "", Text{"sheet_empty", {}});
      return report_;
    }
    positions_ = internal::MatchHeaders(columns_, header.cells);
    for (size_t c = 0; c < columns_.size(); ++c)
      if (columns_[c].required && positions_[c] < 0)
        AddError(header.number, Header(columns_[c], options_.lang),
                 Text{"sheet_column_missing", {Header(columns_[c], options_.lang)}});
    if (report_.error_count > 0) return report_;

    SL_TRY(Open());
    io::TableRow row;
    for (;;) {
      SL_ASSIGN_OR_RETURN(bool more, table.Next(row));
      if (!more) break;
      if (!IsData(row)) continue;
      ++report_.rows;
      if (!chunked() && options_.progress && report_.rows % 1000 == 0)
        SL_TRY(options_.progress(report_.rows));
      if (!CellsFit(row)) continue;
      RowView view(columns_, positions_, row.cells);
      SL_TRY(import_->Row(row.number, view, settle_));
      if (chunked() && ++in_chunk_ >= options_.chunk_rows) {
        SL_TRY(Close(/*last=*/false));
        if (options_.progress) SL_TRY(options_.progress(report_.rows));
        SL_TRY(Open());
      }
    }
    if (report_.rows == 0 && report_.error_count == 0)
      AddError(header.number, "", Text{"sheet_no_rows", {}});
    SL_TRY(Close(/*last=*/true));
    // Batched rows settle after the rows read between them: file order again.
    std::stable_sort(report_.errors.begin(), report_.errors.end(),
                     [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
    std::stable_sort(report_.changes.begin(), report_.changes.end(),
                     [](const RowChange& a, const RowChange& b) { return a.row < b.row; });
    return report_;
  }

 private:
  bool chunked() const { return options_.chunk_rows > 0; }

  void AddError(int64_t row, const std::string& column, const Text& message) {
    ++report_.error_count;
    if (report_.errors.size() < ImportReport::kMaxErrors)
      report_.errors.push_back({row, column, Say(message, options_.lang)});
  }

  // A row's problems become errors; its outcome is counted and its undo kept.
  void Record(int64_t number, const Problems& problems, std::optional<RowOutcome> outcome) {
    for (const auto& [key, text] : problems)
      AddError(number, ColumnHeader(kind_, key, options_.lang), text);
    if (!problems.empty() || !outcome) return;
    // Only a chunked import's journal takes its steps back; one transaction
    // rolls back on its own (and a million kept steps were 40 MB).
    if (chunked() && options_.journal)
      for (auto& step : outcome->undo) steps_.push_back(std::move(step));
    switch (outcome->what) {
      case RowOutcome::kCreated:
        ++report_.created;
        break;
      case RowOutcome::kUpdated:
        ++report_.updated;
        break;
      case RowOutcome::kUnchanged:
        ++report_.unchanged;
        return;
    }
    if (report_.changes.size() >= ImportReport::kMaxChanges) return;
    RowChange change{number, outcome->what == RowOutcome::kCreated, outcome->label, {}};
    for (const auto& f : outcome->changes)
      change.fields.push_back({ColumnHeader(kind_, f.column, options_.lang), f.before, f.after});
    report_.changes.push_back(std::move(change));
  }

  Status Open() {
    SL_ASSIGN_OR_RETURN(tx_, db_.Begin(db::Mode::kWrite));
    SL_TRY(tx_->ForBulkWrites());
    resolve_.emplace(*tx_, caller_);
    import_ = kind_.start_import(*tx_, caller_, *resolve_);
    in_chunk_ = 0;
    steps_.clear();
    return OkStatus();
  }

  // Settles the chunk's last rows, then commits it while nothing is wrong
  // (and it is not a dry run) or rolls it back.
  Status Close(bool last) {
    SL_TRY(import_->Finish());
    const bool save = !options_.dry_run && report_.error_count == 0 && report_.rows > 0;
    if (save && (chunked() || last)) {
      if (chunked() && options_.journal) SL_TRY(options_.journal(*tx_, chunk_, steps_));
      SL_TRY(tx_->Commit());
      if (chunked()) ++report_.chunks_saved;
    }
    ++chunk_;
    import_.reset();
    resolve_.reset();
    tx_.reset();
    return OkStatus();
  }

  // Blank rows and the template's example row, left in place, are not data.
  bool IsData(const io::TableRow& row) const {
    bool blank = true;
    for (const auto& cell : row.cells) blank = blank && Trim(cell).empty();
    if (blank) return false;
    for (size_t c = 0; c < columns_.size(); ++c) {
      const int pos = positions_[c];
      const std::string cell = pos >= 0 && static_cast<size_t>(pos) < row.cells.size()
                                   ? Trim(row.cells[pos])
                                   : std::string();
      if (cell != columns_[c].example) return true;
    }
    return false;
  }

  // A cell past Excel's own limit cannot be an honest ledger's, nor be
  // written back into the annotated file; control characters (NUL cuts an
  // export short) are invisible: the row's error.
  bool CellsFit(const io::TableRow& row) {
    bool fit = true;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const bool control = HasControlCharacters(row.cells[i], /*multiline=*/true);
      if (!control && text::CharCount(row.cells[i]) <= kMaxCellChars) continue;
      std::string column;
      for (size_t c = 0; c < columns_.size(); ++c)
        if (positions_[c] == static_cast<int>(i)) column = Header(columns_[c], options_.lang);
      AddError(row.number, column,
               control ? Text{"field_control_chars", {}}
                       : Text{"sheet_cell_too_long", {std::to_string(kMaxCellChars)}});
      fit = false;
    }
    return fit;
  }

  db::Database& db_;
  const Caller& caller_;
  const SheetKind& kind_;
  const std::vector<Column>& columns_;
  const ImportOptions& options_;
  std::vector<int> positions_;
  ImportReport report_;
  const sheets::Settle settle_ = [this](int64_t number, const Problems& problems,
                                        std::optional<RowOutcome> outcome) {
    Record(number, problems, std::move(outcome));
  };
  std::unique_ptr<db::Tx> tx_;
  std::optional<Resolver> resolve_;
  std::unique_ptr<SheetImport> import_;
  std::vector<UndoStep> steps_;
  size_t in_chunk_ = 0;
  int64_t chunk_ = 0;
};

}  // namespace

Result<ImportReport> ImportTable(db::Database& db, const Caller& caller, const SheetKind& kind,
                                 io::TableReader& table, const ImportOptions& options) {
  Importer importer(db, caller, kind, options);
  return importer.Run(table);
}

Status UndoSteps(db::Tx& tx, const Caller& caller, const SheetKind& kind,
                 const std::vector<UndoStep>& steps, int64_t* skipped) {
  const auto& columns = kind.columns();
  std::vector<int> positions(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) positions[c] = static_cast<int>(c);
  Resolver resolve(tx, caller);
  std::unique_ptr<SheetImport> import = kind.start_import(tx, caller, resolve);
  const Settle settle = [&](int64_t, const Problems& problems, std::optional<RowOutcome>) {
    if (!problems.empty() && skipped) ++*skipped;
  };
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    if (it->before) {
      RowCells cells = *it->before;
      cells.resize(columns.size());
      RowView row(columns, positions, cells, /*blanks_clear=*/true);
      SL_TRY(import->Row(0, row, settle));
      continue;
    }
    // Rows put back so far go in before a removal (a batch settles late).
    SL_TRY(import->Finish());
    Status removed = kind.remove(tx, caller, it->id);
    if (removed.ok()) continue;
    // What is gone already, or held by a record made since, stays as it is.
    const ErrorCode code = removed.error().code;
    if (code != ErrorCode::kNotFound && code != ErrorCode::kConflict) return removed;
    if (skipped) ++*skipped;
  }
  return import->Finish();
}

}  // namespace sl::sheets
