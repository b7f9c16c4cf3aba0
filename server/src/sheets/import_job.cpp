// Imports as background jobs: the file read in chunks of kJobChunkRows rows,
// each chunk committed with the steps that take it back (jobs::Journal), so
// that other writers wait at most one chunk; and the undo of those steps when
// the file turns out to have errors, or the server died half-way.

#include <spdlog/spdlog.h>

#include "auth/roles.hpp"
#include "sheets/sheets.hpp"

namespace sl::sheets {

namespace {

// Steps as the journal keeps them: [id] to remove, [id, [cells...]] to put back.
Json StepsJson(const std::vector<UndoStep>& steps) {
  Json out = Json::array();
  for (const auto& s : steps)
    out.push_back(s.before ? Json::array({s.id, *s.before}) : Json::array({s.id}));
  return out;
}

Result<std::vector<UndoStep>> StepsOf(const Json& json) {
  std::vector<UndoStep> steps;
  if (!json.is_array()) return Error::Internal("undo steps: not a list");
  for (const auto& s : json) {
    if (!s.is_array() || s.empty() || !s[0].is_number_integer())
      return Error::Internal("undo steps: a step is not [id] or [id, cells]");
    UndoStep step{s[0].get<int64_t>(), std::nullopt};
    if (s.size() > 1) step.before = s[1].get<RowCells>();
    steps.push_back(std::move(step));
  }
  return steps;
}

// Takes back a job's journal, newest chunk first, each in its own
// transaction with the chunk's journal entry (a restart goes on from there).
Status UndoJournal(jobs::Context& ctx, const SheetKind& kind, const Caller& caller,
                   int64_t& skipped) {
  for (;;) {
    if (ctx.Stopping()) return Error::Unavailable("job_stopped");
    SL_ASSIGN_OR_RETURN(auto tx, ctx.db().Begin(db::Mode::kWrite));
    SL_ASSIGN_OR_RETURN(auto latest, jobs::LatestJournal(*tx, ctx.id()));
    if (!latest) return OkStatus();
    SL_ASSIGN_OR_RETURN(auto steps, StepsOf(latest->second));
    SL_TRY(UndoSteps(*tx, caller, kind, steps, &skipped));
    SL_TRY(jobs::DropJournal(*tx, ctx.id(), latest->first));
    SL_TRY(tx->Commit());
    SL_TRY(ctx.SetState("undoing"));  // and alive, for other runners
  }
}

}  // namespace

Caller UndoCaller(const Caller& caller) {
  Caller out = caller;
  out.permissions = auth::AllPermissions();
  out.view = out.capture = Scope::Everything();
  return out;
}

Result<int64_t> CountRows(io::TableReader& table, int64_t limit) {
  io::TableRow row;
  int64_t n = -1;  // the header
  for (;;) {
    SL_ASSIGN_OR_RETURN(bool more, table.Next(row));
    if (!more || n > limit) return std::max<int64_t>(n, 0);
    ++n;
  }
}

Result<std::unique_ptr<io::TableReader>> OpenUploadBytes(const std::string& bytes,
                                                         const std::string& file_name) {
  io::TableOptions options;
  options.xlsx = io::UploadLimits();
  return io::OpenTableBytes(bytes, file_name, options);
}

jobs::Work ImportJobWork(const SheetKind& kind, const Caller& caller, std::string bytes,
                         std::string file_name, ImportOptions options) {
  return [&kind, caller, bytes = std::move(bytes), file_name = std::move(file_name),
          options = std::move(options)](jobs::Context& ctx) mutable -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto counted, OpenUploadBytes(bytes, file_name));
    SL_ASSIGN_OR_RETURN(const int64_t total, CountRows(*counted));
    SL_TRY(ctx.Progress(0, total));
    options.chunk_rows = kJobChunkRows;
    options.progress = [&](int64_t rows) -> Status {
      if (ctx.Stopping()) return Error::Unavailable("job_stopped");
      return ctx.Progress(std::min(rows, total), total);
    };
    options.journal = [&](db::Tx& tx, int64_t chunk, const std::vector<UndoStep>& steps) {
      return jobs::Journal(tx, ctx.id(), chunk, StepsJson(steps));
    };
    SL_ASSIGN_OR_RETURN(auto table, OpenUploadBytes(bytes, file_name));
    SL_ASSIGN_OR_RETURN(ImportReport report, ImportTable(ctx.db(), caller, kind, *table, options));
    SL_TRY(ctx.Progress(total, total));
    Json out = ReportJson(report, options.dry_run);
    // Errors after saved chunks: what was saved is taken back.
    if (report.error_count > 0 && report.chunks_saved > 0) {
      SL_TRY(ctx.SetState("undoing"));
      int64_t skipped = 0;
      SL_TRY(UndoJournal(ctx, kind, UndoCaller(caller), skipped));
      out["undo_skipped"] = skipped;
    }
    return out;
  };
}

Status UndoImportJob(jobs::Context& ctx, const jobs::Job& job) {
  const SheetKind* kind = FindSheetKind(job.subject);
  if (!kind) return Error::Internal("import job " + std::to_string(job.id) + ": unknown kind");
  Caller caller;
  caller.user_id = job.user_id;
  caller.username = job.username;
  int64_t skipped = 0;
  SL_TRY(UndoJournal(ctx, *kind, UndoCaller(caller), skipped));
  if (skipped > 0)
    spdlog::warn("import job {}: {} records could not be taken back (changed or removed since)",
                 job.id, skipped);
  return OkStatus();
}

}  // namespace sl::sheets
