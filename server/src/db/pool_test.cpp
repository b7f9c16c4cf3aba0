// Ids, statistics, streaming, bulk loads and the connection pool on both backends.

#include <gtest/gtest.h>

#include "db/db_test_support.hpp"

namespace sl::db {
namespace {

using test_support::DbTest;
using test_support::Describe;

TEST_P(DbTest, ReservedIdsAreNewAndLaterInsertsDoNotCollide) {
  CreateTables();
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  ASSERT_OK_AND_ASSIGN(int64_t first, tx->InsertId("INSERT INTO parent (name) VALUES ('a') "
                                                   "RETURNING id"));
  ASSERT_OK_AND_ASSIGN(auto ids, tx->ReserveIds("parent", 3));
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_GT(ids[0], first);
  EXPECT_LT(ids[0], ids[1]);
  EXPECT_LT(ids[1], ids[2]);
  // Reserved again before inserting: still new.
  ASSERT_OK_AND_ASSIGN(auto more, tx->ReserveIds("parent", 2));
  EXPECT_GT(more[0], ids[2]);
  std::vector<Params> rows;
  for (int64_t id : ids) rows.push_back({id, "r" + std::to_string(id)});
  for (int64_t id : more) rows.push_back({id, "r" + std::to_string(id)});
  ASSERT_OK(tx->BulkInsert("parent", {"id", "name"}, rows));
  // A row given no id lands after them all.
  ASSERT_OK_AND_ASSIGN(int64_t last, tx->InsertId("INSERT INTO parent (name) VALUES ('z') "
                                                  "RETURNING id"));
  EXPECT_GT(last, more[1]);
  EXPECT_FALSE(tx->ReserveIds("parent; DROP TABLE x", 1).ok());
  ASSERT_OK_AND_ASSIGN(auto none, tx->ReserveIds("parent", 0));
  EXPECT_TRUE(none.empty());
  ASSERT_OK(tx->Commit());
}

TEST_P(DbTest, StatisticsRefreshInsideATransaction) {
  CreateTables();
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  std::vector<Params> rows;
  for (int i = 0; i < 500; ++i) rows.push_back({"s" + std::to_string(i), int64_t{i}});
  ASSERT_OK(tx->BulkInsert("parent", {"name", "amount"}, rows));
  ASSERT_OK(tx->RefreshStatistics("parent"));
  EXPECT_FALSE(tx->RefreshStatistics("parent; DROP TABLE parent").ok());
  ASSERT_OK(tx->Commit());
}

TEST_P(DbTest, ABulkTransactionWidensTheCacheAndGivesItBackWhenItEnds) {
  CreateTables();
  // SQLite's writer: its page cache and temp store, as a later transaction
  // on the same connection sees them.
  const auto settings = [&]() -> std::string {
    auto tx = Begin(Mode::kWrite);
    if (tx->dialect() != Dialect::kSqlite) return "";
    auto cache = tx->QueryOne("PRAGMA cache_size");
    auto temp = tx->QueryOne("PRAGMA temp_store");
    return (*cache)->Str(0) + " " + (*temp)->Str(0);
  };
  const std::string before = settings();
  for (bool commit : {true, false}) {
    {
      auto tx = Begin(Mode::kWrite);
      ASSERT_NE(tx, nullptr);
      ASSERT_OK(tx->ForBulkWrites());
      ASSERT_OK(tx->ForBulkWrites());  // twice is once
      if (tx->dialect() == Dialect::kSqlite) {
        ASSERT_OK_AND_ASSIGN(auto cache, tx->QueryOne("PRAGMA cache_size"));
        EXPECT_EQ(cache->Int(0), -Tx::kBulkCacheKiB);
        ASSERT_OK_AND_ASSIGN(auto temp, tx->QueryOne("PRAGMA temp_store"));
        EXPECT_EQ(temp->Int(0), 2);  // MEMORY
      }
      std::vector<Params> rows;
      for (int i = 0; i < 200; ++i)
        rows.push_back({(commit ? "c" : "r") + std::to_string(i), int64_t{i}});
      ASSERT_OK(tx->BulkInsert("parent", {"name", "amount"}, rows));
      if (commit) ASSERT_OK(tx->Commit());
    }  // else rolled back here
    EXPECT_EQ(settings(), before) << (commit ? "after a commit" : "after a rollback");
  }
  auto tx = Begin(Mode::kRead);
  ASSERT_OK_AND_ASSIGN(auto n, tx->QueryOne("SELECT COUNT(*) FROM parent"));
  EXPECT_EQ(n->Int(0), 200);
  ASSERT_OK(tx->ForBulkWrites());  // a reader: nothing to widen
}

TEST_P(DbTest, AllStatisticsRefreshOnSqliteAndAreLeftToAutovacuumOnPostgres) {
  CreateTables();
  {
    auto tx = Begin(Mode::kWrite);
    ASSERT_NE(tx, nullptr);
    std::vector<Params> rows;
    for (int i = 0; i < 300; ++i) rows.push_back({"s" + std::to_string(i), int64_t{i}});
    ASSERT_OK(tx->BulkInsert("parent", {"name", "amount"}, rows));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK(RefreshAllStatistics(*db_));
  if (db_->dialect() == Dialect::kSqlite) {
    auto tx = Begin(Mode::kRead);
    ASSERT_NE(tx, nullptr);
    ASSERT_OK_AND_ASSIGN(auto stat, tx->QueryOne("SELECT COUNT(*) FROM sqlite_stat1"));
    EXPECT_GT(stat->Int(0), 0);
  }
}

TEST_P(DbTest, ForEachStreamsAndStopsEarly) {
  CreateTables();
  constexpr int kRows = 2500;  // more than one PostgreSQL cursor batch
  {
    std::vector<Params> rows;
    for (int i = 0; i < kRows; ++i) rows.push_back({std::to_string(100000 + i), int64_t{i}});
    auto tx = Begin(Mode::kWrite);
    ASSERT_OK(tx->BulkInsert("parent", {"name", "amount"}, rows));
    ASSERT_OK(tx->Commit());
  }
  auto tx = Begin(Mode::kRead);
  ASSERT_NE(tx, nullptr);
  int64_t seen = 0, sum = 0;
  ASSERT_OK(tx->ForEach("SELECT amount FROM parent WHERE amount >= ? ORDER BY amount", {int64_t{0}},
                        [&](const Row& r) -> Status {
                          EXPECT_EQ(r.Int(0), seen);
                          ++seen;
                          sum += r.Int(0);
                          return OkStatus();
                        }));
  EXPECT_EQ(seen, kRows);
  EXPECT_EQ(sum, int64_t{kRows} * (kRows - 1) / 2);

  seen = 0;
  Status stopped =
      tx->ForEach("SELECT amount FROM parent ORDER BY amount", {}, [&](const Row& r) -> Status {
        if (++seen == 10) return Error::NotFound("stop_here");
        // The callback may use the same Tx.
        auto inner = tx->QueryOne("SELECT name FROM parent WHERE amount = ?", {r.Int(0)});
        EXPECT_TRUE(inner.ok() && inner->has_value());
        return OkStatus();
      });
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.error().key, "stop_here");
  EXPECT_EQ(seen, 10);
  // The Tx is still usable, and the same ForEach runs again.
  ASSERT_OK_AND_ASSIGN(auto n, tx->QueryOne("SELECT COUNT(*) FROM parent"));
  EXPECT_EQ(n->Int(0), kRows);
  seen = 0;
  ASSERT_OK(tx->ForEach("SELECT amount FROM parent ORDER BY amount", {}, [&](const Row&) {
    ++seen;
    return OkStatus();
  }));
  EXPECT_EQ(seen, kRows);
}

TEST_P(DbTest, BulkInsert10kRows) {
  CreateTables();
  constexpr int kRows = 10000;
  std::vector<Params> rows;
  rows.reserve(kRows);
  for (int i = 0; i < kRows; ++i) {
    Value note =
        i % 7 == 0 ? Value(std::monostate{}) : Value("行 " + std::to_string(i) + "\t\\N\n\r\\ end");
    rows.push_back({"n" + std::to_string(i), note, int64_t{i} * 1000000007, i * 0.5});
  }
  auto started = std::chrono::steady_clock::now();
  {
    auto tx = Begin(Mode::kWrite);
    ASSERT_NE(tx, nullptr);
    ASSERT_OK(tx->BulkInsert("parent", {"name", "note", "amount", "ratio"}, rows));
    ASSERT_OK(tx->BulkInsert("parent", {"name"}, {}));
    ASSERT_OK(tx->Commit());
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  started);
  RecordProperty("bulk_insert_10k_ms", static_cast<int>(ms.count()));
  EXPECT_EQ(Count("parent"), kRows);
  auto tx = Begin(Mode::kRead);
  ASSERT_OK_AND_ASSIGN(
      auto rows_back, tx->Query("SELECT name, note, amount, ratio FROM parent WHERE name IN (?, ?)",
                                {std::string("n7"), std::string("n9999")}));
  ASSERT_EQ(rows_back.size(), 2u);
  for (const Row& r : rows_back) {
    if (r.Str(0) == "n7") {
      EXPECT_TRUE(r.IsNull(1));
      EXPECT_EQ(r.Int(2), int64_t{7} * 1000000007);
    } else {
      EXPECT_EQ(r.Str(1), "行 9999\t\\N\n\r\\ end");
      EXPECT_EQ(r.Int(2), int64_t{9999} * 1000000007);
      EXPECT_EQ(r.Real(3), 4999.5);
    }
  }
}

TEST_P(DbTest, BulkInsertConflictAndBadInput) {
  CreateTables();
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  auto bad_name = tx->BulkInsert("parent; DROP TABLE parent", {"name"}, {{std::string("x")}});
  EXPECT_FALSE(bad_name.ok());
  auto bad_row = tx->BulkInsert("parent", {"name", "note"}, {{std::string("x")}});
  EXPECT_FALSE(bad_row.ok());
  auto dup = tx->BulkInsert("parent", {"name"}, {{std::string("x")}, {std::string("x")}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().key, "db_unique") << Describe(dup.error());
}

TEST_P(DbTest, ReadersRunWhileAWriterHoldsATx) {
  CreateTables();
  {
    auto tx = Begin(Mode::kWrite);
    ASSERT_OK(tx->Exec("INSERT INTO parent (name) VALUES (?)", {std::string("committed")}));
    ASSERT_OK(tx->Commit());
  }
  auto writer = Begin(Mode::kWrite);
  ASSERT_NE(writer, nullptr);
  ASSERT_OK(writer->Exec("INSERT INTO parent (name) VALUES (?)", {std::string("pending")}));

  // Three readers, each inside its transaction at the same time as the others
  // and as the writer; each sees only the committed row.
  constexpr int kReaders = 3;
  std::atomic<int> inside{0};
  std::vector<std::future<int64_t>> results;
  for (int i = 0; i < kReaders; ++i) {
    results.push_back(std::async(std::launch::async, [&]() -> int64_t {
      auto tx = db_->Begin(Mode::kRead);
      if (!tx.ok()) return -1;
      auto first = (*tx)->QueryOne("SELECT COUNT(*) FROM parent");
      ++inside;
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (inside.load() < kReaders && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      auto second = (*tx)->QueryOne("SELECT COUNT(*) FROM parent");
      if (!first.ok() || !second.ok() || inside.load() < kReaders) return -2;
      return (**first).Int(0) * 10 + (**second).Int(0);
    }));
  }
  for (auto& f : results) {
    ASSERT_EQ(f.wait_for(std::chrono::seconds(20)), std::future_status::ready)
        << "a reader was blocked by the writer";
    EXPECT_EQ(f.get(), 11);
  }
  ASSERT_OK(writer->Commit());
  EXPECT_EQ(Count("parent"), 2);
}

TEST_P(DbTest, BeginTimesOutWhenNothingIsFree) {
  ASSERT_NE(db_, nullptr);
  auto db = Open({.pool_size = 1, .busy_timeout_ms = 1000, .acquire_timeout_ms = 500});
  ASSERT_NE(db, nullptr);
  // SQLite: one writer; PostgreSQL: one pooled connection.
  auto held = Begin(Mode::kWrite, db.get());
  ASSERT_NE(held, nullptr);
  auto started = std::chrono::steady_clock::now();
  auto second = db->Begin(Mode::kWrite);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(450));
  // A waiting Begin gets the writer as soon as it is given back.
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    held.reset();
  });
  auto third = db->Begin(Mode::kWrite);
  release.join();
  EXPECT_TRUE(third.ok()) << Describe(third.error());
}

TEST_P(DbTest, TextCIsBytewise) {
  CreateTables();
  auto tx = Begin(Mode::kWrite);
  ASSERT_NE(tx, nullptr);
  for (const char* name : {"43/43110", "43/4311/431127/", "43/4311/", "a", "B", "43/4312/", "长"}) {
    ASSERT_OK(tx->Exec("INSERT INTO parent (name) VALUES (?)", {std::string(name)}));
  }
  ASSERT_OK_AND_ASSIGN(auto rows, tx->Query("SELECT name FROM parent ORDER BY name"));
  std::vector<std::string> got;
  for (const Row& r : rows) got.push_back(r.Str(0));
  EXPECT_EQ(got, (std::vector<std::string>{"43/4311/", "43/4311/431127/", "43/43110", "43/4312/",
                                           "B", "a", "长"}));
  ASSERT_OK_AND_ASSIGN(auto lt, tx->QueryOne("SELECT COUNT(*) FROM parent WHERE name < ?",
                                             {std::string("43/43110")}));
  EXPECT_EQ(lt->Int(0), 2);
  // A subtree is the range [prefix, upper bound).
  ASSERT_OK_AND_ASSIGN(
      auto subtree, tx->Query("SELECT name FROM parent WHERE name >= ? AND name < ? ORDER BY name",
                              {std::string("43/4311/"), std::string("43/43110")}));
  ASSERT_EQ(subtree.size(), 2u);
  EXPECT_EQ(subtree[1].Str(0), "43/4311/431127/");
}

TEST_P(DbTest, SchemaChangesReachEveryPooledConnection) {
  CreateTables();
  auto db = Open({.pool_size = 2});
  ASSERT_NE(db, nullptr);
  const std::string query = "SELECT * FROM parent WHERE id > ?";
  auto columns_on_two_connections = [&]() -> std::vector<size_t> {
    auto a = Begin(Mode::kRead, db.get());
    auto b = Begin(Mode::kRead, db.get());
    std::vector<size_t> out;
    for (Tx* tx : {a.get(), b.get()}) {
      if (!tx) return {};
      auto rows = tx->Query(query, {int64_t{-1}});
      EXPECT_TRUE(rows.ok()) << Describe(rows.error());
      if (rows.ok() && !rows->empty()) out.push_back(rows->front().size());
    }
    return out;
  };
  {
    auto tx = Begin(Mode::kWrite, db.get());
    ASSERT_OK(tx->Exec("INSERT INTO parent (name) VALUES (?)", {std::string("x")}));
    ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(columns_on_two_connections(), (std::vector<size_t>{6, 6}));
  {
    auto tx = Begin(Mode::kWrite, db.get());
    ASSERT_OK(tx->ExecScript("ALTER TABLE parent ADD COLUMN extra TEXT"));
    ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(columns_on_two_connections(), (std::vector<size_t>{7, 7}));
}

TEST_P(DbTest, AReportPlansEachRunForItsTransactionOnly) {
  CreateTables();
  auto db = Open({.pool_size = 1});
  ASSERT_NE(db, nullptr);
  const bool pg = GetParam() == "postgres";
  for (Mode mode : {Mode::kRead, Mode::kWrite}) {
    {
      auto tx = Begin(mode, db.get());
      ASSERT_NE(tx, nullptr);
      ASSERT_OK(tx->PlanEachRun());
      ASSERT_OK_AND_ASSIGN(auto n, tx->QueryOne("SELECT COUNT(*) FROM parent"));
      EXPECT_EQ(n->Int(0), 0);
      if (pg) {
        ASSERT_OK_AND_ASSIGN(auto mode_row, tx->QueryOne("SHOW plan_cache_mode"));
        EXPECT_EQ(mode_row->Str(0), "force_custom_plan");
      }
      if (mode == Mode::kWrite) ASSERT_OK(tx->Commit());
    }
    if (!pg) continue;
    // The same pooled connection, the next request: cached plans again.
    auto next = Begin(Mode::kRead, db.get());
    ASSERT_OK_AND_ASSIGN(auto mode_row, next->QueryOne("SHOW plan_cache_mode"));
    EXPECT_EQ(mode_row->Str(0), "auto");
  }
}

TEST_P(DbTest, PostgresReconnectsAfterLosingItsConnections) {
  if (GetParam() != "postgres") GTEST_SKIP() << "PostgreSQL only";
  CreateTables();
  // A name of our own, so that only this test's sessions are ended and other
  // test programs sharing the server carry on.
  const std::string app = "sl_reconnect_" + schema_;
  auto db = Open({.pool_size = 2}, url_ + "&application_name=" + app);
  ASSERT_NE(db, nullptr);
  {
    auto a = Begin(Mode::kRead, db.get());
    auto b = Begin(Mode::kRead, db.get());
    ASSERT_NE(b, nullptr);
  }
  // As a server restart would.
  const std::string terminate =
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + app +
      "'";
  AdminExec(terminate);
  // A read sends no BEGIN: its first statement finds the connection gone,
  // reconnects and runs again.
  for (int i = 0; i < 2; ++i) {
    auto a = Begin(Mode::kRead, db.get());
    auto b = Begin(Mode::kRead, db.get());
    ASSERT_NE(b, nullptr);
    ASSERT_OK_AND_ASSIGN(auto one, a->QueryOne("SELECT COUNT(*) FROM parent"));
    ASSERT_OK_AND_ASSIGN(auto two, b->QueryOne("SELECT COUNT(*) FROM parent"));
    EXPECT_EQ(one->Int(0), 0);
    EXPECT_EQ(two->Int(0), 0);
  }
  // A report's first contact is its BEGIN (with the SET LOCAL): the same.
  AdminExec(terminate);
  for (int i = 0; i < 2; ++i) {
    auto a = Begin(Mode::kRead, db.get());
    auto b = Begin(Mode::kRead, db.get());
    ASSERT_NE(b, nullptr);
    ASSERT_OK(a->PlanEachRun());
    ASSERT_OK(b->PlanEachRun());
    ASSERT_OK_AND_ASSIGN(auto one, a->QueryOne("SHOW plan_cache_mode"));
    EXPECT_EQ(one->Str(0), "force_custom_plan");
  }
  AdminExec(terminate);
  for (int i = 0; i < 3; ++i) {
    auto tx = Begin(Mode::kWrite, db.get());
    ASSERT_NE(tx, nullptr);
    ASSERT_OK(tx->Exec("INSERT INTO parent (name) VALUES (?)", {std::to_string(i)}));
    ASSERT_OK(tx->Commit());
  }
  auto tx = Begin(Mode::kRead, db.get());
  ASSERT_OK_AND_ASSIGN(auto n, tx->QueryOne("SELECT COUNT(*) FROM parent"));
  EXPECT_EQ(n->Int(0), 3);
}

}  // namespace
}  // namespace sl::db
