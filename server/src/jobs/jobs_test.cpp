#include "jobs/jobs.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <thread>

#include "core/time.hpp"
#include "testing/testing.hpp"

namespace sl::jobs {
namespace {

class JobsTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!db_) return;
    auto tx = db_->Begin(db::Mode::kWrite);
    ASSERT_TRUE(tx.ok());
    auto id = (*tx)->InsertId(
        "INSERT INTO app_user (username, password_hash, created_at, updated_at) "
        "VALUES ('worker', 'x', ?, ?) RETURNING id",
        {NowUtc(), NowUtc()});
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE((*tx)->Commit().ok());
    caller_.user_id = *id;
    caller_.username = "worker";
  }

  // Waits until the job has ended; its last state.
  Job Ended(int64_t id) {
    for (int i = 0; i < 500; ++i) {
      auto tx = db_->Begin(db::Mode::kRead);
      auto job = GetJob(**tx, caller_, id);
      if (job.ok() && (job->state == "done" || job->state == "failed")) return *job;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "job " << id << " did not end";
    return {};
  }

  Caller caller_;
};

TEST_P(JobsTest, AJobRunsInTheBackgroundAndKeepsItsResultAndProgress) {
  Runner runner(*db_);
  runner.Start();
  SL_ASSERT_OK_AND_ASSIGN(Job job,
                          runner.Submit(caller_, {"import", "people", "a.csv", false, Lang::kZhCN},
                                        [](Context& ctx) -> Result<Json> {
                                          SL_TRY(ctx.Progress(5, 10));
                                          SL_TRY(ctx.Progress(10, 10));
                                          return Json{{"rows", 10}};
                                        }));
  EXPECT_EQ(job.state, "queued");
  const Job ended = Ended(job.id);
  EXPECT_EQ(ended.state, "done");
  EXPECT_EQ(ended.rows_done, 10);
  ASSERT_TRUE(ended.result.has_value());
  EXPECT_EQ((*ended.result)["rows"], 10);
  // Another user does not see it.
  Caller other = caller_;
  other.user_id += 1000;
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  EXPECT_EQ(GetJob(*tx, other, job.id).error().code, ErrorCode::kNotFound);
}

TEST_P(JobsTest, AFailedJobIsCleanedUpByItsKindAndItsJournalDropped) {
  Runner runner(*db_);
  int recovered = 0;
  runner.OnRecover("import", [&](Context& ctx, const Job& job) -> Status {
    ++recovered;
    SL_ASSIGN_OR_RETURN(auto tx, ctx.db().Begin(db::Mode::kRead));
    SL_ASSIGN_OR_RETURN(auto latest, LatestJournal(*tx, job.id));
    EXPECT_TRUE(latest.has_value());
    if (latest) {
      EXPECT_EQ(latest->first, 1);
    }
    return OkStatus();
  });
  runner.Start();
  SL_ASSERT_OK_AND_ASSIGN(
      Job job, runner.Submit(caller_, {"import", "people", "", false, Lang::kEn},
                             [](Context& ctx) -> Result<Json> {
                               for (int64_t chunk : {0, 1}) {
                                 SL_ASSIGN_OR_RETURN(auto tx, ctx.db().Begin(db::Mode::kWrite));
                                 SL_TRY(Journal(*tx, ctx.id(), chunk, Json::array({{7}})));
                                 SL_TRY(tx->Commit());
                               }
                               return Error::Internal("broke after two chunks");
                             }));
  const Job ended = Ended(job.id);
  EXPECT_EQ(ended.state, "failed");
  EXPECT_EQ(ended.failure, "job_interrupted");
  EXPECT_EQ(recovered, 1);
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(auto left, LatestJournal(*tx, job.id));
  EXPECT_FALSE(left.has_value());
}

TEST_P(JobsTest, TheJobOfAWorkerThatIsGoneIsClaimedCleanedUpAndFailed) {
  // A job left running by a process of this host that no longer exists, and
  // one by a live worker elsewhere that is still heard from.
  int64_t gone = 0, alive = 0;
  {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    const int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
    const std::string sql =
        "INSERT INTO job (kind, subject, user_id, username, lang, state, worker, heartbeat_s, "
        "created_at) VALUES ('import', 'people', ?, 'worker', 'zh-CN', 'running', ?, ?, ?) "
        "RETURNING id";
    SL_ASSERT_OK_AND_ASSIGN(
        gone, tx->InsertId(
                  sql, {caller_.user_id, std::string(host) + " 2147483000 dead", now, NowUtc()}));
    SL_ASSERT_OK_AND_ASSIGN(
        alive,
        tx->InsertId(sql, {caller_.user_id, std::string("elsewhere 1 busy"), now, NowUtc()}));
    SL_ASSERT_OK(tx->Commit());
  }
  Runner runner(*db_);
  std::vector<int64_t> cleaned;
  runner.OnRecover("import", [&](Context&, const Job& job) -> Status {
    cleaned.push_back(job.id);
    return OkStatus();
  });
  SL_ASSERT_OK_AND_ASSIGN(int claimed, runner.Reap());
  EXPECT_EQ(claimed, 1);
  EXPECT_EQ(cleaned, std::vector<int64_t>{gone});
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(Job failed, GetJob(*tx, caller_, gone));
  EXPECT_EQ(failed.state, "failed");
  EXPECT_EQ(ToJson(failed, Lang::kEn)["failure"]["code"], "job_interrupted");
  SL_ASSERT_OK_AND_ASSIGN(Job running, GetJob(*tx, caller_, alive));
  EXPECT_EQ(running.state, "running");
}

SL_BACKENDS(JobsTest);

}  // namespace
}  // namespace sl::jobs
