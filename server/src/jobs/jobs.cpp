#include "jobs/jobs.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <sstream>

#include "core/crypto.hpp"
#include "core/time.hpp"

namespace sl::jobs {

namespace {

constexpr const char* kColumns =
    "id, kind, subject, user_id, username, lang, file_name, dry_run, state, rows_total, "
    "rows_done, result, failure, created_at, finished_at, worker, heartbeat_s";

std::string HostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

Job JobOf(const db::Row& r) {
  Job j;
  j.id = r.Int(0);
  j.kind = r.Str(1);
  j.subject = r.Str(2);
  j.user_id = r.Int(3);
  j.username = r.Str(4);
  j.lang = LangFromAcceptLanguage(r.Str(5));
  j.file_name = r.Str(6);
  j.dry_run = r.Int(7) != 0;
  j.state = r.Str(8);
  j.rows_total = r.Int(9);
  j.rows_done = r.Int(10);
  if (!r.IsNull(11)) {
    auto parsed = ParseJsonObject(r.Str(11));
    if (parsed.ok()) j.result = std::move(*parsed);
  }
  j.failure = r.Str(12);
  j.created_at = r.Str(13);
  j.finished_at = r.Str(14);
  return j;
}

Result<std::optional<Job>> LoadJob(db::Tx& tx, int64_t id) {
  SL_ASSIGN_OR_RETURN(
      auto row, tx.QueryOne(std::string("SELECT ") + kColumns + " FROM job WHERE id = ?", {id}));
  if (!row) return std::optional<Job>();
  return std::optional<Job>(JobOf(*row));
}

// Whether the worker that holds a job is gone: a process of this host that
// no longer runs (or whose pid this process now has), or anyone silent for
// longer than `stale` seconds.
bool Dead(const std::string& worker, int64_t heartbeat_s, const std::string& me, int stale) {
  if (worker == me) return false;
  std::istringstream in(worker);
  std::string host;
  long pid = 0;
  in >> host >> pid;
  if (host == HostName() && pid > 0) {
    if (pid == static_cast<long>(getpid())) return true;
    if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return true;
  }
  return NowSeconds() - heartbeat_s > stale;
}

// Ends a job: done with its result, or failed for `failure`; what would
// have taken it back is no longer needed.
Status Finish(db::Database& db, int64_t id, const std::string& state, const Json* result,
              const std::string& failure) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_TRY(tx->Exec(
      "UPDATE job SET state = ?, result = ?, failure = ?, finished_at = ?, heartbeat_s = ? "
      "WHERE id = ?",
      {state, result ? db::Value(result->dump()) : db::Value(),
       failure.empty() ? db::Value() : db::Value(failure), NowUtc(), NowSeconds(), id}));
  SL_TRY(tx->Exec("DELETE FROM job_undo WHERE job_id = ?", {id}));
  return tx->Commit();
}

}  // namespace

Status Context::Progress(int64_t done, int64_t total) {
  SL_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::Mode::kWrite));
  SL_TRY(tx->Exec("UPDATE job SET rows_done = ?, rows_total = ?, heartbeat_s = ? WHERE id = ?",
                  {done, total, NowSeconds(), id_}));
  return tx->Commit();
}

Status Context::SetState(const std::string& state) {
  SL_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::Mode::kWrite));
  SL_TRY(tx->Exec("UPDATE job SET state = ?, heartbeat_s = ? WHERE id = ?",
                  {state, NowSeconds(), id_}));
  return tx->Commit();
}

Status Journal(db::Tx& tx, int64_t job_id, int64_t chunk, const Json& steps) {
  SL_TRY(tx.Exec("INSERT INTO job_undo (job_id, chunk, steps) VALUES (?, ?, ?)",
                 {job_id, chunk, steps.dump()}));
  return OkStatus();
}

