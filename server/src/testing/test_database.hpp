#pragma once
// A fresh, migrated database for tests: a SQLite file in a temporary folder, or
// a schema of its own in the PostgreSQL server named by SL_TEST_PG_URL (which
// `make test` starts). Removed again when the object goes away.

#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "db/db.hpp"

namespace sl::testing {

class TestDatabase {
 public:
  // backend: "sqlite" or "postgres". When PostgreSQL is not configured,
  // `skip_reason` is set and db() is null.
  explicit TestDatabase(const std::string& backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  db::Database* db() { return db_.get(); }
  const std::string& url() const { return url_; }
  // Why there is no database: PostgreSQL not configured, or an error.
  const std::string& skip_reason() const { return skip_reason_; }
  const std::string& error() const { return error_; }

 private:
  Status AdminExec(const std::string& sql);
  std::string dir_, base_url_, schema_, url_, skip_reason_, error_;
  std::unique_ptr<db::Database> db_;
};

// The repository's folder (tests read data/ from it); from SL_SOURCE_DIR.
std::string SourceDir();

}  // namespace sl::testing
