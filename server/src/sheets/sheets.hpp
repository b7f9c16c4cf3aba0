#pragma once
// Ledgers in and out of Excel: templates, imports (xlsx or csv, checked row by
// row with the same operations as the forms, all rows or none) and exports
// that import back unchanged. The machinery is shared by every ledger; each
// ledger (people, organizations, enterprises, memberships of the registry;
// pairings of the pairing feature) is a SheetKind: its columns, how a row is
// applied and how the list is written. http/sheet_kinds.cpp registers them all.

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/caller.hpp"
#include "core/choice.hpp"
#include "core/handler.hpp"
#include "core/messages.hpp"
#include "db/db.hpp"
#include "io/table_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "jobs/jobs.hpp"

namespace sl::sheets {

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

inline constexpr const char* kIdHeader = "编号";
// The permission that shows personal fields unmasked (registry's kPeopleSensitive).
inline constexpr const char* kSensitive = "people.sensitive";

// A row's problems: the column key (or "" for the whole row) and the message.
using Problems = std::vector<std::pair<std::string, Text>>;

// A record as its sheet row shows it: one text per column (the export's
// cells), for saying what a row changes.
using RowCells = std::vector<std::string>;
RowCells CellTexts(const std::vector<io::XlsxCell>& cells);

// A column whose text a row changed, by column key.
struct FieldChange {
  std::string column, before, after;
};

// How to take back one record's change: remove a record the import created
// (no `before`), or put back the row it had (`before`, as a caller who sees
// every field reads it).
struct UndoStep {
  int64_t id = 0;
  std::optional<RowCells> before;
};

struct RowOutcome {
  enum { kCreated, kUpdated, kUnchanged } what = kUnchanged;
  std::string label;                 // the record as people name it (for created and updated rows)
  std::vector<FieldChange> changes;  // for kUpdated: what the row changed
  std::vector<UndoStep> undo;        // what takes it back, in the order it was done
};
// The outcome of a row that created the record `id`, named `label`.
RowOutcome Created(int64_t id, std::string label);
// The outcome of a row that may have changed a record, from its sheet row
// before and after (columns in order); the label is the first non-empty of
// the `label_columns`.
RowOutcome Compared(const std::vector<Column>& columns, const RowCells& before,
                    const RowCells& after, std::initializer_list<const char*> label_columns);

// Called once per row with its problems and, when it was applied, its outcome.
using Settle = std::function<void(int64_t row, const Problems&, std::optional<RowOutcome>)>;

// One row's cells by column key.
class RowView {
 public:
  // `blanks_clear`: a blank cell reads as "" (clear the field) rather than
  // as absent (leave it); an undo puts a record's row back this way.
  RowView(const std::vector<Column>& columns, const std::vector<int>& positions,
          const std::vector<std::string>& cells, bool blanks_clear = false)
      : columns_(columns), positions_(positions), cells_(cells), blanks_clear_(blanks_clear) {}
  // Whether the sheet has the column at all.
  bool Has(const char* key) const;
  // The trimmed cell of a column, nullopt when the column is absent or blank
  // (blank: "" when blanks clear).
  std::optional<std::string> Get(const char* key) const;

 private:
  const std::vector<Column>& columns_;
  const std::vector<int>& positions_;
  const std::vector<std::string>& cells_;
  bool blanks_clear_;
};

// Resolves named references within the caller's scope; caches lookups per import.
class Resolver {
 public:
  Resolver(db::Tx& tx, const Caller& caller) : tx_(tx), caller_(caller) {}

  // A region given as "名称（代码）", a code, or a name unique within the capture scope.
  Result<std::optional<std::string>> Region(const std::string& cell, Text& problem);
  // A record of `table` (with a region_path and deleted_at) by "名称（编号）"
  // or a unique name within the caller's view scope; `extra` narrows it
  // (" AND kind = 'chamber'").
  Result<std::optional<int64_t>> Record(const std::string& table, const std::string& extra,
                                        const std::string& cell, Text& problem);

