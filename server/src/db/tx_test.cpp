// Transactions, migrations and types on both backends.

#include <gtest/gtest.h>

#include "db/db_test_support.hpp"

namespace sl::db {
namespace {

using test_support::DbTest;
using test_support::Describe;

TEST_P(DbTest, MigrateFromEmpty) {
  ASSERT_NE(db_, nullptr);
  ASSERT_OK_AND_ASSIGN(int before, SchemaVersion(*db_));
  EXPECT_EQ(before, 0);
  Status check = CheckSchema(*db_);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(check.error().key, "schema_outdated");
  EXPECT_EQ(check.error().message.args,
            (std::vector<std::string>{"0", std::to_string(LatestSchemaVersion())}));

  ASSERT_OK(Migrate(*db_));
  ASSERT_OK_AND_ASSIGN(int after, SchemaVersion(*db_));
  EXPECT_EQ(after, LatestSchemaVersion());
  ASSERT_OK(CheckSchema(*db_));
  ASSERT_OK(Migrate(*db_));  // nothing left to do

  auto tx = Begin(Mode::kRead);
  ASSERT_NE(tx, nullptr);
  ASSERT_OK_AND_ASSIGN(
      auto rows,
      tx->Query("SELECT version, name, applied_at FROM schema_version ORDER BY version"));
  ASSERT_EQ(rows.size(), static_cast<size_t>(LatestSchemaVersion()));
  EXPECT_EQ(rows[0].Int(0), 1);
  EXPECT_EQ(rows[0].Str(1), internal::kEmbeddedMigrations[0].name);
  EXPECT_EQ(rows[0].Str(2).size(), 20u);  // 2026-01-01T00:00:00Z
  ASSERT_OK_AND_ASSIGN(auto head, tx->QueryOne("SELECT COUNT(*) FROM audit_head"));
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->Int(0), 1);
}

TEST_P(DbTest, MigrateRunsDataStepsInTheMigrationsTransaction) {
  ASSERT_NE(db_, nullptr);
  int runs = 0;
  // A failing step leaves its migration unapplied.
  DataSteps failing{{2, [&](Tx&) -> Status {
                       ++runs;
                       return Error::Internal("no");
                     }}};
  Status failed = Migrate(*db_, failing);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().detail.find("data"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(int version, SchemaVersion(*db_));
  EXPECT_EQ(version, 1);
  DataSteps counting{{2, [&](Tx& tx) -> Status {
                        ++runs;
                        // The migration's own tables exist by now.
                        auto r = tx.Query("SELECT COUNT(*) FROM person");
                        return r.ok() ? OkStatus() : Status(std::move(r).error());
                      }}};
  ASSERT_OK(Migrate(*db_, counting));
  ASSERT_OK(Migrate(*db_, counting));  // applied once only
  EXPECT_EQ(runs, 2);
}

TEST_P(DbTest, BeforeCommitRunsFirstAndAFailureCommitsNothing) {
  ASSERT_NE(db_, nullptr);
  ASSERT_OK(Migrate(*db_));
  {
    auto tx = Begin(Mode::kWrite);
    ASSERT_NE(tx, nullptr);
    tx->memo()["n"] = std::string("1");
    tx->BeforeCommit([&]() -> Status {
      auto r = tx->Exec("INSERT INTO app_secret (name, value) VALUES ('a', ?)",
                        {std::any_cast<std::string>(tx->memo()["n"])});
      return r.ok() ? OkStatus() : Status(std::move(r).error());
    });
    tx->memo()["n"] = std::string("2");
    ASSERT_OK(tx->Commit());
  }
  {
    auto tx = Begin(Mode::kWrite);
    ASSERT_NE(tx, nullptr);
    ASSERT_OK(tx->Exec("INSERT INTO app_secret (name, value) VALUES ('b', 'x')"));
    tx->BeforeCommit([]() -> Status { return Error::Internal("refused"); });
    EXPECT_FALSE(tx->Commit().ok());
  }
  auto tx = Begin(Mode::kRead);
  ASSERT_NE(tx, nullptr);
  ASSERT_OK_AND_ASSIGN(auto rows, tx->Query("SELECT name, value FROM app_secret ORDER BY name"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Str(1), "2");
}

TEST_P(DbTest, NewerSchemaIsRefused) {
  ASSERT_NE(db_, nullptr);
  ASSERT_OK(Migrate(*db_));
  {
    auto tx = Begin(Mode::kWrite);
    ASSERT_OK(tx->Exec("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                       {int64_t{LatestSchemaVersion() + 1}, std::string("future"),
                        std::string("2099-01-01T00:00:00Z")}));
    ASSERT_OK(tx->Commit());
  }
  Status check = CheckSchema(*db_);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().key, "schema_newer");
  Status migrate = Migrate(*db_);
  ASSERT_FALSE(migrate.ok());
  EXPECT_EQ(migrate.error().key, "schema_newer");
}

TEST_P(DbTest, InsertReturningIdAndQueryOne) {
  CreateTables();
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  ASSERT_OK_AND_ASSIGN(int64_t a, tx->InsertId("INSERT INTO parent (name) VALUES (?) RETURNING id",
                                               {std::string("a")}));
  ASSERT_OK_AND_ASSIGN(int64_t b, tx->InsertId("INSERT INTO parent (name) VALUES (?) RETURNING id",
                                               {std::string("b")}));
  EXPECT_GT(a, 0);
  EXPECT_GT(b, a);
  ASSERT_OK_AND_ASSIGN(auto row, tx->QueryOne("SELECT name FROM parent WHERE id = ?", {b}));
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->Str(0), "b");
  ASSERT_OK_AND_ASSIGN(auto none, tx->QueryOne("SELECT name FROM parent WHERE id = ?", {b + 100}));
  EXPECT_FALSE(none.has_value());
  ASSERT_OK_AND_ASSIGN(int64_t changed, tx->Exec("UPDATE parent SET note = ? WHERE id IN (?, ?)",
                                                 {std::string("n"), a, b}));
  EXPECT_EQ(changed, 2);
  ASSERT_OK_AND_ASSIGN(int64_t none_changed,
                       tx->Exec("UPDATE parent SET note = ? WHERE id < 0", {std::string("n")}));
  EXPECT_EQ(none_changed, 0);
  ASSERT_OK(tx->Commit());
  EXPECT_EQ(Count("parent"), 2);
}

