// Reads on a replica while it keeps up, everything else on the primary
// (db::ReadReplica, `serve --read-db`), on both backends. The "replica" here
// is a second database that is no standby: its lag reads as 0.

#include <gtest/gtest.h>

#include "db/db_test_support.hpp"
#include "db/replica.hpp"

namespace sl::db {
namespace {

using test_support::DbTest;
using test_support::Describe;

// The value of the one row of `where`, as seen by a transaction of `db`.
std::string Where(Database& db, Mode mode) {
  auto tx = db.Begin(mode);
  if (!tx.ok()) return "begin failed: " + Describe(tx.error());
  auto row = (*tx)->QueryOne("SELECT name FROM parent WHERE id = 1");
  if (!row.ok()) return Describe(row.error());
  return *row ? (*row)->Str(0) : "none";
}

TEST_P(DbTest, ReportsReadTheReplicaAndWriteThePrimary) {
  CreateTables();
  // A second database stands for the replica: its one row says which it is.
  std::string replica_url;
  if (GetParam() == "sqlite") {
    replica_url = "sqlite:" + dir_ + "/replica.db";
  } else {
    const std::string schema = schema_ + "_replica";
    AdminExec("CREATE SCHEMA " + schema);
    replica_url = base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
                  "options=-csearch_path%3D" + schema;
  }
  std::unique_ptr<Database> second = Open({}, replica_url);
  ASSERT_NE(second, nullptr);
  {
    auto tx = Begin(Mode::kWrite, second.get());
    ASSERT_NE(tx, nullptr);
    ASSERT_OK(tx->ExecScript("CREATE TABLE parent (id BIGINT PRIMARY KEY, name TEXT)"));
    ASSERT_OK(tx->Commit());
  }
  for (Database* db : {db_.get(), second.get()}) {
    auto tx = Begin(Mode::kWrite, db);
    ASSERT_NE(tx, nullptr);
    ASSERT_OK(tx->Exec("INSERT INTO parent (id, name) VALUES (1, ?)",
                       {std::string(db == second.get() ? "replica" : "primary")}));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto lag_tx, second->Begin(Mode::kRead));
  ASSERT_OK_AND_ASSIGN(double lag, ReplicationLag(*lag_tx));
  EXPECT_EQ(lag, 0.0);  // not a standby
  lag_tx.reset();

  {
    ReadReplica reports(*db_, std::move(second), {});
    EXPECT_EQ(Where(reports, Mode::kRead), "replica");
    EXPECT_EQ(Where(reports, Mode::kRead), "replica");
    EXPECT_EQ(Where(reports, Mode::kWrite), "primary");
    EXPECT_EQ(reports.replica_reads(), 2u);
    EXPECT_EQ(reports.primary_reads(), 0u);
    EXPECT_EQ(reports.dialect(), db_->dialect());
  }
  if (GetParam() != "sqlite") AdminExec("DROP SCHEMA " + schema_ + "_replica CASCADE");
}

}  // namespace
}  // namespace sl::db