 private:
  db::Tx& tx_;
  const Caller& caller_;
  // Each cell's answer and, when it failed, why (repeated for every row).
  std::map<std::string, std::pair<std::optional<std::string>, Text>> regions_;
};

// Trims ASCII whitespace and the ideographic space.
std::string Trim(std::string s);
// "曾进龙（12）" or "曾进龙(12)" -> {"曾进龙", "12"}.
std::pair<std::string, std::optional<std::string>> SplitRef(const std::string& cell);
// {"曾进龙", "12"} -> "曾进龙（12）", the form exports write and imports read.
std::string RefCell(const std::string& name, const std::string& id);
// Maps an operation's error to problems by column.
void Collect(const Error& e, Problems& problems);
// Cells an export writes: a date (or an empty cell), a choice's Simplified
// Chinese label, a region as "名称（代码）", a record as "名称（编号）".
io::XlsxCell DateCell(const std::optional<std::string>& s);
io::XlsxCell ChoiceCell(const std::vector<Choice>& choices, const std::string& id);
io::XlsxCell RegionCell(const RegionRef& region);
io::XlsxCell RefCellOf(const std::optional<Ref>& ref);
// Splits a list cell ("致富能手、企业家") on 、，, and ;.
std::vector<std::string> SplitList(const std::string& s);

// The region column, resolved within the caller's capture scope (a problem
// when it is missing or unknown).
Status RegionColumn(Resolver& resolve, const RowView& row, std::optional<std::string>& region,
                    Problems& problems);
// A column naming a record of `table` (see Resolver::Record): its id, or a
// problem. An absent cell leaves `id` as it is; a blank that clears makes it 0.
Status RecordColumn(Resolver& resolve, const RowView& row, const char* key, const char* table,
                    const std::string& extra, std::optional<int64_t>& id, Problems& problems);

// A kind's record as its sheet row: the cells an export writes for it.
using RowOf = std::function<Result<RowCells>(db::Tx&, const Caller&, int64_t id)>;

// A record's row as an undo puts it back: `before` when the caller sees
// every field (people.sensitive), else the row as a caller who does reads it.
Result<RowCells> UndoCells(db::Tx& tx, const Caller& caller, const RowOf& row_of, int64_t id,
                           const RowCells& before);

// Creates the record when there is none yet (named `label`), else updates it
// and compares its row before and after (`row_of`); a failure becomes the
// row's problems.
template <class Create, class Update>
Result<std::optional<RowOutcome>> Upsert(db::Tx& tx, const Caller& caller,
                                         const std::vector<Column>& columns, const RowOf& row_of,
                                         const std::optional<int64_t>& existing,
                                         const std::string& label, Create&& create, Update&& update,
                                         Problems& problems) {
  if (!existing) {
    auto created = create();
    if (!created.ok()) {
      Collect(created.error(), problems);
      return std::optional<RowOutcome>();
    }
    return std::optional<RowOutcome>(Created(created->id, label));
  }
  SL_ASSIGN_OR_RETURN(RowCells before, row_of(tx, caller, *existing));
  SL_ASSIGN_OR_RETURN(RowCells undo, UndoCells(tx, caller, row_of, *existing, before));
  bool changed = false;
  auto updated = update(*existing, &changed);
  if (!updated.ok()) {
    Collect(updated.error(), problems);
    return std::optional<RowOutcome>();
  }
  if (!changed) return std::optional<RowOutcome>(RowOutcome{});
  SL_ASSIGN_OR_RETURN(RowCells after, row_of(tx, caller, *existing));
  RowOutcome outcome = Compared(columns, before, after, {"name", "person"});
  outcome.undo.push_back({*existing, std::move(undo)});
  return std::optional<RowOutcome>(std::move(outcome));
}

// The 编号 cell: a record the caller sees (`visible(id)`), or a problem.
template <class Get>
bool ById(const std::optional<std::string>& id, Get&& visible, std::optional<int64_t>& existing,
          Problems& problems) {
  if (!id) return true;
  auto n = ParseInt(*id);
  if (!n || !visible(*n)) {
    problems.emplace_back("id", Text{"sheet_not_found", {*id}});
    return false;
  }
  existing = n;
  return true;
}
template <class Get>
bool ById(const RowView& row, Get&& visible, std::optional<int64_t>& existing, Problems& problems) {
  return ById(row.Get("id"), std::forward<Get>(visible), existing, problems);
}

// A kind's export: the list with the filters of its GET route (`parse`),
// each record (`for_each`) written as its row (`row`).
template <class Parse, class ForEach, class Row>
auto WriteList(Parse parse, ForEach for_each, Row row) {
  return [=](db::Tx& tx, const Caller& caller, const Request& r,
             io::XlsxSheetWriter& sheet) -> Status {
    SL_ASSIGN_OR_RETURN(auto filter, parse(r));
    return for_each(tx, caller, filter,
                    [&](const auto& record) { return sheet.WriteRow(row(record)); });
  };
}

// One import of a kind: rows go in in file order; each is settled (now, or
// later for kinds that apply rows in batches, at the latest in Finish).
class SheetImport {
 public:
  virtual ~SheetImport() = default;
  virtual Status Row(int64_t number, const RowView& row, const Settle& settle) = 0;
  virtual Status Finish() { return OkStatus(); }
};

// The outcomes of records created together: Created(id, name), or the error.
template <class T>
std::vector<Result<RowOutcome>> CreatedRows(std::vector<Result<T>> created) {
  std::vector<Result<RowOutcome>> out;
  out.reserve(created.size());
  for (auto& c : created) {
    if (c.ok())
      out.emplace_back(Created(c->id, c->name));
    else
      out.emplace_back(std::move(c).error());
  }
  return out;
}

// An import whose rows are applied kBatch at a time, with the same outcomes
// as one by one. A kind reads each row into a `RowT` (Read); for each batch,
// with its natural keys looked up together, it plans every row (Plan): settled
// at once (a problem, or a row that changes nothing), created together with
// the batch's other new rows (Create), or applied on its own (ApplyOne) after
// every row before it.
template <class RowT>
class BatchImport : public SheetImport {
 public:
  static constexpr size_t kBatch = 1000;

