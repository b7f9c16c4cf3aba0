#include "db/db.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <limits>
#include <random>
#include <thread>

#include "db/internal.hpp"

namespace sl::db {
namespace {

std::string Describe(const Error& e) {
  return "error key=" + e.key + " code=" + std::to_string(static_cast<int>(e.code)) +
         " detail=" + e.detail;
}

#define ASSERT_OK(expr)                                 \
  do {                                                  \
    auto ok_r_ = (expr);                                \
    ASSERT_TRUE(ok_r_.ok()) << Describe(ok_r_.error()); \
  } while (0)

#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(SL_CONCAT_(assign_r_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  ASSERT_TRUE(tmp.ok()) << Describe(tmp.error());  \
  lhs = std::move(tmp).value()

// ---- RewritePlaceholders -------------------------------------------------

TEST(RewritePlaceholders, NumbersInOrder) {
  EXPECT_EQ(RewritePlaceholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(RewritePlaceholders("SELECT 1"), "SELECT 1");
  EXPECT_EQ(RewritePlaceholders(""), "");
  EXPECT_EQ(RewritePlaceholders("?"), "$1");
}

TEST(RewritePlaceholders, SkipsStringLiterals) {
  EXPECT_EQ(RewritePlaceholders("SELECT '?' , ?"), "SELECT '?' , $1");
  EXPECT_EQ(RewritePlaceholders("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
  EXPECT_EQ(RewritePlaceholders("SELECT '', ?, ''''"), "SELECT '', $1, ''''");
  EXPECT_EQ(RewritePlaceholders("SELECT E'a\\'?', ?"), "SELECT E'a\\'?', $1");
  // Outside an E-string a backslash is an ordinary character.
  EXPECT_EQ(RewritePlaceholders("SELECT 'a\\', ?"), "SELECT 'a\\', $1");
  EXPECT_EQ(RewritePlaceholders("SELECT $$ ? $$, $tag$ ?'$ $tag$, ?"),
            "SELECT $$ ? $$, $tag$ ?'$ $tag$, $1");
  // Unterminated: copied as is, nothing rewritten inside.
  EXPECT_EQ(RewritePlaceholders("SELECT ?, 'open ?"), "SELECT $1, 'open ?");
}

TEST(RewritePlaceholders, SkipsQuotedIdentifiers) {
  EXPECT_EQ(RewritePlaceholders("SELECT \"a?\" FROM \"t\"\"?\" WHERE x = ?"),
            "SELECT \"a?\" FROM \"t\"\"?\" WHERE x = $1");
}

TEST(RewritePlaceholders, SkipsComments) {
  EXPECT_EQ(RewritePlaceholders("SELECT ? -- why? because\n, ?"),
            "SELECT $1 -- why? because\n, $2");
  EXPECT_EQ(RewritePlaceholders("SELECT ? /* a ? /* nested ? */ still ? */ , ?"),
            "SELECT $1 /* a ? /* nested ? */ still ? */ , $2");
  EXPECT_EQ(RewritePlaceholders("SELECT ? -- trailing ?"), "SELECT $1 -- trailing ?");
  EXPECT_EQ(RewritePlaceholders("SELECT 4 - ?, 8 / ?"), "SELECT 4 - $1, 8 / $2");
}

TEST(RewritePlaceholders, DoubleQuestionMarkIsALiteral) {
  EXPECT_EQ(RewritePlaceholders("SELECT data ?? 'k' FROM t WHERE id = ?"),
            "SELECT data ? 'k' FROM t WHERE id = $1");
  EXPECT_EQ(RewritePlaceholders("???"), "?$1");
}

TEST(Row, Accessors) {
  Row r({std::monostate{}, int64_t{42}, 2.5, std::string("17"), std::string("x")});
  EXPECT_TRUE(r.IsNull(0));
  EXPECT_EQ(r.Int(0), 0);
  EXPECT_EQ(r.Str(0), "");
  EXPECT_EQ(r.OptInt(0), std::nullopt);
  EXPECT_EQ(r.OptStr(0), std::nullopt);
  EXPECT_EQ(r.Int(1), 42);
  EXPECT_EQ(r.Str(1), "42");
  EXPECT_DOUBLE_EQ(r.Real(1), 42.0);
  EXPECT_EQ(r.Int(2), 2);
  EXPECT_EQ(r.Str(2), "2.5");
  EXPECT_EQ(r.Int(3), 17);
  EXPECT_DOUBLE_EQ(r.Real(3), 17.0);
  EXPECT_EQ(r.OptInt(3), 17);
  EXPECT_EQ(r.Int(4), 0);
  EXPECT_EQ(r.OptStr(4), "x");
  EXPECT_EQ(Nullable(std::optional<int64_t>()), Value(std::monostate{}));
  EXPECT_EQ(Nullable(std::optional<std::string>("a")), Value(std::string("a")));
}

TEST(Open, RejectsUnknownUrls) {
  for (const char* url : {"mysql://x", "sqlite:", "", "sqlite::memory:", "postgresql://[::1/db",
                          "postgres://h/db?nosuchparam=1"}) {
    auto db = Database::Open(url);
    ASSERT_FALSE(db.ok()) << url;
    EXPECT_EQ(db.error().code, ErrorCode::kBadRequest) << url;
    EXPECT_EQ(db.error().key, "bad_db_url") << url;
    EXPECT_TRUE(HasMessage("bad_db_url"));
  }
}

TEST(Open, MissingSqliteFolderIsUnavailable) {
  auto db = Database::Open("sqlite:/nonexistent-sl-dir/x.db");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable) << Describe(db.error());
}

TEST(Open, UnreachablePostgresIsUnavailable) {
  auto db = Database::Open("postgresql:///x?host=/nonexistent-sl-dir&user=postgres");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable) << Describe(db.error());
}

TEST(Migrations, EmbeddedAndRenderForBothDialects) {
  ASSERT_GT(internal::kEmbeddedMigrationCount, 0u);
  EXPECT_EQ(LatestSchemaVersion(), static_cast<int>(internal::kEmbeddedMigrationCount));
  for (size_t i = 0; i < internal::kEmbeddedMigrationCount; ++i) {
    const auto& m = internal::kEmbeddedMigrations[i];
    EXPECT_EQ(m.version, static_cast<int>(i) + 1);
    for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
      ASSERT_OK_AND_ASSIGN(std::string sql, internal::RenderMigration(m, d));
      EXPECT_EQ(sql.find("{{"), std::string::npos);
    }
  }
  for (const char* key : {"schema_outdated", "schema_newer", "db_unique", "db_foreign_key"}) {
    EXPECT_TRUE(HasMessage(key)) << key;
  }
}

TEST(Migrations, RenderSubstitutesPerDialect) {
  internal::EmbeddedMigration m{1, "t", "CREATE TABLE t (id {{id}}, p {{text_c}}, b {{blob}})",
                                nullptr, nullptr};
  ASSERT_OK_AND_ASSIGN(std::string lite, internal::RenderMigration(m, Dialect::kSqlite));
  EXPECT_EQ(lite, "CREATE TABLE t (id INTEGER PRIMARY KEY, p TEXT, b BLOB)");
  ASSERT_OK_AND_ASSIGN(std::string pg, internal::RenderMigration(m, Dialect::kPostgres));
  EXPECT_EQ(pg,
            "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
            "p TEXT COLLATE \"C\", b BYTEA)");
  internal::EmbeddedMigration bad{2, "bad", "CREATE TABLE t (x {{nope}})", nullptr, nullptr};
  EXPECT_FALSE(internal::RenderMigration(bad, Dialect::kSqlite).ok());
}

// ---- The same cases on both backends -------------------------------------

std::string RandomSuffix() {
  std::random_device rd;
  std::mt19937_64 gen(rd() ^ static_cast<uint64_t>(getpid()));
  const char* digits = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 12; ++i) s += digits[gen() % 16];
  return s;
}

class DbTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      std::string tmpl = (std::filesystem::temp_directory_path() / "sl-db-test.XXXXXX").string();
      ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
      dir_ = tmpl;
      url_ = "sqlite:" + dir_ + "/test.db";
    } else {
      const char* pg = std::getenv("SL_TEST_PG_URL");
      if (!pg || !*pg) {
        GTEST_SKIP() << "SL_TEST_PG_URL is not set, so the PostgreSQL cases are skipped; "
                        "scripts/pg-start DIR starts a throwaway server and prints its URL "
                        "(`make test` does this)";
      }
      // Each test gets a schema of its own, dropped afterwards.
      base_url_ = pg;
      schema_ = "sl_test_" + RandomSuffix();
      AdminExec("CREATE SCHEMA " + schema_);
      if (HasFatalFailure()) return;
      url_ = base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
             "options=-csearch_path%3D" + schema_;
    }
    db_ = Open({});
  }

  void TearDown() override {
    db_.reset();
    if (!schema_.empty()) AdminExec("DROP SCHEMA " + schema_ + " CASCADE");
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  void AdminExec(const std::string& sql) {
    auto admin = Database::Open(base_url_, {.pool_size = 1});
    ASSERT_TRUE(admin.ok()) << Describe(admin.error());
    auto tx = (*admin)->Begin(Mode::kWrite);
    ASSERT_TRUE(tx.ok()) << Describe(tx.error());
    ASSERT_OK((*tx)->ExecScript(sql));
    ASSERT_OK((*tx)->Commit());
  }

  std::unique_ptr<Database> Open(const OpenOptions& options, const std::string& url = "") {
    auto db = Database::Open(url.empty() ? url_ : url, options);
    EXPECT_TRUE(db.ok()) << Describe(db.error());
    return db.ok() ? std::move(db).value() : nullptr;
  }

  std::unique_ptr<Tx> Begin(Mode mode, Database* db = nullptr) {
    auto tx = (db ? db : db_.get())->Begin(mode);
    EXPECT_TRUE(tx.ok()) << Describe(tx.error());
    return tx.ok() ? std::move(tx).value() : nullptr;
  }

  // Test tables, written with the migration placeholders.
  void CreateTables() {
    ASSERT_NE(db_, nullptr);
    internal::EmbeddedMigration m{0, "test", R"(
      CREATE TABLE parent (
        id {{id}},
        name {{text_c}} NOT NULL UNIQUE,
        note TEXT,
        amount BIGINT,
        ratio DOUBLE PRECISION,
        data {{blob}}
      );
      CREATE TABLE child (
        id {{id}},
        parent_id BIGINT NOT NULL REFERENCES parent(id),
        label TEXT
      );)",
                                  nullptr, nullptr};
    ASSERT_OK_AND_ASSIGN(std::string sql, internal::RenderMigration(m, db_->dialect()));
    auto tx = Begin(Mode::kWrite);
    ASSERT_NE(tx, nullptr);
    ASSERT_OK(tx->ExecScript(sql));
    ASSERT_OK(tx->Commit());
  }

  int64_t Count(const std::string& table) {
    auto tx = Begin(Mode::kRead);
    if (!tx) return -1;
    auto row = tx->QueryOne("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(row.ok()) << Describe(row.error());
    return row.ok() && *row ? (*row)->Int(0) : -1;
  }

  std::string dir_, url_, base_url_, schema_;
  std::unique_ptr<Database> db_;
};

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
  AdminExec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" +
            app + "'");
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

INSTANTIATE_TEST_SUITE_P(Backends, DbTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace sl::db
