#pragma once
// Long work in the background: a job is a row in the database (its state,
// progress and result), so that any app server answers for it, and a runner
// thread per server does the work, one job at a time. A job whose server
// died (killed, or stopped mid-way) is found by the next runner to look: it
// claims it, lets the job's kind clean up (an import takes back what it
// wrote) and marks it failed.
//
// States: queued -> running -> done, or -> undoing -> failed (a job that
// stopped half-way and is being taken back), or failed at once.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/caller.hpp"
#include "core/handler.hpp"
#include "core/json.hpp"
#include "core/messages.hpp"
#include "db/db.hpp"

namespace sl::jobs {

struct Job {
  int64_t id = 0;
  std::string kind;     // "import"
  std::string subject;  // what of: the sheet kind ("people")
  int64_t user_id = 0;
  std::string username;
  Lang lang = Lang::kZhCN;
  std::string file_name;
  bool dry_run = false;
  std::string state;
  int64_t rows_total = 0, rows_done = 0;
  std::optional<Json> result;
  std::string failure;  // a message key, when failed
  std::string created_at, finished_at;
};

// What a new job is.
struct NewJob {
  std::string kind, subject, file_name;
  bool dry_run = false;
  Lang lang = Lang::kZhCN;
};

// The handle a job's work has on its row.
class Context {
 public:
  Context(db::Database& db, int64_t id, std::string worker, const std::atomic<bool>& stopping)
      : db_(db), id_(id), worker_(std::move(worker)), stopping_(stopping) {}
  int64_t id() const { return id_; }
  db::Database& db() { return db_; }
  // Whether the server is stopping: the work should return soon (its job is
  // then cleaned up by the next runner, as if the server had died).
  bool Stopping() const { return stopping_.load(); }
  // Records progress (and that the worker is alive).
  Status Progress(int64_t done, int64_t total);
  // Moves the job to `state` ("undoing").
  Status SetState(const std::string& state);

 private:
  db::Database& db_;
  int64_t id_;
  std::string worker_;
  const std::atomic<bool>& stopping_;
};

// A job's work: its result, or an error (the job fails). Work that returns
// Unavailable("job_stopped") has stopped for the server and is left for the
// next runner.
using Work = std::function<Result<Json>(Context&)>;
// Cleans up after a job whose server died: called by the runner that claims it.
using Recover = std::function<Status(Context&, const Job&)>;

struct RunnerOptions {
  // A worker that has not been heard from for this long is taken for dead.
  int stale_seconds = 120;
  // How often the runner looks for dead workers' jobs.
  int reap_every_seconds = 30;
  // Jobs waiting in this server's queue before new ones are refused.
  size_t max_queued = 8;
};

class Runner {
 public:
  Runner(db::Database& db, RunnerOptions options = {});
  ~Runner();  // stops: the job under way is left for the next runner
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Registers the clean-up of a kind of job; before Start.
  void OnRecover(const std::string& kind, Recover recover);
  // Claims the jobs of dead workers, then starts the thread.
  void Start();
  // Records a job for `caller` and queues its work; the new job.
  Result<Job> Submit(const Caller& caller, const NewJob& job, Work work);
  // Claims and cleans up the jobs of dead workers now (the thread does it
  // every reap_every_seconds); the number claimed.
  Result<int> Reap();
  const std::string& worker() const { return worker_; }

 private:
  void Loop();
  Status RecoverJob(const Job& job);

  db::Database& db_;
  RunnerOptions options_;
  std::string worker_;
  std::map<std::string, Recover> recover_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<int64_t, Work>> queue_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// What takes back the committed parts of a job until it ends (an import's
// chunks): written in each part's transaction, read newest first by a
// clean-up, dropped part by part as it is taken back, and all at the end.
Status Journal(db::Tx& tx, int64_t job_id, int64_t chunk, const Json& steps);
Result<std::optional<std::pair<int64_t, Json>>> LatestJournal(db::Tx& tx, int64_t job_id);
Status DropJournal(db::Tx& tx, int64_t job_id, int64_t chunk);

// A caller's own job, or NotFound.
Result<Job> GetJob(db::Tx& tx, const Caller& caller, int64_t id);
// The job as the API answers it, its failure said in `lang`.
Json ToJson(const Job& job, Lang lang);

// GET /api/v1/jobs/{id}: one of the caller's jobs.
Result<Response> HandleGet(db::Database& db, const Request& request);
// GET /api/v1/jobs?kind=&subject=&active=true: the caller's latest jobs.
Result<Response> HandleList(db::Database& db, const Request& request);

}  // namespace sl::jobs