  // `table`: the kind's table, whose statistics are refreshed as it grows.
  BatchImport(db::Tx& tx, const char* table) : tx_(tx), table_(table) {}

  Status Row(int64_t number, const RowView& row, const Settle& settle) final {
    if (!settle_) settle_ = settle;
    RowT read;
    Problems problems;
    SL_ASSIGN_OR_RETURN(bool readable, Read(row, problems, read));
    if (!readable) {
      settle(number, problems, std::nullopt);
      return OkStatus();
    }
    numbers_.push_back(number);
    rows_.push_back(std::move(read));
    return rows_.size() >= kBatch ? Flush() : OkStatus();
  }
  Status Finish() final { return Flush(); }

 protected:
  enum class Route { kOneByOne, kCreate, kSettled };
  struct Planned {
    Route route = Route::kOneByOne;
    Problems problems;                  // kSettled
    std::optional<RowOutcome> outcome;  // kSettled: the row was applied (or changed nothing)
  };
  // Reads a row's cells; false (with problems) when it cannot be matched.
  virtual Result<bool> Read(const RowView& row, Problems& problems, RowT& out) = 0;
  // One plan per row, in order. Plan may normalize the rows it routes.
  virtual Result<std::vector<Planned>> Plan(std::vector<RowT>& rows) = 0;
  virtual Result<std::optional<RowOutcome>> ApplyOne(RowT& row, Problems& problems) = 0;
  // Creates the rows' records together: per row its outcome, or the error
  // that becomes its problems.
  virtual Result<std::vector<Result<RowOutcome>>> Create(std::vector<RowT>& rows) = 0;

  db::Tx& tx_;