TEST_P(DbTest, NullsRoundTrip) {
  CreateTables();
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  ASSERT_OK(tx->Exec("INSERT INTO parent (name, note, amount, ratio) VALUES (?, ?, ?, ?)",
                     {std::string("n"), Nullable(std::optional<std::string>()),
                      Nullable(std::optional<int64_t>()), std::monostate{}}));
  ASSERT_OK(tx->Exec("INSERT INTO parent (name, note, amount) VALUES (?, ?, ?)",
                     {std::string("m"), Nullable(std::optional<std::string>("x")),
                      Nullable(std::optional<int64_t>(7))}));
  ASSERT_OK_AND_ASSIGN(
      auto rows, tx->Query("SELECT note, amount, ratio, data FROM parent ORDER BY name DESC"));
  ASSERT_EQ(rows.size(), 2u);
  for (size_t i = 0; i < 4; ++i) EXPECT_TRUE(rows[0].IsNull(i)) << i;
  EXPECT_EQ(rows[0].OptStr(0), std::nullopt);
  EXPECT_EQ(rows[0].OptInt(1), std::nullopt);
  EXPECT_EQ(rows[0].Int(1), 0);
  EXPECT_EQ(rows[0].Str(0), "");
  EXPECT_EQ(rows[1].OptStr(0), "x");
  EXPECT_EQ(rows[1].OptInt(1), 7);
  // NULL matches nothing with =, and IS NULL finds it.
  ASSERT_OK_AND_ASSIGN(auto n, tx->QueryOne("SELECT COUNT(*) FROM parent WHERE note IS NULL"));
  EXPECT_EQ(n->Int(0), 1);
}

TEST_P(DbTest, Utf8ChineseRoundTrip) {
  CreateTables();
  const std::string names[] = {"楠市镇", "長沙市", "曾", "𠀋 emoji 😀",
                               "tab\tnew\nline\\ 'q' \"d\""};
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  for (const auto& n : names) {
    ASSERT_OK(tx->Exec("INSERT INTO parent (name, note) VALUES (?, ?)", {n, n + "备注"}));
  }
  ASSERT_OK(tx->Commit());
  auto rd = Begin(Mode::kRead);
  for (const auto& n : names) {
    ASSERT_OK_AND_ASSIGN(auto row,
                         rd->QueryOne("SELECT name, note FROM parent WHERE name = ?", {n}));
    ASSERT_TRUE(row.has_value()) << n;
    EXPECT_EQ(row->Str(0), n);
    EXPECT_EQ(row->Str(1), n + "备注");
  }
  ASSERT_OK_AND_ASSIGN(
      auto like, rd->Query("SELECT name FROM parent WHERE name LIKE ?", {std::string("楠%")}));
  ASSERT_EQ(like.size(), 1u);
  EXPECT_EQ(like[0].Str(0), "楠市镇");
}