Result<std::optional<std::pair<int64_t, Json>>> LatestJournal(db::Tx& tx, int64_t job_id) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT chunk, steps FROM job_undo WHERE job_id = ? "
                                            "ORDER BY chunk DESC LIMIT 1",
                                            {job_id}));
  if (!row) return std::optional<std::pair<int64_t, Json>>();
  Json steps = Json::parse(row->Str(1), nullptr, /*allow_exceptions=*/false);
  if (steps.is_discarded())
    return Error::Internal("job " + std::to_string(job_id) + ": unreadable undo steps");
  return std::optional<std::pair<int64_t, Json>>(std::make_pair(row->Int(0), std::move(steps)));
}

Status DropJournal(db::Tx& tx, int64_t job_id, int64_t chunk) {
  SL_TRY(tx.Exec("DELETE FROM job_undo WHERE job_id = ? AND chunk = ?", {job_id, chunk}));
  return OkStatus();
}

Runner::Runner(db::Database& db, RunnerOptions options)
    : db_(db),
      options_(options),
      worker_(HostName() + " " + std::to_string(getpid()) + " " + RandomHex(6)) {}

Runner::~Runner() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Runner::OnRecover(const std::string& kind, Recover recover) {
  recover_[kind] = std::move(recover);
}

void Runner::Start() {
  thread_ = std::thread([this] { Loop(); });
}

Result<Job> Runner::Submit(const Caller& caller, const NewJob& job, Work work) {
  std::unique_lock lock(mu_);
  if (queue_.size() >= options_.max_queued) return Error::Unavailable("job_busy");
  lock.unlock();
  SL_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::Mode::kWrite));
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx->InsertId(
          "INSERT INTO job (kind, subject, user_id, username, lang, file_name, dry_run, "
          "state, worker, heartbeat_s, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?) RETURNING id",
          {job.kind, job.subject, caller.user_id, caller.username, std::string(LangTag(job.lang)),
           job.file_name, int64_t{job.dry_run}, worker_, NowSeconds(), NowUtc()}));
  SL_ASSIGN_OR_RETURN(auto made, LoadJob(*tx, id));
  SL_TRY(tx->Commit());
  lock.lock();
  queue_.emplace_back(id, std::move(work));
  lock.unlock();
  cv_.notify_all();
  return made.value();
}

Result<int> Runner::Reap() {
  std::vector<Job> claimed;
  {
    SL_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::Mode::kWrite));
    SL_ASSIGN_OR_RETURN(
        auto rows,
        tx->Query(std::string("SELECT ") + kColumns +
                  " FROM job WHERE state IN ('queued', 'running', 'undoing') ORDER BY id"));
    for (const auto& r : rows) {
      if (!Dead(r.Str(15), r.Int(16), worker_, options_.stale_seconds)) continue;
      SL_ASSIGN_OR_RETURN(
          int64_t n,
          tx->Exec("UPDATE job SET worker = ?, heartbeat_s = ? WHERE id = ? AND worker = ?",
                   {worker_, NowSeconds(), r.Int(0), r.Str(15)}));
      if (n == 1) claimed.push_back(JobOf(r));
    }
    SL_TRY(tx->Commit());
  }
  for (const Job& job : claimed) {
    spdlog::warn("job {} ({} {}) was left {} by a server that stopped: cleaning up", job.id,
                 job.kind, job.subject, job.state);
    if (auto st = RecoverJob(job); !st.ok())
      spdlog::error("job {}: clean-up failed: {}", job.id, st.error().detail);
  }
  return static_cast<int>(claimed.size());
}

Status Runner::RecoverJob(const Job& job) {
  Context ctx(db_, job.id, worker_, stopping_);
  auto recover = recover_.find(job.kind);
  if (job.state != "queued" && recover != recover_.end()) {
    SL_TRY(ctx.SetState("undoing"));
    if (auto st = recover->second(ctx, job); !st.ok()) {
      SL_TRY(Finish(db_, job.id, "failed", nullptr, "job_undo_failed"));
      return st;
    }
  }
  return Finish(db_, job.id, "failed", nullptr, "job_interrupted");
}

