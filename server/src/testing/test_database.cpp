#include "testing/test_database.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

namespace sl::testing {

namespace {
std::string RandomSuffix() {
  static const char kDigits[] = "0123456789abcdef";
  std::random_device rd;
  std::string s;
  for (int i = 0; i < 12; ++i) s += kDigits[rd() % 16];
  return s;
}
std::string Describe(const Error& e) { return e.key + ": " + e.detail; }
}  // namespace

TestDatabase::TestDatabase(const std::string& backend) {
  if (backend == "sqlite") {
    std::string tmpl = (std::filesystem::temp_directory_path() / "sl-test.XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
      error_ = "mkdtemp failed";
      return;
    }
    dir_ = tmpl;
    url_ = "sqlite:" + dir_ + "/test.db";
  } else {
    const char* pg = std::getenv("SL_TEST_PG_URL");
    if (!pg || !*pg) {
      skip_reason_ = "SL_TEST_PG_URL is not set (make test starts a throwaway PostgreSQL)";
      return;
    }
    base_url_ = pg;
    schema_ = "sl_test_" + RandomSuffix();
    if (auto st = AdminExec("CREATE SCHEMA " + schema_); !st.ok()) {
      error_ = Describe(st.error());
      schema_.clear();
      return;
    }
    url_ = base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema_;
  }
  auto db = db::Database::Open(url_);
  if (!db.ok()) {
    error_ = Describe(db.error());
    return;
  }
  if (auto st = db::Migrate(**db); !st.ok()) {
    error_ = Describe(st.error());
    return;
  }
  db_ = std::move(db).value();
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!schema_.empty()) (void)AdminExec("DROP SCHEMA " + schema_ + " CASCADE");
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

Status TestDatabase::AdminExec(const std::string& sql) {
  SL_ASSIGN_OR_RETURN(auto admin, db::Database::Open(base_url_, {.pool_size = 1}));
  SL_ASSIGN_OR_RETURN(auto tx, admin->Begin(db::Mode::kWrite));
  SL_TRY(tx->ExecScript(sql));
  return tx->Commit();
}

std::string SourceDir() {
  const char* dir = std::getenv("SL_SOURCE_DIR");
  return dir && *dir ? dir : ".";
}

}  // namespace sl::testing
