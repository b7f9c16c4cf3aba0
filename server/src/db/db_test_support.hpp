#pragma once
// What the database module's tests share: error descriptions and assertion
// macros, and the fixture that gives each test a fresh database on SQLite and
// on PostgreSQL (when SL_TEST_PG_URL names a server). Tests only.

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

#include "db/db.hpp"
#include "db/internal.hpp"

namespace sl::db::test_support {

inline std::string Describe(const Error& e) {
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

inline std::string RandomSuffix() {
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

}  // namespace sl::db::test_support
