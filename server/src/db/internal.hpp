#pragma once
// Shared by db.cpp, migrations.cpp and the two backends; not for feature code.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "db/db.hpp"

namespace sl::db::internal {

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const OpenOptions& options);
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& conninfo,
                                               const OpenOptions& options);

// Whether `name` is a lowercase SQL identifier ([a-z_][a-z0-9_]*), the only
// table and column names BulkInsert accepts: they are spliced into SQL.
bool IsPlainIdentifier(std::string_view name);
// The quoted column list of a bulk insert ("a", "b"), after checking the
// table's and the columns' names (Internal when one is not plain, or none).
Result<std::string> BulkColumnList(std::string_view table, const std::vector<std::string>& columns);

// Shortest text that reads back as the same double; PostgreSQL spellings for
// the non-finite values.
std::string FormatDouble(double v);

// Tracks whether a transaction is still usable. After a statement fails the
// transaction is poisoned and every later call repeats that error: PostgreSQL
// aborts the whole transaction on any error, and SQLite is made to behave the
// same so that code tested on one works on the other.
class TxState {
 public:
  // An error if the transaction is finished or poisoned.
  Status Check() const;
  // Records a database error (poisoning the transaction) and returns it.
  Error Fail(Error e);
  void Finish() { finished_ = true; }
  bool finished() const { return finished_; }
  bool failed() const { return failed_; }
  // Why a commit cannot go ahead (already finished, or poisoned: then
  // `finish` releases the transaction first); nullopt when it can.
  template <class Finish>
  std::optional<Status> CommitRefused(Finish&& finish) {
    if (finished_) return Status(Error::Internal("transaction already finished"));
    if (!failed_) return std::nullopt;
    Status s = Check();
    finish();
    return s;
  }

 private:
  bool finished_ = false;
  bool failed_ = false;
  Error error_;
};

// A migration as embedded by embed_migrations.cmake. Either `common` is set, or
// both `sqlite` and `postgres` are.
struct EmbeddedMigration {
  int version;
  const char* name;
  const char* common;
  const char* sqlite;
  const char* postgres;
};
extern const EmbeddedMigration kEmbeddedMigrations[];
extern const size_t kEmbeddedMigrationCount;

// A migration's text for `dialect` with {{id}}, {{text_c}} and {{blob}}
// replaced; an error on any other {{...}}.
Result<std::string> RenderMigration(const EmbeddedMigration& m, Dialect dialect);

}  // namespace sl::db::internal