 private:
  Status Flush() {
    if (rows_.empty()) return OkStatus();
    // The lookups are planned from statistics; on PostgreSQL those of a
    // table growing inside this transaction go stale (an index scan becomes
    // a filter over every row so far). Refresh them as the import doubles.
    flushed_ += rows_.size();
    if (flushed_ >= next_analyze_) {
      SL_TRY(tx_.RefreshStatistics(table_));
      next_analyze_ *= 2;
    }
    SL_ASSIGN_OR_RETURN(std::vector<Planned> plan, Plan(rows_));
    for (size_t i = 0; i < rows_.size(); ++i) {
      switch (plan[i].route) {
        case Route::kSettled:
          settle_(numbers_[i], plan[i].problems, std::move(plan[i].outcome));
          break;
        case Route::kCreate:
          pending_.push_back(i);
          break;
        case Route::kOneByOne: {
          SL_TRY(CreatePending());
          Problems problems;
          SL_ASSIGN_OR_RETURN(auto outcome, ApplyOne(rows_[i], problems));
          settle_(numbers_[i], problems, std::move(outcome));
          break;
        }
      }
    }
    SL_TRY(CreatePending());
    rows_.clear();
    numbers_.clear();
    return OkStatus();
  }

  Status CreatePending() {
    if (pending_.empty()) return OkStatus();
    std::vector<RowT> rows;
    rows.reserve(pending_.size());
    for (size_t i : pending_) rows.push_back(std::move(rows_[i]));
    SL_ASSIGN_OR_RETURN(auto created, Create(rows));
    for (size_t k = 0; k < pending_.size(); ++k) {
      Problems problems;
      if (!created[k].ok()) {
        Collect(created[k].error(), problems);
        settle_(numbers_[pending_[k]], problems, std::nullopt);
      } else {
        settle_(numbers_[pending_[k]], problems, std::move(created[k]).value());
      }
    }
    pending_.clear();
    return OkStatus();
  }

