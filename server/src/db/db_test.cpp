#include "db/db.hpp"

#include <gtest/gtest.h>

#include "db/db_test_support.hpp"
#include "db/internal.hpp"
#include "testing/expect.hpp"

namespace sl::db {
namespace {

using sl::testing::ExpectAll;
using sl::testing::ExpectEach;

using test_support::DbTest;
using test_support::Describe;

// ---- RewritePlaceholders -------------------------------------------------

TEST(RewritePlaceholders, NumbersInOrder) {
  EXPECT_EQ(RewritePlaceholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  ExpectEach(RewritePlaceholders, {{"SELECT 1", "SELECT 1"}, {"", ""}, {"?", "$1"}});
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

INSTANTIATE_TEST_SUITE_P(Backends, DbTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace sl::db