TEST_P(DbTest, Int64ExtremesAndReals) {
  CreateTables();
  const int64_t values[] = {std::numeric_limits<int64_t>::min(), -1, 0, 1,
                            std::numeric_limits<int64_t>::max()};
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  int i = 0;
  for (int64_t v : values) {
    ASSERT_OK(tx->Exec("INSERT INTO parent (name, amount, ratio) VALUES (?, ?, ?)",
                       {std::to_string(i++), v, static_cast<double>(i) / 10}));
  }
  ASSERT_OK_AND_ASSIGN(auto rows, tx->Query("SELECT amount, ratio FROM parent ORDER BY amount"));
  ASSERT_EQ(rows.size(), 5u);
  for (size_t k = 0; k < 5; ++k) {
    EXPECT_EQ(rows[k].at(0), Value(values[k]));
    EXPECT_EQ(rows[k].Int(0), values[k]);
    EXPECT_EQ(rows[k].Real(1), static_cast<double>(k + 1) / 10);
  }
  ASSERT_OK_AND_ASSIGN(auto max, tx->QueryOne("SELECT name FROM parent WHERE amount = ?",
                                              {std::numeric_limits<int64_t>::max()}));
  ASSERT_TRUE(max.has_value());
  EXPECT_EQ(max->Str(0), "4");
  // Aggregates and comparisons come back as integers on both databases.
  ASSERT_OK_AND_ASSIGN(auto agg, tx->QueryOne("SELECT COUNT(*), SUM(amount), MAX(amount) > 0, "
                                              "SUM(ratio) FROM parent WHERE amount BETWEEN ? AND ?",
                                              {int64_t{-1}, int64_t{1}}));
  ASSERT_TRUE(agg.has_value());
  EXPECT_EQ(agg->at(0), Value(int64_t{3}));
  EXPECT_EQ(agg->at(1), Value(int64_t{0}));
  EXPECT_EQ(agg->at(2), Value(int64_t{1}));
  EXPECT_NEAR(agg->Real(3), 0.9, 1e-9);
}

TEST_P(DbTest, BinaryDataRoundTrip) {
  CreateTables();
  std::string bytes;
  for (int c = 0; c < 256; ++c) bytes += static_cast<char>(c);
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  ASSERT_OK(tx->Exec("INSERT INTO parent (name, data) VALUES (?, ?)", {std::string("p"), bytes}));
  ASSERT_OK(tx->BulkInsert("parent", {"name", "data"}, {{std::string("q"), bytes}}));
  ASSERT_OK_AND_ASSIGN(auto rows, tx->Query("SELECT data FROM parent ORDER BY name"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].Str(0), bytes);
  EXPECT_EQ(rows[1].Str(0), bytes);
}

TEST_P(DbTest, UniqueViolationIsConflictAndPoisonsTheTx) {
  CreateTables();
  {
    auto tx = Begin(Mode::kWrite);
    ASSERT_OK(tx->Exec("INSERT INTO parent (name) VALUES (?)", {std::string("dup")}));
    ASSERT_OK(tx->Commit());
  }
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  ASSERT_OK(tx->Exec("INSERT INTO parent (name) VALUES (?)", {std::string("other")}));
  auto r = tx->Exec("INSERT INTO parent (name) VALUES (?)", {std::string("dup")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict) << Describe(r.error());
  EXPECT_EQ(r.error().key, "db_unique");
  EXPECT_FALSE(r.error().detail.empty());
  // Later statements and the commit repeat the error; nothing was written.
  auto again = tx->Query("SELECT 1");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "db_unique");
  Status commit = tx->Commit();
  ASSERT_FALSE(commit.ok());
  EXPECT_EQ(commit.error().key, "db_unique");
  tx.reset();
  EXPECT_EQ(Count("parent"), 1);
  // The connection is fine for the next transaction.
  auto next = Begin(Mode::kWrite);
  ASSERT_OK(next->Exec("INSERT INTO parent (name) VALUES (?)", {std::string("other")}));
  ASSERT_OK(next->Commit());
  EXPECT_EQ(Count("parent"), 2);
}

TEST_P(DbTest, ForeignKeyViolationIsConflict) {
  CreateTables();
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  auto r = tx->Exec("INSERT INTO child (parent_id, label) VALUES (?, ?)",
                    {int64_t{12345}, std::string("orphan")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict) << Describe(r.error());
  EXPECT_EQ(r.error().key, "db_foreign_key");
}

TEST_P(DbTest, RollbackOnDestruction) {
  CreateTables();
  {
    auto tx = Begin(Mode::kWrite);
    ASSERT_NE(tx, nullptr);
    ASSERT_OK(tx->Exec("INSERT INTO parent (name) VALUES (?)", {std::string("gone")}));
    ASSERT_OK(tx->BulkInsert("parent", {"name"}, {{std::string("gone too")}}));
  }
  EXPECT_EQ(Count("parent"), 0);
}

TEST_P(DbTest, FinishedTxRefusesWork) {
  CreateTables();
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  ASSERT_OK(tx->Commit());
  EXPECT_FALSE(tx->Commit().ok());
  auto r = tx->Query("SELECT 1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
}

TEST_P(DbTest, ReadTxRefusesWrites) {
  CreateTables();
  auto tx = Begin(Mode::kRead);
  ASSERT_NE(tx, nullptr);
  EXPECT_FALSE(tx->Exec("INSERT INTO parent (name) VALUES (?)", {std::string("x")}).ok());
}

TEST_P(DbTest, WrongParameterCountIsAnError) {
  CreateTables();
  auto tx = Begin(Mode::kRead);
  ASSERT_NE(tx, nullptr);
  auto r = tx->Query("SELECT name FROM parent WHERE id = ? AND name = ?", {int64_t{1}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace sl::db