  const char* table_;
  Settle settle_;
  std::vector<RowT> rows_;
  std::vector<int64_t> numbers_;
  std::vector<size_t> pending_;  // indexes into rows_ of the rows to create together
  size_t flushed_ = 0, next_analyze_ = 4 * kBatch;
};

// How a kind starts an import.
using StartImport = std::function<std::unique_ptr<SheetImport>(db::Tx&, const Caller&, Resolver&)>;
// The common case: each row applied on its own with `apply`.
using ApplyRow = std::function<Result<std::optional<RowOutcome>>(db::Tx&, const Caller&, Resolver&,
                                                                 const RowView&, Problems&)>;
StartImport EachRow(ApplyRow apply);

struct SheetKind {
  std::string name;  // "people": the URL's and the command line's name
  const char* read_permission;
  const char* write_permission;
  const std::vector<Column>& (*columns)();
  // Fields the operations name that are not columns of their own, and the
  // column their errors belong to ("registered_capital_fen" -> "registered_capital").
  std::vector<std::pair<std::string, std::string>> field_columns;
  StartImport start_import;
  // Removes a record an import created (its undo).
  std::function<Status(db::Tx&, const Caller&, int64_t id)> remove;
  // Writes the list with the filters of its GET route, one row per record,
  // the columns in order.
  std::function<Status(db::Tx&, const Caller&, const Request&, io::XlsxSheetWriter&)> write_rows;
};

// Adds (or replaces) a kind.
void RegisterSheetKind(SheetKind kind);
const SheetKind* FindSheetKind(std::string_view name);
// The names of the registered kinds, in registration order.
std::vector<std::string> SheetKindNames();

struct ImportError {
  int64_t row = 0;     // the row number the spreadsheet shows
  std::string column;  // the column's header; "" for the whole row or file
  std::string message;
};

// A row that creates or changes a record: what the import will do (a dry
// run) or did.
struct RowChange {
  int64_t row = 0;  // the row number the spreadsheet shows
  bool created = false;
  std::string label;  // the record's name
  struct Field {
    std::string column;  // the column's header
    std::string before, after;
  };
  std::vector<Field> fields;  // for a change
};

struct ImportReport {
  int64_t rows = 0, created = 0, updated = 0, unchanged = 0;
  // Chunks committed (imports in chunks): when an error came after them,
  // they are to be undone (UndoSteps, from what `journal` was given).
  int64_t chunks_saved = 0;
  std::vector<ImportError> errors;  // at most kMaxErrors
  int64_t error_count = 0;
  std::vector<RowChange> changes;  // at most kMaxChanges, in file order
  static constexpr size_t kMaxErrors = 1000;
  static constexpr size_t kMaxChanges = 1000;
};

struct ImportOptions {
  bool dry_run = true;
  Lang lang = Lang::kZhCN;
  // Called with the number of rows read so far: every 1,000 rows, or after
  // each chunk (outside its transaction); an error stops the import.
  std::function<Status(int64_t)> progress;
  // 0: every row in one transaction. Else rows go in in transactions of
  // about this many rows, so that other writers wait at most one of them; a
  // chunk is committed while no row so far has an error (and it is not a dry
  // run), with `journal` called in its transaction with the steps that take
  // it back; after the first error, chunks are checked and rolled back.
  size_t chunk_rows = 0;
  std::function<Status(db::Tx&, int64_t chunk, const std::vector<UndoStep>&)> journal;
};

// Reads every row and applies it, committed only when it is not a dry run
// and no row has an error (in chunks: see ImportOptions::chunk_rows).
Result<ImportReport> ImportTable(db::Database& db, const Caller& caller, const SheetKind& kind,
                                 io::TableReader& table, const ImportOptions& options);

// Takes back what an import did, last step first: removes the records it
// created and puts back the rows of those it changed. A step that cannot be
// taken back (someone removed the record since) is skipped and counted in
// `skipped`.
Status UndoSteps(db::Tx& tx, const Caller& caller, const SheetKind& kind,
                 const std::vector<UndoStep>& steps, int64_t* skipped);

// The caller an undo acts as: `caller`'s name, every permission and region
// (it takes back only what that caller's import wrote).
Caller UndoCaller(const Caller& caller);

// An uploaded file's table, read within the upload limits.
Result<std::unique_ptr<io::TableReader>> OpenUploadBytes(const std::string& bytes,
                                                         const std::string& file_name);

// The rows of a table past its header (blank ones too), counting up to
// `limit` + 1.
Result<int64_t> CountRows(io::TableReader& table,
                          int64_t limit = std::numeric_limits<int64_t>::max() - 1);

// An import's report as the API answers it.
Json ReportJson(const ImportReport& report, bool dry_run);

// Files of more rows than this import as background jobs.
inline constexpr int64_t kInlineRows = 1000;
// Rows per transaction of an import job.
inline constexpr size_t kJobChunkRows = 1000;

// An import as a background job's work: reads `bytes` (a file named
// `file_name`) in chunks, recording what takes each back; a file with errors
// found after chunks were saved is taken back before the job ends.
jobs::Work ImportJobWork(const SheetKind& kind, const Caller& caller, std::string bytes,
                         std::string file_name, ImportOptions options);
// The clean-up of an import job whose server died: takes back its chunks.
Status UndoImportJob(jobs::Context& ctx, const jobs::Job& job);

// The file back as .xlsx with an error column (错误) naming each row's mistakes.
Result<std::string> AnnotateTable(io::TableReader& table, const ImportReport& report);

// The import template: headers, drop-downs, an example row, instructions.
Result<std::string> TemplateXlsx(db::Database& db, const Caller& caller, const SheetKind& kind,
                                 Lang lang);
// The list with the filters of its GET route, as .xlsx; `path` "" returns bytes
// (written to a temporary file first).
Result<std::string> ExportXlsx(db::Database& db, const Caller& caller, const SheetKind& kind,
                               const Request& filters);
Status ExportXlsxFile(db::Database& db, const Caller& caller, const SheetKind& kind,
                      const Request& filters, const std::string& path);

// An .xlsx download: the bytes and the (UTF-8) file name.
Response XlsxResponse(std::string bytes, const std::string& filename);

// Handlers.
Result<Response> HandleTemplate(db::Database& db, const Request& r);
Result<Response> HandleImport(db::Database& db, jobs::Runner& runner, const Request& r);
Result<Response> HandleImportAnnotated(db::Database& db, const Request& r);
Result<Response> HandleExport(db::Database& db, const Request& r);

}  // namespace sl::sheets