void Runner::Loop() {
  if (auto n = Reap(); !n.ok()) spdlog::error("jobs: {}", n.error().detail);
  auto next_reap = Clock::now() + std::chrono::seconds(options_.reap_every_seconds);
  for (;;) {
    std::unique_lock lock(mu_);
    cv_.wait_until(lock, next_reap, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    if (queue_.empty()) {
      lock.unlock();
      if (auto n = Reap(); !n.ok()) spdlog::error("jobs: {}", n.error().detail);
      next_reap = Clock::now() + std::chrono::seconds(options_.reap_every_seconds);
      continue;
    }
    auto [id, work] = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();

    Context ctx(db_, id, worker_, stopping_);
    if (auto st = ctx.SetState("running"); !st.ok()) {
      spdlog::error("job {}: {}", id, st.error().detail);
      continue;
    }
    auto result = work(ctx);
    // A job stopped for the server is the next runner's to clean up.
    if (!result.ok() && result.error().key == "job_stopped") return;
    Status ended = OkStatus();
    if (result.ok()) {
      ended = Finish(db_, id, "done", &*result, "");
    } else {
      spdlog::error("job {} failed: {} {}", id, result.error().key, result.error().detail);
      ended = [&]() -> Status {
        SL_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::Mode::kRead));
        SL_ASSIGN_OR_RETURN(auto job, LoadJob(*tx, id));
        tx.reset();
        return job ? RecoverJob(*job) : OkStatus();
      }();
    }
    if (!ended.ok()) spdlog::error("job {}: {}", id, ended.error().detail);
  }
}

Result<Job> GetJob(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kColumns +
                                                " FROM job WHERE id = ? AND user_id = ?",
                                            {id, caller.user_id}));
  if (!row) return Error::NotFound("not_found");
  return JobOf(*row);
}

Json ToJson(const Job& job, Lang lang) {
  Json out{{"id", job.id},
           {"kind", job.kind},
           {"subject", job.subject},
           {"file_name", job.file_name},
           {"dry_run", job.dry_run},
           {"state", job.state},
           {"rows_done", job.rows_done},
           {"rows_total", job.rows_total},
           {"created_at", job.created_at},
           {"finished_at", job.finished_at.empty() ? Json() : Json(job.finished_at)},
           {"failure", job.failure.empty() ? Json()
                                           : Json{{"code", job.failure},
                                                  {"message", Say(Text{job.failure, {}}, lang)}}}};
  if (job.result) out["result"] = *job.result;
  return out;
}

Result<Response> HandleGet(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, "not_found"));
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(Job job, GetJob(*tx, *r.caller, id));
  return Response::Ok(ToJson(job, r.lang));
}

Result<Response> HandleList(db::Database& db, const Request& r) {
  const std::string active = QueryText(r, "active");
  if (!active.empty() && active != "true" && active != "false")
    return Error::BadRequest("bad_query", {"active"});
  db::Params params{r.caller->user_id};
  std::string sql = std::string("SELECT ") + kColumns + " FROM job WHERE user_id = ?";
  for (const char* name : {"kind", "subject"}) {
    const std::string value = QueryText(r, name);
    if (value.empty()) continue;
    sql += std::string(" AND ") + name + " = ?";
    params.emplace_back(value);
  }
  if (active == "true") sql += " AND state IN ('queued', 'running', 'undoing')";
  sql += " ORDER BY id DESC LIMIT 20";
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  Json items = Json::array();
  for (const auto& row : rows) {
    Json j = ToJson(JobOf(row), r.lang);
    j.erase("result");  // a list names jobs; one job's page has its result
    items.push_back(std::move(j));
  }
  return Response::Ok({{"items", std::move(items)}});
}

}  // namespace sl::jobs
